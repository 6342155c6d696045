"""The one-screen report (--brief): profile, mean against EAR/RDA, conclusion, top sources, what to add."""

from __future__ import annotations

from mgcheck.render.fit import wrap
from mgcheck.results import Report, SubjectResult, VerdictCode
from mgcheck.text import (
    food_gap_sentence,
    gap_figure,
    mean_figure,
    serum_figure,
    upper_limit_parts,
    visible,
    whole_percent,
)

TOP = 3


def _mg(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def subject_lines(subject: SubjectResult, width: int) -> list[str]:
    """A handful of wrapped lines for one subject; nothing longer than `width`."""
    from mgcheck.render.html import plain_food_names

    profile, reference = subject.profile, subject.reference
    state = ", pregnant" if profile.pregnant else ", lactating" if profile.lactating else ""
    values = ", ".join(
        f"{key.upper()} {_mg(getattr(reference, f'{key}_mg'))}"
        for key in ("ear", "rda", "ai")
        if getattr(reference, f"{key}_mg")
    )
    percent = f", {whole_percent(subject.percent_rda)}% of the RDA" if subject.percent_rda is not None else ""
    names = plain_food_names((item.food, item.food_id) for item in subject.items)
    sources = "; ".join(
        f"{names.get(str(s.food_id), s.food_name)} {_mg(s.mg)} mg ({s.share:.0%})" for s in subject.top_sources[:TOP]
    )
    steps = subject.next_steps
    indent = " " * 13
    fields = [
        ("Profile", f"{profile.sex}, {profile.age} y{state} ({reference.life_stage})"),
        ("Mean", f"{mean_figure(subject)} mg/day over {subject.n_days} day(s) "
                 f"against {reference.standard} {values} mg{percent}"),
        ("Verdict", subject.verdict),
        ("Usual intake", subject.adequacy.conclusion),
        ("Top sources", sources or "none matched"),
    ]  # fmt: skip
    if subject.serum:
        serum = subject.serum
        fields.append(("Serum", f"{serum_figure(serum)}: {serum.reading}"))
    if steps.withheld:
        fields.append(("To add", steps.withheld))
    elif steps.gap_mg and steps.suggestions:
        portions = "; ".join(f"{s.portion} +{_mg(s.mg)} mg" for s in steps.suggestions[:TOP])
        fields.append(("To add", f"{gap_figure(subject)} mg/day to the {steps.target}: {portions}"))
    elif (food_gap := food_gap_sentence(subject)) and steps.suggestions:
        portions = "; ".join(f"{s.portion} +{_mg(s.mg)} mg" for s in steps.suggestions[:TOP])
        fields.append(("To add", f"{food_gap}: {portions}"))
    elif steps.gap_mg:
        # A gap with no food to close it (under 1 year; the cautions say why): the gap, never "nothing".
        fields.append(("To add", f"{gap_figure(subject)} mg/day to the {steps.target}; no food suggestions"))
    elif subject.n_days == 1 and VerdictCode(subject.verdict_code) is not VerdictCode.NOT_JUDGED:
        from mgcheck.report import context

        fields.append(("To add", context("add_one_day")))  # one day cannot settle it (IOM 2000 p.57)
    else:
        fields.append(("To add", f"nothing: the mean reaches the {steps.target}"))
    fields += [("Caution", caution) for caution in steps.cautions]
    if subject.upper_limit.exceeded:
        lead, state, figures = upper_limit_parts(subject.upper_limit, subject.days)
        fields.append(("UL check", f"{lead}{state}{figures}"))
    fields.append(
        ("Unmatched", f"{subject.unmatched_items} item(s), not counted" if subject.unmatched_items else "none")
    )
    lines = wrap(f"Magnesium intake: {subject.subject}", width)
    for label, text in fields:
        lines += wrap(str(text), width, indent=indent, first_indent=f"{label:<12} ")
    return lines


def render(report: Report, width: int) -> str:
    """Every subject's brief, separated by a blank line."""
    blocks = ["\n".join(subject_lines(subject, width)) for subject in report.subjects]
    return visible("\n\n".join(blocks) + "\n", layout=True)  # no food name or subject id can drive the terminal
