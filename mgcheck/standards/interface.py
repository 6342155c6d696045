"""The one interface every reference standard implements: its name, label, UL scope and rows of reference intakes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CsvStandard", "ReferenceStandard"]


@runtime_checkable
class ReferenceStandard(Protocol):
    """A set of magnesium reference intakes by life stage (IOM 1997, EFSA 2015)."""

    @property
    def name(self) -> str:
        """What `--standard` takes: `iom`."""

    @property
    def label(self) -> str:
        """How reports name it: `IOM 1997`."""

    @property
    def ul_scope(self) -> str:
        """What its upper limit covers, in its own terms (a sentence of the report)."""

    def frame(self) -> pd.DataFrame:
        """Its rows of the reference-intake table, columns as in mgcheck/data/reference_intakes.csv."""

    def rows(self) -> tuple[tuple[int, dict[str, Any]], ...]:
        """Its rows as (1-based data row of the file, row as a dict), in file order."""


@dataclass(frozen=True)
class CsvStandard:
    """A standard whose values are the rows of a CSV file with `key` in its `standard` column.

    The values stay in the data file, with their `source` column, where a nutritionist can
    review them; this object only says which rows are the standard's.
    """

    name: str
    """What `--standard` takes."""
    label: str
    """How reports name it."""
    ul_scope: str
    """What its upper limit covers, in its own terms."""
    key: str
    """The value of the file's `standard` column that marks its rows."""
    rows_file: str | Path = "reference_intakes.csv"
    """A bundled data file's name, or the path of another file with the same columns."""

    def frame(self) -> pd.DataFrame:
        whole = _whole_file(self.rows_file)
        selected: pd.DataFrame = whole[whole["standard"] == self.key]
        return selected

    def rows(self) -> tuple[tuple[int, dict[str, Any]], ...]:
        return tuple(
            (position, record) for position, record in _records(self.rows_file) if record["standard"] == self.key
        )


def _whole_file(rows_file: str | Path) -> pd.DataFrame:
    if isinstance(rows_file, Path):
        import pandas as pd

        return pd.read_csv(rows_file, keep_default_na=False, na_values=[""])
    from mgcheck.resources import table

    bundled: pd.DataFrame = table(rows_file)
    return bundled


@cache
def _records(rows_file: str | Path) -> tuple[tuple[int, dict[str, Any]], ...]:
    """Every row of the file with its 1-based data row (read once per file)."""
    records: list[dict[str, Any]] = _whole_file(rows_file).to_dict("records")  # type: ignore[assignment]
    return tuple(enumerate(records, start=1))
