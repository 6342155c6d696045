"""`foods search` and `foods show`: candidates and measures of every food table, as plain data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgcheck.errors import MgcheckError

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.matching import FoodIndex


def _number(value: object) -> float | None:
    try:
        number = float(str(value))
    except ValueError:
        return None
    return None if number != number else number


def _text(value: object) -> str:
    return "" if value is None or value != value else str(value)


def _lookup_index(foods_file: str | None) -> tuple[FoodIndex, pd.DataFrame]:
    """The index over every table (a clinic's --foods file included) and the measures that go with it."""
    from mgcheck.matching import search_index

    if foods_file is None:
        from mgcheck.tables import combined_measures

        return search_index(), combined_measures()
    from mgcheck.pipeline import food_index

    return food_index(foods_file, [], every_table=True)


def _portion(measures: pd.DataFrame, food_id: str, mg_per_100g: float) -> tuple[str | None, float | None]:
    """The food's first household measure, with its magnesium: the 'common portion'."""
    from mgcheck.units import measures_by_food

    found = measures_by_food(measures, [food_id]).get(food_id, [])
    if not found:
        return None, None
    first = found[0]
    return first.describe(), first.grams * mg_per_100g / 100.0


def search(text: str, limit: int = 10, foods_file: str | None = None) -> list[dict[str, Any]]:
    """Ranked candidates from every table, each with its table, id as typed, Mg per 100 g and first portion.

    A food scored 0 or below is no candidate (penalties took it below every word it shares, if any): left
    out, so a query only one food matches lists that one, not pears and plums at -6 after it.
    """
    index, measures = _lookup_index(foods_file)
    foods = index.foods.set_index("food_id")
    rows = []
    for food_id, score in index.search(text, limit):
        if round(score, 1) <= 0:
            break  # ranked by score: none after it is above 0
        mg = float(foods.at[food_id, "mg_per_100g"])
        portion, portion_mg = _portion(measures, food_id, mg)
        rows.append(
            {
                # Capped at 100 as a match's score is: a ranking bonus may lift a fuzzy score past it, and
                # '105' under an exact match's '100' reads as out of order.
                "score": round(min(score, 100.0), 1),
                "food_id": food_id,
                "table": _text(foods.at[food_id, "table"]) if "table" in foods else "",
                "name": foods.at[food_id, "name"],
                "mg_per_100g": mg,
                "portion": portion,
                "portion_mg": None if portion_mg is None else round(portion_mg, 1),
            }
        )
    return rows


def absent_note(text: str, foods_file: str | None = None) -> str | None:
    """What `foods search` says first when `text` is a food in no bundled table (data/absent_foods.csv):
    its candidates then share words, not the food. None otherwise, and with a clinic's own foods loaded
    (one of them may be it)."""
    index, _ = _lookup_index(foods_file)
    if index.own_foods:
        return None
    absent = index.absent_from_tables(text)
    if absent is None:
        return None
    nearest = f"; nearest foods: {'; '.join(absent.suggestions)}" if absent.suggestions else ""
    return f"'{text.strip()}' is {absent.reason}; the candidates below share its words, not its food{nearest}"


def resolve_id(food_id: str, index: FoodIndex) -> str:
    """The one id `food_id` is written as (`9040` -> `09040`, `42302010` -> `fndds:42302010`), or an error."""
    from mgcheck.tables import parse_id

    stripped = food_id.strip()
    if stripped in index.names:
        return stripped
    found = [candidate for candidate in parse_id(stripped) if candidate in index.names]
    if stripped.isdigit() and len(stripped) <= 5 and stripped.zfill(5) in index.names:
        found = list(dict.fromkeys([stripped.zfill(5), *found]))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise MgcheckError(f"food id '{food_id}' is in more than one table ({', '.join(found)}); give one of these")
    raise MgcheckError(f"no food with id '{food_id}' in the food tables; try `mgcheck foods search`")


def show(food_id: str, foods_file: str | None = None) -> dict[str, Any]:
    """One food of any table: its values, table, citation, every measure with grams and Mg, the units it takes."""
    from mgcheck.tables import table_of
    from mgcheck.units import measures_by_food, units_accepted

    index, all_measures = _lookup_index(foods_file)
    key = resolve_id(food_id, index)
    foods = index.foods.set_index("food_id")
    food = foods.loc[key]
    mg = float(food["mg_per_100g"])
    measures = measures_by_food(all_measures, [key]).get(key, [])
    table_name = _text(food.get("table", ""))
    table = table_of(key) if table_name not in ("", "custom") else None
    other = _text(food.get("other_names", ""))
    return {
        "food_id": key,
        "table": table_name,
        "table_title": table.title if table is not None else "clinic foods (--foods)",
        "name": food["name"],
        "other_names": [name.strip() for name in other.split(";") if name.strip()],
        "food_group": _text(food.get("food_group", "")),
        "mg_per_100g": mg,
        "kcal_per_100g": _number(food.get("kcal_per_100g")),
        "calcium_mg_per_100g": _number(food.get("calcium_mg_per_100g")),
        "mg_source_code": _text(food.get("mg_source_code", "")),
        "mg_source": _text(food.get("mg_source", "")),
        "citation": table.citation if table is not None else "",
        "measures": [
            {"amount": m.amount, "measure": m.description, "grams": m.grams, "mg": round(m.grams * mg / 100.0, 2)}
            for m in measures
        ],
        "units": units_accepted(measures),
    }
