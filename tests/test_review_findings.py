"""Defects found by reviewing this project's rules on many inputs: each test fails before its fix."""

from __future__ import annotations

import pandas as pd
import pytest

import mgcheck


def _items(foods: list[tuple[str, object, str]]) -> dict[str, mgcheck.Item]:
    """Assess one day of (food, amount, unit) food rows; the report's items by their food text."""
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


def test_two_foods_of_one_name_in_one_log_are_both_reported() -> None:
    """SR28 and FNDDS hold 82 names twice ('Blueberries, raw' is 09050 and fndds:63203010). A log whose
    texts matched both ('blueberries, fresh' and 'blueberris raw') stopped with an internal error (exit 70)
    and no report: food names were made by renaming the id column's categories, which must be unique."""
    items = _items([("blueberries, fresh", 100, "g"), ("blueberris raw", 50, "g")])
    fresh, raw = items["blueberries, fresh"], items["blueberris raw"]
    assert {fresh.food_id, raw.food_id} == {"09050", "fndds:63203010"}
    assert fresh.food_name == raw.food_name == "Blueberries, raw"
    assert fresh.mg == pytest.approx(6.0, abs=0.051) and raw.mg == pytest.approx(3.0, abs=0.051)


@pytest.mark.parametrize(
    ("food_id", "why"),
    [
        ("05005", "'1 chicken' is 751 g: a whole bird, not one person's counted portion"),
        ("09181", "'1 melon, medium' is 552 g: a whole cantaloupe"),
        ("05009", "'0.5 chicken, bone removed' counts half a bird, not one of something"),
        ("16090", "'1 peanut' is 1 g: a piece, not what a person counts when writing no unit"),
    ],
)
def test_a_blank_unit_takes_no_measure_named_by_the_food_outside_its_bounds(food_id: str, why: str) -> None:
    """23ab151's measure-named-by-the-food rule weighs 10-400 g and counts one; deleting any of these
    three bounds failed no test (found by mutation in review). Each food here keeps its blank unit
    unresolved (an honest unmatched item) instead of a confident whole bird, melon or single peanut."""
    from mgcheck.resources import bundled_foods, bundled_measures
    from mgcheck.units import UnitError, convert_unit, measures_by_food

    foods = bundled_foods().set_index("food_id")
    measures = measures_by_food(bundled_measures(), [food_id])[food_id]
    with pytest.raises(UnitError):
        convert_unit("", measures, str(foods.loc[food_id, "name"]))


def test_a_gap_under_half_a_milligram_is_never_shown_as_0_mg(write_log, invoke) -> None:
    """319.6 mg against an RDA of 320 (two days of 499.375 g cooked quinoa, 64 mg per 100 g) read 'What next:
    0 mg/day below the RDA', 'Gap to the RDA: 0 mg/day', 'To add 0 mg/day' and, on the patient's page,
    'Foods that would close the gap of about 0 mg a day', each above portions of +156 mg: a gap the
    verdict says exists (between the EAR and the RDA) shown as none. It now reads 1 mg."""
    log = write_log("date,food,amount,unit\n2026-11-02,cooked quinoa,499.375,g\n2026-11-03,cooked quinoa,499.375,g\n")
    expected = {
        "terminal": "Gap to the RDA: 1 mg/day",
        "markdown": "What next: 1 mg/day below the RDA",
        "brief": "To add 1 mg/day to the RDA",
        "html": "close the gap of about 1 mg a day",
    }
    for output, phrase in expected.items():
        result = invoke("report", log, "--sex", "F", "--age", "54", "--format", output, "--quiet")
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert "between the EAR and the RDA" in text or output == "html", output
        assert phrase in text, output
        assert phrase.replace(" 1 mg", " 0 mg") not in text, output
    clinician = invoke(
        "report", log, "--sex", "F", "--age", "54", "--format", "html", "--audience", "clinician", "--quiet"
    )
    assert "What next: 1 mg/day below the RDA" in clinician.stdout


def test_merlot_is_never_suggested_to_close_the_gap() -> None:
    """SR28 writes one wine 'Alcoholic Beverage, wine, table, red, Merlot' (14602) with a capital B, and
    data/not_advised.csv's 'Alcoholic beverage' was matched case-sensitively: a log with 300 g of merlot
    was told '300 g merlot' would help close its magnesium gap (6062bbc's rule: alcohol is never advised)."""
    from mgcheck.report import not_advised_ids
    from mgcheck.resources import bundled_foods

    assert "14602" in not_advised_ids(bundled_foods())
    log = pd.DataFrame(
        {"date": ["2026-11-02"] * 2, "food": ["merlot", "white rice"], "amount": [300, 100], "unit": ["g", "g"]}
    )
    subject = mgcheck.make_report(mgcheck.assess_logs(log, sex="female", age=54)).subjects[0]
    assert {item.food_id for item in subject.items} == {"14602", "20045"}
    portions = [suggestion.portion for suggestion in subject.next_steps.suggestions]
    assert portions and not any("merlot" in portion for portion in portions), portions


@pytest.mark.parametrize(
    ("food_id", "grams"),
    [
        ("fndds:91746150", 43.0),  # 'bag Cadbury Mini Eggs (1.5 oz)': under 4 oz, a single-serve bag
        ("42148", 46.0),  # "serving 1.63 oz singles bag" (M&M's): a single-serve bag by its own words
    ],
)
def test_a_food_s_own_single_serve_bag_is_its_bag(food_id: str, grams: float) -> None:
    """3206c5f takes a default 30 g bag only over a shop's multi-serving bag (4 oz or more, not
    'single' or 'serving'); deleting the 4 oz bound failed no test
    (mutation in review). A food's own small bag stays its bag."""
    from mgcheck.resources import bundled_foods, bundled_measures
    from mgcheck.units import convert_unit, measures_by_food

    foods = bundled_foods().set_index("food_id")
    measures = measures_by_food(bundled_measures(), [food_id])[food_id]
    conversion = convert_unit("bag", measures, str(foods.loc[food_id, "name"]))
    assert conversion.grams_per_unit == grams and not conversion.estimate


@pytest.mark.parametrize(
    ("grams", "shown", "verdict"), [(499.375, "319", "between the EAR and the RDA"), (413.4375, "264", "below the EAR")]
)
def test_a_mean_just_below_a_reference_is_never_shown_equal_to_it(
    write_log, invoke, grams: float, shown: str, verdict: str
) -> None:
    """319.6 mg a day (cooked quinoa, 64 mg per 100 g) read 'Mean 320 mg/day ... RDA 320 mg' beside 'between
    the EAR and the RDA', and on the patient's page 'You had about 320 mg ... The amount advised for you is
    320 mg' above 'probably needs improvement'; 264.6 mg read 265 beside an EAR of 265 and 'below the
    EAR'. Like 042107e's percentage, a mean never rounds up onto a reference value it is below."""
    log = write_log(f"date,food,amount,unit\n2026-11-02,cooked quinoa,{grams},g\n2026-11-03,cooked quinoa,{grams},g\n")
    expected = {
        ("terminal", "patient"): f"{shown} mg/day over 2 day(s)",
        ("markdown", "patient"): f"{shown} mg/day over 2 day(s)",
        ("brief", "patient"): f"Mean {shown} mg/day over 2 day(s)",
        ("html", "patient"): f'You had about <span class="mg" data-key="mean">{shown} mg</span>',
        ("html", "clinician"): f"{shown} mg/day: food",
    }
    for (output, audience), phrase in expected.items():
        options = ["--audience", audience] if output == "html" else []
        result = invoke("report", log, "--sex", "F", "--age", "54", "--format", output, *options, "--quiet")
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert phrase in text, (output, audience)
        assert verdict in text or (output, audience) == ("html", "patient"), (output, audience)
        if (output, audience) == ("html", "patient"):
            assert f"Average {shown} mg a day" in text  # the chart's title
