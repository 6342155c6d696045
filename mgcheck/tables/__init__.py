"""The registry of food-composition tables: finds every table module here and combines their data.

A table is one module in this package that defines `TABLE`, an instance of
`mgcheck.tables.interface.FoodTable` (sr28.py, fndds.py); a fourth table is one more file.
`register()` adds a table at run time (a test's toy table, a plug-in). A clinic's --foods
file is `mgcheck.tables.custom.CustomTable`, made per run by pipeline.food_index.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import TYPE_CHECKING

from mgcheck.tables.interface import FoodTable

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FoodTable",
    "all_tables",
    "combined_aliases",
    "combined_foods",
    "combined_measures",
    "generation",
    "get",
    "id_only_tables",
    "parse_id",
    "register",
    "table_of",
    "unregister",
]

_registered: dict[str, FoodTable] = {}
_discovered = False
_generation = 0
# The tables found in this package, as found: while exactly these are registered, the generation is 0.
_shipped: dict[str, FoodTable] = {}
_changes = 0


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        if module in ("interface", "custom"):
            continue
        table = getattr(importlib.import_module(f"{__name__}.{module}"), "TABLE", None)
        if isinstance(table, FoodTable):
            _registered.setdefault(table.name, table)
    _shipped.update(_registered)


def register(table: FoodTable) -> None:
    """Add (or replace) a table; every combined frame and the bundled index see it from now on."""
    _discover()
    _registered[table.name] = table
    _changed()


def unregister(name: str) -> None:
    _discover()
    _registered.pop(name, None)
    _changed()


def _changed() -> None:
    """A new generation for a new set of tables, never one used before; 0 again for the tables as shipped."""
    global _generation, _changes
    _changes += 1
    shipped = _registered.keys() == _shipped.keys() and all(_registered[name] is _shipped[name] for name in _shipped)
    _generation = 0 if shipped else _changes


def generation() -> int:
    """A number that changes whenever the set of tables changes (for caches built on them): 0 while the
    tables are those shipped, again after a table registered for a while is unregistered, so the kept
    bundled index and frames serve them (a rebuild cost a second or more)."""
    return _generation


def all_tables() -> list[FoodTable]:
    """Every registered table, by rank (the first wins a tie)."""
    _discover()
    return sorted(_registered.values(), key=lambda table: (table.rank, table.name))


def id_only_tables() -> frozenset[str]:
    """Names of the tables whose foods are found by id only, never by log text (FoodIndex.build's id_only)."""
    return frozenset(table.name for table in all_tables() if not table.in_matching_index)


def get(name: str) -> FoodTable:
    _discover()
    return _registered[name]


def combined_foods(matching_only: bool = False) -> pd.DataFrame:
    """The foods of every table (by rank), or of the tables in the matching index."""
    return _combined("foods", matching_only, _generation)


def combined_measures() -> pd.DataFrame:
    return _combined("measures", False, _generation)


def combined_aliases(matching_only: bool = False) -> pd.DataFrame:
    return _combined("aliases", matching_only, _generation)


@lru_cache(maxsize=8)
def _combined(kind: str, matching_only: bool, _generation: int) -> pd.DataFrame:
    import pandas as pd

    tables = [t for t in all_tables() if t.in_matching_index or not matching_only]
    if kind == "foods" and [t.name for t in tables] == ["sr28", "fndds"]:
        from mgcheck.resources import bundled_foods

        return bundled_foods()  # the bundled file is already in this order: no copy
    if kind == "measures" and {t.name for t in tables} == {"sr28", "fndds"}:
        from mgcheck.resources import bundled_measures

        return bundled_measures()
    frames: list[pd.DataFrame] = [getattr(table, kind)() for table in tables]
    if kind == "foods":
        _check_unique_ids(tables, frames)
    frames = [frame for frame in frames if len(frame)]
    if len(frames) == 1:
        return frames[0]
    combined: pd.DataFrame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return combined


def _check_unique_ids(tables: list[FoodTable], frames: list[pd.DataFrame]) -> None:
    """Refuse one id for two foods (a look-up by id would find both and fail), naming the tables and ids."""
    import pandas as pd

    from mgcheck.errors import MgcheckError

    listed = pd.DataFrame(
        {
            "food_id": [food_id for frame in frames for food_id in frame["food_id"].astype(str)],
            "table": [table.name for table, frame in zip(tables, frames, strict=True) for _ in range(len(frame))],
        }
    )
    repeated = listed[listed["food_id"].duplicated(keep=False)]
    if repeated.empty:
        return
    names = list(dict.fromkeys(repeated["table"]))
    ids = list(dict.fromkeys(repeated["food_id"]))
    shown = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
    what = f"food id {shown} is" if len(ids) == 1 else f"{len(ids)} food ids ({shown}) are"
    where = f"in tables {' and '.join(names)}" if len(names) > 1 else f"in table {names[0]} more than once"
    raise MgcheckError(
        f"{what} {where}: ids must be unique across tables; "
        f"write table {names[-1]}'s ids with a prefix of its own (e.g. '{names[-1]}:{ids[0]}')"
    )


def table_of(food_id: str) -> FoodTable | None:
    """The table a food id belongs to."""
    for table in all_tables():
        if table.owns(food_id):
            return table
    return None


def parse_id(text: str, tables: list[FoodTable] | None = None) -> list[str]:
    """Every food id `text` can be read as, one per table that has it ('9040' -> ['09040'])."""
    found = []
    for table in tables if tables is not None else all_tables():
        food_id = table.parse_id(text)
        if food_id is not None and food_id not in found:
            found.append(food_id)
    return found
