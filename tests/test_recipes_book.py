"""Recipes (--recipes, recipe show) and the clinic food book (--book, book add-alias, book check)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import examples, report_json
from hypothesis import given, settings
from hypothesis import strategies as st

# Grandma's lentil soup, by hand from SR28 (foods.csv, measures.csv):
#   Lentils, raw (16069): 47 mg/100 g; 200 g                        -> 94.00 mg
#   Onions, raw (11282): 10 mg/100 g; 1 medium (2-1/2" dia) = 110 g -> 11.00 mg
#   Carrots, raw (11124): 12 mg/100 g; 1 medium = 61 g, two = 122 g  -> 14.64 mg
#   Oil, olive (04053): 0 mg/100 g; 1 tablespoon = 13.5 g            ->  0.00 mg
# Total 119.64 mg; 6 servings -> 19.94 mg each; cooked weight 1500 g -> 7.976 mg/100 g, 250 g a serving.
SOUP = """dish,ingredient,amount,unit,source
grandma's lentil soup,lentils raw,200,g,family recipe
grandma's lentil soup,onion,1,medium,
grandma's lentil soup,carrot,2,medium,
grandma's lentil soup,olive oil,1,tbsp,
grandma's lentil soup,yield,6,servings,
grandma's lentil soup,yield,1.5,kg,weighed after cooking
"""
SOUP_TOTAL = 94.0 + 11.0 + 14.64 + 0.0


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def soup(tmp_path: Path) -> Path:
    return write(tmp_path / "recipes.csv", SOUP)


def errors(result: Any) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("mgcheck: error:")]


def test_lentil_soup_breakdown_matches_hand_computed_sr28_values(invoke: Callable[..., Any], soup: Path) -> None:
    result = invoke("recipe", "show", soup, "grandma's lentil soup", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["food_id"] == "recipe:grandma's lentil soup"
    assert data["total_mg"] == pytest.approx(round(SOUP_TOTAL, 1))
    assert data["mg_per_serving"] == pytest.approx(round(SOUP_TOTAL / 6, 1))
    assert data["grams_per_serving"] == pytest.approx(250.0)
    assert data["mg_per_100g"] == pytest.approx(round(SOUP_TOTAL / 1500 * 100, 2))
    rows = {i["food_id"]: i for i in data["ingredients"]}
    assert [i["row"] for i in data["ingredients"]] == [1, 2, 3, 4]
    assert rows["16069"]["grams"] == 200.0 and rows["16069"]["mg"] == pytest.approx(94.0)
    assert rows["11282"]["grams"] == 110.0 and rows["11282"]["mg"] == pytest.approx(11.0)
    assert rows["11124"]["grams"] == 122.0 and rows["11124"]["mg"] == pytest.approx(14.64)
    assert rows["04053"]["grams"] == 13.5 and rows["04053"]["mg"] == 0.0
    assert {i["table"] for i in data["ingredients"]} == {"sr28"}
    assert rows["11124"]["measure"] == "1 medium = 61 g"


def test_amount_and_unit_in_one_cell_as_in_logs(invoke: Callable[..., Any], tmp_path: Path) -> None:
    recipes = write(tmp_path / "r.csv", "dish,ingredient,amount,unit\ndal,lentils raw,200g,\ndal,yield,4 servings,\n")
    result = invoke("recipe", "show", recipes, "dal", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ingredients"][0]["grams"] == 200.0 and data["servings"] == 4.0
    assert data["mg_per_serving"] == pytest.approx(23.5)


def test_recipe_show_prints_a_table(invoke: Callable[..., Any], soup: Path) -> None:
    result = invoke("recipe", "show", soup, "Grandma's Lentil Soup")
    assert result.exit_code == 0, result.stderr
    assert "119.6 mg in all, 19.9 mg per serving (250 g), 8.0 mg per 100 g" in result.stdout
    assert "Lentils, raw (16069)" in result.stdout
    assert "cooked weight 1500 g" in result.stdout


def test_recipe_show_unknown_dish_lists_the_dishes(invoke: Callable[..., Any], soup: Path) -> None:
    result = invoke("recipe", "show", soup, "minestrone")
    assert result.exit_code == 1
    assert "no dish 'minestrone'; the dishes are: grandma's lentil soup" in result.stderr


def test_log_naming_the_dish_uses_it_in_servings_and_grams(
    invoke: Callable[..., Any], soup: Path, write_log: Callable[..., Path]
) -> None:
    log = write_log(
        "date,food,amount,unit\n2026-11-02,grandma's lentil soup,1,serving\n2026-11-02,Grandma's lentil soup,300,g\n"
    )
    data = report_json(invoke("report", log, "--sex", "F", "--age", "54", "--recipes", soup, "--format", "json"))
    items = data["subjects"][0]["items"]
    assert [i["food_id"] for i in items] == ["recipe:grandma's lentil soup"] * 2
    assert items[0]["grams"] == 250.0 and items[0]["mg"] == pytest.approx(round(SOUP_TOTAL / 6, 1))
    assert items[1]["grams"] == 300.0 and items[1]["mg"] == pytest.approx(round(SOUP_TOTAL * 300 / 1500, 1))
    recipe = items[0]["recipe"]
    assert recipe["total_mg"] == pytest.approx(119.6)
    assert [i["food_id"] for i in recipe["ingredients"]] == ["16069", "11282", "11124", "04053"]
    assert data["subjects"][0]["unmatched"] == []


def test_recipe_line_in_terminal_and_markdown(
    invoke: Callable[..., Any], soup: Path, write_log: Callable[..., Path]
) -> None:
    log = write_log("date,food,amount,unit\n2026-11-02,grandma's lentil soup,2,servings\n")
    for fmt in ("terminal", "markdown"):
        result = invoke("report", log, "--sex", "F", "--age", "54", "--recipes", soup, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert (
            "recipe: 119.6 mg in all, 19.9 mg per serving, 8.0 mg/100 g; most from lentils raw 94.0 mg" in result.stdout
        )


def test_exact_dish_name_wins_over_the_bundled_alias(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    # "oatmeal" is a bundled alias (08121); the clinic's dish of that name is what its logs mean.
    recipes = write(
        tmp_path / "r.csv",
        "dish,ingredient,amount,unit\noatmeal,oats dry,40,g\noatmeal,milk,1,cup\noatmeal,yield,1,serving\n",
    )
    log = write_log("date,food,amount,unit\n2026-11-02,oatmeal,1,serving\n")
    data = report_json(invoke("report", log, "--sex", "F", "--age", "54", "--recipes", recipes, "-f", "json"))
    item = data["subjects"][0]["items"][0]
    assert item["food_id"] == "recipe:oatmeal"
    assert item["mg"] == pytest.approx(item["recipe"]["total_mg"], abs=0.06)


def test_a_dish_may_use_another_dish(invoke: Callable[..., Any], tmp_path: Path) -> None:
    recipes = write(
        tmp_path / "r.csv",
        SOUP + "soup and bread,grandma's lentil soup,2,servings\nsoup and bread,whole wheat bread,2,slice\n"
        "soup and bread,yield,2,servings\n",
    )
    result = invoke("recipe", "show", recipes, "soup and bread", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    soup_row = data["ingredients"][0]
    assert soup_row["food_id"] == "recipe:grandma's lentil soup" and soup_row["table"] == "recipe"
    assert soup_row["grams"] == 500.0
    assert soup_row["mg"] == pytest.approx(SOUP_TOTAL / 3, abs=0.01)


def test_a_dish_that_uses_itself_is_an_error_with_file_and_row(invoke: Callable[..., Any], tmp_path: Path) -> None:
    recipes = write(
        tmp_path / "r.csv",
        "dish,ingredient,amount,unit\nstock,water,1,l\nstock,stock,1,cup\nstock,yield,4,servings\n",
    )
    result = invoke("recipe", "show", recipes, "stock")
    assert result.exit_code == 1
    assert errors(result) == [f"mgcheck: error: {recipes}, row 2: dish 'stock' uses itself"]


def test_a_cycle_through_another_dish_is_an_error(invoke: Callable[..., Any], tmp_path: Path) -> None:
    recipes = write(
        tmp_path / "r.csv",
        "dish,ingredient,amount,unit\n"
        "sauce,gravy,1,serving\nsauce,yield,2,servings\n"
        "gravy,sauce,1,serving\ngravy,yield,2,servings\n",
    )
    result = invoke("recipe", "show", recipes, "sauce")
    assert result.exit_code == 1
    assert "uses itself through another dish (sauce -> gravy -> sauce)" in result.stderr
    assert f"{recipes}, row 3:" in result.stderr


def test_every_bad_recipe_row_is_reported_with_its_row(invoke: Callable[..., Any], tmp_path: Path) -> None:
    recipes = write(
        tmp_path / "r.csv",
        "dish,ingredient,amount,unit\n"
        "mystery stew,zzqx flurble,1,cup\n"  # 1 unknown
        "mystery stew,shepherd's pie,30,g\n"  # 2 ambiguous (FNDDS: with beef or with lamb)
        "mystery stew,banana,lots,medium\n"  # 3 bad amount
        "mystery stew,banana,1,furlong\n"  # 4 bad unit
        "mystery stew,banana,-2,medium\n"  # 5 negative
        "mystery stew,yield,3,bowls\n"  # 6 bad yield unit
        "no yield pie,banana,1,medium\n",  # 7 no yield
    )
    result = invoke("recipe", "show", recipes, "mystery stew")
    assert result.exit_code == 1
    lines = errors(result)
    where = [line.split(": ")[2] for line in lines]
    assert where == [f"{recipes}, row {n}" for n in (1, 2, 3, 4, 5, 6, 7)], lines
    text = "\n".join(lines)
    assert "unknown ingredient 'zzqx flurble'" in text
    assert "ambiguous ingredient 'shepherd's pie'" in text and "did you mean:" in text
    assert "amount 'lots' of banana is not a positive number" in text
    assert "'furlong' is not a unit this food can take" in text
    assert "yield unit 'bowls' is not servings or a mass unit" in text
    assert "dish 'no yield pie' has no yield" in text


def test_recipe_errors_stop_a_report_with_exit_1(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    recipes = write(tmp_path / "r.csv", "dish,ingredient,amount,unit\npie,banana,1,medium\n")
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "--recipes", recipes)
    assert result.exit_code == 1
    assert f"{recipes}, row 1: dish 'pie' has no yield" in result.stderr


def test_recipe_file_without_its_columns(invoke: Callable[..., Any], tmp_path: Path) -> None:
    recipes = write(tmp_path / "r.csv", "dish,food,amount\npie,banana,1\n")
    result = invoke("recipe", "show", recipes, "pie")
    assert result.exit_code == 1
    assert "missing column ingredient, unit" in result.stderr


def test_grams_of_a_dish_without_cooked_weight_is_an_error(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    recipes = write(tmp_path / "r.csv", "dish,ingredient,amount,unit\npie,banana,4,medium\npie,yield,4,servings\n")
    log = write_log("date,food,amount,unit\n2026-11-02,pie,1,serving\n2026-11-02,pie,200,g\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "--recipes", recipes)
    assert result.exit_code == 1
    assert errors(result) == [
        f"mgcheck: error: {log}, row 2: grams of the dish 'pie' need its cooked weight: add a row "
        "'pie,yield,<weight>,g' to its recipe, or give servings"
    ]
    ok = write_log("date,food,amount,unit\n2026-11-02,pie,1,serving\n")
    data = report_json(invoke("report", ok, "--sex", "F", "--age", "54", "--recipes", recipes, "-f", "json"))
    item = data["subjects"][0]["items"][0]
    # 4 medium bananas (118 g, 27 mg/100 g) in 4 servings: one serving is one banana's weight.
    assert item["grams"] == 118.0 and item["mg"] == pytest.approx(31.9)


def test_adding_dishes_leaves_the_index_it_was_given_as_it_was(soup: Path) -> None:
    """One built index serves many runs (the bundled one in every process, a clinic table's one in the
    tests' cache): add_dishes makes a new index with the dishes, and writes nothing into the one given."""
    from mgcheck.matching import bundled_index
    from mgcheck.recipes import add_dishes, compile_recipes, read_recipe_rows
    from mgcheck.resources import bundled_measures
    from mgcheck.text import normalise

    index = bundled_index()
    state = (dict(index.names), dict(index.exact), dict(index.exact_unordered), dict(index.alias), len(index.foods))
    recipes = compile_recipes(read_recipe_rows(str(soup)), index, bundled_measures())
    assert index.mg_per_100g["16069"] == 47.0  # worked out before the dishes are added, as a match may do
    with_dishes = add_dishes(index, recipes)
    dish = "recipe:grandma's lentil soup"
    assert (
        dict(index.names),
        dict(index.exact),
        dict(index.exact_unordered),
        dict(index.alias),
        len(index.foods),
    ) == state
    assert dish not in index.mg_per_100g
    assert (
        with_dishes.exact[normalise("grandma's lentil soup")] == dish
        and with_dishes.names[dish] == "grandma's lentil soup"
    )
    assert with_dishes.mg_per_100g[dish] == pytest.approx(SOUP_TOTAL / 1500 * 100)
    assert len(with_dishes.foods) == len(index.foods) + 1 and with_dishes.alias is not index.alias


def test_recipes_alone_are_matched_with_the_index_in_hand(
    invoke: Callable[..., Any],
    soup: Path,
    write_log: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression (speed): a run with --recipes, or a book of recipes only, built the food index again
    over the same foods and aliases as the bundled one (1.3 s of CPU in each run); book foods still
    make a new one. FoodIndex.build is replaced by a recorder that hands back the bundled index."""
    from mgcheck.matching import FoodIndex, bundled_index

    bundled = bundled_index()
    built: list[int] = []
    monkeypatch.setattr(FoodIndex, "build", classmethod(lambda cls, foods, *rest: built.append(len(foods)) or bundled))
    log = write_log("date,food,amount,unit\n2026-11-02,grandma's lentil soup,1,serving\n2026-11-02,lentils raw,100,g\n")
    book = write(tmp_path / "book" / "recipes.csv", SOUP).parent
    for source in (("--recipes", soup), ("--book", book)):
        items = report_json(invoke("report", log, "--sex", "F", "--age", "54", *source, "-f", "json"))["subjects"][0][
            "items"
        ]
        assert [(i["food_id"], i["mg"]) for i in items] == [("recipe:grandma's lentil soup", 19.9), ("16069", 47.0)]
    assert built == []
    write(book / "foods.csv", "food_id,name,mg_per_100g\nB1,Clinic bar,150\n")
    report_json(invoke("report", log, "--sex", "F", "--age", "54", "--book", book, "-f", "json"))
    assert built == [len(bundled.foods) + 1]


def test_validate_takes_recipes(invoke: Callable[..., Any], soup: Path, write_log: Callable[..., Path]) -> None:
    log = write_log("date,food,amount,unit\n2026-11-02,grandma's lentil soup,1,serving\n")
    result = invoke("validate", log, "--recipes", soup)
    assert result.exit_code == 0, result.stderr
    assert "0 unmatched" in result.stdout


@settings(max_examples=examples(30), deadline=None)
@given(servings=st.integers(min_value=1, max_value=40), grams=st.integers(min_value=1, max_value=2000))
def test_per_serving_times_servings_is_the_total(servings: int, grams: int) -> None:
    from mgcheck.matching import bundled_index
    from mgcheck.recipes import RecipeRow, compile_recipes
    from mgcheck.resources import bundled_measures

    rows = [
        RecipeRow("r.csv", 1, "dal", "lentils raw", str(grams), "g"),
        RecipeRow("r.csv", 2, "dal", "yield", str(servings), "servings"),
    ]
    recipe = compile_recipes(rows, bundled_index(), bundled_measures())["recipe:dal"]
    assert recipe.total_mg == pytest.approx(grams * 0.47)
    assert recipe.mg_per_serving is not None
    assert recipe.mg_per_serving * servings == pytest.approx(recipe.total_mg)
    assert recipe.mg_per_100g == pytest.approx(47.0)  # no cooked weight: the weight of its ingredients


# ---- the clinic food book ---------------------------------------------------------------------


@pytest.mark.slow
def test_cuppa_alias_taught_to_the_book_is_used(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = tmp_path / "book"
    log = write_log("date,food,amount,unit\n2026-11-02,cuppa,1,cup\n")
    before = report_json(invoke("report", log, "--sex", "F", "--age", "54", "-f", "json"))
    unmatched = before["subjects"][0]["unmatched"]
    assert [u["food"] for u in unmatched] == ["cuppa"]
    assert unmatched[0]["teach"] == 'mgcheck book add-alias "cuppa" <food id>'

    result = invoke("book", "add-alias", "cuppa", "14355", "--book", book, "--create")
    assert result.exit_code == 0, result.stderr
    assert f"added 'cuppa' -> 14355 to {book / 'aliases.csv'}" in result.stdout
    lines = (book / "aliases.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "alias,food_id,source" and lines[1].startswith("cuppa,14355,added with mgcheck book add-alias")
    assert sorted(p.name for p in book.iterdir()) == ["aliases.csv"]  # nothing else written, no temporary left

    monkeypatch.setenv("MGCHECK_BOOK", str(book))
    after = report_json(invoke("report", log, "--sex", "F", "--age", "54", "-f", "json"))
    item = after["subjects"][0]["items"][0]
    assert item["food_id"] == "14355" and item["grams"] == 237.0 and item["mg"] == pytest.approx(7.1)


def test_a_book_alias_of_more_than_eight_words_is_matched(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    """A clinic's alias of twelve words crashed every report with an internal error (AssertionError, exit
    70): the matcher's one-lookup penalties held eight words a row. Such an index reads its rules one by one."""
    book = tmp_path / "book"
    alias = "my grandmothers special slow cooked beef barley and vegetable stew soup"
    assert invoke("book", "add-alias", alias, "06128", "--book", book, "--create").exit_code == 0
    log = write_log(f"date,food,amount,unit\n2026-11-02,{alias},200,g\n2026-11-02,almonds,1,oz\n")
    result = invoke("report", log, "--book", book, "--sex", "F", "--age", "54", "-f", "json")
    assert result.exit_code == 0, result.stderr
    items = report_json(result)["subjects"][0]["items"]
    assert [(item["food_id"], item["grams"]) for item in items] == [("06128", 200.0), ("12061", 28.35)]


def test_unmatched_message_offers_the_suggestions_without_prefilling_a_refused_one(
    invoke: Callable[..., Any], write_log: Callable[..., Path]
) -> None:
    # Regression: the command pre-filled the first suggestion (14355, tea), a food the matcher had
    # refused as a confident match, as if it were right.
    log = write_log("date,food,amount,unit\n2026-11-02,cuppa tea,1,cup\n")
    data = report_json(invoke("report", log, "--sex", "F", "--age", "54", "-f", "json"))
    (unmatched,) = data["subjects"][0]["unmatched"]
    assert unmatched["teach"] == 'mgcheck book add-alias "cuppa tea" <food id>'
    assert any(s.endswith("(14355)") for s in unmatched["suggestions"])
    choose = "the right food's id from the suggestions (or `mgcheck foods search`) in place of <food id>"
    terminal = " ".join(invoke("report", log, "--sex", "F", "--age", "54").stdout.split())
    assert f'teach the book: mgcheck book add-alias "cuppa tea" <food id>, with {choose}' in terminal
    assert "14355" in terminal.split("teach the book")[0]  # among the suggestions shown before it
    markdown = invoke("report", log, "--sex", "F", "--age", "54", "-f", "markdown").stdout
    assert (
        f"with {choose.replace('<food id>', '`<food id>`')}:" in markdown
        and 'mgcheck book add-alias "cuppa tea" <food id>' in markdown
    )
    validated = " ".join(invoke("validate", log).stderr.split())
    assert f'to teach the clinic book this word: mgcheck book add-alias "cuppa tea" <food id>, with {choose}' in (
        validated
    )


@pytest.mark.slow
def test_book_aliases_come_before_bundled_aliases(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    book = write(
        tmp_path / "book" / "aliases.csv", "alias,food_id,source\nbanana,09277,our patients mean plantain\n"
    ).parent
    log = write_log("date,food,amount,unit\n2026-11-02,banana,100,g\n")
    data = report_json(invoke("report", log, "--sex", "F", "--age", "54", "--book", book, "-f", "json"))
    assert data["subjects"][0]["items"][0]["food_id"] == "09277"
    plain = report_json(invoke("report", log, "--sex", "F", "--age", "54", "-f", "json"))
    assert plain["subjects"][0]["items"][0]["food_id"] == "09040"


@pytest.mark.slow
def test_book_foods_and_recipes(invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]) -> None:
    book = tmp_path / "book"
    write(
        book / "foods.csv",
        "food_id,name,mg_per_100g,source\ngranola1,our house granola,120,label of the clinic's granola\n",
    )
    write(book / "aliases.csv", "alias,food_id,source\nhouse granola,book:granola1,clinic\n")
    write(book / "recipes.csv", SOUP)
    log = write_log(
        "date,food,amount,unit\n2026-11-02,house granola,50,g\n2026-11-02,grandma's lentil soup,1,serving\n"
    )
    data = report_json(invoke("report", log, "--sex", "F", "--age", "54", "--book", book, "-f", "json"))
    items = data["subjects"][0]["items"]
    assert items[0]["food_id"] == "book:granola1" and items[0]["mg"] == pytest.approx(60.0)
    assert items[1]["food_id"] == "recipe:grandma's lentil soup"
    result = invoke("book", "check", "--book", book)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"ok: {book}: 1 alias(es), 1 food(s), 1 recipe(s)"


@pytest.mark.slow
def test_book_precedence_option_then_environment_then_toml(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def book(name: str, food_id: str) -> Path:
        return write(tmp_path / name / "aliases.csv", f"alias,food_id,source\nmy fruit,{food_id},test\n").parent

    toml_book, env_book, option_book = book("t", "09040"), book("e", "09003"), book("o", "09277")
    log = write_log("date,food,amount,unit\n2026-11-02,my fruit,100,g\n")

    def matched(*extra: object) -> str:
        data = report_json(invoke("report", log, "--sex", "F", "--age", "54", "-f", "json", *extra))
        return str(data["subjects"][0]["items"][0]["food_id"])

    write(Path.cwd() / "mgcheck.toml", f'book = "{os.path.relpath(toml_book)}"\n')
    assert matched() == "09040"
    monkeypatch.setenv("MGCHECK_BOOK", str(env_book))
    assert matched() == "09003"
    assert matched("--book", option_book) == "09277"


def test_add_alias_refuses_an_unknown_food_and_writes_nothing(invoke: Callable[..., Any], tmp_path: Path) -> None:
    book = tmp_path / "book"
    book.mkdir()
    result = invoke("book", "add-alias", "cuppa", "99999", "--book", book)
    assert result.exit_code == 1
    assert "no food with id '99999'" in result.stderr
    assert list(book.iterdir()) == []


def test_add_alias_needs_a_named_book_and_creates_it_only_when_asked(
    invoke: Callable[..., Any], tmp_path: Path
) -> None:
    result = invoke("book", "add-alias", "cuppa", "14355")
    assert result.exit_code == 2
    assert "no food book named" in result.stderr
    assert list(Path.cwd().iterdir()) == []
    missing = tmp_path / "not-yet"
    result = invoke("book", "add-alias", "cuppa", "14355", "--book", missing)
    assert result.exit_code == 1
    assert "give --create" in result.stderr
    assert not missing.exists()


def test_add_alias_twice(invoke: Callable[..., Any], tmp_path: Path) -> None:
    book = tmp_path / "book"
    assert invoke("book", "add-alias", "cuppa", "14355", "--book", book, "--create").exit_code == 0
    again = invoke("book", "add-alias", "Cuppa", "14355", "--book", book)
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    other = invoke("book", "add-alias", "cuppa", "14278", "--book", book)
    assert other.exit_code == 1
    assert f"{book / 'aliases.csv'}, row 1: 'cuppa' already points at 14355" in other.stderr
    assert len((book / "aliases.csv").read_text(encoding="utf-8").splitlines()) == 2


def test_add_alias_may_point_at_a_book_food(invoke: Callable[..., Any], tmp_path: Path) -> None:
    book = write(tmp_path / "book" / "foods.csv", "food_id,name,mg_per_100g\ngranola1,our house granola,120\n").parent
    assert invoke("book", "add-alias", "granola", "book:granola1", "--book", book).exit_code == 0
    assert invoke("book", "check", "--book", book).exit_code == 0


@pytest.mark.slow
def test_book_check_finds_every_problem(invoke: Callable[..., Any], tmp_path: Path) -> None:
    book = tmp_path / "book"
    write(
        book / "aliases.csv",
        "alias,food_id,source\ncuppa,14355,a\nbrew,00000,b\nCuppa,14278,c\nstew,09040,d\n",
    )
    write(book / "foods.csv", "food_id,name,mg_per_100g\ng1,granola,100\ng2,Granola,110\n")
    write(book / "recipes.csv", "dish,ingredient,amount,unit\nstew,stew,1,serving\nstew,yield,2,servings\n")
    result = invoke("book", "check", "--book", book)
    assert result.exit_code == 1
    text = result.stderr
    aliases, foods, recipes = book / "aliases.csv", book / "foods.csv", book / "recipes.csv"
    assert f"{aliases}, row 2: alias 'brew' points at 00000, which no table has" in text
    assert f"{aliases}, row 3: alias 'Cuppa' is defined twice (first at row 1)" in text
    assert f"{aliases}, row 4: alias 'stew' is also the name of a dish in recipes.csv" in text
    assert f"{foods}, row 2: food name 'Granola' is defined twice (first at row 1)" in text
    assert f"{recipes}, row 1: dish 'stew' uses itself" in text


def test_book_that_is_not_a_folder(invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]) -> None:
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "--book", tmp_path / "nope")
    assert result.exit_code == 1
    assert "is not a folder" in result.stderr


@settings(max_examples=examples(200), deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30))
def test_teach_command_is_one_shell_word_per_argument(text: str) -> None:
    import shlex

    from mgcheck.book import teach_command

    words = shlex.split(teach_command(text, "14355"))
    if text.startswith("-"):
        assert words[3] == "--"
        words.pop(3)
    assert words == ["mgcheck", "book", "add-alias", text, "14355"]


def test_output_never_replaces_a_book_file(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    book = write(tmp_path / "book" / "aliases.csv", "alias,food_id,source\ncuppa,14355,a\n").parent
    log = write_log("date,food,amount,unit\n2026-11-02,cuppa,1,cup\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "--book", book, "-o", book / "aliases.csv")
    assert result.exit_code == 1
    assert "mgcheck will not write over its own input" in result.stderr
    assert (book / "aliases.csv").read_text(encoding="utf-8") == "alias,food_id,source\ncuppa,14355,a\n"


def test_unreadable_mgcheck_toml_is_an_error_naming_it(
    invoke: Callable[..., Any], write_log: Callable[..., Path]
) -> None:
    write(Path.cwd() / "mgcheck.toml", "book = \n")
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    result = invoke("report", log, "--sex", "F", "--age", "54")
    assert result.exit_code == 1
    assert "mgcheck.toml: cannot be read" in result.stderr


def test_the_books_own_recipe_file_named_again_is_read_once(
    invoke: Callable[..., Any], tmp_path: Path, write_log: Callable[..., Path]
) -> None:
    # `recipe show book/recipes.csv DISH` with that book active refused every dish as defined twice.
    book = tmp_path / "book"
    recipes = write(book / "recipes.csv", SOUP)
    result = invoke("recipe", "show", recipes, "grandma's lentil soup", "--book", book, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["total_mg"] == pytest.approx(round(SOUP_TOTAL, 1))
    assert f"{recipes} is the same file as the book's {recipes}: read once" in result.stderr
    log = write_log("date,food,amount,unit\n2026-11-02,grandma's lentil soup,1,serving\n")
    data = report_json(
        invoke("report", log, "--sex", "F", "--age", "54", "--book", book, "--recipes", recipes, "-q", "-f", "json")
    )
    assert data["subjects"][0]["items"][0]["mg"] == pytest.approx(SOUP_TOTAL / 6, abs=0.05)
