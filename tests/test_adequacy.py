"""Tests of mgcheck.adequacy: the IOM 2000 EAR/AI tests, their conclusion bands and SD_within (science.md sec 2)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.adequacy import (
    CV_REQUIREMENT,
    ai_z,
    conclusion_ai,
    conclusion_ear,
    ear_z,
    intake_needed,
    is_inadequate,
    normal_cdf,
    sd_within,
)
from mgcheck.reference import lookup, make_profile

CANNOT_TELL = "cannot tell (adequate or inadequate: about 50%)"


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
    assert conclusion_ear(z) == "adequate (70% confidence)"  # band z > 0.50, below the z > 1.00 band
    assert not is_inadequate(conclusion_ear(z))


@pytest.mark.parametrize(("n_days", "needed"), [(1, 445), (3, 377), (7, 349)])
def test_worked_example_intake_needed_for_97_5_percent(n_days: int, needed: float) -> None:
    assert intake_needed(265, 86, n_days) == pytest.approx(needed, abs=1)


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
        (2.1, "adequate (98% confidence)"),
        (1.7, "adequate (95% confidence)"),
        (1.6, "adequate (93% confidence)"),
        (1.2, "adequate (85% confidence)"),
        (0.6, "adequate (70% confidence)"),
        (0.2, CANNOT_TELL),
        (-0.2, CANNOT_TELL),
        (-0.6, "inadequate (70% confidence)"),
        (-1.2, "inadequate (85% confidence)"),
        (-1.6, "inadequate (93% confidence)"),
        (-1.7, "inadequate (95% confidence)"),
        (-2.1, "inadequate (98% confidence)"),
    ],
)
def test_conclusion_ear_bands(z: float, expected: str) -> None:
    assert conclusion_ear(z) == expected
    assert is_inadequate(conclusion_ear(z)) == expected.startswith("inadequate")


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        (2.0, "adequate (95% confidence)"),  # the table says "> 2.00": exactly 2 is the next band
        (0.5, CANNOT_TELL),
        (0.0, CANNOT_TELL),
        (-0.5, CANNOT_TELL),
        (-2.0, "inadequate (95% confidence)"),
    ],
)
def test_conclusion_ear_thresholds_are_strict(z: float, expected: str) -> None:
    assert conclusion_ear(z) == expected


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        (2.1, "adequate (98% confidence)"),
        (1.7, "adequate (95% confidence)"),
        (1.6, "adequate (93% confidence)"),
        (1.2, "adequate (85% confidence)"),
        (0.6, "adequate (70% confidence)"),
    ],
)
def test_conclusion_ai_adequate_bands(z: float, expected: str) -> None:
    assert conclusion_ai(z) == expected


@pytest.mark.parametrize("z", [0.2, 0.0, -0.2, -0.6, -1.2, -1.6, -1.7, -2.1, -50.0])
def test_conclusion_ai_below_never_concludes_inadequate(z: float) -> None:
    conclusion = conclusion_ai(z)
    assert not is_inadequate(conclusion)
    assert not conclusion.startswith("inadequate")
    assert conclusion.startswith("cannot conclude")
    assert "does not mean inadequate" in conclusion


@given(st.floats(allow_nan=False))
def test_conclusion_ai_never_inadequate_for_any_z(z: float) -> None:
    conclusion = conclusion_ai(z)
    assert not is_inadequate(conclusion)
    assert conclusion.startswith(("adequate", "cannot conclude"))


@given(st.floats(allow_nan=False))
def test_conclusion_ear_is_antisymmetric(z: float) -> None:
    """A z and its negation give mirrored conclusions with the same confidence."""
    high, low = conclusion_ear(z), conclusion_ear(-z)
    if high.startswith("adequate"):
        assert low == "in" + high
    elif high == CANNOT_TELL:
        assert low == CANNOT_TELL


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
