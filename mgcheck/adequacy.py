"""The IOM (2000) statistical judgement of one person's usual intake from a few days of records.

D = mean - EAR; SD_D = sqrt(SD_r^2 + SD_within^2 / n) with SD_r = 0.10 x EAR; z = D / SD_D.
Where only an AI exists: z = (mean - AI) / (SD_within / sqrt(n)), and failing it does not
mean inadequacy. Source: IOM, DRI: Applications in Dietary Assessment (2000),
doi:10.17226/9956, pp. 54-57 and 64-65.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from mgcheck.reference import Profile, matches_profile

CV_REQUIREMENT = 0.10
Z_CONFIDENT = 2.0  # z for about 97.5-98% confidence
# (z above which, probability the conclusion is right) from the IOM table.
ADEQUATE_BANDS = ((2.00, 0.98), (1.65, 0.95), (1.50, 0.93), (1.00, 0.85), (0.50, 0.70))
METHOD_EAR = "IOM 2000 EAR test"
METHOD_AI = "IOM 2000 AI test"


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


def normal_cdf(z: np.ndarray) -> np.ndarray:
    erf = np.vectorize(math.erf, otypes=[float])
    return np.asarray(0.5 * (1.0 + erf(np.asarray(z, dtype=float) / math.sqrt(2.0))))


def ear_z(mean: np.ndarray, ear: np.ndarray, sd_within_mg: np.ndarray, n_days: np.ndarray) -> np.ndarray:
    sd_d = np.sqrt((CV_REQUIREMENT * ear) ** 2 + sd_within_mg**2 / n_days)
    return np.asarray((mean - ear) / sd_d)


def ai_z(mean: np.ndarray, ai: np.ndarray, sd_within_mg: np.ndarray, n_days: np.ndarray) -> np.ndarray:
    return np.asarray((mean - ai) / (sd_within_mg / np.sqrt(n_days)))


def intake_needed(ear: float, sd_within_mg: float, n_days: int, z: float = Z_CONFIDENT) -> float:
    """Mean intake over n_days that would give z (2.0: about 97.5% confidence of adequacy)."""
    return ear + z * math.sqrt((CV_REQUIREMENT * ear) ** 2 + sd_within_mg**2 / n_days)


def conclusion_ear(z: float) -> str:
    """The IOM table's conclusion for an EAR test z."""
    for threshold, confidence in ADEQUATE_BANDS:
        if z > threshold:
            return f"adequate ({confidence:.0%} confidence)"
    for threshold, confidence in ADEQUATE_BANDS:
        if z < -threshold:
            return f"inadequate ({confidence:.0%} confidence)"
    return "cannot tell (adequate or inadequate: about 50%)"


def conclusion_ai(z: float) -> str:
    """The AI test can show adequacy; failing it does not show inadequacy."""
    for threshold, confidence in ADEQUATE_BANDS:
        if z > threshold:
            return f"adequate ({confidence:.0%} confidence)"
    return "cannot conclude (below the AI test; this does not mean inadequate)"


def is_inadequate(conclusion: str) -> bool:
    return conclusion.startswith("inadequate")
