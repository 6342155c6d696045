"""Read food logs of any supported format into one validated, normalised log table."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mgcheck import salts, schema
from mgcheck.errors import MgcheckError, Problem, RowWarning
from mgcheck.importers.reading import check_fits_in_memory
from mgcheck.reference import CLI_OPTIONS, OptionNames
from mgcheck.text import printable_name
from mgcheck.units import (
    COMMA,
    ambiguous_comma_message,
    canonical_unit,
    comma_is_ambiguous,
    parse_amounts,
    read_comma_number,
    split_amount_unit,
)
from mgcheck.vector import per_distinct, strip

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

STDIN_SUBJECT = "stdin"
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
LOG_COLUMNS = list(schema.LOG_COLUMNS)
_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TRAILING_TIME = re.compile(r"^(.*?\S)[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?$")
_FORMAT_TIME = re.compile(r"%[HIMSpfXcr]")
MAX_FOOD_CHARS = 200


@dataclass(frozen=True, eq=False)
class FrameSource:
    """A log given as a DataFrame (the Python API): read exactly as the same table in a CSV file.

    Every cell becomes the text a CSV file would hold (a missing cell is empty, a date is ISO), so
    it meets the same importer, checks and messages; `name` stands for the file name, and row n
    is the frame's n-th row, as in the file. No `file` or `row` column is needed.
    """

    frame: pd.DataFrame
    name: str = "DataFrame"

    def table(self, empty: str | None = None) -> pd.DataFrame:
        """The frame as `read_table` gives a file: text categoricals, 1-based rows, blank rows dropped;
        `empty` is what an empty one is said to need (a food log's by default)."""
        import pandas as pd

        from mgcheck.importers.reading import EMPTY_LOG, drop_blank_rows

        if self.frame.shape[1] == 0:
            raise MgcheckError(Problem(empty or EMPTY_LOG, self.name))
        table = pd.DataFrame(
            {position: pd.Categorical([_cell_text(value) for value in column]) for position, (_, column) in
             enumerate(self.frame.items())}
        )  # fmt: skip
        table.columns = [str(column).strip() for column in self.frame.columns]
        table.index = pd.RangeIndex(1, len(table) + 1)
        return drop_blank_rows(table)


@dataclass(frozen=True, eq=False)
class ChunkSource(FrameSource):
    """Part of a file read in chunks (mgcheck.stream): already the text table `read_table` gives,
    its index the file's own row numbers, so messages name the file's rows."""

    def table(self, empty: str | None = None) -> pd.DataFrame:
        return self.frame


def _cell_text(value: object) -> str:
    """A DataFrame cell as a CSV file would hold it."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, datetime):
        midnight = (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        # A whole float as the integer a CSV file holds: a subject column of 1, 2 and one missing value is
        # float64, and its '1.0' matched no profile '1' (the second review).
        return str(int(value))
    return str(value)


def source_name(source: str | FrameSource) -> str:
    """How messages name a source: its path (as reports show it), or a DataFrame's name."""
    return source.name if isinstance(source, FrameSource) else printable_name(source)


@dataclass
class LogReadResult:
    log: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    """The files (or DataFrames) read, those holding no items included (a header-only INS.csv)."""
    header_only: list[str] = field(default_factory=list)
    """Header-only supplements files (no supplements taken): valid, but nothing to assess on their own."""


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
            pass
        # A time after the date ('02/11/2026 23:30', as spreadsheets write it) is left out, as for an
        # ISO date; unless the format itself reads a time.
        timed = None if _FORMAT_TIME.search(date_format) else _TRAILING_TIME.match(stripped)
        if timed:
            try:
                return datetime.strptime(timed.group(1), date_format).date()
            except ValueError:
                return None
    return None


def check_date_format(date_format: str, names: OptionNames = CLI_OPTIONS) -> None:
    """UsageProblem for a --date-format strptime cannot use ('%Q', a stray '%', 'dd/mm/yyyy' with no
    directive): it was accepted in silence while every date was ISO, and named on every other row.
    `names` says how the caller names the option (the CLI's --date-format, ReadOptions' date_format)."""
    from datetime import datetime

    from mgcheck.errors import UsageProblem

    example = "give a strptime format such as %d/%m/%Y"
    given = names.given("date_format", date_format)
    if "%" not in date_format:
        raise UsageProblem(f"{given} has no strptime directive; {example}")
    try:
        datetime.strptime("", date_format)
    except ValueError as error:
        if "directive" in str(error) or "stray %" in str(error):
            raise UsageProblem(f"{given}: {error}; {example}") from None


def impossible_date(text: str) -> str | None:
    """Why a YYYY-MM-DD text names no day ("date '2026-11-31' does not exist: November has 30 days"), or None."""
    import calendar

    iso = _ISO_DATE.match(text.strip())
    if not iso:
        return None
    year, month, day = (int(iso.group(i)) for i in (1, 2, 3))
    shown = f"date '{iso.group(1)}-{iso.group(2)}-{iso.group(3)}' does not exist"
    if year < 1:
        return f"{shown}: there is no year 0"
    if not 1 <= month <= 12:
        return f"{shown}: there is no month {month}"
    length = calendar.monthrange(year, month)[1]
    if not 1 <= day <= length:
        month_name = calendar.month_name[month]
        year_note = f" {year}" if month == 2 else ""
        return f"{shown}: {month_name}{year_note} has {length} days"
    return None


def impossible_formatted_date(text: str, date_format: str) -> str | None:
    """Why a date written in `date_format` names no day ("date '31/11/2026' does not exist: November has
    30 days"), or None (also when the format's fields cannot be told apart: the caller's message stands).
    strptime refuses such a date as not matching the format, which sent the user to the format."""
    from datetime import datetime

    try:
        import _strptime

        found = _strptime._TimeRE_cache.compile(date_format).match(text.strip())
    except Exception:  # a private module: without it the usual message stands
        return None
    if found is None:
        return None
    fields = found.groupdict()
    try:
        if fields.get("Y"):
            year = int(fields["Y"])
        elif fields.get("y"):
            year = datetime.strptime(fields["y"], "%y").year
        else:
            return None
        if fields.get("m"):
            month = int(fields["m"])
        elif fields.get("b") or fields.get("B"):
            name = fields.get("b") or fields.get("B") or ""
            month = datetime.strptime(name, "%b" if fields.get("b") else "%B").month
        else:
            return None
        day = int(fields["d"]) if fields.get("d") else None
    except ValueError:
        return None
    if day is None:
        return None
    reason = impossible_date(f"{year:04d}-{month:02d}-{day:02d}")
    if reason is None:
        return None
    return f"date '{text.strip()[:40]}' does not exist{reason[reason.index(': ') :]}"


_DOTTED_DECIMAL_COMMA = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
# '1.000', '12.500': with --decimal-comma a dot groups thousands, or is a decimal point written in English.
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _dotted_decimal_comma(text: object) -> float:
    """'1.000,5' -> 1000.5 with --decimal-comma; NaN for any other text (parse_amount has read those)."""
    if not isinstance(text, str) or "." not in text or "," not in text:
        return math.nan
    read = read_comma_number(text)
    try:
        return float(read) if read is not None and read != text.strip() else math.nan
    except ValueError:
        return math.nan


def _text(value: object) -> str:
    """A cell as text: '' for a missing cell, str() for numbers an importer produced."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value if isinstance(value, str) else str(value)


def _trimmed(value: object) -> str:
    """A cell as trimmed text ('' for a missing cell)."""
    return _text(value).strip()


def _iso_or_none(text: str, date_format: str | None) -> str | None:
    parsed = parse_date(text, date_format)
    return parsed.isoformat() if parsed is not None else None


def _validate(
    log: pd.DataFrame,
    name: str,
    date_format: str | None,
    problems: list[Problem],
    *,
    parse_dates: bool = True,
    warnings: list[str] | None = None,
    names: OptionNames = CLI_OPTIONS,
) -> pd.DataFrame:
    """Parse and check dates, amounts, kinds and food names; each bad row becomes a Problem (naming the
    caller's options as `names` says).

    Every check runs once per distinct value of its column (mgcheck.vector.per_distinct),
    so a million-row log costs what its few thousand distinct texts cost. The date, food,
    amount and unit columns come as trimmed text (`_trimmed`, in read_logs). With
    `parse_dates` False the dates are final day labels an importer made (NHANES `day 1`).
    """
    import numpy as np
    import pandas as pd

    log = _without_skin_products(log, name, warnings)
    rows = log.index.to_numpy()

    def report(mask: pd.Series, message: Callable[[str], str], values: pd.Series) -> None:
        # Every check here is of one item's own cells: a fault lists that item unresolved
        # (Problem.item_only) unless --strict asks for the whole report to stop.
        where = mask.to_numpy(dtype=bool)
        if not where.any():  # most checks find nothing: no rows to select
            return
        for row, value in zip(rows[where], values[mask], strict=True):
            problems.append(Problem(message(str(value)), name, int(row), item_only=True))

    food = log["food"]
    too_long = per_distinct(food, lambda text: len(text) > MAX_FOOD_CHARS, "bool")
    report(food == "", lambda _: "food is empty; write what was eaten", food)
    report(too_long, lambda _: f"food name is longer than {MAX_FOOD_CHARS} characters; write the food's name", food)
    if too_long.any():
        log["food"] = per_distinct(food, lambda text: "" if len(text) > MAX_FOOD_CHARS else text, "category")

    unit = log["unit"]
    raw_amount = log["amount"]
    amount = parse_amounts(raw_amount)
    if COMMA.get() == "decimal" and amount.isna().any():
        # '1.000,5' as European Excel writes 1000.5 (dots group thousands beside a decimal comma): read with
        # --decimal-comma as the exports' cells are (units.read_comma_number); it was 'not a number'.
        amount = amount.where(amount.notna(), per_distinct(raw_amount, _dotted_decimal_comma, "float64"))
    joined = amount.isna().to_numpy()
    if joined.any():
        # An amount with its unit in one cell ('200g', '1 medium', '2 slices') and the unit cell blank, or
        # the same unit again ('80g' in grams: the amount is 80).
        parts = per_distinct(raw_amount, split_amount_unit).to_numpy(dtype=object)
        # Only the rows of no amount (few) are looked at one by one.
        unread = np.flatnonzero(joined)
        units_said = unit.astype(object).to_numpy()[unread]
        split = np.zeros(len(log), dtype=bool)
        split[unread] = [
            part is not None and (said == "" or canonical_unit(part[1]) == canonical_unit(said))
            for part, said in zip(parts[unread], units_said, strict=True)
        ]
        if split.any():
            amounts = amount.to_numpy(dtype=np.float64, copy=True)
            amounts[split] = [part[0] for part in parts[split]]
            units = unit.astype(object).to_numpy(copy=True)
            units[split] = [part[1] for part in parts[split]]
            amount = pd.Series(amounts, index=log.index)
            unit = pd.Series(units, index=log.index).astype("category")
            raw_amount = raw_amount.astype(object).where(~split, "1").astype("category")
            log["unit"] = unit
    missing = amount.isna()
    if COMMA.get() == "decimal":
        # '1.000' with --decimal-comma: in the locale whose decimal comma the option names, a dot groups
        # thousands (a litre of milk, 1.000 g), yet it was read as 1 beside '1.000,5' read as 1000.5 (the
        # session's review). Refused as a bare '1,000' is without the option.
        dotted = per_distinct(raw_amount, lambda text: _DOTTED_THOUSANDS.match(text.strip()) is not None, "bool")
        if dotted.any():
            report(
                dotted,
                lambda text: (
                    f"amount '{text[:40]}' with --decimal-comma may be {text.strip().replace('.', '')} (a dot "
                    f"grouping thousands) or {float(text):g}: write {text.strip().replace('.', '')} for the first, "
                    f"{text.strip().replace('.', ',')} for the second"
                ),
                raw_amount,
            )
            amount = amount.where(~dotted)
    report(
        missing & (raw_amount == ""),
        lambda _: "amount is empty; write how much was eaten (e.g. 1, 0.5, 1/2)",
        raw_amount,
    )
    report(
        missing & (raw_amount != ""),
        lambda text: (
            ambiguous_comma_message("amount", text)
            if comma_is_ambiguous(text)
            else f"amount '{text[:40]}' holds a unit other than the unit column's; write the number alone in "
            "amount and its unit in unit"
            if _holds_a_unit(text)
            else f"amount '{text[:40]}' is {text.replace('.', '').replace(',', '.')} written with a decimal comma and "
            "dots grouping thousands: give --decimal-comma (Python: comma='decimal' in ReadOptions)"
            if _DOTTED_DECIMAL_COMMA.match(text.strip())
            else f"amount '{text[:40]}' {'is negative' if text.startswith('-') else 'is not a number'}; "
            "write e.g. 1, 0.5, 1/2 or 1 1/2"
        ),
        raw_amount,
    )
    report(
        amount <= 0,
        lambda value: f"amount {float(value):g} is not a positive quantity; write how much was eaten",
        amount,
    )
    log["amount"] = amount.to_numpy(dtype=np.float64)

    dates = log["date"]
    if parse_dates:
        iso = per_distinct(dates, lambda text: _iso_or_none(text, date_format) or "", "category")

        def date_hint(text: str) -> str:
            if not text:
                return "date is empty; write it as YYYY-MM-DD"
            impossible = impossible_date(text)
            if impossible:
                return impossible
            if date_format:
                impossible = impossible_formatted_date(text, date_format)
                if impossible:
                    return impossible
                given = names.given("date_format", date_format, quoted=False)
                return f"date '{text[:40]}' does not match {given} (nor YYYY-MM-DD)"
            return (
                f"date '{text[:40]}' is not YYYY-MM-DD; write dates as year-month-day (2026-11-02 is 2 November), "
                f"or give {names.date_format} (e.g. %d/%m/%Y)"
            )

        report(iso == "", date_hint, dates)
        log["date"] = iso
    else:
        report(dates == "", lambda _: "date is empty; write it as YYYY-MM-DD", dates)
        log["date"] = dates

    if "kind" in log:
        kind_text = per_distinct(log["kind"], lambda value: strip(value).lower(), "category")
        unknown = per_distinct(kind_text, lambda text: text not in KINDS, "bool")
        report(unknown, lambda text: f"kind '{text[:40]}' is not one of food, supplement, medicine", kind_text)
        log["kind"] = per_distinct(kind_text, lambda text: KINDS.get(text, "food"), "category")
        # A kind that cannot be read ('supplemnt') says no more than a blank one: a magnesium salt with a dose's
        # unit is then a supplement, so its bad kind stops the report as a supplement's problem does, where as
        # a food it was one unresolved item and the upper-limit check said "within" unasked.
        unreadable_kind = unknown.to_numpy(dtype=bool)
        blank_kind = (kind_text == "").to_numpy() | unreadable_kind
    else:
        # (One category by code: a list of a million "food" strings cost 40 ms a 250,000-row part.)
        log["kind"] = pd.Categorical.from_codes(
            np.zeros(len(log), dtype=np.int8), dtype=pd.CategoricalDtype(pd.Index(["food"]))
        )
        blank_kind = np.ones(len(log), dtype=bool)
        unreadable_kind = np.zeros(len(log), dtype=bool)
    # The few distinct units once, for both: a dose's unit is what makes a name saying magnesium a dose.
    dose_unit = per_distinct(log["unit"], lambda text: canonical_unit(text) in _DOSE_UNITS, "bool").to_numpy(dtype=bool)
    _named_supplements(log, blank_kind, name, rows, warnings, unreadable_kind, dose_unit)
    said_food = _doses_said_food(log, blank_kind, name, rows, warnings, dose_unit)
    # A blank unit is a food's natural unit (`satsuma,2,` = 2 medium; mgcheck.units.natural_unit);
    # a supplement or medicine must say its unit.
    no_unit = (unit == "").to_numpy() & log["kind"].isin(["supplement", "medicine"]).to_numpy()
    report(
        pd.Series(no_unit & ~said_food, index=log.index),
        lambda _: "unit is empty; a supplement or medicine needs the unit on its label (e.g. mg)",
        unit,
    )
    if (no_unit & said_food).any():
        # Its kind said food: the row says why it is held to a dose's rules ('milk of magnesia,1,,food').
        report(
            pd.Series(no_unit & said_food, index=log.index),
            lambda text: (
                f"'{text[:60]}' is a magnesium supplement or medicine mgcheck knows though its kind says "
                "food, and its unit is empty: write its unit as on the label (ml, tablet, mg) and its kind"
            ),
            log["food"],
        )
    return log


# A row with no kind whose name says magnesium (`salts.says_magnesium`: 'Nature Made Mg oxide', never the
# unit of a strength, '250 mg') and whose unit is a dose's is a supplement (`_named_supplements`).
# Units only a supplement's or medicine's dose is written in: elemental or salt mass in mg, mmol, mEq,
# and counted doses (a food's 'g' is left out: tofu prepared with magnesium chloride is eaten by the gram).
_DOSE_UNITS = frozenset(
    {"mg", "mg salt", "mmol", "meq", "tablet", "tab", "capsule", "cap", "softgel"}
    | {"gummy", "gummie", "chewable", "chewable tablet", "chew", "soft chew"}
)


@lru_cache(maxsize=1 << 16)
def _kind_named(text: str) -> str:
    """'supplement' or 'medicine' for a food text naming a magnesium product or salt mgcheck knows, else ''.

    Kept per text: the parts of a streamed study repeat their texts (3,000 names, 5 parts: 15,000
    look-ups of bundled data that never changes in a run, some 0.1 s).
    """
    from mgcheck import salts

    product = salts.find_product(text)
    if product is not None:
        return "medicine" if product.kind == "medicine" else "supplement"
    return "supplement" if salts.find_salt(text) is not None else ""


def _named_supplements(
    log: pd.DataFrame,
    blank_kind: np.ndarray,
    name: str,
    rows: np.ndarray,
    warnings: list[str] | None,
    unreadable_kind: np.ndarray,
    dose_unit: np.ndarray,
) -> None:
    """A row with no kind whose food is a magnesium salt or product mgcheck knows
    (`magnesium glycinate`, `milk of magnesia`: data/salts.csv, data/medicine_products.csv) is
    that supplement or medicine, with one warning per text naming its rows. As a food it was
    left unmatched, with tofu made with nigari offered in its place. A row whose kind says
    food stays a food.
    """
    import numpy as np
    import pandas as pd

    if not blank_kind.any():
        return
    named = per_distinct(log["food"], _kind_named, "category").to_numpy(dtype=object)
    # A text naming magnesium with a dose's unit ('Magnesium 375mg tablet,1,tablet', 'magnesium,375,mg')
    # is a supplement too: as a food it was an unmatched item, its dose uncounted, and the UL check
    # said "within" unasked. Only with a dose's unit: tofu made with magnesium chloride is eaten in g.
    by_word = _saying_magnesium(log, blank_kind & (named == "") & dose_unit)
    if by_word.any():
        named = named.copy()
        named[by_word] = "supplement"
    taken = blank_kind & (named != "")
    if not taken.any():
        return
    kinds = log["kind"].astype(object).to_numpy(copy=True)
    kinds[taken] = named[taken]
    log["kind"] = pd.Categorical(kinds)
    if warnings is None:
        return
    foods = log["food"].astype(str).to_numpy()
    for text in dict.fromkeys(foods[taken]):
        these = taken & (foods == text)
        first = np.flatnonzero(these)[0]
        kind = str(named[first])
        why = (
            "its name says magnesium and its unit is a dose"
            if by_word[first]
            else "a magnesium salt or product mgcheck knows"
        )
        warnings.append(
            RowWarning(
                name,
                rows[these],
                f"'{text[:60]}' {_kind_said(these, unreadable_kind)}; taken as a {kind} ({why}); "
                "write its kind (food, supplement, medicine) to be sure",
            )
        )


def _saying_magnesium(log: pd.DataFrame, where: np.ndarray) -> np.ndarray:
    """`where`, less the rows whose food does not say magnesium (`salts.says_magnesium`), each distinct text
    of those rows read once: only the rows a rule asks about, not the whole column, once a rule."""
    import numpy as np

    found = np.zeros(len(log), dtype=bool)
    if where.any():
        found[where] = per_distinct(log["food"][where], salts.says_magnesium, "bool").to_numpy(dtype=bool)
    return found


def _holds_a_unit(text: str) -> bool:
    """Whether an amount cell is a number and a unit of letters ('80g', '2 cups'; not '1e999')."""
    part = split_amount_unit(text)
    return part is not None and part[1].replace(" ", "").isalpha()


def _without_skin_products(log: pd.DataFrame, name: str, warnings: list[str] | None) -> pd.DataFrame:
    """The log less its rows of magnesium put on the skin, never swallowed ('epsom salt bath', 'magnesium oil
    spray': data/not_swallowed.csv), with one warning per text naming its rows. Kept, a bath was an unknown
    food (judgement withheld, table salt suggested) or, by its salt, a dose with no unit that stopped the report."""
    skin = per_distinct(log["food"], _put_on_skin, "bool").to_numpy(dtype=bool)
    if not skin.any():
        return log
    # Never a row in a dose's unit (mg, tablet, capsule): that was swallowed, whatever its name says.
    dose = per_distinct(log["unit"], lambda text: canonical_unit(text) in _DOSE_UNITS, "bool").to_numpy(dtype=bool)
    skin = skin & ~dose
    if not skin.any():
        return log
    if warnings is not None:
        foods = log["food"].astype(str).to_numpy()
        for text in dict.fromkeys(foods[skin]):
            warnings.append(
                RowWarning(
                    name,
                    log.index.to_numpy()[skin & (foods == text)],
                    f"'{text[:60]}' is magnesium put on the skin, not swallowed: left out (the reference "
                    "intakes and the upper limit are of what is taken by mouth)",
                )
            )
    kept: pd.DataFrame = log.loc[~skin]
    return kept


@lru_cache(maxsize=1 << 16)
def _put_on_skin(text: str) -> bool:
    """Whether a food text names magnesium or Epsom salt with a word of data/not_swallowed.csv (bath, spray,
    lotion...) and no word of a dose taken by mouth: 'epsom salt bath', 'magnesium oil spray', never
    'magnesium gel caps' or 'magnesium oxide in oil capsule'. Epsom salt alone may be a laxative taken by mouth."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return (
        bool(words & {"magnesium", "epsom"})
        and not words.isdisjoint(_skin_words())
        and words.isdisjoint(_SWALLOWED_WORDS)
    )


# Words of a dose taken by mouth: a text with one is never put on the skin ('magnesium liquid gel caps').
_SWALLOWED_WORDS = frozenset(
    {"cap", "caps", "capsule", "capsules", "softgel", "softgels", "tablet", "tablets", "tab", "tabs", "liquid",
     "oral", "drink", "powder", "chewable", "chewables", "gummy", "gummies", "pill", "pills", "supplement",
     "glycinate", "citrate", "oxide", "malate", "taurate", "threonate", "bisglycinate", "lozenge"}
)  # fmt: skip


@cache
def _skin_words() -> frozenset[str]:
    from mgcheck.resources import records

    return frozenset(str(record["word"]) for record in records("not_swallowed.csv"))


def _kind_said(these: np.ndarray, unreadable_kind: np.ndarray | None) -> str:
    """'has no kind', or 'has a kind that cannot be read' where every one of these rows has one."""
    if unreadable_kind is not None and unreadable_kind[these].all():
        return "has a kind that cannot be read"
    return "has no kind"


def _doses_said_food(
    log: pd.DataFrame,
    blank_kind: np.ndarray,
    name: str,
    rows: np.ndarray,
    warnings: list[str] | None,
    dose_unit: np.ndarray,
) -> np.ndarray:
    """A row whose kind says food but whose food is a magnesium product mgcheck knows (`milk of magnesia,30,
    ml,food`, `Mag-Ox 400,2,tablet,food`: data/medicine_products.csv) or names magnesium in a dose's unit
    (`magnesium citrate,400,mg,food`) is taken as that medicine or supplement, with a warning naming its rows.
    As a food it was an unmatched item: its dose uncounted, the upper-limit check said "within" and `--check`
    exited 0 (1,000 mg of milk of magnesia). No food is either; tofu made with magnesium chloride, eaten by
    the gram, stays a food. Returns the rows so taken."""
    import numpy as np
    import pandas as pd

    said_food: np.ndarray = ~blank_kind & (log["kind"] == "food").to_numpy(dtype=bool)
    if not said_food.any():
        return said_food
    named = np.full(len(log), "", dtype=object)
    named[said_food] = per_distinct(log["food"][said_food], _product_named, "category").to_numpy(dtype=object)
    by_word = _saying_magnesium(log, said_food & dose_unit & (named == ""))
    named[by_word] = "supplement"
    taken: np.ndarray = named != ""
    if not taken.any():
        return taken
    kinds = log["kind"].astype(object).to_numpy(copy=True)
    kinds[taken] = named[taken]
    log["kind"] = pd.Categorical(kinds)
    if warnings is None:
        return taken
    foods = log["food"].astype(str).to_numpy()
    for text in dict.fromkeys(foods[taken]):
        these = taken & (foods == text)
        first = np.flatnonzero(these)[0]
        kind = str(named[first])
        why = "names magnesium in a dose's unit" if by_word[first] else f"is a magnesium {kind} mgcheck knows"
        warnings.append(
            RowWarning(
                name,
                rows[these],
                f"'{text[:60]}' is a food by its kind but {why}: taken as a {kind}, counted toward the upper "
                f"limit and not as diet; write kind {kind} to be sure",
            )
        )
    return taken


@lru_cache(maxsize=1 << 16)
def _product_named(text: str) -> str:
    """'supplement' or 'medicine' for a food text naming a magnesium product mgcheck knows
    (data/medicine_products.csv), named as written or within the text ('milk of magnesia liquid'), else '':
    a bare salt name is no product (see `_kind_named`)."""
    product = salts.find_product(text) or salts.find_product_in(text)
    if product is None:
        return ""
    return "medicine" if product.kind == "medicine" else "supplement"


def subject_option_ignored(files: list[str]) -> str:
    """The warning for --subject given with logs that name their own subjects: it names only the person of
    a file without a subject column, and selects no one (a script author took it for a filter)."""
    shown = ", ".join(files[:10]) + (" ..." if len(files) > 10 else "")
    return (
        f"--subject names the person of a log without a subject column; {shown} name their own subjects, "
        "which are kept: it selects no subject"
    )


def read_logs(
    sources: Sequence[str | FrameSource],
    date_format: str | None = None,
    input_format: str = "auto",
    column_map: dict[str, str] | None = None,
    subject: str | None = None,
    keep_columns: Sequence[str] = (),
    names: OptionNames = CLI_OPTIONS,
) -> LogReadResult:
    """Read and validate every source; all problems of all files are collected, not just the first.

    `input_format` "auto" picks each file's importer from its header (in the order of
    `mgcheck.importers.importers()`); a named format must fit the header of every
    file. `column_map` renames source headers to the ones the importers expect
    (`{"Mg": "Magnesium"}`) before detection.

    One person per file unless the file says otherwise: a file without a subject column (or
    with every subject cell blank, as Cronometer exports are) is one subject named after the
    file (`week1.csv` -> `week1`; the path without its extension when two files share a
    name), or `subject` when given (`--subject NAME`: several files of one person). A blank
    subject cell in a file that names subjects is a problem of its row.

    `keep_columns` names columns of the files (any spelling of the header) that the log keeps
    beside its own, under their normalised names (`population --by arm`, `--weights`): a study
    arm is not read by any importer, and the native importer otherwise ignores it with a warning.
    `names` says how messages name the caller's options (the CLI's --date-format, ReadOptions' date_format).
    """
    import numpy as np
    import pandas as pd

    from mgcheck.gcpause import start_work
    from mgcheck.importers import FALLBACK, detect, formats, importers
    from mgcheck.importers.base import apply_column_map, not_this_format, used_map_keys
    from mgcheck.importers.reading import normalise_header, read_table

    start_work()  # the command line's start-up is over: per-row data is collected as usual

    frames = []
    without_subject: list[str] = []
    with_subject: list[str] = []
    result = LogReadResult(log=pd.DataFrame(columns=LOG_COLUMNS))
    sizes = [
        Path(source).stat().st_size
        for source in sources
        if isinstance(source, str) and source != "-" and Path(source).is_file()
    ]
    if len(sizes) > 1:
        try:
            check_fits_in_memory(sum(sizes), "the logs total")
        except MgcheckError as error:
            result.problems.extend(error.problems)
            return result
    known = formats()
    if input_format not in known:
        result.problems.append(Problem(f"unknown input format '{input_format}'; use one of {', '.join(known)}"))
        return result
    modules = importers()
    file_subjects = _file_subjects(sources)
    used_keys: set[str] = set()
    read_any = False
    for source in sources:
        try:
            table, name = (source.table(), source.name) if isinstance(source, FrameSource) else read_table(source)
            result.warnings.extend(table.attrs.pop("read_warnings", []))
            if column_map:
                used_keys |= used_map_keys(list(table.columns), column_map)
                table = apply_column_map(table, column_map, name)
        except MgcheckError as error:
            result.problems.extend(error.problems)
            continue
        read_any = True
        result.files += 1
        if table.empty:
            if isinstance(source, ChunkSource):
                continue  # a part of a file (mgcheck.stream) may hold only blank lines
            if _header_only_supplements(table):
                # ASA24's INS.csv is header only when nobody took a supplement: a valid export.
                result.warnings.append(f"{name}: supplements file with no rows: no supplements taken")
                result.header_only.append(name)
                continue
            result.problems.append(Problem("has a header but no items", name))
            continue
        columns = [normalise_header(column) for column in table.columns]
        kept = _kept_cells(table, columns, keep_columns)
        if kept:
            table.attrs["keep_columns"] = tuple(kept)  # the native importer does not call them ignored
        if input_format == "auto":
            chosen = detect(columns) or FALLBACK
        else:
            chosen = input_format
            module = modules[chosen]
            if chosen != FALLBACK and not module.recognise(columns):
                result.problems.append(not_this_format(table, name, module.label, module.expected))
                continue
        log, problems = modules[chosen].to_log(table, name, result.warnings)
        result.problems.extend(problems)
        if any(problem.row is None for problem in problems):
            continue
        dates_normalised = bool(log.attrs.get("dates_normalised", False))
        log = log.copy()
        for column, cells in kept.items():
            if column not in log.columns:  # one the importer reads (NHANES WTDRD1) stays as it gave it
                log[column] = per_distinct(cells.reindex(log.index), _trimmed, "category")
        for column in ("meal", "time", "notes"):
            # A missing column is blank in every row: one category by code, as a present one is a
            # categorical (a column of the text "" cost some 2 ms a 250,000-row part).
            log[column] = (
                per_distinct(log[column], strip, "category")
                if column in log
                else pd.Categorical.from_codes(np.zeros(len(log), dtype=np.int8), categories=pd.Index([""]))
            )
        named = (
            per_distinct(log["subject"], lambda value: _text(value).strip(), "category") if "subject" in log else None
        )
        if named is None or bool((named == "").all()):
            without_subject.append(name)
            own = subject or file_subjects[source]
            log["subject"] = pd.Categorical.from_codes(np.zeros(len(log), dtype=np.int8), categories=pd.Index([own]))
        else:
            with_subject.append(name)
            blank = (named == "").to_numpy(dtype=bool)
            for row in log.index[blank]:
                result.problems.append(
                    Problem(
                        "subject is empty; in a file with a subject column every row needs its subject",
                        name,
                        int(str(row)),
                    )
                )
            log["subject"] = named
        for column in schema.REQUIRED_COLUMNS:
            log[column] = per_distinct(log[column], _trimmed, "category")
        # A row whose amount cell the importer already found wrong (ASA24 FoodAmt '1,000') is not
        # reported a second time as the log's amount.
        named_rows = {problem.row for problem in problems if problem.row is not None}
        checked: list[Problem] = []
        log = _validate(
            log, name, date_format, checked, parse_dates=not dates_normalised, warnings=result.warnings, names=names
        )
        result.problems += [
            problem for problem in checked if problem.row not in named_rows or not problem.message.startswith("amount")
        ]
        log["file"] = pd.Categorical.from_codes(np.zeros(len(log), dtype=np.int8), categories=pd.Index([name]))
        log["row"] = log.index.astype("int64")
        frames.append(log)
    if len(without_subject) > 1 and subject is None:
        result.warnings.append(
            f"{', '.join(without_subject[:10])}{' ...' if len(without_subject) > 10 else ''} have no subject column: "
            "each is assessed as its own subject, named after its file; if they are one person's logs, give "
            "--subject NAME (or a subject column)"
        )
    if with_subject and subject and subject != schema.NO_SUBJECT:
        result.warnings.append(subject_option_ignored(with_subject))
    if column_map and read_any:
        unused = [key for key in column_map if key not in used_keys]
        if unused:
            result.warnings.append(f"{names.column_map}: no file has a column {', '.join(repr(k) for k in unused)}")
    filled = [frame for frame in frames if not frame.empty]
    if filled:
        extra = [c for frame in filled for c in frame.columns if c not in LOG_COLUMNS]
        columns = LOG_COLUMNS + list(dict.fromkeys(extra))
        result.log = pd.concat([frame.reindex(columns=columns) for frame in filled], ignore_index=True)
    elif frames and not result.problems and not all(isinstance(source, ChunkSource) for source in sources):
        # (mgcheck.stream judges a streamed file as a whole: one part may hold only left-out rows.)
        result.problems.append(Problem("no items are left to assess in the given files; see the warnings"))
    return result


def _kept_cells(table: pd.DataFrame, columns: list[str], keep: Sequence[str]) -> dict[str, pd.Series]:
    """The cells of the `keep` columns the table has, by normalised name (the first of a repeated header)."""
    if not keep:
        return {}
    from mgcheck.importers.reading import normalise_header

    wanted = {normalise_header(column) for column in keep}
    kept: dict[str, pd.Series] = {}
    for position, column in enumerate(columns):
        if column in wanted and column not in kept:
            kept[column] = table.iloc[:, position]
    return kept


def _file_subjects(sources: Sequence[str | FrameSource]) -> dict[str | FrameSource, str]:
    """The subject of each file without a subject column: its name without extension, unique."""
    names = {source: source_name(source) for source in sources}
    stems = {source: STDIN_SUBJECT if name == "-" else Path(name).stem or name for source, name in names.items()}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem] = counts.get(stem, 0) + 1
    return {
        source: stem if counts[stem] == 1 else str(Path(names[source]).with_suffix(""))
        for source, stem in stems.items()
    }


def _header_only_supplements(table: pd.DataFrame) -> bool:
    """An export's supplements file (ASA24 INS.csv or TS.csv) with its header and no rows.

    Any ASA24 file that holds no foods (no FoodAmt) and is not the foods' day totals (no NumFoods)
    is a supplements file, with or without a column naming the supplement: the layout of INS.csv
    varies between versions, and a header-only one (nobody took a supplement) has nothing to name.
    """
    from mgcheck.importers import asa24
    from mgcheck.importers.reading import normalise_header

    columns = [normalise_header(column) for column in table.columns]
    return asa24.recognise(columns) and asa24.kind_of_file(columns) in ("supplements", "unknown")
