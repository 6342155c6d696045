"""Tests of mgcheck.reference: profiles and the IOM 1997 / EFSA 2015 magnesium reference values (science.md sec 1)."""

from __future__ import annotations

import pytest

from mgcheck.errors import ExitCode, UsageProblem
from mgcheck.reference import lookup, make_profile, parse_sex

# science.md section 1, IOM 1997 table, one entry per (row, sex):
# (life stage, sex, age in the middle of the band, EAR, RDA, AI, UL)
IOM_ROWS = [
    ("0-6 months", "female", 0.25, None, None, 30, None),
    ("0-6 months", "male", 0.25, None, None, 30, None),
    ("7-12 months", "female", 0.75, None, None, 75, None),
    ("7-12 months", "male", 0.75, None, None, 75, None),
    ("1-3 y", "female", 2, 65, 80, None, 65),
    ("1-3 y", "male", 2, 65, 80, None, 65),
    ("4-8 y", "female", 6, 110, 130, None, 110),
    ("4-8 y", "male", 6, 110, 130, None, 110),
    ("9-13 y", "female", 11, 200, 240, None, 350),
    ("9-13 y", "male", 11, 200, 240, None, 350),
    ("14-18 y", "female", 16, 300, 360, None, 350),
    ("14-18 y", "male", 16, 340, 410, None, 350),
    ("19-30 y", "female", 25, 255, 310, None, 350),
    ("19-30 y", "male", 25, 330, 400, None, 350),
    ("31-50 y", "female", 40, 265, 320, None, 350),
    ("31-50 y", "male", 40, 350, 420, None, 350),
    ("51-70 y", "female", 60, 265, 320, None, 350),
    ("51-70 y", "male", 60, 350, 420, None, 350),
    (">70 y", "female", 80, 265, 320, None, 350),
    (">70 y", "male", 80, 350, 420, None, 350),
]

# (life stage, age, pregnant, lactating, EAR, RDA, UL)
IOM_PREGNANCY_LACTATION = [
    ("pregnancy <=18 y", 16, True, False, 335, 400, 350),
    ("pregnancy 19-30 y", 25, True, False, 290, 350, 350),
    ("pregnancy 31-50 y", 40, True, False, 300, 360, 350),
    ("lactation <=18 y", 16, False, True, 300, 360, 350),
    ("lactation 19-30 y", 25, False, True, 255, 310, 350),
    ("lactation 31-50 y", 40, False, True, 265, 320, 350),
]


def _values(reference) -> tuple:
    return (reference.ear_mg, reference.rda_mg, reference.ai_mg, reference.ul_supplement_mg)


@pytest.mark.parametrize(
    ("stage", "sex", "age", "ear", "rda", "ai", "ul"),
    IOM_ROWS,
    ids=[f"{row[0]}-{row[1]}" for row in IOM_ROWS],
)
def test_iom_table_row(stage: str, sex: str, age: float, ear, rda, ai, ul) -> None:
    reference = lookup(make_profile(sex, age), "iom")
    assert _values(reference) == (ear, rda, ai, ul)
    assert reference.standard == "IOM 1997"


@pytest.mark.parametrize(
    ("stage", "age", "pregnant", "lactating", "ear", "rda", "ul"),
    IOM_PREGNANCY_LACTATION,
    ids=[row[0] for row in IOM_PREGNANCY_LACTATION],
)
def test_iom_pregnancy_and_lactation_rows(
    stage: str, age: float, pregnant: bool, lactating: bool, ear: float, rda: float, ul: float
) -> None:
    reference = lookup(make_profile("female", age, pregnant=pregnant, lactating=lactating), "iom")
    assert _values(reference) == (ear, rda, None, ul)


def test_pregnant_woman_25_gets_pregnancy_values_not_age_group_values() -> None:
    reference = lookup(make_profile("F", 25, pregnant=True))
    assert (reference.ear_mg, reference.rda_mg) == (290, 350)
    assert (reference.ear_mg, reference.rda_mg) != (255, 310)
    assert "Pregnancy" in reference.life_stage


def test_pregnancy_ear_is_age_group_ear_plus_35() -> None:
    for age in (16, 25, 40):
        pregnant = lookup(make_profile("female", age, pregnant=True)).ear_mg
        usual = lookup(make_profile("female", age)).ear_mg
        assert pregnant == usual + 35


def test_lactation_values_equal_non_lactating_values() -> None:
    for age in (16, 25, 40):
        lactating = lookup(make_profile("female", age, lactating=True))
        usual = lookup(make_profile("female", age))
        assert (lactating.ear_mg, lactating.rda_mg) == (usual.ear_mg, usual.rda_mg)


def test_iom_rda_is_ear_plus_two_sd_of_requirement() -> None:
    """RDA = EAR x 1.2 (CV 10%), rounded to the nearest 10 mg as the IOM publishes it."""
    for _stage, sex, age, ear, rda, _ai, _ul in IOM_ROWS:
        if ear is not None:
            assert abs(ear * 1.2 - rda) <= 5, (sex, age)


# --------------------------------------------------------------------------- EFSA 2015

# (label, sex, age, pregnant, lactating, AI)
EFSA_AI = [
    ("7-11 mo", "female", 0.75, False, False, 80),
    ("7-11 mo", "male", 0.75, False, False, 80),
    ("1-<3 y", "female", 2, False, False, 170),
    ("1-<3 y", "male", 1, False, False, 170),
    ("3-<10 y at 3", "female", 3.5, False, False, 230),
    ("3-<10 y at 6", "male", 6, False, False, 230),
    ("3-<10 y at 9.9", "female", 9.9, False, False, 230),
    ("10-<18 y boys", "male", 14, False, False, 300),
    ("10-<18 y girls", "female", 14, False, False, 250),
    ("adult men", "male", 40, False, False, 350),
    ("adult women", "female", 40, False, False, 300),
    ("adult men at 18", "male", 18, False, False, 350),
    ("adult women at 18", "female", 18, False, False, 300),
    ("pregnant women", "female", 30, True, False, 300),
    ("lactating women", "female", 30, False, True, 300),
]


@pytest.mark.parametrize(
    ("label", "sex", "age", "pregnant", "lactating", "ai"), EFSA_AI, ids=[row[0] for row in EFSA_AI]
)
def test_efsa_adequate_intakes(label: str, sex: str, age: float, pregnant: bool, lactating: bool, ai: float) -> None:
    reference = lookup(make_profile(sex, age, pregnant=pregnant, lactating=lactating), "efsa")
    assert reference.ai_mg == ai
    assert reference.ear_mg is None
    assert reference.rda_mg is None
    assert reference.standard == "EFSA 2015"


@pytest.mark.parametrize(("sex", "age"), [("female", 4), ("male", 4.0), ("female", 6), ("male", 14), ("female", 40)])
def test_efsa_ul_is_250_from_age_4(sex: str, age: float) -> None:
    assert lookup(make_profile(sex, age), "efsa").ul_supplement_mg == 250


def test_efsa_ul_applies_in_pregnancy_and_lactation() -> None:
    assert lookup(make_profile("female", 30, pregnant=True), "efsa").ul_supplement_mg == 250
    assert lookup(make_profile("female", 30, lactating=True), "efsa").ul_supplement_mg == 250


@pytest.mark.parametrize(("sex", "age"), [("female", 0.75), ("male", 2), ("female", 3), ("male", 3.99)])
def test_efsa_no_ul_below_age_4(sex: str, age: float) -> None:
    assert lookup(make_profile(sex, age), "efsa").ul_supplement_mg is None


def test_unknown_standard_is_a_usage_problem() -> None:
    with pytest.raises(UsageProblem):
        lookup(make_profile("female", 40), "who")


# --------------------------------------------------------------------------- band boundaries


@pytest.mark.parametrize(
    ("sex", "age", "stage", "ear"),
    [
        ("female", 30.99, "Females 19-30 y", 255),
        ("female", 31.0, "Females 31-50 y", 265),
        ("female", 70.5, "Females 51-70 y", 265),
        ("female", 71, "Females >70 y", 265),
        ("male", 30.99, "Males 19-30 y", 330),
        ("male", 31.0, "Males 31-50 y", 350),
        ("male", 70.5, "Males 51-70 y", 350),
        ("male", 71, "Males >70 y", 350),
        ("female", 3.99, "Children 1-3 y", 65),
        ("female", 4.0, "Children 4-8 y", 110),
        ("male", 18.99, "Males 14-18 y", 340),
        ("male", 19.0, "Males 19-30 y", 330),
    ],
)
def test_age_band_boundaries(sex: str, age: float, stage: str, ear: float) -> None:
    reference = lookup(make_profile(sex, age))
    assert reference.life_stage == stage
    assert reference.ear_mg == ear


def test_infant_boundaries() -> None:
    assert lookup(make_profile("male", 0)).ai_mg == 30
    assert lookup(make_profile("male", 0.49)).ai_mg == 30
    # Completed months (session 27): six months (0.5-0.58 y) is 0-6 mo; 7 months (7/12 y) is 7-12 mo.
    assert lookup(make_profile("male", 0.5)).ai_mg == 30
    assert lookup(make_profile("male", 0.58)).ai_mg == 30
    assert lookup(make_profile("male", 7 / 12)).ai_mg == 75
    assert lookup(make_profile("male", 0.99)).ai_mg == 75
    assert lookup(make_profile("male", 1.0)).ear_mg == 65


def test_ul_for_young_children() -> None:
    assert lookup(make_profile("female", 2)).ul_supplement_mg == 65
    assert lookup(make_profile("male", 6)).ul_supplement_mg == 110


# --------------------------------------------------------------------------- make_profile errors


def _usage_problem(**kwargs) -> UsageProblem:
    with pytest.raises(UsageProblem) as raised:
        make_profile(**kwargs)
    assert raised.value.exit_code == ExitCode.USAGE_ERROR == 2
    return raised.value


def test_missing_sex_names_the_option() -> None:
    message = str(_usage_problem(sex=None, age=40))
    assert "--sex" in message
    assert "--age" not in message.split(":")[0]


def test_missing_age_names_the_option() -> None:
    message = str(_usage_problem(sex="female", age=None))
    assert "--age" in message
    assert "--sex" not in message.split(":")[0]


def test_empty_text_counts_as_missing() -> None:
    assert "--age" in str(_usage_problem(sex="female", age="  "))


def test_both_missing_names_both() -> None:
    message = str(_usage_problem(sex=None, age=None))
    assert "--sex" in message and "--age" in message


def test_pregnant_male() -> None:
    assert "male" in str(_usage_problem(sex="male", age=30, pregnant=True))


def test_lactating_male() -> None:
    _usage_problem(sex="M", age=30, lactating=True)


def test_pregnant_and_lactating() -> None:
    message = str(_usage_problem(sex="female", age=30, pregnant=True, lactating=True))
    assert "pregnant" in message and "lactating" in message


@pytest.mark.parametrize("age", [-1, 200, "-0.5", "abc", "nan", "inf"])
def test_bad_age(age: object) -> None:
    _usage_problem(sex="female", age=age)


def test_unknown_sex() -> None:
    assert "'x'" in str(_usage_problem(sex="x", age=30))


def test_age_accepts_text_and_decimal_comma() -> None:
    assert make_profile("female", "54").age == 54.0
    assert make_profile("female", "0,5").age == 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F", "female"),
        ("f", "female"),
        ("female", "female"),
        ("FEMALE", "female"),
        ("Woman", "female"),
        ("wOmAn", "female"),
        (" female ", "female"),
        ("M", "male"),
        ("m", "male"),
        ("Male", "male"),
        ("MALE", "male"),
        ("man", "male"),
        ("MAN", "male"),
    ],
)
def test_parse_sex(text: str, expected: str) -> None:
    assert parse_sex(text) == expected


@pytest.mark.parametrize("text", ["x", "", "fem", "boy", "None"])
def test_parse_sex_rejects(text: str) -> None:
    with pytest.raises(UsageProblem):
        parse_sex(text)
