"""Food matching: the labelled clinician set, the exact steps, and honest refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mgcheck.matching import MATCH_THRESHOLD, bundled_index

CASES = Path(__file__).parent / "data" / "matching_cases.csv"


def _cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _best(match) -> str | None:
    if match.food_id:
        return match.food_id
    return match.suggestions[0].rsplit("(", 1)[1].rstrip(")") if match.suggestions else None


def test_labelled_set_is_large_and_varied():
    cases = _cases()
    assert len(cases) >= 300
    assert len({case["expected_food_id"] for case in cases}) >= 150
    assert sum(case["category"] == "typo" for case in cases) >= 60


def test_labelled_set_accuracy():
    index = bundled_index()
    cases = _cases()
    matches = index.match_many([case["query"] for case in cases])
    top1 = sum(_best(matches[c["query"]]) == c["expected_food_id"] for c in cases) / len(cases)
    confident = [c for c in cases if matches[c["query"]].food_id]
    right = sum(matches[c["query"]].food_id == c["expected_food_id"] for c in confident) / len(confident)
    assert top1 >= 0.95, f"top-1 accuracy {top1:.3f}"
    assert right >= 0.98, f"confident matches right {right:.3f}"
    assert len(confident) / len(cases) >= 0.90


@pytest.mark.parametrize(
    ("text", "food_id", "method"),
    [
        ("09040", "09040", "id"),
        ("9040", "09040", "id"),
        ("Bananas, raw", "09040", "name"),
        ("raw bananas", "09040", "name"),
        ("banana", "09040", "alias"),
        ("BANANAS", "09040", "alias"),
        ("milk", "01077", "alias"),
        ("brown rice, cooked", "20037", "alias"),
        ("olives", "09193", "alias"),
    ],
)
def test_exact_steps(text, food_id, method):
    match = bundled_index().match_many([text])[text]
    assert (match.food_id, match.method, match.score) == (food_id, method, 100.0)


def test_typo_is_found_with_a_score_below_100():
    match = bundled_index().match_many(["brocoli"])["brocoli"]
    assert match.food_id == "11090" and match.method == "fuzzy"
    assert MATCH_THRESHOLD <= match.score < 100


@pytest.mark.parametrize("text", ["grandma's lentil soup", "homemade stew", "xyzzy", "the", "mums special curry"])
def test_unknown_food_is_unmatched_with_reason(text):
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None and match.method == "none"
    assert match.reason


def test_unmatched_gives_three_suggestions():
    match = bundled_index().match_many(["grandma's lentil soup"])["grandma's lentil soup"]
    assert len(match.suggestions) == 3
    assert all(s.endswith(")") for s in match.suggestions)


def test_too_close_to_call_is_unmatched():
    match = bundled_index().match_many(["chips"])["chips"]
    assert match.food_id is None and "too close" in match.reason


def test_each_distinct_text_is_matched_once(monkeypatch):
    index = bundled_index()
    calls = []
    original = index._fuzzy
    monkeypatch.setattr(index, "_fuzzy", lambda text: calls.append(text) or original(text))
    index.match_many(["brocoli", "brocoli", "spinnach", "brocoli"])
    assert sorted(calls) == ["brocoli", "spinnach"]


def test_aliases_point_at_generic_foods():
    from mgcheck.resources import aliases, bundled_foods

    table = aliases()
    foods = bundled_foods().set_index("food_id")
    assert len(table) >= 400
    assert set(table["food_id"]) <= set(foods.index)
    assert (table["food_name"] == table["food_id"].map(foods["name"])).all()
    assert "source" in table.columns and table["source"].notna().all()
    lookup = dict(zip(table["alias"], table["food_id"], strict=True))
    assert lookup["banana"] == "09040" and lookup["milk"] == "01077" and lookup["brown rice cooked"] == "20037"


def test_foods_search_and_show_cli(invoke):
    import json

    result = invoke("foods", "search", "pumpkin seeds", "--json")
    rows = json.loads(result.stdout)
    assert rows[0]["food_id"] == "12016" and rows[0]["mg_per_100g"] == 550.0
    # The common portion is the food's first SR28 measure: 1 cup = 118 g, 118 x 5.50 mg.
    assert rows[0]["portion"] == "1 cup = 118 g" and rows[0]["portion_mg"] == 649.0
    shown = json.loads(invoke("foods", "show", "09040", "--json").stdout)
    medium = next(m for m in shown["measures"] if m["measure"].startswith("medium"))
    assert (medium["grams"], medium["mg"]) == (118.0, 31.86)
    assert "medium" in shown["units"] and "cup" in shown["units"]
    missing = invoke("foods", "show", "99999")
    assert missing.exit_code == 1 and "no food with id '99999'" in missing.stderr


def test_same_words_in_another_order_never_give_a_different_food():
    """Regression: '..., with salt added, without peanuts' matched '..., with peanuts, without salt added'
    at 100 by sorted words, and a salted-name penalty had also hit unsalted 'without salt added' foods."""
    text = "Nuts, mixed nuts, oil roasted, with salt added, without peanuts"
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None and "too close" in (match.reason or "")
    assert any("(12638)" in suggestion for suggestion in match.suggestions)  # without peanuts, with salt added


def test_salted_name_pattern():
    from mgcheck.matching import _SALTED

    assert [
        bool(_SALTED.search(t)) for t in ("with salt", "with salt added", "without salt added", "no salt added")
    ] == [
        True,
        True,
        False,
        False,
    ]
