"""The report's typed results: frozen dataclasses and enums whose `to_dict()` is the JSON contract.

`Report.to_dict()` is the `mgcheck.report/1` document exactly as `--format json` writes it:
the same keys in the same order, the same rounding, `None` where the contract has `null`, and
no key where the contract leaves it out (`source_totals` without `--recompute`, `recipe` on an
item that is not a home-made dish). The golden files under tests/golden/ prove it.

This module imports nothing heavy (no pandas, no numpy), so `import mgcheck` stays fast.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

__all__ = [
    "SCHEMA",
    "Adequacy",
    "Alternative",
    "Conclusion",
    "ConditionCaution",
    "Day",
    "EvidenceEntry",
    "Food",
    "FoodCandidate",
    "FoodMeasure",
    "Item",
    "ItemKind",
    "ItemStatus",
    "NextSteps",
    "ProfileEntry",
    "ReferenceEntry",
    "Report",
    "Sensitivity",
    "SerumGrade",
    "SerumReading",
    "SourceDay",
    "SourceTotals",
    "SubjectResult",
    "Suggestion",
    "TopSource",
    "Unmatched",
    "UpperLimit",
    "Validity",
    "VerdictCode",
]

SCHEMA = "mgcheck.report/1"

# A field with this metadata is left out of `to_dict()` when it is None (an additive key).
OMIT_IF_NONE = {"omit_if_none": True}


class Conclusion(str, Enum):
    """What the IOM 2000 test concluded about usual intake (display text is made by `adequacy.describe`)."""

    VERY_LIKELY_ADEQUATE = "very_likely_adequate"
    PROBABLY_ADEQUATE = "probably_adequate"
    UNDETERMINED = "undetermined"
    PROBABLY_INADEQUATE = "probably_inadequate"
    VERY_LIKELY_INADEQUATE = "very_likely_inadequate"
    ABOVE_AI = "above_ai"
    AI_UNDETERMINED = "ai_undetermined"
    NOT_JUDGED = "not_judged"


class VerdictCode(str, Enum):
    """The headline reading of the mean against the reference (IOM 2000 p.57)."""

    BELOW_EAR = "below_ear"
    EAR_TO_RDA = "ear_to_rda"
    AT_OR_ABOVE_RDA = "at_or_above_rda"
    AT_OR_ABOVE_AI = "at_or_above_ai"
    BELOW_AI = "below_ai"
    NOT_JUDGED = "not_judged"
    NO_REFERENCE = "no_reference"


class ItemKind(str, Enum):
    """What a log item is: diet, a supplement, or a medicine (reported apart from diet)."""

    FOOD = "food"
    SUPPLEMENT = "supplement"
    MEDICINE = "medicine"


class ItemStatus(str, Enum):
    """How an item's magnesium was found."""

    MATCHED = "matched"
    """A food matched in a table; its magnesium is counted."""
    SOURCE = "source"
    """A food whose magnesium the export states (counted)."""
    LABEL = "label"
    """A supplement or medicine: magnesium from its label, salt or product strength."""
    UNMATCHED = "unmatched"
    """Not found, or a unit its food cannot take: listed, not counted."""


class SerumGrade(str, Enum):
    """A serum magnesium value against the IOM range, laboratory ranges and Costello 2016."""

    LOW = "low"
    LOW_IOM = "low_iom"
    LOW_NORMAL = "low_normal"
    NORMAL = "normal"
    HIGH_IOM = "high_iom"
    HIGH = "high"


_SCALARS = (str, int, float, bool)


_LAYOUTS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _layout(cls: type) -> tuple[tuple[str, bool], ...]:
    """A dataclass's field names in order, each with whether None leaves the key out (cached per class)."""
    layout = _LAYOUTS.get(cls)
    if layout is None:
        layout = tuple((field.name, bool(field.metadata.get("omit_if_none"))) for field in dataclasses.fields(cls))
        _LAYOUTS[cls] = layout
    return layout


def _plain(value: Any) -> Any:
    """The JSON-shaped form of a result value: dataclasses as dicts, enums as their codes."""
    kind = type(value)
    if kind in _SCALARS or value is None:
        return value
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value):
        plain: dict[str, Any] = {}
        for name, omit_if_none in _layout(kind):
            entry = getattr(value, name)
            if entry is None:
                if not omit_if_none:
                    plain[name] = None
            elif type(entry) in _SCALARS:
                plain[name] = entry
            else:
                plain[name] = _plain(entry)
        return plain
    if isinstance(value, (tuple, list)):
        return [_plain(entry) for entry in value]
    if isinstance(value, Mapping):
        return {key: _plain(entry) for key, entry in value.items()}
    return value


_Class = TypeVar("_Class", bound=type)


def _fast_init(cls: _Class) -> _Class:
    """The slotted frozen dataclass with an `__init__` that fills each slot directly (same signature,
    same defaults); instances stay frozen.

    A frozen dataclass's own `__init__` goes through `object.__setattr__` for each field, about
    four times slower; a report of 100,000 subjects makes millions of these objects.
    """
    parameters = []
    namespace: dict[str, Any] = {}
    lines = []
    for position, field in enumerate(dataclasses.fields(cls)):
        assert field.default_factory is dataclasses.MISSING, "no result field has a default factory"
        if field.default is dataclasses.MISSING:
            parameters.append(field.name)
        else:
            namespace[f"default_{position}"] = field.default
            parameters.append(f"{field.name}=default_{position}")
        namespace[f"set_{position}"] = getattr(cls, field.name).__set__  # the slot's own setter
        lines.append(f"    set_{position}(self, {field.name})\n")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "".join(lines or ["    pass\n"])
    exec(source, namespace)  # code made here from the class's field names; nothing from input
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


class _Result:
    """A result whose `to_dict()` is its part of the JSON contract (fields in contract order)."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """This result as the JSON contract's plain data (dicts, lists, str, numbers, None)."""
        plain = _plain(self)
        assert isinstance(plain, dict)
        return plain


_Flat = TypeVar("_Flat", bound="_FlatResult")


class _FlatResult(_Result):
    """A result whose fields are all plain values, made from a module's plain dict of the same keys."""

    __slots__ = ()

    @classmethod
    def of(cls: type[_Flat], entry: Mapping[str, Any]) -> _Flat:
        """The result from its plain form (a dict with at least these fields' keys)."""
        return cls(**{field.name: entry[field.name] for field in dataclasses.fields(cls)})  # type: ignore[arg-type]


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class ProfileEntry(_Result):
    """Who the subject is: what picks the reference values."""

    sex: str
    """"female" or "male"."""
    age: int | float
    """Age in years (a whole number as an int; 0.5 is six months)."""
    pregnant: bool
    """Whether pregnancy values apply."""
    lactating: bool
    """Whether lactation values apply."""
    life_stage: str
    """The reference table's life-stage group, e.g. "Females 51-70 y"."""
    conditions: tuple[str, ...]
    """Condition codes given (kidney_disease, ppi, ...), in the order given."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class ReferenceEntry(_Result):
    """The reference-intake row that applies to the subject, with where it came from."""

    standard: str
    """The standard's name, "IOM 1997" or "EFSA 2015"."""
    ear_mg: int | float | None
    """Estimated Average Requirement, mg/day (None where only an AI exists)."""
    rda_mg: int | float | None
    """Recommended Dietary Allowance (EFSA: population reference intake), mg/day."""
    ai_mg: int | float | None
    """Adequate Intake, mg/day, where no EAR exists."""
    ul_supplement_mg: int | float | None
    """Tolerable upper level for supplements and medicines, mg/day."""
    life_stage: str
    """The life-stage group of the row."""
    table_row: int
    """1-based data row of mgcheck/data/reference_intakes.csv."""
    source: str
    """The publication the row comes from."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Day(_Result):
    """Magnesium of one logged day. food + supplement + medicine = total; intake (judged) leaves medicine out."""

    date: str
    """ISO date."""
    food_mg: float | None
    """Food magnesium counted (matched and export-stated items)."""
    food_mg_low: float | None
    """Food magnesium if every ambiguous item were its lowest alternative."""
    food_mg_high: float | None
    """Food magnesium if every ambiguous item were its highest alternative."""
    supplement_mg: float | None
    """Supplement magnesium."""
    medicine_mg: float | None
    """Medicine magnesium (laxatives, antacids), reported apart from diet."""
    intake_mg: float | None
    """Food and supplements: the figure usual intake is judged on."""
    total_mg: float | None
    """Food, supplements and medicines."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class SourceDay(_Result):
    """One day's food magnesium as an export stated it (--recompute)."""

    date: str
    """ISO date."""
    food_mg: float | None
    """The export's own food magnesium of the day."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class SourceTotals(_Result):
    """With --recompute: the export's own food magnesium beside mgcheck's."""

    note: str
    """What the figures are."""
    mean_food_mg: float | None
    """Mean of the export's daily food magnesium."""
    days: tuple[SourceDay, ...]
    """Per day, in date order."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Sensitivity(_Result):
    """The same test with the day-to-day SD 25% larger (IOM 2000 p.56)."""

    sd_within_mg: float | None
    """The enlarged SD, mg."""
    probability: float | None
    """The probability under the enlarged SD."""
    conclusion_code: Conclusion
    """The conclusion under the enlarged SD."""
    holds: bool
    """Whether the conclusion's direction (adequate, inadequate, undetermined) is the same; the band may
    still move (very likely to probably inadequate), as `conclusion_code` shows."""
    text: str
    """The sentence the reports print."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Validity(_Result):
    """The method's validity check on the day-to-day coefficient of variation (IOM 2000 p.190)."""

    cv_within: float | None
    """The group's day-to-day CV at this intake (None when undefined: zero intake)."""
    observed_cv: float | None
    """The CV of the subject's own days (two days or more)."""
    max_reliable_cv: float
    """The CV above which the method is unreliable."""
    reliable: bool
    """Whether both CVs are within it."""
    text: str
    """The sentence the reports print."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Adequacy(_Result):
    """The usual-intake judgement (IOM 2000 EAR or AI test)."""

    method: str
    """"IOM 2000 EAR test" or "IOM 2000 AI test"."""
    z: float | None
    """The test's z (None when not judged)."""
    probability_adequate: float | None
    """Phi(z) of the EAR test."""
    probability_above_ai: float | None
    """Phi(z) of the AI test."""
    conclusion: str
    """The conclusion in words, with its probability."""
    conclusion_code: Conclusion
    """The conclusion as a code: what scripts and --check act on."""
    iom_band: str | None
    """The IOM table's band for z, as a label."""
    probability: float | None
    """The probability of the test that applies (None when not judged): `probability_adequate` under the
    EAR test, `probability_above_ai` under the AI test. Not an alias: both are kept, as in the JSON."""
    sensitivity: Sensitivity | None
    """The test again with a 25% larger SD."""
    validity: Validity | None
    """The CV validity check."""
    sd_within_mg: float | None
    """The pooled day-to-day SD used, mg."""
    sd_within_source: str
    """Where that SD comes from."""
    sd_within_status: str
    """"derived" or "estimate"."""
    n_days: int
    """Days logged."""
    intake_needed_97_5_mg: float | None
    """Mean over these days that would give 97.5% confidence of adequacy (a threshold, not a target)."""
    intake_below_requirement_97_5_mg: float | None
    """Mean below which usual intake is 97.5% likely below the requirement."""
    notes: tuple[str, ...]
    """Notes on reading the judgement."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class UpperLimit(_Result):
    """Supplements and medicines against the tolerable upper level."""

    ul_mg: int | float | None
    """The UL for supplements and medicines, mg/day."""
    mean_supplement_mg: float | None
    """Mean of supplements and medicines together, mg/day."""
    mean_supplements_alone_mg: float | None
    """Mean of supplements alone."""
    mean_medicines_alone_mg: float | None
    """Mean of medicines alone."""
    max_day_supplement_mg: float | None
    """The highest day of supplements and medicines together."""
    exceeded: bool
    """Whether any day passes the UL."""
    days_over_ul: int
    """Days above the UL."""
    rule: str
    """The rule applied, in words."""
    applies_to: str
    """What the standard's UL covers."""
    uncounted_doses: int | None = dataclasses.field(metadata=OMIT_IF_NONE)
    """Supplements and medicines listed but not counted (an export's blank magnesium, an unreadable
    row): the check covers the known doses only. None (no key) when every dose was counted."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Alternative(_Result):
    """Another defensible food an ambiguous name may mean."""

    food_id: str
    """Its id."""
    food_name: str
    """Its table name."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Item(_Result):
    """One counted or label-stated log item, with where its figure came from."""

    row: int
    """1-based data row of its file."""
    file: str
    """The file as named on the command line (or the DataFrame's name)."""
    date: str
    """ISO date."""
    food: str
    """The food as written in the log."""
    food_id: str | None
    """The food (or product, salt) it was matched to."""
    food_name: str | None
    """The matched food's table name."""
    match_score: float | None
    """The match score (100: exact)."""
    amount: float | None
    """The amount as logged."""
    unit: str | None
    """The unit as logged."""
    grams: float | None
    """Grams eaten."""
    mg: float | None
    """Magnesium counted, mg."""
    kind: ItemKind
    """Food, supplement or medicine."""
    basis: str | None
    """How the grams or milligrams were found."""
    form: str | None
    """The chemical form assumed for a supplement or medicine."""
    status: ItemStatus
    """How the magnesium was found."""
    grams_estimate: bool
    """True when the grams rest on a portion default or an assumption."""
    mg_low: float | None
    """The low end over defensible alternatives (mg when not ambiguous)."""
    mg_high: float | None
    """The high end over defensible alternatives (mg when not ambiguous)."""
    alternatives: tuple[Alternative, ...]
    """The other foods an ambiguous name may mean."""
    recipe: Mapping[str, Any] | None = dataclasses.field(default=None, metadata=OMIT_IF_NONE)
    """A home-made dish's breakdown (additive key, absent otherwise)."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Unmatched(_Result):
    """A log item not counted: no confident match, or a unit its food cannot take."""

    row: int
    """1-based data row of its file."""
    file: str
    """Its file."""
    food: str
    """The food as written."""
    suggestions: tuple[str, ...]
    """Candidate foods, "name (id)"."""
    reason: str | None
    """Why it is not counted."""
    teach: str
    """The `mgcheck book add-alias` command that would teach the clinic book this word; empty when
    the food was found and only its unit failed (a unit, not a word, is what is missing)."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class TopSource(_Result):
    """One of the foods that gave the most magnesium."""

    food_id: str | None
    """The food's id; None for a food only an export's own figure gave (its text had no table food)."""
    food_name: str
    """Its table name, or the export's text when `food_id` is None."""
    mg: float | None
    """Magnesium from it over all days, mg."""
    share: float | None
    """Its share of the counted food magnesium (0-1)."""
    not_advised: bool | None = dataclasses.field(default=None, metadata=OMIT_IF_NONE)
    """True for a food never advised, whatever it gives (an alcoholic drink, data/not_advised.csv; a whole
    nut or seed for a child under 5 or on a texture-modified diet); absent otherwise. The handout leaves
    such a food out of "the foods that gave you the most"."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Suggestion(_Result):
    """A realistic portion that would help close the gap to the target."""

    food_id: str
    """The food's id."""
    food_name: str
    """Its table name."""
    portion: str
    """The portion in words."""
    grams: float | None
    """Grams of the portion."""
    mg: float | None
    """Magnesium of the portion, mg."""
    already_eaten: bool
    """Whether the subject already eats it (at their usual portion)."""
    whole_nut_or_seed: bool | None = dataclasses.field(default=None, metadata=OMIT_IF_NONE)
    """For curated portions: a whole nut or seed (a choking hazard under 4). Absent for foods eaten."""
    closes_gap: bool = False
    """Whether this portion alone closes the gap."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class NextSteps(_Result):
    """What would close the gap, and two measures of diet quality."""

    gap_mg: float | None
    """mg/day below the target (0 when at or above it)."""
    target: str
    """"RDA" or "AI"."""
    suggestions: tuple[Suggestion, ...]
    """Portions that would help, foods already eaten first."""
    cautions: tuple[str, ...]
    """Cautions printed with the suggestions."""
    calcium_to_magnesium_ratio: float | None
    """Calcium over magnesium of the matched foods."""
    mg_per_1000_kcal: float | None
    """Magnesium density of the matched foods."""
    ratio_context: str
    """How to read the ratio."""
    density_context: str
    """How to read the density."""
    withheld: str | None = dataclasses.field(default=None, metadata=OMIT_IF_NONE)
    """Why no food is suggested to raise intake (a serum value above the reference range); additive
    key, absent otherwise."""
    food_gap_mg: float | None = dataclasses.field(default=None, metadata=OMIT_IF_NONE)
    """mg/day food alone falls short of the target when it is below the EAR and supplements bring the
    intake to the target (`gap_mg` 0); the suggestions then close this food gap. Additive key, absent
    otherwise."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class SerumReading(_Result):
    """A serum magnesium value, read against the IOM range, lab ranges and Costello 2016."""

    value: float
    """The value as given."""
    unit: str
    """Its unit: "mmol/L", "mg/dL" or "mEq/L"."""
    mmol_l: float | None
    """In mmol/L."""
    mg_dl: float | None
    """In mg/dL."""
    reference_range_mmol_l: tuple[float, float]
    """The IOM normal range, mmol/L."""
    range_source: str
    """Where the range comes from."""
    costello_2016_cutoff_mmol_l: float
    """The lower limit of adequate status Costello et al. 2016 propose."""
    costello_2016_source: str
    """Its citation."""
    grade: SerumGrade
    """The reading as a code."""
    low: bool
    """Below the IOM range."""
    reading: str
    """The reading in words."""
    next_step: str | None
    """What to do when low."""
    note: str
    """Intake is not status."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class ConditionCaution(_Result):
    """A caution for one of the subject's conditions."""

    condition: str
    """The condition code."""
    label: str
    """Its name."""
    caution: str
    """The caution."""
    evidence_ids: tuple[str, ...]
    """Findings (evidence.csv ids) behind it."""
    source: str
    """Its source."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class EvidenceEntry(_FlatResult):
    """A published finding that bears on the subject (from mgcheck/data/evidence.csv)."""

    id: Any
    """The finding's id."""
    citation: Any
    """Short citation."""
    doi: Any
    """DOI."""
    design: Any
    """Study design (cohort, trial, review, ...)."""
    population: Any
    """The population studied."""
    applies_to_people: Any
    """Who it applies to, in words."""
    sex: Any
    """"any", "female" or "male"."""
    age_min_years: Any
    """Youngest age it applies to."""
    age_max_years: Any
    """Age it applies below."""
    menopause: Any
    """Menopausal status it applies to."""
    finding: Any
    """What was found."""
    effect_size: Any
    """The effect size reported."""
    status: Any
    """"confirmed" or "unconfirmed" (against the paper)."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class SubjectResult(_Result):
    """Everything the report says about one subject."""

    subject: str
    """The subject's id (from the log, or its file's name)."""
    profile: ProfileEntry
    """Who the subject is."""
    reference: ReferenceEntry
    """The reference values that apply."""
    days: tuple[Day, ...]
    """Each logged day, in date order."""
    source_totals: SourceTotals | None = dataclasses.field(metadata=OMIT_IF_NONE)
    """With --recompute only: the export's own figures (absent otherwise)."""
    n_days: int
    """Days logged."""
    mean_daily_mg: float | None
    """Mean of food and supplements, mg/day: what is judged."""
    mean_food_mg: float | None
    """Mean food magnesium."""
    mean_supplement_mg: float | None
    """Mean supplement magnesium."""
    mean_medicine_mg: float | None
    """Mean medicine magnesium (apart from diet)."""
    mean_total_mg: float | None
    """Mean of all three."""
    percent_rda: float | None
    """The mean as a percentage of the RDA."""
    verdict: str
    """The mean against the reference, in words."""
    verdict_code: VerdictCode
    """The same as a code."""
    adequacy: Adequacy
    """The usual-intake judgement."""
    upper_limit: UpperLimit
    """Supplements and medicines against the UL."""
    items: tuple[Item, ...]
    """Every counted or label item, in file and row order."""
    unmatched: tuple[Unmatched, ...]
    """Every item not counted."""
    unmatched_items: int
    """How many food items are unmatched."""
    unmatched_share: float | None
    """Their share of the food items."""
    food_code_fallbacks: int | None = dataclasses.field(metadata=OMIT_IF_NONE)
    """Logs with food codes only (absent otherwise): food items matched by their text because their
    code was blank, malformed or not in FNDDS 2017-2018."""
    food_code_kept_figures: int | None = dataclasses.field(metadata=OMIT_IF_NONE)
    """With --recompute and food codes only (absent otherwise): food items whose only text is their
    food code (NHANES) and whose code is not in FNDDS 2017-2018, so the export's own figure was kept."""
    top_sources: tuple[TopSource, ...]
    """The foods that gave the most magnesium."""
    next_steps: NextSteps
    """What would close the gap."""
    serum: SerumReading | None
    """The serum value's reading, when one was given."""
    conditions: tuple[ConditionCaution, ...]
    """Cautions for the subject's conditions."""
    evidence: tuple[EvidenceEntry, ...]
    """Published findings that bear on the subject, most specific first."""
    situations: tuple[str, ...]
    """The situation tags that selected them."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Report(_Result):
    """The whole report: one `SubjectResult` per subject, and the run's warnings."""

    schema: str
    """The contract's name and version, "mgcheck.report/1"."""
    subjects: tuple[SubjectResult, ...]
    """One entry per subject, in subject order."""
    warnings: tuple[str, ...]
    """Warnings of the run (also printed on standard error by the CLI)."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class FoodCandidate(_FlatResult):
    """One ranked candidate of a food search (`mgcheck foods search --json`)."""

    score: float
    """The match score (100: exact)."""
    food_id: str
    """The food's id as typed in a log (`09040`, `fndds:42302010`)."""
    table: str
    """The table it is in: "sr28", "fndds" or "custom"."""
    name: str
    """Its table name."""
    mg_per_100g: float
    """Magnesium, mg per 100 g."""
    portion: str | None
    """Its first household measure ("1 cup, mashed = 225 g"), if it has one."""
    portion_mg: float | None
    """Magnesium in that portion."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class FoodMeasure(_Result):
    """One household measure of a food, with its grams and magnesium."""

    amount: float
    """How many of the measure the row describes."""
    measure: str
    """The measure ("cup", "medium (7\" to 7-7/8\" long)")."""
    grams: float
    """Grams of that amount."""
    mg: float
    """Magnesium of that amount."""


@_fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class Food(_Result):
    """One food of any table (`mgcheck foods show --json`)."""

    food_id: str
    """Its id."""
    table: str
    """Its table: "sr28", "fndds" or "custom"."""
    table_title: str
    """The table's title."""
    name: str
    """Its table name."""
    other_names: tuple[str, ...]
    """Other names the table gives it (FNDDS additional descriptions)."""
    food_group: str
    """Its food group (SR28) or WWEIA category (FNDDS)."""
    mg_per_100g: float
    """Magnesium, mg per 100 g."""
    kcal_per_100g: float | None
    """Energy, kcal per 100 g."""
    calcium_mg_per_100g: float | None
    """Calcium, mg per 100 g."""
    mg_source_code: str
    """The table's code for how the magnesium value was obtained."""
    mg_source: str
    """That code in words."""
    citation: str
    """How to cite the table."""
    measures: tuple[FoodMeasure, ...]
    """Every household measure, in table order."""
    units: tuple[str, ...]
    """The units a log may give this food in."""

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> Food:
        """A food from `foods_lookup.show`'s plain form."""
        values = {field.name: entry[field.name] for field in dataclasses.fields(cls)}
        values["other_names"] = tuple(values["other_names"])
        values["measures"] = tuple(FoodMeasure(**measure) for measure in values["measures"])
        values["units"] = tuple(values["units"])
        return cls(**values)
