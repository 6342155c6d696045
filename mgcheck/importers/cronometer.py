"""Cronometer servings.csv: one row per serving in the user's diary.

`Day` -> date (Cronometer writes ISO dates; anything else goes through --date-format),
`Time` -> time (may be missing or blank), `Group` -> meal, `Food Name` -> food,
`Amount` ("1.00 tsp", "150.00 g", "2.00 each") -> amount and unit, `Category` -> notes,
`Magnesium (mg)` -> `source_mg` (already scaled to the serving; a blank cell means "not
available", so that item is matched by name against SR28 instead, never taken as 0).
`source_grams` is the amount when the unit is a mass unit (g, kg, oz, lb).

The export has no subject: every row belongs to the default subject, as in a native log
without a subject column.

`Group` is the user's own diary group, not a statement about the food: users file protein
shakes, bars and smoothies under `Supplements`. A row of that group (any case) is a supplement,
whose magnesium counts toward the upper limit (supplements and medicines only, IOM 1997), only
when it carries supplemental magnesium: its name is a magnesium salt or product mgcheck knows
(`Magnesium Glycinate`, `Slow-Mag`: data/salts.csv, data/medicine_products.csv) or names
magnesium (`Magnesium 250mg, Nature Made`, `Cal-Mag-Zinc`), or is a multivitamin/mineral whose label
states its magnesium (`Multivitamin Women 50+`, `A-Z Multivit`: data/multivitamin_words.csv), or is
filed by Cronometer's own `Category` as Supplements (`Natural Vitality Calm`). Its magnesium
figure becomes the amount in mg of elemental magnesium, and the serving as exported is kept in
notes. Any other row of the group with magnesium (a protein shake) is food: its figure counts
toward intake, not the upper limit, with one warning naming its rows. A row of the group without
magnesium (0 or blank: vitamin D) is left out with one warning; a blank figure on a product named
as magnesium is a problem of its row.

dailysummary.csv (day totals, no foods) named alone is refused with a pointer to servings.csv; found by
a folder or pattern beside servings.csv it is skipped with a warning (`companion`), as ASA24's Totals.csv is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mgcheck.errors import Problem
from mgcheck.importers import base
from mgcheck.importers.interface import ModuleImporter
from mgcheck.units import MASS_G, canonical_unit
from mgcheck.vector import per_distinct

if TYPE_CHECKING:
    import pandas as pd

NAME = "cronometer"
LABEL = "a Cronometer servings.csv export"
EXPECTED = ("Day", "Food Name", "Amount", "Magnesium (mg)")
MAGNESIUM = ("magnesium_(mg)", "magnesium")
SUPPLEMENT_GROUP = "supplements"
_AMOUNT = re.compile(r"^\s*(\d[\d.,/ ]*?|[.,]\d+)\s*([^\d\s.,/].*)?$")
_TIMES = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*(\S.*)$")


def recognise(columns: list[str]) -> bool:
    return {"day", "food_name", "amount"} <= set(columns) or _is_daily_summary(columns)


def _is_daily_summary(columns: list[str]) -> bool:
    return "date" in columns and "completed" in columns and "energy_(kcal)" in columns and "food_name" not in columns


def split_amount(text: str) -> tuple[str, str]:
    """'1.00 tsp' -> ('1.00', 'tsp'); '2.00 each' -> ('2.00', 'each'); text without a number -> (text, ''),
    read as a native amount cell is ('a handful' is 1 handful; 'some' is no amount, named as written).

    Cronometer's own forms: '4.00 x 4.0 oz' (four servings of 4 oz) -> ('16', 'oz'), and a size
    described after ' - ' ('1.00 whole - 3 1/2" diameter') -> ('1.00', 'whole'): the description
    is no unit a food has.
    """
    times = _TIMES.match(text)
    if times:
        return f"{float(times.group(1)) * float(times.group(2)):g}", times.group(3).split(" - ", 1)[0].strip()
    match = _AMOUNT.match(text)
    if not match:
        return text.strip(), ""
    return match.group(1).strip(), (match.group(2) or "").split(" - ", 1)[0].strip()


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """servings.csv to the normalised log."""
    import numpy as np
    import pandas as pd

    from mgcheck.importers.reading import normalise_header

    columns = [normalise_header(column) for column in table.columns]
    if _is_daily_summary(columns):
        return base.empty_log(), [
            Problem("is a Cronometer daily summary (dailysummary.csv): it has no foods; export servings.csv", name)
        ]
    magnesium = base.first_present(columns, MAGNESIUM)
    problems = base.duplicated(table, ["day", "time", "group", "food_name", "amount", magnesium or ""], name)
    if problems:
        return base.empty_log(), problems

    exported = base.text(table, "amount")
    parts = exported.map(split_amount)
    amount = parts.map(lambda p: p[0])
    unit = parts.map(lambda p: p[1])
    group = base.text(table, "group")
    food = base.text(table, "food_name")
    if magnesium is None:
        warnings.append(f"{name}: no Magnesium (mg) column; foods are matched by name against SR28 instead")
        mg = pd.Series(np.nan, index=table.index, dtype="float64")
    else:
        mg = base.numbers(base.text(table, magnesium), "Magnesium (mg)", name, problems)
    in_group = group.str.lower() == SUPPLEMENT_GROUP
    # Cronometer's own category (its database's, not the user's group) saying Supplements is a supplement too:
    # 'Natural Vitality Calm' (a magnesium citrate drink) names neither magnesium nor a multivitamin.
    supplemental = (
        base.names_magnesium(food)
        | base.names_multivitamin(food)
        | (base.text(table, "category").str.strip().str.lower() == SUPPLEMENT_GROUP)
    )
    food_in_group = in_group & (mg > 0) & ~supplemental
    if food_in_group.any():
        warnings.append(
            f"{name}: {int(food_in_group.sum())} item(s) of the Supplements group name no magnesium salt or "
            f"product and no multivitamin ({', '.join(dict.fromkeys(food[food_in_group].str[:40]))}): counted "
            f"as food, not toward the upper limit ({base.listed_rows(table.index[food_in_group])}); if one is a magnesium "
            "supplement, name it so in Cronometer ('Magnesium ...') or give it kind supplement in a native log"
        )
    kind = pd.Series(np.where(in_group & ~food_in_group, "supplement", "food"), index=table.index)
    per_unit = per_distinct(unit, lambda text: MASS_G.get(canonical_unit(text)), "float64")
    grams = base.numbers(amount.where(per_unit.notna(), ""), "Amount", name, []) * per_unit.astype("float64")
    log = base.new_log(
        table.index,
        date=base.text(table, "day"),
        food=food,
        amount=amount,
        unit=unit,
        kind=kind,
        meal=group,
        time=base.text(table, "time"),
        notes=base.text(table, "category"),
        source_mg=mg,
        source_grams=grams,
    )
    log = base.supplements_as_labels(log, mg, exported, name, warnings, problems)
    return log, problems


def companion(columns: list[str]) -> str | None:
    """Cronometer's dailysummary.csv, exported beside servings.csv: day totals, no foods (skipped by a folder,
    as ASA24's Totals.csv is)."""
    if not _is_daily_summary(columns):
        return None
    return "a Cronometer daily summary of day totals, with no foods (servings.csv holds them)"


IMPORTER = ModuleImporter(NAME, LABEL, EXPECTED, "cronometer.csv", recognise, to_log, companion)
