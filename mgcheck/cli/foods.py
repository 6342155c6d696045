"""`mgcheck foods search|show`: look foods up in every food table."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from mgcheck.cli import foods_app, handled
from mgcheck.cli.console import console, stderr_line
from mgcheck.cli.options import DecimalCommaOpt, FoodsOpt, ThousandsCommaOpt, usage_of


@contextmanager
def _commas(decimal: bool, thousands: bool) -> Iterator[None]:
    """Read '1,200' in the --foods file as --decimal-comma or --thousands-comma says (else refused as ambiguous)."""
    from mgcheck.reading_options import comma_mode
    from mgcheck.units import COMMA

    with usage_of("--decimal-comma"):
        mode = comma_mode(decimal, thousands)
    token = COMMA.set(mode.value)
    try:
        yield
    finally:
        COMMA.reset(token)


@foods_app.command("search")
@handled
def foods_search(
    text: Annotated[str, typer.Argument(help="What to look for, as a clinician would write it.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="How many candidates.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    foods: FoodsOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    thousands_comma: ThousandsCommaOpt = False,
) -> None:
    """Ranked candidates from every table with magnesium per 100 g and per common portion.

    Exit 1 when no food matches (as grep), 2 for an empty query."""
    from mgcheck.cli.console import warn
    from mgcheck.foods_lookup import absent_note, search

    if not text.strip():
        raise typer.BadParameter("is empty; give the words to look for, e.g. 'brown rice'", param_hint="TEXT")

    with _commas(decimal_comma, thousands_comma):
        rows = search(text, limit, foods)
        note = absent_note(text, foods)
    if note is not None:
        warn(note)
    if as_json:
        import json

        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        if not rows:
            raise typer.Exit(1)
        return
    if not rows:
        # As grep: nothing on stdout (`foods search x | wc -l` counts hits), the reason on stderr, exit 1.
        stderr_line(f"mgcheck: no food matched '{text}': try fewer or other words")
        raise typer.Exit(1)
    from rich.table import Table

    table = Table(title=f"Foods matching '{text}'", title_justify="left")
    for column, justify in (
        ("Score", "right"),
        ("ID", "left"),
        ("Table", "left"),
        ("Food", "left"),
        ("Mg/100 g", "right"),
        ("Common portion", "left"),
        ("Mg/portion", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            f"{row['score']:.0f}",
            row["food_id"],
            row["table"],
            row["name"],
            f"{row['mg_per_100g']:g}",
            row["portion"] or "",
            f"{row['portion_mg']:.1f}" if row["portion_mg"] is not None else "",
        )
    console().print(table)


@foods_app.command("show")
@handled
def foods_show(
    food_id: Annotated[
        str, typer.Argument(help="Food id: SR28 NDB number 09040, FNDDS fndds:42302010, or a --foods id.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    foods: FoodsOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    thousands_comma: ThousandsCommaOpt = False,
) -> None:
    """One food: its table, source values and every household measure with grams and magnesium."""
    from mgcheck.foods_lookup import show

    with _commas(decimal_comma, thousands_comma):
        food = show(food_id, foods)
    if as_json:
        import json

        typer.echo(json.dumps(food, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    shown = console()
    shown.print(f"{food['name']} ({food['food_id']}), {food['food_group']}")
    shown.print(f"Table: {food['table_title']}")
    if food["other_names"]:
        shown.print("Also called: " + "; ".join(food["other_names"]))
    source = f"SR28 source code {food['mg_source_code']}: " if food["mg_source_code"] else ""
    shown.print(f"Magnesium {food['mg_per_100g']:g} mg per 100 g ({source}{food['mg_source'] or food['table']})")
    if food["measures"]:
        table = Table(box=None)
        for column, justify in (("Measure", "left"), ("Grams", "right"), ("Mg", "right")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for measure in food["measures"]:
            table.add_row(_measure_label(measure), f"{measure['grams']:g}", f"{measure['mg']:.1f}")
        shown.print(table)
    else:
        shown.print("No household measures: only the units below.")
    shown.print("Units it takes: " + ", ".join(food["units"]))


def _measure_label(measure: dict[str, Any]) -> str:
    """'1 cup, chopped'; USDA's weight for an unstated amount says what it is instead of '1 Quantity ...'."""
    from mgcheck.units import QUANTITY_NOT_SPECIFIED

    if measure["measure"].strip().lower() == QUANTITY_NOT_SPECIFIED:
        return "Quantity not specified (USDA: a serving of unstated size)"
    return f"{measure['amount']:g} {measure['measure']}"
