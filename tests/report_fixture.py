"""A typed fixture assessment for the report builder and renderer tests: one woman, two days.

Day 1: oatmeal 60 mg, almonds 80 mg (written with markup, to test escaping), a 100 mg supplement.
Day 2: brown rice 90 mg, banana 30 mg, bread 40 mg, milk of magnesia 500 mg (a medicine), and an
unmatched food. Means: food 150, supplements 50, intake 200, medicines 250, total 450 mg/day.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mgcheck.assess import Assessment, assess
from mgcheck.reference import Profile

PROFILE = Profile("female", 54.0)
FILE = "week.csv"

# row, date, food as written, food_id, food_name, grams, mg, kind, status
ROWS: list[tuple[int, str, str, str | None, str | None, float | None, float | None, str, str]] = [
    (1, "2026-11-02", "oatmeal", "08121", "Cereals, oats, cooked", 200.0, 60.0, "food", "matched"),
    (2, "2026-11-02", "almonds <raw>", "12061", "Nuts, almonds", 30.0, 80.0, "food", "matched"),
    (3, "2026-11-02", "magnesium citrate", None, None, None, 100.0, "supplement", "label"),
    (4, "2026-11-03", "brown rice", "20037", "Rice, brown, long-grain, cooked", 200.0, 90.0, "food", "matched"),
    (5, "2026-11-03", "banana", "09040", "Bananas, raw", 118.0, 30.0, "food", "matched"),
    (6, "2026-11-03", "zorblax", None, None, None, None, "food", "unmatched"),
    (7, "2026-11-03", "bread", "18075", "Bread, whole-wheat, commercially prepared", 60.0, 40.0, "food", "matched"),
    (8, "2026-11-03", "milk of magnesia", None, None, None, 500.0, "medicine", "label"),
]


def fixture_items() -> pd.DataFrame:
    """Resolved items, as resolve() gives them (the columns the assessment and report read)."""
    records: list[dict[str, Any]] = []
    for row, date, food, food_id, name, grams, mg, kind, status in ROWS:
        records.append(
            {
                "subject": "p1",
                "file": FILE,
                "row": row,
                "date": date,
                "food": food,
                "food_id": food_id,
                "food_name": name,
                "match_score": 100.0 if status == "matched" else None,
                "amount": 1.0,
                "unit": "mg" if kind != "food" else "cup",
                "grams": grams,
                "mg": mg,
                "kind": kind,
                "basis": "label" if status == "label" else ("1 cup" if status == "matched" else None),
                "status": status,
                "suggestions": ("Cereal, NFS (fndds:57000000)",) if status == "unmatched" else None,
                "reason": "no confident match (best score 40.0 < 75)" if status == "unmatched" else None,
                "calcium_mg": 10.0 if status == "matched" else None,
                "kcal": 100.0 if status == "matched" else None,
                "grams_estimate": False,
                "form": "magnesium citrate" if kind == "supplement" else None,
            }
        )
    return pd.DataFrame(records)


def fixture_assessment() -> Assessment:
    return assess(fixture_items(), {"p1": PROFILE}, "iom")
