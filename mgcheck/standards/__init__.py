"""The registry of reference standards: one module per standard here defines `STANDARD`.

`--standard`, reference lookups and the report's UL scope read the registry when they run;
`register()` adds a standard at run time (a test's toy standard, a plug-in). The values stay
in a CSV file with a `source` column (mgcheck/data/reference_intakes.csv).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgcheck.registry import Registry

if TYPE_CHECKING:
    from mgcheck.standards.interface import CsvStandard, ReferenceStandard

__all__ = [
    "BUILT_IN",
    "CsvStandard",
    "ReferenceStandard",
    "all_standards",
    "canonical",
    "get",
    "names",
    "register",
    "unregister",
]

BUILT_IN = ("iom", "efsa")  # the order of --help and of error messages; iom is the default
_standards: Registry[ReferenceStandard] = Registry(__name__, BUILT_IN, "STANDARD", "standard")
register = _standards.register
unregister = _standards.unregister
all_standards = _standards.all
get = _standards.get
canonical = _standards.canonical  # a standard named in any case ('EFSA') as registered ('efsa')


def names() -> tuple[str, ...]:
    return _standards.names()


def __getattr__(name: str) -> Any:
    # The interface loads on first use: naming the standards for `--help` creates none of its classes.
    if name in ("CsvStandard", "ReferenceStandard"):
        from mgcheck.standards import interface

        return getattr(interface, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
