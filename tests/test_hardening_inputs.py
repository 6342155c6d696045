"""Issue 10 parts 1, 4 and 6: real exports run, numbers read as written or refused, profile errors.

Every export fixture here is synthetic (tests/data/exports), built from the layouts in
../shared/formats.md; none holds a real person's record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import report_json

from mgcheck.units import COMMA, parse_amount

EXPORTS = Path(__file__).parent / "data" / "exports"
PATIENT = ("--sex", "F", "--age", "40")
ITEMS = EXPORTS / "asa24_Items.csv"


# --- 1. Real exports run --------------------------------------------------------------------------


def test_a_header_only_asa24_supplements_file_means_no_supplements(invoke):
    result = invoke("summary", ITEMS, EXPORTS / "asa24_INS_header_only.csv", *PATIENT, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "no supplements taken" in result.stderr
    assert all(s["mean_supplement_mg"] == 0 for s in json.loads(result.stdout)["subjects"])


def test_a_header_only_asa24_supplements_file_without_a_description_column_means_no_supplements(invoke, write_log):
    # Regression: refused ("has a header but no items") because no column named the supplement.
    ins = write_log(
        "UserName,UserID,RecallNo,RecallStatus,IntakeStartDateTime,ReportingDate,SupplNum,SupplCode,KCAL,MAGN\n",
        "INS.csv",
    )
    result = invoke("summary", ITEMS, ins, *PATIENT, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "no supplements taken" in result.stderr
    alone = json.loads(invoke("summary", ITEMS, *PATIENT, "-f", "json").stdout)
    assert json.loads(result.stdout)["subjects"] == alone["subjects"]


def test_a_header_only_asa24_foods_file_is_still_refused(invoke, write_log):
    items = write_log("UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodAmt,MAGN,Food_Description\n")
    totals = write_log("UserName,RecallNo,RecallStatus,IntakeStartDateTime,NumFoods,MAGN\n")
    for path in (items, totals):
        result = invoke("summary", ITEMS, path, *PATIENT, "-f", "json")
        assert result.exit_code == 1 and "has a header but no items" in result.stderr


def test_intake24_missing_rows_are_listed_missing_foods_never_errors(invoke):
    subject = report_json(invoke("report", EXPORTS / "intake24_missing.csv", *PATIENT, "-f", "json"))["subjects"][0]
    assert [(u["row"], u["food"]) for u in subject["unmatched"]] == [(2, "grandma's lentil soup"), (3, "thing")]
    assert subject["mean_daily_mg"] == 27.0  # the missing foods count nothing, the banana its stated 27 mg


def test_intake24_missing_rows_count_toward_the_incomplete_share(invoke):
    result = invoke("summary", EXPORTS / "intake24_missing.csv", *PATIENT, "-f", "json")
    (subject,) = json.loads(result.stdout)["subjects"]
    assert subject["unmatched_items"] == 2 and subject["conclusion"].startswith("not judged")


def test_cronometer_real_amounts_times_and_blank_magnesium(invoke):
    subject = report_json(invoke("report", EXPORTS / "cronometer_real_amounts.csv", *PATIENT, "-f", "json"))[
        "subjects"
    ][0]
    items = {item["row"]: item for item in subject["items"]}
    assert items[1]["mg"] == 120.5 and items[2]["mg"] == 20.1  # '4.00 x 4.0 oz', '1.00 whole - 3 1/2" diameter'
    # Blank Mg for a branded food: unknown, listed and counted toward the incomplete share, never 0.
    assert [u["row"] for u in subject["unmatched"]] == [3] and subject["mean_daily_mg"] == 140.6


# --- 4. Numbers are read as written or refused ----------------------------------------------------


def test_a_thousands_shaped_amount_is_ambiguous(write_log, invoke):
    log = write_log('date,food,amount,unit,kind\n2026-11-02,magnesium oxide,"1,000",mg salt,supplement\n')
    result = invoke("summary", log, *PATIENT, "--strict")
    assert result.exit_code == 1
    assert "amount '1,000' is ambiguous" in result.stderr and "--decimal-comma" in result.stderr
    # Without --strict too: a supplement's dose left out would let the UL check say "within" unasked.
    plain = invoke("summary", log, *PATIENT)
    assert plain.exit_code == 1 and plain.stdout == "" and "amount '1,000' is ambiguous" in plain.stderr


def test_thousands_comma_reads_one_thousand(write_log, invoke):
    log = write_log('date,food,amount,unit,kind\n2026-11-02,magnesium oxide,"1,000",mg salt,supplement\n')
    data = json.loads(invoke("summary", log, *PATIENT, "--thousands-comma", "-f", "json").stdout)
    assert data["subjects"][0]["mean_supplement_mg"] > 500  # 1,000 mg of MgO is about 603 mg of magnesium
    assert data["subjects"][0]["ul_exceeded"] is True


def test_decimal_comma_reads_one(write_log, invoke):
    log = write_log('date,food,amount,unit\n2026-11-02,banana,"1,000",medium\n')
    data = json.loads(invoke("summary", log, *PATIENT, "--decimal-comma", "-f", "json").stdout)
    assert data["subjects"][0]["mean_food_mg"] == 31.9


def test_both_comma_options_are_a_usage_error(write_log, invoke):
    assert invoke("summary", write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n"), *PATIENT,
                  "--decimal-comma", "--thousands-comma").exit_code == 2  # fmt: skip


@pytest.mark.parametrize(
    ("text", "mode", "value"),
    [("1,000", "ambiguous", None), ("1,000", "thousands", 1000.0), ("1,000", "decimal", 1.0), ("0,5", "ambiguous", 0.5),
     ("12,345,678", "thousands", 12345678.0), ("1,5", "thousands", 1.5), ("1,0000", "ambiguous", 1.0)],
)  # fmt: skip
def test_parse_amount_comma_modes(text, mode, value):
    token = COMMA.set(mode)
    try:
        assert parse_amount(text) == value
    finally:
        COMMA.reset(token)


def test_an_export_amount_with_a_thousands_comma_is_ambiguous(tmp_path, invoke):
    text = ITEMS.read_text().splitlines()
    header, first = text[0], text[1]
    columns = header.split(",")
    cells = next(__import__("csv").reader([first]))
    cells[columns.index("FoodAmt")] = "1,000"
    path = tmp_path / "Items.csv"
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([columns, cells])
    path.write_text(buffer.getvalue())
    result = invoke("summary", path, *PATIENT, "--strict")
    assert result.exit_code == 1 and "FoodAmt '1,000' is ambiguous" in result.stderr
    listed = invoke("summary", path, *PATIENT)  # without --strict: that item unresolved, not the study lost
    assert listed.exit_code == 0 and "FoodAmt '1,000' is ambiguous" in listed.stderr


@pytest.mark.parametrize("value", ["inf", "1e400", "nan", "-inf", "1e9", "100001"])
def test_custom_food_magnesium_must_be_finite_and_possible(write_log, invoke, value):
    foods = write_log(f"food_id,name,mg_per_100g\nC1,house granola,{value}\n")
    log = write_log("date,food,amount,unit\n2026-11-02,house granola,50,g\n")
    for command in ("summary", "report"):
        result = invoke(command, log, *PATIENT, "--foods", foods)
        assert result.exit_code == 1, result.stdout
        assert f"{foods}, row 1: mg_per_100g" in result.stderr and "internal error" not in result.stderr


@pytest.mark.slow
def test_custom_food_at_the_bound_is_accepted(write_log, invoke):
    foods = write_log('food_id,name,mg_per_100g\nC1,house granola,"180,5"\n')
    log = write_log("date,food,amount,unit\n2026-11-02,house granola,100,g\n")
    data = json.loads(invoke("summary", log, *PATIENT, "--foods", foods, "-f", "json").stdout)
    assert data["subjects"][0]["mean_food_mg"] == 180.5


def test_an_export_stating_impossible_magnesium_is_refused(tmp_path, invoke):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(ITEMS.read_text())))
    header = rows[0]
    rows[1][header.index("MAGN")] = "1000000"
    path = tmp_path / "Items.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue())
    result = invoke("summary", path, *PATIENT, "--strict")
    assert result.exit_code == 1
    assert f"{path}, row 1: the export states 1,000,000 mg" in result.stderr
    # Without --strict the food is listed unresolved, not counted, and the rest assessed.
    listed = invoke("summary", path, *PATIENT, "-f", "json")
    assert listed.exit_code == 0 and json.loads(listed.stdout)["subjects"][0]["unmatched_items"] == 1
    assert f"{path}, row 1: the export states 1,000,000 mg" in listed.stderr and "listed as unresolved" in listed.stderr


@pytest.mark.parametrize("age", ["5_4", "inf", "1e1", "54 years", "-3", "0x36"])
def test_ages_are_plain_numbers(invoke, write_log, age):
    result = invoke(
        "summary", write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n"), "--sex", "F", "--age", age
    )
    assert result.exit_code == 2 and "age" in result.stderr


def test_age_54_and_54_0_are_one_profile(write_log, invoke):
    log = write_log(
        "subject,sex,age,date,food,amount,unit\nann,F,54,2026-11-02,banana,1,medium\nann,F,54.0,2026-11-03,banana,1,medium\n"
    )
    result = invoke("summary", log)
    assert result.exit_code == 0, result.stderr


# --- 6. Profile errors ------------------------------------------------------------------------------


def test_every_bad_profile_row_is_reported_with_subject_file_and_row(write_log, invoke):
    log = write_log("subject,date,food,amount,unit\nann,2026-11-02,banana,1,medium\nbob,2026-11-02,banana,1,medium\n")
    profiles = write_log("subject,sex,age\nann,X,40\nbob,F,5_4\n")
    result = invoke("summary", log, "--profiles", profiles)
    assert result.exit_code == 1
    assert f"{profiles}, row 1: subject ann" in result.stderr and f"{profiles}, row 2: subject bob" in result.stderr


def test_no_reference_for_a_profile_names_subject_file_and_row(write_log, invoke):
    # EFSA 2015 sets no value under 7 months (IOM's lactation rows now cover a lactating girl of any age).
    log = write_log("subject,sex,age,date,food,amount,unit\nkid,F,0.3,2026-11-02,banana,1,medium\n")
    result = invoke("summary", log, "--standard", "efsa")
    assert result.exit_code == 1
    assert f"{log}, row 1: subject kid:" in result.stderr and "EFSA 2015 sets no magnesium reference" in result.stderr
