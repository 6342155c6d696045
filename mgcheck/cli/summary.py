"""`mgcheck summary`: one row per subject, for scripts."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.console import console, progress, state, warn, warn_all, wrapped
from mgcheck.cli.options import LogOptions, SummaryFormat, log_options, request_for
from mgcheck.cli.report import exit_if_failing


@app.command()
@handled
@log_options(
    "logs", "sex", "age", "pregnant", "lactating", "condition", "standard", "profiles", "skip_incomplete", "output",
    "strict", "foods", "date_format", "input_format", "column_map", "recompute", "check", "quiet", "recipes", "book",
    "subject", "decimal_comma", "thousands_comma",
)  # fmt: skip
def summary(
    options: LogOptions,
    output_format: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help="Output format [default: table on a terminal, csv otherwise]."),
    ] = None,
) -> None:
    """One row per subject, for scripts: means, reference, IOM judgement, UL, unmatched share."""
    state["quiet"] = options.quiet
    output = options.output
    request = request_for(options)
    from mgcheck.pipeline import run
    from mgcheck.render import summary as summary_out

    with progress(options.quiet) as request.progress:
        assessment = run(request)
    warn_all(request.warnings)
    chosen = output_format or (SummaryFormat.table if output is None and sys.stdout.isatty() else SummaryFormat.csv)
    frame = summary_out.summary_frame(assessment)
    from mgcheck.population import NOT_A_PREVALENCE

    # Several subjects: their conclusions are not a prevalence (a footer, or a note on stderr for csv/json).
    footer = f"Note: {NOT_A_PREVALENCE}." if len(frame) > 1 else ""
    if chosen is SummaryFormat.table and output is None:
        shown = console()
        shown.print(summary_out.rich_table(frame, shown.width))
        if footer:
            shown.print(footer)
    else:
        from mgcheck.output import write_text

        renderers: dict[SummaryFormat, Callable[[Any], str]] = {
            SummaryFormat.csv: summary_out.to_csv,
            SummaryFormat.json: lambda f: summary_out.to_json(f, request.warnings),
            SummaryFormat.markdown: lambda f: summary_out.to_markdown(f) + (f"\n{footer}\n" if footer else ""),
            SummaryFormat.table: lambda f: summary_out.to_text(f) + "".join(f"{line}\n" for line in wrapped(footer)),
        }
        if footer and chosen in (SummaryFormat.csv, SummaryFormat.json):
            warn(NOT_A_PREVALENCE)
        write_text(renderers[chosen](frame), output)
    exit_if_failing(assessment, options.check)
