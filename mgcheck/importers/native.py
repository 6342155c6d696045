"""The native mgcheck CSV log: date, food, amount, unit (+ subject, meal, time, kind, notes, profile)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgcheck.errors import Problem

if TYPE_CHECKING:
    import pandas as pd

NAME = "native"
REQUIRED = ("date", "food", "amount", "unit")
OPTIONAL = ("subject", "meal", "time", "kind", "notes", "sex", "age", "pregnant", "lactating", "conditions")
# Per-subject survey weights, carried through for `mgcheck population --weights` (NHANES names too).
WEIGHTS = ("weight", "wtdrd1", "wtdrd1pp", "wtdr2d")
_RENAMES = {"patient": "subject", "subject_id": "subject", "participant": "subject", "type": "kind", "note": "notes"}


def recognise(columns: list[str]) -> bool:
    return all(column in columns for column in REQUIRED)


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Rename and select the native columns; report missing, duplicated and unknown ones."""
    from mgcheck.importers.reading import normalise_header

    columns = [normalise_header(column) for column in table.columns]
    columns = [_RENAMES.get(column, column) for column in columns]
    problems: list[Problem] = []
    duplicated = sorted({c for c in columns if columns.count(c) > 1 and c in REQUIRED + OPTIONAL})
    if duplicated:
        problems.append(Problem(f"column {', '.join(duplicated)} appears more than once; keep one of each", name))
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        have = ", ".join(str(c) for c in table.columns) or "none"
        problems.append(
            Problem(
                f"missing required column {', '.join(missing)}; a log needs date, food, amount, unit (it has: {have})",
                name,
            )
        )
    if problems:
        return table.iloc[0:0], problems
    unknown = [
        str(original)
        for original, c in zip(table.columns, columns, strict=False)
        if c not in REQUIRED + OPTIONAL + WEIGHTS
    ]
    if unknown:
        warnings.append(f"{name}: ignored column(s) {', '.join(unknown)}")
    table = table.set_axis(columns, axis=1)
    keep = [column for column in REQUIRED + OPTIONAL + WEIGHTS if column in columns]
    return table[keep], problems
