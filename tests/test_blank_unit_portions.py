"""A blank unit of a counted food is one natural unit of it (issue 8 leftovers): a candy bar's single-serving
package, a portion of bite-size pieces, and a sausage that comes in two sizes as a range."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import report_json
from test_portions_people_write import _food, _items

import mgcheck
from mgcheck.resources import bundled_foods, bundled_measures, records
from mgcheck.units import UnitError, convert_unit, measure_from_row, measures_by_food

TWIX_BASIS = (
    "estimate: 1 package (2 oz) = 57 g (a single-serving package: under twice FDA's reference amount of 30 g "
    "for 'All other candies', 21 CFR 101.9(b)(6))"
)
POPCORN_BASIS = "estimate: 10 pieces = 56 g (a portion of bite-size pieces, not 1 piece = 6.4 g)"
SAUSAGE_BASIS = (
    "estimate: 1 bun-size or griller link = 75 g (one Polish sausage is 75-227 g by the food's measures, "
    'also 1 sausage (10" long x 1-1/4" dia) = 227 g)'
)


def _is_estimate(item: mgcheck.Item, food_id: str, grams: float, basis: str, mg_per_100g: float) -> None:
    """The item is the food, its grams an estimate with this basis, its mg the table's arithmetic."""
    assert (item.food_id, item.status, item.grams, item.grams_estimate) == (food_id, "matched", grams, True)
    assert item.basis == basis
    assert item.mg == pytest.approx(grams * mg_per_100g / 100, abs=0.051)


def test_a_candy_bar_without_a_bar_measure_is_its_single_serving_package() -> None:
    """'twix,1,' was unresolved ("a blank unit is not a unit this food can take"): SR28 19160 lists only
    packages. The 2 oz package holds under twice FDA's 30 g candy reference amount, so it is one serving."""
    item = _items([("twix", 1, "")])["twix"]
    _is_estimate(item, "19160", 57.0, TWIX_BASIS, 27)  # SR28 19160: 27 mg per 100 g
    assert item.mg_low == item.mg_high == item.mg


def test_a_package_of_more_than_one_serving_is_no_blank_unit() -> None:
    """Only a package under twice the kind's reference amount is one serving: an 11 oz bag of candy (312 g)
    or a king-size package (95 g) is not, and a food of a kind without a reference amount takes none."""
    shop = [measure_from_row(1, "package (11 oz)", 1, 312.0), measure_from_row(2, "package, king size", 1, 95.0)]
    with pytest.raises(UnitError, match="a blank unit is not a unit this food can take"):
        convert_unit("", shop, "Candies, caramel bars", "Sweets")
    single = [*shop, measure_from_row(3, "package (1.5 oz)", 1, 42.0)]
    assert convert_unit("", single, "Candies, caramel bars", "Sweets").grams_per_unit == 42.0
    with pytest.raises(UnitError):  # no reference amount for the kind: no package is known to be one serving
        convert_unit("", single, "Candies, caramel bars", "")


def test_one_popcorn_chicken_is_a_portion_not_one_bite_size_piece() -> None:
    """'kfc popcorn chicken,1,' was 1 piece = 6.4 g (1.8 mg). SR28 21422's '10 pieces' = 56 g is the
    portion (data/natural_units.csv); a piece written as such stays one piece."""
    items = _items([("kfc popcorn chicken", 1, ""), ("KFC popcorn chicken", 3, "piece")])
    _is_estimate(items["kfc popcorn chicken"], "21422", 56.0, POPCORN_BASIS, 28)  # SR28 21422: 28 mg per 100 g
    pieces = items["KFC popcorn chicken"]
    assert pieces.food_id == "21422" and pieces.grams == pytest.approx(3 * 6.4)


def test_a_polish_sausage_carries_the_range_of_its_link_and_its_long_sausage() -> None:
    """'polish sausage,1,' was SR28's 10-inch sausage, 227 g (31.8 mg), as one figure. FNDDS Polish sausage
    (Kielbasa) measures a bun-size link (75 g) and that sausage (227 g): the item is the link, with the range
    up to the long sausage (mg_low/mg_high) and SR28's sausage as an alternative; by weight there is no range."""
    item = _items([("polish sausage", 1, "")])["polish sausage"]
    _is_estimate(item, "fndds:25221310", 75.0, SAUSAGE_BASIS, 16)  # FNDDS 25221310: 16 mg per 100 g
    assert item.mg_low == item.mg
    assert item.mg_high == pytest.approx(227 * 16 / 100, abs=0.051)
    assert [a.food_id for a in item.alternatives] == ["07059"]
    by_weight = _items([("polish sausage", 3, "oz")])["polish sausage"]
    assert by_weight.mg == pytest.approx(85.05 * 16 / 100, abs=0.051)
    assert by_weight.mg_low == by_weight.mg_high == by_weight.mg  # SR28's 14 mg/100 g is within 25%
    assert by_weight.alternatives == ()


def test_the_day_total_carries_the_sausage_range() -> None:
    """Two Polish sausages: 150 g as links, up to 454 g as long sausages; the day's food range shows it."""
    from test_portions_people_write import _assess

    subject = _assess([("polish sausage", 2, "")])
    (item,) = subject.items
    assert item.grams == 150.0 and item.mg == pytest.approx(24.0, abs=0.051)
    assert item.mg_high == pytest.approx(2 * 227 * 16 / 100, abs=0.051)
    (day,) = subject.days
    assert day.food_mg_low == pytest.approx(24.0, abs=0.51)
    assert day.food_mg_high == pytest.approx(72.6, abs=0.51)


def test_the_issue_rows_through_the_cli(write_log, invoke) -> None:
    """The three rows of the issue through `mgcheck report` in CSV and JSON: grams, mg, range and basis."""
    log = write_log(
        "date,food,amount,unit\n2024-01-01,twix,1,\n2024-01-01,kfc popcorn chicken,1,\n2024-01-01,polish sausage,1,\n"
    )
    result = invoke("report", log, "--sex", "F", "--age", "40", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = {row["food"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["twix"]["grams"], rows["twix"]["mg"], rows["twix"]["status"]) == ("57.0", "15.39", "matched")
    assert rows["twix"]["basis"] == TWIX_BASIS
    assert (rows["kfc popcorn chicken"]["grams"], rows["kfc popcorn chicken"]["mg"]) == ("56.0", "15.68")
    sausage = rows["polish sausage"]
    assert (sausage["grams"], sausage["mg"], sausage["mg_low"], sausage["mg_high"]) == ("75.0", "12.0", "12.0", "36.32")
    assert sausage["basis"] == SAUSAGE_BASIS
    assert "a blank unit taken as 1 package (2 oz) = 57 g" in result.stderr
    items = report_json(invoke("report", log, "--sex", "F", "--age", "40", "-f", "json"))["subjects"][0]["items"]
    by_food = {item["food"]: item for item in items}
    assert by_food["polish sausage"]["mg_low"] == 12.0 and by_food["polish sausage"]["mg_high"] == 36.3
    assert by_food["polish sausage"]["alternatives"] == [{"food_id": "07059", "food_name": "Polish sausage, pork"}]
    assert all(by_food[food]["grams_estimate"] for food in ("twix", "kfc popcorn chicken", "polish sausage"))


def test_every_kept_natural_unit_is_a_measure_of_its_food_with_a_source() -> None:
    """data/natural_units.csv cannot drift from the tables: each row names a food of the bundled tables and
    one of that food's own measures, and cites its source."""
    foods = bundled_foods()
    for row in records("natural_units.csv"):
        assert str(row["source"]).strip() and str(row["why"]).strip()
        ids = foods.loc[foods["name"].str.lower() == str(row["food_name"]).lower(), "food_id"].tolist()
        assert ids, row["food_name"]
        named = measures_by_food(bundled_measures(), ids)
        said = {m.describe().split(" = ")[0].lower() for food_id in ids for m in named.get(food_id, [])}
        assert str(row["measure"]).lower() in said, (row["food_name"], row["measure"])


def test_the_sausage_conversion_states_its_range() -> None:
    """The range rides on the conversion itself, so a recipe or another caller sees it too."""
    measures, name = _food("fndds:25221310")
    conversion = convert_unit("", measures, name)
    assert conversion.grams_per_unit == 75.0 and conversion.grams_range == (75.0, 227.0)
    assert conversion.basis == SAUSAGE_BASIS
    assert convert_unit("piece", measures, name).grams_range is None
