"""Home-made dishes (--recipes FILE, a book's recipes.csv): ingredients resolved into Mg per serving and per 100 g.

A recipe file has the columns `dish, ingredient, amount, unit` (optional `source`, `notes`).
Each row is one ingredient of a dish, written as a log line would be; a row whose ingredient
is `yield` gives the dish's yield: `servings` (or `portions`), or the cooked weight in a mass
unit (g, kg, oz, lb). A dish needs at least one yield row. An ingredient may name another dish.

A dish becomes an ordinary food with the id `recipe:<dish>`: its magnesium is the sum of its
ingredients' (each traceable: food id, table, grams, measure, mg). Its weight is the cooked
weight when given, else the weight of its ingredients; mass units of a dish need the cooked
weight, `serving` needs the servings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mgcheck.errors import MgcheckError, Problem
from mgcheck.text import normalise
from mgcheck.units import (
    GROUP_UNITS,
    MASS_G,
    Measure,
    UnitError,
    canonical_unit,
    convert_unit,
    food_group_of,
    measure_from_row,
    parse_amount,
    split_amount_unit,
)

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.matching import FoodIndex

REQUIRED = ("dish", "ingredient", "amount", "unit")
PREFIX = "recipe:"
YIELD_WORD = "yield"
SERVING_UNITS = {"serving": "serving", "portion": "serving"}
# Count words a log may use for one serving of a dish.
SERVING_WORDS = {"serving", "portion", "each", "whole", "piece", "item", "unit", "ea", "pc", "x", "count", "number"}
FOOD_GROUP = "Clinic recipes"


@dataclass(frozen=True)
class RecipeRow:
    """One row of a recipe file, as written."""

    file: str
    row: int
    dish: str
    ingredient: str
    amount: str
    unit: str


@dataclass(frozen=True)
class Ingredient:
    """One resolved ingredient of a dish: what was written and where each figure came from."""

    row: int
    text: str
    amount: float
    unit: str
    food_id: str
    food_name: str
    table: str
    match_method: str
    match_score: float
    grams: float
    measure: str
    mg: float
    kcal: float | None
    calcium_mg: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "ingredient": self.text,
            "amount": self.amount,
            "unit": self.unit,
            "food_id": self.food_id,
            "food_name": self.food_name,
            "table": self.table,
            "match_method": self.match_method,
            "match_score": round(self.match_score, 1),
            "grams": round(self.grams, 2),
            "measure": self.measure,
            "mg": round(self.mg, 2),
        }


@dataclass(frozen=True)
class Recipe:
    """A dish with its resolved ingredients and yield."""

    dish: str
    file: str
    row: int  # first row of the dish
    ingredients: tuple[Ingredient, ...]
    servings: float | None
    cooked_grams: float | None

    @property
    def food_id(self) -> str:
        return dish_id(self.dish)

    @property
    def total_mg(self) -> float:
        return sum(i.mg for i in self.ingredients)

    @property
    def ingredient_grams(self) -> float:
        return sum(i.grams for i in self.ingredients)

    @property
    def weight_grams(self) -> float:
        """The cooked weight when given, else the weight of the ingredients."""
        return self.cooked_grams if self.cooked_grams is not None else self.ingredient_grams

    @property
    def mg_per_100g(self) -> float:
        weight = self.weight_grams
        return self.total_mg / weight * 100.0 if weight > 0 else 0.0

    @property
    def grams_per_serving(self) -> float | None:
        return self.weight_grams / self.servings if self.servings else None

    @property
    def mg_per_serving(self) -> float | None:
        return self.total_mg / self.servings if self.servings else None

    def _per_100g(self, values: list[float | None]) -> float | None:
        if any(v is None for v in values) or self.weight_grams <= 0:
            return None
        return sum(v for v in values if v is not None) / self.weight_grams * 100.0

    @property
    def kcal_per_100g(self) -> float | None:
        return self._per_100g([i.kcal for i in self.ingredients])

    @property
    def calcium_mg_per_100g(self) -> float | None:
        return self._per_100g([i.calcium_mg for i in self.ingredients])

    def measures(self) -> list[Measure]:
        """The household measures of the dish: one serving (when the servings are known)."""
        per_serving = self.grams_per_serving
        if per_serving is None or per_serving <= 0:
            return []
        return [measure_from_row(1, "serving", 1.0, per_serving), measure_from_row(2, "portion", 1.0, per_serving)]

    def weight_basis(self) -> str:
        if self.cooked_grams is not None:
            return f"cooked weight {self.cooked_grams:g} g"
        return f"weight of its ingredients {self.ingredient_grams:.1f} g (no cooked weight given)"

    def to_dict(self) -> dict[str, Any]:
        """The breakdown as plain data (the report's `recipe` key and `recipe show --json`)."""
        per_serving = self.mg_per_serving
        grams_serving = self.grams_per_serving
        return {
            "dish": self.dish,
            "food_id": self.food_id,
            "file": self.file,
            "servings": self.servings,
            "cooked_grams": self.cooked_grams,
            "weight_grams": round(self.weight_grams, 1),
            "weight_basis": self.weight_basis(),
            "total_mg": round(self.total_mg, 1),
            "mg_per_serving": None if per_serving is None else round(per_serving, 1),
            "grams_per_serving": None if grams_serving is None else round(grams_serving, 1),
            "mg_per_100g": round(self.mg_per_100g, 2),
            "ingredients": [i.to_dict() for i in self.ingredients],
        }

    def summary_line(self) -> str:
        """One short line for the terminal and Markdown reports: totals and the two richest ingredients."""
        serving = f", {self.mg_per_serving:.1f} mg per serving" if self.mg_per_serving is not None else ""
        richest = sorted(self.ingredients, key=lambda i: -i.mg)[:2]
        most = ", ".join(f"{i.text} {i.mg:.1f} mg" for i in richest)
        return f"recipe: {self.total_mg:.1f} mg in all{serving}, {self.mg_per_100g:.1f} mg/100 g; most from {most}"

    def unit_problem(self, unit_key: str) -> str | None:
        """Why a log or recipe cannot give this dish in this (canonical) unit, or None."""
        if unit_key in MASS_G and self.cooked_grams is None:
            return (
                f"grams of the dish '{self.dish}' need its cooked weight: add a row "
                f"'{self.dish},yield,<weight>,g' to its recipe, or give servings"
            )
        return None


def dish_id(dish: str) -> str:
    return PREFIX + dish.strip()


def read_recipe_rows(source: str) -> list[RecipeRow]:
    """The rows of a recipe file; missing columns are one error naming the file."""
    from mgcheck.importers.reading import normalise_header, read_table

    table, name = read_table(source)
    table.columns = [normalise_header(c) for c in table.columns]
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise MgcheckError(
            Problem(f"missing column {', '.join(missing)}; a recipe file needs dish, ingredient, amount, unit", name)
        )
    import pandas as pd

    rows = []
    for row, dish, ingredient, amount, unit in table[list(REQUIRED)].itertuples():
        dish, ingredient, amount, unit = (
            "" if pd.isna(v) else str(v).strip() for v in (dish, ingredient, amount, unit)
        )
        both = split_amount_unit(amount) if not unit else None
        if both is not None:  # '200g' or '1 1/2 cups' in the amount cell, as logs may write it
            amount, unit = repr(both[0]), both[1]
        rows.append(RecipeRow(name, int(str(row)), dish, ingredient, amount, unit))
    return rows


@dataclass
class _Draft:
    dish: str
    file: str
    row: int
    servings: float | None = None
    cooked_grams: float | None = None
    ingredients: list[RecipeRow] = field(default_factory=list)
    yield_rows: list[RecipeRow] = field(default_factory=list)


def table_of(food_id: str, foods: pd.DataFrame | None = None) -> str:
    """Which table a food id comes from, for traceability."""
    if foods is not None and "table" in foods.columns:
        found = foods.loc[foods["food_id"] == food_id, "table"]
        if len(found) and isinstance(found.iloc[0], str) and found.iloc[0]:
            return str(found.iloc[0])
    if ":" in food_id:
        return food_id.split(":", 1)[0]
    if foods is not None and "food_group" in foods.columns:
        group = foods.loc[foods["food_id"] == food_id, "food_group"]
        if len(group) and group.iloc[0] == "Clinic foods":
            return "custom"
    return "sr28"


def compile_recipes(rows: list[RecipeRow], index: FoodIndex, measures: pd.DataFrame) -> dict[str, Recipe]:
    """Resolve every dish (dishes used by other dishes first); every problem at once, with file and row.

    Returns the dishes by food id (`recipe:<dish>`). Raises MgcheckError listing every problem.
    """
    problems: list[Problem] = []
    drafts: dict[str, _Draft] = {}
    for r in rows:
        if not r.dish:
            problems.append(Problem("the dish name is empty", r.file, r.row))
            continue
        key = normalise(r.dish)
        draft = drafts.get(key)
        if draft is None:
            draft = drafts[key] = _Draft(r.dish, r.file, r.row)
        elif draft.file != r.file:
            problems.append(
                Problem(f"dish '{r.dish}' is already defined in {draft.file}, row {draft.row}", r.file, r.row)
            )
            continue
        if normalise(r.ingredient) == YIELD_WORD:
            draft.yield_rows.append(r)
            _read_yield(draft, r, problems)
        elif not r.ingredient:
            problems.append(Problem(f"dish '{r.dish}': the ingredient is empty", r.file, r.row))
        else:
            draft.ingredients.append(r)
    for draft in drafts.values():
        if not draft.ingredients:
            problems.append(Problem(f"dish '{draft.dish}' has no ingredients", draft.file, draft.row))
        if draft.servings is None and draft.cooked_grams is None and not draft.yield_rows:
            problems.append(
                Problem(
                    f"dish '{draft.dish}' has no yield: add a row '{draft.dish},yield,<number>,servings' "
                    "and/or its cooked weight '{0},yield,<grams>,g'".replace("{0}", draft.dish),
                    draft.file,
                    draft.row,
                )
            )
    compiler = _Compiler(drafts, index, measures, problems)
    for key in drafts:
        compiler.build(key, ())
    if problems:
        from mgcheck.pipeline import sorted_problems

        raise MgcheckError(sorted_problems(problems))
    return {recipe.food_id: recipe for recipe in compiler.done.values() if recipe is not None}


def _read_yield(draft: _Draft, r: RecipeRow, problems: list[Problem]) -> None:
    amount = parse_amount(r.amount)
    if amount is None or amount <= 0:
        problems.append(Problem(f"dish '{r.dish}': yield amount '{r.amount}' is not a positive number", r.file, r.row))
        return
    unit = canonical_unit(r.unit)
    if unit in SERVING_UNITS:
        if draft.servings is not None:
            problems.append(Problem(f"dish '{r.dish}' has a second servings yield", r.file, r.row))
        draft.servings = amount
    elif unit in MASS_G:
        if draft.cooked_grams is not None:
            problems.append(Problem(f"dish '{r.dish}' has a second cooked weight", r.file, r.row))
        draft.cooked_grams = amount * MASS_G[unit]
    else:
        problems.append(
            Problem(
                f"dish '{r.dish}': yield unit '{r.unit}' is not servings or a mass unit ({', '.join(MASS_G)})",
                r.file,
                r.row,
            )
        )


class _Compiler:
    """Builds dishes depth-first so a dish used as an ingredient is ready first; finds cycles."""

    def __init__(
        self, drafts: dict[str, _Draft], index: FoodIndex, measures: pd.DataFrame, problems: list[Problem]
    ) -> None:
        from mgcheck.units import measures_by_food

        self.drafts = drafts
        self.index = index
        self.problems = problems
        self.done: dict[str, Recipe | None] = {}  # None: the dish could not be built
        texts = [r.ingredient for d in drafts.values() for r in d.ingredients if self._dish_key(r.ingredient) is None]
        self.matches = index.match_many(texts)
        wanted = {m.food_id for m in self.matches.values() if m.food_id is not None}
        self.food_measures = measures_by_food(measures, wanted)
        self.foods = index.foods.set_index("food_id")

    def _dish_key(self, text: str) -> str | None:
        stripped = text.strip()
        if stripped.lower().startswith(PREFIX):
            stripped = stripped[len(PREFIX) :]
        key = normalise(stripped)
        return key if key in self.drafts else None

    def build(self, key: str, path: tuple[str, ...]) -> Recipe | None:
        if key in self.done:
            return self.done[key]
        draft = self.drafts[key]
        ingredients: list[Ingredient] = []
        failed = False
        for r in draft.ingredients:
            amount = parse_amount(r.amount)
            if amount is None or amount <= 0:
                self.problems.append(
                    Problem(
                        f"dish '{r.dish}': amount '{r.amount}' of {r.ingredient} is not a positive number",
                        r.file,
                        r.row,
                    )
                )
                failed = True
                continue
            if not r.unit:
                self.problems.append(Problem(f"dish '{r.dish}': the unit of {r.ingredient} is empty", r.file, r.row))
                failed = True
                continue
            sub_key = self._dish_key(r.ingredient)
            if sub_key is not None:
                ingredient = self._dish_ingredient(r, amount, sub_key, (*path, key))
            else:
                ingredient = self._food_ingredient(r, amount)
            if ingredient is None:
                failed = True
            else:
                ingredients.append(ingredient)
        if failed or not ingredients or (draft.servings is None and draft.cooked_grams is None):
            self.done[key] = None
            return None
        recipe = Recipe(draft.dish, draft.file, draft.row, tuple(ingredients), draft.servings, draft.cooked_grams)
        self.done[key] = recipe
        return recipe

    def _dish_ingredient(self, r: RecipeRow, amount: float, sub_key: str, path: tuple[str, ...]) -> Ingredient | None:
        if sub_key in path:
            if sub_key == path[-1]:
                message = f"dish '{r.dish}' uses itself"
            else:
                via = " -> ".join(self.drafts[k].dish for k in (*path[path.index(sub_key) :], sub_key))
                message = f"dish '{r.dish}' uses itself through another dish ({via})"
            self.problems.append(Problem(message, r.file, r.row))
            return None
        sub = self.build(sub_key, path)
        if sub is None:
            if sub_key not in self.done or self.done[sub_key] is None:
                # The dish's own rows carry its errors; this row only says it depends on it.
                self.problems.append(
                    Problem(f"dish '{r.dish}' uses dish '{self.drafts[sub_key].dish}', which has errors", r.file, r.row)
                )
            return None
        unit = canonical_unit(r.unit)
        trouble = sub.unit_problem(unit)
        if trouble is None:
            try:
                conversion = convert_unit(unit, sub.measures())
            except UnitError as error:
                trouble = str(error).replace(f"'{unit}'", f"'{r.unit}'", 1)
        if trouble is not None:
            self.problems.append(Problem(f"dish '{r.dish}', ingredient {sub.dish}: {trouble}", r.file, r.row))
            return None
        grams = amount * conversion.grams_per_unit
        share = grams / sub.weight_grams if sub.weight_grams > 0 else 0.0
        kcal = sub.kcal_per_100g
        calcium = sub.calcium_mg_per_100g
        return Ingredient(
            r.row, r.ingredient, amount, r.unit, sub.food_id, sub.dish, "recipe", "name", 100.0, grams,
            conversion.basis, sub.total_mg * share,
            None if kcal is None else grams * kcal / 100.0, None if calcium is None else grams * calcium / 100.0,
        )  # fmt: skip

    def _food_ingredient(self, r: RecipeRow, amount: float) -> Ingredient | None:
        match = self.matches[r.ingredient]
        if match.food_id is None:
            hint = "; ".join(match.suggestions) or "no candidates"
            what = "ambiguous" if match.reason and "too close" in match.reason else "unknown"
            self.problems.append(
                Problem(
                    f"dish '{r.dish}': {what} ingredient '{r.ingredient}' ({match.reason}); did you mean: {hint}",
                    r.file,
                    r.row,
                )
            )
            return None
        food_id = match.food_id
        unit = canonical_unit(r.unit)
        try:
            group = food_group_of(self.index.foods, food_id) if unit in GROUP_UNITS else ""
            conversion = convert_unit(unit, self.food_measures.get(food_id, []), self.index.names[food_id], group)
        except UnitError as error:
            text = str(error).replace(f"'{unit}'", f"'{r.unit}'", 1)
            self.problems.append(Problem(f"dish '{r.dish}', {self.index.label(food_id)}: {text}", r.file, r.row))
            return None
        grams = amount * conversion.grams_per_unit
        food = self.foods.loc[food_id]

        def per(column: str) -> float | None:
            value = food.get(column)
            if value is None or value != value:  # missing or NaN
                return None
            return grams * float(value) / 100.0

        mg = per("mg_per_100g")
        return Ingredient(
            r.row, r.ingredient, amount, r.unit, food_id, self.index.names[food_id], table_of(food_id, self.index.foods),
            match.method, match.score, grams, conversion.basis, mg or 0.0, per("kcal_per_100g"),
            per("calcium_mg_per_100g"),
        )  # fmt: skip


def dish_foods(recipes: dict[str, Recipe]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dishes as rows of a food table and of a measures table (ids `recipe:<dish>`)."""
    import pandas as pd

    foods = pd.DataFrame(
        [
            {
                "food_id": recipe.food_id,
                "name": recipe.dish,
                "food_group": FOOD_GROUP,
                "mg_per_100g": recipe.mg_per_100g,
                "kcal_per_100g": recipe.kcal_per_100g,
                "calcium_mg_per_100g": recipe.calcium_mg_per_100g,
                "mg_source_code": "",
                "mg_source": f"recipe in {recipe.file}: sum of its ingredients; {recipe.weight_basis()}",
                "common_name": "",
                "manufacturer": "",
            }
            for recipe in recipes.values()
        ],
        columns=["food_id", "name", "food_group", "mg_per_100g", "kcal_per_100g", "calcium_mg_per_100g",
                 "mg_source_code", "mg_source", "common_name", "manufacturer"],
    )  # fmt: skip
    measures = pd.DataFrame(
        [
            {"food_id": recipe.food_id, "seq": m.seq, "amount": m.amount, "measure": m.description, "grams": m.grams}
            for recipe in recipes.values()
            for m in recipe.measures()
        ],
        columns=["food_id", "seq", "amount", "measure", "grams"],
    )
    return foods, measures


def add_dishes(index: FoodIndex, recipes: dict[str, Recipe]) -> FoodIndex:
    """A new index: `index` with every dish added as an exact name (a dish's exact name wins over any
    other). `index` itself is left as it was, so one built index may serve many runs; the new one's
    `alias` is its own too, for the book's aliases of dishes."""
    import dataclasses

    import pandas as pd

    from mgcheck.text import sorted_key

    foods, _ = dish_foods(recipes)
    names, exact, exact_unordered = dict(index.names), dict(index.exact), dict(index.exact_unordered)
    for recipe in recipes.values():
        key = normalise(recipe.dish)
        names[recipe.food_id] = recipe.dish
        exact[key] = recipe.food_id
        exact_unordered[sorted_key(key)] = recipe.food_id
    return dataclasses.replace(
        index,
        foods=pd.concat([foods, index.foods[~index.foods["food_id"].isin(foods["food_id"])]], ignore_index=True),
        names=names,
        exact=exact,
        exact_unordered=exact_unordered,
        alias=dict(index.alias),
        _mg=None,  # magnesium by food id, of the new foods (dishes too) when first asked
    )


def unit_problems(items: pd.DataFrame, recipes: dict[str, Recipe]) -> list[Problem]:
    """Log items that give a dish in a unit it cannot take (grams without a cooked weight)."""
    if not recipes or items.empty:
        return []
    problems = []
    chosen = items["food_id"].isin(list(recipes))
    for food_id, unit, file, row in items.loc[chosen, ["food_id", "unit", "file", "row"]].itertuples(index=False):
        trouble = recipes[str(food_id)].unit_problem(canonical_unit(unit))
        if trouble:
            problems.append(Problem(trouble, str(file), int(row)))
    return problems


def find_dish(recipes: dict[str, Recipe], dish: str) -> Recipe:
    """A dish by its name (or `recipe:` id); an unknown name is an error listing the dishes."""
    key = normalise(dish[len(PREFIX) :] if dish.lower().startswith(PREFIX) else dish)
    for recipe in recipes.values():
        if normalise(recipe.dish) == key:
            return recipe
    listed = ", ".join(sorted(r.dish for r in recipes.values())) or "none"
    raise MgcheckError(Problem(f"no dish '{dish}'; the dishes are: {listed}"))
