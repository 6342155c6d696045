"""Session 27: clinical and matching findings, each with the input that showed it."""

from __future__ import annotations

import pandas as pd
import pytest

import mgcheck
from mgcheck.render import terminal

ROWS = [
    ("2026-03-02", "white bread", 2, "slice", "food"),
    ("2026-03-02", "white rice", 1, "cup", "food"),
    ("2026-03-03", "tuna", 3, "oz", "food"),
]


def _reading(serum: str) -> mgcheck.Report:
    frame = pd.DataFrame(ROWS, columns=["date", "food", "amount", "unit", "kind"])
    return mgcheck.make_report(mgcheck.assess_logs(frame, sex="female", age=60), serum=serum)


@pytest.mark.parametrize("given", ["1.8 mg/dL", "1.82 mg/dL"])
def test_a_mg_dl_value_within_the_published_mg_dl_range_says_why_its_mmol_l_is_below_it(given: str) -> None:
    # 1.8 mg/dL = 0.741 mmol/L read "within the IOM range (0.75-0.95 mmol/L = 1.8-2.3 mg/dL)": a figure below
    # the first limit the reader sees, called within it. The mg/dL limits it is read against come first, and
    # the difference between the IOM's two published ranges is said.
    report = _reading(given)
    serum = report.subjects[0].serum
    assert serum is not None and serum.grade.value == "low_normal"
    assert serum.reading.startswith("within the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L; near its lower limit")
    assert f"though its {serum.mmol_l:.3f} mmol/L is just below the 0.75 mmol/L" in serum.reading
    text = " ".join(terminal.render_to_text(report, width=200).split())
    assert "just below the 0.75 mmol/L the IOM publishes beside it" in text


@pytest.mark.parametrize("given", ["1.83 mg/dL", "2.0 mg/dL", "0.76 mmol/L", "1.6 mEq/L"])
def test_values_whose_mmol_l_is_within_the_iom_range_need_no_such_clause(given: str) -> None:
    serum = _reading(given).subjects[0].serum
    assert serum is not None and serum.grade.value in ("normal", "low_normal")
    assert "just below" not in serum.reading


def test_spinach_and_kale_written_with_no_state_carry_the_raw_to_cooked_range() -> None:
    # 'spinach,1,cup' was 30 g of raw spinach, 23.7 mg, while a cup of cooked spinach is 180 g, 156.6 mg
    # (SR28 11457, 11458): a six-fold difference no log reader can settle. Issue 8: the item carries the range.
    frame = pd.DataFrame(
        [
            ("2026-03-02", "spinach", 1, "cup", "food"),
            ("2026-03-02", "kale", 1, "cup", "food"),
            ("2026-03-02", "spinach boiled", 1, "cup", "food"),
            ("2026-03-02", "raw spinach", 1, "cup", "food"),
        ],
        columns=["date", "food", "amount", "unit", "kind"],
    )
    items = mgcheck.make_report(mgcheck.assess_logs(frame, sex="female", age=60)).subjects[0].items
    found = {item.food: item for item in items}
    assert (found["spinach"].food_id, found["spinach"].mg_low, found["spinach"].mg_high) == ("11457", 23.7, 156.6)
    assert (found["kale"].food_id, found["kale"].mg_low, found["kale"].mg_high) == ("11233", 7.5, 23.4)
    # The state written settles it.
    assert (found["spinach boiled"].food_id, found["spinach boiled"].mg_low) == ("11458", 156.6)
    assert found["spinach boiled"].mg_high == 156.6
    assert (found["raw spinach"].food_id, found["raw spinach"].mg_high) == ("11457", 23.7)


def test_an_alias_alternative_is_not_a_name_of_its_food() -> None:
    """With cooked spinach listed as an alternative reading of 'spinach', the alternative row made 'spinach' a
    name of cooked spinach that outscored its own name: 'spinach boiled' and 'spinach cooekd' became 'too
    close to call'. A misspelt alias keeps its alternatives only when the text says nothing more
    ('coriander leaves' is not the seed)."""
    from mgcheck.matching import bundled_index

    found = bundled_index().match_many(["spinach boiled", "spinach cooekd", "spinich", "coriander leaves"])
    assert (found["spinach boiled"].food_id, found["spinach boiled"].alternatives) == ("11458", ())
    assert (found["spinach cooekd"].food_id, found["spinach cooekd"].alternatives) == ("11458", ())
    assert (found["spinich"].food_id, found["spinich"].alternatives) == ("11457", ("11458",))
    assert (found["coriander leaves"].food_id, found["coriander leaves"].alternatives) == ("11165", ())

