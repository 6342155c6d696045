"""Tests of issue 8 part 3: quantities inside measure descriptions, everyday unit spellings, containers,
portion defaults (estimates), blank units and amounts written with their unit in one cell."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mgcheck.resources import bundled_foods, bundled_measures, table
from mgcheck.units import (
    _LIQUID_G_PER_ML,
    MASS_G,
    VOLUME_ML,
    Measure,
    UnitError,
    canonical_unit,
    convert_unit,
    measure_from_row,
    measures_by_food,
    natural_unit,
    parse_amount,
    portion_default,
    portion_defaults,
    split_amount_unit,
    units_accepted,
)

ICE_CREAM = "19095"  # Ice creams, vanilla: 1 serving 1/2 cup = 66 g
RED_BULL = "14154"  # 1 can 8.4 fl oz = 258 g
MARINARA = "06931"  # 1 serving 1/2 cup = 132 g
CHOCOLATE_SYRUP = "14181"  # 1 serving 2 tbsp = 39 g; 1 cup = 300 g
TANGERINE = "09218"  # satsuma
SPINACH_RAW = "11457"
ALMONDS = "12061"
WHOLE_MILK = "01077"


def _measures(food_id: str) -> list[Measure]:
    return measures_by_food(bundled_measures(), [food_id])[food_id]


def _row(food_id: str, seq: int) -> tuple[float, str, float]:
    """amount, measure, grams of a real measures.csv row."""
    measures = bundled_measures()
    row = measures[(measures["food_id"] == food_id) & (measures["seq"] == seq)].iloc[0]
    return float(row["amount"]), str(row["measure"]), float(row["grams"])


def _mg_per_100g(food_id: str) -> float:
    foods = bundled_foods()
    return float(foods.loc[foods["food_id"] == food_id, "mg_per_100g"].iloc[0])


def _grams(food_id: str, amount: str, unit: str) -> float:
    quantity = parse_amount(amount)
    assert quantity is not None
    return quantity * convert_unit(canonical_unit(unit), _measures(food_id)).grams_per_unit


# --------------------------------------------------------------------------- the issue's four foods


def test_the_real_rows_are_the_ones_the_issue_quotes() -> None:
    assert _row(ICE_CREAM, 1) == (1.0, "serving 1/2 cup", 66.0)
    assert _row(RED_BULL, 1) == (1.0, "can 8.4 fl oz", 258.0)
    assert _row(MARINARA, 1) == (1.0, "serving 1/2 cup", 132.0)
    assert _row(CHOCOLATE_SYRUP, 1) == (1.0, "serving 2 tbsp", 39.0)


def test_vanilla_ice_cream_half_cup_is_the_66_g_serving() -> None:
    """Issue 8: 'vanilla ice cream, 1/2, cup' gave 33 g (the serving taken as one cup)."""
    assert _grams(ICE_CREAM, "1/2", "cup") == pytest.approx(66.0, rel=1e-12)
    assert _grams(ICE_CREAM, "1", "cup") == pytest.approx(132.0, rel=1e-12)
    assert _grams(ICE_CREAM, "1", "serving") == 66.0


def test_red_bull_8_4_fl_oz_is_the_258_g_can() -> None:
    """Issue 8: 'red bull, 8.4, fl oz' gave 2,167 g and 412 mg (the can taken as one fl oz)."""
    grams = _grams(RED_BULL, "8.4", "fl oz")
    assert grams == pytest.approx(258.0, rel=1e-12)
    assert round(grams * _mg_per_100g(RED_BULL) / 100) == 49
    assert _grams(RED_BULL, "1", "can") == 258.0
    assert _grams(RED_BULL, "1", "tin") == 258.0


def test_marinara_half_cup_is_the_whole_132_g_serving() -> None:
    """Issue 8: 'marinara sauce, 1/2, cup' gave half the real weight (66 g)."""
    assert _grams(MARINARA, "1/2", "cup") == pytest.approx(132.0, rel=1e-12)


def test_chocolate_syrup_2_tbsp_is_the_39_g_serving() -> None:
    """Issue 8: 'chocolate syrup, 2, tbsp' gave double (78 g); the measure written in tbsp is used."""
    assert _grams(CHOCOLATE_SYRUP, "2", "tbsp") == pytest.approx(39.0, rel=1e-12)
    assert _grams(CHOCOLATE_SYRUP, "2", "T") == pytest.approx(39.0, rel=1e-12)
    assert _grams(CHOCOLATE_SYRUP, "1", "cup") == 300.0  # its own cup measure is still exact


def test_listed_units_are_names_a_person_can_type() -> None:
    """Issue 8: `foods show 19095` listed 'serving 1 2 cup'."""
    units = units_accepted(_measures(ICE_CREAM))
    assert "serving" in units and "cup" in units
    assert not any(any(ch.isdigit() for ch in unit) for unit in units)
    assert "can" in units_accepted(_measures(RED_BULL))
    for food_id in (ICE_CREAM, RED_BULL, MARINARA, CHOCOLATE_SYRUP):
        for unit in units_accepted(_measures(food_id)):
            assert convert_unit(canonical_unit(unit), _measures(food_id)).grams_per_unit > 0


def test_usda_unstated_amount_is_listed_as_the_serving_it_answers() -> None:
    """`foods show fndds:42302010` listed 'quantity not specified' as a unit to type, and its
    measure as '1 Quantity not specified'; a serving or portion is what takes that weight."""
    pbj = measures_by_food(bundled_measures(), ["fndds:42302010"])["fndds:42302010"]
    units = units_accepted(pbj)
    assert "serving" in units and "quantity not specified" not in units
    assert convert_unit(canonical_unit("portion"), pbj).grams_per_unit == 112.0
    # Typed as USDA writes it, the same weight is as much an estimate as a 'serving' (the review found it was not).
    typed, serving = (convert_unit(canonical_unit(u), pbj) for u in ("quantity not specified", "serving"))
    assert typed.grams_per_unit == serving.grams_per_unit == 112.0
    assert typed.estimate and serving.estimate and typed.note == serving.note


def test_foods_show_names_the_unstated_amount(invoke) -> None:
    shown = invoke("foods", "show", "fndds:42302010")
    assert shown.exit_code == 0
    assert "1 Quantity not specified" not in shown.stdout
    assert "Quantity not specified (USDA: a serving of unstated size)" in shown.stdout
    assert shown.stdout.splitlines()[-1].endswith("sandwich, serving")


# --------------------------------------------------------------------------- descriptions as FNDDS writes them


def test_fndds_can_with_volume_in_parentheses() -> None:
    """FNDDS '1 can (12 fl oz)' = 368 g: one can, and a 12 fl oz volume."""
    measures = [
        measure_from_row(1, "can (12 fl oz)", 1, 368),
        measure_from_row(2, "Quantity not specified", 1, 372),
    ]
    assert measures[0].head == "can" and measures[0].volume_ml == pytest.approx(12 * VOLUME_ML["fl oz"])
    assert convert_unit("can", measures).grams_per_unit == 368
    assert convert_unit("fl oz", measures).grams_per_unit == pytest.approx(368 / 12)
    assert 12 * convert_unit("fl oz", measures).grams_per_unit == pytest.approx(368)


def test_fndds_bottle_with_two_volumes_takes_the_first() -> None:
    measure = measure_from_row(3, "bottle (16.9 fl oz or 500 ml)", 1, 524)
    assert measure.head == "bottle"
    assert measure.volume_ml == pytest.approx(16.9 * VOLUME_ML["fl oz"])


def test_fndds_mass_in_a_name_is_not_a_volume() -> None:
    measure = measure_from_row(1, "4 oz container", 1, 113)
    assert measure.head == "container" and measure.volume_ml is None
    assert convert_unit("pot", [measure]).grams_per_unit == 113  # a pot of yogurt: its own container


@pytest.mark.parametrize(
    "description",
    [
        "portion, amount to make 1/2 cup",
        "serving dry mix with 6 fl oz water",
        "portion, amount of dry mix to make 8 fl oz prepared",
        "slice 1/8 per pizza",
        "packet (1 oz), dry, yields",
        "packet (6 fl oz)",  # SR28 06128: a soup-mix packet of 11 g that makes 6 fl oz
        "cup, dry, yields",  # a cup of the dry food, weighed as the cooked yield
        "tablespoon dry yields 8 fl oz",
    ],
)
def test_a_volume_that_is_not_the_measures_own_is_not_taken(description: str) -> None:
    assert measure_from_row(1, description, 1, 10).volume_ml is None


def test_amount_equal_to_the_stated_quantity_is_that_many_units() -> None:
    """SR28 14475: 8 x 'bottle 8 fl oz' = 227 g is 8 fl oz in all, not 8 bottles."""
    measure = measure_from_row(1, "bottle 8 fl oz", 8, 227)
    assert convert_unit("fl oz", [measure]).grams_per_unit == pytest.approx(227 / 8, rel=1e-12)


def test_a_description_read_before_keeps_each_rows_amount_and_grams() -> None:
    """A description is read once per process: the next row with it still weighs its own amount and grams."""
    one, eight = measure_from_row(1, "bottle 8 fl oz", 1, 227), measure_from_row(2, "bottle 8 fl oz", 8, 227)
    assert (one.volume_ml, eight.volume_ml) == (VOLUME_ML["fl oz"] * 8, VOLUME_ML["fl oz"])
    assert measure_from_row(3, "bottle 8 fl oz", 1, 227).volume_ml == VOLUME_ML["fl oz"] * 8
    # '5 fl oz = 152 g' is a liquid (1.03 g/ml); '5 fl oz = 30 g' (0.2 g/ml) is a slip that states no volume.
    assert measure_from_row(4, "fl oz", 5, 152).volume_unit == "fl oz"
    slip = measure_from_row(5, "fl oz", 5, 30)
    assert (slip.volume_ml, slip.volume_unit, slip.head) == (None, None, "fl oz")
    assert measure_from_row(6, "fl oz", 5, 152).volume_ml == VOLUME_ML["fl oz"]


def test_yields_in_parentheses_keeps_the_cup() -> None:
    """SR28 01052 'cup, fluid (yields 2 cups whipped)' = 239 g is still a cup of the fluid cream."""
    assert measure_from_row(2, "cup, fluid (yields 2 cups whipped)", 1, 239).volume_ml == VOLUME_ML["cup"]


def test_a_drinks_cup_of_12_fl_oz_is_not_a_measuring_cup() -> None:
    """SR28 'cup 12 fl oz 12 fl oz' = 258 g: a 'cup' unit goes through its density, not 258 g."""
    measures = [measure_from_row(1, "cup 12 fl oz 12 fl oz", 1, 258)]
    assert convert_unit("cup", measures).grams_per_unit == pytest.approx(258 / 12 * 8, rel=1e-9)


def test_serving_of_unstated_size_is_usda_quantity_not_specified_as_an_estimate() -> None:
    measures = [measure_from_row(1, "cup", 1, 240), measure_from_row(2, "Quantity not specified", 1, 360)]
    conversion = convert_unit(canonical_unit("portion"), measures)
    assert conversion.grams_per_unit == 360 and conversion.estimate
    assert conversion.basis.startswith("estimate: ") and "Quantity not specified" in conversion.basis
    assert not convert_unit("cup", measures).estimate


# --------------------------------------------------------------------------- spellings


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("T", "tbsp"),
        ("Tbsp", "tbsp"),
        ("tbs", "tbsp"),
        ("TBSP", "tbsp"),
        ("t", "tsp"),
        ("tsp", "tsp"),
        ("teaspoons", "tsp"),
        ("med", "medium"),
        ("lg", "large"),
        ("sm", "small"),
        ("oz.", "oz"),
        ("pattie", "patty"),
        ("patties", "patty"),
        ("slices", "slice"),
        ("cup of", "cup"),
        ("cups of", "cup"),
        ("tin", "tin"),  # the writer's UK word, kept for its UK tin
        ("tins", "tin"),
        ("bag", "bag"),
        ("bags", "bag"),
        ("sachets", "packet"),
        ("portion", "serving"),
        ("a handful", "handful"),
        ("mugs", "mug"),
        ("glasses", "glass"),
        ("bowls", "bowl"),
        ("pots", "pot"),
        ("pieces", "piece"),
        ("sandwiches", "sandwich"),
        ("med slice", "medium slice"),
    ],
)
def test_everyday_spellings(written: str, canonical: str) -> None:
    assert canonical_unit(written) == canonical


def test_capital_t_is_a_tablespoon_and_small_t_a_teaspoon() -> None:
    peanut_butter = _measures("16098")
    assert convert_unit(canonical_unit("T"), peanut_butter).grams_per_unit == 16.0
    # no tsp measure: through its own cup (258 g), never the tablespoon's 16 g
    teaspoon = convert_unit(canonical_unit("t"), peanut_butter).grams_per_unit
    assert teaspoon == pytest.approx(VOLUME_ML["tsp"] * 258 / VOLUME_ML["cup"], rel=1e-12)


def test_med_lg_sm_name_the_banana_sizes() -> None:
    banana = _measures("09040")
    assert [convert_unit(canonical_unit(u), banana).grams_per_unit for u in ("sm", "med", "lg")] == [101, 118, 136]


# --------------------------------------------------------------------------- amount and unit in one cell


@pytest.mark.parametrize(
    ("cell", "amount", "unit"),
    [
        ("200g", 200.0, "g"),
        ("200 g", 200.0, "g"),
        ("1 medium", 1.0, "medium"),
        ("2 slices", 2.0, "slices"),
        ("1/2 cup", 0.5, "cup"),
        ("1 1/2 cups", 1.5, "cups"),
        ("½ cup", 0.5, "cup"),
        ("1½ tbsp", 1.5, "tbsp"),
        ("0,5 l", 0.5, "l"),
        ("8.4 fl oz", 8.4, "fl oz"),
    ],
)
def test_amount_and_unit_in_one_cell(cell: str, amount: float, unit: str) -> None:
    assert split_amount_unit(cell) == (amount, unit)


@pytest.mark.parametrize("cell", ["", "2", "1/2", "abc", "g200", "1-2 cups", "-2 g", None])
def test_not_an_amount_with_a_unit(cell: object) -> None:
    assert split_amount_unit(cell) is None


_UNIT_WORDS = st.sampled_from(["g", "kg", "oz", "cup", "cups", "tbsp", "medium", "slices", "fl oz", "ml", "handful"])


@given(
    whole=st.integers(min_value=0, max_value=999),
    fraction=st.sampled_from(["", "1/2", "1/4", "3/4", "½", "¼"]),
    space=st.sampled_from(["", " ", "  "]),
    unit=_UNIT_WORDS,
)
def test_split_amount_unit_round_trip(whole: int, fraction: str, space: str, unit: str) -> None:
    if not whole and not fraction:
        return
    glued = fraction in ("½", "¼")
    amount_text = f"{whole or ''}{'' if glued or not whole else ' '}{fraction}".strip()
    expected = parse_amount(amount_text)
    assert expected is not None
    assert split_amount_unit(f"{amount_text}{space}{unit}") == (expected, unit)


@example("0²")  # found by hypothesis: a superscript digit was taken as a unit
@given(st.text(max_size=40))
def test_split_amount_unit_never_raises(text: str) -> None:
    result = split_amount_unit(text)
    assert result is None or (result[0] >= 0 and result[1] and not result[1][0].isdigit())


@given(
    word=st.sampled_from(["serving", "can", "bottle", "container", "glass", "jar", "bowl"]),
    whole=st.integers(min_value=1, max_value=40),
    half=st.booleans(),
    unit=st.sampled_from(["cup", "fl oz", "tbsp", "tsp", "ml"]),
    grams=st.floats(min_value=1, max_value=2000, allow_nan=False),
    in_parentheses=st.booleans(),
)
def test_quantity_in_description_gives_the_measure_arithmetic(
    word: str, whole: int, half: bool, unit: str, grams: float, in_parentheses: bool
) -> None:
    """For any 'word N unit = G g' measure, N of that unit is G g and one `word` is G g."""
    quantity = f"{whole} 1/2" if half else str(whole)
    stated = whole + (0.5 if half else 0.0)
    description = f"{word} ({quantity} {unit})" if in_parentheses else f"{word} {quantity} {unit}"
    measure = measure_from_row(1, description, 1, grams)
    assert measure.head == word
    low, high = _LIQUID_G_PER_ML
    if unit == "fl oz" and not low <= grams / (stated * VOLUME_ML[unit]) <= high:
        # A fluid-ounce row no liquid could weigh (SR28 33875 '5 fl oz = 30 g') states no volume.
        assert measure.volume_ml is None
    else:
        assert measure.volume_ml == pytest.approx(stated * VOLUME_ML[unit])
        assert stated * convert_unit(unit, [measure]).grams_per_unit == pytest.approx(grams, rel=1e-9)
    assert convert_unit(word, [measure]).grams_per_unit == pytest.approx(grams, rel=1e-12)
    assert word in units_accepted([measure])


@given(st.text(max_size=60))
def test_measure_from_any_description_never_raises(description: str) -> None:
    measure = measure_from_row(1, description, 1, 10)
    assert measure.volume_ml is None or measure.volume_ml > 0


# --------------------------------------------------------------------------- containers, defaults, blank units


def test_defaults_file_has_a_source_for_every_row_and_one_basis_each() -> None:
    frame = table("portion_defaults.csv")
    assert list(frame.columns) == ["unit", "ml", "grams", "basis", "source", "cited_as", "food_words", "replaces_part"]
    assert frame["source"].str.len().min() > 10
    assert frame["cited_as"].str.len().min() > 10  # the label says where every default came from
    assert ((frame["ml"].notna()) ^ (frame["grams"].notna())).all()
    for unit in ("can", "bottle", "glass", "mug", "bowl", "packet", "handful"):
        assert unit in portion_defaults()


def test_handful_of_almonds_is_the_default_30_g_estimate() -> None:
    conversion = convert_unit("handful", _measures(ALMONDS))
    default = portion_defaults()["handful"]
    assert default.grams is not None
    assert conversion.grams_per_unit == default.grams and conversion.estimate
    assert conversion.basis.startswith("estimate: default handful")


def test_glass_of_milk_is_the_default_volume_through_the_milks_own_density() -> None:
    default = portion_defaults()["glass"]
    assert default.ml is not None
    conversion = convert_unit(canonical_unit("glass"), _measures(WHOLE_MILK))
    assert conversion.grams_per_unit == pytest.approx(default.ml * 244 / VOLUME_ML["cup"], rel=1e-12)
    assert conversion.estimate


def test_glass_of_wine_is_the_wines_own_serving_not_the_default_glass() -> None:
    """Regression: a glass of SR28 red wine (its own "serving (5 fl oz)", 147 g) took the 240 ml default."""
    conversion = convert_unit(canonical_unit("glass"), _measures("14096"))
    assert conversion.grams_per_unit == 147.0 and conversion.estimate
    assert conversion.basis == "estimate: 1 serving (5 fl oz) = 147 g"


@pytest.mark.parametrize(("unit", "food_id"), [("mug", "14215"), ("bottle", "14096"), ("can", "14096")])
def test_a_mug_bottle_or_can_is_never_the_foods_serving(unit: str, food_id: str) -> None:
    """Instant coffee's 6 fl oz serving is not a mug, nor wine's 5 fl oz serving a bottle: the default
    (a drink's can is the drinks can, kept for drinks: the default can of any food is a food tin)."""
    default = portion_default(unit, "Soft drink, cola") if unit == "can" else portion_defaults()[unit]
    assert default is not None and default.ml is not None
    conversion = convert_unit(unit, _measures(food_id))
    assert conversion.basis.startswith(f"estimate: default {unit} = {default.ml:g} ml") and conversion.estimate


def test_a_food_with_its_own_container_measure_uses_it_not_the_default() -> None:
    conversion = convert_unit("can", _measures(RED_BULL))
    assert conversion.grams_per_unit == 258.0 and not conversion.estimate


def test_volume_default_needs_the_foods_density() -> None:
    """A mug of bread: no volume measure, so no generic density; the error lists what it takes."""
    with pytest.raises(UnitError, match=r"'mug' is not a unit this food can take; it takes: .*slice"):
        convert_unit("mug", _measures("18075"))


def test_plate_has_no_default() -> None:
    with pytest.raises(UnitError):
        convert_unit("plate", _measures(ALMONDS))


def test_blank_unit_is_the_natural_unit_of_a_counted_food() -> None:
    conversion = convert_unit("", _measures(TANGERINE))
    assert conversion.grams_per_unit == 88.0 and conversion.estimate
    assert natural_unit(_measures(TANGERINE)) is not None


@pytest.mark.parametrize(
    ("food_id", "grams"),
    [
        ("19120", 44.0),  # Candies, milk chocolate: 'bar (1.55 oz)', not 'bar, miniature' (7 g)
        ("fndds:14104100", 21.0),  # Cheese, Cheddar: 'slice', not 'cracker-size slice' (9 g)
        ("fndds:55100010", 40.0),  # Pancakes, plain, from frozen: 'pancake', not 'miniature/bite size' (10 g)
        ("fndds:91718100", 45.0),  # Butterfinger: 'bar (1.6 oz)', not 'fun size bar' (21 g)
        ("18047", 26.0),  # Bread, French or Vienna: 'slice', not 'slice, large' (32 g)
        ("fndds:58106210", 119.0),  # a pizza: 'piece, NFS' (USDA's unsized piece) stays first
        ("09040", 118.0),  # Bananas, raw: 'medium' stays first
    ],
)
def test_blank_unit_takes_the_plain_measure_not_a_size_listed_first(food_id: str, grams: float) -> None:
    # 'chocolate bar,2,' was 2 miniature bars (14 g) and 'cheddar cheese,2,' two cracker-size slices.
    assert convert_unit("", _measures(food_id)).grams_per_unit == grams


def test_blank_unit_of_a_food_without_a_natural_unit_is_refused() -> None:
    with pytest.raises(UnitError, match="a blank unit is not a unit this food can take"):
        convert_unit("", _measures(SPINACH_RAW))


def test_fndds_like_foods_natural_units() -> None:
    sandwich = [
        measure_from_row(1, "sandwich", 1, 112),
        measure_from_row(2, "Quantity not specified", 1, 112),
    ]
    assert convert_unit("", sandwich).grams_per_unit == 112
    assert convert_unit("sandwich", sandwich).grams_per_unit == 112
    clementine = [measure_from_row(1, "cup", 1, 200), measure_from_row(2, "fruit", 1, 74)]
    assert convert_unit("", clementine).grams_per_unit == 74


def test_mass_units_never_need_measures() -> None:
    for unit, grams in MASS_G.items():
        assert convert_unit(unit, []).grams_per_unit == grams


# --------------------------------------------------------------------------- a British log (coordinator's trial)

POTATO_CHIPS = "19411"  # 1 oz = 28 g; 1 bag (8 oz) = 227 g
WEETABIX = "42237"  # 2 biscuits (1 NLEA serving) = 35 g
SPAGHETTI_FROZEN_ENTREE = "22401"  # 1 serving = 283 g
PASTA_MEAT_SAUCE = "fndds:58146322"  # 1 cup = 250 g; 1 Quantity not specified = 250 g


def test_a_packet_of_crisps_is_single_serve_never_the_8_oz_bag() -> None:
    """`crisps, 1, packet` was 227 g and 143 mg (the US family bag), unlabelled: a British packet is 25-40 g."""
    packet = convert_unit(canonical_unit("packet"), _measures(POTATO_CHIPS))
    assert packet.grams_per_unit == portion_defaults()["packet"].grams == 30
    assert packet.estimate and packet.basis.startswith("estimate: default packet")
    # A "bag" is single-serve too: the food's own "bag (8 oz)" is a shop's multi-serving bag, named in the note.
    bag = convert_unit(canonical_unit("bags"), _measures(POTATO_CHIPS))
    assert bag.grams_per_unit == portion_defaults()["bag"].grams == 30 and bag.estimate
    assert bag.note is not None and "1 bag (8 oz) = 227 g" in bag.note


def test_a_blank_unit_of_a_biscuit_cereal_is_one_biscuit() -> None:
    """`weetabix, 2,` was unresolved: the cereal's natural unit is its biscuit (2 = 35 g)."""
    conversion = convert_unit("", _measures(WEETABIX))
    assert conversion.grams_per_unit == pytest.approx(17.5)
    assert conversion.estimate and "2 biscuits" in conversion.basis


def test_a_plate_is_the_dish_own_serving_or_usdas_unstated_amount_as_an_estimate() -> None:
    """`spaghetti bolognese, 1, plate` was unresolved."""
    own_serving = convert_unit(canonical_unit("plate"), _measures(SPAGHETTI_FROZEN_ENTREE))
    assert own_serving.grams_per_unit == 283 and own_serving.estimate
    assert own_serving.note is not None and "a plate taken as 1 serving" in own_serving.note
    unstated = convert_unit(canonical_unit("plates"), _measures(PASTA_MEAT_SAUCE))
    assert unstated.grams_per_unit == 250 and unstated.estimate
    assert unstated.note is not None and "Quantity not specified" in unstated.note
    with pytest.raises(UnitError):  # a raw food has no serving: no plate is guessed
        convert_unit("plate", _measures(SPINACH_RAW))


def test_a_blank_unit_is_shown_as_no_unit_not_a_dangling_space() -> None:
    from mgcheck.text import amount_and_unit

    assert amount_and_unit(2.0, "") == "2 (no unit)"
    assert amount_and_unit(0.5, None) == "0.5 (no unit)"
    assert amount_and_unit(1.0, "cup") == "1 cup"
    assert amount_and_unit(None, "cup") == "(no amount) cup"


# --------------------------------------------------------------------------- issue 8 findings: pint, square, bottle, unit in the text

BEER = "14003"
RED_WINE = "14096"
DARK_CHOCOLATE = "19904"


def _name(food_id: str) -> str:
    foods = bundled_foods()
    return str(foods.loc[foods["food_id"] == food_id, "name"].iloc[0])


def test_a_pint_is_the_us_pint_through_the_foods_density_labelled_as_an_estimate() -> None:
    """'pint' was refused. The US pint (473.176473 ml, NIST HB 44), as cup and fl oz are US measures."""
    conversion = convert_unit("pint", _measures(BEER))
    assert conversion.grams_per_unit == pytest.approx(473.176473 * 29.7 / VOLUME_ML["fl oz"], rel=1e-9)
    assert conversion.estimate and "US pint" in conversion.basis and "UK pint is 568 ml" in conversion.basis
    assert canonical_unit("pints") == "pint"


def test_a_wine_bottle_is_750_ml_not_the_500_ml_drinks_bottle() -> None:
    """'red wine,1,bottle' gave 500 ml (497 g); FNDDS red wine's own bottle is 750 ml (0.5 bottle = 375 g)."""
    conversion = convert_unit("bottle", _measures(RED_WINE), _name(RED_WINE))
    assert conversion.grams_per_unit == pytest.approx(750 * 29.4 / VOLUME_ML["fl oz"], rel=1e-9)
    assert conversion.estimate and conversion.basis.startswith("estimate: default bottle = 750 ml (a wine bottle")
    # FNDDS red wine's own measure agrees: 0.5 bottle = 375 g.
    own = convert_unit("bottle", _measures("fndds:93401010"), _name("fndds:93401010"))
    assert own.grams_per_unit == 750.0 and not own.estimate
    # A beer bottle is FNDDS beer's 'can or bottle (12 fl oz)'; other drinks keep the 500 ml drinks bottle.
    assert convert_unit("bottle", _measures(BEER), _name(BEER)).basis.startswith("estimate: default bottle = 355 ml")
    milk = convert_unit("bottle", _measures(WHOLE_MILK), _name(WHOLE_MILK))
    assert milk.basis.startswith("estimate: default bottle = 500 ml")


def test_a_square_of_chocolate_is_the_fndds_square_and_only_for_chocolate() -> None:
    """'dark chocolate,4,squares' was refused; a square is 113 g / 21 (FNDDS 'large bar (21 squares, 4 oz)')."""
    _, description, grams = _row("fndds:91705300", 8)
    assert description == "large bar (21 squares, 4 oz)"
    conversion = convert_unit(canonical_unit("squares"), _measures(DARK_CHOCOLATE), _name(DARK_CHOCOLATE))
    assert conversion.grams_per_unit == pytest.approx(grams / 21, abs=0.005) and conversion.estimate
    with pytest.raises(UnitError):  # no chocolate square for a food that is not chocolate
        convert_unit("square", _measures(ALMONDS), _name(ALMONDS))


@pytest.mark.parametrize(
    ("food_id", "unit", "grams_per_unit"),
    [
        ("02068", "bottle", 500 * 239 / VOLUME_ML["cup"]),  # Vinegar, red wine: the drinks bottle, not a wine's
        ("fndds:14710200", "bottle", 500 * 245 / VOLUME_ML["cup"]),  # Beer cheese soup: not a beer's bottle
        ("19183", "square", None),  # Puddings, chocolate: no chocolate-bar square
        ("01103", "square", None),  # Milk, chocolate (chocolate milk): no chocolate-bar square
        ("19120", "square", 113 / 21),  # Candies, milk chocolate: the square
        ("43154", "bottle", 750 * 29.0 / VOLUME_ML["fl oz"]),  # Alcoholic beverage, wine, cooking: a wine bottle
        ("14003", "bottle", 355 * 29.7 / VOLUME_ML["fl oz"]),  # Alcoholic beverage, beer, regular: a beer bottle
        # Malt beverage, includes non-alcoholic beer: a beer's bottle ('malt beverage' heads its name)
        ("14305", "bottle", 355 * 237 / VOLUME_ML["cup"]),
        ("fndds:92306100", "bottle", 500 * 30 / VOLUME_ML["fl oz"]),  # Corn beverage: the drinks bottle
    ],
)
def test_a_default_for_one_kind_of_food_needs_the_food_to_be_that_kind(
    food_id: str, unit: str, grams_per_unit: float | None
) -> None:
    """Regression (review): the wine bottle and the chocolate square went to any food whose name held
    the word: 'red wine vinegar,1,bottle' was 750 ml, 'chocolate pudding,1,square' and a square of
    chocolate milk 5.38 g. The food must be that kind of food: the word heads its name."""
    if grams_per_unit is None:
        with pytest.raises(UnitError):
            convert_unit(unit, _measures(food_id), _name(food_id))
    else:
        conversion = convert_unit(unit, _measures(food_id), _name(food_id))
        assert conversion.grams_per_unit == pytest.approx(grams_per_unit, abs=0.01)


@pytest.mark.parametrize("food_id", ["fndds:93101000", "fndds:93106100"])  # Beer; Alcoholic malt beverage
def test_a_bottle_of_fndds_beer_is_its_12_fl_oz_can_or_bottle_not_its_40_fl_oz_bottle(food_id: str) -> None:
    """Regression (review): FNDDS beer lists 'can or bottle (12 fl oz)' = 360 g, 'can or bottle
    (16 fl oz)' = 480 g, then 'bottle (40 fl oz)' = 1200 g; 'bottle' took the 40 fl oz one, the
    only measure headed by the word alone, without a note: 3.3 times the beer. A measure that
    names the unit as one of its alternatives ('can or bottle') names it too; USDA's order decides."""
    conversion = convert_unit("bottle", _measures(food_id), _name(food_id))
    assert conversion.grams_per_unit == 360.0 and not conversion.estimate
    assert conversion.note is not None and "bottle (40 fl oz) = 1200 g" in conversion.note
    assert convert_unit("can", _measures(food_id), _name(food_id)).grams_per_unit == 360.0


def test_a_can_of_monster_is_usdas_usual_16_fl_oz_one() -> None:
    """The same rule: Monster lists 'can (8.3 fl oz)' = 257 g and 'can or bottle (16 fl oz)' = 496 g,
    and weighs its unstated amount at 496 g (the 16 fl oz can it is sold in)."""
    conversion = convert_unit("can", _measures("fndds:95310400"), _name("fndds:95310400"))
    assert conversion.grams_per_unit == 496.0
    assert conversion.note is not None and "can (8.3 fl oz) = 257 g" in conversion.note


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a bowl of cheerios", "bowl"),
        ("glass of wine", "glass"),
        ("one cup of tea with milk", "cup"),
        ("pint of beer", "pint"),
        ("2 slices of toast", "slices"),  # two of them: see test_the_portion_a_food_text_states
        ("large fries", "large"),
        ("lg fries", "lg"),
        ("a medium banana", "medium"),
        ("regular coke", None),  # regular is not a size here
        ("cream of wheat", None),  # 'cream' is no unit
        ("banana", None),
        ("square of dark chocolate", "square"),
        ("a large bowl of soup", "bowl"),  # the default bowl has no sizes
        ("small cup of coffee", "cup"),
    ],
)
def test_a_unit_in_the_food_text(text: str, unit: str | None) -> None:
    from mgcheck.units import portion_in_text

    portion = portion_in_text(text)
    assert (portion.unit if portion is not None else None) == unit


PATIENT = ("--sex", "F", "--age", "40")


def test_a_blank_unit_takes_the_unit_the_food_text_states(write_log, invoke):
    """'large fries,1,', 'a bowl of cheerios,1,' and 'glass of wine,1,' were unresolved: the unit is in the text."""
    import json

    path = write_log(
        "date,food,amount,unit\n"
        "2026-11-02,large fries,1,\n"  # SR28 fast-food fries' own 'serving large' = 154 g
        "2026-11-02,a bowl of cheerios,1,\n"  # a cereal's bowl: Cheerios' '1 cup (1 NLEA serving)' = 28 g
        "2026-11-02,glass of wine,1,\n"  # the wine's own serving (5 fl oz) = 148 g
        "2026-11-02,a bowl of cheerios,30,g\n"  # a filled unit cell is kept
        "2026-11-02,red wine,1,bottle\n"
        "2026-11-02,dark chocolate,4,squares\n"
        "2026-11-02,beer,1,pint\n"
        "2026-11-02,walkers crisps,1,packet\n"
    )
    result = invoke("report", path, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["subjects"][0]["items"]
    got = [(i["food_id"], i["unit"], round(i["grams"], 2), i["grams_estimate"]) for i in items]
    assert got == [
        ("21138", "large", 154.0, False),
        ("08013", "bowl", 28.0, True),
        ("14084", "glass", 148.0, True),
        ("08013", "g", 30.0, False),
        ("14096", "bottle", round(750 * 29.4 / VOLUME_ML["fl oz"], 2), True),
        ("19904", "squares", round(4 * 5.38, 2), True),
        ("14003", "pint", round(473.176473 * 29.7 / VOLUME_ML["fl oz"], 2), True),
        ("19411", "packet", 30.0, True),
    ]
    assert "'large fries': the unit cell is blank; took 'large' from the food text" in result.stderr
    assert "'walkers crisps': the brand 'walkers' is not in the food tables" in result.stderr


def test_a_recipe_ingredient_takes_the_defaults_kept_for_its_kind_of_food(invoke, tmp_path):
    """A bottle of red wine in a home-made dish took the 500 ml drinks bottle, not the 750 ml wine bottle."""
    import json

    recipes = tmp_path / "r.csv"
    recipes.write_text("dish,ingredient,amount,unit\ncoq au vin,red wine,1,bottle\ncoq au vin,yield,4,servings\n")
    result = invoke("recipe", "show", recipes, "coq au vin", "--json")
    assert result.exit_code == 0, result.stderr
    ingredient = json.loads(result.stdout)["ingredients"][0]
    assert ingredient["grams"] == pytest.approx(750 * 29.4 / VOLUME_ML["fl oz"], abs=0.01)


def test_a_count_written_before_the_unit_in_the_food_text_is_counted(write_log, invoke):
    """Regression (review): '2 slices of toast,1,' was SR28 French toast (the '2' met the '2%' of
    'made with low fat (2%) milk', confident at 85.8) and one 65 g slice of it: the text's count was
    dropped and its unit left to the natural-unit guess. 'half pint of beer' and '2 pints of beer'
    were unmatched. A count before "UNIT of" is now a count: the amount when the cell says 1, the
    same portion when the cell repeats it; any other amount keeps the cell's amount and takes no unit."""
    import json

    toast_slice, beer_fl_oz = 22.0, 29.7  # SR28 18070 '1 slice' = 22 g; 14003 '1 fl oz' = 29.7 g
    path = write_log(
        "date,food,amount,unit\n"
        "2026-11-02,2 slices of toast,1,\n"
        "2026-11-02,two slices of toast,2,\n"  # the cell repeats the count: still two slices
        "2026-11-02,half pint of beer,1,\n"
        "2026-11-02,2 pints of beer,1,\n"
        "2026-11-02,a slice of toast,1,\n"
        "2026-11-02,a slice of toast,3,\n"  # one portion in the text: the cell counts them
        "2026-11-02,2 slices of toast,3,\n"  # neither 1 nor the text's 2: nothing taken, as before
    )
    result = invoke("report", path, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["subjects"][0]["items"]
    got = [(i["food_id"], i["amount"], i["unit"], round(i["grams"], 2)) for i in items]
    pint = 473.176473 * beer_fl_oz / VOLUME_ML["fl oz"]
    assert got == [
        ("18070", 2.0, "slices", 2 * toast_slice),
        ("18070", 2.0, "slices", 2 * toast_slice),
        ("14003", 0.5, "pint", round(0.5 * pint, 2)),
        ("14003", 2.0, "pints", round(2 * pint, 2)),
        ("18070", 1.0, "slice", toast_slice),
        ("18070", 3.0, "slice", 3 * toast_slice),
        ("18070", 3.0, "", 3 * toast_slice),  # a blank unit: the natural unit, an estimate
    ]
    assert "'2 slices of toast': the unit cell is blank; took 2 'slices' from the food text" in result.stderr


@pytest.mark.parametrize(
    ("text", "portion"),
    [
        ("2 slices of toast", (2.0, "slices", None)),
        ("half a pint of beer", (0.5, "pint", None)),
        ("a half pint of cider", (0.5, "pint", None)),
        ("three cups of tea", (3.0, "cups", None)),
        ("1.5 cups of rice", (1.5, "cups", None)),
        ("a bowl of cheerios", (1.0, "bowl", None)),
        ("a large glass of wine", (1.0, "glass", "large")),  # the size of a unit mgcheck cannot size
        ("2 of toast", None),
        ("cream of wheat", None),
        ("large fries", (1.0, "large", None)),
        ("2 slices toast", (2.0, "slices", None)),  # a count, a unit, no "of"
        ("2 cups milk", (2.0, "cups", None)),
        ("2 egg whites", None),  # no "of": a natural unit ('egg') is a food word, not a unit
        ("7 up", None),
        ("a cup tea", None),  # no "of": the count must be written
    ],
)
def test_the_portion_a_food_text_states(text: str, portion: tuple[float, str, str | None] | None) -> None:
    from mgcheck.units import portion_in_text

    assert portion_in_text(text) == portion


def test_a_size_before_the_unit_in_the_food_text_is_named_as_not_counted(write_log, invoke):
    """Regression (review): 'a large glass of wine,1,' took a glass (the wine's 5 fl oz serving,
    148 g; a large glass in a UK pub is 250 ml) and the warning said only "took 'glass'": the size
    was dropped without a word. The grams stay the unit's (mgcheck has no sized glass or bowl);
    the warning now says the size was not counted."""
    path = write_log("date,food,amount,unit\n2026-11-02,a large glass of wine,1,\n")
    result = invoke("report", path, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (
        "'a large glass of wine': the unit cell is blank; took 'glass' from the food text; its size 'large' "
        "is not counted (write the amount in ml to be exact)"
    ) in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("a pot of tea", None),  # a teapot: no default (was the 125 g yogurt pot)
        # FNDDS coffee's own 'small pot (20 FO, 4 servings)' (the close variant of SR28's brewed coffee,
        # which has no pot): a pot the table measures, never the yogurt pot's 125 g.
        ("a pot of coffee", 600.0),
        ("a pot of chocolate pudding", 108.0),  # SR28 19183's own 'container refrigerated, 4 oz'
        ("pot of yoghurt", 125.0),  # the UK yogurt pot (session 27; was SR28 01116's US 'container (6 oz)', 170 g)
    ],
)
def test_the_default_pot_is_a_yogurt_or_dessert_pot_not_a_pot_of_tea(write_log, invoke, text, grams):
    """Regression (review): 1b0b472 read 'a pot of tea,1,' as a pot of tea, and the only pot default,
    'a pot (yogurt, dessert) of 125 g', went to any food (14,567 of them, beef and soup included):
    a pot of tea was 125 g, a pot of coffee 125 g. The default now needs a yogurt or a dessert;
    anything else is unresolved with the units it takes."""
    import json

    result = invoke("report", write_log(f"date,food,amount,unit\n2026-11-02,{text},1,\n"), *PATIENT, "-f", "json")
    assert result.exit_code == 0, result.stderr
    (subject,) = json.loads(result.stdout)["subjects"]
    if grams is None:
        assert subject["items"] == [] and "'pot' is not a unit this food can take" in subject["unmatched"][0]["reason"]
    else:
        (item,) = subject["items"]
        assert (item["unit"], item["grams"]) == ("pot", grams)
    from mgcheck.units import portion_default

    assert getattr(portion_default("pot", "Yogurt, NFS"), "grams", None) == 125.0
    assert getattr(portion_default("pot", "Custard"), "grams", None) == 125.0
    assert portion_default("pot", "Beverages, tea, black, brewed") is None


_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@given(
    count=st.integers(min_value=1, max_value=6),
    in_words=st.booleans(),
    unit=st.sampled_from(["slices", "cup", "cups", "bowl", "glass", "pint", "squares", "tbsp", "g"]),
    food=st.sampled_from(["toast", "banana", "dark chocolate", "beer", "cheerios", "orange juice"]),
)
def test_a_counted_portion_phrase_is_read_whole_and_left_out_of_the_food(
    count: int, in_words: bool, unit: str, food: str
) -> None:
    """Property: 'N UNIT of FOOD' states N UNITs, and the matcher reads the food alone."""
    from mgcheck.matching import bundled_index
    from mgcheck.units import portion_in_text

    written = _WORDS[count] if in_words else str(count)
    text = f"{written} {unit} of {food}"
    assert portion_in_text(text) == (float(count), unit, None)
    index = bundled_index()
    assert index.query_key(text) == index.query_key(food)


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("2 slices toast", "18070"),  # was French toast: the '2' met its '(2%) milk'
        ("2 rashers of bacon", "10862"),  # 'rasher' is a form word, not a unit: was unmatched (71.0)
        ("2 rashers bacon", "10862"),
        ("3 cups milk", "01077"),
    ],
)
def test_a_count_before_a_portion_word_is_not_part_of_the_food(text: str, food_id: str) -> None:
    """Regression (review): a count before a portion word stayed in the text the matcher read."""
    from mgcheck.matching import bundled_index

    index = bundled_index()
    assert index.match_many([text])[text].food_id == food_id


@pytest.mark.parametrize(
    ("description", "head"),
    [
        ("can can 12 fl oz", "can"),  # SR28 14416 doubles its measure's first word
        ("wing wing without skin", "wing without skin"),
        ("lau lau", "lau lau"),  # an FNDDS food's own name stays whole
        ("Ho Ho", "ho ho"),
    ],
)
def test_a_doubled_first_word_of_a_usda_measure_is_one_unit(description, head):
    """Regression: `foods show 14416` listed the units 'can can' and 'bottle bottle', which nobody types."""
    from mgcheck.units import measure_from_row

    assert measure_from_row(1, description, 1, 355).head == head


def test_foods_show_lists_a_can_once(invoke):
    shown = invoke("foods", "show", "14416").stdout
    units = shown.split("Units it takes:")[1]
    assert "can can" not in units and "bottle bottle" not in units
    assert ", can, bottle," in " ".join(units.split())


@pytest.mark.parametrize(
    ("food_id", "unit", "grams"),
    [
        ("07029", "serving", 56.0),  # Ham, sliced: '56 grams 1 serving = 56 g' gave 1 g a serving
        ("07072", "serving", 27.0),  # Salami: '3 slices 1 serving = 27 g' gave 9 g
        ("18232", "serving", 34.0),  # Crackers, wheat: '16 crackers 1 serving = 34 g' gave 2.1 g
        ("18232", "cracker", 34.0 / 16),
        ("28319", "serving", 43.0),  # Bagels, whole grain white: '0.5 piece bagel 1 serving = 43 g' gave 86 g
        ("13943", "serving", 85.0),  # '3 oz ( 1 serving ) = 85 g': no serving at all before
    ],
)
def test_a_usda_measure_that_says_it_is_one_serving_is_a_serving(food_id, unit, grams):
    """Regression: SR28 writes some servings as 'N <unit> 1 serving = G g' (25 rows). The whole
    measure was read as a unit 'cracker 1 serving' of G/N g, so '1 serving' of sliced ham was 1 g
    (56 g) and of wheat crackers 2.1 g (34 g), and 'foods show' listed units nobody types. Now the N
    units are G g (the unit without '1 serving'), and one serving is G g."""
    from mgcheck.resources import bundled_measures
    from mgcheck.units import convert_unit, measures_by_food, units_accepted

    measures = measures_by_food(bundled_measures(), [food_id])[food_id]
    assert convert_unit(unit, measures).grams_per_unit == pytest.approx(grams)
    assert not [name for name in units_accepted(measures) if "1 serving" in name]


@pytest.mark.parametrize(
    ("food_id", "unit", "grams"),
    [
        ("08319", "serving", 54.0),  # Frosted Mini-Wheats: '21 biscuits (1 NLEA serving) = 54 g' gave 2.6 g a serving
        ("08319", "biscuit", 54.0 / 21),
        ("18961", "serving", 31.0),  # crackers: '11 crackers (1 NLEA serving) = 31 g' gave 2.8 g
        ("08013", "serving", 28.0),  # Cheerios: '1 cup (1 NLEA serving) = 28 g': no serving before
        ("18147", "serving", 125.0),  # a cake's labelled piece, not the 80 g sixth of a cake
    ],
)
def test_the_nlea_serving_on_a_usda_measure_is_a_serving(food_id, unit, grams):
    """Regression: 'frosted mini wheats, 1, serving' was 2.6 g (one biscuit) while the basis printed
    '21 biscuits (1 NLEA serving) = 54 g'; Cheerios took no 'serving' at all (295 SR28 foods label a
    measure '(1 NLEA serving)', the serving on the food's label)."""
    from mgcheck.resources import bundled_measures
    from mgcheck.units import convert_unit, measures_by_food

    measures = measures_by_food(bundled_measures(), [food_id])[food_id]
    conversion = convert_unit(unit, measures)
    assert conversion.grams_per_unit == pytest.approx(grams)
    if unit == "serving":
        assert not conversion.estimate and "(1 NLEA serving)" not in conversion.basis
