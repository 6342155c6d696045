"""Issue 8 part 3 through the CLI and JSON: everyday units, estimates, unresolved units, close variants."""

from __future__ import annotations

import json
from typing import Any

import pytest

PATIENT = ("--sex", "F", "--age", "40")
HEADER = "date,food,amount,unit\n"


def _subject(invoke: Any, path: object, *extra: str) -> tuple[dict[str, Any], str]:
    result = invoke("report", path, *PATIENT, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["subjects"][0], result.stderr


def test_issue_rows_give_the_measure_arithmetic(write_log, invoke):
    path = write_log(
        HEADER
        + "2026-11-02,vanilla ice cream,1/2,cup\n"
        + "2026-11-02,red bull,8.4,fl oz\n"
        + "2026-11-02,marinara sauce,1/2,cup\n"
        + "2026-11-02,chocolate syrup,2,tbsp\n"
    )
    subject, _ = _subject(invoke, path)
    got = [(i["food_id"], i["grams"], i["grams_estimate"]) for i in subject["items"]]
    assert got == [("19095", 66.0, False), ("14154", 258.0, False), ("06931", 132.0, False), ("14181", 39.0, False)]
    assert subject["items"][1]["mg"] == 49.0


def test_everyday_units_and_cells(write_log, invoke):
    path = write_log(
        HEADER
        + "2026-11-02,peanut butter,1,T\n"  # 16 g
        + "2026-11-02,banana,1,med\n"  # 118 g
        + "2026-11-02,spinach,200g,\n"  # amount and unit in one cell
        + "2026-11-02,banana,1 medium,\n"
        + "2026-11-02,satsuma,2,\n"  # blank unit: 2 medium, estimate
        + "2026-11-02,almonds,1,handful\n"  # default 30 g, estimate
        + "2026-11-02,red bull,1,tin\n"  # its own (US) can, an estimate for a tin
    )
    subject, _ = _subject(invoke, path)
    got = [(i["row"], i["grams"], i["grams_estimate"]) for i in subject["items"]]
    assert got == [(1, 16.0, False), (2, 118.0, False), (3, 200.0, False), (4, 118.0, False),
                   (5, 176.0, True), (6, 30.0, True), (7, 258.0, True)]  # fmt: skip
    assert subject["items"][5]["basis"].startswith("estimate: default handful = 30 g")
    assert subject["unmatched"] == []


def test_estimates_are_labelled_in_the_terminal_and_markdown(write_log, invoke):
    path = write_log(HEADER + "2026-11-02,almonds,1,handful\n")
    for fmt in ("terminal", "markdown"):
        result = invoke("report", path, *PATIENT, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "estimate: default handful" in result.stdout


def test_kidney_beans_canned_cup_takes_the_close_variant_with_a_cup(write_log, invoke):
    """Issue 8: the match picked 'canned, drained solids' (no cup measure) and the report was lost."""
    path = write_log(HEADER + '2026-11-02,"kidney beans, canned",1,cup\n2026-11-02,banana,1,medium\n')
    subject, stderr = _subject(invoke, path)
    beans = subject["items"][0]
    assert beans["food_id"] == "16029" and beans["grams"] == 256.0  # Beans, kidney, all types, canned: 1 cup
    assert "close variant" in stderr and "16145" in stderr


def test_unresolved_unit_counts_toward_the_unmatched_share_and_withholds(write_log, invoke):
    rows = "".join(f"2026-11-0{d},banana,1,blorps\n2026-11-0{d},banana,1,medium\n" for d in (2, 3))
    path = write_log(HEADER + rows)
    subject, stderr = _subject(invoke, path)
    assert subject["unmatched_items"] == 2 and subject["unmatched_share"] == 0.5
    assert all(u["reason"].startswith("Bananas, raw (09040): 'blorps' is not a unit") for u in subject["unmatched"])
    assert stderr.count("listed as unresolved, not counted") == 2
    assert subject["adequacy"]["conclusion"].startswith("not judged: 50% of food items are unmatched")


def test_validate_keeps_an_unresolved_unit_an_error(write_log, invoke):
    path = write_log(HEADER + "2026-11-02,banana,1,blorps\n")
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert "'blorps' is not a unit" in result.stderr


def test_foods_show_lists_typeable_units(invoke):
    """Issue 8: `mgcheck foods show 19095` listed a unit 'serving 1 2 cup' nobody can type."""
    result = invoke("foods", "show", "19095", "--json")
    assert result.exit_code == 0, result.stderr
    units = json.loads(result.stdout)["units"]
    assert "serving" in units and "cup" in units and "serving 1 2 cup" not in units


def test_a_blank_unit_never_moves_the_item_to_another_food(write_log, invoke):
    """The review: 'pretzels,1,' became soft pretzels and 'orange juice,1,' the juice of one orange,
    with a warning saying the food "has no '' measure"."""
    log = write_log("date,food,amount,unit\n2026-11-02,pretzels,1,\n2026-11-02,orange juice,1,\n2026-11-02,banana,1,\n")
    result = invoke("report", log, "--sex", "F", "--age", "40", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "close variant" not in result.stderr and "''" not in result.stderr
    subject = json.loads(result.stdout)["subjects"][0]
    assert {item["food"] for item in subject["unmatched"]} == {"orange juice"}
    # Since issue 8 round 2, a snack listed in no bag is its own single-serving bag (30 g), on the same food.
    pretzels = next(item for item in subject["items"] if item["food"] == "pretzels")
    assert (pretzels["food_id"], pretzels["grams"], pretzels["grams_estimate"]) == ("19047", 30.0, True)
    assert "43109" not in result.stdout and "09206" not in result.stdout


def test_a_close_variant_is_the_same_kind_of_food(write_log, invoke):
    """'toast,2,rounds' (two rounds of toast, as British patients write) became two melba toast crackers,
    6 g: 'Crackers, melba toast' holds the word toast and has a 'round' measure. A variant must be the
    matched food's own kind (its name's first part, 'Bread'), or a kind the text names."""
    log = write_log(HEADER + "2026-11-02,toast,2,rounds\n2026-11-02,banana,1,medium\n")
    subject, stderr = _subject(invoke, log)
    assert all(item["food_id"] != "18220" for item in subject["items"])
    assert "close variant" not in stderr
    (toast,) = subject["unmatched"]
    assert toast["reason"].startswith("Bread, white, commercially prepared, toasted (18070): 'rounds' is not a unit")


@pytest.mark.parametrize(
    ("food", "unit", "not_this"),
    [
        ("semi skimmed milk", "serving", "fndds:11519105"),  # Strawberry milk, reduced fat
        ("walnuts", "serving", "fndds:42116100"),  # Walnuts, honey roasted (106 mg per 100 g, not 158)
        ("raisins", "serving", "19127"),  # Candies, milk chocolate coated raisins
        ("beef mince", "piece", "fndds:27416200"),  # Beef, ground, with egg and onion
    ],
)
def test_a_close_variant_adds_no_food_the_text_does_not_say(write_log, invoke, food, unit, not_this):
    """Review of the close-variant rule (f0f6258, 4408a04): for a unit the matched food cannot take, any
    variant of the same kind holding the text's words was taken, so 'semi skimmed milk, 1, serving' became
    strawberry milk and 'raisins, 1, serving' one chocolate-coated raisin (1 g). A variant whose name adds
    a food that neither the text nor the matched food names is another food: the item is unresolved."""
    log = write_log(HEADER + f"2026-11-02,{food},1,{unit}\n2026-11-02,banana,1,medium\n")
    subject, _ = _subject(invoke, log)
    assert all(item["food_id"] != not_this for item in subject["items"])


def test_a_close_variant_that_only_says_how_the_food_is_packed_is_still_taken(write_log, invoke):
    """'chickpeas, 1, can' is still SR28's canned chickpeas: what a food is packed in adds no food.
    'tinned tuna, 1, serving' took FNDDS tuna 'NS as to oil or water pack' while SR28's canned tuna had
    no serving; it now has one, FDA's reference amount for canned fish (85 g), so it keeps its match."""
    log = write_log(HEADER + "2026-11-02,chickpeas,1,can\n2026-11-02,tinned tuna,1,serving\n")
    subject, _ = _subject(invoke, log)
    items = {item["food_id"]: item for item in subject["items"]}
    assert set(items) == {"16358", "15121"}
    assert items["15121"]["grams"] == 85.0 and items["15121"]["grams_estimate"]
