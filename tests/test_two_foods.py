"""A row naming two foods ("toast and jam", "cup of tea with milk") stays unmatched, but says which two."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mgcheck
from mgcheck import two_foods
from mgcheck.matching import bundled_index


def test_parts_split_on_joining_words_only() -> None:
    assert two_foods.parts("beans on toast") == ("beans", "toast")
    assert two_foods.parts("Cup of tea WITH milk") == ("Cup of tea", "milk")
    assert two_foods.parts("egg & chips + beans") == ("egg", "chips", "beans")
    assert two_foods.parts("Apples, raw") == ()  # a comma is how tables write one food
    assert two_foods.parts("with milk") == ()  # nothing before the join
    assert two_foods.parts("a and b and c and d") == ()  # four foods: a recipe, not a pairing
    assert two_foods.parts("candy") == ()  # "and" inside a word is no join


@given(st.lists(st.sampled_from([*"ab &+,", " ", "with", "on", "and", "\t"]), max_size=30).map("".join))
def test_parts_are_two_or_three_texts_with_no_joining_word(text: str) -> None:
    found = two_foods.parts(text)
    assert found == () or 2 <= len(found) <= two_foods.MAX_PARTS
    for part in found:
        assert part and part == part.strip()
        assert two_foods.parts(part) == ()  # matching a part never splits again


def test_a_row_of_two_foods_names_both_and_is_not_counted() -> None:
    """Before, 'cup of tea with milk' was unmatched with 'no defensible match: Tea, hot, chai, with milk
    ... is a chai food' and chai first among the suggestions: nothing said the row holds two foods."""
    index = bundled_index()
    for text, first, second in (
        ("cup of tea with milk", "14355", "01077"),
        ("toast and jam", "18070", "19297"),
        ("sausage and mash", "07064", "11934"),
    ):
        match = index.match_many([text])[text]
        assert match.food_id is None, text
        assert match.reason is not None and match.reason.startswith("two foods in one row: "), match.reason
        assert match.suggestions[0].endswith(f"({first})") and match.suggestions[1].endswith(f"({second})")
        assert len(match.suggestions) <= 3


def test_a_food_the_tables_name_with_a_join_keeps_its_match() -> None:
    """Only an unmatched text is split: 'macaroni and cheese' and 'peanut butter and jelly sandwich' are foods."""
    index = bundled_index()
    for text in ("macaroni and cheese", "bacon and egg sandwich"):
        match = index.match_many([text])[text]
        assert match.food_id is not None, text
        assert match.reason is None or "foods in one row" not in match.reason


def test_a_part_that_is_no_food_on_its_own_gives_no_hint() -> None:
    """'salt and vinegar crisps': 'vinegar crisps' is no table name or alias, so no 'two foods' claim."""
    match = bundled_index().match_many(["salt and vinegar crisps"])["salt and vinegar crisps"]
    assert match.food_id is None
    assert match.reason is not None and "foods in one row" not in match.reason


def test_the_report_says_so_in_json_and_text(write_log, invoke) -> None:
    log = write_log("date,food,amount,unit\n2026-11-02,white rice,1,cup\n2026-11-02,toast and jam,2,slice\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "--format", "json", "--quiet")
    assert result.exit_code == 0, result.stderr
    (unmatched,) = json.loads(result.stdout)["subjects"][0]["unmatched"]
    assert unmatched["row"] == 2 and unmatched["food"] == "toast and jam"
    assert unmatched["reason"] == (
        "two foods in one row: 'toast' and 'jam' are each a food on its own; write each on its own row with its amount"
    )
    text = invoke("report", log, "--sex", "F", "--age", "54", "--quiet")
    assert "two foods in one row: 'toast' and 'jam'" in " ".join(text.stdout.split())
    warned = invoke("report", log, "--sex", "F", "--age", "54", "--strict")
    assert (
        f"{log}, row 2: unknown food 'toast and jam' (--strict): two foods in one row: 'toast' and 'jam'"
        in warned.stderr
    )
    # Not counted: the day's food is the rice alone.
    frame = pd.DataFrame({"date": ["2026-11-02"] * 2, "food": ["white rice", "toast and jam"], "amount": [1, 2]})
    frame["unit"] = ["cup", "slice"]
    subject = mgcheck.make_report(mgcheck.assess_logs(frame, sex="female", age=54)).subjects[0]
    assert [item.food_id for item in subject.items if item.status == "matched"] == ["20045"]


# Each was matched confidently to one food named with both words before: a strawberry ice cream,
# cheese crackers, a bacon and egg sandwich, a milk chocolate candy with cereal, pancake syrup, egg
# bread, an ice cream cake.
@pytest.mark.parametrize(
    "text",
    [
        "strawberries and cream",
        "cheese and crackers",
        "bacon and eggs",
        "cereal with milk",
        "pancakes with syrup",
        "egg on toast",
        "ice cream and cake",
    ],
)
def test_two_foods_joined_are_not_one_food_named_with_both(text: str) -> None:
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None, match


# Entries that hold the foods joined, as a dish of both: FNDDS's "X, with Y" and "X and Y", in either order.
@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("Danish pastry, with cheese", "fndds:53511000"),  # was SR28's cheese danish, 18245
        ("Bagel, with raisins", "fndds:51180030"),  # was unmatched
        ("peanut butter and jelly", "fndds:42203000"),  # the spread, not the sandwich: no bread is said
        ("PB and J", "fndds:42302010"),  # PB&J is the sandwich (Merriam-Webster)
        ("pbj on wheat", "fndds:42302020"),  # "on wheat" is on wheat bread, as FNDDS writes it
        ("biscuits and gravy", "fndds:58128000"),
        ("ham and cheese sandwich", "fndds:27520320"),
        ("gravy and biscuits", "fndds:58128000"),
        ("bean with pork soup", "06404"),  # "Soup, bean with pork": the soup's head is first, its 'pork' after the join
    ],
)
def test_a_dish_that_holds_both_foods_joined_is_matched(text: str, food_id: str) -> None:
    assert bundled_index().match_many([text])[text].food_id == food_id
