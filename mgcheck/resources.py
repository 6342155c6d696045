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
    "table": str,
    "other_names": str,
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
    """A bundled CSV as pandas reads it (blank cells missing, nothing else); parsed once per user and kept."""
    from mgcheck.kept_tables import read_csv_kept

    return read_csv_kept(data_path(name), keep_default_na=False, na_values=[""], **kwargs)


@lru_cache(maxsize=1)
def bundled_foods() -> pd.DataFrame:
    """The bundled food table: one row per food with a magnesium value, SR28 then FNDDS (column `table`)."""
    foods = read_data_csv("foods.csv", dtype=_TEXT_COLUMNS)
    for column in ("table", "other_names"):
        foods[column] = foods[column].fillna("") if column in foods else ""
    return foods


@lru_cache(maxsize=1)
def bundled_measures() -> pd.DataFrame:
    """Household measures of the bundled foods (SR28 and FNDDS): grams for `amount` x `measure` of a food."""
    return read_data_csv("measures.csv", dtype={"food_id": str, "measure": str})


@cache
def bundled_table_foods(table_name: str) -> pd.DataFrame:
    """The rows of foods.csv that belong to one table (`sr28`, `fndds`)."""
    foods = bundled_foods()
    return foods[foods["table"] == table_name].reset_index(drop=True)


@cache
def bundled_table_measures(table_name: str) -> pd.DataFrame:
    """The rows of measures.csv whose food belongs to one table."""
    measures = bundled_measures()
    ids = bundled_table_foods(table_name)["food_id"]
    return measures[measures["food_id"].isin(ids)].reset_index(drop=True)


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
