"""NHANES dietary interview, individual foods: DR1IFF (day 1) and DR2IFF (day 2), CSV or SAS XPORT.

`SEQN` -> subject, `DR1IGRMS` (grams) -> amount with unit g and `source_grams`,
`DR1IMAGN` (mg) -> `source_mg`, `DR1IFDCD` (the FNDDS food code) -> `food_code`, and as
text -> food (the file has no description). With --recompute, or where DR1IMAGN is blank, the
item is looked up by its code in FNDDS; a code the table does not have (another cycle's, a retired
one) keeps DR1IMAGN, counted and reported (resolve._codes_not_in_table), or with DR1IMAGN blank is
listed unmatched, its reason naming the code. `DR1_030Z` (eating occasion code) -> meal, `DR1ILINE` -> notes.

Only reliable recalls are kept (`DR1DRSTZ` == 1); one warning says how many rows were
skipped. NHANES has no calendar date: the day is `day 1` or `day 2`, from the DR1/DR2
prefix of the columns (final day labels, not parsed as dates). Items of 0 g are left out
with one warning.

Survey weights `WTDRD1` / `WTDRD1PP` / `WTDR2D`, where the file has them, are carried as
columns of the same (lower-case) names for `mgcheck population --weights`. Give the day 1 and
day 2 files together (two arguments): `SEQN` links a respondent's two days.

The day-totals files DR1TOT/DR2TOT hold no foods and are refused with a pointer to DRxIFF.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mgcheck.errors import Problem
from mgcheck.importers import base
from mgcheck.importers.interface import ModuleImporter

if TYPE_CHECKING:
    import pandas as pd

NAME = "nhanes"
LABEL = "an NHANES individual foods file (DR1IFF / DR2IFF)"
EXPECTED = ("SEQN", "DR1DRSTZ", "DR1IFDCD", "DR1IGRMS", "DR1IMAGN (or the DR2 columns)")
RELIABLE = 1.0
# Dietary day-1 weight (WTDRD1; WTDRD1PP in the 2017-March 2020 pre-pandemic files) and the day-2
# weight (WTDR2D, for analyses that use only respondents with both days). Both files carry them.
WEIGHTS = ("wtdrd1", "wtdrd1pp", "wtdr2d")
_PREFIX = re.compile(r"^dr([12])i(?:grms|fdcd|magn)$")


def recognise(columns: list[str]) -> bool:
    return "seqn" in columns and any(
        _PREFIX.match(c) or c in ("dr1tmagn", "dr2tmagn", "dr1tgrms", "dr2tgrms") for c in columns
    )


def _days(columns: list[str]) -> set[str]:
    return {match.group(1) for match in map(_PREFIX.match, columns) if match}


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """DRxIFF to the normalised log; reliable recalls only."""
    from mgcheck.importers.reading import normalise_header

    columns = [normalise_header(column) for column in table.columns]
    days = _days(columns)
    if not days:
        return base.empty_log(), [
            Problem("is an NHANES day-totals file (DR1TOT / DR2TOT): it has no foods; give DR1IFF / DR2IFF", name)
        ]
    if len(days) > 1:
        return base.empty_log(), [
            Problem("has both DR1 and DR2 food columns; give the day 1 and day 2 files separately", name)
        ]
    day = days.pop()
    p = f"dr{day}"
    needed = {"seqn": "SEQN", f"{p}ifdcd": f"DR{day}IFDCD", f"{p}igrms": f"DR{day}IGRMS", f"{p}imagn": f"DR{day}IMAGN"}
    problems = base.duplicated(table, [*needed, f"{p}drstz"], name)
    missing = [label for column, label in needed.items() if column not in columns]
    if missing:
        problems.append(Problem(f"is an NHANES foods file without column {', '.join(missing)}", name))
    if problems:
        return base.empty_log(), problems

    if f"{p}drstz" in columns:
        status = base.numbers(base.text(table, f"{p}drstz"), f"DR{day}DRSTZ", name, [])
        unreliable = status != RELIABLE
        if unreliable.any():
            people = base.text(table, "seqn")[unreliable].nunique()
            warnings.append(
                f"{name}: skipped {int(unreliable.sum())} row(s) of {people} respondent(s) whose day {day} recall "
                f"is not reliable (DR{day}DRSTZ not 1)"
            )
        table = table[~unreliable]
    else:
        warnings.append(f"{name}: no DR{day}DRSTZ column; every recall is taken as reliable")

    grams_text = base.text(table, f"{p}igrms")
    grams = base.numbers(grams_text, f"DR{day}IGRMS", name, problems)
    mg = base.numbers(base.text(table, f"{p}imagn"), f"DR{day}IMAGN", name, problems)
    line = base.text(table, f"{p}iline")
    codes = base.text(table, f"{p}ifdcd").map(base.food_code)
    log = base.new_log(
        table.index,
        subject=base.text(table, "seqn").map(_integer_text),
        date=f"day {day}",
        food=codes,
        amount=grams_text,
        unit="g",
        kind="food",
        meal=base.text(table, f"{p}_030z"),
        notes=line.map(lambda n: f"line {_integer_text(n)}" if n else ""),
        source_mg=mg,
        source_grams=grams,
        food_code=codes,
    )
    for weight in WEIGHTS:  # survey weights, per respondent: `mgcheck population --weights WTDRD1`
        if weight in columns:
            log[weight] = base.text(table, weight)
    log = base.drop_empty_portions(log, grams, mg, name, warnings)
    log.attrs["dates_normalised"] = True
    return log, problems


def _integer_text(value: str) -> str:
    """'83732.0' -> '83732' (codes read from a CSV written by a statistics package)."""
    return value[: -len(match.group(0))] if (match := re.search(r"\.0+$", value)) else value


IMPORTER = ModuleImporter(NAME, LABEL, EXPECTED, "nhanes.csv", recognise, to_log)
