"""Session 27: clinical and matching findings, each with the input that showed it."""

from __future__ import annotations

import pandas as pd
import pytest

import mgcheck
from mgcheck.render import terminal

ROWS = [
    ("2026-03-02", "white bread", 2, "slice", "food"),
    ("2026-03-02", "white rice", 1, "cup", "food"),
    ("2026-03-03", "tuna", 3, "oz", "food"),
]


def _reading(serum: str) -> mgcheck.Report:
    frame = pd.DataFrame(ROWS, columns=["date", "food", "amount", "unit", "kind"])
    return mgcheck.make_report(mgcheck.assess_logs(frame, sex="female", age=60), serum=serum)


@pytest.mark.parametrize("given", ["1.8 mg/dL", "1.82 mg/dL"])
def test_a_mg_dl_value_within_the_published_mg_dl_range_says_why_its_mmol_l_is_below_it(given: str) -> None:
    # 1.8 mg/dL = 0.741 mmol/L read "within the IOM range (0.75-0.95 mmol/L = 1.8-2.3 mg/dL)": a figure below
    # the first limit the reader sees, called within it. The mg/dL limits it is read against come first, and
    # the difference between the IOM's two published ranges is said.
    report = _reading(given)
    serum = report.subjects[0].serum
    assert serum is not None and serum.grade.value == "low_normal"
    assert serum.reading.startswith("within the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L; near its lower limit")
    assert f"though its {serum.mmol_l:.3f} mmol/L is just below the 0.75 mmol/L" in serum.reading
    text = " ".join(terminal.render_to_text(report, width=200).split())
    assert "just below the 0.75 mmol/L the IOM publishes beside it" in text


@pytest.mark.parametrize("given", ["1.83 mg/dL", "2.0 mg/dL", "0.76 mmol/L", "1.6 mEq/L"])
def test_values_whose_mmol_l_is_within_the_iom_range_need_no_such_clause(given: str) -> None:
    serum = _reading(given).subjects[0].serum
    assert serum is not None and serum.grade.value in ("normal", "low_normal")
    assert "just below" not in serum.reading

