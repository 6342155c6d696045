"""A blank unit of a counted food is one natural unit of it (issue 8 leftovers): a candy bar's single-serving
package, a portion of bite-size pieces, and a sausage that comes in two sizes as a range."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import report_csv_figures, report_json
from test_portions_people_write import _food, _items

import mgcheck
from mgcheck.resources import bundled_foods, bundled_measures, records
from mgcheck.units import Conversion, UnitError, convert_unit, measure_from_row, measures_by_food

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


KFC_THIGH_BASIS = (
    "estimate: 1 thigh, with skin = 135 g (one piece of fried chicken as sold, with its skin and breading)"
)
OATMEAL_BASIS = (
    "estimate: 1 packet, dry, yields = 177 g (a single-serving package: under twice FDA's reference amount of "
    "1 cup = 234 g for 'Breakfast cereals (hot cereal type), prepared', 21 CFR 101.9(b)(6))"
)
SNACKS = "'All varieties of snacks: chips, pretzels, popcorn, extruded snacks, snack mixes'"
CHIPS_BASIS = (
    f"estimate: a single-serving bag = 30 g (FDA's reference amount of 30 g for {SNACKS}; a single-serving bag "
    "holds under twice it, up to 60 g, 21 CFR 101.9(b)(6); not the food's 1 bag (8 oz) = 227 g)"
)
KFC_PIECES = {f"214{number}" for number in range(34, 42)}  # SR28's eight KFC pieces, meat and skin with breading


def _mg_per_100g(food_id: str) -> float:
    """The bundled table's magnesium per 100 g of a food, as the item's arithmetic reads it."""
    return float(bundled_foods().set_index("food_id").at[food_id, "mg_per_100g"])


def _convert_blank(food_id: str) -> Conversion:
    """A blank unit of a bundled food, converted with its own name and food group."""
    from mgcheck.units import food_group_of

    measures, name = _food(food_id)
    return convert_unit("", measures, name, food_group_of(bundled_foods(), food_id))


def test_one_kfc_fried_chicken_is_one_piece_with_the_range_from_a_wing_to_a_breast() -> None:
    """'kfc fried chicken,1,' was unresolved ("a blank unit is not a unit this food can take; it takes: ...
    thigh, serving"). Each KFC piece is now one piece with its skin (data/natural_units.csv), so the alias's
    Original Recipe thigh is 135 g and its alternatives, the other seven pieces, make the range: from the
    Original Recipe wing (60 g) to the Original Recipe breast (212 g)."""
    item = _items([("kfc fried chicken", 1, "")])["kfc fried chicken"]
    _is_estimate(item, "21436", 135.0, KFC_THIGH_BASIS, _mg_per_100g("21436"))
    assert item.mg_low == pytest.approx(60 * _mg_per_100g("21437") / 100, abs=0.051)
    assert item.mg_high == pytest.approx(212 * _mg_per_100g("21434") / 100, abs=0.051)
    assert {alternative.food_id for alternative in item.alternatives} == KFC_PIECES - {"21436"}
    assert _convert_blank("21441").grams_per_unit == 68.0  # Extra Crispy wing: its own '1 wing, with skin'


def test_a_kfc_breast_is_the_original_recipe_breast_of_the_matched_original_recipe_thigh() -> None:
    """'kfc chicken,1,breast' matched the Original Recipe thigh, which has no breast, and moved to the EXTRA
    CRISPY breast the search lists first among pieces scoring alike. The close variant nearest the matched
    food is the ORIGINAL RECIPE breast; the Extra Crispy breast, 212 g as well, is within 25% in mg, so no range."""
    item = _items([("kfc chicken", 1, "breast")])["kfc chicken"]
    assert (item.food_id, item.grams, item.grams_estimate) == ("21434", 212.0, False)
    assert item.mg == pytest.approx(212 * _mg_per_100g("21434") / 100, abs=0.051)
    extra_crispy = 212 * _mg_per_100g("21438") / 100
    assert abs(item.mg - extra_crispy) <= 0.25 * extra_crispy
    assert item.mg_low == item.mg_high == item.mg and item.alternatives == ()


def test_one_instant_oatmeal_is_its_packet_by_the_volume_reference_amount() -> None:
    """'instant oatmeal,1,' was unresolved although SR28 08123 has '1 packet, dry, yields' = 177 g: hot cereal's
    reference amount is 1 cup prepared, a volume, which the food's own cup weighs (234 g); the packet holds under
    twice it, so it is one serving; so is a condiment's packet. A drink's reference volume makes no box or pouch
    its blank unit."""
    item = _items([("instant oatmeal", 1, "")])["instant oatmeal"]
    _is_estimate(item, "08123", 177.0, OATMEAL_BASIS, _mg_per_100g("08123"))
    assert item.mg_low == item.mg_high == item.mg
    ketchup = _convert_blank("11935")  # SR28 catsup: its 9 g packet, under twice a condiment's 1 tbsp (17 g)
    assert (ketchup.grams_per_unit, ketchup.estimate) == (9.0, True)
    with pytest.raises(UnitError):  # FNDDS orange juice's '1 juice box/pouch (6.75 fl oz)' is no blank unit
        _convert_blank("fndds:61210000")


def test_one_potato_chips_is_a_single_serving_bag_never_the_8_oz_bag() -> None:
    """'potato chips,1,' was unresolved: SR28 19411 lists only a shop's 8 oz bag (227 g). Snacks are sold in
    single-serving bags (serving_amounts.csv), which FDA's rule sizes: 30 g, one serving, up to under twice it."""
    item = _items([("potato chips", 1, ""), ("crisps", 2, "oz")])["potato chips"]
    _is_estimate(item, "19411", 30.0, CHIPS_BASIS, _mg_per_100g("19411"))
    assert item.mg_high == pytest.approx(60 * _mg_per_100g("19411") / 100, abs=0.051)
    with pytest.raises(UnitError):  # raw spinach's 10 oz package is no snack's: no blank unit
        _convert_blank("11457")


def test_fndds_potato_chips_take_their_own_single_serving_bags_as_a_range() -> None:
    """FNDDS 'Potato chips, NFS' measures small, medium and large single serving bags (28, 57, 85 g): the first
    two hold under twice the 30 g reference amount, so a blank unit is the small bag with the range to the medium
    one; the large bag (over twice) is no single serving."""
    conversion = _convert_blank("fndds:71200010")
    assert (conversion.grams_per_unit, conversion.grams_range, conversion.estimate) == (28.0, (28.0, 57.0), True)
    assert conversion.basis.endswith(
        "single-serving packages of it are 28-57 g, also 1 medium single serving bag = 57 g)"
    )


def test_the_four_blank_unit_rows_through_the_cli(write_log, invoke) -> None:
    """The four rows of the task through `mgcheck report`: grams, mg and range in CSV, estimates in JSON."""
    log = write_log(
        "date,food,amount,unit\n2024-01-01,kfc fried chicken,1,\n2024-01-01,kfc chicken,1,breast\n"
        "2024-01-01,instant oatmeal,1,\n2024-01-01,potato chips,1,\n"
    )
    result = invoke("report", log, "--sex", "F", "--age", "40", "--format", "csv")
    figures = report_csv_figures(result)
    assert figures == {
        "kfc fried chicken": ("21436", "135.0", "29.7", "14.4", "53.0"),
        "kfc chicken": ("21434", "212.0", "53.0", "53.0", "53.0"),
        "instant oatmeal": ("08123", "177.0", "46.02", "46.02", "46.02"),
        "potato chips": ("19411", "30.0", "18.9", "18.9", "37.8"),
    }
    assert "used the close variant KFC, Fried Chicken, ORIGINAL RECIPE, Breast" in result.stderr
    items = report_json(invoke("report", log, "--sex", "F", "--age", "40", "-f", "json"))["subjects"][0]["items"]
    estimates = {item["food"]: item["grams_estimate"] for item in items}
    assert estimates == {"kfc fried chicken": True, "kfc chicken": False, "instant oatmeal": True, "potato chips": True}
