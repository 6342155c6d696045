"""Intake24 (open-source 24-hour recall): the food-per-row CSV data export.

`User ID` -> subject, `Description (en)` -> food, `Portion size (g/ml)` -> amount with unit
g and `source_grams`, `Magnesium` (mg, already scaled to the portion) -> `source_mg`,
`Meal name` -> meal, `Meal time` -> time, `Intake24 food code` -> notes. Intake24 writes
`N/A` for a value it does not have: like a blank cell it means "not available" (the item
is then matched by name against SR28), never 0. Newer exports' labels `Name (en)` and
`Portion Weight` are read too, and `--column-map` renames anything else a survey calls
differently (e.g. `Mg=Magnesium`).

The day: `Recall Date` where the export has it, else the date of `Start DateTime` /
`Start time` / `Submission DateTime` / `Submission time` (the day the recall was done;
newer exports write these timestamps in UTC).
ISO values and Intake24's UK day-first values (`15/03/2021 10:02`, `15/03/21 10:02`) are
turned into ISO; anything else goes through the usual ISO / --date-format parsing. An
export with none of these columns names each recall by its `Submission ID` (or `Survey ID`):
`recall <id>` (`recall 5b1e...`), so recalls of other exports are other days and a recall read in
parts stays one. A row with no id is its person's recall numbered among that person's recalls in
order of appearance (`recall 1` for every row of an export with neither id column).

Items of 0 g (all left over) are left out with one warning, and so are "missing foods"
(foods the respondent described because the database lacked them: no description,
no nutrients).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mgcheck.errors import Problem
from mgcheck.importers import base
from mgcheck.importers.interface import ModuleImporter

if TYPE_CHECKING:
    import pandas as pd

NAME = "intake24"
LABEL = "an Intake24 data export"
EXPECTED = ("User ID", "Description (en)", "Portion size (g/ml)", "Magnesium")
FOOD = ("description_(en)", "name_(en)")
PORTION = ("portion_size_(g/ml)", "portion_weight")
MAGNESIUM = ("magnesium", "magnesium_(mg)")
DATES = ("recall_date", "start_datetime", "start_time", "submission_datetime", "submission_time")
RECALLS = ("submission_id", "survey_id")
MISSING_CODE = "MISSING"
MISSING_FOOD = ("missing_food_description", "missing_name", "missing_description")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:[ ,T]+\d{1,2}:\d{2}(?::\d{2})?)?$")


def recognise(columns: list[str]) -> bool:
    return (
        "user_id" in columns
        and base.first_present(columns, FOOD) is not None
        and base.first_present(columns, PORTION) is not None
    )


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """The food-per-row export to the normalised log."""
    import numpy as np
    import pandas as pd

    from mgcheck.importers.reading import normalise_header

    columns = [normalise_header(column) for column in table.columns]
    food_column = base.first_present(columns, FOOD)
    portion_column = base.first_present(columns, PORTION)
    magnesium = base.first_present(columns, MAGNESIUM)
    date_column = base.first_present(columns, DATES)
    problems = base.duplicated(
        table, ["user_id", food_column or "", portion_column or "", magnesium or "", date_column or ""], name
    )
    if problems:
        return base.empty_log(), problems

    food = base.text(table, food_column)
    food = food.where(~base.is_missing(food), "")
    missing_food = base.text(table, base.first_present(columns, MISSING_FOOD))
    code_missing = base.text(table, "intake24_food_code").str.upper() == MISSING_CODE
    # A food the respondent could not find: listed as a missing (unmatched) food, never an error.
    missing = code_missing | ((food == "") & ~base.is_missing(missing_food))
    described = missing_food.where(~base.is_missing(missing_food), "")
    search = base.text(table, "search_term")
    food = food.mask(missing, described.where(described != "", search.where(search != "", "missing food")))

    portion_text = base.text(table, portion_column)
    portion_text = portion_text.where(~base.is_missing(portion_text), "")
    no_portion = missing & (portion_text == "")
    grams = base.numbers(portion_text, "Portion size (g/ml)", name, problems)
    if magnesium is None:
        warnings.append(
            f"{name}: no Magnesium column; foods are matched by name against SR28 instead "
            "(if the survey labels it differently, give --column-map LABEL=Magnesium)"
        )
        mg = pd.Series(np.nan, index=table.index, dtype="float64")
    else:
        mg = base.numbers(base.text(table, magnesium), "Magnesium", name, problems)
    subject = base.text(table, "user_id")
    dates, labelled = _days(table, columns, date_column, subject)
    warnings.extend(_recall_warnings(table, columns, date_column, subject, dates, name))
    code = base.text(table, "intake24_food_code")
    log = base.new_log(
        table.index,
        subject=subject,
        date=dates,
        food=food,
        amount=portion_text.mask(no_portion, "1"),
        unit=pd.Series("g", index=table.index).mask(no_portion, "item"),
        kind="food",
        meal=base.text(table, "meal_name"),
        time=base.text(table, "meal_time"),
        notes=code.map(lambda c: f"Intake24 {c}" if c and c.lower() not in base.MISSING_TEXT else ""),
        source_mg=mg.mask(missing),
        source_grams=grams,
        missing_food=missing,
    )
    log = base.drop_empty_portions(log, grams, mg, name, warnings)
    log.attrs["dates_normalised"] = labelled
    return log, problems


def _recall_warnings(
    table: pd.DataFrame, columns: list[str], date_column: str | None, subject: pd.Series, dates: pd.Series, name: str
) -> list[str]:
    """What the export cannot tell apart: recalls of one person with no Submission ID and no date (every
    row of a person is one recall, named by the survey's id: two recalls of 104.8 and 40.5 mg were one day
    of 145.3), and recalls of one person on one date (added up as one day; the timestamps are UTC, so a
    recall started after midnight where the person lives can carry the day before)."""
    # A Submission ID column left blank tells no recall apart either.
    submitted = "submission_id" in columns and bool((base.text(table, "submission_id") != "").any())
    if date_column is None:
        if submitted:
            return []
        return [
            f"{name}: no Submission ID and no date column: every row of a person is read as one recall (one "
            "day); export the Submission ID (or a date) to tell a person's recalls apart"
        ]
    if not submitted:
        return []
    import pandas as pd

    frame = pd.DataFrame({"who": subject, "day": dates, "recall": base.text(table, "submission_id")})
    frame = frame[frame["recall"] != ""]
    several = frame.groupby(["who", "day"])["recall"].nunique()
    doubled = int((several > 1).sum())
    if not doubled:
        return []
    return [
        f"{name}: {doubled} person-day(s) hold two or more recalls (Submission IDs) on one date: each is added up "
        "as one day; Intake24 writes its timestamps in UTC, so a recall done after midnight in the person's "
        "time zone can carry the date before: check those dates"
    ]


def _days(
    table: pd.DataFrame, columns: list[str], date_column: str | None, subject: pd.Series
) -> tuple[pd.Series, bool]:
    if date_column is not None:
        raw = base.text(table, date_column)
        return raw.map(lambda value: base.iso_day(value) or _uk_day(value) or value.split(" ")[0]), False
    recall = base.text(table, base.first_present(columns, RECALLS))
    order: dict[str, dict[str, int]] = {}
    labels = []
    for who, submission in zip(subject, recall, strict=True):
        numbers = order.setdefault(who, {})
        number = numbers.setdefault(submission, len(numbers) + 1)
        # The submission's id is the day: two exports of one person's different recalls (two surveys, two
        # sites) are two days, never one day of both files' foods added together, and a large export read
        # in parts (mgcheck.stream) keeps each recall whole (a number counted per part split them).
        labels.append(f"recall {submission}" if submission else f"recall {number}")
    import pandas as pd

    return pd.Series(labels, index=table.index, dtype="object"), True


def _uk_day(value: str) -> str | None:
    match = _UK_DATE.match(value)
    if not match:
        return None
    day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if len(match.group(3)) == 2:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


IMPORTER = ModuleImporter(NAME, LABEL, EXPECTED, "intake24.csv", recognise, to_log)
