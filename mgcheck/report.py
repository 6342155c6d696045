"""Build the report content (the `mgcheck.report/1` JSON contract) from an assessment.

Every renderer (terminal, JSON, Markdown) formats this one structure, so they cannot disagree.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import repeat
from typing import TYPE_CHECKING, Any, cast

from mgcheck import adequacy, evidence
from mgcheck.results import (
    SCHEMA,
    Adequacy,
    Alternative,
    ConditionCaution,
    Day,
    EvidenceEntry,
    Item,
    ItemKind,
    ItemStatus,
    NextSteps,
    ProfileEntry,
    ReferenceEntry,
    Report,
    Sensitivity,
    SerumGrade,
    SerumReading,
    SourceDay,
    SourceTotals,
    SubjectResult,
    Suggestion,
    TopSource,
    Unmatched,
    UpperLimit,
    Validity,
    VerdictCode,
)
from mgcheck.text import counted_unit, singular, written_as_id
from mgcheck.units import canonical_unit, convert_unit, measures_by_food

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment

TOP_SOURCES = 5
GAP_SUGGESTIONS = 5
MIN_USEFUL_PORTION_MG = 30.0
# Serum magnesium: mg/dL x 10 / 24.305 (Mg, g/mol) = mmol/L, exactly; science.md sec 4's 0.4114 is this rounded.
MMOL_PER_MG_DL = 10 / 24.305
MMOL_PER_MEQ_L = 0.5  # mEq/L = 2 x mmol/L (Mg is divalent)
# Serum ranges (IOM, laboratories, Costello 2016) in mmol/L: data/serum_ranges.csv (serum_ranges()).


@dataclass(frozen=True)
class Serum:
    """A serum magnesium value as given, and in mmol/L."""

    value: float
    unit: str  # "mmol/L", "mg/dL" or "mEq/L"

    @property
    def mmol_l(self) -> float:
        if self.unit == "mg/dL":
            return self.value * MMOL_PER_MG_DL
        if self.unit == "mEq/L":
            return self.value * MMOL_PER_MEQ_L
        return self.value


@dataclass
class ReportOptions:
    serum: Serum | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Shared:
    """What every subject of one report draws on, built once per report: the curated portions and
    dish ids of the food table in use, and the parts that follow from a life stage or a situation
    alone (evidence, condition cautions, reference entries), made once per distinct key.

    Many subjects share a life stage, so a study of 100,000 people builds each of these a few
    hundred times, not 100,000 times; the result objects are frozen, so sharing them is safe.
    """

    portions: list[dict[str, Any]] = field(default_factory=list)
    dishes: frozenset[str] = frozenset()
    not_advised: frozenset[str] = frozenset()
    coded_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # (id, name) of export-stated items' codes
    _evidence: dict[evidence.Situation, tuple[EvidenceEntry, ...]] = field(default_factory=dict)
    _conditions: dict[tuple[tuple[str, ...], bool], tuple[ConditionCaution, ...]] = field(default_factory=dict)
    _fitted: dict[float, list[dict[str, Any]]] = field(default_factory=dict)
    _entries: dict[tuple[Any, Any], tuple[ProfileEntry, ReferenceEntry]] = field(default_factory=dict)
    _scopes: dict[str, str] = field(default_factory=dict)
    _notes: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    _suggestions: dict[tuple[int, bool], tuple[dict[str, Any], Suggestion]] = field(default_factory=dict)
    _findings: dict[tuple[Any, ...], tuple[Any, tuple[EvidenceEntry, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    _limits: dict[tuple[Any, ...], UpperLimit] = field(default_factory=dict)
    _cautions: dict[tuple[int, bool, bool, bool], tuple[Any, tuple[str, ...]]] = field(default_factory=dict)

    def suggestion(self, portion: dict[str, Any], closes_gap: bool) -> Suggestion:
        """A curated portion (one of `portions_for`'s, kept here) as a suggestion: made once, not once per subject."""
        key = (id(portion), closes_gap)
        found = self._suggestions.get(key)
        if found is None or found[0] is not portion:
            found = (portion, Suggestion(**portion, closes_gap=closes_gap))  # holding the portion keeps its id
            self._suggestions[key] = found
        return found[1]

    def evidence(self, situation: evidence.Situation) -> tuple[EvidenceEntry, ...]:
        found = self._evidence.get(situation)
        if found is None:
            found = tuple(EvidenceEntry.of(entry) for entry in evidence.select(situation))
            self._evidence[situation] = found
        return found

    def findings(
        self,
        profile: Any,
        mean_intake: float,
        ear: float | None,
        rda: float | None,
        ul_exceeded: bool,
        serum: Serum | None,
        supplements: bool,
    ) -> tuple[tuple[EvidenceEntry, ...], tuple[str, ...]]:
        """The findings that bear on a subject, and the situation tags that chose them.

        The situation follows from the profile and from where the mean falls against the EAR, the
        RDA and HIGH_INTAKE_MG, not from the mean itself: those comparisons key a cache, so
        `evidence.Situation.of` runs once per distinct situation, not once per subject."""
        key = (
            id(profile),
            serum,
            ear,
            rda,
            ear is not None and mean_intake < ear,
            rda is not None and mean_intake < rda,
            mean_intake < evidence.HIGH_INTAKE_MG,
            ul_exceeded,
            supplements,
        )
        found = self._findings.get(key)
        if found is None or found[0] is not profile:
            situation = evidence.Situation.of(
                profile,
                mean_intake,
                ear,
                rda,
                ul_exceeded,
                serum is not None,
                serum_low=serum is not None and serum_grade(serum) in (SerumGrade.LOW, SerumGrade.LOW_IOM),
                supplements=supplements,
            )
            found = (profile, self.evidence(situation), tuple(sorted(situation.tags - {"any"})))
            self._findings[key] = found  # holding the profile keeps its id from being reused
        return found[1], found[2]

    def upper_limit(
        self,
        ul_mg: float | None,
        mean_supplement_mg: float | None,
        mean_supplements_alone_mg: float | None,
        mean_medicines_alone_mg: float | None,
        max_day_supplement_mg: float | None,
        exceeded: bool,
        days_over_ul: int,
        standard: str,
        uncounted_doses: int = 0,
    ) -> UpperLimit:
        """A subject's upper-limit entry. Subjects without supplements or medicines (0.0 mg in all
        four figures, none uncounted) share one per UL and standard; any other is made afresh."""
        key = None
        if (
            mean_supplement_mg == mean_supplements_alone_mg == mean_medicines_alone_mg == max_day_supplement_mg == 0.0
            and not exceeded
            and not uncounted_doses
            and days_over_ul == 0
            and all([type(value) is float and math.copysign(1.0, value) == 1.0 for value in (
                mean_supplement_mg, mean_supplements_alone_mg, mean_medicines_alone_mg, max_day_supplement_mg)])
        ):  # fmt: skip
            key = (type(ul_mg), ul_mg, standard)  # 350 and 350.0 are one key, but not one text
            found = self._limits.get(key)
            if found is not None:
                return found
        made = UpperLimit(
            ul_mg=ul_mg,
            mean_supplement_mg=mean_supplement_mg,
            mean_supplements_alone_mg=mean_supplements_alone_mg,
            mean_medicines_alone_mg=mean_medicines_alone_mg,
            max_day_supplement_mg=max_day_supplement_mg,
            exceeded=exceeded,
            days_over_ul=days_over_ul,
            rule="exceeded when supplements and medicines together pass the UL on any day",
            applies_to=self.ul_scope(standard),
            uncounted_doses=uncounted_doses or None,
        )
        if key is not None:
            self._limits[key] = made
        return made

    def cautions(
        self, profile: Any, dose_without_ul: bool, dose: bool = False, withheld: bool = False
    ) -> tuple[str, ...]:
        """`advice_cautions` of a profile, made once per profile and dose and advice state."""
        key = (id(profile), dose_without_ul, dose, withheld)
        found = self._cautions.get(key)
        if found is None or found[0] is not profile:
            found = (profile, tuple(advice_cautions(profile, dose_without_ul, dose, withheld)))
            self._cautions[key] = found  # holding the profile keeps its id from being reused
        return found[1]

    def conditions(self, codes: tuple[str, ...], supplements: bool) -> tuple[ConditionCaution, ...]:
        key = (codes, supplements)
        found = self._conditions.get(key)
        if found is None:
            found = tuple(_conditions(codes, supplements))
            self._conditions[key] = found
        return found

    def portions_for(self, age: float) -> list[dict[str, Any]]:
        """The curated portions for this age, most magnesium first (the order `_gap_suggestions` offers them)."""
        found = self._fitted.get(age)
        if found is None:
            found = sorted(portions_for(self.portions, age), key=lambda portion: -portion["mg"])
            self._fitted[age] = found
        return found

    def entries(self, profile: Any, reference: Any) -> tuple[ProfileEntry, ReferenceEntry]:
        """The profile and reference entries of a subject (hashable profiles and references are shared)."""
        key = (profile, reference)
        try:
            found = self._entries.get(key)
        except TypeError:  # an unhashable profile (a caller's own): made afresh
            return _profile_reference(profile, reference)
        if found is None:
            found = _profile_reference(profile, reference)
            self._entries[key] = found
        return found

    def notes(self, notes: list[str]) -> tuple[str, ...]:
        """The same notes as one shared tuple (a handful of combinations recur across subjects)."""
        key = tuple(notes)
        return self._notes.setdefault(key, key)

    def ul_scope(self, standard: str) -> str:
        found = self._scopes.get(standard)
        if found is None:
            found = self._scopes[standard] = ul_scope(standard)
        return found


def _r(value: Any, digits: int = 1) -> float | None:
    if type(value) is float:  # the common case, without pandas' missing-value test
        return None if math.isnan(value) else round(value, digits)
    if _opt(value) is None or math.isnan(float(value)):
        return None
    return round(float(value), digits)


@cache
def context(key: str) -> str:
    from mgcheck.resources import table

    frame = table("context.csv")
    return str(frame.loc[frame["key"] == key, "text"].iloc[0])


def _opt(value: Any) -> Any:
    """None for any missing value (None, NaN, pd.NA), else the value itself."""
    if value is None:
        return None
    if type(value) is float:  # the common case, without pandas' missing-value test
        return None if math.isnan(value) else value
    import pandas as pd

    return None if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)) else value


RECORD_COLUMNS = [
    "subject", "row", "file", "date", "food", "food_id", "food_name", "match_score", "amount", "unit",
    "grams", "mg", "kind", "basis", "status", "suggestions", "reason", "calcium_mg", "kcal",
    "grams_estimate", "mg_low", "mg_high", "alternatives", "form", "food_code", "code_fallback", "code_kept",
    "unreadable",
]  # fmt: skip


# The figures the contract rounds, with their digits. Each is rounded for all subjects at once
# (`mgcheck.vector.rounded`: Python's round exactly) and kept beside the raw value as
# "<column>_shown": a report of 100,000 subjects rounds about 50 figures a subject.
ITEM_SHOWN = {"match_score": 1, "amount": 4, "grams": 2, "mg": 1, "mg_low": 1, "mg_high": 1}
DAY_SHOWN = dict.fromkeys(
    ("food_mg", "food_mg_low", "food_mg_high", "supplement_mg", "medicine_mg", "intake_mg", "total_mg"), 1
)
SUBJECT_SHOWN = {
    **dict.fromkeys(("mean_intake_mg", "mean_food_mg", "mean_supplement_mg", "mean_medicine_mg"), 1),
    **dict.fromkeys(("mean_total_mg", "percent_rda", "max_supplement_mg", "sd_within_mg"), 1),
    **dict.fromkeys(("supplement_and_medicine_mg", "sensitivity_sd_mg"), 1),  # made in `_subject_rows`
    **dict.fromkeys(("z", "cv_within", "observed_cv"), 2),
    **dict.fromkeys(("probability_adequate", "probability_above_ai", "probability_sensitivity"), 3),
    "unmatched_share": 3,
}


def _shown(series: pd.Series, digits: int) -> list[float | None]:
    """A column as the report shows it: `_r` of each value, computed for the whole column at once."""
    import numpy as np

    from mgcheck.vector import rounded

    try:
        numbers = series.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError):  # not a numeric column (a caller's own frame): value by value
        return [_r(value, digits) for value in series.tolist()]
    shown = rounded(numbers, digits).astype(object)
    shown[np.isnan(numbers)] = None
    return cast("list[float | None]", shown.tolist())


def records_by_subject(items: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Every item as a plain record (missing values None), grouped by subject in file and row order,
    with its figures as shown (ITEM_SHOWN: "mg_shown", ...; a missing low or high end is the mg).

    Built column-wise once, so the per-subject work below is plain Python, not many small frames.
    """
    return _grouped(*_record_columns(items))[0]


def _record_columns(items: pd.DataFrame) -> tuple[list[str], list[Any]]:
    """The record names (RECORD_COLUMNS, then "<column>_shown" of ITEM_SHOWN) and their columns, in file and row order."""
    import numpy as np
    import pandas as pd

    ordered = items.sort_values(["file", "row"], kind="stable")
    columns = []
    for column in RECORD_COLUMNS:
        series = ordered[column] if column in ordered else pd.Series(None, index=ordered.index, dtype=object)
        if series.dtype.kind == "f":
            numbers = series.to_numpy(dtype=np.float64)
            values = numbers.astype(object)
            values[np.isnan(numbers)] = None
        elif isinstance(series.dtype, pd.CategoricalDtype):
            # Each category once, spread by code (-1, missing: None): what astype(object) gives, without
            # converting every row and looking at every row for missing values after.
            categorical = series.array
            shown = np.append(categorical.categories.to_numpy(dtype=object), np.array([None], dtype=object))
            values = shown[categorical.codes]
        else:
            values = series.astype(object).to_numpy(dtype=object, copy=True)
            values[pd.isna(series).to_numpy()] = None
        columns.append(values)
    names = list(RECORD_COLUMNS)
    for column, digits in ITEM_SHOWN.items():
        series = ordered[column] if column in ordered else pd.Series(np.nan, index=ordered.index)
        if column in ("mg_low", "mg_high") and "mg" in ordered:
            series = series.fillna(ordered["mg"])
        names.append(f"{column}_shown")
        columns.append(_shown(series, digits))
    return names, columns


# The record fields only an item entry reads (`_item_entries`): records made beside their entries
# (`_grouped(..., entries_apart=True)`) leave them out, a third of each record's fields.
ENTRY_ONLY = frozenset(
    {"match_score", "basis", "form", "grams_estimate", "mg_low", "mg_high", "alternatives"}
    | {f"{column}_shown" for column in ITEM_SHOWN}
)


def _grouped(
    names: list[str], columns: list[Any], recipes: dict[str, Any] | None = None, entries_apart: bool = False
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[Item]]]:
    """The records (`records_by_subject`) and each subject's item entries (`_item_entries` of its
    records, made here column by column: no record read field by field), both by subject.
    `entries_apart`: the records without the fields only an entry reads (ENTRY_ONLY)."""
    count = len(columns[0]) if columns else 0
    kept = [position for position, name in enumerate(names) if not (entries_apart and name in ENTRY_ONLY)]
    shown = [names[position] for position in kept]
    rows = zip(*[columns[position] for position in kept], strict=True)
    records = list(map(dict, map(zip, repeat(shown, count), rows)))
    entries = _column_entries(dict(zip(names, columns, strict=True)), recipes)
    by_subject: dict[str, list[dict[str, Any]]] = {}
    entries_by_subject: dict[str, list[Item]] = {}
    for subject, record, entry in zip(columns[0] if columns else (), records, entries, strict=True):
        key = str(subject)
        group = by_subject.get(key)
        if group is None:
            by_subject[key] = [record]
            entries_by_subject[key] = [] if entry is None else [entry]
        else:
            group.append(record)
            if entry is not None:
                entries_by_subject[key].append(entry)
    return by_subject, entries_by_subject


def _column_entries(column: dict[str, Any], recipes: dict[str, Any] | None) -> list[Item | None]:
    """`_item_entries` of every record at once, from the record columns: None for an unmatched record."""
    names = _names_of(column["alternatives"])
    return [
        None
        if status == _UNMATCHED
        else Item(
            int(row),
            file,
            date,
            food,
            food_id,
            food_name,
            match_score,
            amount,
            unit,
            grams,
            mg,
            _ITEM_KINDS.get(kind) or ItemKind(kind),
            basis,
            form,
            _ITEM_STATUSES.get(status) or ItemStatus(status),
            bool(grams_estimate),
            mg_low,
            mg_high,
            tuple([Alternative(f, names.get(f, "")) for f in alternatives]) if alternatives else (),
            _recipe_entry(recipes, food_id),
        )
        for (
            status, row, file, date, food, food_id, food_name, match_score, amount, unit, grams, mg, kind, basis,
            form, grams_estimate, mg_low, mg_high, alternatives,
        ) in zip(
            column["status"], column["row"], column["file"], column["date"], column["food"], column["food_id"],
            column["food_name"], column["match_score_shown"], column["amount_shown"], column["unit"],
            column["grams_shown"], column["mg_shown"], column["kind"], column["basis"], column["form"],
            column["grams_estimate"], column["mg_low_shown"], column["mg_high_shown"], column["alternatives"],
            strict=True,
        )
    ]  # fmt: skip


def _recipe_entry(recipes: dict[str, Any] | None, food_id: Any) -> dict[str, Any] | None:
    """A home-made dish's breakdown for its item (additive key), None for any other food."""
    recipe = recipes.get(food_id) if recipes else None
    return None if recipe is None else {**recipe.to_dict(), "line": recipe.summary_line()}


def _plain_rows(frame: pd.DataFrame, shown: dict[str, int]) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts (the values `to_dict("records")` gives), each column of `shown`
    also as the report shows it ("<column>_shown", None where missing), built column-wise."""
    names = [str(name) for name in frame.columns]
    columns = [frame[name].tolist() for name in frame.columns]
    for column, digits in shown.items():
        if column in frame:
            names.append(f"{column}_shown")
            columns.append(_shown(frame[column], digits))
    return list(map(dict, map(zip, repeat(names, len(frame)), zip(*columns, strict=True))))


def _subject_rows(subjects: pd.DataFrame) -> list[dict[str, Any]]:
    """The subjects' summary rows as plain dicts, with their figures as shown (SUBJECT_SHOWN)."""
    made = {}
    if "mean_supplement_mg" in subjects and "mean_medicine_mg" in subjects:
        made["supplement_and_medicine_mg"] = subjects["mean_supplement_mg"] + subjects["mean_medicine_mg"]
    if "sd_within_mg" in subjects:
        made["sensitivity_sd_mg"] = subjects["sd_within_mg"].astype(float) * adequacy.SENSITIVITY_FACTOR
    return _plain_rows(subjects.assign(**made) if made else subjects, SUBJECT_SHOWN)


# Codes to members by a dict look-up (calling an Enum class is slow); anything else goes through the class.
_ITEM_KINDS = {member.value: member for member in ItemKind}
_ITEM_STATUSES = {member.value: member for member in ItemStatus}
_CONCLUSIONS = {member.value: member for member in adequacy.Conclusion}
# The codes compared per record and per subject, read once: reading a member off an Enum class
# (`ItemStatus.MATCHED`) costs ten times the comparison itself.
_MATCHED = ItemStatus.MATCHED.value
_SOURCE = ItemStatus.SOURCE.value
_UNMATCHED = ItemStatus.UNMATCHED.value
_NOT_JUDGED = adequacy.Conclusion.NOT_JUDGED


def _item_entries(records: list[dict[str, Any]], recipes: dict[str, Any] | None = None) -> list[Item]:
    """The counted items of records as entries (`_column_entries` makes the same for a whole study at once)."""
    names = _alternative_names(records)
    entries = []
    for r in records:
        status = r["status"]
        if status == _UNMATCHED:
            continue
        # A home-made dish carries its breakdown (additive key).
        recipe = recipes.get(r["food_id"]) if recipes else None
        alternatives = r["alternatives"]
        entries.append(
            Item(
                row=int(r["row"]),
                file=r["file"],
                date=r["date"],
                food=r["food"],
                food_id=r["food_id"],
                food_name=r["food_name"],
                match_score=r["match_score_shown"],
                amount=r["amount_shown"],
                unit=r["unit"],
                grams=r["grams_shown"],
                mg=r["mg_shown"],
                kind=_ITEM_KINDS.get(r["kind"]) or ItemKind(r["kind"]),
                basis=r["basis"],
                form=r["form"],
                status=_ITEM_STATUSES.get(status) or ItemStatus(status),
                grams_estimate=bool(r["grams_estimate"]),
                mg_low=r["mg_low_shown"],
                mg_high=r["mg_high_shown"],
                alternatives=tuple([Alternative(f, names.get(f, "")) for f in alternatives]) if alternatives else (),
                recipe=None if recipe is None else {**recipe.to_dict(), "line": recipe.summary_line()},
            )
        )
    return entries


def _alternative_names(records: list[dict[str, Any]]) -> dict[str, str]:
    """Names of the alternative foods the records mention (from the bundled index)."""
    return _names_of([r.get("alternatives") for r in records])


def _names_of(alternatives: Sequence[Any]) -> dict[str, str]:
    """Names of the foods in these lists of alternatives (from the bundled index)."""
    if not any(alternatives):
        return {}
    wanted = {f for listed in alternatives for f in (listed or ())}
    from mgcheck.matching import bundled_index

    names = bundled_index().names
    return {f: names.get(f, "") for f in wanted}


def _no_food(food_id: object) -> bool:
    """Whether a record's food_id says no food was found (None, NaN or blank)."""
    return food_id is None or food_id != food_id or str(food_id) == ""


def _unmatched_entries(records: list[dict[str, Any]]) -> list[Unmatched]:
    unmatched = [r for r in records if r["status"] == _UNMATCHED]
    if not unmatched:  # most subjects: no import, no list to build
        return []
    from mgcheck.book import teach_command

    return [
        Unmatched(
            row=int(r["row"]),
            file=r["file"],
            food=r["food"],
            suggestions=tuple(r["suggestions"] or ()),
            reason=r["reason"],
            # A food found whose unit failed needs a unit, not a word taught to the book; nor does
            # an item whose amount, date or food cell could not be read (mgcheck.pipeline.list_unreadable).
            # A supplement or medicine is never taught to the book as a food, nor a row whose only
            # text is its export food code (NHANES): a code is no word (resolve._codes_not_in_table).
            teach=(
                teach_command(str(r["food"]))
                if _no_food(r.get("food_id"))
                and not r["unreadable"]
                and r["kind"] == "food"
                and str(r["food"]) != str(r["food_code"])
                else ""
            ),
        )
        for r in unmatched
    ]


def _top_sources(
    records: list[dict[str, Any]], not_advised: frozenset[str], names: dict[str, tuple[str, str]]
) -> list[TopSource]:
    """The foods that gave the most magnesium, matched or stated by the export.

    An export's own figure (status source: ASA24, NHANES, Cronometer, Intake24 without --recompute)
    counts under the export's text with no id, or, for a row whose only text is its food code
    (NHANES), under the code's FNDDS food in `names` (the table in use): such items made up every food
    of a survey subject, whose top sources (and the handout's "foods that gave you the most") were empty.
    """
    # sum(), not +=: from Python 3.12 it adds floats with compensation, and the shares must not change.
    total = sum([r["mg"] or 0.0 for r in records if r["status"] == _MATCHED or r["status"] == _SOURCE])
    by_food: dict[tuple[str | None, str], float] = {}
    for r in records:
        if r["status"] == _MATCHED:
            key: tuple[str | None, str] = (r["food_id"], r["food_name"])
        elif r["status"] == _SOURCE and r["kind"] == "food":
            # A row whose text is its code (NHANES writes no text) is named by the code's FNDDS food; a
            # row with text keeps it: ASA24-2011 to 2016 code in older FNDDS releases, whose codes
            # can name another food in 2017-2018 (56205000 was oatmeal, is now 'Rice, cooked, NFS').
            text = str(r["food"])
            key = names[text] if text == str(r.get("food_code")) and text in names else (None, text)
        else:
            continue
        by_food[key] = by_food.get(key, 0.0) + (r["mg"] or 0.0)
    ranked = sorted(by_food.items(), key=_second_descending)[:TOP_SOURCES] if len(by_food) > 1 else by_food.items()
    return [
        TopSource(
            food_id,
            name,
            round(mg, 1) if type(mg) is float and mg == mg else _r(mg),  # `_r`, without its call for a float
            _r(mg / total if total else 0.0, 3),
            True if food_id in not_advised or (food_id is None and name in not_advised) else None,
        )
        for (food_id, name), mg in ranked
    ]


def _not_advised_for(records: list[dict[str, Any]], profile: Any, not_advised: frozenset[str]) -> frozenset[str]:
    """The foods never advised to this person: the alcoholic drinks, and the whole nuts and seeds they ate
    under 5 or on a texture-modified diet, which the handout's "keep eating the foods that gave you the
    most" praised to a 2-year-old (cashews)."""
    if profile.age >= whole_nut_min_age() and DYSPHAGIA not in profile.conditions:
        return not_advised
    nuts = {str(r["food_id"]) for r in records if r["status"] == _MATCHED and _whole_nut_or_seed(r)}
    # An export's own figure has no food id: its text names it in the top sources ('Almonds, NFS').
    nuts |= {str(r["food"]) for r in records if r["status"] == _SOURCE and _whole_nut_or_seed(r, str(r["food"]))}
    return not_advised | nuts if nuts else not_advised


def _second_descending(pair: tuple[Any, float]) -> float:
    """Sort key: the largest second value first."""
    return -pair[1]


def curated_portions(foods: pd.DataFrame) -> list[dict[str, Any]]:
    """The everyday magnesium-rich portions of gap_foods.csv, with grams and mg from the food table in use."""
    curated = _curated_grams()
    # Only the curated foods' rows: a set_index over every food cost each report milliseconds.
    listed = foods[foods["food_id"].isin({portion[0] for portion in curated})]
    by_id: dict[Any, tuple[Any, Any]] = {}
    for food_id, name, mg_per_100g in zip(listed["food_id"], listed["name"], listed["mg_per_100g"], strict=True):
        by_id.setdefault(food_id, (name, mg_per_100g))
    portions = []
    for food_id, portion, grams, whole_nut_or_seed in curated:
        if food_id not in by_id:
            continue
        name, mg_per_100g = by_id[food_id]
        portions.append(
            {
                "food_id": food_id,
                "food_name": name,
                "portion": portion,
                "grams": _r(grams, 1),
                "mg": _r(grams * float(mg_per_100g) / 100.0),
                "already_eaten": False,
                "whole_nut_or_seed": whole_nut_or_seed,
            }
        )
    return portions


@cache
def _curated_grams() -> tuple[tuple[str, str, float, bool], ...]:
    """gap_foods.csv's portions as (food id, portion shown, grams, whole nut or seed), the grams from the
    bundled measures: bundled data alone, so worked out once, not once per report."""
    from mgcheck.resources import bundled_measures, table

    curated = table("gap_foods.csv").astype({"food_id": str})
    curated["food_id"] = curated["food_id"].str.zfill(5)
    measures = measures_by_food(bundled_measures(), curated["food_id"])
    found = []
    for row in curated.itertuples(index=False):
        conversion = convert_unit(canonical_unit(row.unit), measures.get(row.food_id, []))
        found.append(
            (
                str(row.food_id),
                f"{row.amount:g} {row.unit} {row.label}",
                float(row.amount) * conversion.grams_per_unit,
                str(row.whole_nut_or_seed).strip().lower() == "true",
            )
        )
    return tuple(found)


@cache
def min_ages() -> dict[str, float]:
    """Food id -> the age in years from which gap_foods.csv offers the food (its `min_age_years`,
    with the reason and source in `age_source`: whole nuts and seeds from 5, dark chocolate from 12)."""
    from mgcheck.resources import table

    curated = table("gap_foods.csv").astype({"food_id": str})
    limited = curated[curated["min_age_years"].notna()]
    return {
        str(food_id).zfill(5): float(age)
        for food_id, age in zip(limited["food_id"], limited["min_age_years"], strict=True)
    }


@cache
def least_advised_density() -> float:
    """Magnesium per 100 kcal of the least magnesium-dense food gap_foods.csv offers (avocado and Greek
    yogurt, about 18): a food already eaten is suggested again only when it is at least that dense, so
    a cup more of spaghetti with meat sauce (about 14 mg per 100 kcal) is never the advice."""
    from mgcheck.resources import bundled_foods, table

    curated = table("gap_foods.csv").astype({"food_id": str})
    ids = {food_id if food_id.startswith("fndds:") else food_id.zfill(5) for food_id in curated["food_id"]}
    foods = bundled_foods()
    chosen = foods[foods["food_id"].isin(ids) & (foods["kcal_per_100g"] > 0)]
    return float((chosen["mg_per_100g"] / chosen["kcal_per_100g"] * 100.0).min())


@cache
def whole_nut_min_age() -> float:
    """The age from which whole nuts and seeds are offered: the oldest `min_age_years` of gap_foods.csv's
    whole nuts and seeds, so foods already eaten follow the same limit as the curated ones."""
    from mgcheck.resources import table

    curated = table("gap_foods.csv")
    nuts = curated[curated["whole_nut_or_seed"].astype(str).str.lower() == "true"]
    return float(nuts["min_age_years"].max())


# Advice that fits the person. Foods are offered from the age gap_foods.csv gives them (whole nuts
# and seeds, a choking hazard, from 5 years; dark chocolate, with caffeine, from 12); children
# under 9 get half the adult portion (a mgcheck convention, shown on each line); no food
# suggestions under 1 year (breast milk or formula is the source).
CHILD_PORTION_UNDER_AGE = 9.0
CHILD_PORTION_FACTOR = 0.5
NO_SUGGESTIONS_UNDER_AGE = 1.0
# A dish (an FNDDS food of an "as eaten" WWEIA category: data/as_eaten_categories.csv) already eaten in
# large amounts is never suggested again: eaten on average once a day or more, or in portions this big.
LARGE_DISH_GRAMS = 400.0


def portions_for(portions: list[dict[str, Any]], age: float) -> list[dict[str, Any]]:
    """The curated portions a person of this age can be offered, child-sized under 9."""
    if age < NO_SUGGESTIONS_UNDER_AGE:
        return []
    fitted = []
    limits = min_ages()
    for portion in portions:
        if age < limits.get(str(portion["food_id"]), 0.0):
            continue
        if age < CHILD_PORTION_UNDER_AGE:
            portion = {
                **portion,
                "portion": f"half of {portion['portion']} (child portion)",
                "grams": _r(portion["grams"] * CHILD_PORTION_FACTOR, 1),
                "mg": _r(portion["mg"] * CHILD_PORTION_FACTOR),
            }
        fitted.append(portion)
    return fitted


# The condition whose advice leaves out whole nuts and seeds at any age (a texture-modified diet).
DYSPHAGIA = "dysphagia"
# The condition whose advice cautions on potassium and phosphorus, and on magnesium supplements and medicines.
KIDNEY_DISEASE = "kidney_disease"


def _textured(portions: list[dict[str, Any]], profile: Any) -> list[dict[str, Any]]:
    """The curated portions fit for the person's diet: no whole nuts or seeds with dysphagia."""
    if DYSPHAGIA not in profile.conditions:
        return portions
    return [portion for portion in portions if not portion["whole_nut_or_seed"]]


def advice_cautions(profile: Any, dose_without_ul: bool, dose: bool = False, withheld: bool = False) -> list[str]:
    """Cautions printed with the food suggestions. `dose_without_ul`: supplements or medicines were
    logged for a life stage whose standard sets no upper limit (IOM infants, EFSA under 4). `dose`:
    supplements or medicines with magnesium were logged (with kidney disease that is flagged: a CKD
    patient's milk of magnesia went unremarked). `withheld`: no food is suggested (a serum value above
    the reference range), so no caution on the suggested foods."""
    cautions = [context("advice_dose_without_ul")] if dose_without_ul else []
    if profile.age < NO_SUGGESTIONS_UNDER_AGE:
        cautions.append(context("advice_infant"))
    elif profile.age < whole_nut_min_age():
        cautions.append(context("advice_under_5"))
    if profile.pregnant or profile.lactating:
        cautions.append(context("advice_pregnancy"))
    if KIDNEY_DISEASE in profile.conditions:
        if not withheld:
            cautions.append(context("advice_kidney"))
        if dose:
            cautions.append(context("advice_kidney_dose"))
    return cautions


def dish_ids(foods: pd.DataFrame) -> frozenset[str]:
    """Ids of dishes and drinks as eaten: FNDDS foods of an as-eaten WWEIA category
    (data/as_eaten_categories.csv) and SR28 foods of a mixed-dish group (data/dish_groups.csv)."""
    import pandas as pd

    if "table" not in foods or "food_group" not in foods:
        return frozenset()
    by_table = _dish_groups()
    # The listed groups' foods first: the tests below over every food cost each report milliseconds.
    foods = foods[foods["food_group"].isin(frozenset().union(*by_table.values()))]
    table = foods["table"].astype(str)
    chosen = pd.Series(False, index=foods.index)
    for name, groups in by_table.items():
        chosen |= (table == name) & foods["food_group"].isin(groups)
    return frozenset(foods.loc[chosen, "food_id"].astype(str).tolist())


@cache
def _dish_groups() -> dict[str, frozenset[str]]:
    """Table -> its food groups of dishes as eaten: FNDDS's as-eaten WWEIA categories, then dish_groups.csv's."""
    from mgcheck.resources import read_data_csv

    by_table = {"fndds": frozenset(read_data_csv("as_eaten_categories.csv", dtype=str)["wweia_category"])}
    for name, group in read_data_csv("dish_groups.csv", dtype=str).groupby("table"):
        by_table[str(name)] = by_table.get(str(name), frozenset()) | frozenset(group["food_group"])
    return by_table


def coded_names(items: pd.DataFrame, foods: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """{CODE: (fndds:CODE, name)} for the food codes of the items whose magnesium an export states, where
    the table in use has the code (`_top_sources` names those items by it)."""
    from mgcheck.resolve import FNDDS_PREFIX

    if "food_code" not in items or "status" not in items:
        return {}
    codes = items.loc[items["status"].astype(object) == _SOURCE, "food_code"].dropna().unique()
    if not len(codes):
        return {}
    wanted = {FNDDS_PREFIX + str(code) for code in codes}
    listed = foods[foods["food_id"].isin(wanted)]
    return {
        food_id[len(FNDDS_PREFIX) :]: (food_id, name)
        for food_id, name in zip(listed["food_id"].astype(str), listed["name"].astype(str), strict=True)
    }


def not_advised_ids(foods: pd.DataFrame) -> frozenset[str]:
    """Ids of foods never suggested to close a gap, even when eaten (alcoholic drinks): the food
    groups of data/not_advised.csv, within a group only the names starting as its row says."""
    import pandas as pd

    if "table" not in foods or "food_group" not in foods:
        return frozenset()
    rules = _not_advised_rules()
    # Names are compared only within the listed groups: a startswith over every food name, once per
    # row of the file, was the largest fixed cost of a report (tens of ms).
    foods = foods[foods["food_group"].astype(str).isin({row.food_group for row in rules})]
    # Case-blind: SR28 writes 'Alcoholic beverage, ...' and once 'Alcoholic Beverage, wine, ..., Merlot'.
    table, group, name = (
        foods["table"].astype(str),
        foods["food_group"].astype(str),
        foods["name"].astype(str).str.lower(),
    )
    chosen = pd.Series(False, index=foods.index)
    for row in rules:
        chosen |= (table == row.table) & (group == row.food_group) & name.str.startswith(row.name_starts.lower())
    return frozenset(foods.loc[chosen, "food_id"].astype(str).tolist())


@cache
def _not_advised_rules() -> tuple[Any, ...]:
    """data/not_advised.csv's rows (table, food_group, name_starts), read once."""
    from mgcheck.resources import read_data_csv

    return tuple(read_data_csv("not_advised.csv", dtype=str).fillna("").itertuples(index=False))


def _large_dish(group: list[dict[str, Any]], grams: float, n_days: int) -> bool:
    """Eaten on average once a day or more, or in portions of LARGE_DISH_GRAMS or more."""
    total = sum(float(r["grams"]) for r in group)
    return grams >= LARGE_DISH_GRAMS or total / max(n_days, 1) >= grams


def _gap_suggestions(
    records: list[dict[str, Any]],
    gap_mg: float,
    portions: list[dict[str, Any]],
    age: float = 99.0,
    dishes: frozenset[str] = frozenset(),
    n_days: int = 1,
    shared: Shared | None = None,
    no_whole_nuts: bool = False,
) -> list[Suggestion]:
    """Realistic portions that would close the gap: foods already eaten first (at their usual
    portion and their own magnesium per gram), then everyday rich sources. A dish already eaten in
    large amounts (`_large_dish`) is not suggested: more of it is not advice a dietitian would give;
    nor is a food eaten that is less magnesium-dense per calorie than any rich source offered
    (`least_advised_density`).

    `portions` are the curated portions in the order they are offered: most magnesium first, as
    `Shared.portions_for` gives them (sorted once per age, not once per subject)."""
    eaten: dict[str, list[dict[str, Any]]] = {}
    limits = min_ages()
    too_young_for_nuts = no_whole_nuts or age < whole_nut_min_age()
    not_advised = shared.not_advised if shared is not None else frozenset()
    for r in records:
        if r["status"] == _MATCHED and (r["grams"] or 0.0) > 0 and r["mg"] is not None:
            food_id = r["food_id"]
            if age < limits.get(str(food_id), 0.0) or (too_young_for_nuts and _whole_nut_or_seed(r)):
                continue
            if str(food_id) in not_advised:
                continue
            group = eaten.get(food_id)
            if group is None:
                eaten[food_id] = [r]
            else:
                group.append(r)
    candidates: list[dict[str, Any]] = []
    seen: set[str] = set()
    for food_id, group in sorted(eaten.items()) if len(eaten) > 1 else eaten.items():
        grams = float(group[0]["grams"] if len(group) == 1 else _median([r["grams"] for r in group]))
        if str(food_id) in dishes and _large_dish(group, grams, n_days):
            seen.add(str(food_id))
            continue
        first = group[0]
        mg = grams * first["mg"] / first["grams"]
        kcal = first.get("kcal")
        dense = not kcal or first["mg"] / kcal * 100.0 >= least_advised_density()  # no energy known: kept
        if mg >= MIN_USEFUL_PORTION_MG and dense:
            amount = first["amount"] * grams / first["grams"]
            written = str(first["food"])
            named = first["food_name"] if written_as_id(written, food_id) else written
            portion = eaten_portion(amount, str(first["unit"]), named)
            candidates.append(
                {
                    "food_id": food_id,
                    "food_name": first["food_name"],
                    "portion": portion,
                    "grams": _r(grams, 1),
                    "mg": _r(mg),
                    "already_eaten": True,
                }
            )
            seen.add(str(food_id))
    # Foods eaten first, the two richest that are not sweet; then the richest of the rest and of the
    # curated portions, a food eaten before a curated portion of the same magnesium (stable sorts). A sweet
    # food or drink eaten (`sweet_food`) is offered only on its magnesium among the rest: "1 mug hot
    # chocolate (you already eat this)" led a pregnant 17-year-old's list (session 27 trial).
    if len(candidates) > 1:
        candidates.sort(key=_minus_mg)
    eaten_first = [c for c in candidates if not sweet_food(str(c["food_name"]))][:2]
    chosen = {id(c) for c in eaten_first}
    rest = [c for c in candidates if id(c) not in chosen]
    wanted = GAP_SUGGESTIONS - len(eaten_first)
    curated: list[dict[str, Any]] = [] if seen else portions[:wanted]  # nothing eaten to pass over: the first
    for offered in portions if seen else ():  # shared: copied only when chosen
        if len(curated) == wanted:
            break
        if offered["food_id"] not in seen:
            curated.append(offered)
    # The curated portions come most magnesium first: with no other food eaten they are the order.
    others = sorted(rest + curated, key=_minus_mg)[:wanted] if rest else curated
    return [
        Suggestion(**candidate, closes_gap=candidate["mg"] >= gap_mg)
        if candidate["already_eaten"] or shared is None
        else shared.suggestion(candidate, candidate["mg"] >= gap_mg)
        for candidate in eaten_first + others
    ]


def sweet_food(name: str) -> bool:
    """Whether a food's table name says it is a sweet food or drink (data/sweet_words.csv: hot cocoa, soft
    drinks, candies, cakes): one already eaten does not lead the suggestions, as the WHO and the Dietary
    Guidelines advise limiting added sugars."""
    from mgcheck.text import phrase_pattern

    return phrase_pattern("sweet_words.csv", "phrase", str.lower).search(name.lower()) is not None


def eaten_portion(amount: float, unit: str, written: str) -> str:
    """A portion of a food already eaten, in the log's words: '1 handful of almonds', not '1 handful
    handful of almonds' when the text itself starts with its unit ('handful of almonds', 'a glass of wine')."""
    words = written.split()
    if unit and words:
        lead = 1 if words[0].lower() in ("a", "an", "one") and len(words) > 1 else 0
        said = words[lead].lower()
        if said in (unit.lower(), unit.lower() + "s", unit.lower() + "es") or singular(said) == singular(unit.lower()):
            written = " ".join(words[lead + 1 :])
    shown = f"{amount:.3g}"  # the unit agrees with the amount as shown: 1.005 cups is '1 cup'
    return " ".join(part for part in (shown, counted_unit(float(shown), unit) if unit else unit, written) if part)


def _minus_mg(candidate: dict[str, Any]) -> float:
    """Sort key: most magnesium first."""
    return -float(candidate["mg"])


def _median(values: list[float]) -> float:
    """`statistics.median`, without its checks (two or more numbers)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# The head words of a whole nut or seed: SR28 'Nuts, almonds', 'Seeds, ...', 'Peanuts, all types, ...'; FNDDS
# 'Almonds, NFS', 'Mixed nuts, ...', 'Pumpkin seeds, ...'.
_NUT_HEADS = frozenset(
    {"nut", "seed", "peanut", "almond", "cashew", "walnut", "pecan", "pistachio", "hazelnut", "filbert", "macadamia"}
)
_NOT_WHOLE = (
    "butter",
    "paste",
    "flour",
    "oil",
    "meal",
    "tahini",
    "milk",
    "spread",
    "bar",
    "cereal",
    "cookie",
    "sprouted",
)


def _whole_nut_or_seed(record: dict[str, Any], name: str | None = None) -> bool:
    """A nut or seed eaten whole, not a butter, paste, flour, oil or milk (a choking hazard for young children):
    its name's first part ends in a nut or seed word. Peanuts and FNDDS's nuts ('Almonds, NFS') were missed."""
    text = (str(record.get("food_name") or "") if name is None else name).lower()
    if any(word in text for word in _NOT_WHOLE):
        return False
    head = re.findall(r"[a-z]+", text.split(",", 1)[0])
    return bool(head) and singular(head[-1]) in _NUT_HEADS


def _diet_quality(records: list[dict[str, Any]]) -> dict[str, Any]:
    matched = [r for r in records if r["status"] == _MATCHED]
    # sum(), not +=: from Python 3.12 it adds floats with compensation, and the figures must not change.
    mg = sum([r["mg"] or 0.0 for r in matched])
    calcium = sum([r["calcium_mg"] or 0.0 for r in matched])
    kcal = sum([r["kcal"] or 0.0 for r in matched])
    return {
        "calcium_to_magnesium_ratio": _r(calcium / mg, 2) if mg else None,
        "mg_per_1000_kcal": _r(mg / kcal * 1000.0) if kcal else None,
        "ratio_context": context("ca_mg_ratio"),
        "density_context": context("mg_density"),
    }


@cache
def serum_ranges() -> dict[str, tuple[float, float | None]]:
    """Range name (iom, laboratory, costello) -> (low, high) in mmol/L: data/serum_ranges.csv."""
    from mgcheck.resources import table

    return {
        str(row["range"]): (
            float(row["low_mmol_l"]),
            None if _opt(row["high_mmol_l"]) is None else float(row["high_mmol_l"]),
        )
        for row in table("serum_ranges.csv").to_dict("records")
    }


@cache
def _serum_ranges_mg_dl() -> dict[str, tuple[float, float | None]]:
    """Range name -> (low, high) in mg/dL as a value in mg/dL is read against it: the source's own mg/dL
    limits where it publishes them (the IOM's 1.8-2.3), else its mmol/L limits converted exactly and rounded
    to two decimals, as shown (Costello's 0.85 mmol/L is 2.07 mg/dL)."""
    from mgcheck.resources import table

    def mg_dl(published: object, mmol: object) -> float | None:
        if _opt(published) is not None:
            return float(str(published))
        return None if _opt(mmol) is None else round(float(str(mmol)) / MMOL_PER_MG_DL, 2)

    ranges: dict[str, tuple[float, float | None]] = {}
    for row in table("serum_ranges.csv").to_dict("records"):
        low = mg_dl(row["low_mg_dl"], row["low_mmol_l"])
        assert low is not None
        ranges[str(row["range"])] = (low, mg_dl(row["high_mg_dl"], row["high_mmol_l"]))
    return ranges


def _serum_limits(unit: str) -> dict[str, tuple[float, float | None]]:
    """The ranges in the unit a value was given in, as the reading shows them and grades against them: in
    mg/dL `_serum_ranges_mg_dl`, in mEq/L the mmol/L limits doubled (exact), else mmol/L."""
    if unit == "mg/dL":
        return _serum_ranges_mg_dl()
    ranges = serum_ranges()
    if unit == "mEq/L":
        return {
            name: (low / MMOL_PER_MEQ_L, None if high is None else high / MMOL_PER_MEQ_L)
            for name, (low, high) in ranges.items()
        }
    return ranges


def serum_grade(serum: Serum) -> SerumGrade:
    """A structured reading of serum magnesium against the IOM range, lab ranges and Costello 2016, in the
    unit the value was given in against the limits as the reading shows them (`_serum_limits`): 2.08 mg/dL
    is within Costello's 2.07 (0.85 mmol/L; it was read against 2.1), 2.42 mg/dL within the laboratories'
    2.43 (1.00 mmol/L), 1.8 mg/dL within the IOM's published 1.8-2.3 mg/dL."""
    ranges = _serum_limits(serum.unit)
    value = serum.value if serum.unit in ("mg/dL", "mEq/L") else serum.mmol_l
    (low, high), (lab_low, lab_high) = ranges["iom"], ranges["laboratory"]
    if value < lab_low:
        return SerumGrade.LOW
    if value < low:
        return SerumGrade.LOW_IOM
    if value < ranges["costello"][0]:
        return SerumGrade.LOW_NORMAL
    if high is not None and value <= high:
        return SerumGrade.NORMAL
    if lab_high is not None and value <= lab_high:
        return SerumGrade.HIGH_IOM
    return SerumGrade.HIGH


def _limits_shown(unit: str, name: str, low_only: bool) -> str:
    """A range as the reading shows it beside a value in `unit`: '0.75-0.95 mmol/L'; in mEq/L exact at one
    decimal, '1.5-1.9 mEq/L'; in mg/dL first the mg/dL limits the value is read against, then the mmol/L:
    '1.8-2.3 mg/dL = 0.75-0.95 mmol/L' (the IOM's own), '1.7-2.43 mg/dL = 0.70-1.00 mmol/L' (converted)."""
    low, high = serum_ranges()[name]
    limits = (low,) if high is None or low_only else (low, high)
    mmol = "-".join(f"{limit:.2f}" for limit in limits) + " mmol/L"
    if unit == "mEq/L":
        return "-".join(f"{limit / MMOL_PER_MEQ_L:.1f}" for limit in limits) + " mEq/L"
    if unit == "mg/dL":
        mg_low, mg_high = _serum_ranges_mg_dl()[name]
        in_mg = (mg_low,) if mg_high is None or low_only else (mg_low, mg_high)
        return "-".join(f"{limit:g}" for limit in in_mg) + " mg/dL = " + mmol
    return mmol


def _serum_reading(grade: SerumGrade, unit: str, edge: str = "") -> str:
    """The reading of a grade, its ranges shown for the unit the value was given in (`_limits_shown`);
    `edge` follows the IOM range where a value is within it (`_between_published_limits`)."""

    def shown(name: str, low_only: bool = False) -> str:
        return _limits_shown(unit, name, low_only)

    iom, lab, lab_low, costello = shown("iom"), shown("laboratory"), shown("laboratory", True), shown("costello")
    within = iom + edge
    return {
        SerumGrade.LOW: f"low: below the IOM range ({iom}) and below the {lab_low} lower limit many laboratories use",
        SerumGrade.LOW_IOM: f"low: below the IOM range ({iom}), though within the {lab} range many laboratories use",
        SerumGrade.LOW_NORMAL: f"within the IOM range ({within}), but below the {costello} that Costello et al. (2016) propose as the lower limit of adequate magnesium status",
        SerumGrade.NORMAL: f"within the IOM range ({within})",
        SerumGrade.HIGH_IOM: f"above the IOM range ({iom}), within the {lab} range many laboratories use",
        SerumGrade.HIGH: f"above the reference range (IOM {iom}; many laboratories {lab})",
    }[grade]  # fmt: skip


def serum_above_range(serum: Serum | None) -> bool:
    """Whether a serum value lies above every reference range the report names (the IOM's and the
    laboratories'): then the report advises adding no magnesium (README, Judging intake)."""
    return serum is not None and serum_grade(serum) is SerumGrade.HIGH


def _serum_next_step(grade: SerumGrade) -> str | None:
    if grade in (SerumGrade.LOW, SerumGrade.LOW_IOM):
        return context("serum_low_next")
    if grade is SerumGrade.HIGH:
        return context("serum_high_next")
    return None


def _between_published_limits(serum: Serum, grade: SerumGrade) -> str:
    """'' or what a value in mg/dL needs said beside the IOM range when it is within the IOM's published
    mg/dL range but its mmol/L lies below the IOM's mmol/L range (the two published ranges differ at the
    bottom: 1.8 mg/dL is 0.741 mmol/L), so 'within' beside '= 0.741 mmol/L' does not contradict itself."""
    low_mmol = serum_ranges()["iom"][0]
    if serum.unit != "mg/dL" or grade in (SerumGrade.LOW, SerumGrade.LOW_IOM) or serum.mmol_l >= low_mmol:
        return ""
    low_mg = _serum_ranges_mg_dl()["iom"][0]
    return (
        f"; near its lower limit as published in mg/dL ({low_mg:g}), though its {serum.mmol_l:.3f} mmol/L is"
        f" just below the {low_mmol:.2f} mmol/L the IOM publishes beside it"
    )


def _serum_entry(serum: Serum) -> SerumReading:
    mmol = serum.mmol_l
    in_mmol = serum_ranges()
    low, high = in_mmol["iom"]
    grade = serum_grade(serum)
    is_low = grade in (SerumGrade.LOW, SerumGrade.LOW_IOM)
    # "Normal serum can coexist with low body stores" reads a value in or below the range, not a high one.
    note = context("intake_not_status_high" if grade is SerumGrade.HIGH else "intake_not_status")
    return SerumReading(
        value=serum.value,
        unit=serum.unit,
        mmol_l=_r(mmol, 3),
        mg_dl=_r(mmol / MMOL_PER_MG_DL, 2),
        reference_range_mmol_l=(low, high if high is not None else low),
        range_source="IOM 1997 normal range 0.75-0.95 mmol/L (1.8-2.3 mg/dL); many labs use 0.70-1.00",
        costello_2016_cutoff_mmol_l=in_mmol["costello"][0],
        costello_2016_source="Costello RB, et al. (2016) Adv Nutr 7:977. doi:10.3945/an.116.012765",
        grade=grade,
        low=is_low,
        reading=_serum_reading(grade, serum.unit, _between_published_limits(serum, grade)),
        next_step=_serum_next_step(grade),
        note=note,
    )


def _conditions(codes: tuple[str, ...], supplements: bool = False) -> list[ConditionCaution]:
    """Cautions for the person's conditions; drug-interaction text only when supplements or
    medicines with magnesium are logged."""
    if not codes:
        return []
    from mgcheck.resources import table

    frame = table("conditions.csv").set_index("condition")
    entries = []
    for code in codes:
        only_with = str(frame.at[code, "only_with_supplements"]).strip().lower() == "true"
        if only_with and not supplements:
            continue
        ids = frame.at[code, "evidence_ids"]
        entries.append(
            ConditionCaution(
                condition=code,
                label=frame.at[code, "label"],
                caution=frame.at[code, "caution"],
                evidence_ids=() if _opt(ids) is None else tuple(str(ids).split("|")),
                source=frame.at[code, "source"],
            )
        )
    return entries


def subject_report(
    assessment: Assessment,
    subject: str,
    options: ReportOptions,
    row: dict[str, Any],
    items: list[dict[str, Any]],
    days: list[dict[str, Any]],
    shared: Shared,
    entries: list[Item] | None = None,
) -> SubjectResult:
    """The contract's entry for one subject: its summary row, its item records and its days
    (`entries`: its records' item entries when already made, `_item_entries` of them)."""
    profile = assessment.profiles[subject]
    reference = assessment.references[subject]
    n_days = int(row["n_days"])
    mean_intake = float(row["mean_intake_mg"])
    code = _CONCLUSIONS.get(row["conclusion_code"]) or adequacy.Conclusion(row["conclusion_code"])
    judged = code is not _NOT_JUDGED
    ear, rda, ai = reference.ear_mg, reference.rda_mg, reference.ai_mg
    source_totals = _source_totals(days)

    ear_test = ear is not None
    sd_w = float(row["sd_within_mg"])
    needed = adequacy.intake_needed(ear, sd_w, n_days) if ear and judged else None
    below = adequacy.intake_needed(ear, sd_w, n_days, -adequacy.Z_CONFIDENT) if ear and judged else None
    medicine = float(row["mean_medicine_mg"])
    supplement = float(row["mean_supplement_mg"])
    notes = [context("association")]
    if row["sd_within_status"] != "derived":
        notes.append(context("sd_estimate"))
    if n_days == 1:
        notes.append(context("one_day"))
    if not ear_test:
        notes.append(context("ai_only"))
    if medicine > 0:
        notes.append(context("medicine_apart"))
    if needed is not None:
        notes.append(context("needed_not_target"))
    target = rda or ai
    gap = (target - mean_intake) if target is not None else None
    # Food alone below the EAR while supplements lift the intake to the target: the food gap to the
    # target is offered (README, Food suggestions), since the UL limits supplements, never food.
    mean_food = float(row["mean_food_mg"])
    # With only an AI (EFSA; infants) the AI is the line food alone is read against.
    food_floor = ear if ear is not None else ai
    food_gap = (
        target - mean_food
        if target is not None and food_floor is not None and gap is not None and gap <= 0 and mean_food < food_floor
        else None
    )
    if food_gap is not None and serum_above_range(options.serum):
        food_gap = None  # above the serum range no food is offered to raise intake (the withheld sentence says so)
    to_close = gap if gap is not None and gap > 0 else food_gap

    ul_exceeded = bool(row["ul_exceeded"])
    findings, situations = shared.findings(  # with only an AI, the AI is the advised amount the bands read
        profile, mean_intake, ear, rda if rda is not None else ai, ul_exceeded, options.serum, supplement + medicine > 0
    )
    verdict_code = verdict_state(mean_intake, ear, rda, ai, judged)
    profile_entry, reference_entry = shared.entries(profile, reference)
    # Over a serum value above the reference range no food is offered to raise intake (README, Judging intake).
    withheld = serum_above_range(options.serum)
    suggestions = (
        _gap_suggestions(
            items,
            to_close,
            _textured(shared.portions_for(profile.age), profile),
            profile.age,
            shared.dishes,
            n_days,
            shared,
            no_whole_nuts=DYSPHAGIA in profile.conditions,
        )
        if to_close is not None and to_close > 0 and profile.age >= NO_SUGGESTIONS_UNDER_AGE and not withheld
        else []
    )
    return SubjectResult(
        subject=subject,
        profile=profile_entry,
        reference=reference_entry,
        days=tuple(
            [
                Day(
                    date=d["date"],
                    food_mg=d["food_mg_shown"],
                    food_mg_low=d.get("food_mg_low_shown", d["food_mg_shown"]),
                    food_mg_high=d.get("food_mg_high_shown", d["food_mg_shown"]),
                    supplement_mg=d["supplement_mg_shown"],
                    medicine_mg=d["medicine_mg_shown"],
                    intake_mg=d["intake_mg_shown"],
                    total_mg=d["total_mg_shown"],
                )
                for d in days
            ]
        ),
        source_totals=source_totals,
        n_days=n_days,
        mean_daily_mg=row["mean_intake_mg_shown"],
        mean_food_mg=row["mean_food_mg_shown"],
        mean_supplement_mg=row["mean_supplement_mg_shown"],
        mean_medicine_mg=row["mean_medicine_mg_shown"],
        mean_total_mg=row["mean_total_mg_shown"],
        percent_rda=row["percent_rda_shown"],
        verdict=verdict_words(verdict_code, n_days),
        verdict_code=verdict_code,
        adequacy=_adequacy_entry(row, reference, code, ear_test, n_days, needed, below, notes, shared),
        upper_limit=shared.upper_limit(
            reference_entry.ul_supplement_mg,
            row["supplement_and_medicine_mg_shown"],
            row["mean_supplement_mg_shown"],
            row["mean_medicine_mg_shown"],
            row["max_supplement_mg_shown"],
            ul_exceeded,
            int(row["days_over_ul"]),
            assessment.standard,
            sum([1 for r in items if r["status"] == _UNMATCHED and r["kind"] != "food"]),
        ),
        items=tuple(_item_entries(items, assessment.recipes) if entries is None else entries),
        unmatched=tuple(_unmatched_entries(items)),
        unmatched_items=int(row["unmatched_items"]),
        unmatched_share=row["unmatched_share_shown"],
        food_code_fallbacks=_code_fallbacks(items),
        food_code_kept_figures=_codes_kept(items) if source_totals is not None else None,
        top_sources=tuple(
            _top_sources(items, _not_advised_for(items, profile, shared.not_advised), shared.coded_names)
        ),
        next_steps=NextSteps(
            gap_mg=_r(gap) if gap is not None and gap > 0 else 0.0,
            target="RDA" if rda else "AI",
            suggestions=tuple(suggestions),
            cautions=shared.cautions(
                profile,
                supplement + medicine > 0 and reference_entry.ul_supplement_mg is None,
                supplement + medicine > 0,
                withheld,
            ),
            withheld=context("advice_withheld_serum_high") if withheld else None,
            food_gap_mg=_r(food_gap) if food_gap is not None else None,
            **_diet_quality(items),
        ),
        serum=_serum_entry(options.serum) if options.serum else None,
        conditions=shared.conditions(tuple(profile.conditions), supplement + medicine > 0),
        evidence=findings,
        situations=situations,
    )


def _profile_reference(profile: Any, reference: Any) -> tuple[ProfileEntry, ReferenceEntry]:
    """A subject's profile and reference entries, with whole numbers shown as ints."""
    shown_profile = profile.to_dict()
    shown_reference = reference.to_dict()
    life_stage = reference.life_stage
    return (
        ProfileEntry(
            sex=profile.sex,
            age=cast("int | float", shown_profile["age"]),  # to_dict gives a whole age as int
            pregnant=profile.pregnant,
            lactating=profile.lactating,
            life_stage=life_stage,
            conditions=tuple(profile.conditions),
        ),
        ReferenceEntry(
            standard=reference.standard,
            ear_mg=cast("int | float | None", shown_reference["ear_mg"]),  # _whole: int, float or None
            rda_mg=cast("int | float | None", shown_reference["rda_mg"]),
            ai_mg=cast("int | float | None", shown_reference["ai_mg"]),
            ul_supplement_mg=cast("int | float | None", shown_reference["ul_supplement_mg"]),
            life_stage=life_stage,
            table_row=reference.table_row,
            source=reference.source,
        ),
    )


def _code_fallbacks(records: list[dict[str, Any]]) -> int | None:
    """For an export with food codes (additive key, None otherwise): the food items matched by their
    text because their code was blank, malformed or not in FNDDS 2017-2018."""
    coded = [record for record in records if record["food_code"] is not None and record["kind"] == "food"]
    if not coded:
        return None
    return sum(bool(record["code_fallback"]) for record in coded)


def _codes_kept(records: list[dict[str, Any]]) -> int | None:
    """With --recompute, for an export with food codes (additive key, None otherwise): the food items
    whose only text is a code FNDDS 2017-2018 lacks, which kept the export's own figure."""
    if not any(record["food_code"] is not None and record["kind"] == "food" for record in records):
        return None
    return sum([1 for record in records if record["code_kept"]])


def _source_totals(days: list[dict[str, Any]]) -> SourceTotals | None:
    """With --recompute: the export's own food magnesium beside mgcheck's, per day and mean."""
    if not days or "source_food_mg" not in days[0]:
        return None
    stated = [float(d["source_food_mg"]) for d in days]
    return SourceTotals(
        note="--recompute: food magnesium as the source export stated it (blank cells add nothing), beside mgcheck's recomputed figure",
        mean_food_mg=_r(sum(stated) / len(stated)),
        days=tuple(SourceDay(d["date"], _r(v)) for d, v in zip(days, stated, strict=True)),
    )


# The headline reading of the mean (IOM 2000 p.57): a code, and its words apart.
VERDICT_TEXT: dict[VerdictCode, str] = {
    VerdictCode.BELOW_EAR: "below the EAR: usual intake very likely needs improvement",
    VerdictCode.EAR_TO_RDA: "between the EAR and the RDA: intake probably needs improvement",
    VerdictCode.AT_OR_ABOVE_RDA: "at or above the RDA",
    VerdictCode.AT_OR_ABOVE_AI: "at or above the AI: likely adequate",
    VerdictCode.BELOW_AI: "below the AI: adequacy cannot be judged",
    VerdictCode.NOT_JUDGED: "not judged: the log is too incomplete to read the mean against the reference",
    VerdictCode.NO_REFERENCE: "no reference value",
}


# The readings IOM 2000 (p.57) allows only over many days: a one-day record qualifies them. Below the
# EAR or the AI it sets no such condition, and those keep their words (the one-day note stays).
_SETTLED_ONLY_OVER_MANY_DAYS = frozenset({VerdictCode.AT_OR_ABOVE_RDA, VerdictCode.AT_OR_ABOVE_AI})


def verdict_words(code: VerdictCode, n_days: int) -> str:
    """The verdict's words. At or above the RDA (or AI) on a one-day record, only where the day falls
    and that one day cannot show usual intake (context.csv verdict_one_day): 'at or above the RDA' of a
    single day read as settled, and the brief said there was nothing to add."""
    if n_days == 1 and code in _SETTLED_ONLY_OVER_MANY_DAYS:
        position = VERDICT_TEXT[code].split(":", 1)[0]
        return f"{position} on this one day: {context('verdict_one_day')}"
    return VERDICT_TEXT[code]


class _VERDICTS:
    """The verdict codes as plain class attributes: reading a member off the Enum class is slow."""

    NOT_JUDGED = VerdictCode.NOT_JUDGED
    BELOW_EAR = VerdictCode.BELOW_EAR
    EAR_TO_RDA = VerdictCode.EAR_TO_RDA
    AT_OR_ABOVE_RDA = VerdictCode.AT_OR_ABOVE_RDA
    AT_OR_ABOVE_AI = VerdictCode.AT_OR_ABOVE_AI
    BELOW_AI = VerdictCode.BELOW_AI
    NO_REFERENCE = VerdictCode.NO_REFERENCE


def _cv_shown(cv: float) -> str:
    """A coefficient of variation as a percentage ('undefined' for no intake at all)."""
    return f"{cv:.0%}" if math.isfinite(cv) else "undefined"


def verdict_state(
    mean: float, ear: float | None, rda: float | None, ai: float | None, judged: bool = True
) -> VerdictCode:
    """The mean against the reference (IOM 2000 p.57); never a reading over a withheld judgement."""
    if not judged:
        return _VERDICTS.NOT_JUDGED
    if ear is not None and rda is not None:
        if mean < ear:
            return _VERDICTS.BELOW_EAR
        if mean < rda:
            return _VERDICTS.EAR_TO_RDA
        return _VERDICTS.AT_OR_ABOVE_RDA
    if ai is not None:
        return _VERDICTS.AT_OR_ABOVE_AI if mean >= ai else _VERDICTS.BELOW_AI
    return _VERDICTS.NO_REFERENCE


def verdict(mean: float, ear: float | None, rda: float | None, ai: float | None, judged: bool = True) -> str:
    """Plain-language reading of the mean against the reference (IOM 2000 p.57)."""
    return VERDICT_TEXT[verdict_state(mean, ear, rda, ai, judged)]


def ul_scope(standard: str) -> str:
    """What the standard's upper limit covers, in its own terms (each standard's file in mgcheck/standards/ says)."""
    from mgcheck import standards

    return standards.get(standard).ul_scope


def _adequacy_entry(
    row: dict[str, Any],
    reference: Any,
    code: adequacy.Conclusion,
    ear_test: bool,
    n_days: int,
    needed: float | None,
    below: float | None,
    notes: list[str],
    shared: Shared,
) -> Adequacy:
    """The usual-intake judgement: the probability, its IOM band label, sensitivity and validity."""
    judged = code is not adequacy.Conclusion.NOT_JUDGED
    z = _opt(row["z"])
    sensitivity = None
    validity = None
    if judged and z is not None:
        sens_code = _CONCLUSIONS.get(row["conclusion_sensitivity_code"]) or adequacy.Conclusion(
            row["conclusion_sensitivity_code"]
        )
        sens_p = float(row["probability_sensitivity"])
        holds, reading = adequacy.sensitivity_reading(code, sens_code)
        what = "usual intake is adequate" if ear_test else "usual intake is above the AI"
        sensitivity = Sensitivity(
            sd_within_mg=row["sensitivity_sd_mg_shown"],
            probability=row["probability_sensitivity_shown"],
            conclusion_code=sens_code,
            holds=holds,
            text=(
                f"With SD within 25% larger ({float(row['sd_within_mg']) * adequacy.SENSITIVITY_FACTOR:.0f} mg): "
                f"{adequacy.percent(sens_p)} probability that {what}; " + reading
            ),
        )
        cv = float(row["cv_within"])
        observed = _opt(row["observed_cv"])
        worst = max(cv, observed if observed is not None else 0.0)
        reliable = bool(worst <= adequacy.MAX_RELIABLE_CV)
        validity = Validity(
            cv_within=row["cv_within_shown"] if math.isfinite(cv) else None,
            observed_cv=row["observed_cv_shown"],
            max_reliable_cv=adequacy.MAX_RELIABLE_CV,
            reliable=reliable,
            text=(
                f"Day-to-day CV {_cv_shown(cv)} expected at this intake"
                + (f" ({observed:.0%} in these days)" if observed is not None else "")
                + (
                    ": within the method's range."
                    if reliable
                    else f": {_cv_shown(worst)} is above the 60-70% the method allows. {context('cv_unreliable')}"
                )
            ),
        )
        if not reliable:
            notes.append(context("cv_unreliable"))
    return Adequacy(
        method=row["method"],
        z=row["z_shown"] if judged else None,
        probability_adequate=row["probability_adequate_shown"],
        probability_above_ai=row["probability_above_ai_shown"],
        conclusion=row["conclusion"],
        conclusion_code=code,
        iom_band=adequacy.iom_band(float(z), ear_test) if judged and z is not None else None,
        probability=(
            row["probability_adequate_shown" if ear_test else "probability_above_ai_shown"] if judged else None
        ),
        sensitivity=sensitivity,
        validity=validity,
        sd_within_mg=row["sd_within_mg_shown"],
        sd_within_source=row["sd_within_source"],
        sd_within_status=row["sd_within_status"],
        n_days=n_days,
        intake_needed_97_5_mg=_r(needed),
        intake_below_requirement_97_5_mg=_r(below) if below is not None and below > 0 else None,
        notes=shared.notes(notes),
    )


def report(assessment: Assessment, serum: Serum | None = None, warnings: Sequence[str] | None = None) -> Report:
    """The whole report as typed results; `Report.to_dict()` is the `mgcheck.report/1` contract.

    `warnings` default to the assessment's own. Items and days are grouped by subject once.
    """
    from mgcheck.gcpause import paused

    with paused():  # a large acyclic graph: the collector's passes only cost time
        options = _options(assessment, serum, warnings)
        return Report(
            schema=SCHEMA, subjects=tuple(_subject_results(assessment, options)), warnings=tuple(options.warnings)
        )


def streamed(assessment: Assessment, serum: Serum | None = None) -> Report:
    """The report of `report()`, its subjects made one at a time as they are read, once, and let go:
    for a renderer that writes subject after subject (JSON, Markdown), so a study of 100,000 subjects
    never holds them all. Read its `subjects` once, in order; use `report()` for anything else."""
    options = _options(assessment, serum, None)
    subjects = cast("tuple[SubjectResult, ...]", _subject_results(assessment, options))
    return Report(schema=SCHEMA, subjects=subjects, warnings=tuple(options.warnings))


def _options(assessment: Assessment, serum: Serum | None, warnings: Sequence[str] | None) -> ReportOptions:
    from mgcheck.serum import require_one_subject

    require_one_subject(serum, len(assessment.subjects))
    return ReportOptions(serum=serum, warnings=list(assessment.warnings if warnings is None else warnings))


# A food table's facts for reports (food_facts), for the last few tables seen: id -> (a weak reference to
# the table, its facts). A table is never changed in place once an index or a report uses it.
_FOOD_FACTS: dict[
    int, tuple[weakref.ref[pd.DataFrame], tuple[list[dict[str, Any]], frozenset[str], frozenset[str]]]
] = {}
_FOOD_FACTS_KEPT = 8


def food_facts(foods: pd.DataFrame) -> tuple[list[dict[str, Any]], frozenset[str], frozenset[str]]:
    """The curated portions, dish ids and not-advised ids of a food table, worked out once per table.

    They cost each report about 5 ms over the bundled table (15,133 foods), and JSON output builds a
    report's entries twice; the bundled index's table is one object for the life of a process, so a
    Python caller making report after report, and the test suite's 800 runs, paid it every time.
    The portions are copies: a caller may change its own.
    """
    kept = _FOOD_FACTS.get(id(foods))
    if kept is not None and kept[0]() is foods:
        portions, dishes, not_advised = kept[1]
    else:
        portions, dishes, not_advised = curated_portions(foods), dish_ids(foods), not_advised_ids(foods)
        _FOOD_FACTS[id(foods)] = (weakref.ref(foods), (portions, dishes, not_advised))
        while len(_FOOD_FACTS) > _FOOD_FACTS_KEPT:
            del _FOOD_FACTS[next(iter(_FOOD_FACTS))]
    return [dict(portion) for portion in portions], dishes, not_advised


# Subjects whose plain records are built together (`_subject_results`): a block's records, days and rows
# are made column-wise at once and let go when its subjects are written, so a study of 100,000 subjects
# never holds every subject's records (they were 60% of the JSON report's peak memory).
SUBJECT_BLOCK = 4096


def _subject_results(assessment: Assessment, options: ReportOptions) -> Iterator[SubjectResult]:
    """Each subject's entry in turn, from plain records built column-wise for a block of subjects at once."""
    from mgcheck.resources import bundled_foods

    foods = assessment.foods if assessment.foods is not None else bundled_foods()
    portions, dishes, not_advised = food_facts(foods)
    shared = Shared(portions, dishes, not_advised, coded_names(assessment.items, foods))
    for items, day_table, subjects in _blocks(assessment, SUBJECT_BLOCK):
        by_subject, entries = _grouped(*_record_columns(items), assessment.recipes, entries_apart=True)
        # Plain records, built once a block: per-subject pandas access (itertuples, .loc) dominated large studies.
        days: dict[str, list[dict[str, Any]]] = {}
        for day in _plain_rows(day_table, DAY_SHOWN):
            days.setdefault(str(day["subject"]), []).append(day)
        subject_rows = {str(row["subject"]): row for row in _subject_rows(subjects)}
        for subject in subjects["subject"]:
            yield subject_report(
                assessment,
                subject,
                options,
                subject_rows[str(subject)],
                by_subject[subject],
                days[str(subject)],
                shared,
                entries[subject],
            )


def _blocks(assessment: Assessment, size: int) -> Iterator[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """The items, days and subject rows of each run of `size` subjects, in the subjects' order; within a
    block, items and days keep their order in the study (stable), so records come out as from the whole."""
    import numpy as np
    import pandas as pd

    subjects = assessment.subjects
    if len(subjects) <= size:
        yield assessment.items, assessment.days, subjects
        return
    position = pd.Index(subjects["subject"].astype(str))
    parts = []
    for frame in (assessment.items, assessment.days):
        block = position.get_indexer(frame["subject"].astype(str)) // size  # -1 (no subject row): never read
        order = np.argsort(block, kind="stable")
        ordered = block[order]
        starts = np.searchsorted(ordered, np.arange(len(subjects) // size + 2))
        parts.append((frame.take(order), starts))
    (items, item_starts), (days, day_starts) = parts
    for number, start in enumerate(range(0, len(subjects), size)):
        yield (
            items.iloc[item_starts[number] : item_starts[number + 1]],
            days.iloc[day_starts[number] : day_starts[number + 1]],
            subjects.iloc[start : start + size],
        )


def build_report(assessment: Assessment, options: ReportOptions) -> dict[str, Any]:
    """The report as the JSON-shaped dict the renderers take (`report(...).to_dict()`)."""
    return report(assessment, options.serum, options.warnings).to_dict()
