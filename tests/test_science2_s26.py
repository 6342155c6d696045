"""More clinical defects from the renal and geriatric dietitian's trial (session 26,
/tmp/s26/geri/findings.md) and two left from an earlier paediatric trial.

- Finding 7: a one-day log (p9, a woman of 70, 402 mg) had the verdict "at or above the RDA" and
  `--brief` said "To add: nothing", against IOM 2000 (a few days of records do not give usual intake;
  only at or above the RDA over many days gives high confidence). A one-day verdict now says where the
  day falls "on this one day" and that one day cannot show usual intake (collect more non-consecutive
  days); the brief says so instead of "nothing"; the handout adds that one day is not the usual
  intake. The verdict codes are unchanged; below the EAR (IOM 2000 sets no many-days condition there)
  the words stay.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

import mgcheck
from mgcheck.render import brief, html, markdown, terminal
from mgcheck.report import context

# p9_f70_oneday.csv of the trial: one day, 402 mg from food.
ONE_DAY = [
    ("2026-03-02", "oatmeal", 1, "cup", "food"),
    ("2026-03-02", "banana", 1, "medium", "food"),
    ("2026-03-02", "black beans", 1, "cup", "food"),
    ("2026-03-02", "brown rice", 1, "cup", "food"),
    ("2026-03-02", "salmon", 100, "g", "food"),
]


def _log(rows: list[tuple[str, str, object, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date", "food", "amount", "unit", "kind"])


def _report(rows: list[tuple[str, str, object, str, str]], **profile: object) -> mgcheck.Report:
    return mgcheck.make_report(mgcheck.assess_logs(_log(rows), **profile))  # type: ignore[arg-type]


def test_a_one_day_record_at_the_rda_is_not_called_settled() -> None:
    report = _report(ONE_DAY, sex="female", age=70)
    subject = report.subjects[0]
    assert subject.n_days == 1 and float(subject.mean_daily_mg) >= 320
    assert subject.verdict_code.value == "at_or_above_rda"  # the contract's code is unchanged
    assert subject.verdict == (
        "at or above the RDA on this one day: one day cannot show usual intake; "
        "collect more non-consecutive days before judging it"
    )
    lines = brief.render(report, 400)
    assert "nothing: the mean reaches" not in lines
    assert f"To add       {context('add_one_day')}" in lines
    assert f"Verdict      {subject.verdict}" in lines
    assert f"Verdict       {subject.verdict[:40]}" in terminal.render_to_text(report, width=400)
    assert f"- **Verdict:** {subject.verdict}" in markdown.render(report)
    page = html.render(report, "patient", date(2026, 3, 4))
    assert f'<span data-key="one_day">{html.handout_text("one_day")}</span>' in page


def test_two_days_keep_the_plain_verdict_and_a_one_day_gap_keeps_its_foods() -> None:
    two_days = ONE_DAY + [(f"2026-03-03{r[0][10:]}", *r[1:]) for r in ONE_DAY]
    subject = _report(two_days, sex="female", age=70).subjects[0]
    assert subject.n_days == 2 and subject.verdict == "at or above the RDA"
    page = html.render(_report(two_days, sex="female", age=70), "patient", date(2026, 3, 4))
    assert 'data-key="one_day"' not in page
    # Below the EAR, IOM 2000 sets no many-days condition: the words stay, with the one-day note and the foods.
    low = _report(ONE_DAY[:2], sex="female", age=70)
    low_subject = low.subjects[0]
    assert low_subject.verdict == "below the EAR: usual intake very likely needs improvement"
    assert context("one_day") in low_subject.adequacy.notes
    assert "1 oz pumpkin seeds, roasted +156 mg" in brief.render(low, 400)


def test_a_one_day_record_at_the_ai_is_qualified_too() -> None:
    subject = _report(ONE_DAY, sex="female", age=70, standard="efsa").subjects[0]
    assert subject.verdict_code.value == "at_or_above_ai"
    assert subject.verdict == (
        "at or above the AI on this one day: one day cannot show usual intake; "
        "collect more non-consecutive days before judging it"
    )
