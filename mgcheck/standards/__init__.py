"""The registry of reference standards: one module per standard here defines `STANDARD`.

`--standard`, reference lookups and the report's UL scope read the registry when they run;
`register()` adds a standard at run time (a test's toy standard, a plug-in). The values stay
in a CSV file with a `source` column (mgcheck/data/reference_intakes.csv).
"""

from __future__ import annotations

import importlib

from mgcheck.errors import UsageProblem
from mgcheck.standards.interface import CsvStandard, ReferenceStandard

__all__ = ["BUILT_IN", "CsvStandard", "ReferenceStandard", "all_standards", "get", "names", "register", "unregister"]

BUILT_IN = ("iom", "efsa")  # the order of --help and of error messages; iom is the default
_registered: dict[str, ReferenceStandard] = {}


def _discover() -> None:
    if not _registered:
        for module in BUILT_IN:
            standard = importlib.import_module(f"{__name__}.{module}").STANDARD
            _registered[standard.name] = standard


def register(standard: ReferenceStandard) -> None:
    """Add (or replace) a standard."""
    _discover()
    _registered[standard.name] = standard


def unregister(name: str) -> None:
    _discover()
    if name in BUILT_IN:
        raise ValueError(f"the built-in standard {name} cannot be removed")
    _registered.pop(name, None)


def all_standards() -> dict[str, ReferenceStandard]:
    """Every standard by name, built-ins first."""
    _discover()
    return dict(_registered)


def names() -> tuple[str, ...]:
    return tuple(all_standards())


def get(name: str) -> ReferenceStandard:
    """The standard called `name`; a usage problem listing the registered ones when there is none."""
    found = all_standards().get(name)
    if found is None:
        raise UsageProblem(f"standard '{name}' is not one of {', '.join(all_standards())}")
    return found
