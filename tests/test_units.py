"""Tests of mgcheck.units: amount parsing, unit spelling and unit-to-gram conversion on real SR28 measures."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgcheck.resources import bundled_foods, bundled_measures
from mgcheck.units import (
    COMMA,
    MASS_G,
    VOLUME_ML,
    UnitError,
    canonical_unit,
    convert_unit,
    measures_by_food,
    parse_amount,
    parse_amounts,
    units_accepted,
)

BANANA = "09040"
SPINACH_BOILED = "11458"
PEANUT_BUTTER = "16098"
PUMPKIN_SEEDS = "12016"
ORANGE_JUICE = "09206"
WHOLE_MILK = "01077"
WW_BREAD = "18075"
EGG = "01123"

# 20 real SR28 foods with household measures of every kind (count, volume, qualified, mass-named).
FOOD_IDS = [
    BANANA,
    SPINACH_BOILED,
    PEANUT_BUTTER,
    PUMPKIN_SEEDS,
    ORANGE_JUICE,
    WHOLE_MILK,
    WW_BREAD,
    EGG,
    "11090",  # broccoli, raw
    "12061",  # almonds
    "19904",  # dark chocolate 70-85%
    "15076",  # salmon, Atlantic, wild, raw
    "11124",  # carrots, raw
    "09003",  # apples, raw, with skin
    "16015",  # black beans, boiled
    "20037",  # brown rice, long-grain, cooked
    "08120",  # oats, dry
    "11529",  # tomatoes, raw
    "01117",  # yogurt, plain, low fat
    "11352",  # potatoes, raw
]

CUP_ML = 236.5882365


@pytest.fixture(scope="module")
def measures() -> dict:
    return measures_by_food(bundled_measures(), FOOD_IDS)


_MEASURES_CACHE: dict = {}


def _measures(food_id: str) -> list:
    if not _MEASURES_CACHE:
        _MEASURES_CACHE.update(measures_by_food(bundled_measures(), FOOD_IDS))
    return _MEASURES_CACHE[food_id]


def _mg_per_100g(food_id: str) -> float:
    foods = bundled_foods()
    return float(foods.loc[foods["food_id"] == food_id, "mg_per_100g"].iloc[0])


# --------------------------------------------------------------------------- parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2.0),
        ("0.5", 0.5),
        ("0,5", 0.5),
        ("1/2", 0.5),
        ("1 1/2", 1.5),
        ("½", 0.5),
        ("1½", 1.5),
        ("¾", 0.75),
        (" 3 ", 3.0),
        ("2 3/4", 2.75),
        ("1/3", 1 / 3),
    ],
)
def test_parse_amount_accepts_written_amounts(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["abc", "1/0", "", "1-2", None, "   ", "1/2/3", "½½"])
def test_parse_amount_rejects_non_amounts(text: object) -> None:
    assert parse_amount(text) is None


@given(st.text())
def test_parse_amount_never_raises(text: str) -> None:
    value = parse_amount(text)
    assert value is None or isinstance(value, float)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1/" + "1" * 5000, id="denominator-over-python-int-digit-limit"),
        pytest.param("1" * 5000 + "/2", id="numerator-over-python-int-digit-limit"),
        pytest.param("1" + "0" * 400 + "/1", id="fraction-too-large-for-float"),
    ],
)
def test_parse_amount_never_raises_on_huge_fractions(text: str) -> None:
    """Text that only looks like a fraction must still give None or a float, never an exception."""
    value = parse_amount(text)
    assert value is None or isinstance(value, float)


@given(
    whole=st.integers(min_value=0, max_value=10_000),
    numerator=st.integers(min_value=1, max_value=10_000),
    denominator=st.integers(min_value=1, max_value=10_000),
    spaced_slash=st.booleans(),
)
def test_parse_amount_fraction_round_trip(whole: int, numerator: int, denominator: int, spaced_slash: bool) -> None:
    slash = " / " if spaced_slash else "/"
    text = f"{numerator}{slash}{denominator}"
    if whole:
        text = f"{whole} {text}"
    assert parse_amount(text) == float(whole + Fraction(numerator, denominator))


@given(st.floats(min_value=1e-9, max_value=1e12, allow_nan=False, allow_infinity=False), st.booleans())
def test_parse_amount_decimal_round_trip(value: float, decimal_comma: bool) -> None:
    text = repr(value)
    if decimal_comma:
        text = text.replace(".", ",")
    # '1,375' is ambiguous unless --decimal-comma says so (issue 10): the round trip says so.
    token = COMMA.set("decimal")
    try:
        assert parse_amount(text) == value
    finally:
        COMMA.reset(token)


_NUMBERISH = st.one_of(
    st.sampled_from(["-1", "-0", "inf", "-inf", "+inf", "Infinity", "nan", "NaN", "1e5", "1e999", "0", " 2 ", ""]),
    st.from_regex(r"\A[+-]?\d{1,4}([.,]\d{0,3})?\Z", fullmatch=True),
    st.from_regex(r"\A(\d{1,3} )?\d{1,3} ?/ ?\d{1,3}\Z", fullmatch=True),
)


def _same(vectorised: float, scalar: float | None) -> bool:
    if scalar is None:
        return math.isnan(vectorised)
    return vectorised == scalar


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(), _NUMBERISH), max_size=20))
def test_parse_amounts_agrees_with_parse_amount(texts: list[str]) -> None:
    vectorised = parse_amounts(pd.Series(texts, dtype=object))
    assert len(vectorised) == len(texts)
    for text, got in zip(texts, vectorised.tolist(), strict=True):
        expected = parse_amount(text)
        assert _same(got, expected), f"{text!r}: parse_amounts gave {got!r}, parse_amount gave {expected!r}"


@pytest.mark.parametrize("text", ["-1", "-0", "inf", "+inf", "Infinity", "-inf"])
def test_parse_amounts_agrees_with_parse_amount_on_signs_and_infinities(text: str) -> None:
    """parse_amount refuses these (None); its vectorised form must too (NaN)."""
    assert parse_amount(text) is None
    assert math.isnan(parse_amounts(pd.Series([text], dtype=object)).iloc[0])


def test_parse_amounts_typical_column() -> None:
    got = parse_amounts(pd.Series(["2", "0,5", "1/2", "1 1/2", "½", "abc", ""], dtype=object)).tolist()
    assert got[:5] == [2.0, 0.5, 0.5, 1.5, 0.5]
    assert math.isnan(got[5]) and math.isnan(got[6])


# --------------------------------------------------------------------------- canonical_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tablespoons", "tbsp"),
        ("TBSP", "tbsp"),
        ("tsps", "tsp"),
        ("fl. oz", "fl oz"),
        ("fluid ounces", "fl oz"),
        ("grams", "g"),
        ("lbs", "lb"),
        ("cups", "cup"),
        ("slices", "slice"),
        ("Cup, chopped", "cup, chopped"),
        ("ml", "ml"),
        ("litres", "l"),
        ("teaspoons", "tsp"),
        ("ounces", "oz"),
        ("  Grams  ", "g"),
    ],
)
def test_canonical_unit(text: str, expected: str) -> None:
    assert canonical_unit(text) == expected


def test_canonical_unit_of_non_text_is_empty() -> None:
    assert canonical_unit(None) == ""
    assert canonical_unit(float("nan")) == ""


@given(st.text())
def test_canonical_unit_never_raises(text: str) -> None:
    assert isinstance(canonical_unit(text), str)


# --------------------------------------------------------------------------- convert_unit, real measures


def test_banana_medium_is_118_g() -> None:
    conversion = convert_unit("medium", _measures(BANANA))
    assert conversion.grams_per_unit == 118.0
    assert conversion.note is None


def test_spinach_boiled_cup_is_180_g() -> None:
    conversion = convert_unit("cup", _measures(SPINACH_BOILED))
    assert conversion.grams_per_unit == 180.0
    assert parse_amount("1/2") * conversion.grams_per_unit == 90.0


def test_peanut_butter_tbsp_is_16_g_from_2_tbsp_32_g() -> None:
    conversion = convert_unit("tbsp", _measures(PEANUT_BUTTER))
    assert conversion.grams_per_unit == 16.0
    assert "2 tbsp = 32 g" in conversion.basis


def test_pumpkin_seeds_oz_is_exact_mass_ounce() -> None:
    conversion = convert_unit("oz", _measures(PUMPKIN_SEEDS))
    assert conversion.grams_per_unit == 28.349523125


def test_orange_juice_ml_uses_its_own_cup_density() -> None:
    conversion = convert_unit("ml", _measures(ORANGE_JUICE))
    assert conversion.grams_per_unit == pytest.approx(248 / CUP_ML, rel=1e-12)
    assert conversion.grams_per_unit != pytest.approx(1.0, abs=0.01)  # never water's 1 g/ml
    assert "1 cup = 248 g" in conversion.basis


def test_orange_juice_litre_scales_the_same_density() -> None:
    litre = convert_unit("l", _measures(ORANGE_JUICE)).grams_per_unit
    assert litre == pytest.approx(1000 * 248 / CUP_ML, rel=1e-12)


def test_whole_milk_cup_is_its_own_244_g_measure() -> None:
    conversion = convert_unit("cup", _measures(WHOLE_MILK))
    assert conversion.grams_per_unit == 244.0
    assert conversion.grams_per_unit != pytest.approx(CUP_ML)


def test_volume_unit_without_volume_measure_is_an_error_listing_slice() -> None:
    with pytest.raises(UnitError) as raised:
        convert_unit("cup", _measures(WW_BREAD))
    message = str(raised.value)
    assert "'cup'" in message
    assert "slice" in message


def test_unknown_unit_lists_the_foods_units() -> None:
    with pytest.raises(UnitError) as raised:
        convert_unit("blorp", _measures(BANANA))
    message = str(raised.value)
    assert "'blorp'" in message
    for unit in units_accepted(_measures(BANANA)):
        assert unit in message
    for unit in ("g", "cup", "medium", "large", "small"):
        assert unit in units_accepted(_measures(BANANA))


def test_each_egg_is_the_medium_measure_with_a_note() -> None:
    conversion = convert_unit("each", _measures(EGG))
    assert conversion.grams_per_unit == 44.0
    assert conversion.note is not None
    assert "'each'" in conversion.note and "medium" in conversion.note


def test_bare_cup_on_banana_names_the_other_cup_measures() -> None:
    conversion = convert_unit("cup", _measures(BANANA))
    assert conversion.grams_per_unit == 225.0  # first in SR28 order: 1 cup, mashed = 225 g
    assert conversion.note is not None
    assert "cup, sliced = 150 g" in conversion.note


def test_qualified_cup_picks_that_measure() -> None:
    assert convert_unit(canonical_unit("Cups, sliced"), _measures(BANANA)).grams_per_unit == 150.0


def test_mass_units_are_exact_for_any_food() -> None:
    for unit, grams in MASS_G.items():
        assert convert_unit(unit, _measures(WW_BREAD)).grams_per_unit == grams
    assert MASS_G["lb"] == 16 * MASS_G["oz"]


# --------------------------------------------------------------------------- magnesium arithmetic of the issue


@pytest.mark.parametrize(
    ("food_id", "amount", "unit", "grams", "mg", "places"),
    [
        (BANANA, "1", "medium", 118.0, 31.86, 2),
        (SPINACH_BOILED, "1/2", "cup", 90.0, 78.3, 1),
        (PEANUT_BUTTER, "2", "tbsp", 32.0, 53.76, 2),
        (PUMPKIN_SEEDS, "1", "oz", 28.349523125, 155.9, 1),
    ],
)
def test_magnesium_per_portion(food_id: str, amount: str, unit: str, grams: float, mg: float, places: int) -> None:
    portion = parse_amount(amount) * convert_unit(unit, _measures(food_id)).grams_per_unit
    assert portion == pytest.approx(grams, abs=1e-9)
    assert round(portion * _mg_per_100g(food_id) / 100, places) == mg


def test_banana_magnesium_rounds_to_31_9() -> None:
    grams = convert_unit("medium", _measures(BANANA)).grams_per_unit
    assert round(grams * _mg_per_100g(BANANA) / 100, 1) == 31.9


# --------------------------------------------------------------------------- properties over real foods


@st.composite
def _food_and_unit(draw: st.DrawFn) -> tuple[str, str]:
    food_id = draw(st.sampled_from(FOOD_IDS))
    unit = draw(st.sampled_from(units_accepted(_measures(food_id))))
    return food_id, unit


def test_all_fixture_foods_have_measures(measures: dict) -> None:
    assert sorted(measures) == sorted(FOOD_IDS)


@given(
    _food_and_unit(),
    st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False),
)
def test_grams_positive_and_linear_in_amount(food_unit: tuple[str, str], amount: float) -> None:
    food_id, unit = food_unit
    per_unit = convert_unit(unit, _measures(food_id)).grams_per_unit
    assert math.isfinite(per_unit) and per_unit > 0
    grams = amount * per_unit
    assert grams > 0
    assert (2 * amount) * convert_unit(unit, _measures(food_id)).grams_per_unit == pytest.approx(2 * grams, rel=1e-12)


@given(st.sampled_from(FOOD_IDS))
def test_volume_units_share_one_density(food_id: str) -> None:
    """Volume units the food has no own measure of all convert through the same g/ml."""
    food_measures = _measures(food_id)
    if not any(m.volume_ml for m in food_measures):
        with pytest.raises(UnitError):
            convert_unit("ml", food_measures)
        return
    per_ml = convert_unit("ml", food_measures).grams_per_unit
    assert convert_unit("dl", food_measures).grams_per_unit == pytest.approx(100 * per_ml, rel=1e-12)
    assert convert_unit("l", food_measures).grams_per_unit == pytest.approx(1000 * per_ml, rel=1e-12)
    assert per_ml > 0
    assert set(VOLUME_ML) <= set(units_accepted(food_measures))
