"""USDA SR28 as a food table: the `sr28` rows of the bundled foods.csv, ids like `09040`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgcheck.tables.interface import BundledTable

if TYPE_CHECKING:
    import pandas as pd


class SR28(BundledTable):
    name = "sr28"
    title = "USDA National Nutrient Database for Standard Reference, Release 28"
    citation = (
        "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
        "USDA National Nutrient Database for Standard Reference, Release 28 (2015, revised 2016)."
    )
    id_prefix = ""
    rank = 0

    def aliases(self) -> pd.DataFrame:
        from mgcheck.resources import aliases

        return aliases()

    def parse_id(self, text: str) -> str | None:
        """An NDB number, leading zeros optional: '9040' and '09040' are Bananas, raw."""
        stripped = text.strip()
        if stripped.isdigit() and len(stripped) <= 5 and stripped.zfill(5) in self._ids:
            return stripped.zfill(5)
        return None


TABLE = SR28()
