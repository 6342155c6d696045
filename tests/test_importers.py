"""Recall-tool exports (ASA24, Cronometer, Intake24, NHANES; MyFitnessPal refused), through read_logs and the CLI.

Expected figures are computed from the synthetic fixtures in tests/data/exports/ with the
csv module, so a fixture can change without the tests going stale.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from conftest import report_json

from mgcheck.errors import MgcheckError
from mgcheck.importers import FORMATS, detect
from mgcheck.importers.base import apply_column_map
from mgcheck.importers.cronometer import split_amount
from mgcheck.importers.reading import normalise_header, read_table
from mgcheck.logs import read_logs
from mgcheck.pipeline import Request, run
from mgcheck.reference import make_profile

EXPORTS = Path(__file__).parent / "data" / "exports"
ITEMS = EXPORTS / "asa24_Items.csv"
INS = EXPORTS / "asa24_INS.csv"
CRONOMETER = EXPORTS / "cronometer_servings.csv"
INTAKE24 = EXPORTS / "intake24.csv"
NHANES_CSV = EXPORTS / "nhanes_dr1iff.csv"
NHANES_XPT = EXPORTS / "nhanes_dr2iff.xpt"
MFP_HEADER = (
    "Date,Meal,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Monounsaturated Fat,Trans Fat,Cholesterol,"
    "Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),Vitamin A,Vitamin C,Calcium,Iron,Note\n"
)
MFP_LOG = MFP_HEADER + "2024-01-15,Breakfast,420,12,3,2,5,0,30,480,520,60,6,12,18,10,15,20,12,\n"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _report(invoke, *paths: object) -> dict:
    return report_json(invoke("report", *paths, "--sex", "F", "--age", "40", "--format", "json"))


def _days(report: dict) -> dict[tuple[str, str], dict]:
    return {(s["subject"], d["date"]): d for s in report["subjects"] for d in s["days"]}


def _items(report: dict) -> list[dict]:
    return [item for subject in report["subjects"] for item in subject["items"]]


def _number(text: str) -> float:
    return float(text) if text.strip() else math.nan


def _asa24_day(text: str) -> str:
    return datetime.strptime(text, "%m/%d/%Y %H:%M").date().isoformat()


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (ITEMS, "asa24"),
        (INS, "asa24"),
        (CRONOMETER, "cronometer"),
        (INTAKE24, "intake24"),
        (NHANES_CSV, "nhanes"),
        (NHANES_XPT, "nhanes"),
    ],
)
def test_each_export_is_detected_and_read_with_its_magnesium(path: Path, expected: str) -> None:
    table, _name = read_table(str(path))
    assert detect([normalise_header(c) for c in table.columns]) == expected
    result = read_logs([str(path)])
    assert result.problems == []
    assert not result.log.empty
    assert "source_mg" in result.log.columns
    assert result.log["source_mg"].notna().any()


def test_native_and_myfitnesspal_detection() -> None:
    assert detect(["date", "food", "amount", "unit"]) == "native"
    assert detect([normalise_header(c) for c in MFP_HEADER.strip().split(",")]) == "myfitnesspal"
    assert detect(["something", "else"]) is None


# --------------------------------------------------------------------------- ASA24


def test_asa24_day_totals_are_the_sums_of_magn_for_complete_recalls(invoke) -> None:
    report = _report(invoke, ITEMS, INS)
    days = _days(report)
    food: dict[tuple[str, str], float] = defaultdict(float)
    for row in _rows(ITEMS):
        if row["RecallStatus"] == "2":
            food[(row["UserName"], _asa24_day(row["IntakeStartDateTime"]))] += float(row["MAGN"])
    supplements: dict[tuple[str, str], float] = defaultdict(float)
    for row in _rows(INS):
        if row["RecallStatus"] == "2":
            supplements[(row["UserName"], _asa24_day(row["IntakeStartDateTime"]))] += float(row["MAGN"])
    assert set(days) == set(food)
    for key, mg in food.items():
        assert days[key]["food_mg"] == pytest.approx(mg, abs=0.051)
        assert days[key]["supplement_mg"] == pytest.approx(supplements.get(key, 0.0), abs=0.051)
    assert {s["subject"] for s in report["subjects"]} == {r["UserName"] for r in _rows(ITEMS)}


def test_asa24_items_carry_magn_as_their_mg(invoke) -> None:
    report = _report(invoke, ITEMS)
    rows = _rows(ITEMS)
    items = _items(report)
    assert items and all(item["status"] == "source" for item in items)
    for item in items:
        row = rows[item["row"] - 1]
        assert item["mg"] == pytest.approx(float(row["MAGN"]), abs=0.051)
        assert item["grams"] == pytest.approx(float(row["FoodAmt"]))
        assert item["food"] == row["Food_Description"]
        assert item["unit"] == "g"


def test_asa24_incomplete_recalls_are_skipped_with_one_warning() -> None:
    rows = _rows(ITEMS)
    incomplete = [row for row in rows if row["RecallStatus"] != "2"]
    assert incomplete, "the fixture needs an incomplete recall"
    result = read_logs([str(ITEMS)])
    assert result.problems == []
    skipped = [w for w in result.warnings if "incomplete recall" in w]
    assert len(skipped) == 1
    assert f"skipped {len(incomplete)} row(s)" in skipped[0]
    assert len(result.log) == len(rows) - len(incomplete)
    dropped_days = {_asa24_day(row["IntakeStartDateTime"]) for row in incomplete}
    kept = result.log[result.log["subject"].isin({row["UserName"] for row in incomplete})]
    assert not set(kept["date"]) & dropped_days


def test_asa24_supplements_are_labels_in_mg_and_mg_free_ones_are_left_out() -> None:
    result = read_logs([str(INS)])
    assert result.problems == []
    log = result.log
    assert set(log["kind"]) == {"supplement"}
    assert set(log["unit"]) == {"mg"}
    assert (log["amount"] == log["source_mg"]).all()
    complete = [row for row in _rows(INS) if row["RecallStatus"] == "2"]
    without = [row for row in complete if float(row["MAGN"]) == 0]
    assert len(log) == len(complete) - len(without)
    assert any("supplement(s) with 0 mg magnesium not counted" in w for w in result.warnings)


def test_asa24_day_first_dates_are_left_to_date_format(write_log) -> None:
    content = (
        "UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodAmt,MAGN,Food_Description\n"
        'S1,1,2,13/02/2017 00:00,118,31.9,"Banana, raw"\n'
        'S1,2,2,02/03/2017 00:00,118,31.9,"Banana, raw"\n'
    )
    path = str(write_log(content))
    problems = read_logs([path]).problems
    assert [p.row for p in problems] == [1, 2] and all("--date-format" in p.message for p in problems)
    result = read_logs([path], date_format="%d/%m/%Y")
    assert result.problems == []
    assert result.log["date"].tolist() == ["2017-02-13", "2017-03-02"]


def test_asa24_two_digit_years_of_a_resaved_export_are_read(write_log) -> None:
    # formats.md: re-saved files write '1/18/22 0:00'; every date of such a file was refused,
    # with a hint to use day-first --date-format.
    header = "UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodAmt,MAGN,Food_Description\n"
    result = read_logs(
        [str(write_log(header + "S1,1,2,1/18/22 0:00,118,31.9,Banana\nS1,2,2,11/5/2021 0:00,118,31.9,x\n"))]
    )
    assert (result.problems, result.log["date"].tolist()) == ([], ["2022-01-18", "2021-11-05"])


def test_asa24_two_recalls_on_one_day_are_a_problem(write_log) -> None:
    content = (
        "UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodAmt,MAGN,Food_Description\n"
        "S1,1,2,2/13/2017 0:00,118,31.9,Banana\nS1,2,2,2/13/2017 0:00,118,31.9,Banana\n"
    )
    (problem,) = read_logs([str(write_log(content))]).problems
    assert "recalls 1, 2 all cover 2017-02-13" in problem.message


def test_asa24_totals_file_is_refused(write_log) -> None:
    path = write_log("UserName,RecallNo,RecallStatus,NumFoods,KCAL,MAGN\nS1,1,2,12,1850,310\n", "Totals.csv")
    (problem,) = read_logs([str(path)]).problems
    assert "Totals.csv" in problem.message and "Items.csv" in problem.message


def test_asa24_bad_magn_is_a_problem_of_its_row(write_log) -> None:
    content = "UserName,RecallNo,RecallStatus,FoodAmt,MAGN,Food_Description\nS1,1,2,118,abc,Banana\n"
    (problem,) = read_logs([str(write_log(content))]).problems
    assert problem.row == 1 and "MAGN 'abc' is not a number" in problem.message


# --------------------------------------------------------------------------- Cronometer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.00 tsp", ("1.00", "tsp")),
        ("150.00 g", ("150.00", "g")),
        ("2.00 each", ("2.00", "each")),
        ("1.00 cup, chopped", ("1.00", "cup, chopped")),
        ("0,50 cup", ("0,50", "cup")),
        ("3.00", ("3.00", "")),
    ],
)
def test_cronometer_amount_splits_into_amount_and_unit(text: str, expected: tuple[str, str]) -> None:
    assert split_amount(text) == expected


def test_cronometer_day_totals_and_blank_magnesium_cells(invoke) -> None:
    report = _report(invoke, CRONOMETER)
    (subject,) = report["subjects"]
    assert subject["subject"] == CRONOMETER.stem  # no subject column: one person, named after the file
    rows = _rows(CRONOMETER)
    items = {item["row"]: item for item in subject["items"]}
    stated: dict[str, float] = defaultdict(float)
    supplements: dict[str, float] = defaultdict(float)
    for number, row in enumerate(rows, start=1):
        mg = _number(row["Magnesium (mg)"])
        if row["Group"].lower() == "supplements":
            supplements[row["Day"]] += 0.0 if math.isnan(mg) else mg
        elif not math.isnan(mg):
            stated[row["Day"]] += mg
            assert items[number]["status"] == "source"
            assert items[number]["mg"] == pytest.approx(mg, abs=0.051)
    blank = [
        n for n, row in enumerate(rows, start=1) if not row["Magnesium (mg)"].strip() and row["Group"] != "Supplements"
    ]
    assert blank, "the fixture needs blank magnesium cells"
    matched = [items[n] for n in blank if n in items]
    unmatched = {u["row"] for u in subject["unmatched"]}
    assert all(n in unmatched or items[n]["status"] == "matched" for n in blank)
    # A blank cell is "not available": the banana is matched against SR28, not counted as 0.
    banana = next(item for item in matched if item["food"] == "Bananas, raw")
    assert banana["food_id"] == "09040" and banana["mg"] == pytest.approx(31.9)
    assert unmatched and all(rows[n - 1]["Food Name"] for n in unmatched)
    for day in subject["days"]:
        extra = sum(items[n]["mg"] for n in blank if n in items and rows[n - 1]["Day"] == day["date"])
        assert day["food_mg"] == pytest.approx(stated[day["date"]] + extra, abs=0.051)
        assert day["supplement_mg"] == pytest.approx(supplements[day["date"]], abs=0.051)


def test_cronometer_blank_magnesium_is_nan_and_supplements_group_is_kind_supplement() -> None:
    result = read_logs([str(CRONOMETER)])
    log = result.log
    banana = log[log["food"] == "Bananas, raw"].iloc[0]
    assert math.isnan(banana["source_mg"])
    assert (banana["amount"], banana["unit"]) == (1.0, "medium")
    supplements = log[log["meal"].str.lower() == "supplements"]
    assert set(supplements["kind"]) == {"supplement"}
    # Magnesium Glycinate's stated mg counts; Vitamin D3's blank cell is unknown: listed, not counted.
    assert dict(zip(supplements["food"], supplements["unit"], strict=False)) == {
        "Magnesium Glycinate": "mg",
        "Vitamin D3": "item",
    }
    assert list(log.loc[log["dose_unknown"], "food"]) == ["Vitamin D3"]
    assert set(log.loc[log["meal"].str.lower() != "supplements", "kind"]) == {"food"}
    oats = log[log["food"] == "Oats, Rolled, Dry"].iloc[0]
    assert oats["source_grams"] == 40.0
    assert any("supplement(s) whose magnesium the export left blank not counted" in w for w in result.warnings)


def test_cronometer_magnesium_supplement_without_a_figure_is_a_problem(write_log) -> None:
    content = (
        "Day,Time,Group,Food Name,Amount,Magnesium (mg)\n"
        '2023-05-08,,Supplements,Magnesium Oxide,1.00 each,\n2023-05-08,,Breakfast,"Bananas, raw",1.00 medium,\n'
    )
    (problem,) = read_logs([str(write_log(content))]).problems
    assert problem.row == 1 and "Magnesium Oxide" in problem.message


def test_cronometer_food_in_the_supplements_group_is_food_not_toward_the_upper_limit(invoke, write_log) -> None:
    # Users file protein shakes under "Supplements": only supplemental magnesium (a salt or product
    # mgcheck knows, or a product named as magnesium) counts toward the UL, which covers supplements
    # and medicines only (IOM 1997); the shake's 360 mg is food.
    content = (
        "Day,Time,Group,Food Name,Amount,Magnesium (mg),Category\n"
        "2023-05-08,,Supplements,Chocolate Protein Shake,2.00 scoop,360.00,Beverages\n"
        "2023-05-08,,Supplements,Magnesium Glycinate,1.00 each,120.00,Supplements\n"
        '2023-05-08,,Supplements,"Magnesium 100mg, Nature Made",1.00 tablet,100.00,Supplements\n'
        "2023-05-08,,Supplements,Vitamin D3,1.00 each,,Supplements\n"
    )
    path = write_log(content, "servings.csv")
    result = read_logs([str(path)])
    kinds = dict(zip(result.log["food"], result.log["kind"], strict=True))
    assert kinds == {
        "Chocolate Protein Shake": "food",
        "Magnesium Glycinate": "supplement",
        "Magnesium 100mg, Nature Made": "supplement",
        "Vitamin D3": "supplement",  # its blank magnesium is unknown: listed, not counted
    }
    assert any("Chocolate Protein Shake" in str(w) and "counted as food" in str(w) for w in result.warnings)
    (subject,) = _report(invoke, path)["subjects"]
    (day,) = subject["days"]
    assert day["food_mg"] == pytest.approx(360.0)
    assert day["supplement_mg"] == pytest.approx(220.0)
    assert subject["upper_limit"]["exceeded"] is False and subject["upper_limit"]["uncounted_doses"] == 1
    shake = next(item for item in subject["items"] if item["food"] == "Chocolate Protein Shake")
    assert shake["kind"] == "food" and shake["mg"] == pytest.approx(360.0)


def test_cronometer_multivitamin_with_stated_magnesium_is_a_supplement(invoke, write_log) -> None:
    # A multivitamin/mineral in the Supplements group whose magnesium the export states is a
    # supplement (its 100 mg counts toward the UL with the others), not food; one whose magnesium
    # is blank is kept, marked dose_unknown (listed, not counted); a protein shake stays food.
    content = (
        "Day,Time,Group,Food Name,Amount,Magnesium (mg),Category\n"
        '2023-05-08,,Supplements,"Multivitamin Women 50+, Centrum",1.00 tablet,100.00,Supplements\n'
        "2023-05-08,,Supplements,A-Z Multivit,1.00 each,50.00,Supplements\n"
        "2023-05-08,,Supplements,Multi-Vitamin Gummies,2.00 each,,Supplements\n"
        "2023-05-08,,Supplements,Magnesium Glycinate,1.00 each,220.00,Supplements\n"
        "2023-05-08,,Supplements,Chocolate Protein Shake,2.00 scoop,360.00,Beverages\n"
    )
    path = write_log(content, "servings.csv")
    result = read_logs([str(path)])
    kinds = dict(zip(result.log["food"], result.log["kind"], strict=True))
    assert kinds == {
        "Multivitamin Women 50+, Centrum": "supplement",
        "A-Z Multivit": "supplement",
        "Multi-Vitamin Gummies": "supplement",
        "Magnesium Glycinate": "supplement",
        "Chocolate Protein Shake": "food",
    }
    assert list(result.log.loc[result.log["dose_unknown"], "food"]) == ["Multi-Vitamin Gummies"]
    (subject,) = _report(invoke, path)["subjects"]
    assert subject["upper_limit"]["uncounted_doses"] == 1
    (day,) = subject["days"]
    assert day["food_mg"] == pytest.approx(360.0)
    assert day["supplement_mg"] == pytest.approx(370.0)
    assert subject["upper_limit"]["exceeded"] is True


def test_cronometer_daily_summary_is_refused(write_log) -> None:
    path = write_log("Date,Energy (kcal),Magnesium (mg),Completed\n2023-05-08,1850,310,true\n")
    (problem,) = read_logs([str(path)]).problems
    assert "dailysummary.csv" in problem.message and "servings.csv" in problem.message


# --------------------------------------------------------------------------- Intake24


def test_intake24_recall_totals_are_the_sums_of_magnesium(invoke) -> None:
    report = _report(invoke, INTAKE24)
    days = _days(report)
    order: dict[str, list[str]] = defaultdict(list)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for row in _rows(INTAKE24):
        recalls = order[row["User ID"]]
        if row["Survey ID"] not in recalls:
            recalls.append(row["Survey ID"])
        label = f"recall {row['Survey ID']}"
        expected[(row["User ID"], label)] += float(row["Magnesium"])
    assert set(days) == set(expected)
    for key, mg in expected.items():
        assert days[key]["food_mg"] == pytest.approx(mg, abs=0.051)
    assert all(item["status"] == "source" for item in _items(report))


def test_intake24_zero_gram_items_are_left_out_with_a_warning() -> None:
    zero = [n for n, row in enumerate(_rows(INTAKE24), start=1) if float(row["Portion size (g/ml)"]) == 0]
    result = read_logs([str(INTAKE24)])
    assert zero and not set(zero) & set(result.log["row"])
    assert any("portion of 0 g left out" in w for w in result.warnings)


def test_intake24_na_magnesium_is_not_zero(write_log) -> None:
    content = (
        "User ID,Description (en),Portion size (g/ml),Magnesium\n"
        'P1,"Bananas, raw",118.00,N/A\nP1,Porridge,250.00,62.50\n'
    )
    path = write_log(content)
    log = read_logs([str(path)]).log
    assert math.isnan(log["source_mg"].iloc[0]) and log["source_mg"].iloc[1] == 62.5
    assert log["date"].tolist() == ["recall 1", "recall 1"]
    run_result = run(Request([str(path)], profile=make_profile("F", 40)))
    banana = run_result.items[run_result.items["food"] == "Bananas, raw"].iloc[0]
    assert banana["status"] == "matched" and banana["mg"] == pytest.approx(31.86, abs=0.01)


def test_intake24_dates_from_recall_date_or_uk_start_time(write_log) -> None:
    uk = "User ID,Start time,Description (en),Portion size (g/ml),Magnesium\nP1,15/03/2021 10:02,Porridge,250,62.5\n"
    assert read_logs([str(write_log(uk))]).log["date"].tolist() == ["2021-03-15"]
    iso = "User ID,Recall Date,Name (en),Portion Weight,Magnesium\nP1,2024-06-02,Porridge,250,62.5\n"
    assert read_logs([str(write_log(iso))]).log["date"].tolist() == ["2024-06-02"]


def test_intake24_missing_foods_are_listed_not_refused(write_log) -> None:
    """Issue 10: a food the respondent could not find is a listed missing food (its own words), never an error."""
    content = (
        "User ID,Description (en),Portion size (g/ml),Magnesium,Missing food description\n"
        "P1,Porridge,250,62.5,N/A\nP1,N/A,N/A,N/A,grandmother's plum cake\n"
    )
    result = read_logs([str(write_log(content))])
    assert result.problems == []
    assert result.log["food"].tolist() == ["Porridge", "grandmother's plum cake"]
    assert result.log["missing_food"].tolist() == [False, True]


def test_intake24_column_map_renames_survey_labels(write_log) -> None:
    content = "User ID,Food description,Portion size (g/ml),Mg\nP1,Porridge,250,62.5\nP1,Banana,100,27\n"
    path = str(write_log(content))
    mapping = {"Mg": "Magnesium", "Food description": "Description (en)"}
    result = read_logs([path], column_map=mapping)
    # No Submission ID and no date: the one warning says every row of a person is one recall (session 25).
    assert result.problems == [] and [w.split(": ", 1)[1] for w in result.warnings] == [
        "no Submission ID and no date column: every row of a person is read as one recall (one day); export the "
        "Submission ID (or a date) to tell a person's recalls apart"
    ]
    assert result.log["source_mg"].tolist() == [62.5, 27.0]
    assert result.log["food"].tolist() == ["Porridge", "Banana"]
    assessment = run(Request([path], profile=make_profile("F", 40), column_map=mapping))
    assert assessment.days["food_mg"].tolist() == [pytest.approx(89.5)]
    # Without the map the file is no export mgcheck knows: the native log's message names what is missing.
    assert "missing required column" in read_logs([path]).problems[0].message


def test_column_map_unknown_key_warns_and_clash_is_refused(write_log) -> None:
    path = str(write_log("User ID,Description (en),Portion size (g/ml),Magnesium,Mg\nP1,Porridge,250,62.5,60\n"))
    result = read_logs([path], column_map={"Magnesium (mg)": "Magnesium"})
    assert result.problems == [] and any("--column-map" in w and "Magnesium (mg)" in w for w in result.warnings)
    (problem,) = read_logs([path], column_map={"Mg": "Magnesium"}).problems
    assert "already has" in problem.message


def test_apply_column_map_matches_normalised_headers() -> None:
    import pandas as pd

    table = pd.DataFrame({" MG ": ["1"], "User ID": ["P1"]})
    assert list(apply_column_map(table, {"mg": "Magnesium"}).columns) == ["Magnesium", "User ID"]


# --------------------------------------------------------------------------- NHANES


def _nhanes_xpt_rows() -> list[dict[str, str]]:
    table, _name = read_table(str(NHANES_XPT))
    return table.to_dict("records")


def test_nhanes_day_totals_from_csv_and_xport(invoke) -> None:
    report = _report(invoke, NHANES_CSV, NHANES_XPT)
    days = _days(report)
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for rows, day in ((_rows(NHANES_CSV), "1"), (_nhanes_xpt_rows(), "2")):
        for row in rows:
            if float(row[f"DR{day}DRSTZ"]) == 1:
                expected[(row["SEQN"], f"day {day}")] += float(row[f"DR{day}IMAGN"])
    assert set(days) == set(expected)
    for key, mg in expected.items():
        assert days[key]["food_mg"] == pytest.approx(mg, abs=0.051)
    items = _items(report)
    assert all(item["status"] == "source" for item in items)
    assert {item["food"] for item in items} <= {r["DR1IFDCD"] for r in _rows(NHANES_CSV)} | {
        r["DR2IFDCD"] for r in _nhanes_xpt_rows()
    }
    both = [s for s in report["subjects"] if s["n_days"] == 2]
    assert both, "a respondent with both days has two days"


def test_nhanes_unreliable_recalls_are_skipped_with_a_warning() -> None:
    rows = _rows(NHANES_CSV)
    unreliable = [row for row in rows if row["DR1DRSTZ"] != "1"]
    assert unreliable
    result = read_logs([str(NHANES_CSV)])
    assert len(result.log) == len(rows) - len(unreliable)
    assert not set(result.log["subject"]) & {row["SEQN"] for row in unreliable}
    (warning,) = [w for w in result.warnings if "DR1DRSTZ" in w]
    assert f"skipped {len(unreliable)} row(s)" in warning
    assert set(result.log["date"]) == {"day 1"}


def test_xport_is_recognised_by_its_first_bytes(tmp_path) -> None:
    copy = tmp_path / "dietary.dat"
    copy.write_bytes(NHANES_XPT.read_bytes())
    assert copy.read_bytes().startswith(b"HEADER RECORD*******LIBRARY HEADER RECORD")
    table, _name = read_table(str(copy))
    assert "SEQN" in table.columns and table["SEQN"].iloc[0] == "990001"
    assert table.index[0] == 1


def test_damaged_or_v8_xport_is_a_clear_problem(write_log) -> None:
    (problem,) = read_logs([str(write_log("SEQN,DR1IGRMS\n1,2\n", "not_really.xpt"))]).problems
    assert "SAS XPORT" in problem.message
    v8 = b"HEADER RECORD*******LIBV8   HEADER RECORD!!!!!!!000000000000000000000000000000  " + b" " * 80
    (problem,) = read_logs([str(write_log(v8, "v8.xpt"))]).problems
    assert "version 8" in problem.message


# --------------------------------------------------------------------------- MyFitnessPal and explicit formats


def test_myfitnesspal_is_refused_through_the_cli(write_log, invoke) -> None:
    result = invoke("report", write_log(MFP_LOG), "--sex", "F", "--age", "40", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "a MyFitnessPal export has no magnesium and no food names; it cannot be assessed" in result.stderr


def test_explicit_input_format_must_fit_the_header() -> None:
    (problem,) = read_logs([str(CRONOMETER)], input_format="asa24").problems
    assert "is not an ASA24 export" in problem.message
    assert "UserName" in problem.message and "MAGN" in problem.message
    with pytest.raises(MgcheckError) as caught:
        run(Request([str(ITEMS)], profile=make_profile("F", 40), input_format="nhanes"))
    assert "SEQN" in str(caught.value)
    assert read_logs([str(ITEMS)], input_format="asa24").problems == []


def test_explicit_native_format_keeps_the_native_messages(write_log) -> None:
    path = str(write_log("date,food,amount\n2026-11-02,banana,1\n"))
    (problem,) = read_logs([path], input_format="native").problems
    assert "missing required column unit" in problem.message
    problems = read_logs([str(ITEMS)], input_format="native").problems
    assert any("missing required column" in problem.message for problem in problems)


def test_unknown_input_format_is_a_problem() -> None:
    (problem,) = read_logs([str(ITEMS)], input_format="excel").problems
    assert "excel" in problem.message and all(name in problem.message for name in FORMATS)


def test_recompute_ignores_the_exports_figures() -> None:
    assessment = run(Request([str(ITEMS)], profile=make_profile("F", 40), recompute=True))
    assert "source" not in set(assessment.items["status"])


def test_native_and_export_logs_mix(write_log) -> None:
    native = str(write_log("subject,date,food,amount,unit\nSTUDY01,2017-02-14,banana,1,medium\n"))
    result = read_logs([native, str(ITEMS)])
    assert result.problems == []
    row = result.log[result.log["file"] == native].iloc[0]
    assert math.isnan(row["source_mg"]) and row["subject"] == "STUDY01"


def test_cronometer_multivitamin_with_a_blank_magnesium_figure_is_named_unknown_not_without(write_log) -> None:
    # Regression (review of 1a28e17): a multivitamin of the Supplements group whose magnesium cell
    # is blank was left out as "supplement(s) without magnesium": a blank cell is unknown, not 0
    # (issue 10), and a multivitamin/mineral's label usually states magnesium, which counts toward
    # the upper limit. The warning now says the figure is blank and how to count it; a 0 stays "0 mg".
    content = (
        "Day,Time,Group,Food Name,Amount,Magnesium (mg),Category\n"
        "2023-05-08,,Supplements,Multi-Vitamin Gummies,2.00 each,,Supplements\n"
        "2023-05-08,,Supplements,Vitamin D3,1.00 each,0.00,Supplements\n"
        "2023-05-08,,Breakfast,Oatmeal,1.00 cup,58.00,Breakfasts\n"
    )
    result = read_logs([str(write_log(content, "servings.csv"))])
    # The multivitamin stays, marked: the report lists it, not counted (session 17 tester).
    assert list(result.log["food"]) == ["Multi-Vitamin Gummies", "Oatmeal"]
    assert list(result.log["dose_unknown"]) == [True, False]
    blank = [w for w in result.warnings if "left blank" in w]
    assert len(blank) == 1 and "('Multi-Vitamin Gummies'; row 1)" in blank[0]
    assert "write the label's mg of elemental magnesium in its magnesium cell to count it" in blank[0]
    assert any("1 supplement(s) with 0 mg magnesium not counted (row 2)" in w for w in result.warnings)


def test_intake24_recalls_of_two_exports_are_never_one_day(tmp_path) -> None:
    """A researcher's trial (session 24): two Intake24 exports without dates, one person in both under
    different Survey IDs, were read as one 'recall 1' day holding both files' foods (P001's mean 185.6 ->
    278.3 mg/day). Each submission is its own day, named by its id."""
    header = "Survey ID,User ID,Description (en),Portion size (g/ml),Magnesium\n"
    first = tmp_path / "site_a.csv"
    first.write_text(header + "s-a,P001,Porridge,250.00,62.50\ns-a,P001,Banana,100.00,27.00\n")
    second = tmp_path / "site_b.csv"
    second.write_text(header + "s-b,P001,Porridge,125.00,31.25\n")
    log = read_logs([str(first), str(second)]).log
    assert log["date"].tolist() == ["recall s-a", "recall s-a", "recall s-b"]
    result = run(Request([str(first), str(second)], profile=make_profile("F", 54)))
    per_day = result.items.groupby("date")["mg"].sum()
    assert per_day.to_dict() == {"recall s-a": pytest.approx(89.5), "recall s-b": pytest.approx(31.25)}


def test_intake24_recalls_read_in_parts_stay_whole(tmp_path) -> None:
    """A review (session 24): read in parts (mgcheck.stream), recalls were numbered per part, so one recall
    split into two days ('recall 1 (s2)' and 'recall 2 (s2)'). A recall is named by its id alone."""
    from mgcheck import stream

    header = "Survey ID,User ID,Description (en),Portion size (g/ml),Magnesium\n"
    rows = "".join(f"s{n},P1,Banana,100.00,27.00\n" * 3 for n in (1, 2, 3))
    path = tmp_path / "i24.csv"
    path.write_text(header + rows)
    whole = run(Request([str(path)], profile=make_profile("F", 54)))
    streamed = stream.run_streamed(Request([str(path)], profile=make_profile("F", 54)), chunk_rows=4)
    assert whole.subjects["n_days"].tolist() == streamed.subjects["n_days"].tolist() == [3]
    assert whole.subjects["mean_intake_mg"].tolist() == pytest.approx(streamed.subjects["mean_intake_mg"].tolist())
    assert whole.subjects["mean_intake_mg"].tolist() == pytest.approx([81.0])
