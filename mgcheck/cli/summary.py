"""`mgcheck summary`: one row per subject, for scripts."""

import sys
from typing import Annotated

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.console import state, warn, warn_all
from mgcheck.cli.options import (
    ASSESS_OPTIONS,
    LogOptions,
    assess,
    format_of_output,
    log_options,
    registry_choice,
    summary_formats,
)
from mgcheck.cli.report import exit_if_failing


@app.command()
@handled
@log_options(*ASSESS_OPTIONS)
def summary(
    options: LogOptions,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: the -o file's suffix (.json, .csv, .md), else table on a terminal, "
            "csv otherwise].",
            **registry_choice(summary_formats, any_case=True),
        ),
    ] = None,
) -> None:
    """One row per subject, for scripts: means, reference, IOM judgement, UL, unmatched share."""
    state["quiet"] = options.quiet
    output = options.output
    from mgcheck.render import summary as summary_out

    chosen = (  # before the logs are read: an -o suffix no format writes is a usage error
        output_format
        or format_of_output(output, summary_formats(), "CSV")
        or ("table" if output is None and sys.stdout.isatty() else "csv")
    )
    assessment = assess(options, keep_items=False)
    warn_all(list(assessment.warnings))
    from mgcheck import render
    from mgcheck.population import NOT_A_PREVALENCE

    renderer = render.get_summary(chosen)
    frame = summary_out.summary_frame(assessment)
    # Several subjects: their conclusions are not a prevalence (a note below the table, or on stderr).
    note = f"Note: {NOT_A_PREVALENCE}." if len(frame) > 1 else ""
    if note and not renderer.shows_note:
        warn(NOT_A_PREVALENCE)
    renderer.write(render.SummaryInput(frame, list(assessment.warnings), note), output)
    exit_if_failing(assessment, options.check)
