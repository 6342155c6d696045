"""`mgcheck book add-alias|check`: a clinic's food book."""

from typing import Annotated, Any

import typer

from mgcheck.cli import book_app, handled
from mgcheck.cli.options import BookOpt, book_dir
from mgcheck.errors import MgcheckError


def _named_book(option: str | None) -> Any:
    from pathlib import Path

    from mgcheck.errors import UsageProblem

    found = book_dir(option)
    if found is None:
        raise UsageProblem(
            'no food book named: give --book DIR, set MGCHECK_BOOK, or write book = "DIR" in ./mgcheck.toml'
        )
    return Path(found)


@book_app.command("add-alias")
@handled
def book_add_alias(
    text: Annotated[str, typer.Argument(help="The word as the clinic writes it, e.g. cuppa.")],
    food_id: Annotated[str, typer.Argument(help="The food it means (see `mgcheck foods search`).")],
    book: BookOpt = None,
    create: Annotated[bool, typer.Option("--create", help="Create the book folder if it does not exist.")] = False,
    source: Annotated[str | None, typer.Option("--source", help="Who decided this, and why (source column).")] = None,
) -> None:
    """Teach the book a word: TEXT now means FOOD_ID (checked to exist); aliases.csv is rewritten atomically."""
    from mgcheck.book import add_alias

    typer.echo(add_alias(_named_book(book), text, food_id, source, create))


@book_app.command("check")
@handled
def book_check(book: BookOpt = None) -> None:
    """Check a book: every alias points at a food that exists, no name defined twice, recipes valid."""
    from mgcheck.book import check_book

    folder = _named_book(book)
    problems, counts = check_book(folder)
    if problems:
        raise MgcheckError(problems)
    typer.echo(f"ok: {folder}: {counts['aliases']} alias(es), {counts['foods']} food(s), {counts['recipes']} recipe(s)")
