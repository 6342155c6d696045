"""Importers: each turns one kind of food-log file into the normalised log table; this is their registry.

The normalised table has one row per logged item with columns
`subject, file, row, date, food, amount, unit, kind, meal, time, notes` and, where a
source states them, `source_mg` (its own magnesium figure) and profile columns
(`sex, age, pregnant, lactating`). `row` is the 1-based data row of the input file.

An importer is one file: a module here assigning `IMPORTER` (mgcheck.importers.interface.Importer)
at its top level, named as its module, with its layout in mgcheck/data/templates/NAME.csv. It is
found from the file alone (`mgcheck.registry.built_in_modules`); `interface`, `base` and `reading`
assign no `IMPORTER`, so are not importers. Detection tries them alphabetically and the native
fallback last: no header is recognised by two of the others (tests/test_plugin_discovery.py tries
every importer's header on every importer), so their order changes no result, and MyFitnessPal,
recognised only to be refused, is refused wherever it stands. `register()` adds one at run time
(a test's toy importer, a plug-in). `--input-format`, `template --format` and detection read the
registry when they run.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgcheck.errors import UsageProblem
from mgcheck.registry import built_in_modules

if TYPE_CHECKING:
    from mgcheck.importers.interface import Importer, ModuleImporter

__all__ = [
    "Importer",
    "ModuleImporter",
    "built_in",
    "detect",
    "formats",
    "get",
    "importers",
    "register",
    "template_formats",
    "template_path",
    "unregister",
]

# The importer of files no other importer recognises: always last, and it checks its own header.
FALLBACK = "native"
_registered: dict[str, Importer] = {}


def built_in() -> tuple[str, ...]:
    """The built-in importers' names in detection order (alphabetical, the fallback last), found from this
    package's files without importing them; `DETECTION_ORDER` is the same."""
    return built_in_modules(__name__, "IMPORTER", last=FALLBACK)


def _discover() -> None:
    if not _registered:
        for name in built_in():
            importer = importlib.import_module(f"{__name__}.{name}").IMPORTER
            if importer.name != name:
                raise ValueError(
                    f"{__name__}.{name}.IMPORTER is named '{importer.name}': it must be named as its module"
                )
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
        return ("auto", *built_in())
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


def _built_in_templates() -> tuple[str, ...]:
    templates = Path(__file__).resolve().parent.parent / "data" / "templates"
    return tuple(name for name in built_in() if (templates / f"{name}.csv").is_file())


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
    if name == "DETECTION_ORDER":  # the built-ins, found from this package's files (once a hand-kept tuple)
        return built_in()
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
