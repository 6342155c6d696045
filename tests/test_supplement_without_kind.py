"""A supplement or medicine written without its kind (coordinator's trial, session 10).

`magnesium glycinate,200,mg` in a log with no kind column was a food row: unmatched, with tofu
made with nigari suggested and a command to teach the book that a supplement is tofu.
"""

from __future__ import annotations

from conftest import report_json

PATIENT = ("--sex", "F", "--age", "40")


def _items(result: object) -> dict[str, dict[str, object]]:
    document = report_json(result)
    return {item["food"]: item for item in document["subjects"][0]["items"]}


def test_a_known_salt_without_a_kind_column_is_a_supplement_with_a_warning(write_log, invoke):
    log = write_log(
        "date,food,amount,unit\n"
        "2026-11-02,banana,1,medium\n"
        "2026-11-02,magnesium glycinate,200,mg\n"
        "2026-11-03,magnesium glycinate,200,mg\n"
    )
    result = invoke("report", log, *PATIENT, "-f", "json")
    items = _items(result)
    assert items["magnesium glycinate"]["kind"] == "supplement"
    assert items["magnesium glycinate"]["mg"] == 200.0
    assert items["banana"]["kind"] == "food"
    assert result.stderr.count("has no kind") == 1
    assert (
        f"{log}, row 2, 3: 'magnesium glycinate' has no kind; taken as a supplement (a magnesium salt or "
        "product mgcheck knows); write its kind (food, supplement, medicine) to be sure" in result.stderr
    )


def test_a_blank_kind_cell_and_a_named_medicine(write_log, invoke):
    log = write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,banana,1,medium,\n"
        "2026-11-02,milk of magnesia,5,ml,\n"
        "2026-11-02,magnesium citrate,100,mg,supplement\n"
    )
    items = _items(invoke("report", log, *PATIENT, "-f", "json"))
    assert items["milk of magnesia"]["kind"] == "medicine"
    assert items["magnesium citrate"]["kind"] == "supplement"
    assert items["banana"]["kind"] == "food"


def test_a_row_whose_kind_says_food_stays_a_food(write_log, invoke):
    log = write_log(
        "date,food,amount,unit,kind\n2026-11-02,banana,1,medium,food\n2026-11-02,magnesium glycinate,200,mg,food\n"
    )
    result = invoke("report", log, *PATIENT, "-f", "json")
    unmatched = report_json(result)["subjects"][0]["unmatched"]
    assert [item["food"] for item in unmatched] == ["magnesium glycinate"]
    assert "has no kind" not in result.stderr
