"""Importers: each turns one kind of food-log file into the normalised log table; this is their registry.

The normalised table has one row per logged item with columns
`subject, file, row, date, food, amount, unit, kind, meal, time, notes` and, where a
source states them, `source_mg` (its own magnesium figure) and profile columns
(`sex, age, pregnant, lactating`). `row` is the 1-based data row of the input file.

An importer is one module here defining `IMPORTER` (mgcheck.importers.interface.Importer);
`register()` adds one at run time (a test's toy importer, a plug-in). `--input-format`,
`template --format` and detection read the registry when they run.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgcheck.errors import UsageProblem

if TYPE_CHECKING:
    from mgcheck.importers.interface import Importer, ModuleImporter

__all__ = [
    "Importer",
    "ModuleImporter",
    "detect",
    "formats",
    "get",
    "importers",
    "register",
    "template_formats",
    "template_path",
    "unregister",
]

# Detection order: MyFitnessPal first (it is recognised only to be refused), native last.
DETECTION_ORDER = ("myfitnesspal", "asa24", "cronometer", "intake24", "nhanes", "native")
# The importer of files no other importer recognises: always last, and it checks its own header.
FALLBACK = "native"
_registered: dict[str, Importer] = {}


def _discover() -> None:
    if not _registered:
        for name in DETECTION_ORDER:
            importer = importlib.import_module(f"{__name__}.{name}").IMPORTER
            _registered[importer.name] = importer


def register(importer: Importer) -> None:
    """Add (or replace) an importer; it is tried after the built-in exports and before the native fallback."""
    _discover()
    _registered.pop(importer.name, None)
    fallback = _registered.pop(FALLBACK, None)
    _registered[importer.name] = importer
    if fallback is not None and importer.name != FALLBACK:
        _registered[FALLBACK] = fallback


def unregister(name: str) -> None:
    _discover()
    if name == FALLBACK:
        raise ValueError(f"the {FALLBACK} importer is the fallback and cannot be removed")
    _registered.pop(name, None)


def importers() -> dict[str, Importer]:
    """Every importer by name, in detection order."""
    _discover()
    return dict(_registered)


def formats() -> tuple[str, ...]:
    """What `--input-format` takes: auto, then every importer in detection order.

    Before anything is registered these are the built-ins' names, given without importing them,
    so `mgcheck --help` stays fast.
    """
    if not _registered:
        return ("auto", *DETECTION_ORDER)
    return ("auto", *importers())


def template_formats() -> tuple[str, ...]:
    """The importers with a layout file (what `template --format` takes besides auto), in detection order.

    Before anything is registered these are the built-ins whose layout `data/templates/NAME.csv`
    exists, found without importing them (a test checks each built-in's `template` agrees), so
    `mgcheck --help` stays fast.
    """
    if not _registered:
        return _built_in_templates()
    return tuple(name for name, importer in importers().items() if importer.template is not None)


@cache
def _built_in_templates() -> tuple[str, ...]:
    templates = Path(__file__).resolve().parent.parent / "data" / "templates"
    return tuple(name for name in DETECTION_ORDER if (templates / f"{name}.csv").is_file())


def get(name: str) -> Importer:
    """The importer called `name`, in any case ('ASA24' -> 'asa24'); a usage problem listing the registered
    ones when there is none."""
    found = next((importer for known, importer in importers().items() if known.casefold() == name.casefold()), None)
    if found is None:
        raise UsageProblem(f"unknown input format '{name}'; use one of {', '.join(formats())}")
    return found


def detect(columns: list[str]) -> str | None:
    """The name of the first importer that recognises these (normalised) headers, or None."""
    return next((name for name, importer in importers().items() if importer.recognise(columns)), None)


def __getattr__(name: str) -> Any:
    if name == "FORMATS":  # the names as they are now: read when asked, so registered importers are in it
        return formats()
    if name in ("Importer", "ModuleImporter"):  # on first use: `--help` creates none of the interface's classes
        from mgcheck.importers import interface

        return getattr(interface, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def template_path(importer: Importer) -> Path:
    """The file showing the importer's layout: a name in mgcheck/data/templates/, or a plug-in's own path."""
    if importer.template is None:
        raise UsageProblem(f"{importer.name} has no template: {importer.label} is recognised only to be refused")
    if isinstance(importer.template, Path):
        path = importer.template
    else:
        from mgcheck.resources import data_path

        path = data_path(f"templates/{importer.template}")
    if not path.is_file():
        from mgcheck.errors import MgcheckError

        # Read as it was, the missing file was blamed on standard output ("cannot write the report").
        raise MgcheckError(f"importer {importer.name} has no template: there is no file {path}")
    return path
