"""The report as one self-contained HTML page: a patient handout or the clinician's full record.

No script, no network: inline CSS, charts as inline SVG (matplotlib, imported only here), every
patient-written text escaped, and a Content-Security-Policy that forbids scripts and fetches anyway.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timezone
from functools import cache
from html import escape
from pathlib import Path
from typing import Any, Literal

from mgcheck import __version__
from mgcheck.results import Day, ItemStatus, ProfileEntry, Report, SerumGrade, SubjectResult, VerdictCode
from mgcheck.text import (
    amount_and_unit,
    density_reading,
    food_code_notes,
    food_gap_sentence,
    gap_figure,
    matched_label,
    mean_figure,
    medicine_cause,
    mg_range,
    ranges_note,
    serum_figure,
    source_food_figure,
    sources_title,
    unconfirmed_mark,
    upper_limit_parts,
    visible,
    whole_gap,
    whole_percent,
    written_as_id,
)

Audience = Literal["patient", "clinician"]
AUDIENCES: tuple[Audience, ...] = ("patient", "clinician")
PATIENT_FOODS = 5  # foods that gave the most, and portions that would help: three to five of each
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
@page { margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; }
body { margin: 0 auto; max-width: 184mm; padding: 8mm 0; line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #c8d3dc; padding-bottom: 2pt; }
p { margin: 3pt 0; }
.meta { color: #444; margin-bottom: 6pt; }
.big { font-size: 12.5pt; }
.chart svg { width: 100%; height: auto; display: block; }
ul.foods { margin: 2pt 0; padding-left: 16pt; }
ul.foods li { margin: 1pt 0; }
.mg { font-weight: bold; white-space: nowrap; }
.note { color: #444; }
.small { font-size: 7.5pt; color: #444; line-height: 1.3; }
.small li { margin: 0 0 1pt; }
section { break-inside: avoid; }
article + article { break-before: page; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 3pt 0 6pt; }
th, td { border-bottom: 1px solid #dde3e8; padding: 1.5pt 4pt; text-align: left; vertical-align: top; }
th { background: #eef2f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 3pt 0; }
dt { font-weight: bold; }
dd { margin: 0; }
footer { margin-top: 10pt; }
@media screen { body { padding: 8mm 6mm; } }
"""


# A child's handout is read by a parent or carer: below this age it says that 'you' means the child.
PARENT_READS_UNDER_AGE = 12.0


@cache
def handout_text(key: str) -> str:
    """One plain-language sentence from mgcheck/data/handout_text.csv (reviewable, with its source)."""
    from mgcheck.resources import table

    frame = table("handout_text.csv")
    return str(frame.loc[frame["key"] == key, "text"].iloc[0])


def has_handout_text(key: str) -> bool:
    """Whether mgcheck/data/handout_text.csv has a sentence under `key`."""
    from mgcheck.resources import table

    return bool((table("handout_text.csv")["key"] == key).any())


def handout_text_fits(key: str, subject: SubjectResult) -> bool:
    """Whether the sentence may be shown to this person: one that rests on findings (its `rests_on`
    evidence ids) only when a confirmed one of them applies to the person (`SubjectResult.evidence`). The
    "stronger hips" finding of studies in older adults was printed on a 16-year-old boy's handout."""
    from mgcheck.resources import table

    frame = table("handout_text.csv")
    rests_on = str(frame.loc[frame["key"] == key, "rests_on"].fillna("").iloc[0])
    ids = {part.strip() for part in rests_on.split(";") if part.strip()}
    return not ids or any(f.id in ids and f.status == "confirmed" for f in subject.evidence)


def made_on() -> date:
    """Today, or the date of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def _e(value: Any) -> str:
    """A field as HTML text: markup escaped, and every control and bidirectional override made visible
    (`mgcheck.text.visible`): a log's U+202E would reverse the line in the browser, and an ESC acts on a
    terminal that prints the file."""
    return escape("" if value is None else visible(str(value)), quote=True)


def _mg(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _who(profile: ProfileEntry) -> str:
    sex = {"female": "Woman", "male": "Man"}.get(str(profile.sex), str(profile.sex).capitalize())
    age = profile.age
    years = f"{age:g} years" if isinstance(age, (int, float)) else f"{age} years"
    if isinstance(age, (int, float)) and age < 2:  # a parent reads '8 months', not '0.67 years'
        months = round(age * 12)
        years = f"{months} month{'s' if months != 1 else ''}"
    if isinstance(age, (int, float)) and age < 18:
        sex = {"Woman": "Girl", "Man": "Boy"}.get(sex, sex)
    state = ", pregnant" if profile.pregnant else ", breastfeeding" if profile.lactating else ""
    return f"{sex}, {years}{state}"


def _targets(subject: SubjectResult) -> tuple[float | None, float | None, str]:
    reference = subject.reference
    target = reference.rda_mg or reference.ai_mg
    return reference.ear_mg, target, "RDA" if reference.rda_mg else "AI"


# The handout sentence (data/handout_text.csv) for each verdict code of the report.
_VERDICT_KEYS = {
    "below_ear": "verdict_below_ear",
    "ear_to_rda": "verdict_ear_to_rda",
    "at_or_above_rda": "verdict_at_rda",
    "at_or_above_ai": "verdict_ai_met",
    "below_ai": "verdict_ai_below",
    "no_reference": "verdict_none",
    "not_judged": "verdict_not_judged",
}


# The verdict sentences that advise more (or as much) magnesium: replaced when the report withholds
# that advice over a serum value above the reference range.
_ADVISING_KEYS = frozenset(
    {"verdict_below_ear", "verdict_ear_to_rda", "verdict_at_rda", "verdict_met_with_supplements", "verdict_met_over_ul"}
)


def _verdict_key(subject: SubjectResult) -> str:
    """The handout's sentence for the report's verdict code (never re-derived from the numbers).

    A verdict met only with supplements or medicines (food alone below the advised amount) says so:
    "keep eating the foods that gave you the most" would credit pills to a diet of 13 mg a day.
    Over a serum value above the reference range no sentence advises eating more: "adding some of the
    foods below would help" was given to a kidney patient with serum magnesium of 1.40 mmol/L.
    """
    code = VerdictCode(subject.verdict_code)
    key = _VERDICT_KEYS[code.value]
    if code in (VerdictCode.AT_OR_ABOVE_RDA, VerdictCode.AT_OR_ABOVE_AI):
        target = subject.reference.rda_mg or subject.reference.ai_mg
        food = subject.mean_food_mg
        if target is not None and food is not None and food < target:
            # Met only by pills over the safe upper limit: never read as the way to meet the advised amount.
            key = "verdict_met_over_ul" if subject.upper_limit.exceeded else "verdict_met_with_supplements"
    if subject.next_steps.withheld and key in _ADVISING_KEYS:
        return "verdict_serum_high"
    return key


def _one_day_judged(subject: SubjectResult) -> bool:
    """A one-day record read against an advised amount: the page says one day is not the usual intake."""
    return subject.n_days == 1 and VerdictCode(subject.verdict_code) not in (
        VerdictCode.NOT_JUDGED,
        VerdictCode.NO_REFERENCE,
    )


def plain_food_names(items: Iterable[tuple[object, object]]) -> dict[str, str]:
    """Each matched food's name as the log most often wrote it ("oatmeal"), not SR28's long name.

    `items` are (food as written, food_id) pairs. A food written as its id ('9040', 'fndds:57123000',
    a clinic's 'granola1') keeps its table name: a patient cannot read a code."""
    written: dict[str, Counter[str]] = {}
    for food, food_id in items:
        text = str(food or "").strip()
        if food_id and text and not written_as_id(text, food_id):
            written.setdefault(str(food_id), Counter())[text] += 1
    return {food_id: names.most_common(1)[0][0] for food_id, names in written.items()}


def _plain(name: str) -> str:
    return name[:1].upper() + name[1:]


def _period(days: tuple[Day, ...]) -> str:
    if not days:
        return "no days"
    first, last = str(days[0].date), str(days[-1].date)
    span = first if first == last else f"{first} to {last}"
    return f"{len(days)} day{'s' if len(days) != 1 else ''} ({span})"


def _charts(subject: SubjectResult) -> tuple[str, str]:
    from mgcheck.render import charts

    ear, target, label = _targets(subject)
    average = charts.average_chart(float(subject.mean_daily_mg or 0.0), ear, target, label)
    return average, charts.days_chart(subject.days, ear, target, label)


def _references(subject: SubjectResult) -> str:
    # The project's internal notes ("science.md sec 1") mean nothing to a patient.
    source = re.sub(r"\s*\(science\.md[^)]*\)", "", str(subject.reference.source))
    source = re.sub(r"\bUL\b", "upper limit (UL)", source, count=1)  # the page names no UL elsewhere
    entries = [f"<li>Reference values: {_e(source)}</li>"]
    # Two findings of one study (Orchard 2014: BMD, fractures) cite it once; an unconfirmed one says so.
    # Each with the people it studied: mgcheck does not know ethnicity, and a study of black South African
    # women (Wright 2019) or an association held in white participants only (Ryder 2005) was cited bare.
    cited: dict[str, str] = {}
    for finding in subject.evidence:
        cited.setdefault(finding.citation + unconfirmed_mark(finding.status), finding.population)
    entries += [
        f'<li>{_e(citation)} <span class="population">Studied in: {_e(population)}.</span></li>'
        for citation, population in cited.items()
    ]
    return '<ol class="small">' + "".join(entries) + "</ol>"


def _patient(subject: SubjectResult, today: date, show_id: bool = False) -> str:
    """One patient's pages; `show_id` (a handout of several people) prints the subject's id in the
    header, so each page can be handed to the right person."""
    ear, target, label = _targets(subject)
    average_svg, days_svg = _charts(subject)
    names = plain_food_names((item.food, item.food_id) for item in subject.items)
    n_days = max(int(subject.n_days), 1)
    mean = subject.mean_daily_mg or 0.0
    advised = f'The amount advised for you is <span class="mg">{_mg(target)} mg</span> a day' if target else ""
    lines = [
        f'<article data-audience="patient" data-subject="{_e(subject.subject)}">',
        "<header><h1>Your magnesium</h1>",
        f'<p class="meta">{f"ID {_e(subject.subject)} &middot; " if show_id else ""}'
        f"{_e(_who(subject.profile))} &middot; {_e(_period(subject.days))}"
        f" &middot; made {today.isoformat()}</p>"
        + (
            f'<p data-key="for_a_parent"><strong>{_e(handout_text("for_a_parent"))}</strong></p>'
            if subject.profile.age < PARENT_READS_UNDER_AGE
            else ""
        )
        + "</header>",
        "<section><h2>Your average day</h2>",
        f'<p class="big">You had about <span class="mg" data-key="mean">{mean_figure(subject) if subject.mean_daily_mg is not None else _mg(mean)} mg</span> of magnesium a day.'
        + (f" {advised}." if advised else "")
        + f" {_e(handout_text(_verdict_key(subject)))}"
        + (f' <span data-key="one_day">{_e(handout_text("one_day"))}</span>' if _one_day_judged(subject) else "")
        + (
            f' <span data-key="medicine_not_counted">{_e(handout_text("medicine_not_counted"))}</span>'
            if subject.mean_medicine_mg
            else ""
        )
        + "</p>",
        *_serum_and_kidney_lines(subject),
        *_upper_limit_lines(subject, target),
        *_condition_lines(subject),
        f'<div class="chart" data-chart="average">{average_svg}</div>',
        '<p class="note">The bar is your average day. The dashed lines show the amount that is enough for half of '
        f"people like you (EAR) and the amount advised for you ({_e(label)}).</p>"
        if ear
        else f'<p class="note">The bar is your average day; the dashed line is the amount advised for you ({_e(label)}).</p>',
        "</section>",
        "<section><h2>Each day</h2>",
        f'<div class="chart" data-chart="days">{days_svg}</div></section>',
    ]
    # The page may say "keep eating the foods that gave you the most": never of an alcoholic drink.
    sources = [s for s in subject.top_sources if not s.not_advised][:PATIENT_FOODS]
    if sources:
        lines.append('<section><h2>Foods that gave you the most magnesium</h2><ul class="foods">')
        for source in sources:
            name = names.get(str(source.food_id), str(source.food_name))
            lines.append(
                f'<li>{_e(_plain(name))}: <span class="mg">{_mg((source.mg or 0.0) / n_days)} mg</span> a day on average</li>'
            )
        lines.append("</ul></section>")
    steps = subject.next_steps
    if steps.food_gap_mg and steps.suggestions and not steps.gap_mg:
        # Food alone below the EAR, supplements reaching the advised amount: the food gap, said as such.
        lines.append(
            f'<section data-key="food_gap"><h2>{_e(handout_text("food_gap_heading"))} '
            f"(about {whole_gap(steps.food_gap_mg)} mg a day more from food)</h2>"
            '<p>Any one of these, once a day, would help:</p><ul class="foods">'
        )
        lines += _food_list(subject)
    elif steps.gap_mg and steps.suggestions:
        if VerdictCode(subject.verdict_code) is VerdictCode.NOT_JUDGED:
            # The page has just said the figure is too incomplete to judge: a gap from it would be
            # a number the patient cannot trust (uncounted foods may already close it).
            lines.append(
                "<section><h2>Foods rich in magnesium</h2>"
                '<p>Any one of these adds magnesium to a day:</p><ul class="foods">'
            )
        else:
            # "Would close the gap" only when one of them does: a 249 mg gap and portions of at most
            # 156 mg read as a promise the list cannot keep.
            closes = any(s.closes_gap for s in steps.suggestions[:PATIENT_FOODS])
            verb = "would close" if closes else "would help close"
            lines.append(
                f"<section><h2>Foods that {verb} the gap of about {whole_gap(steps.gap_mg)} mg a day</h2>"
                '<p>Any one of these, once a day, would help:</p><ul class="foods">'
            )
        lines += _food_list(subject)
    lines.append("<section><h2>Magnesium and your bones</h2>")
    # Over a high serum value, neither "those who eat more magnesium tend to have stronger hips" nor a
    # list of good sources: the page suggests no extra magnesium.
    # Above the upper limit the finding that more magnesium goes with stronger hips is said with the limit
    # beside it: alone, it read as encouragement to a woman taking pills above the UL (session 27 trial).
    studies = "bone_studies"
    if subject.upper_limit.exceeded:
        studies = {"pills": "bone_studies_above_ul_pills", "medicines": "bone_studies_above_ul_medicines"}.get(
            _doses_taken(subject), "bone_studies_above_ul"
        )
    keys = ("bone_store",) if steps.withheld else ("bone_store", studies, _foods_key(subject))
    lines += [f'<p data-key="{key}">{_e(handout_text(key))}</p>' for key in keys if handout_text_fits(key, subject)]
    if subject.unmatched_items:
        lines.append(f"<p>{_e(handout_text('unmatched'))}</p>")
    lines.append(f"<p>{_e(handout_text('not_diagnosis'))}</p></section>")
    lines.append(f"<footer>{_references(subject)}<p class=\"small\">Made with mgcheck {_e(__version__)} on "
                 f"{today.isoformat()}{_e(_food_data(subject))}.</p></footer></article>")  # fmt: skip
    return "\n".join(lines)


def _foods_key(subject: SubjectResult) -> str:
    """Which sentence names good sources: none but milk under 1, no whole nuts or seeds under 5 or on a
    texture-modified diet (a toddler's page said "nuts, seeds ... are good sources")."""
    from mgcheck.report import DYSPHAGIA, NO_SUGGESTIONS_UNDER_AGE, whole_nut_min_age

    age = subject.profile.age
    if age < NO_SUGGESTIONS_UNDER_AGE:
        return "bone_foods_infant"
    if age < whole_nut_min_age():
        return "bone_foods_under_5"
    return "bone_foods_soft" if DYSPHAGIA in subject.profile.conditions else "bone_foods"


def _food_list(subject: SubjectResult) -> list[str]:
    """The suggested portions of a handout's food section, its kidney caution, and the section's end."""
    lines = []
    for suggestion in subject.next_steps.suggestions[:PATIENT_FOODS]:
        eaten = " (you already eat this)" if suggestion.already_eaten else ""
        lines.append(f'<li>{_e(suggestion.portion)}{eaten}: <span class="mg">+{_mg(suggestion.mg)} mg</span></li>')
    lines.append("</ul>")
    if _kidney(subject):
        lines.append(f'<p data-key="kidney_foods"><strong>{_e(handout_text("kidney_foods"))}</strong></p>')
    return [*lines, "</section>"]


def _kidney(subject: SubjectResult) -> bool:
    from mgcheck.report import KIDNEY_DISEASE

    return KIDNEY_DISEASE in subject.profile.conditions


# The handout sentence for a serum value below the IOM range: below the laboratories' 0.70 mmol/L too, or not.
_LOW_SERUM_KEYS = {SerumGrade.LOW: "serum_low", SerumGrade.LOW_IOM: "serum_low_edge"}


def _serum_and_kidney_lines(subject: SubjectResult) -> list[str]:
    """On the first page: a serum value above the reference range, with the value, and, with kidney
    disease, that magnesium pills or medicines were taken (a CKD patient's milk of magnesia and high
    serum were nowhere on her page); a value below the range, calmly, with what to do."""
    lines = []
    serum = subject.serum
    if serum is not None and serum.grade is SerumGrade.HIGH:
        lines.append(
            f'<p data-key="serum_high"><strong>Your blood magnesium: {_e(serum_figure(serum))}. '
            f"{_e(handout_text('serum_high'))}</strong></p>"
        )
    elif serum is not None and serum.grade in _LOW_SERUM_KEYS:
        # A low value was on the clinician's report only, while a high one was on the handout (session 27
        # trial: 0.62 mmol/L in a man on a proton-pump inhibitor). Said calmly, with what to do.
        key = _LOW_SERUM_KEYS[serum.grade]
        lines.append(
            f'<p data-key="{key}"><strong>Your blood magnesium: {_e(serum_figure(serum))}.</strong> '
            f"{_e(handout_text(key))}</p>"
        )
    dose = (subject.mean_supplement_mg or 0.0) + (subject.mean_medicine_mg or 0.0)
    if _kidney(subject) and dose > 0:
        lines.append(f'<p data-key="kidney_dose"><strong>{_e(handout_text("kidney_dose"))}</strong></p>')
    return lines


def _condition_lines(subject: SubjectResult) -> list[str]:
    """The patient's own part of a condition's caution, in plain words (handout_text.csv `condition_<code>`):
    the timing of a bone medicine or an antibiotic against magnesium pills or antacids, which the patient
    must keep (it was on the clinician's report only), and a long-term acid-lowering medicine. A condition
    the report lists only with supplements (conditions.csv `only_with_supplements`) is listed here the same."""
    lines = []
    for caution in subject.conditions:
        key = f"condition_{caution.condition}"
        if has_handout_text(key):
            lines.append(f'<p data-key="{key}"><strong>{_e(handout_text(key))}</strong></p>')
    return lines


def _upper_limit_lines(subject: SubjectResult, target: float | None) -> list[str]:
    """The upper-limit warning, on the first page beside the figure it qualifies (it was on page 2, under
    "Magnesium and your bones", after "This meets the amount advised for you"), and, when food alone
    meets the advised amount, that the pills add nothing needed. Where no UL is set for the age (infants;
    EFSA under 4), any supplement or medicine logged is named instead: an 8-month-old's page was silent
    about 167 mg a day of milk of magnesia."""
    limit = subject.upper_limit
    if limit.ul_mg is None and (subject.mean_supplement_mg or 0.0) + (subject.mean_medicine_mg or 0.0) > 0:
        return [f'<p data-key="dose_without_ul"><strong>{_e(handout_text("dose_without_ul"))}</strong></p>']
    if not limit.exceeded:
        return []
    taken = _doses_taken(subject)
    every = "_every_day" if limit.days_over_ul >= len(subject.days) else ""
    key = {"pills": "ul_pills_exceeded", "medicines": "ul_medicines_exceeded", "both": "ul_exceeded"}[taken] + every
    lines = [f'<p data-key="{key}"><strong>{_e(handout_text(key))}</strong>']
    share = medicine_cause(limit, subject.days)  # by the days over the UL, not the means
    if share:
        # Which to talk about: a laxative, not the prenatal vitamin she might stop instead.
        cause = "ul_all_medicine" if share == "all" else "ul_mostly_medicine"
        lines[0] += f' <span data-key="{cause}">{_e(handout_text(cause))}</span>'
    food = subject.mean_food_mg
    if target and food is not None and food >= target:
        lines[0] += f' <span data-key="ul_food_enough">{_e(handout_text("ul_food_enough"))}</span>'
    lines[0] += "</p>"
    return lines


def _doses_taken(subject: SubjectResult) -> str:
    """'pills', 'medicines' or 'both': "pills and medicines together" named medicines not taken (pills
    alone) or pills not taken (a laxative alone, the session 27 review)."""
    if not subject.mean_supplement_mg:
        return "medicines"
    return "pills" if not subject.mean_medicine_mg else "both"


def _food_data(subject: SubjectResult) -> str:
    """' from <the tables the counted foods came from>', or '' when no food was counted.

    The footer said "from USDA SR28 food data" on every handout, also when the figures came
    from FNDDS, a clinic's own foods or an export's stated magnesium.
    """
    from mgcheck.tables import all_tables, table_of

    used: set[str] = set()
    for item in subject.items:
        if item.status is ItemStatus.SOURCE:
            used.add("the export's own magnesium figures")
        elif item.status is ItemStatus.MATCHED and item.food_id:
            table = table_of(item.food_id)
            used.add(table.title if table is not None else "the clinic's own foods and recipes")
    titles = [table.title for table in all_tables() if table.title in used]
    names = titles + sorted(used - set(titles))
    return f" from {' and '.join(names)}" if names else ""


def _probability(probability: float) -> str:
    """'= 71%', or '< 1%' and '> 99%' (`mgcheck.adequacy.percent`'s bounds): the line said "less than 1%
    probability ... P(adequate) = 0%", a certainty the method cannot give."""
    from mgcheck.adequacy import percent_bound

    side, shown = percent_bound(probability)
    return f"{side or '='} {shown}"


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{_e(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if i in numeric else ''}>{_e(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _clinician(subject: SubjectResult, today: date) -> str:
    profile, reference, adequacy, limit = (
        subject.profile, subject.reference, subject.adequacy, subject.upper_limit,
    )  # fmt: skip
    average_svg, days_svg = _charts(subject)
    values = ", ".join(
        f"{key.upper()} {_mg(getattr(reference, f'{key}_mg'))} mg"
        for key in ("ear", "rda", "ai")
        if getattr(reference, f"{key}_mg")
    )
    probability = adequacy.probability_adequate
    facts = [
        ("Profile", f"{_who(profile)} ({reference.life_stage})"),
        ("Reference", f"{reference.standard}: {values} (table row {reference.table_row})"),
        ("Period", _period(subject.days)),
        ("Mean", f"{mean_figure(subject)} mg/day: food {_mg(subject.mean_food_mg)}, "
                 f"supplements {_mg(subject.mean_supplement_mg)}"
                 + (f" ({whole_percent(subject.percent_rda)}% of the RDA)" if subject.percent_rda is not None else "")),
        *([("Export's own", stated)] if (stated := source_food_figure(subject)) else []),
        *([("Food codes", codes)] if (codes := food_code_notes(subject)) else []),
        ("Verdict", subject.verdict),
        ("Usual intake", f"{adequacy.conclusion} ({adequacy.method}; z = "
                         + ("-" if adequacy.z is None else f"{adequacy.z:.2f}")
                         + ("" if probability is None else f", P(adequate) {_probability(probability)}")
                         + f"; SD within {_mg(adequacy.sd_within_mg)} mg, {adequacy.sd_within_status})"),
    ]  # fmt: skip
    # The record is the full report: the sensitivity and validity of the conclusion too (a conclusion
    # that changes with the SD within was shown as plain "probably adequate: 71%").
    facts += [(label, judged.text) for judged, label in ((adequacy.sensitivity, "Sensitivity"),
                                                         (adequacy.validity, "Validity")) if judged]  # fmt: skip
    if adequacy.intake_needed_97_5_mg is not None:
        facts.append(("97.5% confidence", f"mean would need {_mg(adequacy.intake_needed_97_5_mg)} mg/day"))
    if limit.ul_mg:
        lead, state, figures = upper_limit_parts(limit, subject.days)
        facts.append(("UL check", f"{lead}{state}{figures}; the UL covers {limit.applies_to}"))
    if subject.unmatched_items:
        facts.append(
            (
                "Unmatched",
                f"{subject.unmatched_items} item(s), {subject.unmatched_share:.0%} of food items, not counted",
            )
        )
    if subject.serum:
        serum = subject.serum
        facts.append(
            (
                "Serum",
                f"{serum_figure(serum)}: {serum.reading} ({serum.range_source}). {serum.note}",
            )
        )
    facts += [(f"Caution: {c.label}", c.caution) for c in subject.conditions]
    lines = [
        f'<article data-audience="clinician" data-subject="{_e(subject.subject)}">',
        f"<header><h1>Magnesium intake: {_e(subject.subject)}</h1>",
        f'<p class="meta">Clinician record &middot; made {today.isoformat()} with mgcheck {_e(__version__)}</p></header>',
        "<section><dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts) + "</dl></section>",
        f'<section><div class="chart" data-chart="average">{average_svg}</div>'
        f'<div class="chart" data-chart="days">{days_svg}</div></section>',
        "<section><h2>Magnesium per day (mg)</h2>"
        + _table(
            ["Date", "Food", "Supplements", "Intake", "Medicines (apart)"],
            [[d.date, mg_range(d), _mg(d.supplement_mg), _mg(d.intake_mg), _mg(d.medicine_mg)]
             for d in subject.days],
            {1, 2, 3, 4},
        )
        + (f'<p class="small">{_e(note)}</p>' if (note := ranges_note(subject)) else "")
        + "</section>",
    ]  # fmt: skip
    if subject.top_sources:
        lines.append(f"<section><h2>{_e(sources_title(subject))}</h2>" + _table(
            ["Food", "ID", "mg", "Share"],
            [[s.food_name, s.food_id or "export", _mg(s.mg), f"{s.share:.0%}"] for s in subject.top_sources],
            {2, 3},
        ) + "</section>")  # fmt: skip
    steps = subject.next_steps
    food_gap = food_gap_sentence(subject)
    if steps.gap_mg or food_gap:
        heading = (
            f"What next: {gap_figure(subject)} mg/day below the {_e(steps.target)}"
            if steps.gap_mg
            else f"What next: food gap of {whole_gap(steps.food_gap_mg or 0.0)} mg/day to the {_e(steps.target)}"
        )
        lines.append(f"<section><h2>{heading}</h2>" + (f"<p>{_e(food_gap)}.</p>" if not steps.gap_mg else "") + _table(
            ["Portion", "Food", "Grams", "mg", "Already eaten"],
            [[s.portion, s.food_name, f"{s.grams:.0f}", _mg(s.mg), "yes" if s.already_eaten else ""]
             for s in steps.suggestions],
            {2, 3},
        ) + "</section>")  # fmt: skip
    # Cautions (a pregnancy's: foods only, a supplement is the midwife's or doctor's call) and the diet's
    # calcium : magnesium ratio and magnesium density, as the terminal and Markdown reports give them.
    notes = [f"<p><strong>{_e(steps.withheld)}</strong></p>"] if steps.withheld else []
    notes += [f"<p><strong>Caution:</strong> {_e(caution)}</p>" for caution in steps.cautions]
    if steps.calcium_to_magnesium_ratio is not None:
        notes.append(
            f"<p>Dietary calcium : magnesium = {steps.calcium_to_magnesium_ratio:.1f} : 1. {_e(steps.ratio_context)}</p>"
        )
    if steps.mg_per_1000_kcal is not None:
        notes.append(
            f"<p>Magnesium density: {steps.mg_per_1000_kcal:.0f} mg per 1,000 kcal.{_e(density_reading(steps))}</p>"
        )
    if notes:
        lines.append('<section data-key="notes">' + "".join(notes) + "</section>")
    if subject.unmatched:
        lines.append("<section><h2>Unmatched items (not counted)</h2>" + _table(
            ["File", "Row", "As written", "Why", "Did you mean"],
            [[Path(u.file).name, u.row, u.food, u.reason, "; ".join(u.suggestions)]
             for u in subject.unmatched],
            {1},
        ) + "</section>")  # fmt: skip
    lines.append("<h2>Items: how each figure was found</h2>" + _table(
        ["File", "Row", "Date", "As written", "Matched", "Score", "Amount", "Grams", "mg", "Measure used"],
        [[Path(i.file).name, i.row, i.date, i.food,
          matched_label(i),
          "" if i.match_score is None else f"{i.match_score:.0f}", amount_and_unit(i.amount, i.unit),
          "" if i.grams is None else f"{i.grams:.1f}", "" if i.mg is None else mg_range(i, "mg", 1), i.basis]
         for i in subject.items],
        {1, 5, 7, 8},
    ))  # fmt: skip
    if subject.evidence:
        lines.append("<section><h2>What the evidence says for this situation</h2><ul>")
        for finding in subject.evidence:
            effect = f" ({finding.effect_size})" if finding.effect_size else ""
            flag = unconfirmed_mark(finding.status)
            lines.append(f"<li>{_e(finding.finding + effect + flag)}<br><span class=\"small\">"
                         f"{_e(finding.design)}; population: {_e(finding.population)}; {_e(finding.citation)}</span></li>")  # fmt: skip
        lines.append("</ul></section>")
    lines.append("<footer>" + "".join(f'<p class="small">Note: {_e(n)}</p>' for n in adequacy.notes))
    lines.append(f'<p class="small">Reference values: {_e(reference.source)}</p></footer></article>')
    return "\n".join(lines)


def render(report: Report, audience: Audience = "patient", today: date | None = None) -> str:
    """The whole page: one <article> per subject, each starting on a new printed page."""
    when = today or made_on()
    title = "Your magnesium" if audience == "patient" else "mgcheck report"
    several = len(report.subjects) > 1
    articles = [
        _patient(subject, when, several) if audience == "patient" else _clinician(subject, when)
        for subject in report.subjects
    ]
    warnings = ""
    if audience == "clinician" and report.warnings:
        warnings = "<section><h2>Warnings</h2><ul class=\"small\">" + "".join(
            f"<li>{_e(w)}</li>" for w in report.warnings
        ) + "</ul></section>"  # fmt: skip
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(articles)
        + warnings
        + "\n</body>\n</html>\n"
    )
