"""The native mgcheck CSV log: date, food, amount, unit (+ subject, meal, time, kind, notes, profile)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mgcheck.errors import Problem
from mgcheck.importers.interface import ModuleImporter
from mgcheck.schema import PROFILE_COLUMNS, REQUIRED_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

NAME = "native"
LABEL = "a native mgcheck log"
REQUIRED = REQUIRED_COLUMNS
OPTIONAL = ("subject", "meal", "time", "kind", "notes", *PROFILE_COLUMNS)
# Per-subject survey weights, carried through for `mgcheck population --weights` (NHANES names too).
WEIGHTS = ("weight", "wtdrd1", "wtdrd1pp", "wtdr2d")
# Headers (normalised: lower case, spaces to '_') read as the subject column, as clinics and exports
# name it. Documented in the README ("The log format"); a file with two of them is refused.
SUBJECT_COLUMNS = (
    "subject", "subject_id", "subjectid", "subject_no", "subject_number", "subject_code",
    "patient", "patient_id", "patientid", "patient_no", "patient_number", "patient_code",
    "client", "client_id", "clientid", "client_no", "client_number", "client_code",
    "participant", "participant_id", "participantid", "participant_no", "participant_number", "participant_code",
    "person", "person_id", "respondent", "respondent_id", "user", "user_id", "userid", "username",
    "id", "case_id", "record_id", "study_id", "mrn",
)  # fmt: skip
# Words that make an unrecognised column look like it names people: such a file is refused
# rather than every row being taken as one person.
_PERSON_WORDS = ("subject", "patient", "client", "participant", "person", "respondent", "user", "mrn")
_PERSON_NAMES = ("name", "full_name", "first_name", "last_name", "surname", "dob", "date_of_birth")
_KNOWN = frozenset(REQUIRED + OPTIONAL + WEIGHTS)
# Headers (normalised) read as the required columns, as clinics' own spreadsheets name them
# (session 16 tester: 'Date, Food eaten, Quantity, Units' and 'Qty, Measure' were refused).
# Documented in the README ("The log format").
REQUIRED_SYNONYMS = {
    "food": ("food_eaten", "food_item", "food_name", "foods"),
    "amount": ("quantity", "qty", "amount_eaten", "portion_amount"),
    "unit": ("units", "measure", "unit_of_measure", "uom", "portion_unit"),
}
_RENAMES = (
    {column: "subject" for column in SUBJECT_COLUMNS}
    | {synonym: column for column, synonyms in REQUIRED_SYNONYMS.items() for synonym in synonyms}
    | {"type": "kind", "note": "notes"}
)


def recognise(columns: list[str]) -> bool:
    named = {_RENAMES.get(column, column) for column in columns}
    return all(column in named for column in REQUIRED)


def to_log(table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Rename and select the native columns; report missing, duplicated and unknown ones."""
    from mgcheck.importers.reading import normalise_header

    normalised = [normalise_header(column) for column in table.columns]
    columns = [_RENAMES.get(column, column) for column in normalised]
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    for column in columns:
        counts[column] = counts.get(column, 0) + 1
    subjects = [str(original) for original, c in zip(table.columns, columns, strict=True) if c == "subject"]
    if len(subjects) > 1:
        problems.append(
            Problem(f"columns {', '.join(subjects)} all name the subject; keep one (or rename the others)", name)
        )
    duplicated = sorted(c for c, n in counts.items() if n > 1 and c in REQUIRED + OPTIONAL and c != "subject")
    if duplicated:
        problems.append(Problem(f"column {', '.join(duplicated)} appears more than once; keep one of each", name))
    if not subjects and all(column in columns for column in REQUIRED):  # a real header, not a data row
        personal = [
            str(original)
            for original, c in zip(table.columns, columns, strict=True)
            if c not in REQUIRED + OPTIONAL
            and (c in _PERSON_NAMES or any(word in c.split("_") for word in _PERSON_WORDS))
        ]
        if personal:
            problems.append(
                Problem(
                    f"column {', '.join(personal)} looks like it names people, but it is not a subject column "
                    f"mgcheck knows; rename it 'subject' (or --column-map '{personal[0]}=subject') so each person "
                    "is assessed on their own, or remove it",
                    name,
                )
            )
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        from mgcheck.importers.base import described_header

        source, target = _column_to_map(table, columns, missing)
        problems.append(
            Problem(
                f"missing required column {', '.join(missing)}; a log needs date, food, amount, unit "
                f"({described_header(table.columns)}); map a column of yours to it with "
                f"--column-map '{source}={target}' (Python: ReadOptions(column_map={{{source!r}: {target!r}}}))",
                name,
            )
        )
    if problems:
        return table.iloc[0:0], problems
    # Columns the reader keeps for the caller (`population --by arm`: logs.read_logs) are not ignored.
    known = _KNOWN | set(table.attrs.get("keep_columns", ()))
    unknown = [str(original) for original, c in zip(table.columns, columns, strict=False) if c not in known]
    if unknown:
        shown = ", ".join(unknown[:20]) + (f" and {len(unknown) - 20} more" if len(unknown) > 20 else "")
        warnings.append(f"{name}: ignored column(s) {shown}")
    position = {column: i for i, column in reversed(list(enumerate(columns)))}
    keep = [column for column in REQUIRED + OPTIONAL + WEIGHTS if column in position]
    # Select before renaming: a 100,000-column export costs what its few used columns cost.
    return table.iloc[:, [position[column] for column in keep]].set_axis(keep, axis=1), problems


# Words of a header that say which missing column it may hold ('Eaten On' a date, 'Portion' an amount).
_HOLDS = {
    "date": ("date", "day", "eaten", "consumed", "when"),
    "food": ("food", "foods", "item", "dish", "description", "desc", "what", "product"),
    "amount": ("amount", "portion", "portions", "quantity", "qty", "servings", "serving", "how_much", "much",
               "grams", "gram", "eaten_g", "g"),
    "unit": ("unit", "units", "measure", "uom"),
}  # fmt: skip
# Words of a header that name a person or a record, never an amount or date however numeric its cells:
# 'Respondent Code' (1, 2, 3) was proposed as the amount.
_NAMES_A_RECORD = frozenset({"id", "code", "respondent", "participant", "subject", "patient", "client", "user",
                             "number", "no", "nr", "record", "row", "recall", "serial", "person"})  # fmt: skip
_DATE_CELL = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_NUMBER_CELL = re.compile(r"^\d+(?:[.,]\d+)?$")


def _column_to_map(table: pd.DataFrame, columns: list[str], missing: list[str]) -> tuple[str, str]:
    """A column of the file mgcheck does not read and the missing column it plausibly holds, by its header's
    words or (a date, an amount) by its cells: ('Eaten On', 'date'). Without one, a placeholder for the
    first missing column ('COLUMN', 'date'): the file's first column (a subject id) was proposed as the
    date. Never a cell of a first row that is data (`described_header` quotes none either)."""
    from mgcheck.importers.base import described_header

    placeholder = ("COLUMN", missing[0])
    if not described_header(table.columns).startswith("it has:"):
        return placeholder
    unused = [
        (str(original), c, position)
        for position, (original, c) in enumerate(zip(table.columns, columns, strict=True))
        if c not in _KNOWN and str(original).isprintable() and len(str(original)) <= 40
    ]
    for target in missing:
        for original, normalised, _position in unused:
            if set(normalised.split("_")) & set(_HOLDS[target]) or normalised in _HOLDS[target]:
                return original, target
    for target, cell in (("date", _DATE_CELL), ("amount", _NUMBER_CELL)):
        if target not in missing:
            continue
        for original, normalised, position in unused:
            if set(normalised.split("_")) & _NAMES_A_RECORD:
                continue
            cells = [str(value).strip() for value in table.iloc[:20, position] if str(value).strip()]
            if cells and all(cell.match(value) for value in cells):
                return original, target
    return placeholder


IMPORTER = ModuleImporter(NAME, LABEL, REQUIRED, "native.csv", recognise, to_log)
