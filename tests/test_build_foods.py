"""The bundled table against the original SR28 and FNDDS files: sampled values, counts and a deterministic build."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from pathlib import Path

import pytest

from mgcheck.tables.interface import FOOD_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SR28 = ROOT.parent / "shared" / "data" / "usda-sr28"
FNDDS = ROOT.parent / "shared" / "data" / "fndds-2017-2018"
needs_sr28 = pytest.mark.skipif(
    not (SR28 / "NUT_DATA.txt").exists() or not (FNDDS / "SHA256SUMS").exists(),
    reason="../shared SR28 and FNDDS files not present",
)


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_foods", ROOT / "scripts" / "build_foods.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_fndds_builder():
    spec = importlib.util.spec_from_file_location("build_fndds", ROOT / "scripts" / "build_fndds.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_foods() -> dict[str, dict[str, str]]:
    with (ROOT / "foods.csv").open(encoding="utf-8", newline="") as handle:
        return {row["food_id"]: row for row in csv.DictReader(handle)}


def _foods() -> dict[str, dict[str, str]]:
    """The SR28 rows of foods.csv."""
    return {food_id: row for food_id, row in _all_foods().items() if row["table"] == "sr28"}


def _measures() -> list[dict[str, str]]:
    with (ROOT / "mgcheck" / "data" / "measures.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_bundled_table_shape():
    every = _all_foods()
    assert {row["table"] for row in every.values()} == {"sr28", "fndds"}
    foods = _foods()
    assert len(foods) == 8050
    assert all(len(food_id) == 5 and food_id.isdigit() for food_id in foods)
    assert all(row["other_names"] == "" for row in foods.values())
    fndds = {food_id: row for food_id, row in every.items() if row["table"] == "fndds"}
    assert len(fndds) == 7083
    assert all(food_id.startswith("fndds:") and len(food_id) == 14 and food_id[6:].isdigit() for food_id in fndds)
    # Facts measured on the raw files (../shared/data/fndds-2017-2018/README.md).
    assert fndds["fndds:11350020"]["mg_per_100g"] == "6" and fndds["fndds:92101000"]["mg_per_100g"] == "3"
    assert fndds["fndds:92302000"]["mg_per_100g"] == "3" and fndds["fndds:41201010"]["mg_per_100g"] == "30"
    pbj = fndds["fndds:42302010"]
    assert pbj["name"] == "Peanut butter and jelly sandwich, NFS" and pbj["mg_source"] == "FNDDS 2017-2018"
    first = next(iter(foods.values()))
    assert tuple(first) == FOOD_COLUMNS  # foods.csv keeps the table interface's columns, in its order
    assert foods["09040"]["mg_per_100g"] == "27" and foods["09040"]["name"] == "Bananas, raw"
    assert foods["12014"]["mg_per_100g"] == "592" and foods["11458"]["mg_per_100g"] == "87"


@pytest.mark.slow
@needs_sr28
def test_sample_rows_equal_the_raw_files():
    builder = _load_builder()
    raw: dict[tuple[str, str], str] = {}
    for record in builder.read_sr28(SR28 / "NUT_DATA.txt"):
        if record[1] in ("304", "208", "301"):
            raw[(record[0], record[1])] = record[2]
    names = {record[0]: record[2] for record in builder.read_sr28(SR28 / "FOOD_DES.txt")}
    foods = _foods()
    assert len(foods) == sum(1 for (_, nutr) in raw if nutr == "304")
    for food_id in list(foods)[::97]:  # every 97th food: about 83 rows across all groups
        food = foods[food_id]
        assert food["mg_per_100g"] == raw[(food_id, "304")]
        assert food["kcal_per_100g"] == raw.get((food_id, "208"), "")
        assert food["calcium_mg_per_100g"] == raw.get((food_id, "301"), "")
        assert food["name"] == names[food_id]


@needs_sr28
def test_measures_equal_weight_txt():
    builder = _load_builder()
    weights = {(r[0], r[1]): (r[2], r[3], r[4]) for r in builder.read_sr28(SR28 / "WEIGHT.txt")}
    measures = [m for m in _measures() if not m["food_id"].startswith("fndds:")]
    assert len({m["food_id"] for m in measures}) == 7823
    for measure in measures[::151]:
        assert weights[(measure["food_id"], measure["seq"])] == (
            measure["amount"],
            measure["measure"],
            measure["grams"],
        )


@pytest.mark.slow
@needs_sr28
def test_build_is_deterministic_and_matches_the_committed_files(tmp_path):
    builder = _load_builder()
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        builder.build(SR28, out)
        digests.append(
            [hashlib.sha256((out / p).read_bytes()).hexdigest() for p in ("foods.csv", "mgcheck/data/measures.csv")]
        )
    assert digests[0] == digests[1]
    committed = [
        hashlib.sha256((ROOT / p).read_bytes()).hexdigest() for p in ("foods.csv", "mgcheck/data/measures.csv")
    ]
    assert digests[0] == committed


def test_fndds_portions_are_split_into_amount_and_measure():
    builder = _load_fndds_builder()
    assert builder.split_portion("1 can (12 fl oz)") == ("1", "can (12 fl oz)")
    assert builder.split_portion("1/2 bagel") == ("0.5", "bagel")
    assert builder.split_portion("10 strips") == ("10", "strips")
    assert builder.split_portion("19 oz can, ready-to-serve") == ("1", "19 oz can, ready-to-serve")
    assert builder.split_portion("Quantity not specified") == ("1", "Quantity not specified")
    measures = {(m["food_id"], m["measure"]): m for m in _measures()}
    sandwich = measures[("fndds:42302010", "sandwich")]
    assert (sandwich["amount"], sandwich["grams"]) == ("1", "112")
    assert ("fndds:42302010", "Quantity not specified") in measures
    # Weight 0 means absent: human milk's "Quantity not specified" (0 g) is dropped.
    assert ("fndds:11000000", "Quantity not specified") not in measures


@needs_sr28
def test_fndds_rows_equal_the_raw_files():
    builder = _load_fndds_builder()
    nutrients = {row["Food code"]: row for row in builder.read_fndds(FNDDS / builder.NUTRIENTS_FILE)}
    described = {row["Food code"]: row for row in builder.read_fndds(FNDDS / builder.FOODS_FILE)}
    assert "Sugars, total (g)" in next(iter(nutrients.values()))  # header names with a line break, joined
    fndds = {food_id: row for food_id, row in _all_foods().items() if row["table"] == "fndds"}
    assert len(fndds) == len(described)
    for food_id in list(fndds)[::53]:
        code = food_id.removeprefix("fndds:")
        food = fndds[food_id]
        assert food["mg_per_100g"] == nutrients[code]["Magnesium (mg)"]
        assert food["kcal_per_100g"] == nutrients[code]["Energy (kcal)"]
        assert food["calcium_mg_per_100g"] == nutrients[code]["Calcium (mg)"]
        assert food["name"] == described[code]["Main food description"]
        assert food["other_names"] == described[code]["Additional food description"]
        assert food["food_group"] == described[code]["WWEIA Category description"]
    portions = list(builder.read_fndds(FNDDS / builder.PORTIONS_FILE))
    main_rows = [p for p in portions if not p["Subcode"] and float(p["Portion weight (g)"]) > 0]
    measures = {(m["food_id"], m["measure"], m["grams"]) for m in _measures()}
    for portion in main_rows[::211]:
        _amount, measure = builder.split_portion(portion["Portion description"])
        assert ("fndds:" + portion["Food code"], measure, portion["Portion weight (g)"]) in measures
