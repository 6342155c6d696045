"""Issue 8 leftovers (session 20): brand names, baby foods, KFC pieces and UK squash, as the report shows them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from test_portions_people_write import _assess, _items
from typer.testing import CliRunner

from mgcheck.cli import app
from mgcheck.matching import bundled_index


def test_baby_cereal_says_baby_food_and_is_the_baby_cereal() -> None:
    """'baby cereal,1,tbsp' was unmatched: "Mixed cereal, baby food, ... is a baby food and the text does not
    say so", though the text says 'baby' (marked_words.csv `said_by`)."""
    item = _items([("baby cereal", 1, "tbsp")])["baby cereal"]
    assert (item.food_id, item.status.value, item.grams) == ("fndds:57803000", "matched", 3.8)
    assert item.mg == pytest.approx(3.8, abs=0.01)  # FNDDS 57803000: 100 mg per 100 g
    assert item.basis == "1 tablespoon = 3.8 g"


def test_gerber_is_a_baby_food_brand_so_gerber_bananas_are_the_banana_baby_food() -> None:
    """'gerber bananas,1,jar' was unmatched for the same reason: Gerber means baby food (word_equivalents.csv)."""
    item = _items([("gerber bananas", 1, "jar")])["gerber bananas"]
    assert (item.food_id, item.food_name) == ("fndds:67308000", "Bananas, baby food, NS as to strained or junior")
    assert (item.grams, item.basis) == (170.0, "1 jar, NFS = 170 g")
    assert item.mg == pytest.approx(18.7, abs=0.01)


def test_a_baby_food_is_still_refused_when_the_text_says_neither_baby_nor_a_baby_food_brand() -> None:
    match, _ = bundled_index().decide("bananas strained")
    assert match.food_id is None
    assert match.reason == (
        "no defensible match: Bananas, baby food, strained (fndds:67105030) is a baby food and the text does not say so"
    )


def test_milky_way_is_the_bar_with_the_non_us_milky_way_as_its_range() -> None:
    """'milky way,1,' was unmatched: "the text only describes a food ...; it names none". It is the US
    MILKY WAY bar; outside the US a Milky Way is a nougat bar like 3 MUSKETEERS (29 mg per 100 g, not 20):
    a range."""
    item = _items([("milky way", 1, "")])["milky way"]
    assert (item.food_id, item.status.value, item.grams) == ("fndds:91726130", "matched", 54.0)
    assert item.mg == pytest.approx(10.8, abs=0.01)
    assert item.mg_low == pytest.approx(23 * 29 / 100, abs=0.05)  # 3 MUSKETEERS' 1 bar (.8 oz) = 23 g
    assert item.mg_high == pytest.approx(10.8, abs=0.01)
    assert [a.food_id for a in item.alternatives] == ["fndds:91726420"]


@pytest.mark.parametrize("text", ["3 musketeers", "milky way midnight bar wrapped"])
def test_a_brand_name_names_a_food_so_it_is_never_only_a_description(text: str) -> None:
    """The words of a brand ('milky way', '3 musketeers') are no food nouns; they name a product all the
    same, so an unmatched brand says why it is unmatched, not that it names no food."""
    match, _ = bundled_index().decide(text)
    assert "only describes a food" not in (match.reason or "")
    assert bundled_index().decide("large")[0].reason == (
        "the text only describes a food (how it is cooked, its size or kind); it names none"
    )


def test_kfc_fried_chicken_by_the_piece_is_a_range_over_the_pieces() -> None:
    """'kfc fried chicken,1,piece' was unmatched (best score 74.3 < 75). Every KFC piece has 18-28 mg
    per 100 g, but a piece is a 60 g wing or a 212 g breast: the item is the middle-sized thigh, with the
    range over the pieces of both recipes."""
    item = _items([("kfc fried chicken", 1, "piece")])["kfc fried chicken"]
    assert (item.food_id, item.status.value, item.grams) == ("21436", "matched", 135.0)
    assert item.mg == pytest.approx(135 * 22 / 100, abs=0.01)
    assert item.mg_low == pytest.approx(60 * 24 / 100, abs=0.01)  # Original Recipe wing
    assert item.mg_high == pytest.approx(212 * 25 / 100, abs=0.01)  # Original Recipe breast
    assert {"21434", "21437", "21441"} <= {a.food_id for a in item.alternatives}


def test_uk_squash_by_the_glass_is_a_fruit_drink_and_squash_the_vegetable_stays_a_vegetable() -> None:
    """'orange squash,1,glass' and 'blackcurrant squash,1,glass' were unmatched ("'squash' is not explained
    by Currants ..."): UK squash is a diluted fruit cordial, FNDDS 92511015 Fruit flavored drink."""
    subject = _assess(
        [
            ("orange squash", 1, "glass"),
            ("blackcurrant squash", 1, "glass"),
            ("butternut squash", 1, "cup"),
            ("squash, summer, cooked", 1, "cup"),
        ]
    )
    items = {item.food: item for item in subject.items}
    assert not subject.unmatched
    for drink in ("orange squash", "blackcurrant squash"):
        assert (items[drink].food_id, items[drink].food_name) == ("fndds:92511015", "Fruit flavored drink")
        assert items[drink].grams == pytest.approx(240 * 31 / 29.5735, abs=0.01)  # a 240 ml glass
        assert items[drink].mg == pytest.approx(251.6 * 1 / 100, abs=0.05)  # FNDDS: 1 mg per 100 g
        assert items[drink].grams_estimate
    assert (items["butternut squash"].food_id, items["butternut squash"].grams) == ("11486", 205.0)
    summer = items["squash, summer, cooked"]
    assert summer.food_id == "11642"
    assert summer.food_name == "Squash, summer, all varieties, cooked, boiled, drained, without salt"


def test_the_cli_csv_report_shows_each_leftover_matched_and_the_ranges(
    runner: CliRunner, write_log: Callable[..., Path]
) -> None:
    log = write_log(
        "date,food,amount,unit\n"
        "2024-01-01,milky way,1,\n"
        "2024-01-01,gerber bananas,1,jar\n"
        "2024-01-01,baby cereal,1,tbsp\n"
        "2024-01-01,kfc fried chicken,1,piece\n"
        "2024-01-01,orange squash,1,glass\n"
        "2024-01-01,blackcurrant squash,1,glass\n"
    )
    result = runner.invoke(app, ["report", str(log), "--sex", "F", "--age", "40", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {row["food"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert {food: (row["food_id"], row["status"]) for food, row in rows.items()} == {
        "milky way": ("fndds:91726130", "matched"),
        "gerber bananas": ("fndds:67308000", "matched"),
        "baby cereal": ("fndds:57803000", "matched"),
        "kfc fried chicken": ("21436", "matched"),
        "orange squash": ("fndds:92511015", "matched"),
        "blackcurrant squash": ("fndds:92511015", "matched"),
    }
    kfc = rows["kfc fried chicken"]
    assert (float(kfc["mg"]), float(kfc["mg_low"]), float(kfc["mg_high"])) == (29.7, 14.4, 53.0)
