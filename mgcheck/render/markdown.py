"""The whole report as Markdown, for clinical notes and e-mail; table cells are escaped and formula-safe."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from mgcheck.book import TEACH_CHOICE
from mgcheck.output import neutralise
from mgcheck.results import (
    Day,
    EvidenceEntry,
    ProfileEntry,
    ReferenceEntry,
    Report,
    SubjectResult,
    Suggestion,
    UpperLimit,
)
from mgcheck.text import (
    amount_and_unit,
    food_code_notes,
    food_gap_sentence,
    gap_figure,
    markdown_text,
    matched_label,
    mean_figure,
    mg_range,
    ranges_note,
    serum_figure,
    source_food_figure,
    source_label,
    sources_title,
    unconfirmed_mark,
    upper_limit_parts,
    visible,
    whole_gap,
    whole_percent,
)
from mgcheck.vector import kept

T = TypeVar("T")


def cell(value: Any) -> str:
    """One table cell: pipes and newlines escaped, formula triggers neutralised."""
    if value is None:
        return "-"
    if type(value) is str and value.isalnum():  # letters and digits: nothing to escape or neutralise
        return value
    if not isinstance(value, str):
        return str(value)
    return _text_cell(value)


# The cells of strings already shown, by text: `table` reads one here before calling `cell`.
_CELLS: dict[str, str] = {}


def _kept_cell(value: str) -> str:
    """`cell` of a string, kept in _CELLS."""
    return cast(str, kept(_CELLS, value, cell(value)))


# A figure or mgcheck's own placeholder ('-', '-3.51', '- / - / -', '12.5% (3.1%-20.0%)'): no letter, no
# '=' or '@', so nothing a spreadsheet could run; it is shown as it is, never quoted as a formula.
_FIGURE = re.compile(r"[-+]?[0-9.,%()/ -]*")


@lru_cache(maxsize=65536)
def _text_cell(value: str) -> str:
    # Newlines become spaces; every other control is made visible, HTML and link syntax escaped.
    # Cached: a large report repeats the same dates, figures and food names in every table.
    shown = value if _FIGURE.fullmatch(value) else str(neutralise(value))
    return markdown_text(shown.replace("\r", " ").replace("\n", " "))


def code_span(text: str) -> str:
    """Text as a Markdown code span (shown literally, never as HTML or a link), however many
    backticks the text holds; controls made visible, newlines spaces."""
    text = visible(text.replace("\r", " ").replace("\n", " "))
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    cells = _CELLS
    lines += [
        "| "
        + " | ".join([(cells.get(value) or _kept_cell(value)) if type(value) is str else cell(value) for value in row])
        + " |"
        for row in rows
    ]
    return [*lines, ""]


def _z(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _mg(value: float | None) -> str:
    if value is None:
        return "-"
    shown = _MG_TEXTS.get(value)
    if shown is None:
        shown = f"{value:,.0f}"
        if value:  # never a zero: 0.0 and -0.0 are one key, but "0" and "-0"
            if len(_MG_TEXTS) >= _MEMO_LIMIT:
                _MG_TEXTS.clear()
            _MG_TEXTS[value] = shown
    return shown


# Whole milligrams as shown, by value: a report shows the same figures many times.
_MG_TEXTS: dict[float, str] = {}
_MEMO_LIMIT = 4096


def _profile_lines(profile: ProfileEntry, reference: ReferenceEntry) -> list[str]:
    state = ", pregnant" if profile.pregnant else ", lactating" if profile.lactating else ""
    return [
        f"- **Profile:** {profile.sex}, {profile.age} y{state} ({reference.life_stage})",
        f"- **Reference ({reference.standard}, table row {reference.table_row}):** "
        + ", ".join(
            f"{k.upper()} {_mg(getattr(reference, f'{k}_mg'))} mg"
            for k in ("ear", "rda", "ai")
            if getattr(reference, f"{k}_mg")
        ),
    ]


def _limit_line(limit: UpperLimit, days: Sequence[Day] = ()) -> str:
    lead, state, figures = upper_limit_parts(limit, days)
    return f"- **UL check:** {lead}{state}{figures}; the UL covers {limit.applies_to}"


def _suggestion_line(suggestion: Suggestion) -> str:
    # "(already eaten)" as the terminal gives it: the Markdown dropped it.
    eaten = " (already eaten)" if suggestion.already_eaten else ""
    return f"- {cell(suggestion.portion)}{eaten}: +{suggestion.mg:.0f} mg ({cell(suggestion.food_name)})"


class _Once:
    """Text of parts many subjects hold (the same objects, shared by the report builder), made once
    per distinct tuple of objects; a part held by one subject only costs a look-up more."""

    def __init__(self) -> None:
        self.made: dict[tuple[int, ...], tuple[tuple[object, ...], Any]] = {}
        self.single: dict[int, tuple[object, Any]] = {}

    def one(self, part: Any, make: Callable[[Any], T]) -> T:
        """`self((part,), make)` for one part, without a tuple for its key."""
        found = self.single.get(id(part))
        if found is None or found[0] is not part:
            if len(self.single) >= _MEMO_LIMIT:
                self.single.clear()
            found = (part, make(part))  # holding the part keeps its id from being reused
            self.single[id(part)] = found
        return cast(T, found[1])

    def __call__(self, parts: tuple[Any, ...], make: Callable[..., T]) -> T:
        key = tuple([id(part) for part in parts])
        found = self.made.get(key)
        if found is None or any([kept is not part for kept, part in zip(found[0], parts, strict=True)]):
            if len(self.made) >= _MEMO_LIMIT:
                self.made.clear()
            found = (parts, make(*parts))  # holding the parts keeps their ids from being reused
            self.made[key] = found
        return cast(T, found[1])


def _subject(subject: SubjectResult, own_only: bool = False, once: _Once | None = None) -> list[str]:
    """A subject's section as lines; `own_only`: without its findings and notes, which many
    subjects share (the report builder makes them once per situation)."""
    once = once or _Once()
    profile, reference, adequacy = subject.profile, subject.reference, subject.adequacy
    lines = [f"## Magnesium intake: {cell(subject.subject)}", ""]
    lines += once((profile, reference), _profile_lines)
    lines += [
        f"- **Mean intake (food and supplements):** {mean_figure(subject)} mg/day over {subject.n_days} day(s)"
        + (f" ({whole_percent(subject.percent_rda)}% of the RDA)" if subject.percent_rda is not None else "")
        + (
            f"; medicines {_mg(subject.mean_medicine_mg)} mg/day counted apart (not diet)"
            if subject.mean_medicine_mg
            else ""
        ),
        *([f"- **Export's own figure:** {stated}"] if (stated := source_food_figure(subject)) else []),
        *([f"- **Food codes:** {codes}"] if (codes := food_code_notes(subject)) else []),
        f"- **Verdict:** {subject.verdict}",
        f"- **Usual intake:** {adequacy.conclusion} ({adequacy.method}"
        + (f", z = {_z(adequacy.z)}; {adequacy.iom_band}" if adequacy.z is not None else "")
        + f"; SD within {adequacy.sd_within_mg:.0f} mg, {adequacy.sd_within_status})",
    ]
    for judged, label in ((adequacy.sensitivity, "Sensitivity"), (adequacy.validity, "Validity")):
        if judged:
            lines.append(f"- **{label}:** {judged.text}")
    if adequacy.intake_needed_97_5_mg is not None:
        lines.append(
            f"- **Confidence:** over {adequacy.n_days} day(s) a mean of {adequacy.intake_needed_97_5_mg:.0f} "
            "mg/day would give 97.5% confidence of adequacy (a statistical threshold, not an intake target)"
        )
    limit = subject.upper_limit
    if limit.ul_mg:
        # Over the UL the line names the cause by the subject's days over it (`text.medicine_cause`).
        lines.append(_limit_line(limit, subject.days) if limit.exceeded else once((limit,), _limit_line))
    lines += ["", "### Per day", ""]
    # Intake (food and supplements) with medicines apart, as the terminal gives it: a 'Total mg' that
    # added a laxative read as intake (684 mg on a day of 184 mg intake).
    lines += table(
        ["Date", "Food mg", "Supplement mg", "Intake mg", "Medicine mg (apart)"],
        [[d.date, mg_range(d), _mg(d.supplement_mg), _mg(d.intake_mg), _mg(d.medicine_mg)] for d in subject.days],
    )
    if note := ranges_note(subject):
        lines += [note, ""]
    if subject.top_sources:
        lines += [f"### {sources_title(subject)}", ""]
        lines += table(
            ["Food", "mg", "Share"],
            [[source_label(s), _mg(s.mg), f"{s.share:.0%}"] for s in subject.top_sources],
        )
    steps = subject.next_steps
    if steps.gap_mg:
        lines += [f"### What next: {gap_figure(subject)} mg/day below the {steps.target}", ""]
        lines += [once.one(suggestion, _suggestion_line) for suggestion in steps.suggestions]
        lines += [f"- **{cell(steps.withheld)}**"] if steps.withheld else []
        lines += [f"- **Caution:** {cell(c)}" for c in steps.cautions]
        lines.append("")
    elif food_gap := food_gap_sentence(subject):
        lines += [f"### What next: food gap of {whole_gap(steps.food_gap_mg or 0.0)} mg/day to the {steps.target}", ""]
        lines += [f"{cell(food_gap)}.", ""]
        lines += [once.one(suggestion, _suggestion_line) for suggestion in steps.suggestions]
        lines += [f"- **Caution:** {cell(c)}" for c in steps.cautions]
        lines.append("")
    elif steps.cautions or steps.withheld:
        # The cautions hold without a gap (a dose where no UL is set, whole nuts under 5): they were dropped
        # with the "What next" section when there was no gap to close.
        lines += [f"- **{cell(steps.withheld)}**"] if steps.withheld else []
        lines += [f"- **Caution:** {cell(c)}" for c in steps.cautions] + [""]
    if subject.serum:
        serum = subject.serum
        lines += [
            f"- **Serum magnesium:** {serum_figure(serum)}, {serum.reading}."
            + (f" {serum.next_step}" if serum.next_step else "")
            + f" {serum.note}",
            "",
        ]
    for condition in subject.conditions:
        lines += [f"- **Caution ({condition.label}):** {condition.caution}"]
    if subject.conditions:
        lines.append("")
    if subject.unmatched:
        lines += ["### Unmatched items (not counted)", ""]
        lines += table(
            ["File", "Row", "As written", "Why", "Did you mean"],
            [[u.file, u.row, u.food, u.reason, "; ".join(u.suggestions)] for u in subject.unmatched],
        )
        teach = [f"- {code_span(u.teach)}" for u in subject.unmatched if u.teach]
        if teach:
            lines += [
                "",
                f"To teach the clinic book a word (see `mgcheck book add-alias --help`), with {TEACH_CHOICE.replace('<food id>', '`<food id>`')}:",
                "",
                *teach,
                "",
            ]
    lines += ["### Items", ""]
    # Rows of several files (an export's foods and supplements) name their file: row numbers repeat.
    several = len({i.file for i in subject.items}) > 1
    lines += table(
        ["Row", "As written", "Matched", "Score", "Amount", "Grams", "mg", "Measure used"],
        [
            [
                f"{Path(i.file).name} {i.row}" if several else i.row, i.food, matched_label(i),
                "" if i.match_score is None else f"{i.match_score:.0f}", amount_and_unit(i.amount, i.unit),
                "" if i.grams is None else f"{i.grams:.1f}", "" if i.mg is None else mg_range(i, "mg", 1), i.basis,
            ]
            for i in subject.items
        ],
    )  # fmt: skip
    recipes = {i.food_id: i.recipe["line"] for i in subject.items if i.recipe}
    if recipes:
        lines += ["", "Home-made dishes:", "", *(f"- {food_id}: {line}" for food_id, line in recipes.items())]
    return lines if own_only else [*lines, *_findings_and_notes((subject.evidence, adequacy.notes))]


def _findings_and_notes(parts: tuple[tuple[EvidenceEntry, ...], tuple[str, ...]]) -> list[str]:
    """The closing lines of a subject: the findings for its situation, then the notes on its judgement."""
    findings, notes = parts
    # Each note its own paragraph of one quote: consecutive '> ' lines render as one run-on paragraph.
    quoted = [line for note in notes for line in (">", f"> {note}")][1:]
    return [*(_evidence(findings) if findings else []), *quoted, ""]


def _evidence(findings: tuple[EvidenceEntry, ...]) -> list[str]:
    lines = ["### What the evidence says for this situation", ""]
    for finding in findings:
        flag = unconfirmed_mark(finding.status)
        effect = f" ({finding.effect_size})" if finding.effect_size else ""
        lines.append(
            f"- {finding.finding}{effect}{flag} *{finding.design}*; population: {finding.population}; {finding.citation}"
        )
    return [*lines, ""]


def chunks(report: Report) -> Iterator[str]:
    """The document in pieces (one per subject), each with controls made visible: `render` is their join.

    A subject's findings and notes are the same objects for every subject in its situation (the
    report builder shares them), so their text, made visible, is made once per pair. Making text
    visible escapes character by character, so the parts made visible apart join to the whole
    made visible."""
    tails: dict[tuple[int, int], tuple[object, object, str]] = {}
    once = _Once()
    yield visible("\n".join(["# mgcheck report", ""]), layout=True)
    for subject in report.subjects:
        findings, notes = subject.evidence, subject.adequacy.notes
        found = tails.get((id(findings), id(notes)))
        if found is None or found[0] is not findings or found[1] is not notes:
            if len(tails) >= _MEMO_LIMIT:
                tails.clear()
            tail = visible("\n" + "\n".join(_findings_and_notes((findings, notes))), layout=True)
            found = (findings, notes, tail)  # holding the parts keeps their ids from being reused
            tails[(id(findings), id(notes))] = found
        yield visible("\n" + "\n".join(_subject(subject, own_only=True, once=once)), layout=True) + found[2]
    if report.warnings:
        warnings = ["## Warnings", ""] + [f"- {cell(w)}" for w in report.warnings] + [""]
        yield visible("\n" + "\n".join(warnings), layout=True)


def render(report: Report) -> str:
    """The report as one Markdown document, read from the typed results."""
    return "".join(chunks(report))
