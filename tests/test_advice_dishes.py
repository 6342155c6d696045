"""Gap suggestions never propose more of a dish already eaten in large amounts (issue 9, part 7)."""

from __future__ import annotations

import pytest
from conftest import report_json

from mgcheck.report import LARGE_DISH_GRAMS, dish_ids, least_advised_density
from mgcheck.resources import bundled_foods

BURRITO = "21064"  # SR28 Fast foods, burrito, with beans, cheese, and beef: 241 g a burrito, 23 mg per 100 g
CHILI = "22904"  # SR28 Chili con carne with beans, canned entree: 28 mg per 100 g, 107 kcal


def _suggested(invoke, path) -> list[str]:
    subject = report_json(invoke("report", path, "--sex", "F", "--age", "40", "--format", "json"))["subjects"][0]
    assert subject["next_steps"]["gap_mg"] > 0
    return [s["food_id"] for s in subject["next_steps"]["suggestions"]]


def _eaten(invoke, path) -> set[str]:
    subject = report_json(invoke("report", path, "--sex", "F", "--age", "40", "--format", "json"))["subjects"][0]
    return {item["food_id"] for item in subject["items"]}


@pytest.mark.slow
def test_a_dish_eaten_every_day_in_large_portions_is_not_suggested(write_log, invoke):
    days = "".join(
        f"2024-01-0{d},burrito with beans cheese and beef,2,burrito\n2024-01-0{d},apple,1,medium\n" for d in (1, 2)
    )
    path = write_log("date,food,amount,unit\n" + days)
    assert BURRITO in _eaten(invoke, path)
    assert BURRITO not in _suggested(invoke, path)


def test_a_dish_eaten_once_in_an_ordinary_portion_is_still_suggested(write_log, invoke):
    rows = ["2024-01-01,Chili con carne with beans canned entree,1,cup"]  # SR28 22904: 253 g, 71 mg
    rows += [f"2024-01-0{d},apple,1,medium" for d in (1, 2, 3, 4)]
    path = write_log("date,food,amount,unit\n" + "\n".join(rows) + "\n")
    assert CHILI in _suggested(invoke, path)


def test_a_food_eaten_less_magnesium_dense_than_any_source_offered_is_not_suggested(write_log, invoke):
    """A dietitian's trial (session 24): 'To add' offered '1 cup spaghetti with meat sauce (already eaten):
    +45 mg'. A food eaten is offered again only when it has at least the magnesium per 100 kcal of the
    least dense food gap_foods.csv offers (avocado, 18.1): SR28's beef and bean burrito has 23 mg per
    100 g in 180 kcal (12.8), 55 mg a burrito; the chili (26 mg per 100 kcal) is offered."""
    rows = ["2024-01-01,burrito with beans cheese and beef,1,burrito"]
    rows += ["2024-01-01,Chili con carne with beans canned entree,1,cup"]
    rows += [f"2024-01-0{d},apple,1,medium" for d in (1, 2, 3, 4)]
    path = write_log("date,food,amount,unit\n" + "\n".join(rows) + "\n")
    suggested = _suggested(invoke, path)
    assert BURRITO not in suggested and CHILI in suggested
    assert least_advised_density() == pytest.approx(29 / 160 * 100)  # avocado, SR28 09037


def test_a_single_food_eaten_daily_is_not_treated_as_a_dish(write_log, invoke):
    days = "".join(f"2024-01-0{d},spinach boiled,1,cup\n2024-01-0{d},white bread,1,slice\n" for d in (1, 2))
    path = write_log("date,food,amount,unit\n" + days)
    eaten = _eaten(invoke, path)
    spinach = next(food for food in eaten if food not in dish_ids(bundled_foods()) and food != "18069")
    assert spinach in _suggested(invoke, path)


def test_dishes_are_fndds_as_eaten_foods_and_sr28_mixed_dish_groups():
    dishes = dish_ids(bundled_foods())
    foods = bundled_foods().set_index("food_id")
    assert BURRITO in dishes
    assert "11458" not in dishes  # spinach, boiled: a single food
    fndds = [food for food in dishes if food.startswith("fndds:")]
    assert fndds and all(foods.loc[food, "table"] == "fndds" for food in fndds)
    assert LARGE_DISH_GRAMS == 400.0
