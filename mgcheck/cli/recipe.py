"""`mgcheck recipe show`: a home-made dish's breakdown."""

from typing import Annotated

import typer

from mgcheck.cli import handled, recipe_app
from mgcheck.cli.console import console, warn_all
from mgcheck.cli.options import BookOpt, FoodsOpt, book_dir


@recipe_app.command("show")
@handled
def recipe_show(
    recipes_file: Annotated[str, typer.Argument(metavar="FILE", help="Recipe CSV: dish, ingredient, amount, unit.")],
    dish: Annotated[str, typer.Argument(help="The dish's name as written in the file.")],
    foods: FoodsOpt = None,
    book: BookOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """One dish: each ingredient's food, table, grams, measure and magnesium; per serving and per 100 g."""
    from pathlib import Path

    from mgcheck.book import catalogue
    from mgcheck.recipes import find_dish

    warnings: list[str] = []
    folder = book_dir(book)
    found = catalogue(foods, recipes_file, Path(folder) if folder else None, warnings)
    recipe = find_dish(found.recipes, dish)
    warn_all(warnings)
    data = recipe.to_dict()
    if as_json:
        import json

        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.markup import escape
    from rich.table import Table

    shown = console()
    serving = (
        f"{data['mg_per_serving']:.1f} mg per serving ({data['grams_per_serving']:g} g), "
        if data["mg_per_serving"] is not None
        else ""
    )
    yields = f"{data['servings']:g} servings; " if data["servings"] else ""
    shown.print(escape(f"{recipe.dish} ({recipe.food_id}), from {recipe.file}"), highlight=False)
    shown.print(escape(f"Yield: {yields}{data['weight_basis']}"), highlight=False)
    shown.print(
        escape(f"Magnesium: {data['total_mg']:.1f} mg in all, {serving}{data['mg_per_100g']:.1f} mg per 100 g"),
        highlight=False,
    )
    table = Table(box=None)
    for column, justify in (("Row", "right"), ("Ingredient", "left"), ("Amount", "left"), ("Food", "left"),
                            ("Table", "left"), ("Grams", "right"), ("Measure used", "left"), ("Mg", "right")):  # fmt: skip
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for item in data["ingredients"]:
        table.add_row(
            str(item["row"]), escape(item["ingredient"]), escape(f"{item['amount']:g} {item['unit']}"),
            escape(f"{item['food_name']} ({item['food_id']})"), item["table"], f"{item['grams']:.1f}",
            escape(item["measure"]), f"{item['mg']:.1f}",
        )  # fmt: skip
    shown.print(table)
