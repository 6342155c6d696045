"""A clinic's own foods (--foods FILE): same columns as foods.csv, checked before use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgcheck.errors import MgcheckError, Problem

if TYPE_CHECKING:
    import pandas as pd

REQUIRED = ("food_id", "name", "mg_per_100g")


def read_custom_foods(source: str) -> pd.DataFrame:
    """Read and check a custom food table; every bad row is reported with its row number."""
    import pandas as pd

    from mgcheck.importers.reading import normalise_header, read_table

    table, name = read_table(source)
    table.columns = [normalise_header(c) for c in table.columns]
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise MgcheckError(
            Problem(f"missing column {', '.join(missing)}; custom foods need food_id, name, mg_per_100g", name)
        )
    problems = []
    for column in ("mg_per_100g", "kcal_per_100g", "calcium_mg_per_100g"):
        if column not in table:
            table[column] = ""
        text = table[column].str.strip()
        numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        bad = (text != "") & (numbers.isna() | (numbers < 0))
        if column == "mg_per_100g":
            bad |= text == ""
        for row, value in text[bad].items():
            problems.append(Problem(f"{column} '{value}' is not a non-negative number", name, int(str(row))))
        table[column] = numbers
    table["food_id"] = table["food_id"].str.strip()
    table["name"] = table["name"].str.strip()
    for row in table.index[(table["food_id"] == "") | (table["name"] == "")]:
        problems.append(Problem("food_id and name must not be empty", name, int(row)))
    duplicated = table["food_id"].duplicated(keep=False) & (table["food_id"] != "")
    for row, food_id in table.loc[duplicated, "food_id"].items():
        problems.append(Problem(f"food_id {food_id} appears more than once", name, int(str(row))))
    if problems:
        raise MgcheckError(problems)
    for column in ("food_group", "mg_source_code", "mg_source", "common_name", "manufacturer"):
        if column not in table:
            table[column] = ""
    table["food_group"] = table["food_group"].replace("", "Clinic foods")
    return table.reset_index(drop=True)
