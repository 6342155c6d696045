"""The `--check` rule: which subjects' usual intake counts as inadequate, and why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from mgcheck.adequacy import Conclusion, is_inadequate

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CheckFailure", "CheckReason", "check_failures"]


class CheckReason(str, Enum):
    """Why a subject fails the check."""

    JUDGED_INADEQUATE = "judged_inadequate"  # the EAR test concluded probably or very likely inadequate
    MEAN_BELOW_EAR = "mean_below_ear"  # judged, and the mean intake over the days is below the EAR


@dataclass(frozen=True)
class CheckFailure:
    """One subject that fails the check."""

    subject: str
    """The subject as named in the assessment."""
    reason: CheckReason
    """The first rule it fails (the EAR test's conclusion before the mean)."""


def check_failures(subjects: pd.DataFrame) -> list[CheckFailure]:
    """Subjects whose usual intake is judged inadequate by the EAR test, or whose mean is below the EAR.

    `subjects` is an assessment's subject table (columns subject, conclusion_code, mean_intake_mg,
    ear_mg). AI-only subjects never fail (failing the AI test is not inadequacy: their EAR is
    missing), nor do subjects whose judgement was withheld (Conclusion.NOT_JUDGED, e.g. unmatched
    items): the mean of a partial record is not evidence of a shortfall.
    """
    failures = []
    for row in subjects[["subject", "conclusion_code", "mean_intake_mg", "ear_mg"]].itertuples(index=False):
        if is_inadequate(row.conclusion_code):
            failures.append(CheckFailure(str(row.subject), CheckReason.JUDGED_INADEQUATE))
        elif row.conclusion_code != Conclusion.NOT_JUDGED.value and row.mean_intake_mg < row.ear_mg:
            failures.append(CheckFailure(str(row.subject), CheckReason.MEAN_BELOW_EAR))
    return failures
