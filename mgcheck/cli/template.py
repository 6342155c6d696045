"""`mgcheck template`: a ready-to-fill example log, or a recall tool's header layout."""

import sys
from typing import Annotated

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.options import registry_choice, template_formats


@app.command()
@handled
def template(
    template_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Which layout: native, or a recall tool's export.",
            **registry_choice(template_formats, any_case=True),
        ),
    ] = "native",
) -> None:
    """Print a ready-to-fill example log (native), or the header layout a recall-tool export must have."""
    from mgcheck import importers

    importer = importers.get(importers.FALLBACK if template_format == "auto" else template_format)
    sys.stdout.write(importers.template_path(importer).read_text(encoding="utf-8"))
