"""A blank unit that counts several small pieces: 'almonds,10,' is ten of SR28's '1 almond' (1.2 g each),
an estimate, where it was refused ("a blank unit is not a unit this food can take"). The piece is the
food's own measure that the text's head noun names (or ends with: a blueberry's 'berry'), or a nut's
kernel; the count must be a whole number of at least three weighing at most twice the food's serving, so a count that may be grams or
portions ('almonds,1,', 'almonds,100,') stays refused with the units the food takes."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pytest
from test_blank_unit_portions import _mg_per_100g
from test_portions_people_write import _assess

from mgcheck.units import LEAST_PIECE_COUNT, counted_totals_ok

ALMONDS, BRAZIL_NUTS, HAZELNUTS, PISTACHIOS, GRAPES = "12061", "12078", "12120", "12152", "09132"


@pytest.mark.parametrize(
    ("text", "count", "food_id", "unit", "grams"),
    [
        ("almonds", 10, ALMONDS, "almond", 12.0),  # 1 almond = 1.2 g
        ("brazil nuts", 3, BRAZIL_NUTS, "kernel", 15.0),  # 1 kernel = 5 g
        ("hazelnuts", 10, HAZELNUTS, "nut", 14.0),  # 10 nuts = 14 g
        ("pistachios", 20, PISTACHIOS, "kernel", 14.0),  # 1 kernel = 0.7 g
        ("grapes", 10, GRAPES, "grape", 49.0),  # 10 grapes = 49 g
        ("blueberries", 10, "09050", "berry", 13.6),  # 50 berries = 68 g: a blueberry is a berry
    ],
)
def test_a_count_of_small_pieces_is_that_many_of_the_food_s_own_piece(
    text: str, count: int, food_id: str, unit: str, grams: float
) -> None:
    (item,) = _assess([(text, count, "")]).items
    assert (item.food_id, item.unit, item.status.value) == (food_id, unit, "matched")
    assert item.grams == pytest.approx(grams)
    assert item.mg == pytest.approx(grams * _mg_per_100g(food_id) / 100, abs=0.051)
    assert item.grams_estimate and item.basis is not None and item.basis.startswith("estimate:")


@pytest.mark.parametrize("count", [1, 2, 2.5, 100])
def test_a_count_that_may_be_portions_or_grams_stays_refused(count: float) -> None:
    """1 or 2 almonds may be portions, 2.5 is no count, and 100 almonds (120 g, over twice a 28 g serving)
    may be grams: each is listed unresolved with the units almonds take, not guessed."""
    subject = _assess([("almonds", count, "")])
    assert subject.items == ()
    (unmatched,) = subject.unmatched
    assert unmatched.reason.startswith("Nuts, almonds (12061): a blank unit is not a unit this food can take")
    assert "almond, serving" in unmatched.reason


def test_the_count_bounds() -> None:
    """Whole counts of three or more, at most twice the serving (400 g with none); NaN (no piece) is never one."""
    cases = [  # (count, grams of one piece, serving in grams or NaN, taken)
        (3, 5.0, 28.0, True),  # 15 g
        (46, 1.2, 28.0, True),  # 55.2 g
        (47, 1.2, 28.0, False),  # 56.4 g: over twice the serving
        (3, 0.17, 28.0, True),  # three pine nuts, 0.5 g: as few as the person counted
        (2, 5.0, 28.0, False),  # maybe two portions
        (3.5, 5.0, 28.0, False),  # no count
        (80, 5.0, math.nan, True),  # 400 g with no serving
        (81, 5.0, math.nan, False),
        (10, math.nan, math.nan, False),  # a row with no piece
    ]
    counts, piece_g, serving_g, taken = (np.array(column) for column in zip(*cases, strict=True))
    assert LEAST_PIECE_COUNT == 3
    assert counted_totals_ok(counts.astype(float), piece_g, serving_g).tolist() == taken.tolist()


def test_the_cli_warns_once_per_text_and_summary_counts_the_same(write_log, invoke) -> None:
    """The report says what it assumed (stderr), and `summary` (the streamed path) gives the same figure."""
    log = write_log(
        "date,food,amount,unit\n2024-01-01,almonds,10,\n2024-01-01,almonds,10,\n2024-01-01,brazil nuts,3,\n"
    )
    result = invoke("report", log, "--sex", "F", "--age", "40", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    warning = "'almonds': the unit cell is blank; took the amount as a count of the food's 'almond' (1.2 g each)"
    assert result.stderr.count(warning) == 1 and "row 1, 2:" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["unit"], r["grams"]) for r in rows] == [("almond", "12.0"), ("almond", "12.0"), ("kernel", "15.0")]
    expected = round(2 * 12 * _mg_per_100g(ALMONDS) / 100 + 15 * _mg_per_100g(BRAZIL_NUTS) / 100, 1)
    summary = invoke("summary", log, "--sex", "F", "--age", "40", "-f", "csv")
    assert summary.exit_code == 0, summary.stderr
    (row,) = csv.DictReader(io.StringIO(summary.stdout))
    assert float(row["mean_food_mg"]) == pytest.approx(expected, abs=0.06)
