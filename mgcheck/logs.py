"""Read food logs of any supported format into one validated, normalised log table."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from mgcheck.errors import MgcheckError, Problem
from mgcheck.units import parse_amounts

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_SUBJECT = "patient"
KINDS = {
    "": "food",
    "food": "food",
    "drink": "food",
    "beverage": "food",
    "water": "food",
    "supplement": "supplement",
    "supplements": "supplement",
    "supp": "supplement",
    "medicine": "medicine",
    "medication": "medicine",
    "drug": "medicine",
    "antacid": "medicine",
    "laxative": "medicine",
}
LOG_COLUMNS = ["subject", "file", "row", "date", "food", "amount", "unit", "kind", "meal", "time", "notes"]
_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
MAX_FOOD_CHARS = 200


@dataclass
class LogReadResult:
    log: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_date(text: str, date_format: str | None) -> date | None:
    """ISO dates always; anything else only with an explicit --date-format."""
    stripped = text.strip()
    iso = _ISO_DATE.match(stripped)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    if date_format:
        try:
            return datetime.strptime(stripped, date_format).date()
        except ValueError:
            return None
    return None


def _validate(
    log: pd.DataFrame, name: str, date_format: str | None, problems: list[Problem], *, parse_dates: bool = True
) -> pd.DataFrame:
    """Parse and check dates, amounts, kinds and food names; each bad row becomes a Problem.

    With `parse_dates` False the dates are final day labels an importer made (NHANES
    `day 1`): they are kept as they are.
    """

    rows = log.index.to_numpy()

    def add(mask: pd.Series, message: object) -> None:
        for row, value in zip(rows[mask.to_numpy()], log.loc[mask].itertuples(index=False), strict=False):
            text = message(value) if callable(message) else message
            problems.append(Problem(str(text), name, int(row)))

    food = log["food"].str.strip()
    add(food == "", "food is empty; write what was eaten")
    too_long = food.str.len() > MAX_FOOD_CHARS
    add(too_long, f"food name is longer than {MAX_FOOD_CHARS} characters; write the food's name")
    log["food"] = food.where(~too_long, "")

    amount = parse_amounts(log["amount"])
    raw_amount = log["amount"].str.strip()
    add(
        amount.isna() & (raw_amount == ""),
        "amount is empty; write how much was eaten (e.g. 1, 0.5, 1/2)",
    )
    unparsed = amount.isna() & (raw_amount != "")
    for row, text in zip(rows[unparsed.to_numpy()], raw_amount[unparsed], strict=False):
        what = "is negative" if text.startswith("-") else "is not a number"
        problems.append(Problem(f"amount '{text[:40]}' {what}; write e.g. 1, 0.5, 1/2 or 1 1/2", name, int(row)))
    finite = amount.map(lambda value: math.isfinite(value) if value == value else True)
    bad_value = amount.notna() & (~finite | (amount <= 0))
    for row, value in zip(rows[bad_value.to_numpy()], amount[bad_value], strict=False):
        problems.append(
            Problem(f"amount {value:g} is not a positive quantity; write how much was eaten", name, int(row))
        )
    log["amount"] = amount

    dates = log["date"].str.strip()
    if not parse_dates:
        add(dates == "", "date is empty; write it as YYYY-MM-DD")
        log["date"] = dates
        dates = dates.iloc[0:0]
    parsed = {text: parse_date(text, date_format) for text in dates.unique()}
    as_date = dates.map(parsed)
    bad_date = as_date.isna()
    for row, text in zip(rows[bad_date.to_numpy()], dates[bad_date], strict=False):
        if not text:
            hint = "date is empty; write it as YYYY-MM-DD"
        elif date_format:
            hint = f"date '{text[:40]}' does not match --date-format {date_format} (nor YYYY-MM-DD)"
        else:
            hint = f"date '{text[:40]}' is not YYYY-MM-DD; write 2026-11-02, or give --date-format (e.g. %d/%m/%Y)"
        problems.append(Problem(hint, name, int(row)))
    if parse_dates:
        log["date"] = as_date.map(lambda d: d.isoformat() if d is not None else "")

    if "kind" in log:
        kind_text = log["kind"].str.strip().str.lower()
        kind = kind_text.map(KINDS)
        bad_kind = kind.isna()
        for row, text in zip(rows[bad_kind.to_numpy()], kind_text[bad_kind], strict=False):
            problems.append(Problem(f"kind '{text[:40]}' is not one of food, supplement, medicine", name, int(row)))
        log["kind"] = kind.fillna("food")
    else:
        log["kind"] = "food"
    return log


def read_logs(
    sources: list[str],
    date_format: str | None = None,
    input_format: str = "auto",
    column_map: dict[str, str] | None = None,
) -> LogReadResult:
    """Read and validate every source; all problems of all files are collected, not just the first.

    `input_format` "auto" picks each file's importer from its header (see
    `mgcheck.importers.DETECTION_ORDER`); a named format must fit the header of every
    file. `column_map` renames source headers to the ones the importers expect
    (`{"Mg": "Magnesium"}`) before detection.
    """
    import pandas as pd

    from mgcheck.importers import FORMATS, detect, importers
    from mgcheck.importers.base import apply_column_map, not_this_format, used_map_keys
    from mgcheck.importers.reading import normalise_header, read_table

    frames = []
    result = LogReadResult(log=pd.DataFrame(columns=LOG_COLUMNS))
    if input_format not in FORMATS:
        result.problems.append(Problem(f"unknown input format '{input_format}'; use one of {', '.join(FORMATS)}"))
        return result
    modules = importers()
    used_keys: set[str] = set()
    read_any = False
    for source in sources:
        try:
            table, name = read_table(source)
            if column_map:
                used_keys |= used_map_keys(list(table.columns), column_map)
                table = apply_column_map(table, column_map, name)
        except MgcheckError as error:
            result.problems.extend(error.problems)
            continue
        read_any = True
        if table.empty:
            result.problems.append(Problem("has a header but no items", name))
            continue
        columns = [normalise_header(column) for column in table.columns]
        if input_format == "auto":
            chosen = detect(columns) or "native"
        else:
            chosen = input_format
            module = modules[chosen]
            if chosen != "native" and not module.recognise(columns):
                result.problems.append(not_this_format(table, name, module.LABEL, module.EXPECTED))
                continue
        log, problems = modules[chosen].to_log(table, name, result.warnings)
        result.problems.extend(problems)
        if any(problem.row is None for problem in problems):
            continue
        dates_normalised = bool(log.attrs.get("dates_normalised", False))
        log = log.copy()
        for column in ("subject", "meal", "time", "notes"):
            log[column] = log[column].fillna("").astype(str).str.strip() if column in log else ""
        if "subject" in log:
            log["subject"] = log["subject"].where(log["subject"] != "", DEFAULT_SUBJECT)
        else:
            log["subject"] = DEFAULT_SUBJECT
        for column in ("date", "food", "amount", "unit"):
            log[column] = log[column].fillna("").astype(str)
        log["unit"] = log["unit"].str.strip()
        log = _validate(log, name, date_format, result.problems, parse_dates=not dates_normalised)
        log["file"] = name
        log["row"] = log.index.astype("int64")
        frames.append(log)
    if column_map and read_any:
        unused = [key for key in column_map if key not in used_keys]
        if unused:
            result.warnings.append(f"--column-map: no file has a column {', '.join(repr(k) for k in unused)}")
    filled = [frame for frame in frames if not frame.empty]
    if filled:
        extra = [c for frame in filled for c in frame.columns if c not in LOG_COLUMNS]
        columns = LOG_COLUMNS + list(dict.fromkeys(extra))
        result.log = pd.concat([frame.reindex(columns=columns) for frame in filled], ignore_index=True)
    elif frames and not result.problems:
        result.problems.append(Problem("no items are left to assess in the given files; see the warnings"))
    return result
