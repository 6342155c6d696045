"""The terminal report (Rich): profile, days with bars, verdict, sources, next steps, evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mgcheck.book import TEACH_CHOICE
from mgcheck.results import Item, Report, SubjectResult
from mgcheck.text import (
    amount_and_unit,
    density_reading,
    food_code_notes,
    food_gap_sentence,
    gap_figure,
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
    visible_all,
    whole_percent,
)

BAR_WIDTH = 28


def safe_console(**options: Any) -> Console:
    """A console that prints patient-written text as written: never as Rich markup ("[bold]")
    or emoji (":x:"), and without highlighting numbers in it."""
    return Console(markup=False, emoji=False, highlight=False, **options)


def _z(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _mg(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def day_bar(total: float, ear: float | None, target: float | None, scale: float, target_mark: str = "R") -> Text:
    """A bar of the day's total with markers at the EAR (E) and the RDA (R) or, where the standard
    gives an Adequate Intake instead, the AI (`target_mark` "A")."""
    cells = [" "] * BAR_WIDTH
    filled = min(BAR_WIDTH, round(total / scale * BAR_WIDTH)) if scale else 0
    for position in range(filled):
        cells[position] = "█"
    markers = []
    for value, mark in ((ear, "E"), (target, target_mark)):
        if value:
            position = min(BAR_WIDTH - 1, round(value / scale * BAR_WIDTH))
            markers.append((position, mark))
    style = "red" if ear and total < ear else "yellow" if target and total < target else "green"
    text = Text()
    for position, cell in enumerate(cells):
        marker = next((m for p, m in markers if p == position), None)
        if marker:
            text.append(marker, style="bold")
        else:
            text.append(cell, style=style)
    return text


class _WrappedLines:
    """Plain lines wrapped to the console's width when printed: nothing is cut, row numbers lead."""

    def __init__(self, title: str, entries: list[tuple[str, list[str]]], indent: int = 7) -> None:
        # entries: (first line, continuation lines); continuation lines are printed dim
        self.title = title
        self.entries = entries
        self.indent = " " * indent

    def __rich_console__(self, console: Console, options: Any) -> Any:
        from mgcheck.render.fit import wrap

        width = max(options.max_width, 20)
        text = Text(self.title + "\n", style="italic")
        for first, rest in self.entries:
            text.append("\n".join(wrap(first, width, indent=self.indent, first_indent="")) + "\n")
            for line in rest:
                text.append(
                    "\n".join(wrap(line, width, indent=self.indent + "  ", first_indent=self.indent)) + "\n",
                    style="dim",
                )
        text.no_wrap = True
        text.overflow = "ignore"
        yield text


def items_block(items: tuple[Item, ...]) -> _WrappedLines:
    """Every item: its row, what was written and what it matched (with the score), then amount ->
    grams (by which measure) -> mg. Wrapped to the width when printed: nothing is cut off and the
    row number always leads."""
    entries = []
    for item in items:
        matched = matched_label(item)
        if item.food_id and item.match_score is not None:
            matched += f", match score {item.match_score:.0f}"
        grams = f" = {item.grams:.1f} g" if item.grams is not None else ""
        basis = f" ({item.basis})" if item.basis else ""
        # An ambiguous item shows its range beside its figure, as the Markdown and HTML reports do.
        mg = f"{mg_range(item, 'mg', 1)} mg" if item.mg is not None else "-"
        rest = [f"{amount_and_unit(item.amount, item.unit)}{grams}{basis}: {mg}"]
        if item.recipe:
            rest.append(str(item.recipe["line"]))
        entries.append((f"{item.row:>5}  {Path(item.file).name}: {item.food}  ->  {matched}", rest))
    return _WrappedLines("Items: how each figure was found", entries)


def _subject(subject: SubjectResult) -> Group:
    profile, reference = subject.profile, subject.reference
    parts: list[Any] = []
    who = f"{profile.sex}, {profile.age} y"
    if profile.pregnant:
        who += ", pregnant"
    if profile.lactating:
        who += ", lactating"
    ref = Table.grid(padding=(0, 2))
    ref.add_row("Profile", f"{who} ({reference.life_stage})")
    values = [
        f"{key} {_mg(getattr(reference, f'{key.lower()}_mg'))} mg"
        for key in ("EAR", "RDA", "AI")
        if getattr(reference, f"{key.lower()}_mg")
    ]
    ref.add_row("Reference", f"{reference.standard}: " + ", ".join(values) + f" (table row {reference.table_row})")
    ul = reference.ul_supplement_mg
    # What the UL covers, in the standard's own terms (the IOM's supplements and medicines only; the
    # EU/SCF limit also readily dissociable salts in water and fortified foods).
    ref.add_row("Upper limit", f"{_mg(ul)} mg/day: {subject.upper_limit.applies_to}" if ul else "not set for this age")
    title = Text(f"Magnesium intake: {subject.subject}", style="bold")
    parts.append(Panel(ref, title=title, box=box.ROUNDED, expand=False))

    ear = reference.ear_mg
    target = reference.rda_mg or reference.ai_mg
    scale = max([d.total_mg or 0 for d in subject.days] + [(target or 0) * 1.25, 1.0])
    days = Table(title="Magnesium per day (mg)", box=box.SIMPLE_HEAD, title_justify="left")
    medicines = any(d.medicine_mg for d in subject.days)
    days.add_column("Date", no_wrap=True)
    days.add_column("Food", justify="right")
    days.add_column("Suppl.", justify="right")
    days.add_column("Intake", justify="right")
    if medicines:
        days.add_column("Medicines (apart)", justify="right", overflow="fold", min_width=9)
    # The bar never wraps: at 80 columns the other headers wrap instead. It names only the values the
    # standard gives: EFSA 2015 (and the IOM for infants) sets an Adequate Intake, no EAR or RDA.
    target_kind, target_mark = ("RDA", "R") if reference.rda_mg else ("AI", "A")
    marked = (["EAR (E)"] if ear else []) + ([f"{target_kind} ({target_mark})"] if target else [])
    days.add_column(("vs " + " and ".join(marked)) if marked else "", no_wrap=True, min_width=BAR_WIDTH)
    for day in subject.days:
        intake = day.intake_mg
        cells: list[Any] = [day.date, mg_range(day), _mg(day.supplement_mg), _mg(intake)]
        if medicines:
            cells.append(_mg(day.medicine_mg))
        cells.append(day_bar(intake or 0, ear, target, scale, target_mark))
        days.add_row(*cells)
    parts.append(days)
    if note := ranges_note(subject):
        parts.append(Text(note, style="dim"))

    adequacy = subject.adequacy
    summary = Table.grid(padding=(0, 2))
    pct = f" ({whole_percent(subject.percent_rda)}% of the RDA)" if subject.percent_rda is not None else ""
    medicine = (
        f"; medicines {_mg(subject.mean_medicine_mg)} mg/day counted apart (not diet)"
        if subject.mean_medicine_mg
        else ""
    )
    summary.add_row(
        "Mean intake",
        Text.assemble(
            (f"{mean_figure(subject)} mg/day", "bold"),
            f" over {subject.n_days} day(s){pct}: "
            f"food {_mg(subject.mean_food_mg)}, supplements {_mg(subject.mean_supplement_mg)}{medicine}",
        ),
    )
    stated = source_food_figure(subject)
    if stated is not None:
        summary.add_row("Export's own", stated)
    summary.add_row("Verdict", subject.verdict)
    detail = f"{adequacy.method}"
    if adequacy.z is not None:
        detail += f": z = {_z(adequacy.z)}; {adequacy.iom_band}"
    detail += f"; SD within {adequacy.sd_within_mg:.0f} mg, {adequacy.sd_within_status}"
    summary.add_row("Usual intake", Text.assemble(f"{adequacy.conclusion} ", (f"({detail})", "dim")))
    if adequacy.sensitivity:
        summary.add_row("Sensitivity", adequacy.sensitivity.text)
    if adequacy.validity:
        summary.add_row("Validity", adequacy.validity.text)
    if adequacy.intake_needed_97_5_mg is not None:
        summary.add_row(
            "Confidence",
            f"Over {adequacy.n_days} day(s) a mean of {adequacy.intake_needed_97_5_mg:.0f} mg/day would give "
            "97.5% confidence of adequacy (a statistical threshold, not an intake target).",
        )
    limit = subject.upper_limit
    if limit.ul_mg:
        lead, state, figures = upper_limit_parts(limit, subject.days)
        summary.add_row(
            "UL check",
            Text.assemble(
                lead,
                (state, "bold red") if limit.exceeded else state,
                f"{figures}. The UL covers {limit.applies_to}.",
            ),
        )
    if subject.unmatched_items:
        summary.add_row(
            "Unmatched",
            Text(
                f"{subject.unmatched_items} item(s), {subject.unmatched_share:.0%} of food items, not counted",
                style="yellow",
            ),
        )
    if codes := food_code_notes(subject):
        summary.add_row("Food codes", Text(codes, style="yellow"))
    parts.append(summary)

    if subject.top_sources:
        heading = sources_title(subject)  # as wide as its title: a narrow table wrapped it mid-phrase
        sources = Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left", min_width=len(heading))
        sources.add_column("Food")
        sources.add_column("mg", justify="right")
        sources.add_column("Share", justify="right")
        for source in subject.top_sources:
            sources.add_row(source_label(source), _mg(source.mg), f"{source.share:.0%}")
        parts.append(sources)

    steps = subject.next_steps
    lines = Text()
    if steps.gap_mg:
        # Under 1 year no food is suggested: no "Portions that would help:" over an empty list.
        offered = " Portions that would help:" if steps.suggestions else ""
        lines.append(f"Gap to the {steps.target}: {gap_figure(subject)} mg/day.{offered}\n", style="bold")
        for suggestion in steps.suggestions:
            eaten = " (already eaten)" if suggestion.already_eaten else ""
            lines.append(f"  • {suggestion.portion}{eaten}: +{suggestion.mg:.0f} mg  [{suggestion.food_name}]\n")
    elif food_gap := food_gap_sentence(subject):
        offered = " Foods that would help:" if steps.suggestions else ""
        lines.append(f"{food_gap}.{offered}\n", style="bold")
        for suggestion in steps.suggestions:
            eaten = " (already eaten)" if suggestion.already_eaten else ""
            lines.append(f"  • {suggestion.portion}{eaten}: +{suggestion.mg:.0f} mg  [{suggestion.food_name}]\n")
    if steps.withheld:
        lines.append(f"{steps.withheld}\n", style="bold yellow")
    for caution in steps.cautions:
        lines.append(f"Caution: {caution}\n", style="bold yellow")
    if steps.calcium_to_magnesium_ratio is not None:
        lines.append(f"Dietary calcium : magnesium = {steps.calcium_to_magnesium_ratio:.1f} : 1. ")
        lines.append(steps.ratio_context + "\n", style="dim")
    if steps.mg_per_1000_kcal is not None:
        lines.append(f"Magnesium density: {steps.mg_per_1000_kcal:.0f} mg per 1,000 kcal.")
        lines.append(density_reading(steps) + "\n", style="dim")
    # Titles as Text, not str: Rich parses a str title as markup with emoji codes (and loads its emoji table).
    if lines.plain:  # an export's own figures give no kcal or calcium: no empty box (ASA24, no gap)
        parts.append(Panel(lines, title=Text("What next"), box=box.ROUNDED, title_align="left"))

    if subject.serum:
        serum = subject.serum
        next_step = f" {serum.next_step}" if serum.next_step else ""
        parts.append(Text(f"Serum magnesium {serum_figure(serum)}: {serum.reading}.{next_step} {serum.note}"))
    for condition in subject.conditions:
        parts.append(Text.assemble(("Caution, " + condition.label + ": ", "bold yellow"), condition.caution))

    if subject.unmatched:
        entries = []
        for unmatched in subject.unmatched:
            rest = [unmatched.reason] if unmatched.reason else []
            if unmatched.suggestions:
                rest.append("did you mean: " + "; ".join(unmatched.suggestions))
            if unmatched.teach:
                rest.append(f"teach the book: {unmatched.teach}, with {TEACH_CHOICE}")
            entries.append((f"row {unmatched.row}  {Path(unmatched.file).name}: {unmatched.food}", rest))
        parts.append(_WrappedLines("Unmatched items (not counted)", entries, indent=4))

    parts.append(items_block(subject.items))

    if subject.evidence:
        evidence = Text()
        for finding in subject.evidence:
            flag = unconfirmed_mark(finding.status)
            evidence.append(f"• {finding.finding}", style="")
            if finding.effect_size:
                evidence.append(f" ({finding.effect_size})")
            evidence.append(
                f"{flag}\n  {finding.design}; population: {finding.population}; {finding.citation}\n", style="dim"
            )
        parts.append(
            Panel(
                evidence, title=Text("What the evidence says for this situation"), box=box.ROUNDED, title_align="left"
            )
        )
    notes = Text("\n".join(f"Note: {note}" for note in adequacy.notes), style="dim")
    parts.append(notes)
    return Group(*parts)


def render(report: Report, console: Console) -> None:
    """Each subject in turn, read from the typed results; every text made visible first (`visible_all`),
    so no patient text can drive the terminal."""
    for position, subject in enumerate(report.subjects):
        if position:
            console.rule()
        console.print(_subject(visible_all(subject)))


def stdout_console() -> Console:
    """A console for standard output: the terminal's, or plain text at the width of files and pipes.

    A closed pipe raises mgcheck.output.OutputClosed (the CLI stops quietly, exit 141), not Rich's exit 1.
    """
    from mgcheck.output import OutputClosed, no_color_requested
    from mgcheck.render.fit import output_width

    def pipe_closed() -> None:
        raise OutputClosed()

    console = safe_console()
    if not console.is_terminal:
        console = safe_console(width=output_width(), color_system=None, no_color=True)
    elif no_color_requested():
        # The terminal's width, but no colour and no markup at all: no bold, dim or italic either.
        console = safe_console(width=console.width, color_system=None, no_color=True)
    console.on_broken_pipe = pipe_closed  # type: ignore[method-assign]
    return console


def render_to_text(report: Report, width: int | None = None) -> str:
    """Plain text (no colour, no terminal codes) for --output files and pipes, `width` columns wide
    (default: COLUMNS, else fit.DEFAULT_WIDTH); text wraps, it is never cut."""
    from io import StringIO

    from mgcheck.render.fit import output_width

    width = width or output_width()

    buffer = StringIO()
    console = safe_console(file=buffer, width=width, color_system=None, force_terminal=False, no_color=True)
    render(report, console)
    return buffer.getvalue()
