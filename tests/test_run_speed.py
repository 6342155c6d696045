"""Issue 10 and 11: what a run derives from the bundled tables alone is made once per process, not per run."""

from __future__ import annotations

import gc

import pandas as pd
import pytest

from mgcheck import resolve
from mgcheck.resources import bundled_foods, bundled_measures
from mgcheck.units import measures_by_food
from mgcheck.vector import per_table

# Foods with several measures, one with none in the table, a blank and a number (never a food id).
ASKED = ["01001", "09040", "fndds:11111000", "no such food", None, 9040]


def _scanned(measures: pd.DataFrame, food_ids: list[object]) -> dict[str, list[tuple[int, str, float]]]:
    """Each food's measures as measures_by_food gives them, reduced to what the table says."""
    found = measures_by_food(measures, food_ids)
    return {food_id: [(m.seq, m.description, m.grams) for m in kept] for food_id, kept in found.items()}


def test_measures_of_the_ordered_bundled_table_are_those_a_scan_of_every_row_finds():
    measures = bundled_measures()
    shuffled = measures.sample(frac=1.0, random_state=3)  # out of food id order: every row is scanned
    assert _scanned(measures, ASKED) == _scanned(shuffled, ASKED)
    table = measures[measures["food_id"] == "09040"]  # the banana's rows, read from the table itself
    grams = {(int(seq), text): float(g) for seq, text, g in table[["seq", "measure", "grams"]].itertuples(index=False)}
    found = _scanned(measures, ["09040"])["09040"]
    assert {(seq, text): g for seq, text, g in found if (seq, text) in grams} == grams
    assert len(grams) >= 3


def test_the_bundled_measures_are_not_scanned_row_by_row(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pass over every row of the measures table")

    measures = bundled_measures()
    monkeypatch.setattr(pd.Series, "isin", refuse)
    assert set(measures_by_food(measures, ["01001", "09040"])) == {"01001", "09040"}


def test_a_table_out_of_order_or_with_a_blank_id_is_scanned():
    measures = bundled_measures().head(40)
    blank = measures.copy()
    blank.loc[blank.index[-1], "food_id"] = None  # the last food's row: not one asked for
    assert blank["food_id"].iloc[-2] not in ("01001", "01002")
    for table in (measures.iloc[::-1], blank):
        assert _scanned(table, ["01001", "01002"]) == _scanned(measures, ["01001", "01002"])


def test_per_table_makes_once_per_table_object_and_forgets_a_table_gone():
    made: list[int] = []

    def build(table: pd.DataFrame) -> int:
        made.append(len(table))
        return len(made)

    lookup = per_table(build)
    first = pd.DataFrame({"food_id": ["a", "b"]})
    assert [lookup(first), lookup(first)] == [1, 1]
    equal = first.copy()  # same content, another table: a --foods table read again
    assert lookup(equal) == 2
    del first, equal
    gc.collect()
    again = pd.DataFrame({"food_id": ["c"]})
    assert lookup(again) == 3
    assert made == [2, 2, 1]


@pytest.mark.parametrize("column", ["mg", "kcal", "calcium_mg"])
def test_per_gram_arrays_of_the_bundled_foods_are_made_once_and_hold_the_table(column):
    foods = bundled_foods()
    ids, per_gram = resolve._per_gram(foods)
    assert resolve._per_gram(foods)[1] is per_gram
    row = ids.get_loc("09040")
    per_100g = foods.loc[foods["food_id"] == "09040", resolve.PER_GRAM_COLUMNS[column]].astype(float).item()
    assert per_gram[column][row] == pytest.approx(per_100g / 100)


def test_a_test_process_never_walks_the_bundled_index_in_a_full_collection(startup_frozen):
    walked = {id(thing) for thing in gc.get_objects()}  # the collector's generations; frozen ones are not
    assert gc.get_freeze_count() > 10_000
    assert id(startup_frozen.choices) not in walked
    assert id(startup_frozen.foods) not in walked
