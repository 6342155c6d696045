"""A clinic's own foods (--foods FILE): same columns as foods.csv, checked before use."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from mgcheck.errors import MgcheckError, Problem

if TYPE_CHECKING:
    import pandas as pd

REQUIRED = ("food_id", "name", "mg_per_100g")
# 100 g of anything holds at most 100 g = 100,000 mg of magnesium: a figure above is impossible
# (a unit or decimal mistake). Documented in the README (Data safety).
MAX_MG_PER_100G = 100_000.0
BOUND_REASON = " (100 g of food cannot hold more than 100,000 mg)"


def read_custom_foods(source: str, warnings: list[str] | None = None) -> pd.DataFrame:
    """Read and check a custom food table; every bad row is reported with its row number.

    A magnesium figure above any food's (`resolve.MAX_STATED_MG_PER_100G`, the bound an export's own
    figures are held to) is possible in a clinic's file (a powder, a fortified product), so it is not
    refused: each such row gets a line in `warnings`, as a decimal slip ('4500' for '45.00') would.
    """

    from mgcheck.importers.reading import normalise_header, read_table

    table, name = read_table(source)
    table.columns = [normalise_header(c) for c in table.columns]
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise MgcheckError(
            Problem(f"missing column {', '.join(missing)}; custom foods need food_id, name, mg_per_100g", name)
        )
    from mgcheck.importers.base import MISSING_TEXT, numbers

    problems: list[Problem] = []
    for column in ("mg_per_100g", "kcal_per_100g", "calcium_mg_per_100g"):
        if column not in table:
            table[column] = ""
        text = table[column].astype(str).str.strip()
        bound = {"mg_per_100g": MAX_MG_PER_100G, "calcium_mg_per_100g": MAX_MG_PER_100G}.get(column)
        values = numbers(text, column, name, problems, bound, BOUND_REASON if bound else "")
        if column == "mg_per_100g":
            for row in text.index[text.str.lower().isin(MISSING_TEXT)]:
                problems.append(Problem(f"{column} is empty; give the magnesium per 100 g", name, int(str(row))))
        table[column] = values
    table["food_id"] = table["food_id"].str.strip()
    table["name"] = table["name"].str.strip()
    for row in table.index[(table["food_id"] == "") | (table["name"] == "")]:
        problems.append(Problem("food_id and name must not be empty", name, int(row)))
    duplicated = table["food_id"].duplicated(keep=False) & (table["food_id"] != "")
    for row, food_id in table.loc[duplicated, "food_id"].items():
        problems.append(Problem(f"food_id {food_id} appears more than once", name, int(str(row))))
    if problems:
        raise MgcheckError(problems)
    if warnings is not None:
        from mgcheck.resolve import MAX_STATED_MG_PER_100G

        for row, food_id, value in table.loc[
            table["mg_per_100g"] > MAX_STATED_MG_PER_100G, ["food_id", "mg_per_100g"]
        ].itertuples():
            warnings.append(
                f"{name}, row {row}: food {food_id} has {value:,.4g} mg magnesium per 100 g, more than the "
                f"{MAX_STATED_MG_PER_100G:,.0f} mg no bundled food reaches; check the figure and its decimal point"
            )
    for column in ("food_group", "mg_source_code", "mg_source", "common_name", "manufacturer"):
        if column not in table:
            table[column] = ""
    table["food_group"] = table["food_group"].replace("", "Clinic foods")
    return cast("pd.DataFrame", table.reset_index(drop=True))
