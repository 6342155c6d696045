"""The `--check` rule: which subjects' usual intake counts as inadequate, and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from mgcheck.adequacy import INADEQUATE, Conclusion

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
    the summary's `check_reason` column, so a script sees why `--check` exited 3. Vectorised: it runs for
    every summary (0.38 s for 200,000 subjects as a loop)."""
    import numpy as np

    count = len(subjects)
    code = subjects["conclusion_code"].astype(str).to_numpy()
    judged_inadequate = np.isin(code, [conclusion.value for conclusion in INADEQUATE])
    mean = subjects["mean_intake_mg"].to_numpy(dtype=float, na_value=np.nan)
    ear = subjects["ear_mg"].to_numpy(dtype=float, na_value=np.nan)
    below_ear = (code != Conclusion.NOT_JUDGED.value) & (mean < ear)  # NaN EAR (AI only): never below
    above_ul = (
        subjects["ul_exceeded"].fillna(False).astype(bool).to_numpy()
        if "ul_exceeded" in subjects
        else np.zeros(count, bool)
    )
    without_ul = (
        (subjects["ul_mg"].isna() & subjects["max_supplement_mg"].gt(0)).to_numpy()
        if {"ul_mg", "max_supplement_mg"} <= set(subjects.columns)
        else np.zeros(count, bool)
    )
    chosen = np.select(
        [judged_inadequate, below_ear, above_ul, without_ul],
        [0, 1, 2, 3],
        default=-1,
    )
    rules = (
        CheckReason.JUDGED_INADEQUATE,
        CheckReason.MEAN_BELOW_EAR,
        CheckReason.ABOVE_UL,
        CheckReason.DOSE_WITHOUT_UL,
    )
    return [None if position < 0 else rules[position] for position in chosen.tolist()]
