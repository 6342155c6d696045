"""`mgcheck report`: assess food logs and print the full report in the chosen format."""

from typing import Annotated, Any

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.console import state, warn_all
from mgcheck.cli.options import (
    ASSESS_OPTIONS,
    Audience,
    LogOptions,
    assess,
    format_of_output,
    log_options,
    registry_choice,
    report_formats,
    usage_of,
)
from mgcheck.errors import ExitCode


def exit_if_failing(assessment: Any, check: bool) -> None:
    """--check: exit 3 when some subject fails the check (mgcheck.check.check_failures): its usual
    intake judged inadequate, or its supplements and medicines above the UL on a day."""
    if check:
        from mgcheck.check import check_failures

        if check_failures(assessment.subjects):
            raise typer.Exit(int(ExitCode.INADEQUATE))


def _example_path() -> str:
    from mgcheck.resources import data_path

    return str(data_path("example_week.csv"))


@app.command()
@handled
@log_options(*ASSESS_OPTIONS)
def report(
    options: LogOptions,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: the -o file's suffix (.json, .csv, .md, .html, .pdf), else terminal].",
            **registry_choice(report_formats, any_case=True),
        ),
    ] = None,
    serum: Annotated[
        str | None,
        typer.Option(
            "--serum-mg",
            help="One patient's serum magnesium with its unit: '0.68 mmol/L', '1.7 mg/dL' or '1.4 mEq/L' "
            "(refused for logs of several subjects).",
        ),
    ] = None,
    example: Annotated[bool, typer.Option("--example", help="Assess the bundled example week.")] = False,
    audience: Annotated[
        Audience, typer.Option("--audience", help="html/pdf: a patient handout or the clinician's full record.")
    ] = Audience.patient,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief", help="One screen: profile, mean, conclusion, top sources, what to add (--format brief)."
        ),
    ] = False,
) -> None:
    """Assess food logs and print the full report (one section per subject)."""
    from dataclasses import replace

    state["quiet"] = options.quiet
    if brief and output_format not in (None, "terminal", "brief"):
        raise typer.BadParameter("--brief is the short terminal report; leave out --format", param_hint="--brief")
    if brief:
        output_format = "brief"  # --brief is --format brief
    else:
        output_format = (
            output_format or format_of_output(options.output, report_formats(), "terminal text") or "terminal"
        )
    if example:
        options = replace(options, logs=[*(options.logs or []), _example_path()])
        if options.sex is None and options.age is None and options.profiles is None:
            options = replace(options, sex="female", age="54")  # the example week belongs to a 54-year-old woman
    serum_value = None
    if serum is not None:
        from mgcheck.serum import parse_serum

        with usage_of(None):
            serum_value = parse_serum(serum)
    from mgcheck import render

    renderer = render.get(output_format)
    output = options.output
    if renderer.needs_file and (output is None or output == "-"):
        raise typer.BadParameter(
            f"a {output_format.upper()} needs a file: add -o FILE.{output_format}",
            param_hint=f"--format {output_format}",
        )
    assessment = assess(options)
    if serum_value is not None:
        from mgcheck.serum import require_one_subject

        with usage_of("--serum-mg"):
            require_one_subject(serum_value, len(assessment.subjects))
    warn_all(list(assessment.warnings))
    from mgcheck.gcpause import paused

    with paused():  # the report is built (if the format reads it) and written: no cycles to find
        renderer.write(render.ReportInput(assessment, serum_value, audience.value), output)
    exit_if_failing(assessment, options.check)
