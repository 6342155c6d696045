"""`foods search` and `foods show`: candidates and measures of the bundled table, as plain data."""

from __future__ import annotations

from typing import Any

from mgcheck.errors import MgcheckError


def _portion(food_id: str, mg_per_100g: float) -> tuple[str | None, float | None]:
    """The food's first SR28 household measure, with its magnesium: the 'common portion'."""
    from mgcheck.resources import bundled_measures
    from mgcheck.units import measures_by_food

    measures = measures_by_food(bundled_measures(), [food_id]).get(food_id, [])
    if not measures:
        return None, None
    first = measures[0]
    return first.describe(), first.grams * mg_per_100g / 100.0


def search(text: str, limit: int = 10) -> list[dict[str, Any]]:
    from mgcheck.matching import bundled_index

    index = bundled_index()
    foods = index.foods.set_index("food_id")
    rows = []
    for food_id, score in index.search(text, limit):
        mg = float(foods.at[food_id, "mg_per_100g"])
        portion, portion_mg = _portion(food_id, mg)
        rows.append(
            {
                "score": round(score, 1),
                "food_id": food_id,
                "name": foods.at[food_id, "name"],
                "mg_per_100g": mg,
                "portion": portion,
                "portion_mg": None if portion_mg is None else round(portion_mg, 1),
            }
        )
    return rows


def show(food_id: str) -> dict[str, Any]:
    from mgcheck.resources import bundled_foods, bundled_measures
    from mgcheck.units import measures_by_food, units_accepted

    key = food_id.strip().zfill(5)
    foods = bundled_foods().set_index("food_id")
    if key not in foods.index:
        raise MgcheckError(f"no food with id '{food_id}' in the bundled table; try `mgcheck foods search`")
    food = foods.loc[key]
    mg = float(food["mg_per_100g"])
    measures = measures_by_food(bundled_measures(), [key]).get(key, [])
    return {
        "food_id": key,
        "name": food["name"],
        "food_group": food["food_group"],
        "mg_per_100g": mg,
        "kcal_per_100g": None if food["kcal_per_100g"] != food["kcal_per_100g"] else float(food["kcal_per_100g"]),
        "calcium_mg_per_100g": None
        if food["calcium_mg_per_100g"] != food["calcium_mg_per_100g"]
        else float(food["calcium_mg_per_100g"]),
        "mg_source_code": food["mg_source_code"],
        "mg_source": food["mg_source"],
        "measures": [
            {"amount": m.amount, "measure": m.description, "grams": m.grams, "mg": round(m.grams * mg / 100.0, 2)}
            for m in measures
        ],
        "units": units_accepted(measures),
    }
