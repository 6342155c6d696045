"""The per-item CSV export (report --format csv), formula-safe; the summary CSV is in render/summary."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from mgcheck.output import neutralise
from mgcheck.text import visible

if TYPE_CHECKING:
    import pandas as pd

# The range over an item's alternatives and the reason an item is not counted come last: added
# after the first columns, which scripts may read by position.
ITEM_COLUMNS = [
    "subject", "file", "row", "date", "food", "food_id", "food_name", "match_score",
    "amount", "unit", "grams", "mg", "kind", "status", "basis", "mg_low", "mg_high", "reason",
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
    for bound in ("mg_low", "mg_high"):  # items without ranges (a typed fixture, an older frame): the mg itself
        if bound not in ordered:
            ordered = ordered.assign(**{bound: ordered["mg"]})
    ordered = ordered.reindex(columns=ITEM_COLUMNS)  # no reason column: no item has one
    digits = {"match_score": 1, "grams": 2, "mg": 2, "mg_low": 2, "mg_high": 2, "amount": 4}
    rows = [
        [_cell(getattr(item, column), digits.get(column)) for column in ITEM_COLUMNS]
        for item in ordered.itertuples(index=False)
    ]
    return rows_to_csv(ITEM_COLUMNS, rows)
