"""How logs are read, parsed from what the user wrote: column renames and how '1,000' reads."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from mgcheck.errors import UsageProblem

__all__ = ["CommaMode", "comma_mode", "parse_column_map"]


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
