"""USDA's own abbreviations (SR28 short descriptions) read as the words they stand for: "ckd" is cooked."""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from mgcheck.matching import bundled_index, word_equivalents
from mgcheck.resources import bundled_foods
from mgcheck.text import normalise

ROOT = Path(__file__).resolve().parent.parent
SR28 = ROOT.parent / "shared" / "data" / "usda-sr28"
TABLE = ROOT / "mgcheck" / "data" / "usda_abbreviations.csv"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_abbreviations", ROOT / "scripts" / "build_abbreviations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("ckd brown rice", "20037"),  # Rice, brown, long-grain, cooked
        ("whl milk", "01077"),  # Milk, whole, 3.25% milkfat
        ("bkd potato", "11674"),  # Potatoes, baked, flesh and skin
        ("pnut butter", "16098"),  # Peanut butter, smooth style
        ("crm cheese", "01017"),  # Cheese, cream
        ("cnd tuna", "15121"),  # Fish, tuna, light, canned in water
        ("evap milk", "01096"),  # Milk, canned, evaporated
        ("unswtnd almond milk", "14091"),  # Beverages, almond milk, unsweetened
    ],
)
def test_a_text_in_usdas_abbreviations_matches_its_food(text: str, food_id: str) -> None:
    """Each of these was unmatched ('no confident match', best scores 55-69) before the table was read."""
    assert bundled_index().match_many([text])[text].food_id == food_id


def test_the_table_rewrites_no_word_a_food_name_uses() -> None:
    """'red' (reduced in SR28's short names), 'rst' and 'sub' are words of food names: left out, as is
    every abbreviation a bundled name spells as a word of its own."""
    name_words = {word for name in bundled_foods()["name"] for word in normalise(name).split()}
    rows = _rows()
    assert len(rows) > 150
    assert all(row["source"].startswith("USDA SR28 FOOD_DES: Shrt_Desc against Long_Desc") for row in rows)
    assert not {normalise(row["word"]) for row in rows} & name_words
    assert {row["word"] for row in rows} >= {"ckd", "whl", "bkd", "pnut", "crm", "cnd", "evap", "wo/"}


def test_a_curated_equivalent_wins_over_usdas_abbreviation(monkeypatch: pytest.MonkeyPatch) -> None:
    curated = {normalise(row["word"]) for row in csv.DictReader((ROOT / "mgcheck/data/word_equivalents.csv").open())}
    equivalents = word_equivalents()
    assert equivalents["ckd"] == "cooked" and equivalents["choc"] == "chocolate"
    assert "w" in curated and equivalents["w"] == "with"
    # The bundled tables agree wherever both have a word ('choc'), so a disagreement is made here:
    # the curated meaning must be the one kept, whichever file is read first.
    from mgcheck import resources

    read = resources.read_data_csv

    def with_a_clash(name: str, **kwargs: object) -> pd.DataFrame:
        frame = read(name, **kwargs)
        if name == "usda_abbreviations.csv":
            frame = pd.concat([frame, pd.DataFrame({"word": ["choc"], "means": ["choice"], "source": ["x"]})])
        return frame

    monkeypatch.setattr(resources, "read_data_csv", with_a_clash)
    assert word_equivalents()["choc"] == "chocolate"


def test_the_rules_keep_abbreviations_and_leave_words_alone() -> None:
    builder = _builder()
    found = Counter(
        {
            ("ckd", "cooked"): 1599,
            ("red", "reduced"): 121,  # 'red' is a word of food names: never rewritten
            ("str", "strained"): 79,  # a cut of three letters ('str' of strawberry as much)
            ("lt", "light"): 111,  # two letters
            ("wo/", "without"): 92,  # "w/o", written with its slash
            ("choc", "chocolate"): 241,
            ("choc", "choice"): 4,  # 98% one word: kept for it
            ("sel", "select"): 2,  # too rare
            ("grn", "green"): 5,
            ("grn", "grain"): 5,  # half and half: which word is meant is not clear
        }
    )
    kept = builder.abbreviations(found, name_words={"red"})
    assert [(short, word) for short, word, _ in kept] == [("choc", "chocolate"), ("ckd", "cooked"), ("wo/", "without")]
    assert builder._abbreviates("ckd", "cooked") and not builder._abbreviates("kcd", "cooked")


@pytest.mark.skipif(not (SR28 / "FOOD_DES.txt").exists(), reason="../shared SR28 files not present")
def test_the_table_is_what_the_script_builds_from_sr28() -> None:
    builder = _builder()
    rows = builder.abbreviations(
        builder.pairs(list(builder.read_sr28(SR28 / "FOOD_DES.txt"))), builder.bundled_name_words()
    )
    assert [(short, word) for short, word, _ in rows] == [(row["word"], row["means"]) for row in _rows()]
