"""The per-item CSV export (report --format csv), formula-safe; the summary CSV is in render/summary."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from mgcheck.output import neutralise
from mgcheck.text import visible

if TYPE_CHECKING:
    import pandas as pd

ITEM_COLUMNS = [
    "subject", "file", "row", "date", "food", "food_id", "food_name", "match_score",
    "amount", "unit", "grams", "mg", "kind", "status", "basis",
]  # fmt: skip


def _cell(value: Any, digits: int | None = None) -> Any:
    import pandas as pd

    if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)):
        return ""
    if digits is not None and isinstance(value, float):
        return round(value, digits)
    return value  # rows_to_csv neutralises every text cell


def rows_to_csv(columns: list[str], rows: list[list[Any]]) -> str:
    """CSV text; every text cell that a spreadsheet would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return visible(buffer.getvalue(), layout=True)


def render_items(items: pd.DataFrame) -> str:
    ordered = items.sort_values(["subject", "file", "row"], kind="stable")
    digits = {"match_score": 1, "grams": 2, "mg": 2, "amount": 4}
    rows = [
        [_cell(getattr(item, column), digits.get(column)) for column in ITEM_COLUMNS]
        for item in ordered[ITEM_COLUMNS].itertuples(index=False)
    ]
    return rows_to_csv(ITEM_COLUMNS, rows)
