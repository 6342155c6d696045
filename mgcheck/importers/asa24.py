"""ASA24 (NCI Automated Self-Administered 24-hour recall, 2016 and later): Items.csv and INS.csv.

Items.csv, one row per food: `UserName` -> subject, `Food_Description` -> food,
`FoodAmt` (grams) -> amount with unit g and `source_grams`, `MAGN` (mg in that portion)
-> `source_mg`, `Occ_Name` -> meal, `Occ_Time` -> time, `FoodCode` (the FNDDS 2017-2018 food code) -> `food_code`
and notes. With --recompute (or a blank MAGN) the item is looked up by its code in FNDDS first;
only a code the table does not have falls back to matching `Food_Description`.

INS.csv, one row per supplement taken: kind supplement, and `MAGN` becomes both
`source_mg` and the amount in mg of elemental magnesium (so supplements count towards the
supplements-only upper limit). The supplement's name is not in the documented layout; the
first of these columns is used: `Supplement_Description`, `Suppl_Description`,
`SupplDescription`, `SupplName`, `Suppl_Name`, `Description`, `Food_Description`
(`--column-map` can point any other column at `Suppl_Description`). A supplement without
magnesium (MAGN 0 or blank) is left out with a warning; a blank MAGN on a product named as
magnesium is a problem of its row.

The subject is `UserName`. One UserName carrying several `UserID`s (a study label typed as the
UserName) is refused, naming both ids: ASA24 gives each respondent one UserID, and two people are
never added up as one. One recall is `UserName` + `RecallNo`; only complete recalls (`RecallStatus` 2) are kept,
and one warning says how many rows were skipped. The day is the date of
`IntakeStartDateTime` (the start of the 24 hours recalled), which ASA24 writes as
M/D/YYYY with a time (a re-saved file may write M/D/YY: 20YY): it is turned into ISO. If any value of the file does not read as
M/D/YYYY (e.g. a spreadsheet re-saved it day-first), the date parts are left to the usual
ISO / --date-format parsing instead. Without `IntakeStartDateTime` the days are labelled
`recall 1`, `recall 2` from `RecallNo`.

Totals.csv / TS.csv (day totals) hold no items: they are refused with a pointer to Items.csv.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from mgcheck.errors import Problem
from mgcheck.importers import base
from mgcheck.importers.interface import ModuleImporter

if TYPE_CHECKING:
    import pandas as pd

NAME = "asa24"
LABEL = "an ASA24 export (Items.csv or INS.csv)"
EXPECTED = ("UserName", "RecallNo", "RecallStatus", "IntakeStartDateTime", "FoodAmt", "MAGN", "Food_Description")
SUPPLEMENT_NAMES = (
    "supplement_description",
    "suppl_description",
    "suppldescription",
    "supplname",
    "suppl_name",
    "description",
    "food_description",
)
COMPLETE = "2"
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?$")


def recognise(columns: list[str]) -> bool:
    return "username" in columns and "recallno" in columns and ("magn" in columns or "foodamt" in columns)


def kind_of_file(columns: list[str]) -> str:
    if "foodamt" in columns:
        return "items"
    if "numfoods" in columns:
        return "totals"
    if base.first_present(columns, SUPPLEMENT_NAMES) is not None:
        return "supplements"
    return "unknown"


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Items.csv or INS.csv to the normalised log; complete recalls only."""
    import numpy as np
    import pandas as pd

    from mgcheck.importers.reading import normalise_header

    columns = [normalise_header(column) for column in table.columns]
    kind = kind_of_file(columns)
    if kind == "totals":
        return base.empty_log(), [
            Problem(
                "is an ASA24 day-totals file (Totals.csv): it has no foods; give Items.csv (and INS.csv for supplements)",
                name,
            )
        ]
    if kind == "unknown":
        return base.empty_log(), [
            Problem(
                "is an ASA24 file with neither foods (FoodAmt) nor named supplements; give Items.csv and INS.csv "
                "(Totals.csv / TS.csv hold day totals only). If this is INS.csv, name its supplement column with "
                "--column-map COLUMN=Suppl_Description",
                name,
            )
        ]
    food_column = "food_description" if kind == "items" else base.first_present(columns, SUPPLEMENT_NAMES)
    wanted = ["username", "recallno", "recallstatus", "intakestartdatetime", "magn", "foodamt", food_column or ""]
    problems = base.duplicated(table, wanted, name)
    missing = [c for c in (("foodamt", "food_description") if kind == "items" else ("magn",)) if c not in columns]
    if missing:
        expected = ", ".join(
            {"foodamt": "FoodAmt", "food_description": "Food_Description", "magn": "MAGN"}[c] for c in missing
        )
        problems.append(
            Problem(f"is an ASA24 export without column {expected}; export it again with that column", name)
        )
    if problems:
        return base.empty_log(), problems

    table = _complete_recalls(table, columns, name, warnings)
    problems = _one_respondent_per_name(table, name)
    if problems:
        return base.empty_log(), problems
    subject = base.text(table, "username")
    recall = base.text(table, "recallno")
    food = base.text(table, food_column)
    if "magn" in columns:
        mg = base.numbers(base.text(table, "magn"), "MAGN", name, problems)
    else:
        mg = pd.Series(np.nan, index=table.index, dtype="float64")
        warnings.append(f"{name}: no MAGN column; foods are matched by name against SR28 instead")
    dates, labelled = _days(table, columns, recall, subject, name, problems)

    if kind == "items":
        grams_text = base.text(table, "foodamt")
        grams = base.numbers(grams_text, "FoodAmt", name, problems)
        codes = base.text(table, "foodcode").map(base.food_code)
        log = base.new_log(
            table.index,
            subject=subject,
            date=dates,
            food=food,
            amount=grams_text,
            unit="g",
            kind="food",
            meal=base.text(table, "occ_name"),
            time=base.text(table, "occ_time"),
            notes=codes.map(lambda code: f"FNDDS {code}" if code else ""),
            source_mg=mg,
            source_grams=grams,
            food_code=codes,
        )
        log = base.drop_empty_portions(log, grams, mg, name, warnings)
    else:
        log = base.new_log(
            table.index,
            subject=subject,
            date=dates,
            food=food,
            amount="",
            unit="",
            kind="supplement",
            source_mg=mg,
            source_grams=np.nan,
        )
        log = base.supplements_as_labels(log, mg, pd.Series("", index=table.index), name, warnings, problems)
    log.attrs["dates_normalised"] = labelled
    return log, problems


def _complete_recalls(table: pd.DataFrame, columns: list[str], name: str, warnings: list[str]) -> pd.DataFrame:
    if "recallstatus" not in columns:
        warnings.append(f"{name}: no RecallStatus column; every recall is taken as complete")
        return table
    status = base.text(table, "recallstatus").str.replace(r"\.0+$", "", regex=True)
    incomplete = status != COMPLETE
    if incomplete.any():
        recalls = (base.text(table, "username") + "\x00" + base.text(table, "recallno"))[incomplete].nunique()
        warnings.append(
            f"{name}: skipped {int(incomplete.sum())} row(s) of {recalls} incomplete recall(s) (RecallStatus not 2)"
        )
    return cast("pd.DataFrame", table[~incomplete])


def _one_respondent_per_name(table: pd.DataFrame, name: str) -> list[Problem]:
    """A problem for each `UserName` that carries more than one `UserID`: ASA24 gives each respondent one
    UserID, so these are several people (a study label typed as the UserName) whose same-day recalls
    would be added up as one person's day. Refused, naming both ids, rather than merged or guessed apart."""
    names = base.text(table, "username")
    ids = base.text(table, "userid")
    known = ids != ""
    counts = ids[known].groupby(names[known]).nunique()
    problems = []
    for user in counts[counts > 1].index:
        rows = ids[known & (names == user)]
        first = rows.iloc[0]
        other = rows[rows != first]
        problems.append(
            Problem(
                f"UserName {user} carries two UserIDs ({first} in row {rows.index[0]}, {other.iloc[0]} here"
                f"{f' and {other.nunique() - 1} more' if other.nunique() > 1 else ''}): ASA24 gives each respondent "
                "one UserID, so these are different people, whose recalls would be added up as one person's; "
                "give each respondent their own UserName, or name them by UserID with "
                "--column-map UserName=Study --column-map UserID=UserName",
                name,
                int(str(other.index[0])),
            )
        )
    return problems


def _days(
    table: pd.DataFrame,
    columns: list[str],
    recall: pd.Series,
    subject: pd.Series,
    name: str,
    problems: list[Problem],
) -> tuple[pd.Series, bool]:
    """ISO days from IntakeStartDateTime (M/D/YYYY), or 'recall N' labels without it."""
    if "intakestartdatetime" not in columns:
        return recall.map(lambda number: f"recall {number}" if number else ""), True
    raw = base.text(table, "intakestartdatetime")
    us = raw.map(_us_day)
    if us[raw != ""].notna().all():
        dates = us.fillna("")
    else:
        dates = raw.map(lambda value: base.iso_day(value) or value.split(" ")[0])
    # Two complete recalls of one person dated the same day would be added up as one day.
    import pandas as pd

    recalls = pd.DataFrame({"subject": subject, "date": dates, "recall": recall})
    recalls = recalls[recalls["date"] != ""]
    clashing = recalls.groupby(["subject", "date"])["recall"].nunique()
    for (who, day), _count in clashing[clashing > 1].items():
        numbers = sorted(recalls.loc[(recalls["subject"] == who) & (recalls["date"] == day), "recall"].unique())
        first = recalls.index[(recalls["subject"] == who) & (recalls["date"] == day)][0]
        problems.append(
            Problem(
                f"UserName {who}: recalls {', '.join(numbers)} all cover {day}; they would be added up as one day, "
                "keep one of them",
                name,
                int(str(first)),
            )
        )
    return dates, False


def _us_day(value: str) -> str | None:
    match = _US_DATE.match(value)
    if not match:
        return None
    month, day, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if len(match.group(3)) == 2:
        year += 2000  # a re-saved export's '1/18/22': ASA24 began in 2009, so every year is 20YY
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def companion(columns: list[str]) -> str | None:
    """An ASA24 file without foods or named supplements: Totals.csv, TS.csv, TNS.csv, the food-group and
    HEI files (TNMYPHEI.csv, INFMYPHEI.csv). A whole export folder holds them beside Items.csv and INS.csv."""
    if "username" not in columns or "recallno" not in columns:
        return None
    if "foodamt" in columns or base.first_present(columns, SUPPLEMENT_NAMES) is not None:
        return None
    return "an ASA24 file of day totals, food groups or HEI scores, with no foods (Items.csv and INS.csv hold them)"


IMPORTER = ModuleImporter(NAME, LABEL, EXPECTED, "asa24.csv", recognise, to_log, companion)
