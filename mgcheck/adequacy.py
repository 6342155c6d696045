"""The IOM (2000) statistical judgement of one person's usual intake from a few days of records.

D = mean - EAR; SD_D = sqrt(SD_r^2 + SD_within^2 / n) with SD_r = 0.10 x EAR; z = D / SD_D.
Where only an AI exists: z = (mean - AI) / (SD_within / sqrt(n)), and failing it does not
mean inadequacy. Source: IOM, DRI: Applications in Dietary Assessment (2000),
doi:10.17226/9956, pp. 54-61 and 190.

The conclusion is a `Conclusion` (structured state); its wording is made apart by `describe`,
and states the probability itself (the normal CDF of z, as the book reads its own example,
"about 85 percent" for z = 0.98), with the IOM table's band only as a label that cannot
contradict it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from mgcheck.reference import Profile, matches_profile
from mgcheck.results import Conclusion as Conclusion  # re-exported: adequacy.Conclusion is public

CV_REQUIREMENT = 0.10
Z_CONFIDENT = 2.0  # z for about 97.5-98% confidence
# (z above which, probability the conclusion is right) from the IOM table: floors of bands.
ADEQUATE_BANDS = ((2.00, 0.98), (1.65, 0.95), (1.50, 0.93), (1.00, 0.85), (0.50, 0.70))
Z_PROBABLE = 0.50  # IOM band edge: beyond it a conclusion is at least 70% likely to be right
Z_VERY_LIKELY = 1.65  # IOM band edge: at least 95%
METHOD_EAR = "IOM 2000 EAR test"
METHOD_AI = "IOM 2000 AI test"
# IOM 2000 p. 190: the method assumes roughly normal daily intakes; it is unreliable when the
# day-to-day coefficient of variation exceeds about 60-70%. The lower edge is checked.
MAX_RELIABLE_CV = 0.60
SENSITIVITY_FACTOR = 1.25  # IOM 2000 p. 56 shows the example again with an SD 25% larger


INADEQUATE = frozenset({Conclusion.PROBABLY_INADEQUATE, Conclusion.VERY_LIKELY_INADEQUATE})


@dataclass(frozen=True)
class SdWithin:
    sd_mg: float
    status: str  # "derived" or "estimate"
    source: str


@cache
def _sd_rows() -> tuple[dict[str, object], ...]:
    from mgcheck.resources import records

    return tuple(records("sd_within.csv"))


def sd_within(profile: Profile) -> SdWithin:
    """Pooled day-to-day SD of magnesium intake for the profile's group (never the person's own days)."""
    for record in _sd_rows():
        if not matches_profile(record, profile):
            continue
        return SdWithin(float(record["sd_within_mg"]), str(record["status"]), str(record["source"]))  # type: ignore[arg-type]
    raise LookupError(f"no SD_within row for {profile}")


def normal_cdf(z: np.ndarray | float) -> np.ndarray:
    erf = np.vectorize(math.erf, otypes=[float])
    return np.asarray(0.5 * (1.0 + erf(np.asarray(z, dtype=float) / math.sqrt(2.0))))


def ear_z(mean: np.ndarray, ear: np.ndarray, sd_within_mg: np.ndarray, n_days: np.ndarray) -> np.ndarray:
    sd_d = np.sqrt((CV_REQUIREMENT * ear) ** 2 + sd_within_mg**2 / n_days)
    return np.asarray((mean - ear) / sd_d)


def ai_z(mean: np.ndarray, ai: np.ndarray, sd_within_mg: np.ndarray, n_days: np.ndarray) -> np.ndarray:
    return np.asarray((mean - ai) / (sd_within_mg / np.sqrt(n_days)))


def intake_needed(ear: float, sd_within_mg: float, n_days: int, z: float = Z_CONFIDENT) -> float:
    """Mean intake over n_days that gives z (2.0: about 97.5% confidence of adequacy; -2.0: about
    97.5% confidence that intake is below the requirement). A statistical threshold, not a target."""
    return ear + z * math.sqrt((CV_REQUIREMENT * ear) ** 2 + sd_within_mg**2 / n_days)


def classify_ear(z: float) -> Conclusion:
    """The conclusion of the EAR test for z, on the IOM table's band edges."""
    if z > Z_VERY_LIKELY:
        return Conclusion.VERY_LIKELY_ADEQUATE
    if z > Z_PROBABLE:
        return Conclusion.PROBABLY_ADEQUATE
    if z < -Z_VERY_LIKELY:
        return Conclusion.VERY_LIKELY_INADEQUATE
    if z < -Z_PROBABLE:
        return Conclusion.PROBABLY_INADEQUATE
    return Conclusion.UNDETERMINED


def classify_ai(z: float) -> Conclusion:
    """The AI test can show usual intake above the AI; failing it does not show inadequacy."""
    return Conclusion.ABOVE_AI if z > Z_PROBABLE else Conclusion.AI_UNDETERMINED


def percent_bound(probability: float) -> tuple[str, str]:
    """A probability as a whole percentage and the side it is bounded on: ('>', '99%'), ('<', '1%') or
    ('', '71%'); never 0% or 100%, which the method cannot give."""
    if probability > 0.99:
        return ">", "99%"
    if probability < 0.01:
        return "<", "1%"
    return "", f"{probability:.0%}"


_BOUND_WORDS = {">": "more than ", "<": "less than ", "": ""}


def percent(probability: float) -> str:
    """A probability in words a clinician reads: 'more than 99%', 'less than 1%', '71%' (`percent_bound`)."""
    side, shown = percent_bound(probability)
    return _BOUND_WORDS[side] + shown


_EAR_WORDS = {
    Conclusion.VERY_LIKELY_ADEQUATE: "very likely adequate",
    Conclusion.PROBABLY_ADEQUATE: "probably adequate",
    Conclusion.UNDETERMINED: "cannot tell whether adequate",
    Conclusion.PROBABLY_INADEQUATE: "probably inadequate",
    Conclusion.VERY_LIKELY_INADEQUATE: "very likely inadequate",
}


def describe(conclusion: Conclusion, probability: float | None, reason: str = "") -> str:
    """The conclusion in plain words, stating the probability itself (Phi(z))."""
    if conclusion is Conclusion.NOT_JUDGED or probability is None or math.isnan(probability):
        return f"not judged: {reason}" if reason else "not judged"
    if conclusion is Conclusion.ABOVE_AI:
        return f"usual intake above the AI ({percent(probability)}): likely adequate"
    if conclusion is Conclusion.AI_UNDETERMINED:
        return (
            f"cannot conclude: {percent(probability)} probability that usual intake is above the AI; "
            "falling short of the AI test does not mean intake is inadequate"
        )
    return f"{_EAR_WORDS[conclusion]}: {percent(probability)} probability that usual intake is adequate"


# The direction a clinician acts on: the EAR test's two bands each side, and the AI test's readings.
_DIRECTIONS = {
    Conclusion.VERY_LIKELY_ADEQUATE: "adequate",
    Conclusion.PROBABLY_ADEQUATE: "adequate",
    Conclusion.ABOVE_AI: "adequate",
    Conclusion.UNDETERMINED: "undetermined",
    Conclusion.AI_UNDETERMINED: "undetermined",
    Conclusion.PROBABLY_INADEQUATE: "inadequate",
    Conclusion.VERY_LIKELY_INADEQUATE: "inadequate",
    Conclusion.NOT_JUDGED: "not judged",
}


# How sure a conclusion is within its direction: data beside `_DIRECTIONS`, not cut from `_EAR_WORDS`' display
# text (the session 27 review: rewording a label would have changed the sensitivity sentence).
_CERTAINTY = {
    Conclusion.VERY_LIKELY_ADEQUATE: "very likely",
    Conclusion.PROBABLY_ADEQUATE: "probably",
    Conclusion.PROBABLY_INADEQUATE: "probably",
    Conclusion.VERY_LIKELY_INADEQUATE: "very likely",
}


def direction(conclusion: Conclusion) -> str:
    """What the conclusion says to act on: 'adequate', 'inadequate', 'undetermined' (or 'not judged')."""
    return _DIRECTIONS[conclusion]


def sensitivity_reading(conclusion: Conclusion, again: Conclusion) -> tuple[bool, str]:
    """Whether the conclusion's direction survives the larger SD, and the words that say so.

    'Not robust' only when the direction changes (inadequate to undetermined); a move within one
    direction (very likely to probably inadequate) changes the certainty, not what to do: a trial
    read "the conclusion changes, so it is not robust" for 4% against 7% as "might be adequate"."""
    if again is conclusion:
        return True, "the conclusion holds."
    before, after = direction(conclusion), direction(again)
    if before == after:
        return True, (
            f"still {after} ({_CERTAINTY.get(again, after)} rather than {_CERTAINTY.get(conclusion, before)}): "
            "the certainty changes, the direction holds."
        )
    return False, f"the conclusion changes from {before} to {after}, so it is not robust."


def iom_band(z: float, ear_test: bool = True) -> str:
    """The IOM table's band for z, as a label. The table's probabilities are rounded floors of
    bands (0.85 for z > 1.00, where the normal curve gives 0.84 at the edge), so they are left out:
    the label names the band and its conclusion, and can never contradict the stated probability."""
    for threshold, label in _EAR_ABOVE if ear_test else _AI_ABOVE:
        if z > threshold:
            return label
    if ear_test:
        for threshold, label in _BELOW_LABELS:
            if z < -threshold:
                return label
        if z > 0:
            return "IOM table band z > 0.00: adequate or inadequate, about even"
        return "no IOM table band (z between -0.50 and 0): adequate or inadequate, about even"
    return "IOM table: below z = 0.50 the AI test draws no conclusion"


# The band labels, made once (a report of many subjects labels each one).
_EAR_ABOVE = tuple((threshold, f"IOM table band z > {threshold:.2f}: 'adequate'") for threshold, _ in ADEQUATE_BANDS)
_AI_ABOVE = tuple((threshold, f"IOM table band z > {threshold:.2f}: 'above the AI'") for threshold, _ in ADEQUATE_BANDS)
_BELOW_LABELS = tuple(
    (threshold, f"IOM table band z < -{threshold:.2f}: 'inadequate'") for threshold, _floor in ADEQUATE_BANDS
)


def is_inadequate(conclusion: Conclusion | str) -> bool:
    return Conclusion(conclusion) in INADEQUATE
