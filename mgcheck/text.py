"""Text normalisation shared by food matching and unit parsing."""

from __future__ import annotations

import csv
import dataclasses
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mgcheck.results import Day, Item, NextSteps, SerumReading, SubjectResult, TopSource, UpperLimit

T = TypeVar("T")

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# A possessive is one word: "shepherd's pie" is "shepherds pie", not "shepherd s pie".
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b")
# "non-dairy" is one word, "nondairy", so that it can never be read as "dairy".
_NON = re.compile(r"\bnon[-\s]+(?=[a-z])")
# Plurals of words in -f/-fe; every other -ves word keeps its "e" (olives, cloves, chives).
_F_PLURALS = {
    "leaves": "leaf",
    "loaves": "loaf",
    "halves": "half",
    "calves": "calf",
    "knives": "knife",
    "shelves": "shelf",
}
# Tokens whose trailing "s" is not a plural.
_KEEP_S = {"is", "us", "ss"}


@lru_cache(maxsize=1)
def _ies_plurals() -> dict[str, str]:
    """Plurals in -ies whose singular is not -y (data/ies_plurals.csv, with sources): 'cookies' -> 'cookie'."""
    from mgcheck.resources import data_path

    with data_path("ies_plurals.csv").open(newline="", encoding="utf-8") as handle:
        return {row["plural"]: row["singular"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """Reduce an English plural to its singular well enough for matching ("cherries" -> "cherry").

    An "-ies" plural is "-y" ("berries", "patties") unless data/ies_plurals.csv names its singular
    ("cookies" -> "cookie", "smoothies" -> "smoothie", "chilies" -> "chili").
    """
    if len(word) <= 3 or word[-2:] in _KEEP_S or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return _ies_plurals().get(word) or word[:-3] + "y"
    if word in _F_PLURALS:
        return _F_PLURALS[word]
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


# Units written the same for one and several: abbreviations and sizes ('2 oz', '2 medium').
_UNCOUNTED_UNITS = frozenset(
    {"g", "kg", "mg", "mcg", "oz", "lb", "lbs", "ml", "dl", "l", "c", "pt", "qt", "tbsp", "tbs", "tsp", "fl",
     "small", "medium", "large", "extra", "med", "lg", "sm", "jumbo", "regular", "whole", "each", "ea", "pc",
     "pcs", "x", "pkg", "pkt", "nlea", "cubic", "count", "number"}
)  # fmt: skip


# The singulars of _F_PLURALS, to their plurals ('half' -> 'halves'), for `counted_unit`.
_F_PLURAL_OF = {one: several for several, one in _F_PLURALS.items()}


def counted_unit(amount: float, unit: str) -> str:
    """A unit as a reader says it after the amount: '2 slices', '1.5 cups, chopped', '0.5 cup', '2 oz',
    '2 medium', '2 halves' (a patient-handout trial read '2 slice whole wheat bread'); an amount of one or
    less keeps the singular. Only the first word of a
    singular noun unit changes; a unit written plural, an abbreviation or a size is kept."""
    words = unit.split(" ")
    first, rest = words[0], words[1:]
    bare = first.rstrip(",")
    if amount <= 1 or not bare.isalpha() or bare.lower() in _UNCOUNTED_UNITS or singular(bare.lower()) != bare.lower():
        return unit
    if bare.lower() in _F_PLURAL_OF:
        plural = bare[0] + _F_PLURAL_OF[bare.lower()][1:]
    elif bare.endswith(("s", "sh", "ch", "x", "z")):
        plural = bare + "es"
    elif bare.endswith("y") and len(bare) > 1 and bare[-2] not in "aeiou":
        plural = bare[:-1] + "ies"
    else:
        plural = bare + "s"
    return " ".join([plural + first[len(bare) :], *rest])


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, singularise each token: 'Bananas, raw' -> 'banana raw'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = text.lower()
    folded = folded.replace("%", " percent ")
    if "'" in folded:
        folded = _POSSESSIVE.sub("s", folded)
    if "non" in folded:
        folded = _NON.sub("non", folded)
    return " ".join(singular(token) for token in _NON_ALNUM.sub(" ", folded).split())


@cache
def phrase_pattern(data_file: str, column: str, fold: Callable[[str], str] = normalise) -> re.Pattern[str]:
    """A pattern finding any phrase of a bundled data file's column as whole words, the phrases and the text
    it searches folded alike (`normalise` by default): the multivitamin, other-nutrient and sweet-food word
    lists each read through it once a process."""
    from mgcheck.resources import read_data_csv

    phrases = [fold(str(phrase).strip()) for phrase in read_data_csv(data_file, dtype=str)[column]]
    return re.compile(r"\b(?:" + "|".join(re.escape(phrase) for phrase in phrases) + r")\b")


def sorted_key(normalised: str) -> str:
    """Word-order-free key of a normalised text: 'rice brown cooked' -> 'brown cooked rice'."""
    return " ".join(sorted(normalised.split()))


# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates (and the
# line/paragraph separators): a terminal or editor acts on them instead of showing them.
_HOSTILE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_KEEP_LAYOUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, layout: bool = False) -> str:
    """Every control character and bidirectional override made visible: ESC -> '\\x1b', U+202E -> '\\u202e'.

    The one function every text output and the stderr printer use, so that text from a log,
    a file name or an option can never move the cursor, retitle the terminal, hide text or
    reverse a line. With `layout` True, the output's own newlines and tabs are kept (for a
    whole rendered document); otherwise they are escaped too (for one field or one line).
    """
    # Every character escaped here is unprintable to str.isprintable (a control, a format character
    # or a line or paragraph separator), and that test is far quicker than the pattern on a long text.
    if (text.replace("\n", " ").replace("\t", " ") if layout else text).isprintable():
        return text
    pattern = _KEEP_LAYOUT if layout else _HOSTILE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def printable_name(name: str) -> str:
    """A file name, or a name given on the command line, as reports show it: bytes that are not UTF-8 (a
    Latin-1 'caf\\xe9.csv' on a shared drive, which Python holds as lone surrogates) written as \\xNN, so
    the name can be written as UTF-8; other names as given."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def visible_all(value: T) -> T:
    """`visible` applied to every string in nested dataclasses (a report's typed results), dicts,
    lists and tuples: a copy of the same shape and types (a string enum member has nothing to escape
    and stays itself)."""
    shown: object = value
    if isinstance(value, str):
        shown = visible(value)
    elif isinstance(value, dict):
        shown = {key: visible_all(item) for key, item in value.items()}
    elif isinstance(value, list):
        shown = [visible_all(item) for item in value]
    elif isinstance(value, tuple):
        shown = tuple(visible_all(item) for item in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        shown = dataclasses.replace(value, **{field.name: visible_all(getattr(value, field.name)) for field in fields})
    return cast(T, shown)


def json_visible(document: str) -> str:
    """A JSON document with every control and bidi character as a \\u escape: the same values, nothing raw."""
    return (
        _KEEP_LAYOUT.sub(lambda match: f"\\u{ord(match.group()):04x}", document)
        if _KEEP_LAYOUT.search(document)
        else document
    )


# Markdown syntax that could turn patient text into HTML, a link, an image or emphasis.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>!&~|])")


def markdown_text(text: str) -> str:
    """Patient text for a Markdown document: controls visible, HTML and link syntax backslash-escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", visible(text))


def amount_and_unit(amount: float | None, unit: str | None) -> str:
    """An item's amount as written, with its unit: '2 cup'; '2 (no unit)' when the unit was blank."""
    number = "(no amount)" if amount is None else f"{amount:g}"
    return f"{number} {unit}" if unit else f"{number} (no unit)"


def mg_range(entry: Any, key: str = "food_mg", digits: int = 0) -> str:
    """A figure, followed by its range "(low-high)" when ambiguous items make one: '66 (66-121)'."""
    value, low, high = getattr(entry, key), getattr(entry, f"{key}_low"), getattr(entry, f"{key}_high")
    shown = "-" if value is None else f"{value:,.{digits}f}"
    if low is not None and high is not None and high != low:
        shown += f" ({low:,.{digits}f}-{high:,.{digits}f})"
    return shown


def ranges_note(subject: SubjectResult) -> str | None:
    """One line saying what a bracketed range is, when the report shows one (a report-output trial read
    '680 (680-704)' unexplained); None when no day has one."""
    if not any(d.food_mg_low != d.food_mg_high for d in subject.days):
        return None
    return (
        "A figure followed by a range in brackets, as 680 (680-704): an item could be one of several close "
        "foods or measures that differ in magnesium; the figure counts the one chosen and the range spans "
        "them all (the items list shows each one's)."
    )


def whole_mean(mean_mg: float, *references: float | None) -> str:
    """A mean in whole milligrams that never rounds up onto a reference value it is below: 319.6 mg
    against an RDA of 320 is '319', not a '320' beside 'between the EAR and the RDA'."""
    shown = float(f"{mean_mg:.0f}")
    for reference in references:
        if reference is not None and shown == reference and mean_mg < reference:
            shown -= 1
    return f"{shown:,.0f}"


def mean_figure(subject: SubjectResult) -> str:
    """A subject's mean daily intake as the reports show it, by `whole_mean` against its reference values."""
    mean, reference = subject.mean_daily_mg, subject.reference
    return "-" if mean is None else whole_mean(mean, reference.ear_mg, reference.rda_mg, reference.ai_mg)


def source_food_figure(subject: SubjectResult) -> str | None:
    """With --recompute, the export's own food figure beside mgcheck's, as every report shows it:
    'food 212 mg/day as the export stated it; 198 recomputed by mgcheck'. None without --recompute."""
    totals = subject.source_totals
    if totals is None:
        return None
    stated = "-" if totals.mean_food_mg is None else f"{totals.mean_food_mg:,.0f}"
    mine = "-" if subject.mean_food_mg is None else f"{subject.mean_food_mg:,.0f}"
    return f"food {stated} mg/day as the export stated it; {mine} recomputed by mgcheck"


def food_code_notes(subject: SubjectResult) -> str | None:
    """For an export with food codes, how many items did not come from their code, as every report
    says it: matched by their text instead, or (code-only rows, --recompute) kept the export's own
    figure. None when every code was found."""
    notes = []
    if subject.food_code_fallbacks:
        notes.append(
            f"{subject.food_code_fallbacks} item(s) matched by their text: their food code is blank, "
            "malformed or not in FNDDS 2017-2018"
        )
    if subject.food_code_kept_figures:
        notes.append(
            f"{subject.food_code_kept_figures} item(s) kept the export's figure: their food codes are not in "
            "FNDDS 2017-2018"
        )
    return "; ".join(notes) or None


def written_as_id(text: str, food_id: object) -> bool:
    """True when a log names its food by an id ('9040', 'fndds:57123000', a clinic's 'granola1'):
    a name shown to a reader is then the table's, not the code."""
    return text.isdigit() or text.casefold() == str(food_id).casefold()


def source_label(source: TopSource) -> str:
    """A top source as the reports list it: 'Almonds, NFS (fndds:42100100)', or the export's own text
    with 'as exported' where no table food has its figure."""
    return f"{source.food_name} ({source.food_id or 'as exported'})"


def matched_label(item: Item) -> str:
    """What an item matched, as the item lists show it: 'Bananas, raw (09040)'; for an export's own figure
    'as exported (food)' (a researcher's trial found a bare 'food' in the Matched column); else its kind
    ('supplement')."""
    from mgcheck.results import ItemStatus

    if item.food_id:
        return f"{item.food_name} ({item.food_id})"
    return f"as exported ({item.kind.value})" if item.status is ItemStatus.SOURCE else str(item.kind.value)


def uncounted_doses(limit: UpperLimit) -> str:
    """'' or the clause every report adds to its upper-limit line when doses were listed, not counted:
    '; 1 supplement or medicine of unknown magnesium not counted, so this covers the known doses only'."""
    count = limit.uncounted_doses
    if not count:
        return ""
    what = "supplement or medicine" if count == 1 else "supplements or medicines"
    return f"; {count} {what} of unknown magnesium not counted, so this covers the known doses only"


def serum_figure(serum: SerumReading) -> str:
    """A serum value as given, with its mmol/L when given in another unit: '2.8 mEq/L = 1.40 mmol/L',
    '2.08 mg/dL = 0.856 mmol/L' (three decimals: the value is compared in mmol/L, and 1.7 mg/dL, 0.699,
    shown as 0.70 beside "below the 0.70 mmol/L lower limit" would contradict it), '0.68 mmol/L' (it
    was '0.68 mmol/L = 0.68 mmol/L')."""
    given = f"{serum.value:g} {serum.unit}"
    if serum.unit == "mmol/L" or serum.mmol_l is None:
        return given
    return f"{given} = {serum.mmol_l:.{3 if serum.unit == 'mg/dL' else 2}f} mmol/L"


def medicine_cause(limit: UpperLimit, days: Sequence[Day] = ()) -> str:
    """'all' or 'mostly' when medicines gave all or most of the magnesium on the days over the UL, else '':
    by those days, not the means over the record (a day of 400 mg of supplement and 167 mg of milk of
    magnesia was 'mostly from medicines' because other days held medicine alone). Without days, the means."""
    if not limit.exceeded or limit.ul_mg is None:
        return ""
    ul = float(limit.ul_mg)
    over = [day for day in days if (day.supplement_mg or 0.0) + (day.medicine_mg or 0.0) > ul]
    if not over:  # the days' figures are rounded: a day of 350.04 mg shows 350.0, still the day over it
        over = [day for day in days if (day.supplement_mg or 0.0) + (day.medicine_mg or 0.0) >= ul - 0.05]
    if over:
        medicines = sum(day.medicine_mg or 0.0 for day in over)
        supplements = sum(day.supplement_mg or 0.0 for day in over)
    else:
        medicines, supplements = limit.mean_medicines_alone_mg or 0.0, limit.mean_supplements_alone_mg or 0.0
    if medicines and not supplements:
        return "all"
    return "mostly" if medicines > supplements else ""


def upper_limit_parts(limit: UpperLimit, days: Sequence[Day] = ()) -> tuple[str, str, str]:
    """The upper-limit line in three parts, (what is compared, the state, the figures), as every view says
    it: 'supplements and medicines together ', 'ABOVE the UL of 350 mg on 1 day(s)', ' (highest day 500
    mg; mean 311 mg/day: supplements 61, medicines 250; mostly from medicines)'.

    The rule is a daily limit on supplements and medicines together, so the state names the days and
    the figures give the highest day beside the mean; "Supplements mean 311 mg/day ... ABOVE the UL of
    350" read as a contradiction, and hid that most of it was a laxative. Medicines are named as the
    cause when they give most of it."""

    def mg(value: float | None) -> str:
        return "-" if value is None else f"{value:,.0f}"

    ul = f"the UL of {mg(limit.ul_mg)} mg"
    state = f"ABOVE {ul} on {limit.days_over_ul} day(s)" if limit.exceeded else f"within {ul} every day"
    supplements, medicines = limit.mean_supplements_alone_mg or 0.0, limit.mean_medicines_alone_mg or 0.0
    split = f": supplements {mg(supplements)}, medicines {mg(medicines)}" if medicines else ""
    share = medicine_cause(limit, days)
    cause = f"; {share} from medicines" if share else ""  # on the days over the UL
    figures = (
        f" (highest day {mg(limit.max_day_supplement_mg)} mg; mean {mg(limit.mean_supplement_mg)} mg/day{split}{cause})"
    )
    if not limit.max_day_supplement_mg:
        figures = " (none counted)" if limit.uncounted_doses else " (none logged)"
    return "supplements and medicines together ", state, figures + uncounted_doses(limit)


UNCONFIRMED_LABEL = "[unconfirmed]"


def unconfirmed_mark(status: object) -> str:
    """' [unconfirmed]' after a finding or citation whose evidence.csv status is unconfirmed (science.md's
    [?]: kept out of reports or labelled), '' otherwise: the one label every view gives (the handout's
    reference list printed Ryder 2005, DOI unconfirmed, with no mark)."""
    return f" {UNCONFIRMED_LABEL}" if str(status) == "unconfirmed" else ""


def whole_gap(gap_mg: float) -> str:
    """A gap in whole milligrams that never rounds down to 0: 0.4 mg below the RDA is '1', not a
    '0 mg/day below the RDA' above portions that would close it."""
    shown = f"{gap_mg:,.0f}"
    return "1" if shown in ("0", "-0") and gap_mg > 0 else shown


def gap_figure(subject: SubjectResult) -> str:
    """A subject's gap to the target for a clinician, in whole milligrams: '300', or 'at most 300'
    when the judgement was withheld for an incomplete log. Its uncounted items can only raise the
    mean, so the gap from the counted ones is an upper bound, not the gap."""
    from mgcheck.results import VerdictCode

    shown = whole_gap(subject.next_steps.gap_mg or 0.0)
    return f"at most {shown}" if VerdictCode(subject.verdict_code) is VerdictCode.NOT_JUDGED else shown


def food_gap_sentence(subject: SubjectResult) -> str:
    """For a clinician, when food alone is below the EAR and supplements bring the intake to the target
    (`next_steps.food_gap_mg`): what the suggestions close, labelled as the food gap; '' otherwise."""
    steps = subject.next_steps
    if steps.food_gap_mg is None:
        return ""
    food = float(subject.mean_food_mg or 0.0)
    reference = subject.reference
    # With only an AI (EFSA, infants) food alone is read against the AI (it said 'the EAR (None mg)').
    line = f"the EAR ({reference.ear_mg:g} mg)" if reference.ear_mg is not None else f"the AI ({reference.ai_mg:g} mg)"
    return (
        f"Food alone {food:,.0f} mg/day is below {line}; only supplements "
        f"bring the intake to the {steps.target}. Food gap to the {steps.target}: "
        f"{whole_gap(steps.food_gap_mg)} mg/day"
    )


def density_reading(steps: NextSteps) -> str:
    """How to read the diet's magnesium per 1,000 kcal, after the figure (a leading space), only where
    there is a gap to close: what a low density says beside 199 mg per 1,000 kcal and no gap read as if
    this diet's were low (session 25 trial); '' without a gap, or when no food is suggested to close it
    (a serum value above the reference range)."""
    return f" {steps.density_context}" if (steps.gap_mg or 0.0) > 0 and not steps.withheld else ""


def sources_title(subject: SubjectResult) -> str:
    """The top sources' heading, saying their mg are totals over the record: 'mg' under 'Mean 71 mg/day'
    was read as a day's (a report-output trial: mac & cheese's 46 mg was 15 mg a day over 3 days)."""
    days = int(subject.n_days or 0)
    return "Top food sources (mg in the one day)" if days == 1 else f"Top food sources (total mg over the {days} days)"


def whole_percent(percent: float) -> str:
    """A percentage to the nearest whole number that never rounds up to 100 from below: 319 mg of
    an RDA of 320 is '99%', not a '100%' beside the words 'below the RDA'."""
    shown = f"{percent:.0f}"
    return "99" if shown == "100" and percent < 100 else shown
