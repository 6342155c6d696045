"""The one interface every importer implements: what it is called, how it recognises its files, how it reads them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.errors import Problem

__all__ = ["Importer", "ModuleImporter"]


@runtime_checkable
class Importer(Protocol):
    """One kind of food-log file (a recall tool's export, or mgcheck's own CSV) and how to read it."""

    @property
    def name(self) -> str:
        """The name `--input-format` and `template --format` take: `asa24`."""

    @property
    def label(self) -> str:
        """What the file is, for an error: `an ASA24 export (Items.csv or INS.csv)`."""

    @property
    def expected(self) -> tuple[str, ...]:
        """The header columns that make the file this format, as the export writes them."""

    @property
    def template(self) -> str | Path | None:
        """The layout file: a name in mgcheck/data/templates/ or a path; None for a format only recognised to be refused."""

    def recognise(self, columns: list[str]) -> bool:
        """Whether these headers (normalised: lower case, spaces to '_') are this format's."""

    def to_log(self, table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
        """The normalised log of this string table (index = 1-based data row) and the problems of its rows."""


@dataclass(frozen=True)
class ModuleImporter:
    """An importer made of one module's functions: each importer module defines `IMPORTER = ModuleImporter(...)`."""

    name: str
    """The name `--input-format` and `template --format` take."""
    label: str
    """What the file is, for an error ("is not an ASA24 export ...")."""
    expected: tuple[str, ...]
    """The header columns that make the file this format."""
    template: str | Path | None
    """The layout file: a name in mgcheck/data/templates/ or a path; None when the format is only refused."""
    recognise: Callable[[list[str]], bool]
    """Whether normalised headers are this format's."""
    to_log: Callable[[pd.DataFrame, str, list[str]], tuple[pd.DataFrame, list[Problem]]]
    """The normalised log of a string table and the problems of its rows."""
    companion: Callable[[list[str]], str | None] | None = None
    """Optional: what a file of this export that holds no items is, from its normalised headers (ASA24's
    day totals), or None. A folder or pattern skips such a file with a warning; named alone, it is read
    and refused as before. An importer without it (any Importer) skips nothing."""
