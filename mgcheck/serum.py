"""Serum magnesium as a clinician writes it ('0.68 mmol/L', '1.7 mg/dL'): parsed, with its unit required when ambiguous."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgcheck.errors import UsageProblem

if TYPE_CHECKING:
    from mgcheck.report import Serum

__all__ = ["SERUM_AMBIGUOUS_FROM", "parse_serum", "require_one_subject"]

# A bare serum value from here up could be mmol/L (normal 0.75-0.95), mg/dL (1.8-2.3) or mEq/L
# (1.5-1.9): 1.4 mg/dL is hypomagnesaemia, 1.4 mmol/L hypermagnesaemia (science.md sec 4).
# Below it a bare value is read as mmol/L.
SERUM_AMBIGUOUS_FROM = 0.8
_UNITS = (("mg/dl", "mg/dL"), ("mmol/l", "mmol/L"), ("meq/l", "mEq/L"))


def parse_serum(text: str) -> Serum:
    """The serum value `text` names; UsageProblem when it is not a plausible value or its unit is ambiguous."""
    from mgcheck.report import Serum

    number_text = text.strip().lower().replace(" ", "")
    unit = None
    for suffix, name in _UNITS:
        if number_text.endswith(suffix):
            number_text, unit = number_text[: -len(suffix)], name
    try:
        number = float(number_text.replace(",", "."))
    except ValueError:
        raise UsageProblem(
            f"'{text}' is not a serum value; write it with its unit, e.g. '0.68 mmol/L', '1.7 mg/dL' or '1.4 mEq/L'"
        ) from None
    if not 0 < number < 20:
        raise UsageProblem(f"'{text}' is not a plausible serum magnesium value")
    if unit is None and number >= SERUM_AMBIGUOUS_FROM:
        # 1.4 mg/dL (0.58 mmol/L) is hypomagnesaemia; 1.4 mmol/L is hypermagnesaemia: the unit must be said.
        raise UsageProblem(
            f"'{text}' has no unit and could be mmol/L, mg/dL or mEq/L; "
            f"write '{text} mg/dL', '{text} mmol/L' or '{text} mEq/L'"
        )
    return Serum(number, unit or "mmol/L")


def require_one_subject(serum: Serum | None, subjects: int) -> None:
    """A serum value is one patient's blood test: UsageProblem when a report of several subjects is given one.

    Read beside every subject of a study, it would tell each of them of a result that is not theirs.
    """
    if serum is not None and subjects > 1:
        raise UsageProblem(
            f"a serum magnesium value is one patient's; these logs hold {subjects} subjects: report each "
            "subject on its own with its own value (one log per subject), or leave the value out"
        )
