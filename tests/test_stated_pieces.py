"""Pieces a measure counts in its parentheses, and container words that only name what fills a cup.

A dietitian's trial (session 24) found `walnuts,4,halves` and `pecans,10,` refused although SR28
measures walnuts as '1 oz (14 halves)' and pecans as '1 oz (19 halves)', and found `walnuts,5,pieces`
read as 5 × '1 cup pieces or chips' (600 g, 948 mg: a verdict changed) and `apple,3,slices` as 3 ×
'1 cup slices' (327 g)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_portions_people_write import _assess, _food

from mgcheck.units import convert_unit, measure_from_row, pieces_stated

WALNUTS, PECANS, MACADAMIAS, ALMONDS, HAZELNUTS = "12155", "12142", "12131", "12061", "12120"


@pytest.mark.parametrize(
    ("description", "amount", "grams", "piece", "piece_g"),
    [
        ("oz (14 halves)", 1, 28.35, "half", 2.02),  # 2.025, to three significant figures
        ("oz (10-12 kernels)", 1, 28.35, "kernel", 2.58),  # a range's middle: 11
        ("oz (23 whole kernels)", 1, 28.35, "kernel", 1.23),
        ("oz shelled (32 nuts)", 1, 28.35, "nut", 0.886),
        ("cup (about 23 slices)", 1, 155, "slice", 6.74),
        ("cup (66 pieces)", 0.25, 52, "piece", 0.788),  # the count is of the whole 0.25 cup
        ("oz (42 medium seeds)", 1, 28.35, "seed", 0.675),
    ],
)
def test_a_count_in_parentheses_gives_one_piece(
    description: str, amount: float, grams: float, piece: str, piece_g: float
) -> None:
    found = pieces_stated(measure_from_row(3, description, amount, grams))
    assert found is not None
    assert (found.head, found.full, found.amount, found.grams, found.volume_ml) == (piece, piece, 1.0, piece_g, None)
    assert found.counted_in == f"{amount:g} {description}"
    assert found.seq == 3


@pytest.mark.parametrize(
    "description",
    ["sandwich (2 slice bread)", "oz (1 NLEA serving)", "can (12 fl oz)", "cup, chopped", "serving (3 pancakes)"],
)
def test_a_measure_that_counts_no_small_pieces_gives_none(description: str) -> None:
    assert pieces_stated(measure_from_row(1, description, 1, 100)) is None


@given(
    count=st.integers(min_value=1, max_value=500),
    grams=st.floats(min_value=0.5, max_value=2000, allow_nan=False),
    noun=st.sampled_from(["kernels", "halves", "nuts", "seeds", "pieces", "slices"]),
)
def test_the_pieces_weigh_what_the_measure_does(count: int, grams: float, noun: str) -> None:
    """Count × one piece's grams is the measure's grams, to the piece's rounding (three significant figures)."""
    piece = pieces_stated(measure_from_row(1, f"oz ({count} {noun})", 1, grams))
    assert piece is not None
    assert abs(piece.grams * count - grams) <= 0.005 * grams + 1e-9


def test_bundled_nuts_gain_their_counted_pieces_once_and_never_shadow_their_own() -> None:
    walnuts, _ = _food(WALNUTS)
    derived = {m.head: m.describe() for m in walnuts if m.counted_in}
    # The first measure counting halves gives the half ('1 cup shelled (50 halves)'), not a second one.
    assert derived == {
        "nut": "1 nut (1 cup, in shell, edible yield (7 nuts) / 7) = 4 g",
        "half": "1 half (1 cup shelled (50 halves) / 50) = 2 g",
    }
    almonds, _ = _food(ALMONDS)
    assert [m.describe() for m in almonds if m.head == "almond"] == ["1 almond = 1.2 g"]  # its own, no derived one


@pytest.mark.parametrize(
    ("text", "amount", "unit", "food_id", "grams", "estimate"),
    [
        ("walnuts", 4, "halves", WALNUTS, 8.0, False),  # 4 × 2 g: refused before
        ("pecans", 4, "halves", PECANS, 5.96, False),  # 4 × 1.49 g
        ("pecans", 10, "", PECANS, 14.9, True),  # a blank count of a nut counts its smallest piece
        ("macadamia nuts", 6, "kernels", MACADAMIAS, 15.48, False),
        ("hazelnuts", 10, "", HAZELNUTS, 14.0, True),  # its own '10 nuts = 14 g', not the derived 1.35 g kernel
        ("walnuts", 5, "pieces", WALNUTS, 20.0, True),  # 5 nuts: was 5 × '1 cup pieces or chips' = 600 g
    ],
)
def test_counted_nuts_weigh_their_pieces(
    text: str, amount: float, unit: str, food_id: str, grams: float, estimate: bool
) -> None:
    (item,) = _assess([(text, amount, unit)]).items
    assert (item.food_id, item.grams, item.grams_estimate) == (food_id, pytest.approx(grams), estimate)


def test_a_cupful_of_slices_or_pieces_is_no_slice_or_piece() -> None:
    """'1 cup slices' (apples, 109 g) and '1 cup pieces or chips' (walnuts, 120 g) are cupfuls: a slice or
    piece of the food is never one. Sugar's '1 tsp or 1 packet' stays a packet."""
    apples, apple_name = _food("09003")
    with pytest.raises(ValueError, match="'slice' is not a unit this food can take"):
        convert_unit("slice", apples, apple_name, "Fruits and Fruit Juices")
    walnuts, walnut_name = _food(WALNUTS)
    piece = convert_unit("piece", walnuts, walnut_name, "Nut and Seed Products")
    assert piece.grams_per_unit == 4.0 and piece.estimate
    packet = convert_unit("packet", [measure_from_row(1, "tsp or 1 packet", 1, 4.2)], "Sugars, granulated", "Sweets")
    assert packet.grams_per_unit == 4.2


def test_apple_slices_are_slices_of_an_apple_not_cupfuls() -> None:
    (item,) = _assess([("apple", 3, "slices")]).items
    assert item.grams == 75.0  # FNDDS apple's '1 slice' = 25 g (a close variant's), was 3 × 109 g
    # Session 27: the basis names the food the close variant stands in for.
    assert (
        item.basis == "1 slice = 25 g; a close variant of Apples, raw, with skin (09003), which has no 'slice' measure"
    )


def test_a_cupful_of_pieces_no_longer_becomes_kilograms() -> None:
    """`jackfruit,10,pieces` was 10 × '1 cup 1\" pieces' = 1,510 g: with no piece of its own, it is refused."""
    subject = _assess([("jackfruit, raw", 10, "pieces")])
    assert subject.items == ()
    (unmatched,) = subject.unmatched
    assert "'pieces' is not a unit this food can take" in unmatched.reason
