"""Portions as people write them (issue 8 part 3): each case gave a wrong weight before its fix."""

from __future__ import annotations

import pytest
from test_user_trial import _day

import mgcheck
from mgcheck.resources import bundled_foods, bundled_measures
from mgcheck.units import (
    Measure,
    UnitError,
    canonical_unit,
    convert_unit,
    measured_by_fluid_ounce,
    measures_by_food,
    units_accepted,
)


def _assess(foods: list[tuple[str, object, str]]) -> mgcheck.SubjectResult:
    """One day of (food, amount, unit) rows assessed for one person."""
    return mgcheck.make_report(mgcheck.assess_logs(_day(foods), sex="female", age=54)).subjects[0]


def _items(foods: list[tuple[str, object, str]]) -> dict[str, mgcheck.Item]:
    return {item.food: item for item in _assess(foods).items}


def _food(food_id: str) -> tuple[list[Measure], str]:
    names = bundled_foods().set_index("food_id")["name"]
    return measures_by_food(bundled_measures(), [food_id]).get(food_id, []), str(names[food_id])


def test_a_salmon_fillet_is_one_eaten_fillet_not_usdas_whole_side() -> None:
    """'salmon fillet,1,' was 356 g: SR28 lists salmon's fillet only as '0.5 fillet = 178 g'. A fish
    fillet is FNDDS's medium fillet of fish, 170 g, as an estimate that says so."""
    items = _items([("salmon fillet", 1, ""), ("baked salmon", 2, "fillet")])
    assert items["salmon fillet"].food_id == "15237"
    assert items["salmon fillet"].grams == 170.0 and items["salmon fillet"].grams_estimate
    assert items["salmon fillet"].mg == pytest.approx(170 * 30 / 100, abs=0.051)
    assert items["salmon fillet"].basis == (
        "estimate: default fillet = 170 g (a fish fillet, 6 oz; FNDDS 2017-2018 medium fish fillet)"
    )
    assert items["baked salmon"].grams == 340.0


@pytest.mark.parametrize("food_id", ["15036", "15037", "15209", "15200", "15220"])
def test_every_fish_whose_table_halves_its_fillet_takes_the_fish_fillet(food_id: str) -> None:
    """Halibut, wild salmon, king mackerel, skipjack: SR28 '0.5 fillet' of 154-204 g (whole 308-408 g)."""
    measures, name = _food(food_id)
    conversion = convert_unit("fillet", measures, name)
    assert conversion.grams_per_unit == 170.0 and conversion.estimate and conversion.from_default


def test_a_chicken_breast_is_one_breast_not_usdas_pair_nor_unresolved() -> None:
    """'chicken breast,1,' was unresolved (the food's name says 'breast', so its measure was not taken from
    the text) and 'chicken breast,1,breast' was 172 g (SR28 '0.5 breast' = 86 g: its whole breast is both
    sides). Both are FNDDS's chicken breast, 120 g, as an estimate."""
    items = _items([("chicken breast", 1, ""), ("roast chicken breast", 2, "breast")])
    assert items["chicken breast"].food_id == "05064"
    assert items["chicken breast"].grams == 120.0 and items["chicken breast"].grams_estimate
    assert items["chicken breast"].basis == (
        "estimate: default breast = 120 g (a chicken breast, cooked, one side; FNDDS 2017-2018 chicken breast)"
    )
    assert items["roast chicken breast"].grams == 240.0


@pytest.mark.parametrize(
    ("food_id", "unit", "grams"),
    [
        ("fndds:27141000", "breast", 338.0),  # cacciatore's '0.5 chicken breast with sauce' keeps its sauce
        ("05159", "breast", 56.0),  # SR28 quail's '1 breast' is one breast
    ],
)
def test_a_measure_not_given_in_part_is_kept(food_id: str, unit: str, grams: float) -> None:
    measures, name = _food(food_id)
    conversion = convert_unit(unit, measures, name)
    assert conversion.grams_per_unit == grams and not conversion.estimate


@pytest.mark.parametrize(("food_id", "unit"), [("15121", "fillet"), ("fndds:28340110", "breast")])
def test_a_part_default_never_stands_for_a_food_without_that_part(food_id: str, unit: str) -> None:
    """Canned tuna has no fillet and chicken broth no breast: the default is no unit of theirs."""
    measures, name = _food(food_id)
    with pytest.raises(UnitError):
        convert_unit(unit, measures, name)


@pytest.mark.parametrize(
    ("food_id", "grams"),
    [("15016", 180.0), ("15046", 112.0), ("15066", 77.0), ("fndds:26137120", 227.0)],
)
def test_a_whole_fillet_the_table_gives_as_one_is_kept(food_id: str, grams: float) -> None:
    """SR28 cod's '1 fillet = 180 g' is one fillet: no default replaces it. Nor does the default kept for
    fish replace a fish's own whole fillet: Atlantic mackerel's '1 fillet = 112 g', Alaska pollock's
    77 g, FNDDS salmon's '1 medium fillet = 227 g' (its typical size of three; the fish default yields
    only to a part of one)."""
    measures, name = _food(food_id)
    conversion = convert_unit("fillet", measures, name)
    assert conversion.grams_per_unit == grams and not conversion.estimate and not conversion.from_default


def test_a_tin_of_beans_or_soup_is_a_food_tin_not_a_drinks_can() -> None:
    """'baked beans,1,tin' was 355 ml, a US drinks can, x the beans' density (381 g), labelled as a drinks
    can; a UK tin of beans or soup holds 400-415 g. A drink keeps its can; a cheese has no tin."""
    subject = _assess(
        [
            ("baked beans", 1, "tin"),
            ("tomato soup", 0.5, "tin"),
            ("coca cola", 1, "tin"),
            ("orange juice", 1, "can"),
            ("cheddar", 1, "can"),
        ]
    )
    items = {item.food: item for item in subject.items}
    assert items["baked beans"].grams == 400.0 and items["baked beans"].grams_estimate
    assert str(items["baked beans"].basis).endswith(
        "(a food tin, net weight with its sauce or liquid; manufacturers' labels, UK food tins)"
    )
    assert items["tomato soup"].grams == 200.0
    assert items["coca cola"].grams == 370.0 and items["coca cola"].grams_estimate  # its own (US) can
    assert (
        str(items["coca cola"].basis) == "estimate: tin taken as the table's US can, 1 can or bottle (12 fl oz) = 370 g"
    )
    assert items["orange juice"].grams == pytest.approx(355 * 249 / (8 * 29.5735295625), abs=0.01)
    assert "drinks can" in str(items["orange juice"].basis)
    assert [u.food for u in subject.unmatched] == ["cheddar"]


def test_a_tin_of_a_food_matched_fresh_takes_its_canned_variant() -> None:
    """'sweetcorn,1,tin' and 'chopped tomatoes,1,tin' were unresolved once a fresh food took no tin: the
    close-variant search compared the text's words as written ('sweetcorn', 'chopped') with the canned
    foods' names; it now reads them as the matcher does ('sweet corn'; a form word dropped)."""
    items = _items([("sweetcorn", 1, "tin"), ("chopped tomatoes", 1, "tin")])
    assert items["sweetcorn"].food_id == "11172"  # Corn, sweet, yellow, canned, whole kernel, drained solids
    assert items["sweetcorn"].grams == 198.0  # its UK tin (session 27; was its own US can (303 x 406), 298 g)
    assert items["chopped tomatoes"].food_id == "11533"  # Tomatoes, red, ripe, canned, stewed
    assert items["chopped tomatoes"].grams == 400.0 and items["chopped tomatoes"].grams_estimate


def test_a_bowl_of_cereal_is_a_bowl_not_a_prepackaged_single_serve_tub() -> None:
    """'bowl of cornflakes,1,' took FNDDS's 'prepackaged bowl' of 21 g; a bowl of a ready-to-eat cereal is the
    cereal makers' 30 g portion (session 27: it was the 300 ml default bowl through the cereal's cup, 31.7 g,
    which made a bowl of granola 141 g). The pack is still there for whoever names it."""
    items = _items([("bowl of cornflakes", 1, ""), ("corn flakes", 1, "prepackaged bowl")])
    assert items["bowl of cornflakes"].grams == 30.0
    assert items["bowl of cornflakes"].grams_estimate
    assert items["corn flakes"].grams == 21.0


def test_ounces_of_a_drink_are_fluid_ounces() -> None:
    """'orange juice,8,oz' was 8 oz by weight (227 g); a US log's 8 oz of juice is 8 fl oz, 249 g, and the
    basis says so. Reading the writer's 'oz' as a volume is an assumption, so the grams are labelled an
    estimate (sweetened condensed milk, sold by weight, gets 35% more than 'oz' of weight would give).
    Ounces of a solid stay ounces of weight, exact."""
    items = _items([("orange juice", 8, "oz"), ("almonds", 1, "oz")])
    assert items["orange juice"].grams == pytest.approx(8 * 31.1, abs=0.01)
    assert str(items["orange juice"].basis).startswith("oz read as fl oz")
    assert items["orange juice"].grams_estimate
    assert items["almonds"].grams == pytest.approx(28.35, abs=0.01)
    assert not items["almonds"].grams_estimate


@pytest.mark.slow
def test_every_food_measured_by_the_fluid_ounce_takes_oz_as_fl_oz() -> None:
    """All bundled foods: 'oz' equals 'fl oz' exactly when the table measures the food by the fluid ounce."""
    foods = bundled_foods()
    measures = measures_by_food(bundled_measures(), foods["food_id"])
    liquids = 0
    for food_id, name in zip(foods["food_id"], foods["name"], strict=True):
        food_measures = measures.get(food_id, [])
        ounce = convert_unit(canonical_unit("oz"), food_measures, name).grams_per_unit
        if measured_by_fluid_ounce(food_measures):
            liquids += 1
            assert ounce == convert_unit("fl oz", food_measures, name).grams_per_unit, food_id
        else:
            assert ounce == pytest.approx(28.349523125), food_id
    assert liquids > 1000


def test_a_blank_unit_never_takes_a_piece_the_text_names() -> None:
    """'oven fries,1,' was one fry (SR28 '10 fries = 76 g': 7.6 g). A measure the table counts only by
    several is no portion: the item is unresolved, not one fry. One named singly stays ('1 cherry' = 17 g,
    FNDDS '1 grape tomato' = 8 g)."""
    subject = _assess([("oven fries", 1, ""), ("cherry tomatoes", 5, ""), ("grape tomatoes", 6, "")])
    assert [u.food for u in subject.unmatched] == ["oven fries"]
    assert "blank unit" in str(subject.unmatched[0].reason)
    grams = {item.food: item.grams for item in subject.items}
    assert grams == {"cherry tomatoes": 85.0, "grape tomatoes": 48.0}


@pytest.mark.parametrize(
    "food_id",
    ["06075", "06081", "06094", "06583", "06969", "06981", "12110", "07027"],
)
def test_a_dry_soup_mix_stock_cube_or_food_not_canned_has_no_food_tin(food_id: str) -> None:
    """A food tin holds 400 g of a food with its liquid: 'Soup, beef broth or bouillon, powder, dry',
    stock cubes, onion soup mix, dry ramen and desiccated coconut took 400 g of the dry product (a
    can of bouillon powder gave 400 g of powder), and 'Ham, chopped, not canned' was read as canned.
    They have no tin: the item is unresolved, listing the units it takes."""
    measures, name = _food(food_id)
    with pytest.raises(UnitError, match="not a unit this food can take"):
        convert_unit("can", measures, name)


@pytest.mark.parametrize("food_id", ["06475", "06494", "fndds:75608200", "06967", "07055"])
def test_a_soup_made_from_a_dry_mix_or_a_canned_food_keeps_its_food_tin(food_id: str) -> None:
    """Prepared from powder ('..., prepared with water', 'Onion soup, made from dry mix'), made up from a
    condensed soup, a canned pate: the 400 g food tin, as an estimate."""
    measures, name = _food(food_id)
    conversion = convert_unit("can", measures, name)
    assert conversion.grams_per_unit == 400.0 and conversion.estimate and conversion.from_default


def test_a_fluid_ounce_row_too_light_for_a_liquid_gives_no_volume() -> None:
    """SR28 33875, a ready-to-feed premature infant formula, lists '5 fl oz = 30 g' (0.2 g/ml, a slip for
    one fl oz) before '5 fl oz = 152 g': 5 fl oz was 30 g and 100 ml 20.3 g. A fluid-ounce row outside
    0.5-1.45 g/ml states no volume, so fl oz, ml and cup take the consistent row; `foods show` still
    lists both rows."""
    measures, name = _food("33875")
    fluid = convert_unit("fl oz", measures, name)
    assert fluid.grams_per_unit == pytest.approx(152 / 5) and fluid.basis == "5 fl oz = 152 g"
    assert fluid.note is None  # no 'several measures' note: the 30 g row is no fl oz of volume
    millilitre = convert_unit("ml", measures, name)
    assert millilitre.grams_per_unit == pytest.approx(152 / (5 * 29.5735295625))
    assert millilitre.basis == "1 ml = 1 ml x 1.028 g/ml (from 5 fl oz = 152 g)"
    assert [m.describe() for m in measures] == ["5 fl oz = 30 g", "5 fl oz = 152 g"]


@pytest.mark.parametrize(("food_id", "cup_grams"), [("06016", 252.0), ("19280", 198.0)])
def test_a_half_cup_restating_its_volume_is_half_a_cup(food_id: str, cup_grams: float) -> None:
    """'0.5 cup (4 fl oz) = 126 g' of condensed cream of chicken soup was read as one cup of 4 fl oz:
    2.13 g/ml, a cup 504 g and a fl oz 63 g. The parenthesis restates the volume of all 0.5 cup; a cup
    measure is a cup. Lime ice's '0.5 cup (4 fl oz) = 99 g' was 1.67 g/ml likewise."""
    measures, name = _food(food_id)
    assert convert_unit("cup", measures, name).grams_per_unit == cup_grams
    assert convert_unit("fl oz", measures, name).grams_per_unit == pytest.approx(cup_grams / 8, rel=1e-3)


def test_a_blank_unit_counts_small_fruit_and_nuts_people_count() -> None:
    """'dates,3,' was unresolved (a blank unit not a unit the food takes): SR28's '1 date, pitted' is
    7.1 g, under the 10 g from which a measure named after its food was a natural unit. From 5 g dates,
    cherries, figs and prunes count; fries, chips and beans of those weights still do not."""
    subject = _assess([("dates", 3, ""), ("cherries", 10, ""), ("dried figs", 2, ""), ("sweet potato fries", 1, "")])
    grams = {item.food: (item.food_id, item.grams, item.grams_estimate) for item in subject.items}
    assert grams["dates"] == ("09087", pytest.approx(21.3), True)
    assert grams["cherries"][1] == pytest.approx(10 * {"09070": 8.2, "fndds:63115010": 7.0}[grams["cherries"][0]])
    assert grams["dried figs"][1] == pytest.approx(2 * {"09094": 8.4, "fndds:62113100": 8.0}[grams["dried figs"][0]])
    assert [u.food for u in subject.unmatched] == ["sweet potato fries"]
    assert "blank unit" in str(subject.unmatched[0].reason)


FRUIT = "FDA's reference amount for 'All other fruits, fresh, canned or frozen' (21 CFR 101.12(b) Table 2)"


def test_a_serving_of_a_food_without_one_is_fdas_reference_amount_for_its_kind() -> None:
    """'mulberries,1,serving' was one berry, 1.5 g, under a warning saying '10 fruit = 15 g'; a casaba
    melon's was a whole melon, 1,640 g, under '0.1 fruit = 164 g'. Neither food has a serving or USDA's
    'Quantity not specified': a serving is FDA's reference amount for a fruit, 140 g, and the basis and
    the warning state the grams of one serving."""
    report = mgcheck.make_report(
        mgcheck.assess_logs(_day([("mulberries", 1, "serving"), ("casaba melon", 2, "portion")]), sex="female", age=54)
    )
    items = {item.food: item for item in report.subjects[0].items}
    assert items["mulberries"].food_id == "09190" and items["casaba melon"].food_id == "09183"
    assert items["mulberries"].grams == 140.0 and items["casaba melon"].grams == 280.0
    assert items["mulberries"].grams_estimate and items["casaba melon"].grams_estimate
    assert items["mulberries"].basis == items["casaba melon"].basis == f"estimate: serving = 140 g, {FRUIT}"
    assert items["mulberries"].mg == pytest.approx(140 * 18 / 100, abs=0.051)
    warned = list(report.warnings)
    assert any(f"'serving' taken as 140 g, {FRUIT}" in text for text in warned), warned


@pytest.mark.parametrize(
    ("food_id", "grams", "basis"),
    [
        # A volume weighs through the food's own cup: 240 ml x 244 g / 236.6 ml.
        (
            "01077",
            240 * 244 / 236.5882365,
            "estimate: serving = 240 ml = 247.519 g, FDA's reference amount for 'Milk, milk-based drinks' "
            "(21 CFR 101.12(b) Table 2); ml as 1 ml = 1 ml x 1.031 g/ml (from 1 cup = 244 g)",
        ),
        (
            "13000",  # Beef, grass-fed, strip steaks, lean only, raw: FSIS's ready-to-cook cut
            114.0,
            "estimate: serving = 114 g, USDA FSIS's reference amount for 'Entrees without sauce, cuts, "
            "ready-to-cook' (9 CFR 381.412(b) Table 2 (poultry) and 9 CFR 317.312(b) Table 2 (meat))",
        ),
        (
            "21106",  # a fast food has no reference amount: its first measure, taken whole
            134.0,
            "estimate: serving = 1 sandwich = 134 g, the food's first USDA measure taken whole (it has no "
            "serving of its own)",
        ),
        (
            "33875",  # not the inconsistent first row '5 fl oz = 30 g'
            152.0,
            "estimate: serving = 5 fl oz = 152 g, the food's first USDA measure taken whole (it has no "
            "serving of its own; no FDA reference amount for drinks for infants)",
        ),
    ],
)
def test_a_serving_basis_states_what_gave_its_grams(food_id: str, grams: float, basis: str) -> None:
    measures, name = _food(food_id)
    conversion = convert_unit("serving", measures, name, _group(food_id))
    assert conversion.grams_per_unit == pytest.approx(grams) and conversion.estimate
    assert conversion.basis == basis


def _group(food_id: str) -> str:
    return str(bundled_foods().set_index("food_id")["food_group"][food_id])


def test_a_food_of_its_own_serving_keeps_it() -> None:
    """Watermelon's own '1 NLEA serving = 280 g' and an FNDDS food's 'Quantity not specified' come first."""
    measures, name = _food("09326")
    own = convert_unit("serving", measures, name, _group("09326"))
    assert own.grams_per_unit == 280.0 and own.basis == "1 NLEA serving = 280 g"


@pytest.mark.slow
def test_every_serving_basis_states_the_grams_of_one_serving() -> None:
    """All bundled foods: a serving resolves for every food with a measure, and a serving from a reference
    amount or a first measure says its grams in its basis (amount x stated grams = grams)."""
    foods = bundled_foods()
    measures = measures_by_food(bundled_measures(), foods["food_id"])
    by_reference = 0
    for food_id, name, group in zip(foods["food_id"], foods["name"], foods["food_group"], strict=True):
        food_measures = measures.get(food_id, [])
        if not food_measures:
            continue
        conversion = convert_unit("serving", food_measures, name, group)
        if conversion.basis.startswith("estimate: serving ="):
            by_reference += "reference amount" in conversion.basis
            assert f"= {conversion.grams_per_unit:g} g" in conversion.basis, (food_id, conversion.basis)
    assert by_reference > 4000


@pytest.mark.parametrize("food", ["milk, canned, condensed, sweetened", "coconut milk canned", "fruit cocktail canned"])
def test_a_canned_food_that_is_not_drunk_is_a_food_tin_not_a_drinks_can(food: str) -> None:
    """These took the 355 ml drinks can (459, 339 and 356 g) because 'milk' and 'cocktail' are drink
    words. A drinks can is for a food whose group or category is drunk (SR28 Beverages, fluid milks,
    juices; FNDDS beverage categories); a canned food that is not drunk takes the 400 g food tin."""
    item = _items([(food, 1, "can")])[food]
    assert item.grams == 400.0 and item.grams_estimate
    assert str(item.basis).startswith("estimate: default can = 400 g (a food tin")


def test_a_drink_by_its_group_keeps_the_drinks_can_and_a_clinic_food_by_its_name() -> None:
    """Canned apricot nectar (SR28 Fruits and Fruit Juices, a juice) took the 400 g food tin: it is drunk,
    a 355 ml drinks can through its own cup (251 g). A clinic's own food, of no bundled group, is still a
    drink by name."""
    measures, name = _food("09036")
    nectar = convert_unit("can", measures, name, _group("09036"))
    assert nectar.grams_per_unit == pytest.approx(355 * 251 / 236.5882365) and "drinks can" in nectar.basis
    own = [Measure(1, "cup", 1, 240.0, "cup", "cup", 236.5882365, "cup")]
    assert "drinks can" in convert_unit("can", own, "House lemonade", "Clinic foods").basis
    with pytest.raises(UnitError):
        convert_unit("can", own, "House lemonade", "Fruits and Fruit Juices")  # not juice, not canned


def test_a_food_with_a_measure_lists_serving_among_its_units() -> None:
    """`foods show` and a unit error listed no 'serving' for an SR28 food without one, which now takes
    one; a food whose only measure is an inconsistent fluid-ounce row would not."""
    measures, _ = _food("09190")
    assert "serving" in units_accepted(measures)
    slip = [Measure(1, "fl oz", 5, 30.0, "fl oz", "fl oz", None, None)]
    assert "serving" not in units_accepted(slip)


def test_a_serving_of_an_alcoholic_drink_is_a_standard_drink_never_one_fluid_ounce() -> None:
    """'beer,1,serving' was SR28's first measure '1 fl oz = 29.7 g' (alcoholic drinks have no FDA
    reference amount): a can of beer is twelve times that. A serving of beer, table wine or spirits is
    NIAAA's US standard drink (12, 5 and 1.5 fl oz); another drink takes a glass, can or cup of its own
    before a bare fluid ounce (SR28 dessert wine '1 glass (3.5 fl oz) = 103 g')."""
    items = _items([("beer", 1, "serving"), ("vodka", 1, "serving"), ("dessert wine", 1, "serving")])
    beer, vodka, dessert = items["beer"], items["vodka"], items["dessert wine"]
    assert (beer.food_id, beer.grams, beer.grams_estimate) == ("14003", pytest.approx(12 * 29.7), True)
    assert "NIAAA's reference amount for 'beer, one US standard drink'" in str(beer.basis)
    assert (vodka.food_id, vodka.grams) == ("14051", pytest.approx(1.5 * 27.8))
    assert (dessert.food_id, dessert.grams) == ("14057", 103.0)
    assert str(dessert.basis).startswith("estimate: serving = 1 glass (3.5 fl oz) = 103 g")


def test_a_blank_unit_takes_the_chop_the_text_names_when_the_name_says_chops_in_parentheses() -> None:
    """Session 16 tester: 'pork chop,1,' was unresolved although SR28 10064 ('Pork, fresh, loin, top loin
    (chops), ...') lists '1 chop = 145 g' and 'lamb chop,2,' took its chop: the measure was refused as a
    word the food's name says ('chicken,1,' is never one chicken). A word in parentheses says how the cut
    is sold, not the food: the chop is one chop."""
    items = _items([("pork chop", 1, ""), ("pork chops", 2, "")])
    assert (items["pork chop"].food_id, items["pork chop"].grams) == ("10064", 145.0)
    assert items["pork chops"].grams == 290.0 and items["pork chops"].basis == "1 chop = 145 g"


def test_a_snack_packet_is_no_packet_of_a_cooked_food() -> None:
    """Session 16 tester: 'oatmeal,1,packet' and 'porridge,1,sachet' were 30 g of cooked porridge, the
    snack-packet default, a sixth of what an instant packet makes. A cooked or made-up food takes no
    snack packet: a close variant's own packet ('cream of wheat': an instant one, 1 packet dry yields
    195 g), else the item is unresolved; and a variant that makes another dish of the food is none
    ('rice,1,packet' went to 'Rice, fried, NFS' once the default was refused). Crisps keep 30 g."""
    subject = _assess(
        [("oatmeal", 1, "packet"), ("cream of wheat", 1, "packet"), ("rice", 1, "packet"), ("crisps", 1, "packet")]
    )
    grams = {item.food: (item.food_id, item.grams) for item in subject.items}
    assert grams == {"cream of wheat": ("fndds:56207060", 195.0), "crisps": ("19411", 30.0)}
    assert sorted(u.food for u in subject.unmatched) == ["oatmeal", "rice"]


def test_a_size_names_the_drinks_own_size_and_is_never_guessed() -> None:
    """'diet coke,1,large' was refused although SR28 lists 'serving large 32 fl oz' = 722 g (a measure
    stating a volume was never named by a size); 'coke,1,large' likewise ('drink, large (32 fl oz)'). A
    food whose measures name no size refuses a size and says so, never a guessed cup."""
    subject = _assess([("diet coke", 1, "large"), ("coke", 1, "large"), ("orange juice", 1, "large")])
    items = {item.food: item for item in subject.items}
    assert items["diet coke"].food_id == "14416"
    assert items["diet coke"].grams == 722.0 and not items["diet coke"].grams_estimate
    assert items["diet coke"].basis == "1 serving large 32 fl oz = 722 g"
    assert items["coke"].grams == 984.0 and items["coke"].basis == "1 drink, large (32 fl oz) = 984 g"
    assert [u.food for u in subject.unmatched] == ["orange juice"]
    measures, name = _food("09209")
    with pytest.raises(UnitError, match="'large' is a size, and none of this food's measures names one"):
        convert_unit("large", measures, name)


@pytest.mark.parametrize(
    ("food_id", "unit", "grams"),
    [
        ("18255", "large", 75.0),  # 'doughnut, large', not the 'extra large' (122 g) listed first
        ("18255", "small", 31.0),  # was refused
        ("11109", "medium", 908.0),  # cabbage's 'head, medium'
        ("fndds:92400000", "large", 744.0),  # FNDDS soft drink's 'large drink'
    ],
)
def test_a_size_names_the_measure_of_exactly_that_size(food_id: str, unit: str, grams: float) -> None:
    measures, name = _food(food_id)
    assert convert_unit(unit, measures, name).grams_per_unit == grams


@pytest.mark.parametrize(("food_id", "unit"), [("19080", "large"), ("01017", "small")])
def test_a_size_never_names_a_volumes_or_a_packs_size(food_id: str, unit: str) -> None:
    """Semisweet chocolate's 'cup, large chips' is no large chocolate; cream cheese's 'package, small
    (3 oz)' no small cream cheese."""
    measures, name = _food(food_id)
    with pytest.raises(UnitError, match="is a size"):
        convert_unit(unit, measures, name)


def test_a_can_of_condensed_soup_is_its_own_can_else_the_us_condensed_can() -> None:
    """'condensed chicken noodle soup,1,can' was 400 g, the UK food tin: SR28 06019 lists no can, but 33
    SR28 condensed soups do, 13 of them '1 can (10.75 oz)' = 305 g, the median of all 33 (294-326 g). A
    condensed soup's own can wins (cream of chicken 305 g, tomato 294 g, not estimates)."""
    items = _items([("condensed chicken noodle soup", 1, "can"), ("condensed cream of chicken soup", 1, "can")])
    soup = items["condensed chicken noodle soup"]
    assert soup.food_id == "06019"
    assert soup.grams == 305.0 and soup.grams_estimate
    assert soup.basis == "estimate: default can = 305 g (a US condensed soup can, 10.75 oz; SR28 condensed soups' can)"
    own = items["condensed cream of chicken soup"]
    assert own.grams == 305.0 and not own.grams_estimate and own.basis == "1 can (10.75 oz) = 305 g"
    measures, name = _food("06159")
    assert convert_unit("can", measures, name).basis == "1 can = 294 g"


def test_the_condensed_soup_can_is_the_median_of_the_tables_condensed_soup_cans() -> None:
    """The default's grams (data/portion_defaults.csv) are the table's own: the median can of the SR28
    condensed soups that list one."""
    import statistics

    foods = bundled_foods()
    condensed = foods[foods["name"].str.contains(r"\bcondensed\b") & foods["name"].str.contains(r"\b[Ss]oup\b")]
    condensed = condensed[~condensed["name"].str.contains("prepared")]
    by_food = measures_by_food(bundled_measures(), condensed["food_id"])
    cans = [next((m.grams for m in measures if m.head == "can"), None) for measures in by_food.values()]
    listed = [grams for grams in cans if grams is not None]
    assert len(listed) == 33 and statistics.median(listed) == 305.0 and (min(listed), max(listed)) == (294.0, 326.0)
    measures, name = _food("06019")
    assert convert_unit("can", measures, name).grams_per_unit == statistics.median(listed)


@pytest.mark.parametrize(
    ("food_id", "grams", "basis"),
    [
        ("fndds:91726130", 54.0, "estimate: 1 bar (1.9 oz) = 54 g"),  # MILKY WAY: 23, 54, 60 g bars
        ("19109", 46.0, "estimate: 1 bar (1.625 oz) = 46 g"),  # SR28 KIT KAT: 42, 46, 78, 96 g bars
        ("19143", 49.0, "estimate: 1 bar (1.75 oz) = 49 g"),  # MR. GOODBAR: 49 and 73 g: the lighter middle
        ("fndds:91715100", 57.0, "estimate: 1 bar (2 oz) = 57 g"),  # SNICKERS: one plain bar, fun size named
        ("fndds:91734400", 57.0, "estimate: 1 regular size bar = 57 g"),  # the table's regular size
        ("19120", 44.0, "estimate: 1 bar (1.55 oz) = 44 g"),  # milk chocolate: the plain bar, not the miniature
        ("19135", 58.0, "estimate: 1 serving 2.05 oz bar = 58 g"),  # SR28 MILKY WAY: was its 'bar fun size', 17 g
        ("19069", 60.0, "estimate: 1 serving 2.1 oz bar = 60 g"),  # SR28 BUTTERFINGER: was 'bar bite size', 7 g
        ("19159", 60.0, "estimate: 1 serving 2.13 oz bar = 60 g"),  # SR28 3 MUSKETEERS: was refused
        ("09040", 118.0, 'estimate: 1 medium (7" to 7-7/8" long) = 118 g'),  # fruit keeps its medium
        ("09003", 182.0, 'estimate: 1 medium (3" dia) = 182 g'),
        ("09218", 88.0, 'estimate: 1 medium (2-1/2" dia) = 88 g'),
    ],
)
def test_a_counted_bar_is_the_middle_of_the_bars_its_table_sells(food_id: str, grams: float, basis: str) -> None:
    """'mars bar,1,' was 23 g: FNDDS MILKY WAY Bar lists 'bar (.8 oz)' (a fun-size bar it does not call
    one) before 'bar (1.9 oz)' and 'bar (2.1 oz)'. Of several measures named only by the unit and their
    weight, a blank unit takes the middle by weight (the lighter of two middles: a guess never raises an
    intake); a size the table names (fun size, miniature, king size) or a regular or medium one is
    chosen as before."""
    measures, name = _food(food_id)
    conversion = convert_unit("", measures, name)
    assert conversion.grams_per_unit == grams and conversion.basis == basis and conversion.estimate


def test_a_blank_unit_taken_as_the_middle_bar_names_the_others() -> None:
    items = _items([("mars bar", 1, "")])
    assert items["mars bar"].food_id == "fndds:91726130" and items["mars bar"].grams == 54.0
    measures, name = _food("fndds:91726130")
    assert convert_unit("", measures, name).note == (
        "a blank unit taken as 1 bar (1.9 oz) = 54 g (the middle by weight of its 'bar' measures; others: "
        "1 bar (.8 oz) = 23 g; 1 bar (2.1 oz) = 60 g); write the measure to be exact"
    )


@pytest.mark.parametrize("food_id", ["18293", "18147", "fndds:25221810"])
def test_measures_that_state_no_weight_of_their_own_keep_the_first_listed(food_id: str) -> None:
    """Pancakes '(4" dia)' and '(6" dia)', a pie's '1/6 of 17 oz cake', Thuringer's '(10 per 8 oz
    package)': a size or a share, not what one weighs, so the middle rule does not apply."""
    measures, name = _food(food_id)
    assert "the middle by weight" not in str(convert_unit("", measures, name).note)


@pytest.mark.parametrize(
    ("food_id", "unit", "grams", "basis"),
    [
        (
            "03002",
            "serving",
            71.0,
            "estimate: serving = 1 jar = 71 g, the food's own jar (it has no serving of its own)",
        ),  # was '1 tbsp' = 14.7 g, the first measure
        (
            "03062",
            "serving",
            170.0,
            "estimate: serving = 1 jar = 170 g, the food's own jar (it has no serving of its own)",
        ),  # was '1 cup' = 256 g
        ("03002", "jar", 71.0, "1 jar = 71 g"),
        ("fndds:76201000", "jar", 170.0, "1 jar, NFS = 170 g"),
        (
            "21400",
            "serving",
            219.0,
            "estimate: serving = 1 item = 219 g, the food's first USDA measure taken whole (it has no serving of its own)",
        ),  # a Big Mac is one item
        (
            "21275",
            "serving",
            96.0,
            "estimate: serving = 1 slice = 96 g, the food's first USDA measure taken whole (it has no serving of its own)",
        ),  # Pizza Hut pepperoni pizza: a slice
    ],
)
def test_a_serving_of_a_baby_food_is_its_jar_and_of_a_restaurant_item_one_item(
    food_id: str, unit: str, grams: float, basis: str
) -> None:
    """A baby food has no FDA Table 2 amount (its own are Table 1's, for infants): a serving of one was its
    first USDA measure, often a tablespoon or an ounce (SR28 strained beef 14.7 g) or a cup (256 g of a
    junior dinner), where the jar it is sold and eaten by is listed too (71-220 g)."""
    measures, name = _food(food_id)
    conversion = convert_unit(unit, measures, name, _group(food_id))
    assert conversion.grams_per_unit == grams and conversion.basis == basis


def test_a_counted_roast_potato_is_the_tables_baby_potato_an_estimate_that_says_so() -> None:
    """FNDDS lists a roasted potato only whole (baby or new potato 60 g, small 130, medium 170, large
    300; 'Quantity not specified' 170 g, a medium one) and no piece: no measure of the table is a roast
    potato cut in pieces; a counted one is the table's 60 g baby potato kept in natural_units.csv (session 27:
    it was the medium potato, 'roast potatoes,4,' 680 g), labelled an estimate whose warning names the measure. Counted fries and wedges have no counted measure a blank unit may take: unresolved, listing
    the units they take."""
    subject = _assess([("roast potatoes", 4, ""), ("chips", 10, ""), ("roast potatoes", 4, "baby potato")])
    items = [item for item in subject.items if item.food == "roast potatoes"]
    assert [item.food_id for item in items] == ["fndds:71104030"] * 2
    # Session 27 (trial 2 finding 5): a roast potato is a piece, the table's 60 g baby potato kept in
    # natural_units.csv, not a whole 170 g medium one ('roast potatoes,4,' was 680 g).
    assert [item.grams for item in items] == [240.0, 240.0]
    assert items[0].grams_estimate and str(items[0].basis).startswith("estimate: 1 baby potato = 60 g")
    assert [u.food for u in subject.unmatched] == ["chips"]
    assert "a blank unit is not a unit this food can take" in subject.unmatched[0].reason
