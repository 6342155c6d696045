"""Helpers shared by the export importers: column lookup, column maps, numbers, skipped rows.

Every importer turns a raw string table (index = 1-based data row) into a log with the
columns `OUTPUT_COLUMNS` and, where the export states them, `source_mg` and `source_grams`
(floats; NaN where a cell is blank, which means "not available", never 0).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING, cast

from mgcheck.errors import MgcheckError, Problem
from mgcheck.importers.reading import normalise_header
from mgcheck.schema import ITEM_COLUMNS
from mgcheck.units import ambiguous_comma_message, read_comma_number
from mgcheck.vector import per_distinct

if TYPE_CHECKING:
    import pandas as pd

OUTPUT_COLUMNS = list(ITEM_COLUMNS)
# Cells that mean "no value" in exports: blank, Intake24's N/A, SAS's "." for missing.
MISSING_TEXT = frozenset({"", "n/a", "na", "nan", "."})
MAX_LISTED_ROWS = 10
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def apply_column_map(table: pd.DataFrame, mapping: dict[str, str], name: str | None = None) -> pd.DataFrame:
    """Rename source headers to the ones an importer expects: {"Mg": "Magnesium"}.

    Keys and headers are compared normalised ("Food description" == "food_description");
    a renamed column takes the target name as written. A rename onto a column the table
    keeps would leave two columns of one name, so it is refused; a swap (UserName=Study,
    UserID=UserName) is not.
    """
    wanted = {normalise_header(k): str(v).strip() for k, v in mapping.items() if str(k).strip() and str(v).strip()}
    if not wanted:
        return table
    current = [normalise_header(column) for column in table.columns]
    renamed = [wanted.get(c, original) for c, original in zip(current, table.columns, strict=True)]
    # A name is free again once its own column is renamed away (UserName=Study with UserID=UserName).
    final = Counter(normalise_header(column) for column in renamed)
    clashes = sorted(
        {
            normalise_header(target)
            for source, target in zip(current, renamed, strict=True)
            if source in wanted and normalise_header(target) != source and final[normalise_header(target)] > 1
        }
    )
    if clashes:
        raise MgcheckError(
            Problem(
                f"--column-map renames a column to {', '.join(clashes)}, but the file already has "
                "a column of that name; map only one of them",
                name,
            )
        )
    return cast("pd.DataFrame", table.set_axis(renamed, axis=1))


def used_map_keys(columns: list[str], mapping: dict[str, str]) -> set[str]:
    """The keys of a column map that name one of these headers (normalised)."""
    present = {normalise_header(column) for column in columns}
    return {key for key in mapping if normalise_header(key) in present}


def header_index(table: pd.DataFrame) -> dict[str, str]:
    """Normalised header -> header as written (the first of repeated ones)."""
    index: dict[str, str] = {}
    for column in table.columns:
        index.setdefault(normalise_header(column), column)
    return index


def duplicated(table: pd.DataFrame, wanted: list[str] | tuple[str, ...], name: str) -> list[Problem]:
    """A problem if one of the columns an importer reads appears more than once (linear in the columns)."""
    counts = Counter(normalise_header(column) for column in table.columns)
    twice = sorted(c for c in set(wanted) if counts.get(c, 0) > 1)
    if not twice:
        return []
    return [Problem(f"column {', '.join(twice)} appears more than once; keep one of each", name)]


def first_present(columns: list[str] | dict[str, str], candidates: tuple[str, ...]) -> str | None:
    """The first candidate (normalised header) the table has."""
    return next((candidate for candidate in candidates if candidate in columns), None)


def text(table: pd.DataFrame, column: str | None) -> pd.Series:
    """A column's cells stripped, by normalised name; blank cells when the table lacks it."""
    import pandas as pd

    if column is None:
        return pd.Series("", index=table.index, dtype="object")
    original = header_index(table).get(column)
    if original is None:
        return pd.Series("", index=table.index, dtype="object")
    values = table[original]
    if isinstance(values, pd.DataFrame):  # a repeated header: the first one
        values = values.iloc[:, 0]
    return values.fillna("").astype(str).str.strip()


def is_missing(values: pd.Series) -> pd.Series:
    return values.str.strip().str.lower().isin(MISSING_TEXT)


def numbers(
    values: pd.Series,
    label: str,
    name: str,
    problems: list[Problem],
    maximum: float | None = None,
    bound_reason: str = "",
) -> pd.Series:
    """Non-negative numbers from text; NaN for blank (not available). Anything else is a problem of its row's
    own cells (`Problem.item_only`): outside --strict the row is listed unresolved and the rest is assessed,
    as a native log's bad amount is (one `FoodAmt 'abc'` stopped a whole study); a supplement's row still
    stops the report (`mgcheck.pipeline.list_unreadable`).

    Plain decimal numbers only ('12', '0.5', '0,5', '1e3'): never '5_4' or 'inf'. '1,000' is
    ambiguous unless --decimal-comma or --thousands-comma says how to read it. Above `maximum`
    is a problem too.
    """
    import numpy as np
    import pandas as pd

    parsed: dict[str, float | str] = {}
    for cell in values.unique():
        stripped = str(cell).strip()
        if stripped.lower() in MISSING_TEXT:
            parsed[cell] = math.nan
            continue
        candidate = read_comma_number(stripped)
        if candidate is None:
            parsed[cell] = ambiguous_comma_message(label, stripped)
            continue
        try:
            number = float(candidate) if _PLAIN_NUMBER.match(candidate) else math.nan
            if number != number:
                raise ValueError(candidate)
        except ValueError:
            parsed[cell] = f"{label} '{stripped[:40]}' is not a number"
            continue
        if not math.isfinite(number):
            parsed[cell] = f"{label} '{stripped[:40]}' is not a number"
        elif number < 0:
            parsed[cell] = f"{label} {stripped[:40]} is negative"
        elif maximum is not None and number > maximum:
            parsed[cell] = f"{label} {stripped[:40]} is over {maximum:,g}, which is not possible{bound_reason}"
        else:
            parsed[cell] = number
    for row, cell in values.items():
        outcome = parsed[cell]
        if isinstance(outcome, str):
            problems.append(Problem(outcome, name, int(str(row)), item_only=True))
    return cast(
        "pd.Series",
        pd.Series(
            [value if isinstance(value, float) else np.nan for value in (parsed[cell] for cell in values)],
            index=values.index,
            dtype="float64",
        ),
    )


# FNDDS food codes have 8 digits (11000000-99999999); statistics packages write them as floats.
FOOD_CODE_DIGITS = 8


def food_code(cell: str) -> str:
    """An export's FNDDS food code as 8-digit text: '11111000', '11111000.0' and '1.1111e7' -> '11111000'.

    A blank or missing cell gives ''; anything else is kept as written, so the resolver can say
    the code is malformed.
    """
    stripped = cell.strip()
    if stripped.lower() in MISSING_TEXT:
        return ""
    if stripped.isdigit():
        return stripped
    if _PLAIN_NUMBER.match(stripped):
        number = float(stripped)
        if number.is_integer() and 0 <= number < 10**FOOD_CODE_DIGITS:
            return str(int(number))
    return stripped


def listed_rows(rows: pd.Index | list[int]) -> str:
    """'row 4' / 'rows 4, 9, 12, ...' for a warning."""
    rows = [int(str(row)) for row in rows]
    shown = ", ".join(str(row) for row in rows[:MAX_LISTED_ROWS]) + (", ..." if len(rows) > MAX_LISTED_ROWS else "")
    return f"row {shown}" if len(rows) == 1 else f"rows {shown}"


def number_text(value: float) -> str:
    """A float as a short exact-enough amount: 150.0 -> '150', 0.25 -> '0.25'."""
    return format(value, ".10g")


def drop_empty_portions(
    log: pd.DataFrame, grams: pd.Series, mg: pd.Series | None, name: str, warnings: list[str]
) -> pd.DataFrame:
    """Rows of 0 g (and no magnesium) are export artefacts, not eaten food: leave them out, say so once."""
    empty = grams == 0
    if mg is not None:
        empty &= mg.fillna(0.0) == 0
    if empty.any():
        warnings.append(
            f"{name}: {int(empty.sum())} item(s) with a portion of 0 g left out ({listed_rows(log.index[empty])})"
        )
    return cast("pd.DataFrame", log[~empty])


def names_magnesium(food: pd.Series) -> pd.Series:
    """True where the food text names supplemental magnesium: a magnesium salt or product mgcheck
    knows (data/salts.csv, data/medicine_products.csv: `Slow-Mag`, `milk of magnesia`) or a product
    named as magnesium (`Magnesium 250mg, Nature Made`), also by its short word (`Cal-Mag-Zinc`,
    `Mg Glycinate`; salts.SHORT_MAGNESIUM_WORD, never the unit of a strength, '250 mg')."""
    from mgcheck import salts

    def named(text: str) -> bool:
        known = salts.find_product(text) is not None or salts.find_salt(text) is not None
        return known or "magnes" in text.lower() or salts.says_magnesium(text)

    return per_distinct(food, named, "bool")


def names_multivitamin(food: pd.Series) -> pd.Series:
    """True where the food text names a multivitamin/mineral supplement (data/multivitamin_words.csv:
    `Multivitamin Women 50+`, `A-Z Multivit`): one whose label states its magnesium per serving."""
    from mgcheck.text import normalise, phrase_pattern

    pattern = phrase_pattern("multivitamin_words.csv", "word")

    def named(text: str) -> bool:
        return pattern.search(normalise(text)) is not None

    return per_distinct(food, named, "bool")


def supplements_as_labels(
    log: pd.DataFrame,
    mg: pd.Series,
    original_amount: pd.Series,
    name: str,
    warnings: list[str],
    problems: list[Problem],
) -> pd.DataFrame:
    """Supplement rows take the export's magnesium as mg of elemental magnesium (unit mg).

    A supplement with no magnesium (0, or blank for a product that does not name
    magnesium, e.g. a vitamin D tablet) is left out with one warning for the zeros and one
    for the blanks (unknown: the warning says how to count it). A blank figure for
    a product named as magnesium would hide supplemental intake from the UL check, so it
    is a problem of its row.
    """
    is_supplement = log["kind"] == "supplement"
    if not is_supplement.any():
        return log
    log = log.copy()
    stated = is_supplement & (mg > 0)
    log.loc[stated, "amount"] = mg[stated].map(number_text)
    log.loc[stated, "unit"] = "mg"
    log.loc[stated, "notes"] = original_amount[stated].map(lambda t: f"as exported: {t}" if t else "")
    unknown = is_supplement & mg.isna() & names_magnesium(log["food"])
    for row, food in log.loc[unknown, "food"].items():
        problems.append(
            Problem(
                f"supplement '{food[:60]}' has no magnesium figure in the export; write the label's mg of "
                "elemental magnesium in its magnesium cell",
                name,
                int(str(row)),
            )
        )
    without = is_supplement & ~stated & ~unknown
    zero, blank = without & mg.notna(), without & mg.isna()
    if zero.any():
        warnings.append(
            f"{name}: {int(zero.sum())} supplement(s) with 0 mg magnesium not counted ({listed_rows(log.index[zero])})"
        )
    if blank.any():
        # A blank cell is unknown, not 0 (formats.md: "not available"), whatever the product's name says:
        # ASA24 names supplements by brand ("Centrum Silver Men 50+"), and a multivitamin/mineral's label
        # usually states magnesium. The row stays, marked `dose_unknown`: the report lists it, not
        # counted, and says the upper-limit check covers the known doses only (mgcheck.resolve).
        named = "; ".join(f"'{text}'" for text in dict.fromkeys(log.loc[blank, "food"].astype(str).map(_shortened)))
        warnings.append(
            f"{name}: {int(blank.sum())} supplement(s) whose magnesium the export left blank not counted "
            f"({named}; {listed_rows(log.index[blank])}); the upper-limit check covers the known doses only; "
            "if a label states magnesium (a multivitamin/mineral usually does), write the label's mg of "
            "elemental magnesium in its magnesium cell to count it"
        )
        log.loc[blank, "amount"] = "1"
        log.loc[blank, "unit"] = "item"
        log["dose_unknown"] = blank
        without = without & ~blank
    return cast("pd.DataFrame", log[~without])


def _shortened(text: str, most: int = 40) -> str:
    """`text` cut to `most` characters, with an ellipsis when cut."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "..."


def iso_day(value: str) -> str | None:
    """'2021-03-15T10:00:00Z' -> '2021-03-15'; None when the text does not start with an ISO date."""
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"


def new_log(index: pd.Index, **columns: object) -> pd.DataFrame:
    """A log frame over the table's row index with OUTPUT_COLUMNS (blank where not given) and extras."""
    import pandas as pd

    log = pd.DataFrame(index=index)
    for column in OUTPUT_COLUMNS:
        log[column] = columns.pop(column, "")
    for column, values in columns.items():
        log[column] = values
    return cast("pd.DataFrame", log)


def empty_log() -> pd.DataFrame:
    import pandas as pd

    return cast("pd.DataFrame", pd.DataFrame(columns=OUTPUT_COLUMNS))


def not_this_format(table: pd.DataFrame, name: str, label: str, expected: tuple[str, ...]) -> Problem:
    return Problem(f"is not {label}: expected columns {', '.join(expected)} ({described_header(table.columns)})", name)


_HEADER_NAME = re.compile(r"^[^\W\d][\w ()/%.\-]{0,39}$")
MAX_HEADER_SHOWN = 30


def described_header(columns: object) -> str:
    """'it has: date, food' for an error; never the cells of a first row that is data, not a header.

    A log without its header row has a patient's first item (or name, birth date, record
    number) where the header should be: those cells are not quoted, only counted.
    """
    names = [str(column) for column in columns]  # type: ignore[attr-defined]
    if not names:
        return "it has no columns"
    if not all(_HEADER_NAME.match(name.strip()) for name in names if name.strip()):
        return f"its first row, {len(names)} cells, looks like data rather than column names: add a header row"
    shown = ", ".join(names[:MAX_HEADER_SHOWN]) + (", ..." if len(names) > MAX_HEADER_SHOWN else "")
    return f"it has: {shown}"
