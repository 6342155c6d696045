"""`mgcheck template`: a ready-to-fill example log, or a recall tool's header layout."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.options import InputFormat


@app.command()
@handled
def template(
    template_format: Annotated[
        InputFormat, typer.Option("--format", "-f", help="Which layout: native, or a recall tool's export.")
    ] = InputFormat.native,
) -> None:
    """Print a ready-to-fill example log (native), or the header layout a recall-tool export must have."""
    from mgcheck.resources import data_path

    name = "native" if template_format is InputFormat.auto else template_format.value
    sys.stdout.write(data_path(f"templates/{name}.csv").read_text(encoding="utf-8"))
