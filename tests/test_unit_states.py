"""A unit cell that says the food's state ('spinach,1,cup cooked'): the state names the food, the rest the
measure. A dietitian's trial (session 24) found `spinach,1,cup cooked` refused ("'cup cooked' is not a
unit this food can take"); dropping the word would be worse: a cup of raw spinach is 30 g, of cooked
spinach 180 g (157 mg)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_portions_people_write import _assess

from mgcheck.units import MASS_G, STATE_WORDS, VOLUME_ML, canonical_unit, unit_and_state


@pytest.mark.parametrize(
    ("written", "split"),
    [
        ("cup cooked", ("cup", ("cooked",))),
        ("Cups, cooked", ("cup", ("cooked",))),
        ("g raw", ("g", ("raw",))),
        ("fl oz dry", ("fl oz", ("dry",))),
        ("cup cooked drained", ("cup", ("cooked", "drained"))),
        ("cup", None),
        ("cooked", None),
        ("cup chopped", None),  # a measure's own description ('cup, chopped'), not a state
        ("oz cooked weight", None),
    ],
)
def test_a_unit_and_its_state_words_are_told_apart(written: str, split: object) -> None:
    assert unit_and_state(canonical_unit(written)) == split


@given(
    base=st.sampled_from(sorted({*MASS_G, *VOLUME_ML})),
    state=st.lists(st.sampled_from(sorted(STATE_WORDS)), min_size=1, max_size=3, unique=True),
    comma=st.booleans(),
)
def test_any_unit_followed_by_state_words_splits_into_them(base: str, state: list[str], comma: bool) -> None:
    written = f"{base}{',' if comma else ''} {' '.join(state)}"
    assert unit_and_state(canonical_unit(written)) == (canonical_unit(base), tuple(state))


@pytest.mark.parametrize(
    ("text", "amount", "unit", "food_id", "grams"),
    [
        ("spinach", 1, "cup cooked", "11458", 180.0),  # cooked spinach's cup, not raw spinach's 30 g
        ("broccoli", 1, "cups cooked", "11091", 156.0),
        ("quinoa", 1, "cup cooked", "20137", 185.0),
        ("kale", 1, "cup raw", "11233", 16.0),
        ("lentils", 0.25, "cup dry", "16069", 48.0),  # 'Lentils, raw': a quarter of its 192 g cup
        ("chicken breast", 150, "g cooked", "05064", 150.0),  # its food says cooked already: kept, by the gram
    ],
)
def test_the_state_in_the_unit_names_the_food(text: str, amount: float, unit: str, food_id: str, grams: float) -> None:
    (item,) = _assess([(text, amount, unit)]).items
    assert (item.food_id, item.grams, item.unit) == (food_id, grams, unit)


def test_a_state_that_matches_nothing_taking_the_unit_stays_refused() -> None:
    """'oatmeal' is cooked oatmeal (08121); 'oatmeal dry' matches no unbranded food: refused as before,
    never a cup of the cooked food."""
    subject = _assess([("oatmeal", 0.5, "cup dry")])
    assert subject.items == ()
    (unmatched,) = subject.unmatched
    assert "'cup dry' is not a unit this food can take" in unmatched.reason


def test_the_cli_says_which_food_the_state_gave(invoke: Callable[..., Any], write_log: Callable[..., Path]) -> None:
    log = write_log("date,food,amount,unit\n2026-11-02,spinach,1,cup cooked\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert (
        "'spinach' with the unit 'cup cooked': 'cooked' says what was eaten, so the food is 'spinach cooked', "
        "Spinach, cooked, boiled, drained, without salt (11458), by the cup"
    ) in " ".join(result.stderr.split())
    assert ",11458," in result.stdout and ",180.0,156.6," in result.stdout
