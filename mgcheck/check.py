"""The `--check` rule: which subjects' usual intake counts as inadequate, and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from mgcheck.adequacy import Conclusion, is_inadequate

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CheckFailure", "CheckReason", "check_failures", "check_reasons"]


class CheckReason(str, Enum):
    """Why a subject fails the check."""

    JUDGED_INADEQUATE = "judged_inadequate"  # the EAR test concluded probably or very likely inadequate
    MEAN_BELOW_EAR = "mean_below_ear"  # judged, and the mean intake over the days is below the EAR
    ABOVE_UL = "above_ul"  # supplements and medicines above the UL on at least one day
    DOSE_WITHOUT_UL = "dose_without_ul"  # supplements or medicines logged where no UL is set (infants; EFSA under 4)


@dataclass(frozen=True)
class CheckFailure:
    """One subject that fails the check."""

    subject: str
    """The subject as named in the assessment."""
    reason: CheckReason
    """The first rule it fails (the EAR test's conclusion before the mean)."""


def check_failures(subjects: pd.DataFrame) -> list[CheckFailure]:
    """Subjects whose usual intake is judged inadequate by the EAR test, whose mean is below the
    EAR, or whose supplements and medicines exceed the UL on at least one day.

    `subjects` is an assessment's subject table (columns subject, conclusion_code, mean_intake_mg,
    ear_mg, and ul_exceeded when the UL was checked). AI-only subjects never fail the intake rules
    (failing the AI test is not inadequacy: their EAR is missing), nor do subjects whose judgement
    was withheld (Conclusion.NOT_JUDGED, e.g. unmatched items): the mean of a partial record is not
    evidence of a shortfall. The UL rule holds for every subject, infants and withheld judgements
    included: a dose above the UL is a fact of the days logged, whatever else is missing (a 2-year-old
    on 100 mg/day of supplements, UL 65 mg, passed the check before). Where the standard sets no UL
    (IOM infants, whose magnesium comes from breast milk, formula and food only; EFSA under 4) any
    supplement or medicine logged fails it: no limit means no dose can be judged safe here, and an
    infant given milk of magnesia passed the check before.
    """
    reasons = check_reasons(subjects)
    return [
        CheckFailure(str(subject), reason)
        for subject, reason in zip(subjects["subject"].tolist(), reasons, strict=True)
        if reason is not None
    ]


def check_reasons(subjects: pd.DataFrame) -> list[CheckReason | None]:
    """Each subject's first failed rule of `check_failures`, or None where it passes (in the table's order):
    the summary's `check_reason` column, so a script sees why `--check` exited 3."""
    reasons: list[CheckReason | None] = []
    above_ul = subjects["ul_exceeded"].fillna(False).astype(bool).tolist() if "ul_exceeded" in subjects else None
    without_ul = (
        (subjects["ul_mg"].isna() & subjects["max_supplement_mg"].gt(0)).tolist()
        if {"ul_mg", "max_supplement_mg"} <= set(subjects.columns)
        else None
    )
    rows = subjects[["conclusion_code", "mean_intake_mg", "ear_mg"]].itertuples(index=False)
    for position, row in enumerate(rows):
        if is_inadequate(row.conclusion_code):
            reasons.append(CheckReason.JUDGED_INADEQUATE)
        elif row.conclusion_code != Conclusion.NOT_JUDGED.value and row.mean_intake_mg < row.ear_mg:
            reasons.append(CheckReason.MEAN_BELOW_EAR)
        elif above_ul is not None and above_ul[position]:
            reasons.append(CheckReason.ABOVE_UL)
        elif without_ul is not None and without_ul[position]:
            reasons.append(CheckReason.DOSE_WITHOUT_UL)
        else:
            reasons.append(None)
    return reasons
