"""Loading of the bundled data files (food table, measures, aliases, reference tables)."""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import pandas as pd

_TEXT_COLUMNS = {
    "food_id": str,
    "name": str,
    "food_group": str,
    "mg_source_code": str,
    "mg_source": str,
    "common_name": str,
    "manufacturer": str,
}


def data_path(name: str) -> Path:
    """Path of a bundled data file.

    In a wheel, foods.csv sits in mgcheck/data/ (pyproject force-includes the top-level
    file there); in a source checkout it is read from the project root.
    """
    bundled = Path(str(resources.files("mgcheck") / "data" / name))
    if bundled.exists():
        return bundled
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.exists():
        return checkout
    raise FileNotFoundError(f"bundled data file {name} is missing from the mgcheck installation")


def read_data_csv(name: str, **kwargs: object) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(data_path(name), keep_default_na=False, na_values=[""], **kwargs)  # type: ignore[call-overload, no-any-return]


@lru_cache(maxsize=1)
def bundled_foods() -> pd.DataFrame:
    """The SR28 food table: one row per food with a magnesium value."""
    foods = read_data_csv("foods.csv", dtype=_TEXT_COLUMNS)
    return foods


@lru_cache(maxsize=1)
def bundled_measures() -> pd.DataFrame:
    """SR28 household measures: grams for `amount` x `measure` of a food."""
    return read_data_csv("measures.csv", dtype={"food_id": str, "measure": str})


@lru_cache(maxsize=1)
def aliases() -> pd.DataFrame:
    """Curated everyday names pointing at the generic SR28 food."""
    return read_data_csv("aliases.csv", dtype=str)


@cache
def table(name: str) -> pd.DataFrame:
    """Any other bundled CSV (reference intakes, SD within, salts, evidence, conditions)."""
    return read_data_csv(name)


def records(name: str) -> list[dict[str, Any]]:
    """A bundled CSV as a list of row dicts (column name -> value)."""
    return cast("list[dict[str, Any]]", table(name).to_dict("records"))
