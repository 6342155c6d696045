"""A clinic's own foods (--foods FILE) as a food table: ids as the clinic writes them."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from mgcheck.tables.interface import MEASURE_COLUMNS, FoodTable

if TYPE_CHECKING:
    import pandas as pd


class CustomTable(FoodTable):
    """One clinic file; its ids override a bundled food with the same id (see pipeline.food_index)."""

    name = "custom"
    title = "clinic foods (--foods)"
    citation = "the clinic's own food file"
    id_prefix = ""
    rank = -10  # a clinic's own entry wins a tie against the bundled tables

    def __init__(self, path: str) -> None:
        self.path = path
        self.warnings: list[str] = []  # rows whose figure is possible but implausible (read_custom_foods)

    @cached_property
    def _foods(self) -> pd.DataFrame:
        from mgcheck.custom_foods import read_custom_foods

        foods = read_custom_foods(self.path, self.warnings)
        foods["table"] = self.name
        if "other_names" not in foods:
            foods["other_names"] = ""
        return foods

    def foods(self) -> pd.DataFrame:
        return self._foods

    def measures(self) -> pd.DataFrame:
        import pandas as pd

        empty: pd.DataFrame = pd.DataFrame({column: pd.Series(dtype=object) for column in MEASURE_COLUMNS})
        return empty

    def parse_id(self, text: str) -> str | None:
        stripped = text.strip()
        return stripped if stripped in self.ids() else None
