"""A clinic's food book (a folder of aliases.csv, foods.csv, recipes.csv): finding, reading, checking, extending it.

Which book is used: `--book DIR`, else the `MGCHECK_BOOK` environment variable, else a
`mgcheck.toml` in the working directory with `book = "DIR"` (relative to that file), else none.
The book's aliases are tried before the bundled ones; its foods get ids `book:<food_id>`; its
recipes are dishes like those of `--recipes`. Nothing is ever written outside the named book.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mgcheck.errors import MgcheckError, Problem, UsageProblem
from mgcheck.text import normalise

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.matching import FoodIndex
    from mgcheck.recipes import Recipe

ENV = "MGCHECK_BOOK"
CONFIG = "mgcheck.toml"
PREFIX = "book:"
ALIASES = "aliases.csv"
FOODS = "foods.csv"
RECIPES = "recipes.csv"
ALIAS_COLUMNS = ("alias", "food_id", "source")


def clinic_settings(cwd: Path | None = None) -> dict[str, Any]:
    """The settings of ./mgcheck.toml (`book`, `measures`), {} when there is none; MgcheckError naming the
    file when it cannot be read."""
    config = (cwd or Path.cwd()) / CONFIG
    if not config.is_file():
        return {}
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        settings: dict[str, Any] = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MgcheckError(Problem(f"cannot be read ({error})", str(config))) from None
    return settings


def find_book(option: str | None, cwd: Path | None = None) -> Path | None:
    """The book folder named by --book, MGCHECK_BOOK or ./mgcheck.toml (in that order), or None."""
    if option:
        return Path(option)
    env = os.environ.get(ENV, "").strip()
    if env:
        return Path(env)
    config = (cwd or Path.cwd()) / CONFIG
    settings = clinic_settings(cwd)
    if settings:
        book = settings.get("book")
        if book is None:
            return None
        if not isinstance(book, str) or not book.strip():
            raise MgcheckError(
                Problem("'book' must be a folder name in quotes, e.g. book = \"clinic-book\"", str(config))
            )
        return config.parent / book
    return None


def book_files(book_dir: str | None) -> list[str]:
    """The files a book may hold (an --output must never replace one)."""
    return [str(Path(book_dir) / name) for name in (ALIASES, FOODS, RECIPES)] if book_dir else []


TEACH_CHOICE = "the right food's id from the suggestions (or `mgcheck foods search`) in place of <food id>"


def teach_command(text: str, food_id: str | None = None) -> str:
    """The exact command that teaches the book a word: mgcheck book add-alias "cuppa" 14355.

    For an unmatched item no id is filled in (`<food id>`): the matcher refused every candidate as a
    confident match, so its first suggestion must not be offered as if it were right; the user picks
    one of the suggestions shown with it (TEACH_CHOICE says so)."""
    import shlex

    quoted = f'"{text}"' if not any(c in text for c in '"$`\\!') else shlex.quote(text)
    dashes = "-- " if text.startswith("-") else ""  # a word like "-x" is not an option
    return f"mgcheck book add-alias {dashes}{quoted} {shlex.quote(food_id) if food_id else '<food id>'}"


@dataclass
class Book:
    """What a book folder holds (each part optional)."""

    path: Path
    aliases: pd.DataFrame  # alias, food_id, source, row
    foods: pd.DataFrame | None  # custom foods with ids book:<id>
    recipes_file: str | None
    problems: list[Problem] = field(default_factory=list)


def _book_id(food_id: str) -> str:
    return food_id if food_id.startswith(PREFIX) else PREFIX + food_id


def load_book(path: Path) -> Book:
    """Read a book folder; a missing folder is an error, missing files are empty parts."""
    import pandas as pd

    if not path.is_dir():
        raise MgcheckError(
            Problem("is not a folder; a food book is a folder of aliases.csv, foods.csv, recipes.csv", str(path))
        )
    aliases = pd.DataFrame(columns=[*ALIAS_COLUMNS, "row"])
    problems: list[Problem] = []
    alias_path = path / ALIASES
    if alias_path.is_file():
        from mgcheck.importers.reading import normalise_header, read_table

        table, name = read_table(str(alias_path))
        table.columns = [normalise_header(c) for c in table.columns]
        missing = [c for c in ("alias", "food_id") if c not in table.columns]
        if missing:
            raise MgcheckError(
                Problem(f"missing column {', '.join(missing)}; aliases need alias, food_id, source", name)
            )
        if "source" not in table:
            table["source"] = ""
        table = table[list(ALIAS_COLUMNS)].fillna("").astype(str).apply(lambda c: c.str.strip())
        for row in table.index[(table["alias"] == "") | (table["food_id"] == "")]:
            problems.append(Problem("alias and food_id must not be empty", name, int(row)))
        numeric = table["food_id"].str.fullmatch(r"\d{1,5}")
        table.loc[numeric, "food_id"] = table.loc[numeric, "food_id"].str.zfill(5)
        table["row"] = table.index.astype(int)
        aliases = table[(table["alias"] != "") & (table["food_id"] != "")].reset_index(drop=True)
    foods = None
    if (path / FOODS).is_file():
        from mgcheck.custom_foods import read_custom_foods

        foods = read_custom_foods(str(path / FOODS))
        foods["food_id"] = foods["food_id"].map(_book_id)
        foods["food_group"] = foods["food_group"].replace("Clinic foods", "Clinic book")
    recipes = str(path / RECIPES) if (path / RECIPES).is_file() else None
    return Book(path, aliases, foods, recipes, problems)


@dataclass
class Catalogue:
    """Everything a run matches against: the index, the measures, and the dishes."""

    index: FoodIndex
    measures: pd.DataFrame
    recipes: dict[str, Recipe] = field(default_factory=dict)


def _same_file(first: str, second: str) -> bool:
    """Whether two paths name one file (any path, a symlink); a path that cannot be read is not the same."""
    try:
        return Path(first).samefile(second)
    except OSError:
        return False


def catalogue(
    foods_file: str | None, recipes_file: str | None, book_dir: Path | None, warnings: list[str]
) -> Catalogue:
    """The bundled tables plus --foods, the book (foods, aliases, recipes) and --recipes."""
    from mgcheck.pipeline import food_index

    index, measures = food_index(foods_file, warnings)
    if book_dir is None and recipes_file is None:
        return Catalogue(index, measures)
    import pandas as pd

    from mgcheck.matching import FoodIndex
    from mgcheck.recipes import add_dishes, compile_recipes, dish_foods, read_recipe_rows
    from mgcheck.resources import aliases as bundled_aliases

    foods = index.foods
    alias_table = bundled_aliases()
    rows = []
    if book_dir is not None:
        book = load_book(book_dir)
        if book.problems:
            raise MgcheckError(book.problems)
        if book.foods is not None:
            foods = pd.concat([book.foods, foods], ignore_index=True)
        known = set(foods["food_id"])
        for alias, food_id, row in book.aliases[["alias", "food_id", "row"]].itertuples(index=False):
            if food_id not in known and not food_id.startswith("recipe:"):
                warnings.append(
                    f"{book_dir / ALIASES}, row {row}: alias '{alias}' points at {food_id}, which no table has"
                )
        if len(book.aliases):
            alias_table = pd.concat([book.aliases[["alias", "food_id"]], alias_table], ignore_index=True)
        if book.recipes_file:
            rows += read_recipe_rows(book.recipes_file)
            if recipes_file is not None and _same_file(recipes_file, book.recipes_file):
                warnings.append(f"{recipes_file} is the same file as the book's {book.recipes_file}: read once")
                recipes_file = None
    if recipes_file is not None:
        rows += read_recipe_rows(recipes_file)
    from mgcheck.tables import combined_aliases, id_only_tables

    # Recipes alone (no book foods or aliases) match against the foods and aliases of the index in
    # hand: building the same index again cost each such run a second or more.
    if foods is not index.foods or alias_table is not combined_aliases(matching_only=True):
        index = FoodIndex.build(foods, alias_table, id_only_tables())
    recipes = compile_recipes(rows, index, measures) if rows else {}
    if recipes:
        index = add_dishes(index, recipes)
        dish_measures = dish_foods(recipes)[1]
        measures = pd.concat([measures, dish_measures], ignore_index=True)
        # Book aliases may name a dish: they join the index once the dishes exist.
        for alias, food_id in alias_table[["alias", "food_id"]].itertuples(index=False):
            if str(food_id) in recipes:
                index.alias.setdefault(normalise(str(alias)), str(food_id))
    return Catalogue(index, measures, recipes)


def _food_exists(food_id: str, book: Book | None) -> bool:
    from mgcheck.pipeline import food_index

    index, _ = food_index(None, [])
    if food_id in index.names:
        return True
    if book is None:
        return False
    if book.foods is not None and food_id in set(book.foods["food_id"]):
        return True
    if food_id.startswith("recipe:") and book.recipes_file:
        from mgcheck.recipes import dish_id, read_recipe_rows

        return any(normalise(dish_id(r.dish)) == normalise(food_id) for r in read_recipe_rows(book.recipes_file))
    return False


def add_alias(book_dir: Path, text: str, food_id: str, source: str | None = None, create: bool = False) -> str:
    """Append one alias to the book's aliases.csv (atomically); returns what was done, in words."""
    text = text.strip()
    food_id = food_id.strip()
    if not text or not normalise(text):
        raise UsageProblem("the alias text is empty")
    if not book_dir.exists():
        if not create:
            raise MgcheckError(
                Problem(
                    "does not exist; give --create to make this book folder, or name an existing one", str(book_dir)
                )
            )
        book_dir.mkdir(parents=True)
    if food_id.isdigit() and len(food_id) <= 5:
        food_id = food_id.zfill(5)
    book = load_book(book_dir)
    if not _food_exists(food_id, book):
        raise MgcheckError(
            Problem(
                f"no food with id '{food_id}' in the bundled tables or this book; try `mgcheck foods search`",
                str(book_dir),
            )
        )
    key = normalise(text)
    for alias, target, row in book.aliases[["alias", "food_id", "row"]].itertuples(index=False):
        if normalise(str(alias)) == key:
            if target == food_id:
                return f"'{text}' already points at {food_id} in {book_dir / ALIASES} (row {row}); nothing changed"
            raise MgcheckError(
                Problem(
                    f"'{alias}' already points at {target}; edit or remove that row first",
                    str(book_dir / ALIASES),
                    int(row),
                )
            )
    source = source or f"added with mgcheck book add-alias on {date.today().isoformat()}"
    _write_aliases(book_dir / ALIASES, book.aliases, (text, food_id, source))
    return f"added '{text}' -> {food_id} to {book_dir / ALIASES}"


def _write_aliases(path: Path, existing: pd.DataFrame, new: tuple[str, str, str]) -> None:
    """Rewrite aliases.csv with the new row: a temporary file in the book, then a rename."""
    from mgcheck.output import neutralise, write_text

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ALIAS_COLUMNS)
    for alias, food_id, source in existing[list(ALIAS_COLUMNS)].itertuples(index=False):
        writer.writerow([neutralise(alias), food_id, source])
    writer.writerow([neutralise(new[0]), new[1], new[2]])
    write_text(buffer.getvalue(), str(path))


def check_book(book_dir: Path) -> tuple[list[Problem], dict[str, int]]:
    """Every problem of a book: aliases that point nowhere, names defined twice, bad recipes."""
    book = load_book(book_dir)
    problems = list(book.problems)
    alias_file = str(book_dir / ALIASES)
    dishes: dict[str, tuple[str, int]] = {}
    if book.recipes_file:
        from mgcheck.recipes import read_recipe_rows

        for r in read_recipe_rows(book.recipes_file):
            dishes.setdefault(normalise(r.dish), (r.dish, r.row))
    known_ids = set(book.foods["food_id"]) if book.foods is not None else set()
    from mgcheck.pipeline import food_index

    bundled, _ = food_index(None, [])
    seen: dict[str, tuple[str, int, str]] = {}
    for alias, food_id, row in book.aliases[["alias", "food_id", "row"]].itertuples(index=False):
        key = normalise(str(alias))
        exists = food_id in bundled.names or food_id in known_ids
        if not exists and food_id.startswith("recipe:"):
            exists = normalise(food_id[len("recipe:") :]) in dishes
        if not exists and food_id.isdigit() and food_id.zfill(5) in bundled.names:
            exists = True
        if not exists:
            problems.append(Problem(f"alias '{alias}' points at {food_id}, which no table has", alias_file, int(row)))
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(f"alias '{alias}' is defined twice (first at row {first[1]})", alias_file, int(row))
            )
        else:
            seen[key] = (str(alias), int(row), food_id)
        if key in dishes:
            problems.append(Problem(f"alias '{alias}' is also the name of a dish in {RECIPES}", alias_file, int(row)))
        named = bundled.exact.get(key)
        if named is not None and named != food_id:
            problems.append(
                Problem(
                    f"alias '{alias}' is the exact name of {bundled.label(named)}; the name wins, so it is never used",
                    alias_file,
                    int(row),
                )
            )
    if book.foods is not None:
        foods_file = str(book_dir / FOODS)
        food_names = [str(name) for name in book.foods["name"]]
        first_row: dict[str, int] = {}
        for position, name in enumerate(food_names):
            key, row = normalise(name), position + 1
            if key in first_row:
                problems.append(
                    Problem(f"food name '{name}' is defined twice (first at row {first_row[key]})", foods_file, row)
                )
            first_row.setdefault(key, row)
            if key in seen:
                problems.append(Problem(f"food name '{name}' is also an alias in {ALIASES}", foods_file, row))
            if key in dishes:
                problems.append(Problem(f"food name '{name}' is also a dish in {RECIPES}", foods_file, row))
    counts = {
        "aliases": len(book.aliases),
        "foods": 0 if book.foods is None else len(book.foods),
        "recipes": len(dishes),
    }
    if book.recipes_file:
        try:
            catalogue(None, None, book_dir, [])
        except MgcheckError as error:
            problems += error.problems
    from mgcheck.pipeline import sorted_problems

    return sorted_problems(problems), counts
