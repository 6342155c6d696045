"""Tests of mgcheck.adequacy: the IOM 2000 EAR/AI tests, their conclusion bands and SD_within (science.md sec 2)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.adequacy import (
    CV_REQUIREMENT,
    Conclusion,
    ai_z,
    classify_ai,
    classify_ear,
    describe,
    ear_z,
    intake_needed,
    iom_band,
    is_inadequate,
    normal_cdf,
    sd_within,
)
from mgcheck.reference import lookup, make_profile

C = Conclusion


# --------------------------------------------------------------------------- the IOM worked example (pp. 54-57)


@pytest.fixture(scope="module")
def woman_40():
    return make_profile("female", 40)


def test_worked_example_inputs(woman_40) -> None:
    assert lookup(woman_40).ear_mg == 265
    assert sd_within(woman_40).sd_mg == 86


def test_worked_example_d_sd_z_and_probability(woman_40) -> None:
    ear = lookup(woman_40).ear_mg
    sd = sd_within(woman_40).sd_mg
    mean, n_days = 320.0, 3
    d = mean - ear
    sd_d = math.sqrt((CV_REQUIREMENT * ear) ** 2 + sd**2 / n_days)
    assert d == 55
    assert sd_d == pytest.approx(56, abs=0.5)
    z = float(ear_z(np.array([mean]), np.array([ear]), np.array([sd]), np.array([n_days]))[0])
    assert z == pytest.approx(0.98, abs=0.01)
    assert z == pytest.approx(d / sd_d, rel=1e-12)
    assert z < 1  # "z just under 1"
    assert float(normal_cdf(z)) == pytest.approx(0.84, abs=0.005)
    # The book reads z = 0.98 as "about 85 percent" (p. 54): Phi(z), not the band's 70% floor.
    code = classify_ear(z)
    assert code is C.PROBABLY_ADEQUATE and not is_inadequate(code)
    text = describe(code, float(normal_cdf(z)))
    assert text == "probably adequate: 84% probability that usual intake is adequate"
    assert iom_band(z) == "IOM table band z > 0.50: 'adequate'"


@pytest.mark.parametrize(("n_days", "needed"), [(1, 445), (3, 377), (7, 349)])
def test_worked_example_intake_needed_for_97_5_percent(n_days: int, needed: float) -> None:
    assert intake_needed(265, 86, n_days) == pytest.approx(needed, abs=1)


@pytest.mark.parametrize(("n_days", "needed"), [(1, 486), (7, 362)])
def test_worked_example_with_an_sd_25_percent_larger(n_days: int, needed: float) -> None:
    """IOM 2000 p. 56: with an SD 25% larger she would need 486 mg (1 day) and 362 mg (7 days)."""
    assert intake_needed(265, 86 * 1.25, n_days) == pytest.approx(needed, abs=1)


def test_worked_example_intake_97_5_percent_below_requirement() -> None:
    """IOM 2000 p. 57: over 7 days about 180 mg/day is 97.5% likely to be below her requirement."""
    assert intake_needed(265, 86, 7, z=-2.0) == pytest.approx(180, abs=2)


@pytest.mark.parametrize("n_days", [1, 3, 7, 14])
def test_intake_needed_gives_z_of_2(n_days: int) -> None:
    needed = intake_needed(265, 86, n_days)
    z = float(ear_z(np.array([needed]), np.array([265.0]), np.array([86.0]), np.array([n_days]))[0])
    assert z == pytest.approx(2.0, rel=1e-12)


def test_ear_z_is_vectorised() -> None:
    z = ear_z(np.array([320.0, 265.0, 200.0]), np.array([265.0] * 3), np.array([86.0] * 3), np.array([3, 3, 3]))
    assert z.shape == (3,)
    assert z[0] == pytest.approx(0.977, abs=0.001)
    assert z[1] == 0.0
    assert z[2] < 0


def test_ai_z() -> None:
    # Infant 0-6 mo: AI 30, SD_within 10; 4 days at mean 40 -> z = 10 / (10 / 2) = 2.
    z = ai_z(np.array([40.0]), np.array([30.0]), np.array([10.0]), np.array([4]))
    assert float(z[0]) == pytest.approx(2.0, rel=1e-12)


# --------------------------------------------------------------------------- conclusion bands


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        (2.1, C.VERY_LIKELY_ADEQUATE),
        (1.7, C.VERY_LIKELY_ADEQUATE),
        (1.6, C.PROBABLY_ADEQUATE),
        (0.6, C.PROBABLY_ADEQUATE),
        (0.5, C.UNDETERMINED),  # the table says "> 0.50": exactly 0.5 is not in the band
        (0.2, C.UNDETERMINED),
        (-0.2, C.UNDETERMINED),
        (-0.5, C.UNDETERMINED),
        (-0.6, C.PROBABLY_INADEQUATE),
        (-1.6, C.PROBABLY_INADEQUATE),
        (-1.7, C.VERY_LIKELY_INADEQUATE),
        (-2.1, C.VERY_LIKELY_INADEQUATE),
    ],
)
def test_classify_ear_bands(z: float, expected: Conclusion) -> None:
    assert classify_ear(z) is expected
    assert is_inadequate(classify_ear(z)) == (z < -0.5)


@given(st.floats(min_value=-8, max_value=8, allow_nan=False))
def test_wording_never_contradicts_the_probability(z: float) -> None:
    """The words and the IOM label follow the probability: 'adequate' only when P > 69%,
    'inadequate' only when P < 31%, and the band's floor never exceeds the stated side's probability."""
    p = float(normal_cdf(z))
    text = describe(classify_ear(z), p)
    if "probably adequate" in text or "very likely adequate" in text:
        assert p > 0.69
    if "inadequate" in text:
        assert p < 0.31
    band = iom_band(z)
    assert "%" not in band  # the table's rounded floors (0.85 at z > 1.00) could contradict Phi(z)
    if band.endswith("'adequate'"):
        assert p > 0.69
    if band.endswith("'inadequate'"):
        assert p < 0.31


def test_cannot_tell_band_is_labelled_as_even() -> None:
    assert (
        describe(C.UNDETERMINED, 0.69) == "cannot tell whether adequate: 69% probability that usual intake is adequate"
    )
    assert iom_band(0.49) == "IOM table band z > 0.00: adequate or inadequate, about even"
    assert "no IOM table band" in iom_band(-0.3)


def test_extreme_probabilities_are_never_certain() -> None:
    assert describe(C.VERY_LIKELY_ADEQUATE, 0.9999) == (
        "very likely adequate: more than 99% probability that usual intake is adequate"
    )
    assert describe(C.VERY_LIKELY_INADEQUATE, 0.0001).startswith("very likely inadequate: less than 1% probability")


def test_ai_test_wording() -> None:
    """IOM 2000 p. 61: the AI test gives confidence that usual intake exceeds the AI."""
    assert describe(C.ABOVE_AI, 0.977) == "usual intake above the AI (98%): likely adequate"
    below = describe(C.AI_UNDETERMINED, 0.4)
    assert below.startswith("cannot conclude: 40% probability that usual intake is above the AI")
    assert "does not mean intake is inadequate" in below


@given(st.floats(allow_nan=False))
def test_ai_test_never_concludes_inadequate(z: float) -> None:
    code = classify_ai(z)
    assert code in (C.ABOVE_AI, C.AI_UNDETERMINED)
    assert not is_inadequate(code)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_classify_ear_is_antisymmetric(z: float) -> None:
    mirror = {
        C.VERY_LIKELY_ADEQUATE: C.VERY_LIKELY_INADEQUATE,
        C.PROBABLY_ADEQUATE: C.PROBABLY_INADEQUATE,
        C.UNDETERMINED: C.UNDETERMINED,
    }
    high = classify_ear(z)
    if high in mirror:
        assert classify_ear(-z) is mirror[high]


def test_not_judged_has_no_probability() -> None:
    assert describe(C.NOT_JUDGED, None, "50% of food items are unmatched") == (
        "not judged: 50% of food items are unmatched"
    )


# --------------------------------------------------------------------------- SD_within


@pytest.mark.parametrize("age", [19, 25, 31, 40, 50.99])
def test_sd_within_women_19_50_is_derived_86(age: float) -> None:
    value = sd_within(make_profile("female", age))
    assert value.sd_mg == 86
    assert value.status == "derived"


@pytest.mark.parametrize("age", [19, 40, 70, 90])
def test_sd_within_men_is_an_estimate_of_122(age: float) -> None:
    value = sd_within(make_profile("male", age))
    assert value.sd_mg == 122
    assert value.status == "estimate"


@pytest.mark.parametrize(
    ("sex", "age", "pregnant", "lactating"),
    [
        ("female", 60, False, False),
        ("female", 16, False, False),
        ("female", 25, True, False),
        ("female", 25, False, True),
    ],
)
def test_sd_within_other_groups_are_labelled_estimates(sex: str, age: float, pregnant: bool, lactating: bool) -> None:
    value = sd_within(make_profile(sex, age, pregnant=pregnant, lactating=lactating))
    assert value.status == "estimate"
    assert value.sd_mg > 0
    assert "estimate" in value.source


# --------------------------------------------------------------------------- normal_cdf


def test_normal_cdf() -> None:
    assert float(normal_cdf(0)) == 0.5
    assert float(normal_cdf(1.96)) == pytest.approx(0.975, abs=1e-4)
    assert float(normal_cdf(-1.96)) == pytest.approx(0.025, abs=1e-4)
    assert normal_cdf(np.array([-1.0, 0.0, 1.0])).tolist() == pytest.approx([0.158655, 0.5, 0.841345], abs=1e-6)


# --------------------------------------------------------------------------- SD_within scales with intake (issue 9 part 5)


def test_every_estimated_sd_within_is_the_womens_cv_times_the_groups_intake_level() -> None:
    from mgcheck.resources import records

    cv = 86 / 228  # IOM 2000 worked example's 86 mg over the CSFII 1994 women's mean of 228 mg
    rows = list(records("sd_within.csv"))
    assert len(rows) == 13
    for row in rows:
        intake, sd = float(str(row["intake_level_mg"])), float(str(row["sd_within_mg"]))
        assert sd == round(cv * intake), row
        assert str(row["source"]).strip()
    assert [row["status"] for row in rows].count("derived") == 1  # women 19-50 y, from the worked example


@pytest.mark.parametrize(
    ("sex", "age", "expected"),
    [
        ("male", 2, 74),
        ("female", 6, 124),
        ("female", 11, 86),
        ("male", 11, 122),
        ("male", 16, 122),
        ("female", 0.3, 11),
    ],
)
def test_children_are_no_longer_given_an_sd_scaled_from_their_ear(sex: str, age: float, expected: int) -> None:
    # Before: EAR-scaled, 21 mg at 1-3 y and 36 mg at 4-8 y, about a third of what their intake implies.
    value = sd_within(make_profile(sex, age))
    assert value.sd_mg == expected
    assert value.status == "estimate" and "intake level" in value.source
