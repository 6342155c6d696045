"""Importers: each turns one kind of food-log file into the normalised log table.

The normalised table has one row per logged item with columns
`subject, file, row, date, food, amount, unit, kind, meal, time, notes` and, where a
source states them, `source_mg` (its own magnesium figure) and profile columns
(`sex, age, pregnant, lactating`). `row` is the 1-based data row of the input file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

# Detection order: MyFitnessPal first (it is recognised only to be refused), native last.
DETECTION_ORDER = ("myfitnesspal", "asa24", "cronometer", "intake24", "nhanes", "native")
FORMATS = ("auto", *DETECTION_ORDER)


def importers() -> dict[str, ModuleType]:
    """Every importer module by name, in detection order.

    Each has `recognise(columns)` on normalised headers and `to_log(table, name, warnings)`;
    the export importers also say what they are (`LABEL`) and which columns they read (`EXPECTED`).
    """
    from mgcheck.importers import asa24, cronometer, intake24, myfitnesspal, native, nhanes

    modules = {"myfitnesspal": myfitnesspal, "asa24": asa24, "cronometer": cronometer}
    modules |= {"intake24": intake24, "nhanes": nhanes, "native": native}
    return {name: modules[name] for name in DETECTION_ORDER}


def detect(columns: list[str]) -> str | None:
    """The name of the first importer that recognises these (normalised) headers, or None."""
    return next((name for name, module in importers().items() if module.recognise(columns)), None)
