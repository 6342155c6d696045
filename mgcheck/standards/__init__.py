"""The registry of reference standards: one module per standard here defines `STANDARD`.

A standard is one file: a module in this package assigning `STANDARD` (an instance of
`mgcheck.standards.interface.ReferenceStandard`) at its top level, named as its module; it is
found from the file alone (`mgcheck.registry.built_in_modules`; `interface` assigns none, so is
not one). `--help` and error messages list iom (the default) first, the others alphabetically.
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
    "DEFAULT",
    "CsvStandard",
    "ReferenceStandard",
    "all_standards",
    "canonical",
    "get",
    "names",
    "register",
    "unregister",
]

DEFAULT = "iom"  # listed first in --help and in error messages
_standards: Registry[ReferenceStandard] = Registry(__name__, "STANDARD", "standard", first=DEFAULT)
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
