"""`mgcheck population`: a study's usual-intake distributions (NRC/IOM adjustment on a Box-Cox scale)."""

import sys
from typing import Annotated

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.console import state, warn_all
from mgcheck.cli.options import LogOptions, assess, format_of_output, log_options, population_formats, registry_choice


@app.command()
@handled
@log_options(
    "logs", "sex", "age", "standard", "profiles", "skip_incomplete", "output", "strict", "foods", "date_format",
    "input_format", "column_map", "recompute", "quiet", "decimal_comma", "thousands_comma", "measures",
)  # fmt: skip
def population(
    options: LogOptions,
    weights: Annotated[
        str | None,
        typer.Option("--weights", help="Column (log or --profiles) with each subject's survey weight, e.g. WTDRD1."),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Also report by sex, age-group, or a log or --profiles COLUMN.")
    ] = None,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", min=0, help="Bootstrap replicates for 95% CIs (0: none).")
    ] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 12,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: the -o file's suffix (.json, .csv, .md), else table on a terminal, "
            "csv otherwise].",
            **registry_choice(population_formats, any_case=True),
        ),
    ] = None,
) -> None:
    """A study's usual-intake distributions: prevalence below the EAR, share above the UL (NRC/IOM adjustment on a Box-Cox scale)."""
    state["quiet"] = options.quiet
    output = options.output
    from mgcheck.population import kept_columns
    from mgcheck.population import population as estimate_population
    from mgcheck.reference import CLI_OPTIONS

    chosen_format = (  # before the logs are read: an -o suffix no format writes is a usage error
        output_format
        or format_of_output(output, population_formats(), "CSV")
        or ("table" if output is None and sys.stdout.isatty() else "csv")
    )
    assessment = assess(options, keep_items=False, keep_columns=kept_columns(by, weights))
    result = estimate_population(
        assessment,
        profiles=options.profiles,
        by=by,
        weights=weights,
        bootstrap=bootstrap,
        seed=seed,
        option_names=CLI_OPTIONS,
    )
    warn_all(list(assessment.warnings))
    from mgcheck import render

    chosen = render.get_population(chosen_format)
    if not chosen.shows_notes:
        warn_all([f"{group.group}: {flag}" for group in result.groups for flag in group.flags] + list(result.checks))
    chosen.write(render.PopulationInput(result, list(assessment.warnings)), output)
