"""MyFitnessPal nutrition export: recognised only to be refused.

The export (`Date, Meal, Calories, Fat (g), ..., Sodium (mg), ..., Calcium, Iron, Note`)
has one row per meal, no food names and no magnesium: there is nothing to assess and
nothing to match, so it is refused with one clear problem rather than guessed at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mgcheck.errors import Problem
from mgcheck.importers import base
from mgcheck.importers.interface import ModuleImporter

if TYPE_CHECKING:
    import pandas as pd

NAME = "myfitnesspal"
LABEL = "a MyFitnessPal nutrition export"
EXPECTED = ("Date", "Meal", "Calories", "Fat (g)")
MESSAGE = "a MyFitnessPal export has no magnesium and no food names; it cannot be assessed"
_FOOD_NAMES = ("food", "food_name", "description", "item", "name")


def recognise(columns: list[str]) -> bool:
    return (
        {"date", "meal", "calories", "fat_(g)"} <= set(columns)
        and not any(column.startswith("magnesium") for column in columns)
        and not any(column in _FOOD_NAMES for column in columns)
    )


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    return base.empty_log(), [Problem(MESSAGE, name)]


IMPORTER = ModuleImporter(NAME, LABEL, EXPECTED, None, recognise, to_log)
