"""assess.day_table (bincount over integer codes) against a plain pandas group-by of the same rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
from conftest import examples, long_property
from hypothesis import given, settings
from hypothesis import strategies as st

from mgcheck.assess import COUNTED, day_table

STATUSES = ["matched", "source", "unmatched", "label"]
KINDS = ["food", "supplement", "medicine"]


def _reference(items: pd.DataFrame, recompute: bool) -> pd.DataFrame:
    """The rule as a group-by: what day_table computed before it worked on codes."""
    counted_food = items["status"].isin(COUNTED)
    label = items["status"] == "label"
    is_food = items["kind"] == "food"
    medicine = label & (items["kind"] == "medicine")
    supplement = label & ~medicine
    frame = pd.DataFrame(
        {
            "subject": items["subject"],
            "date": items["date"],
            "food_mg": items["mg"].where(counted_food, 0.0).fillna(0.0),
            "food_mg_low": items["mg_low"].where(counted_food, 0.0).fillna(0.0),
            "food_mg_high": items["mg_high"].where(counted_food, 0.0).fillna(0.0),
            "supplement_mg": items["mg"].where(supplement, 0.0).fillna(0.0),
            "medicine_mg": items["mg"].where(medicine, 0.0).fillna(0.0),
            "food_items": is_food.astype(int),
            "counted_food_items": (is_food & counted_food).astype(int),
        }
    )
    if recompute:
        frame["source_food_mg"] = pd.to_numeric(items["source_mg"], errors="coerce").where(is_food, 0.0).fillna(0.0)
    days = frame.groupby(["subject", "date"], observed=True, as_index=False).sum()
    days["subject"] = days["subject"].astype(str)
    days["date"] = days["date"].astype(str)
    days = days.sort_values(["subject", "date"], kind="stable", ignore_index=True)
    days["intake_mg"] = days["food_mg"] + days["supplement_mg"]
    days["ul_counted_mg"] = days["supplement_mg"] + days["medicine_mg"]
    days["total_mg"] = days["intake_mg"] + days["medicine_mg"]
    return days


magnesium = st.one_of(st.none(), st.floats(0, 5000, allow_nan=False))
row = st.tuples(
    st.one_of(st.none(), st.sampled_from(["P1", "P2", "p10", "Ω"])),
    st.one_of(st.none(), st.sampled_from(["2026-01-02", "2026-01-01", "day 2"])),
    st.sampled_from(STATUSES),
    st.sampled_from(KINDS),
    magnesium,
    magnesium,
)


@long_property
@settings(max_examples=examples(150), deadline=None)
@given(st.lists(row, max_size=40), st.booleans(), st.booleans())
def test_day_sums_equal_a_group_by(rows, categorical, recompute) -> None:
    subject, date, status, kind, mg, source = zip(*rows, strict=True) if rows else ([], [], [], [], [], [])
    mg_values = np.array([np.nan if value is None else value for value in mg], dtype=np.float64)
    items = pd.DataFrame(
        {
            "subject": pd.Series(subject, dtype=object),
            "date": pd.Series(date, dtype=object),
            "status": pd.Series(status, dtype="category"),
            "kind": pd.Series(kind, dtype="category"),
            "mg": mg_values,
            "mg_low": mg_values * 0.5,
            "mg_high": mg_values * 2.0,
            "source_mg": pd.Series(source, dtype=object),
        }
    )
    if categorical:
        items["subject"] = items["subject"].astype("category")
        items["date"] = items["date"].astype("category")
    got = day_table(items, recompute)
    expected = _reference(items, recompute)
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12, atol=1e-9)
    assert got["food_items"].dtype.kind == "i" and got["food_mg"].dtype.kind == "f"


def test_unmatched_items_count_as_food_but_add_no_magnesium() -> None:
    items = pd.DataFrame(
        {
            "subject": ["A", "A", "A", "A"],
            "date": ["d1", "d1", "d1", "d1"],
            "status": ["matched", "unmatched", "label", "label"],
            "kind": ["food", "food", "supplement", "medicine"],
            "mg": [50.0, np.nan, 100.0, 400.0],
            "mg_low": [40.0, np.nan, 100.0, 400.0],
            "mg_high": [60.0, np.nan, 100.0, 400.0],
        }
    )
    (day,) = day_table(items).to_dict("records")
    assert (day["food_mg"], day["food_mg_low"], day["food_mg_high"]) == (50.0, 40.0, 60.0)
    assert (day["supplement_mg"], day["medicine_mg"], day["intake_mg"], day["total_mg"]) == (100.0, 400.0, 150.0, 550.0)
    assert (day["food_items"], day["counted_food_items"], day["ul_counted_mg"]) == (2, 1, 500.0)
