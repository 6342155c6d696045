"""USDA SR28 as a food table: the `sr28` rows of the bundled foods.csv, ids like `09040`."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from mgcheck.tables.interface import FoodTable

if TYPE_CHECKING:
    import pandas as pd


class SR28(FoodTable):
    name = "sr28"
    title = "USDA National Nutrient Database for Standard Reference, Release 28"
    citation = (
        "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
        "USDA National Nutrient Database for Standard Reference, Release 28 (2015, revised 2016)."
    )
    id_prefix = ""
    rank = 0

    def foods(self) -> pd.DataFrame:
        from mgcheck.resources import bundled_table_foods

        return bundled_table_foods(self.name)

    def measures(self) -> pd.DataFrame:
        from mgcheck.resources import bundled_table_measures

        return bundled_table_measures(self.name)

    def aliases(self) -> pd.DataFrame:
        from mgcheck.resources import aliases

        return aliases()

    @cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(self.foods()["food_id"])

    def ids(self) -> frozenset[str]:
        return self._ids

    def parse_id(self, text: str) -> str | None:
        """An NDB number, leading zeros optional: '9040' and '09040' are Bananas, raw."""
        stripped = text.strip()
        if stripped.isdigit() and len(stripped) <= 5 and stripped.zfill(5) in self._ids:
            return stripped.zfill(5)
        return None


TABLE = SR28()
