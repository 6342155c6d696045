"""Domain rules the CLI used to hold, tested in the library: serum parsing, the --check rule, reading options."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.adequacy import Conclusion
from mgcheck.check import CheckFailure, CheckReason, check_failures
from mgcheck.errors import ExitCode, UsageProblem
from mgcheck.reading_options import CommaMode, comma_mode, parse_column_map
from mgcheck.serum import SERUM_AMBIGUOUS_FROM, parse_serum


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("0.68 mmol/L", 0.68, "mmol/L"),
        ("1.7 mg/dL", 1.7, "mg/dL"),
        ("1,4 MEQ/L", 1.4, "mEq/L"),
        ("0.6", 0.6, "mmol/L"),  # a bare value below 0.8 can only be mmol/L
        (" 2.1mg/dl ", 2.1, "mg/dL"),
    ],
)
def test_serum_values_with_or_without_their_unit(text, value, unit):
    serum = parse_serum(text)
    assert (serum.value, serum.unit) == (value, unit)


def test_a_serum_value_in_mg_dl_is_converted_to_mmol_l():
    assert parse_serum("2.43 mg/dL").mmol_l == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize("text", ["1.4", "0.8", "2"])
def test_a_bare_serum_value_that_could_be_any_unit_is_a_usage_problem(text):
    with pytest.raises(UsageProblem, match="has no unit") as raised:
        parse_serum(text)
    assert raised.value.exit_code == ExitCode.USAGE_ERROR
    assert f"'{text} mg/dL'" in str(raised.value)


@pytest.mark.parametrize(("text", "message"), [("abc", "is not a serum value"), ("25 mmol/L", "not a plausible")])
def test_unreadable_or_implausible_serum_values_are_refused(text, message):
    with pytest.raises(UsageProblem, match=message):
        parse_serum(text)


@given(st.floats(min_value=SERUM_AMBIGUOUS_FROM, max_value=19.9, allow_nan=False))
def test_every_bare_value_from_the_ambiguous_threshold_up_is_refused(number):
    with pytest.raises(UsageProblem):
        parse_serum(repr(number))


def _subjects(*rows: tuple[str, Conclusion, float, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"subject": s, "conclusion_code": c.value, "mean_intake_mg": m, "ear_mg": e} for s, c, m, e in rows]
    )


def test_the_check_fails_subjects_judged_inadequate():
    subjects = _subjects(
        ("a", Conclusion.PROBABLY_INADEQUATE, 300.0, 265.0),
        ("b", Conclusion.VERY_LIKELY_INADEQUATE, 150.0, 265.0),
        ("c", Conclusion.VERY_LIKELY_ADEQUATE, 400.0, 265.0),
    )
    assert check_failures(subjects) == [
        CheckFailure("a", CheckReason.JUDGED_INADEQUATE),
        CheckFailure("b", CheckReason.JUDGED_INADEQUATE),
    ]


def test_the_check_fails_a_judged_subject_whose_mean_is_below_the_ear():
    """The documented "mean below the EAR" clause: undetermined by the EAR test, yet the mean is short."""
    subjects = _subjects(
        ("short", Conclusion.UNDETERMINED, 246.9, 265.0), ("enough", Conclusion.UNDETERMINED, 280, 265)
    )
    assert check_failures(subjects) == [CheckFailure("short", CheckReason.MEAN_BELOW_EAR)]


def test_the_check_passes_ai_only_and_unjudged_subjects():
    subjects = _subjects(
        ("infant", Conclusion.AI_UNDETERMINED, 10.0, math.nan),
        ("ai", Conclusion.ABOVE_AI, 400.0, math.nan),
        ("withheld", Conclusion.NOT_JUDGED, 100.0, 265.0),
    )
    assert check_failures(subjects) == []


def test_check_mean_below_ear_exits_3_from_the_cli(invoke, write_log):
    rows = "".join(
        f"2026-11-0{d},banana,1,medium,food\n2026-11-0{d},magnesium citrate,215,mg,supplement\n" for d in (2, 3)
    )
    log = write_log("date,food,amount,unit,kind\n" + rows)
    figures = invoke("summary", log, "--sex", "F", "--age", "40", "-f", "csv", "-q")
    assert "undetermined" in figures.stdout  # not judged inadequate: only the mean clause can fail it
    assert invoke("summary", log, "--sex", "F", "--age", "40", "-f", "csv", "-q", "--check").exit_code == 3


def test_column_map_pairs():
    assert parse_column_map(None) is None
    assert parse_column_map([" Mg (mg) = Magnesium", "Food=Description"]) == {
        "Mg (mg)": "Magnesium",
        "Food": "Description",
    }


@pytest.mark.parametrize("pair", ["foo", "=Magnesium", "Mg (mg)=", " = "])
def test_a_column_map_pair_without_both_sides_is_a_usage_problem(pair):
    with pytest.raises(UsageProblem, match="is not SOURCE=TARGET"):
        parse_column_map([pair])


@given(st.text(min_size=1).filter(lambda s: "=" not in s and s.strip()), st.text().filter(lambda s: s.strip()))
def test_column_map_keeps_any_names_without_equals_signs(source, target):
    assert parse_column_map([f"{source}={target}"]) == {source.strip(): target.strip()}


def test_comma_modes():
    assert comma_mode(False, False) is CommaMode.AMBIGUOUS
    assert comma_mode(True, False) is CommaMode.DECIMAL
    assert comma_mode(False, True) is CommaMode.THOUSANDS
    with pytest.raises(UsageProblem, match="give one of"):
        comma_mode(True, True)


def test_comma_modes_are_the_ones_units_knows():
    from mgcheck.units import COMMA_MODES

    assert {mode.value for mode in CommaMode} == set(COMMA_MODES)


def test_the_check_fails_any_subject_above_the_ul_even_without_a_judgement():
    """The review: a 2-year-old on 100 mg/day of supplements (UL 65) passed --check (exit 0)."""
    subjects = _subjects(
        ("toddler", Conclusion.VERY_LIKELY_ADEQUATE, 250.0, 65.0),
        ("withheld", Conclusion.NOT_JUDGED, 100.0, 265.0),
        ("fine", Conclusion.VERY_LIKELY_ADEQUATE, 400.0, 265.0),
    ).assign(ul_exceeded=[True, True, False])
    assert check_failures(subjects) == [
        CheckFailure("toddler", CheckReason.ABOVE_UL),
        CheckFailure("withheld", CheckReason.ABOVE_UL),
    ]


def test_check_above_the_ul_exits_3_from_the_cli(invoke, write_log):
    rows = "".join(
        f"2026-11-0{d},almonds,2,oz,food\n2026-11-0{d},spinach,1,cup,food\n"
        f"2026-11-0{d},magnesium citrate,100,mg,supplement\n"
        for d in (2, 3)
    )
    log = write_log("date,food,amount,unit,kind\n" + rows)
    child = ("--sex", "F", "--age", "2", "-f", "csv", "-q")
    figures = invoke("summary", log, *child)
    assert figures.exit_code == 0 and "inadequate" not in figures.stdout
    assert invoke("summary", log, *child, "--check").exit_code == 3
    assert invoke("report", log, *child, "--check").exit_code == 3
