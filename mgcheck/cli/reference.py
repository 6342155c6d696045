"""`mgcheck reference`: reference intakes, the supplement salts and the named products."""

import sys
from typing import Annotated

import typer

from mgcheck.cli import app, handled
from mgcheck.cli.console import console
from mgcheck.cli.options import AgeOpt, LactatingOpt, PregnantOpt, SexOpt, StandardOpt


@app.command("reference")
@handled
def reference_command(
    sex: SexOpt = None,
    age: AgeOpt = None,
    pregnant: PregnantOpt = False,
    lactating: LactatingOpt = False,
    standard: StandardOpt = "iom",
    show_all: Annotated[bool, typer.Option("--all", help="Print the whole table of the standard.")] = False,
    salts: Annotated[bool, typer.Option("--salts", help="Print the supplement salts table.")] = False,
    products: Annotated[
        bool, typer.Option("--products", help="Print the named products whose strength is known (per ml or tablet).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Reference intakes for one profile, the whole table, the supplement salts or the named products."""
    import json

    from mgcheck.reference import lookup, make_profile

    if salts or products:
        from mgcheck.salts import salt_frame

        frame = salt_frame(products=products)
        if as_json:
            typer.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
        else:
            from mgcheck.render.reference_text import salts_table

            typer.echo(salts_table(frame), nl=False)
        return
    if show_all:
        from mgcheck import standards

        frame = standards.get(standard).frame()
        if as_json:
            typer.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
        else:
            from mgcheck.render import reference_text

            width = console().width
            sys.stdout.write(reference_text.reference_table(frame, min(width, reference_text.MAX_WIDTH)))
        return
    profile = make_profile(sex, age, pregnant, lactating)
    reference = lookup(profile, standard)
    values = {
        **profile.to_dict(),
        "life_stage": reference.life_stage,
        **reference.to_dict(),
        "table_row": reference.table_row,
        "source": reference.source,
    }
    if as_json:
        typer.echo(json.dumps(values, indent=2, ensure_ascii=False))
        return
    for key, value in values.items():
        typer.echo(f"{key:>17}: {'-' if value is None else value}")
