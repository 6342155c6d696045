"""A catalogue of awkward and bad inputs, each through the CLI with its exact outcome.

Accepted inputs must give the right figures; refused inputs must exit 1 with an empty stdout,
no traceback, and one `mgcheck: error:` line per problem naming the file (and row).
"""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

HEADER = "date,food,amount,unit\n"
BANANA = "2026-11-02,banana,1,medium\n"  # 118 g, 31.9 mg
PATIENT = ("--sex", "F", "--age", "40")


# ---------------------------------------------------------------------------------------------
# helpers


def report(invoke: Any, *args: object) -> dict[str, Any]:
    """The JSON report of one patient; the run must succeed."""
    result = invoke("report", *args, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert len(data["subjects"]) == 1
    return data["subjects"][0]  # type: ignore[no-any-return]


def items(subject: dict[str, Any]) -> list[tuple[int, str, float, float]]:
    """(row, food_id, grams, mg) of every matched item, in row order."""
    return [(i["row"], i["food_id"], i["grams"], i["mg"]) for i in subject["items"]]


def refused(result: Any, path: object, *phrases: str, row: int | None = None, lines: int = 1) -> list[str]:
    """Exit 1, nothing on stdout, no traceback, `lines` error lines naming the file (and row)."""
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = result.stderr.splitlines()
    assert len(errors) == lines, result.stderr
    assert all(line.startswith(f"mgcheck: error: {path}") for line in errors), result.stderr
    if row is not None:
        assert errors[0].startswith(f"mgcheck: error: {path}, row {row}: "), result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr
    return errors


def unresolved_row(
    invoke: Any, write_log: Any, row_text: str, *phrases: str, row: int = 1, options: tuple[str, ...] = ()
) -> list[str]:
    """A log of the header and one row whose own cell cannot be read: `report --strict` and
    `validate` refuse it alike; a plain report lists the item unresolved, not counted, with the
    same reason and no word to teach the book, and goes on (one bad row never costs the report)."""
    path = write_log(HEADER + row_text + "\n")
    errors = refused(invoke("report", path, *PATIENT, "--strict", *options), path, *phrases, row=row)
    assert refused(invoke("validate", path, *options), path, *phrases, row=row) == errors
    listed = invoke("report", path, *PATIENT, "--format", "json", *options)
    assert listed.exit_code == 0, listed.stderr
    subject = json.loads(listed.stdout)["subjects"][0]
    assert subject["items"] == [] and subject["unmatched_items"] == 1
    (entry,) = subject["unmatched"]
    reason = errors[0].split(f", row {row}: ", 1)[1]
    assert (entry["row"], entry["reason"], entry["teach"], entry["suggestions"]) == (row, reason, "", [])
    warning = errors[0].replace("mgcheck: error: ", "mgcheck: warning: ") + "; listed as unresolved, not counted"
    assert warning in listed.stderr.splitlines(), listed.stderr
    return errors


def refused_row(invoke: Any, write_log: Any, row_text: str, *phrases: str, row: int = 1) -> list[str]:
    """A log of the header and one bad row is refused by report and by validate alike."""
    path = write_log(HEADER + row_text + "\n")
    errors = refused(invoke("report", path, *PATIENT), path, *phrases, row=row)
    assert refused(invoke("validate", path), path, *phrases, row=row) == errors
    return errors


# ---------------------------------------------------------------------------------------------
# inputs that must work


def test_an_amount_in_words_is_read_as_a_number(write_log, invoke):
    """'half' (an avocado) and 'two' (bananas) were refused as 'not a number', which stopped the report."""
    path = write_log(HEADER + "2026-11-02,avocado,half,\n2026-11-02,banana,two,medium\n2026-11-02,banana,a,medium\n")
    subject = report(invoke, path)
    assert items(subject) == [(1, "09037", 100.5, 29.1), (2, "09040", 236.0, 63.7), (3, "09040", 118.0, 31.9)]
    assert [item["amount"] for item in subject["items"]] == [0.5, 2.0, 1.0]


def test_utf8_with_byte_order_mark(write_log, invoke):
    path = write_log(b"\xef\xbb\xbf" + (HEADER + BANANA).encode("utf-8"))
    assert items(report(invoke, path)) == [(1, "09040", 118.0, 31.9)]


def test_semicolons_and_decimal_commas_as_european_excel_writes(write_log, invoke):
    path = write_log("date;food;amount;unit\n2026-11-02;banana;0,5;medium\n2026-11-02;banana;1,5;medium\n")
    subject = report(invoke, path)
    assert [i["amount"] for i in subject["items"]] == [0.5, 1.5]
    assert items(subject) == [(1, "09040", 59.0, 15.9), (2, "09040", 177.0, 47.8)]
    assert subject["days"][0]["food_mg"] == 63.7


def test_tab_separated(write_log, invoke):
    path = write_log("date\tfood\tamount\tunit\n2026-11-02\tbanana\t1\tmedium\n", name="log.tsv")
    assert items(report(invoke, path)) == [(1, "09040", 118.0, 31.9)]


def test_windows_1252_text_is_decoded(write_log, invoke):
    raw = (HEADER + "2026-11-02,Pâté de foie gras,1,oz\n2026-11-02,Müsli,1,oz\n").encode("cp1252")
    assert b"\xe2" in raw and b"\xfc" in raw  # â and ü as cp1252 single bytes, not UTF-8
    subject = report(invoke, write_log(raw))
    assert [i["food"] for i in subject["items"]] == ["Pâté de foie gras", "Müsli"]
    assert [i["food_id"] for i in subject["items"]] == ["05282", "fndds:57308190"]  # muesli: the generic FNDDS form


def test_crlf_line_ends(write_log, invoke):
    path = write_log((HEADER + BANANA + "2026-11-03,banana,2,medium\n").replace("\n", "\r\n").encode())
    subject = report(invoke, path)
    assert items(subject) == [(1, "09040", 118.0, 31.9), (2, "09040", 236.0, 63.7)]
    assert [d["date"] for d in subject["days"]] == ["2026-11-02", "2026-11-03"]


def test_cr_only_line_ends_as_old_excel_for_mac_writes(write_log, invoke):
    # Excel for Mac's "CSV (Macintosh)" ends lines with a bare CR.
    path = write_log((HEADER + BANANA).replace("\n", "\r").encode())
    result = invoke("validate", path)
    assert result.exit_code in (0, 1), result.stderr  # read, or refused with a reason: never an internal error
    assert "internal error" not in result.stderr


def test_blank_lines_are_skipped_but_still_counted_as_rows(write_log, invoke):
    path = write_log(HEADER + "\n" + BANANA + "\n \n" + "2026-11-02,banana,2,medium\n\n")
    subject = report(invoke, path)
    assert items(subject) == [(2, "09040", 118.0, 31.9), (5, "09040", 236.0, 63.7)]
    bad = write_log(HEADER + "\n" + BANANA + "\n\n" + "2026-11-02,banana,x,medium\n")
    refused(invoke("report", bad, *PATIENT, "--strict"), bad, "amount 'x' is not a number", row=5)


def test_quoted_fields_with_commas_and_newlines(write_log, invoke):
    path = write_log(
        "date,food,amount,unit,notes\n"
        '2026-11-02,"Spinach, cooked,\nboiled, drained, without salt",1/2,cup,"after a walk, tired"\n'
        '2026-11-02,banana,1,medium,"two\nlines"\n'
        "2026-11-02,banana,x,medium,\n"
    )
    refused(invoke("validate", path), path, "amount 'x'", row=3)  # rows are records, not lines
    fixed = write_log(path.read_text().replace(",x,", ",2,"))
    subject = report(invoke, fixed)
    assert items(subject) == [(1, "11458", 90.0, 78.3), (2, "09040", 118.0, 31.9), (3, "09040", 236.0, 63.7)]
    assert subject["items"][0]["food"] == "Spinach, cooked,\nboiled, drained, without salt"


def test_extra_unknown_columns_give_one_warning(write_log, invoke):
    path = write_log("date,food,amount,unit,colour,brand\n2026-11-02,banana,1,medium,yellow,Chiquita\n")
    result = invoke("report", path, *PATIENT, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == f"mgcheck: warning: {path}: ignored column(s) colour, brand\n"
    assert items(json.loads(result.stdout)["subjects"][0]) == [(1, "09040", 118.0, 31.9)]


def test_spaces_around_cells_and_headers(write_log, invoke):
    path = write_log(" Date , Food ,Amount , Unit \n2026-11-02 , banana , 1 , medium \n")
    subject = report(invoke, path)
    assert items(subject) == [(1, "09040", 118.0, 31.9)]
    assert subject["days"][0]["date"] == "2026-11-02"


def test_upper_case_headers(write_log, invoke):
    path = write_log("DATE,FOOD,AMOUNT,UNIT,KIND\n2026-11-02,banana,1,medium,FOOD\n")
    assert items(report(invoke, path)) == [(1, "09040", 118.0, 31.9)]


@pytest.mark.parametrize(
    ("written", "options"),
    [("2026-11-02", ()), ("2026-11-02T08:30", ()), ("02/11/2026", ("--date-format", "%d/%m/%Y"))],
    ids=["iso", "iso-with-time", "day-first-with-date-format"],
)
def test_date_layouts(write_log, invoke, written, options):
    path = write_log(HEADER + f"{written},banana,1,medium\n")
    subject = report(invoke, path, *options)
    assert [d["date"] for d in subject["days"]] == ["2026-11-02"]
    assert subject["days"][0]["food_mg"] == 31.9


@pytest.mark.parametrize(("written", "amount"), [("1/2", 0.5), ("1 1/2", 1.5), ("½", 0.5), ("1½", 1.5)])
def test_fractions(write_log, invoke, written, amount):
    subject = report(invoke, write_log(HEADER + f"2026-11-02,banana,{written},medium\n"))
    assert subject["items"][0]["amount"] == amount
    assert subject["items"][0]["grams"] == 118.0 * amount


def test_plural_and_spelled_out_units(write_log, invoke):
    path = write_log(HEADER + "2026-11-02,whole wheat bread,2,slices\n2026-11-02,peanut butter,2,Tablespoons\n")
    assert items(report(invoke, path)) == [(1, "18075", 64.0, 48.0), (2, "16098", 32.0, 53.8)]


def test_rows_out_of_date_order_give_days_in_date_order(write_log, invoke):
    path = write_log(HEADER + "2026-11-05,banana,1,medium\n2026-11-02,banana,2,medium\n2026-11-03,banana,3,medium\n")
    subject = report(invoke, path)
    assert [(d["date"], d["food_mg"]) for d in subject["days"]] == [
        ("2026-11-02", 63.7),
        ("2026-11-03", 95.6),
        ("2026-11-05", 31.9),
    ]
    assert subject["n_days"] == 3


# ---------------------------------------------------------------------------------------------
# files that must be refused


def test_empty_file(write_log, invoke):
    path = write_log("")
    refused(invoke("report", path, *PATIENT), path, "is empty")


def test_white_space_and_bom_only_file(write_log, invoke):
    path = write_log(b"\xef\xbb\xbf \r\n\n")
    refused(invoke("report", path, *PATIENT), path, "is empty")


def test_header_only(write_log, invoke):
    path = write_log(HEADER)
    refused(invoke("report", path, *PATIENT), path, "has a header but no items")
    refused(invoke("validate", path), path, "has a header but no items")


def test_missing_required_column(write_log, invoke):
    path = write_log("date,food,amount\n2026-11-02,banana,1\n")
    refused(invoke("report", path, *PATIENT), path, "missing required column unit", "(it has: date, food, amount)")


@pytest.mark.parametrize("header", ["date,food,amount,unit,food", "date,Food,amount,unit,food"])
def test_duplicated_required_column(write_log, invoke, header):
    path = write_log(header + "\n2026-11-02,banana,1,medium,apple\n")
    refused(invoke("report", path, *PATIENT), path, "column food appears more than once")


def test_binary_data_with_nul_bytes(write_log, invoke):
    path = write_log(b"date,food,amount,unit\n2026-11-02,ban\x00ana,1,medium\n")
    refused(invoke("report", path, *PATIENT), path, "binary data (NUL bytes)")


def test_gzip_compressed_log(write_log, invoke):
    path = write_log(gzip.compress((HEADER + BANANA).encode()), name="log.csv")
    refused(invoke("report", path, *PATIENT), path, "is gzip-compressed", "export it as CSV")


def test_zip_or_xlsx_file(write_log, invoke):
    path = write_log(b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml" + b"\x00" * 64, name="week.xlsx")
    refused(invoke("report", path, *PATIENT), path, "zip archive (an .xlsx workbook?)")


def test_directory_without_logs(invoke, tmp_path):
    folder = tmp_path / "empty_folder"
    folder.mkdir()
    (folder / "readme.md").write_text("not a log")
    refused(invoke("report", folder, *PATIENT), folder, "is a directory with no log files")


def test_unreadable_file(write_log, invoke):
    path = write_log(HEADER + BANANA)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        refused(invoke("report", path, *PATIENT), path, "cannot be read (permission denied)")
    finally:
        path.chmod(0o644)


def test_missing_file(invoke, tmp_path):
    path = tmp_path / "nope.csv"
    refused(invoke("report", path, *PATIENT), path, "no such file")
    refused(invoke("validate", path), path, "no such file")


def test_unterminated_quote(write_log, invoke):
    path = write_log(HEADER + '2026-11-02,"banana,1,medium\n')
    refused(invoke("report", path, *PATIENT), path, "is not a readable CSV table")


def test_row_with_more_fields_than_the_header_is_one_line(write_log, invoke):
    path = write_log(HEADER + BANANA + "2026-11-03,banana,2,medium,extra\n")
    errors = refused(invoke("report", path, *PATIENT), path, "has 5 fields on this row", row=2)
    assert "line 3 of the file" in errors[0] and "4 names in the header" in errors[0]


def test_trailing_separator_on_every_row_is_not_misread(write_log, invoke):
    # Some exports end every data row (not the header) with a separator. pandas then takes the first
    # column as the index, so the cells shift one column left; the message must not blame the shifted cells.
    # The empty trailing field holds nothing, so the rows are read as written (cells not shifted).
    path = write_log(HEADER + "2026-11-02,banana,1,medium,\n2026-11-03,banana,2,medium,\n")
    result = invoke("report", path, *PATIENT, "-f", "json")
    assert result.exit_code == 0, result.stderr
    days = json.loads(result.stdout)["subjects"][0]["days"]
    assert [(day["date"], day["food_mg"]) for day in days] == [("2026-11-02", 31.9), ("2026-11-03", 63.7)]


def test_every_row_one_field_longer_than_the_header_is_not_silently_shifted(write_log, invoke):
    # The header names four columns, every row has five: the first cells (here the subjects) must
    # not be dropped silently as a row index.
    path = write_log(HEADER + "ann,2026-11-02,banana,1,medium\nbob,2026-11-03,banana,2,medium\n")
    result = invoke("validate", path)
    assert result.exit_code == 1, result.stdout
    assert result.stdout == "" and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# rows that must be refused


@pytest.mark.parametrize(
    ("amount", "phrase"),
    [
        ("abc", "amount 'abc' is not a number"),
        ("-1", "amount '-1' is negative"),
        ("-1/2", "amount '-1/2' is negative"),
        ("0", "amount 0 is not a positive quantity"),
        ("0/1", "amount 0 is not a positive quantity"),
        ("nan", "amount 'nan' is not a number"),
        ("inf", "amount 'inf' is not a number"),
        ("1/0", "amount '1/0' is not a number"),
        ("", "amount is empty"),
    ],
    ids=["text", "negative", "negative-fraction", "zero", "zero-fraction", "nan", "inf", "div-by-zero", "empty"],
)
def test_bad_amounts(write_log, invoke, amount, phrase):
    unresolved_row(invoke, write_log, f"2026-11-02,banana,{amount},medium", phrase)


def test_overflowing_amount_is_quoted_as_written(write_log, invoke):
    # 1e999 overflows to inf; the message must quote the cell as written, whatever the other rows hold.
    alone = unresolved_row(invoke, write_log, "2026-11-02,banana,1e999,g", "is not a number")
    path = write_log(HEADER + "2026-11-02,banana,1,medium\n2026-11-02,banana,1e999,g\n")
    errors = refused(invoke("report", path, *PATIENT, "--strict"), path, "is not a number")
    assert "amount '1e999'" in alone[0], alone
    assert errors == [f"mgcheck: error: {path}, row 2: amount '1e999' is not a number; write e.g. 1, 0.5, 1/2 or 1 1/2"]


def test_one_row_over_5_kg_does_not_cost_the_day_s_other_rows_of_that_food(write_log, invoke):
    """'almonds,100,cup' (14,300 g) beside 'almonds,10,almonds' (12 g): both were refused as "14,312 g of Nuts,
    almonds that day"; the row over the limit by itself is refused alone, and the 12 g are counted."""
    path = write_log(HEADER + "2026-11-02,almonds,100,cup\n2026-11-02,almonds,10,almonds\n2026-11-02,banana,1,medium\n")
    errors = refused(invoke("report", path, *PATIENT, "--strict"), path, lines=1)
    assert errors == [
        f"mgcheck: error: {path}, row 1: 14,300 g of Nuts, almonds in this row (over 5 kg) is not plausible; "
        "check the amount and unit"
    ]
    subject = report(invoke, path)
    assert [(i["row"], i["grams"]) for i in subject["items"]] == [(2, 12.0), (3, 118.0)]
    assert [u["row"] for u in subject["unmatched"]] == [1]


def test_over_5_kg_of_one_food_in_a_day(write_log, invoke):
    unresolved_row(invoke, write_log, "2026-11-02,banana,6000,g", "6,000 g of Bananas, raw that day (over 5 kg)")
    path = write_log(HEADER + "2026-11-02,banana,2000,g\n2026-11-02,banana,2,kg\n2026-11-02,banana,2000,g\n")
    errors = refused(invoke("report", path, *PATIENT, "--strict"), path, lines=3)
    assert errors == [
        f"mgcheck: error: {path}, row {row}: 6,000 g of Bananas, raw that day (over 5 kg) is not plausible; "
        "check the amount and unit"
        for row in (1, 2, 3)
    ]
    # Without --strict the three rows are listed unresolved, the other day is assessed.
    listed = report(invoke, write_log(HEADER + "2026-11-02,banana,6000,g\n2026-11-03,banana,1,medium\n"))
    assert items(listed) == [(2, "09040", 118.0, 31.9)] and [u["row"] for u in listed["unmatched"]] == [1]
    assert [d["food_mg"] for d in listed["days"]] == [0.0, 31.9]
    # The same 6 kg over two days is plausible.
    spread = write_log(HEADER + "2026-11-02,banana,3000,g\n2026-11-03,banana,3000,g\n")
    assert [d["food_mg"] for d in report(invoke, spread)["days"]] == [810.0, 810.0]


def test_over_5_g_of_supplemental_magnesium_in_a_day(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,magnesium citrate,6000,mg,supplement\n")
    refused(invoke("report", path, *PATIENT), path, "supplemental magnesium over 5 g in a day", row=1)
    split = write_log(
        "date,food,amount,unit,kind\n2026-11-02,magnesium citrate,3,g,supplement\n"
        "2026-11-02,milk of magnesia,3000,mg,medicine\n"
    )
    refused(invoke("report", split, *PATIENT), split, "not plausible", row=1, lines=2)


def test_ambiguous_date_without_date_format(write_log, invoke):
    refused_row(invoke, write_log, "02/11/2026,banana,1,medium", "date '02/11/2026' is not YYYY-MM-DD", "--date-format")


def test_impossible_iso_date(write_log, invoke):
    # Alone, the row leaves its subject no day: a report of nothing, so it is refused.
    refused_row(
        invoke, write_log, "2026-02-30,banana,1,medium", "date '2026-02-30' does not exist: February 2026 has 28 days"
    )


def test_an_impossible_date_says_why_and_is_on_no_day(write_log, invoke):
    """Session 19 tester: '2026-11-31' was called 'not YYYY-MM-DD' (it is in that form), and
    validate counted 2 days where only 2026-11-02 reads (the unreadable rows made a day of '')."""
    import mgcheck
    from mgcheck.logs import impossible_date

    path = write_log(HEADER + "2026-11-02,oatmeal,1,cup\n2026-11-31,banana,1,medium\n02/11/2026,milk,1,cup\n")
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("mgcheck: error:")] == [
        f"mgcheck: error: {path}, row 2: date '2026-11-31' does not exist: November has 30 days",
        f"mgcheck: error: {path}, row 3: date '02/11/2026' is not YYYY-MM-DD; write dates as year-month-day "
        "(2026-11-02 is 2 November), or give --date-format (e.g. %d/%m/%Y)",
    ]
    validation = mgcheck.validate(str(path))
    assert (validation.items, validation.subjects, validation.days) == (3, 1, 1)
    assert str(validation.problems[0]).endswith("date '2026-11-31' does not exist: November has 30 days")
    assert impossible_date("2024-02-29") is None and impossible_date("2026-11-30T08:00") is None
    assert impossible_date("2024-02-30") == "date '2024-02-30' does not exist: February 2024 has 29 days"
    assert impossible_date("2026-13-01") == "date '2026-13-01' does not exist: there is no month 13"
    assert impossible_date("2026-04-31 10:00") == "date '2026-04-31' does not exist: April has 30 days"


def test_a_row_whose_date_cannot_be_read_belongs_to_no_day(write_log, invoke):
    """Beside a readable day, the row is listed unresolved (not counted, on no day), and the
    subject is assessed on the day it has; --strict refuses it."""
    path = write_log(HEADER + "2026-02-30,banana,1,medium\n2026-11-02,banana,1,medium\n")
    refused(invoke("report", path, *PATIENT, "--strict"), path, "date '2026-02-30' does not exist", row=1)
    subject = report(invoke, path)
    assert subject["n_days"] == 1 and [day["date"] for day in subject["days"]] == ["2026-11-02"]
    assert items(subject) == [(2, "09040", 118.0, 31.9)]
    assert [(u["row"], u["reason"][:30]) for u in subject["unmatched"]] == [(1, "date '2026-02-30' does not exi")]
    assert subject["unmatched_items"] == 1 and subject["unmatched_share"] == 0.5


def test_date_not_matching_the_date_format(write_log, invoke):
    path = write_log(HEADER + "11/30/2026,banana,1,medium\n")
    result = invoke("report", path, *PATIENT, "--date-format", "%d/%m/%Y", "--strict")
    refused(result, path, "date '11/30/2026' does not match --date-format %d/%m/%Y", row=1)


def test_unknown_unit_for_a_known_food(write_log, invoke):
    """A unit the food cannot take is an error under --strict and in validate (issue 8)."""
    path = write_log(HEADER + "2026-11-02,banana,1,blorps\n")
    phrase = "Bananas, raw (09040): 'blorps' is not a unit"
    errors = refused(invoke("report", path, *PATIENT, "--strict"), path, phrase, row=1)
    assert refused(invoke("validate", path), path, phrase, row=1) == errors
    assert "it takes: g, kg, oz, lb" in errors[0] and "medium" in errors[0]


def test_unknown_unit_no_longer_stops_the_report(write_log, invoke):
    """Issue 8: one refused unit lost the report for every other row; now it is listed, not counted."""
    path = write_log(HEADER + "2026-11-02,banana,1,blorps\n2026-11-02,banana,1,medium\n")
    result = invoke("report", path, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    subject = json.loads(result.stdout)["subjects"][0]
    assert [(i["row"], i["grams"]) for i in subject["items"]] == [(2, 118.0)]
    (unresolved,) = subject["unmatched"]
    assert unresolved["row"] == 1 and "'blorps' is not a unit" in unresolved["reason"]
    assert "medium" in unresolved["reason"]  # the units it takes
    assert subject["unmatched_items"] == 1 and subject["unmatched_share"] == 0.5
    assert "listed as unresolved, not counted" in result.stderr


def test_unknown_kind(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,banana,1,medium,snack\n2026-11-02,banana,1,medium,\n")
    phrase = "kind 'snack' is not one of food, supplement, medicine"
    refused(invoke("report", path, *PATIENT, "--strict"), path, phrase, row=1)
    subject = report(invoke, path)
    assert items(subject) == [(2, "09040", 118.0, 31.9)]
    assert [(u["row"], u["reason"]) for u in subject["unmatched"]] == [(1, phrase)]


def test_supplement_in_a_household_unit(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,magnesium citrate,1,cup,supplement\n")
    refused(invoke("report", path, *PATIENT), path, "unit 'cup' cannot be used for a supplement", row=1)


def test_empty_food(write_log, invoke):
    unresolved_row(invoke, write_log, "2026-11-02,,1,g", "food is empty")


def test_ten_megabyte_line_is_refused_quickly(tmp_path, invoke):
    path = tmp_path / "huge.csv"
    path.write_text(HEADER + "x" * 10_000_000 + "\n")
    started = time.perf_counter()
    result = invoke("validate", path)
    elapsed = time.perf_counter() - started
    refused(result, path, "has a line of 10,000,000 characters", "limit 1,000,000")
    assert elapsed < 5.0


def test_ten_thousand_character_food_name(write_log, invoke):
    started = time.perf_counter()
    unresolved_row(invoke, write_log, "2026-11-02," + "x" * 10_000 + ",1,g", "food name is longer than 200 characters")
    assert time.perf_counter() - started < 10.0


def test_subject_with_conflicting_profiles(write_log, invoke):
    path = write_log(
        "subject,sex,age,date,food,amount,unit\n"
        "ann,F,54,2026-11-02,banana,1,medium\n"
        "bob,M,40,2026-11-02,banana,1,medium\n"
        "ann,F,55,2026-11-03,banana,1,medium\n"
    )
    refused(invoke("report", path), path, "subject ann has conflicting profiles", f"{path}, row ")


def test_several_problems_are_all_reported_in_row_order(write_log, invoke):
    path = write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,banana,1,medium,food\n"
        "2026-11-02,banana,-2,medium,food\n"
        "2026-11-02,banana,1,medium,snack\n"
        "02/11/2026,banana,1,medium,food\n"
        "2026-11-02,,1,g,food\n"
        "2026-11-02,banana,x,medium,food\n"
    )
    errors = refused(invoke("report", path, *PATIENT, "--strict"), path, lines=5)
    assert [line.split(", row ")[1].split(":")[0] for line in errors] == ["2", "3", "4", "5", "6"]
    for line, phrase in zip(
        errors,
        ["amount '-2' is negative", "kind 'snack'", "date '02/11/2026'", "food is empty", "amount 'x' is not"],
        strict=True,
    ):
        assert phrase in line


def test_unit_and_plausibility_problems_are_all_reported(write_log, invoke):
    path = write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,banana,1,blorps,food\n"
        "2026-11-02,almonds,9,kg,food\n"
        "2026-11-02,magnesium citrate,1,cup,supplement\n"
        "2026-11-02,banana,1,medium,food\n"
        "2026-11-02,milk,1,parsecs,food\n"
    )
    errors = refused(invoke("report", path, *PATIENT, "--strict"), path, lines=4)
    assert [line.split(", row ")[1].split(":")[0] for line in errors] == ["1", "2", "3", "5"]
    assert "'blorps' is not a unit" in errors[0] and "9,000 g of Nuts, almonds" in errors[1]
    assert "cannot be used for a supplement" in errors[2] and "'parsecs' is not a unit" in errors[3]


# ---------------------------------------------------------------------------------------------
# validate


FIVE_PROBLEMS = (
    "date,food,amount,unit,kind\n"
    "2026-11-02,banana,x,medium,food\n"  # 1 amount
    "02/11/2026,banana,1,medium,food\n"  # 2 date
    "2026-11-02,banana,1,blorps,food\n"  # 3 unit
    "2026-11-02,banana,9000,g,food\n"  # 4 implausible
    "2026-11-02,banana,1,medium,snack\n"  # 5 kind
    "2026-11-02,magnesium citrate,6000,mg,supplement\n"  # 6 supplement dose
    "2026-11-03,banana,1,medium,food\n"  # fine
)


def test_validate_reports_every_problem_at_once(write_log, invoke):
    path = write_log(FIVE_PROBLEMS)
    errors = refused(invoke("validate", path), path, lines=6)
    assert [line.split(", row ")[1].split(":")[0] for line in errors] == ["1", "2", "3", "4", "5", "6"]
    for line, phrase in zip(
        errors,
        ["amount 'x'", "date '02/11/2026'", "'blorps' is not a unit", "9,000 g of Bananas", "kind 'snack'", "over 5 g"],
        strict=True,
    ):
        assert phrase in line


def test_validate_reports_the_problems_of_each_file(tmp_path, invoke):
    first = tmp_path / "a_week.csv"
    second = tmp_path / "b_week.csv"
    good = tmp_path / "c_week.csv"
    first.write_text(HEADER + "2026-11-02,banana,x,medium\n" + BANANA + "2026-11-02,banana,1,blorps\n")
    second.write_text("date;food;amount;unit\n2026-02-30;banana;1;medium\n2026-11-02;banana;-1;medium\n")
    good.write_text(HEADER + BANANA)
    result = invoke("validate", first, second, good)
    assert result.exit_code == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("mgcheck: error:")]
    assert errors == [
        f"mgcheck: error: {first}, row 1: amount 'x' is not a number; write e.g. 1, 0.5, 1/2 or 1 1/2",
        f"mgcheck: error: {first}, row 3: Bananas, raw (09040): 'blorps' is not a unit this food can take; "
        "it takes: g, kg, oz, lb, ml, dl, l, cup, tbsp, tsp, fl oz, extra small, small, medium, large, "
        "extra large, nlea serving, serving",
        f"mgcheck: error: {second}, row 1: date '2026-02-30' does not exist: February 2026 has 28 days",
        f"mgcheck: error: {second}, row 2: amount '-1' is negative; write e.g. 1, 0.5, 1/2 or 1 1/2",
    ]


def test_validate_reports_file_level_and_row_problems_together(tmp_path, invoke):
    missing = tmp_path / "missing.csv"
    empty = tmp_path / "empty.csv"
    bad = tmp_path / "bad.csv"
    empty.write_text("")
    bad.write_text(HEADER + "2026-11-02,banana,0,medium\n")
    result = invoke("validate", missing, empty, bad)
    assert result.exit_code == 1 and result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 3
    assert f"mgcheck: error: {bad}, row 1: amount 0 is not a positive quantity" in errors[0]
    assert f"mgcheck: error: {empty}: is empty" in errors[1]
    assert errors[2] == f"mgcheck: error: {missing}: no such file"


def test_validate_a_good_file(write_log, invoke):
    path = write_log(HEADER + BANANA + "2026-11-03,banana,2,medium\n")
    result = invoke("validate", path)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == "ok: 2 items in 1 file(s), 1 subject(s), 2 subject-day(s), 0 unmatched food item(s)\n"


# ---------------------------------------------------------------------------------------------
# usage errors


@pytest.fixture
def good_log(write_log) -> Path:
    return write_log(HEADER + BANANA)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("report", "{log}", *PATIENT, "--bogus"), "No such option: --bogus"),
        (("validate", "{log}", "--bogus"), "No such option: --bogus"),
        (("report", "{log}", *PATIENT, "--format", "xml"), "Invalid value for '--format'"),
        (("summary", "{log}", *PATIENT, "--format", "xml"), "Invalid value for '--format'"),
        (("report", "{log}"), "missing --sex and --age"),
        (("report", "{log}", "--sex", "F"), "missing --age"),
        (("summary", "{log}", "--age", "40"), "missing --sex"),
        (("report", "{log}", "--sex", "X", "--age", "40"), "sex 'X' is not recognised"),
        (("report", "{log}", "--sex", "M", "--age", "40", "--pregnant"), "pregnan"),
    ],
    ids=[
        "unknown-option",
        "validate-unknown-option",
        "bad-format",
        "summary-bad-format",
        "no-sex-no-age",
        "no-age",
        "no-sex",
        "bad-sex",
        "pregnant-man",
    ],
)
def test_usage_errors_exit_2(invoke, good_log, args, phrase):
    result = invoke(*[str(a).format(log=good_log) for a in args])
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert phrase in result.stderr


def test_empty_unit_of_an_uncounted_food_is_not_guessed(write_log, invoke):
    """Regression: 'spinach,2,' was taken as 2 bunches (680 g, 537 mg) with only a warning.

    Spinach has no natural unit (medium, each, fruit, slice...): the row is unresolved, not counted.
    """
    path = write_log(HEADER + "2026-11-02,spinach,2,\n2026-11-02,banana,1,medium\n")
    result = invoke("report", path, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    subject = json.loads(result.stdout)["subjects"][0]
    assert [i["row"] for i in subject["items"]] == [2]
    assert "a blank unit is not a unit this food can take" in subject["unmatched"][0]["reason"]
    refused(invoke("report", path, *PATIENT, "--strict"), path, "a blank unit", row=1)


def test_empty_unit_of_a_counted_food_is_its_natural_unit(write_log, invoke):
    """Issue 8: 'satsuma,2,' is two medium tangerines (2 x 88 g), labelled an estimate."""
    path = write_log(HEADER + "2026-11-02,satsuma,2,\n")
    result = invoke("report", path, *PATIENT, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (item,) = json.loads(result.stdout)["subjects"][0]["items"]
    assert item["food_id"] == "09218" and item["grams"] == 176.0 and item["grams_estimate"] is True
    assert item["basis"].startswith("estimate: 1 medium")


def test_empty_unit_of_a_supplement_is_refused(write_log, invoke):
    path = write_log(
        "date,food,amount,unit,kind\n2026-11-02,magnesium citrate,200,,supplement\n2026-11-02,banana,1,medium,food\n"
    )
    # Without --strict too: a supplement's dose left out would let the UL check say "within" unasked.
    for options in ((), ("--strict",)):
        refused(invoke("report", path, *PATIENT, *options), path, "unit is empty", row=1)


@pytest.mark.parametrize(
    "header", ["Date,Food eaten,Quantity,Units", "Date,Food,Qty,Measure", "date,food_item,amount,unit_of_measure"]
)
def test_required_columns_under_the_names_clinics_use(write_log, invoke, header):
    """Session 16 tester: a clinic's spreadsheet headed 'Date, Food eaten, Quantity, Units' was refused
    ('missing required column food, amount, unit') with no hint; the usual synonyms are read now."""
    subject = report(invoke, write_log(header + "\n2026-11-02,banana,1,medium\n"))
    assert items(subject) == [(1, "09040", 118.0, 31.9)]


def test_a_missing_column_error_says_how_to_map_one(write_log, invoke):
    path = write_log("Date,Food,Portion\n2026-11-02,banana,1\n")
    refused(
        invoke("report", path, *PATIENT), path, "missing required column amount, unit", "--column-map 'Portion=amount'"
    )
