"""Export food codes (ASA24 FoodCode, NHANES DRxIFDCD) are looked up in FNDDS exactly, before the text.

Synthetic fixtures only. Expected magnesium is computed from the bundled foods.csv with the
csv module, so the tests follow the table rather than restating its figures.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest
from conftest import report_json
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.importers.base import food_code
from mgcheck.logs import read_logs
from mgcheck.pipeline import Request, run
from mgcheck.reference import make_profile

ROOT = Path(__file__).resolve().parent.parent
NHANES_XPT = Path(__file__).parent / "data" / "exports" / "nhanes_dr2iff.xpt"
ASA24_HEADER = "UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodCode,FoodAmt,MAGN,Food_Description\n"
ALMONDS = "42100100"  # FNDDS "Almonds, NFS"
MILK = "11111000"  # FNDDS "Milk, whole"
ABSENT = "99999999"  # no FNDDS 2017-2018 food has this code


@cache
def _mg_per_100g(food_id: str) -> float:
    with (ROOT / "foods.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["food_id"] == food_id:
                return float(row["mg_per_100g"])
    raise KeyError(food_id)


def _asa24(*rows: str) -> str:
    return ASA24_HEADER + "".join(f"P1,1,2,3/1/2021 0:00,{row}\n" for row in rows)


def _items(report: dict) -> dict[str, dict]:
    return {item["food"]: item for subject in report["subjects"] for item in subject["items"]}


def _unmatched(report: dict) -> dict[str, dict]:
    return {item["food"]: item for subject in report["subjects"] for item in subject["unmatched"]}


def _recompute(invoke, *paths: object, output: str = "json"):
    return invoke("report", *paths, "--sex", "F", "--age", "40", "--recompute", "--format", output)


CODES_LOG = _asa24(
    f'{ALMONDS},28,80,"Banana, raw"',  # a code present: the text is misleading and ignored
    f'{ABSENT},118,31.9,"Banana, raw"',  # a code absent from FNDDS: matched by its text
    ',244,29,"Milk, whole"',  # a blank code
    '6310701O,118,31.9,"Apple, raw"',  # a malformed code (letter O for zero)
    f"{MILK}.0,122,15,Something else entirely",  # a code written as a float
)


def test_a_code_present_is_matched_exactly_and_its_text_ignored(write_log, invoke) -> None:
    report = report_json(_recompute(invoke, write_log(CODES_LOG)))
    items = _items(report)
    (almonds,) = [item for subject in report["subjects"] for item in subject["items"] if item["row"] == 1]
    assert almonds["food"] == "Banana, raw"
    assert almonds["food_id"] == f"fndds:{ALMONDS}", "the code, not the text, names the food"
    assert almonds["match_score"] == 100.0
    assert almonds["grams"] == 28.0
    assert almonds["mg"] == pytest.approx(28 * _mg_per_100g(f"fndds:{ALMONDS}") / 100, abs=0.051)
    milk = items["Something else entirely"]
    assert milk["food_id"] == f"fndds:{MILK}"
    assert milk["mg"] == pytest.approx(122 * _mg_per_100g(f"fndds:{MILK}") / 100, abs=0.051)


def test_codes_blank_malformed_or_absent_fall_back_to_text_and_are_counted(write_log, invoke) -> None:
    path = write_log(CODES_LOG)
    result = _recompute(invoke, path)
    report = report_json(result)
    (subject,) = report["subjects"]
    assert subject["food_code_fallbacks"] == 3
    warnings = [line for line in result.stderr.splitlines() if "not their food code" in line]
    assert [line.split("warning: ", 1)[-1] for line in warnings] == [
        f"{path}, row 2: 1 food item(s) matched by their text, not their food code (code not in FNDDS 2017-2018)",
        f"{path}, row 3: 1 food item(s) matched by their text, not their food code (code blank)",
        f"{path}, row 4: 1 food item(s) matched by their text, not their food code (code malformed)",
    ]


def test_a_streamed_study_gives_the_code_fallback_warning_once_with_every_row(write_log) -> None:
    """Issue 10: the warning was given once per chunk, each with its own count and rows."""
    from mgcheck import stream

    rows = [f'{ABSENT},118,31.9,"Banana, raw"' if n % 2 else f"{ALMONDS},28,80,Almonds" for n in range(40)]
    path = str(write_log(_asa24(*rows)))
    request = Request([path], profile=make_profile("F", 40), recompute=True)
    whole = [w for w in run(request).warnings if "not their food code" in w]
    streamed = [w for w in stream.run_streamed(request, chunk_rows=7).warnings if "not their food code" in w]
    fell_back = ", ".join(str(row) for row in range(2, 12, 2))
    message = "20 food item(s) matched by their text, not their food code (code not in FNDDS 2017-2018)"
    assert whole == [f"{path}, rows {fell_back}, ...: {message}"]
    assert streamed == [f"{path}, rows {fell_back}, ...: {message} (in 6 parts of the file)"]


def test_the_fallback_is_matched_like_any_text(write_log) -> None:
    assessment = run(Request([str(write_log(CODES_LOG))], profile=make_profile("F", 40), recompute=True))
    items = assessment.items.set_index("row")
    plain = run(
        Request(
            [str(write_log('date,food,amount,unit\n2021-03-01,"Banana, raw",118,g\n2021-03-01,"Milk, whole",244,g\n'))],
            profile=make_profile("F", 40),
        )
    ).items.set_index("food")
    assert items.at[2, "food_id"] == plain.at["Banana, raw", "food_id"]
    assert items.at[3, "food_id"] == plain.at["Milk, whole", "food_id"]
    assert list(items["code_fallback"]) == [False, True, True, True, False]
    assert items.at[1, "match_method"] == "code" and items.at[5, "match_method"] == "code"


def test_the_terminal_report_says_how_many_fell_back(write_log, invoke) -> None:
    result = _recompute(invoke, write_log(CODES_LOG), output="terminal")
    assert result.exit_code == 0, result.stderr
    assert "Food codes" in result.stdout
    assert "3 item(s) matched by their text" in result.stdout


def test_all_codes_found_means_no_fallback_line(write_log, invoke) -> None:
    result = _recompute(invoke, write_log(_asa24(f"{ALMONDS},28,80,Almonds")), output="terminal")
    assert result.exit_code == 0, result.stderr
    assert "Food codes" not in result.stdout
    assert "not their food code" not in result.stderr
    report = report_json(_recompute(invoke, write_log(_asa24(f"{ALMONDS},28,80,Almonds"))))
    assert report["subjects"][0]["food_code_fallbacks"] == 0


def test_without_recompute_a_blank_magn_is_looked_up_by_code(write_log, invoke) -> None:
    log = write_log(_asa24(f'{ALMONDS},28,,"Banana, raw"', f'{MILK},244,29,"Milk, whole"'))
    report = report_json(invoke("report", log, "--sex", "F", "--age", "40", "--format", "json"))
    items = _items(report)
    assert items["Banana, raw"]["food_id"] == f"fndds:{ALMONDS}"
    assert items["Banana, raw"]["status"] == "matched"
    assert items["Milk, whole"]["status"] == "source" and items["Milk, whole"]["mg"] == 29.0
    assert report["subjects"][0]["food_code_fallbacks"] == 0


def test_a_log_without_codes_has_no_count(write_log, invoke) -> None:
    native = write_log("date,food,amount,unit\n2021-03-01,banana,1,medium\n", "native.csv")
    coded = write_log(_asa24(f'{ABSENT},118,31.9,"Banana, raw"'), "Items.csv")
    report = report_json(_recompute(invoke, native, coded))
    counts = {subject["subject"]: subject.get("food_code_fallbacks") for subject in report["subjects"]}
    assert counts == {"native": None, "P1": 1}


def test_importers_keep_the_code_column(write_log) -> None:
    result = read_logs([str(write_log(CODES_LOG))])
    assert list(result.log["food_code"]) == [ALMONDS, ABSENT, "", "6310701O", MILK]


NHANES_DAY2 = (
    "SEQN,DR2ILINE,DR2DRSTZ,DR2_030Z,DR2IFDCD,DR2IGRMS,DR2IMAGN\n"
    f"990011.0,1.0,1.0,1.0,{ALMONDS}.0,28.0,78.1\n"
    f"990011.0,2.0,1.0,1.0,{ABSENT}.0,100.0,20.0\n"
    f"990011.0,3.0,1.0,1.0,{MILK},244.0,29.3\n"
)


def test_nhanes_day_2_codes_as_floats(write_log, invoke) -> None:
    result = _recompute(invoke, write_log(NHANES_DAY2, "DR2IFF.csv"))
    report = report_json(result)
    (subject,) = report["subjects"]
    assert subject["subject"] == "990011"
    assert {day["date"] for day in subject["days"]} == {"day 2"}
    by_row = {item["row"]: item for item in subject["items"]}
    assert by_row[1]["food_id"] == f"fndds:{ALMONDS}" and by_row[3]["food_id"] == f"fndds:{MILK}"
    # NHANES has no description: a code FNDDS lacks keeps the export's own figure, counted and reported.
    assert subject["unmatched"] == []
    assert (by_row[2]["status"], by_row[2]["mg"], by_row[2]["grams"]) == ("source", 20.0, 100.0)
    assert subject["food_code_fallbacks"] == 0 and subject["food_code_kept_figures"] == 1
    assert (
        "DR2IFF.csv, row 2: 1 food item(s) kept the export's own magnesium: their food code is not in FNDDS"
        in result.stderr
    )
    assert "not their food code" not in result.stderr
    expected = (28 * _mg_per_100g(f"fndds:{ALMONDS}") + 244 * _mg_per_100g(f"fndds:{MILK}")) / 100 + 20.0
    assert subject["mean_food_mg"] == pytest.approx(expected, abs=0.051)


def test_nhanes_xport_codes_are_found_exactly(invoke) -> None:
    # The XPT fixture stores codes as SAS floats; one of them (24122120) is not an FNDDS 2017-2018 code.
    report = report_json(_recompute(invoke, NHANES_XPT))
    items = [item for subject in report["subjects"] for item in subject["items"] if item["status"] == "matched"]
    kept = [item for subject in report["subjects"] for item in subject["items"] if item["status"] == "source"]
    assert len(items) >= 6
    for item in items:
        assert item["food_id"] == f"fndds:{item['food']}"
        assert item["mg"] == pytest.approx(item["grams"] * _mg_per_100g(item["food_id"]) / 100, abs=0.051)
    assert all(item["food_id"] is None for item in kept)
    assert [(item["food"], item["mg"], item["status"]) for item in kept] == [("24122120", 29.0, "source")]
    unmatched = {subject["subject"]: [item["food"] for item in subject["unmatched"]] for subject in report["subjects"]}
    assert unmatched == {"990001": [], "990002": []}
    counts = {
        subject["subject"]: (subject["food_code_fallbacks"], subject["food_code_kept_figures"])
        for subject in report["subjects"]
    }
    assert counts == {"990001": (0, 0), "990002": (0, 1)}
    with pytest.raises(KeyError):
        _mg_per_100g("fndds:24122120")


@given(st.integers(min_value=10_000_000, max_value=99_999_999))
def test_food_code_reads_integers_and_floats(code: int) -> None:
    assert food_code(str(code)) == str(code)
    assert food_code(f"{code}.0") == str(code)
    assert food_code(f" {float(code)!r} ") == str(code)


@pytest.mark.parametrize(
    ("cell", "expected"), [("", ""), (".", ""), ("NA", ""), ("6310701O", "6310701O"), ("1.5", "1.5")]
)
def test_food_code_keeps_what_it_cannot_read(cell: str, expected: str) -> None:
    assert food_code(cell) == expected


def test_a_row_falling_back_to_its_text_keeps_the_portion_its_text_states(tmp_path: Path) -> None:
    """Regression (review): with an export's food codes, the resolved columns were rebuilt without
    the unit and amount a blank unit took from the food text: '2 slices of toast,1,' (its code
    absent) showed amount 1 and a blank unit beside 44 g."""
    import pandas as pd

    from mgcheck.matching import bundled_index
    from mgcheck.resolve import resolve
    from mgcheck.resources import bundled_measures

    path = tmp_path / "log.csv"
    path.write_text("date,food,amount,unit\n2026-11-02,2 slices of toast,1,\n2026-11-02,almonds,28,g\n")
    log = read_logs([str(path)]).log
    log["food_code"] = pd.Series([ABSENT, ALMONDS], index=log.index, dtype=object)
    items = resolve(log, bundled_index(), bundled_measures()).items
    toast = items.iloc[0]
    assert (toast["food_id"], toast["amount"], toast["unit"], toast["grams"]) == ("18070", 2.0, "slices", 44.0)
    assert list(items["code_fallback"]) == [True, False]


# An NHANES day with no text but its codes: one code FNDDS 2017-2018 has (its stated figure, 70.0,
# differs from FNDDS's, so a recomputed item shows), one it lacks with a stated figure, one it lacks
# with DR1IMAGN blank.
NHANES_CODE_ONLY = (
    "SEQN,DR1ILINE,DR1DRSTZ,DR1_030Z,DR1IFDCD,DR1IGRMS,DR1IMAGN\n"
    f"990021,1,1,1,{ALMONDS},28,70.0\n"
    "990021,2,1,1,12345678,150,36.4\n"
    "990021,3,1,1,12345679,50,\n"
)
KEPT_LINE = "1 item(s) kept the export's figure: their food codes are not in FNDDS 2017-2018"
NO_FIGURE = "food code 12345679 is not in FNDDS 2017-2018 and the export gives no magnesium"


def test_a_code_only_row_whose_code_fndds_lacks_keeps_the_exports_figure(write_log, invoke) -> None:
    """Tester finding: with --recompute an NHANES code absent from FNDDS dropped DR1IMAGN and left the
    item unmatched with advice to match its text, which a code-only row does not have."""
    path = write_log(NHANES_CODE_ONLY, "DR1IFF.csv")
    result = _recompute(invoke, path)
    (subject,) = report_json(result)["subjects"]
    by_row = {item["row"]: item for item in subject["items"]}
    almonds, kept = by_row[1], by_row[2]
    # A code present: recomputed from FNDDS, as before.
    assert (almonds["food_id"], almonds["status"]) == (f"fndds:{ALMONDS}", "matched")
    assert almonds["mg"] == pytest.approx(28 * _mg_per_100g(f"fndds:{ALMONDS}") / 100, abs=0.051)
    # A code absent: DR1IMAGN and DR1IGRMS as the export states them, labelled why.
    assert (kept["food"], kept["food_id"], kept["status"], kept["grams"], kept["mg"]) == (
        "12345678",
        None,
        "source",
        150.0,
        36.4,
    )
    assert kept["basis"] == ("magnesium as stated by the source export: food code 12345678 is not in FNDDS 2017-2018")
    (day,) = subject["days"]
    assert day["food_mg"] == pytest.approx(almonds["mg"] + 36.4, abs=0.051)
    assert subject["source_totals"]["mean_food_mg"] == pytest.approx(70.0 + 36.4)
    assert subject["food_code_kept_figures"] == 1 and subject["food_code_fallbacks"] == 0
    # A code absent and DR1IMAGN blank: listed, not counted, with no advice to match a text it lacks.
    (missing,) = subject["unmatched"]
    assert (missing["row"], missing["reason"], missing["suggestions"], missing["teach"]) == (3, NO_FIGURE, [], "")
    assert f"{path}, row 2: 1 food item(s) kept the export's own magnesium" in result.stderr
    assert "not their food code" not in result.stderr


def test_the_kept_count_is_in_the_terminal_and_markdown_reports_without_advice(write_log, invoke) -> None:
    path = write_log(NHANES_CODE_ONLY, "DR1IFF.csv")
    terminal = _recompute(invoke, path, output="terminal")
    assert terminal.exit_code == 0, terminal.stderr
    text = " ".join(terminal.stdout.split())  # the table wraps long cells
    assert f"Food codes {KEPT_LINE}" in text
    assert NO_FIGURE in text
    assert "did you mean" not in text and "teach the book" not in text
    markdown = _recompute(invoke, path, output="markdown")
    assert markdown.exit_code == 0, markdown.stderr
    assert f"- **Food codes:** {KEPT_LINE}" in markdown.stdout.splitlines()
    assert "To teach the clinic book" not in markdown.stdout


def test_without_recompute_the_figure_is_the_exports_and_no_kept_count(write_log, invoke) -> None:
    report = report_json(invoke("report", write_log(NHANES_CODE_ONLY, "DR1IFF.csv"), "--sex", "F", "--age", "40",
                                "--format", "json"))  # fmt: skip
    (subject,) = report["subjects"]
    by_row = {item["row"]: item for item in subject["items"]}
    assert [(by_row[row]["status"], by_row[row]["mg"]) for row in (1, 2)] == [("source", 70.0), ("source", 36.4)]
    assert "food_code_kept_figures" not in subject
    (missing,) = subject["unmatched"]  # DR1IMAGN blank: looked up by its code, which FNDDS lacks
    assert (missing["reason"], missing["suggestions"], missing["teach"]) == (NO_FIGURE, [], "")


def test_a_row_with_text_still_falls_back_to_its_text(write_log, invoke) -> None:
    """ASA24 carries a description: an absent code is matched by the text (issue 8), never kept."""
    report = report_json(_recompute(invoke, write_log(_asa24(f'{ABSENT},118,50.0,"Banana, raw"'))))
    (subject,) = report["subjects"]
    (banana,) = subject["items"]
    assert (banana["status"], banana["food_id"]) == ("matched", "09040")  # SR28 "Bananas, raw"
    assert banana["mg"] == pytest.approx(118 * _mg_per_100g("09040") / 100, abs=0.051)
    assert (subject["food_code_fallbacks"], subject["food_code_kept_figures"]) == (1, 0)


def test_the_api_flags_the_kept_rows(write_log) -> None:
    assessment = run(
        Request([str(write_log(NHANES_CODE_ONLY, "DR1IFF.csv"))], profile=make_profile("F", 40), recompute=True)
    )
    items = assessment.items.set_index("row")
    assert list(items["code_kept"]) == [False, True, False]
    assert list(items["status"]) == ["matched", "source", "unmatched"]
    assert items.at[2, "mg"] == 36.4


def test_strict_refuses_a_code_only_row_without_a_figure_with_no_text_advice(write_log, invoke) -> None:
    path = write_log(NHANES_CODE_ONLY, "DR1IFF.csv")
    result = invoke("report", path, "--sex", "F", "--age", "40", "--recompute", "--strict")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"mgcheck: error: {path}, row 3: unknown food '12345679' (--strict): {NO_FIGURE}"
    ]


WITHHELD_FOR_CODES = (
    "not judged: 33% of food items are unmatched (their food codes are not in FNDDS 2017-2018 and the export "
    "gives no magnesium)"
)


def test_a_judgement_withheld_for_code_only_rows_gives_no_search_advice(write_log, invoke) -> None:
    """Only code-only rows without a figure are unmatched (1 of 3, over the 20% that withholds
    judgement): the reason names the codes, not `mgcheck foods search`."""
    path = write_log(NHANES_CODE_ONLY, "DR1IFF.csv")
    (subject,) = report_json(_recompute(invoke, path))["subjects"]
    assert subject["adequacy"]["conclusion"] == WITHHELD_FOR_CODES
    terminal = _recompute(invoke, path, output="terminal")
    assert "foods search" not in terminal.stdout + terminal.stderr


def test_the_withheld_reason_streamed_and_beside_a_text_that_can_be_searched(write_log, invoke) -> None:
    from mgcheck import stream

    path = write_log(NHANES_CODE_ONLY, "DR1IFF.csv")
    request = Request([str(path)], profile=make_profile("F", 40), recompute=True)
    assert list(stream.run_streamed(request, chunk_rows=2).subjects["conclusion"]) == [WITHHELD_FOR_CODES]
    # An unmatched text beside them can be searched for: the advice stays.
    text = write_log("subject,date,food,amount,unit\n990021,2021-03-01,zzqx gloop,1,cup\n", "clinic.csv")
    (subject,) = report_json(_recompute(invoke, path, text))["subjects"]
    assert subject["adequacy"]["conclusion"].endswith("(resolve them, e.g. with mgcheck foods search)")
