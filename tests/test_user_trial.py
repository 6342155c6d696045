"""Findings from using mgcheck as its users do (a UK dietitian's log, exports, scripts): each fails before its fix."""

from __future__ import annotations

import pandas as pd
import pytest

import mgcheck


def _items(foods: list[tuple[str, object, str]]) -> dict[str, mgcheck.Item]:
    """Assess one day of (food, amount, unit) rows; the report's items by their food text."""
    log = pd.DataFrame(
        {
            "date": ["2026-11-02"] * len(foods),
            "food": [food for food, _, _ in foods],
            "amount": [amount for _, amount, _ in foods],
            "unit": [unit for _, _, unit in foods],
            "kind": ["food"] * len(foods),
        }
    )
    report = mgcheck.make_report(mgcheck.assess_logs(log, sex="female", age=54))
    return {item.food: item for item in report.subjects[0].items}


def test_a_mars_bar_is_the_caramel_and_nougat_bar_not_the_us_almond_bar() -> None:
    """'mars bar' matched 'MARS Almond Bar' (72 mg per 100 g) with confidence: the bar sold as Mars outside
    the US is sold in the US as MILKY WAY (20 mg per 100 g), so one bar was counted at 36 mg instead of about 11."""
    items = _items([("mars bar", 50, "g"), ("Mars", 54, "g")])
    for text in ("mars bar", "Mars"):
        assert items[text].food_id == "fndds:91726130", items[text].food_name
    assert items["Mars"].mg == pytest.approx(54 * 20 / 100, abs=0.051)


def test_ready_salted_crisps_are_plain_salted_crisps() -> None:
    """'ready salted crisps' was left unmatched ("'ready' is not explained") though it is the plainest crisp."""
    items = _items([("ready salted crisps", 25, "g")])
    assert items["ready salted crisps"].food_id == "19411"
    assert items["ready salted crisps"].mg == pytest.approx(25 * 63 / 100, abs=0.051)
