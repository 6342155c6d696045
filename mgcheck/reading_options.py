"""How logs are read, parsed from what the user wrote: column renames, how '1,000' reads, whose measures units are."""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from mgcheck.errors import UsageProblem

__all__ = ["MEASURES_ENV", "CommaMode", "check_measures", "comma_mode", "measures_choice", "parse_column_map"]


class CommaMode(str, Enum):
    """How a comma inside a number ('1,000') reads (mgcheck.units.COMMA)."""

    AMBIGUOUS = "ambiguous"  # refused: it could be one thousand or one
    DECIMAL = "decimal"  # a decimal comma: 1,000 is 1.000
    THOUSANDS = "thousands"  # a thousands separator: 1,000 is one thousand


def comma_mode(decimal: bool, thousands: bool) -> CommaMode:
    """The comma reading asked for; UsageProblem when both readings are asked for."""
    if decimal and thousands:
        raise UsageProblem("give one of --decimal-comma and --thousands-comma")
    return CommaMode.DECIMAL if decimal else CommaMode.THOUSANDS if thousands else CommaMode.AMBIGUOUS


def parse_column_map(pairs: Sequence[str] | None) -> dict[str, str] | None:
    """'SOURCE=TARGET' pairs as a rename mapping (None for none); UsageProblem on a pair without both sides."""
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise UsageProblem(f"'{pair}' is not SOURCE=TARGET")
        mapping[source.strip()] = target.strip()
    return mapping


# A clinic sets whose household measures its logs use once: --measures, else this variable, else
# `measures = "uk"` in ./mgcheck.toml (the file that names the clinic book), else the US measures.
MEASURES_ENV = "MGCHECK_MEASURES"


def check_measures(measures: object, where: str = "--measures") -> str:
    """`measures` as a known region's name ("us", "uk", "au", in any case); UsageProblem for any other."""
    from mgcheck.units import MEASURES_CHOICES

    name = measures.strip().lower() if isinstance(measures, str) else None
    if name not in MEASURES_CHOICES:
        raise UsageProblem(
            f"{where} {measures!r} is not one of {', '.join(MEASURES_CHOICES)} "
            "(us: US cup, pint and can, as the USDA tables; uk: UK pint 568 ml, 330 ml can; au: 250 ml cup, 20 ml tablespoon)"
        )
    return name


def measures_choice(option: str | None, cwd: Path | None = None) -> str:
    """Whose household measures the logs' units are: --measures, else $MGCHECK_MEASURES, else `measures` in
    ./mgcheck.toml, else "us". UsageProblem for a name that is none of them, saying where it was given."""
    if option is not None:
        return check_measures(option)
    env = os.environ.get(MEASURES_ENV, "").strip()
    if env:
        return check_measures(env, f"${MEASURES_ENV}")
    from mgcheck.book import CONFIG, clinic_settings

    settings = clinic_settings(cwd)
    if "measures" in settings:
        return check_measures(settings["measures"], f"measures in {(cwd or Path.cwd()) / CONFIG}")
    return "us"
