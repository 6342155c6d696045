"""The one interface every food-composition table implements (SR28, FNDDS, a clinic's file, ...)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import pandas as pd

# Columns of a table's foods frame, in foods.csv's order (scripts/build_foods.py writes them so);
# only food_id, name and mg_per_100g must hold values.
FOOD_COLUMNS = (
    "food_id",
    "name",
    "food_group",
    "mg_per_100g",
    "kcal_per_100g",
    "calcium_mg_per_100g",
    "mg_source_code",
    "mg_source",
    "common_name",
    "manufacturer",
    "table",
    "other_names",
)
# Columns of a table's measures frame (mgcheck/data/measures.csv's columns).
MEASURE_COLUMNS = ("food_id", "seq", "amount", "measure", "grams")
# Columns of a table's aliases frame (mgcheck/data/aliases.csv's first columns).
ALIAS_COLUMNS = ("alias", "food_id")


class FoodTable(ABC):
    """A food-composition table: its foods, household measures, aliases, ids and citation.

    `name` is what the `table` column and every output call it; `id_prefix` is how its ids
    are written (`fndds:` gives `fndds:42302010`; SR28's NDB numbers have none). Ids must be
    unique across tables. `rank` orders tables: on an equal match score the lower rank wins.
    `in_matching_index` says whether free text in a log is matched against the table
    (`foods search` and `foods show` always cover every table).
    """

    name: ClassVar[str]
    title: ClassVar[str]
    citation: ClassVar[str]
    id_prefix: ClassVar[str] = ""
    rank: ClassVar[int] = 100
    in_matching_index: ClassVar[bool] = True

    @abstractmethod
    def foods(self) -> pd.DataFrame:
        """One row per food, FOOD_COLUMNS (text columns as str, per-100 g values as numbers)."""

    @abstractmethod
    def measures(self) -> pd.DataFrame:
        """Household measures, MEASURE_COLUMNS: `amount` x `measure` of food `food_id` weighs `grams`."""

    def aliases(self) -> pd.DataFrame:
        """Curated everyday names (`alias`, `food_id`) pointing at this table's foods; none by default."""
        import pandas as pd

        empty: pd.DataFrame = pd.DataFrame({column: pd.Series(dtype=object) for column in ALIAS_COLUMNS})
        return empty

    def parse_id(self, text: str) -> str | None:
        """The food id `text` is written as in this table (e.g. '9040' -> '09040'), or None.

        The default accepts the id as written, with or without the prefix, when the table has it.
        """
        stripped = text.strip()
        candidate = stripped if stripped.startswith(self.id_prefix) else self.id_prefix + stripped
        return candidate if candidate in self.ids() else None

    def ids(self) -> frozenset[str]:
        return frozenset(self.foods()["food_id"])

    def owns(self, food_id: str) -> bool:
        return food_id in self.ids()


class BundledTable(FoodTable):
    """A table stored as the rows of the bundled foods.csv and measures.csv whose `table` is `name`."""

    def foods(self) -> pd.DataFrame:
        from mgcheck.resources import bundled_table_foods

        return bundled_table_foods(self.name)

    def measures(self) -> pd.DataFrame:
        from mgcheck.resources import bundled_table_measures

        return bundled_table_measures(self.name)

    @cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(self.foods()["food_id"])

    def ids(self) -> frozenset[str]:
        return self._ids
