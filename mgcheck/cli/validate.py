"""`mgcheck validate`: check logs without assessing them."""

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.console import state, warn_all
from mgcheck.cli.options import LogOptions, log_options, request_for
from mgcheck.errors import MgcheckError


@app.command()
@handled
@log_options(
    "logs", "strict", "foods", "date_format", "input_format", "column_map", "quiet", "recipes", "book", "subject",
    "decimal_comma", "thousands_comma", "measures",
)  # fmt: skip
def validate(options: LogOptions) -> None:
    """Check logs without assessing them: every problem with its file and row; exit 0 or 1."""
    from mgcheck.pipeline import validate as validate_logs

    state["quiet"] = options.quiet
    result = validate_logs(request_for(options))
    warn_all(result.warnings)
    if result.problems:
        raise MgcheckError(result.problems)
    typer.echo(
        f"ok: {result.items} items in {result.files} file(s), {result.subjects} subject(s), "
        f"{result.days} subject-day(s), {result.unmatched} unmatched food item(s)"
    )
