"""Tests of mgcheck.logs.read_logs: columns, row numbers, bad files, amounts, dates, encodings and separators."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.errors import Problem
from mgcheck.logs import LOG_COLUMNS, parse_date, read_logs

HEADER = "date,food,amount,unit\n"


def _write(tmp_path: Path, content: str | bytes, name: str = "log.csv") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return str(path)


def _read(tmp_path: Path, content: str | bytes, name: str = "log.csv", date_format: str | None = None):
    return read_logs([_write(tmp_path, content, name)], date_format=date_format)


def _only_problem(result) -> Problem:
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


# --------------------------------------------------------------------------- columns


def test_minimal_log_values(tmp_path: Path) -> None:
    result = _read(tmp_path, HEADER + "2026-11-02,banana,1,medium\n2026-11-03, spinach , 1/2 , cup \n")
    assert result.problems == []
    assert result.warnings == []
    log = result.log
    assert list(log.columns) == LOG_COLUMNS
    assert log["date"].tolist() == ["2026-11-02", "2026-11-03"]
    assert log["food"].tolist() == ["banana", "spinach"]
    assert log["amount"].tolist() == [1.0, 0.5]
    assert log["unit"].tolist() == ["medium", "cup"]
    assert log["row"].tolist() == [1, 2]
    assert log["kind"].tolist() == ["food", "food"]
    assert log["subject"].tolist() == ["log", "log"]  # one person per file: named after the file (log.csv)
    assert log["file"].tolist() == [str(tmp_path / "log.csv")] * 2


def test_header_names_match_case_and_space_insensitively(tmp_path: Path) -> None:
    result = _read(tmp_path, " Date ,FOOD, Amount ,Unit\n2026-11-02,banana,2,medium\n")
    assert result.problems == []
    assert result.warnings == []
    row = result.log.iloc[0]
    assert (row["date"], row["food"], row["amount"], row["unit"]) == ("2026-11-02", "banana", 2.0, "medium")


def test_unknown_column_gives_exactly_one_warning_naming_it(tmp_path: Path) -> None:
    result = _read(tmp_path, "date,food,amount,unit,calories\n2026-11-02,banana,1,medium,105\n")
    assert result.problems == []
    assert len(result.warnings) == 1
    assert "calories" in result.warnings[0]
    assert "calories" not in result.log.columns
    assert result.log["food"].tolist() == ["banana"]


def test_optional_columns_are_carried_through(tmp_path: Path) -> None:
    content = (
        "date,food,amount,unit,subject,meal,time,kind,notes\n"
        "2026-11-02,banana,1,medium,P01,breakfast,08:15,food,ripe\n"
        "2026-11-02,magnesium citrate,1,tablet,P01,,21:00,supplement,200 mg elemental\n"
        "2026-11-02,milk of magnesia,15,ml,P02,, ,medicine,\n"
    )
    result = _read(tmp_path, content)
    assert result.problems == []
    assert result.warnings == []
    log = result.log
    assert log["subject"].tolist() == ["P01", "P01", "P02"]
    assert log["meal"].tolist() == ["breakfast", "", ""]
    assert log["time"].tolist() == ["08:15", "21:00", ""]
    assert log["kind"].tolist() == ["food", "supplement", "medicine"]
    assert log["notes"].tolist() == ["ripe", "200 mg elemental", ""]


def test_kind_defaults_to_food_when_empty(tmp_path: Path) -> None:
    result = _read(
        tmp_path, "date,food,amount,unit,kind\n2026-11-02,banana,1,medium,\n2026-11-02,pill,1,each,SUPPLEMENT\n"
    )
    assert result.problems == []
    assert result.log["kind"].tolist() == ["food", "supplement"]


def test_unknown_kind_is_a_problem_with_its_row(tmp_path: Path) -> None:
    content = "date,food,amount,unit,kind\n2026-11-02,banana,1,medium,food\n2026-11-02,pill,1,each,vitamin-ish\n"
    problem = _only_problem(_read(tmp_path, content))
    assert problem.row == 2
    assert "vitamin-ish" in problem.message
    assert problem.file == str(tmp_path / "log.csv")


# --------------------------------------------------------------------------- row numbers


def test_row_numbers_are_data_rows_and_blank_lines_keep_numbering(tmp_path: Path) -> None:
    result = _read(tmp_path, HEADER + "2026-11-02,banana,1,medium\n\n2026-11-02,apple,1,medium\n")
    assert result.problems == []
    assert result.log["food"].tolist() == ["banana", "apple"]
    assert result.log["row"].tolist() == [1, 3]


def test_problem_row_after_blank_line(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, HEADER + "2026-11-02,banana,1,medium\n\n2026-11-02,apple,abc,medium\n"))
    assert problem.row == 3
    assert "abc" in problem.message


# --------------------------------------------------------------------------- unreadable files and tables


def test_missing_required_column_names_it(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, "date,food,amount\n2026-11-02,banana,1\n"))
    assert "missing required column unit" in problem.message
    assert problem.row is None


def test_two_missing_required_columns_are_both_named(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, "date,food\n2026-11-02,banana\n"))
    assert "amount" in problem.message and "unit" in problem.message


def test_duplicated_required_column_differing_in_case(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, "date,Food,amount,unit,food\n2026-11-02,banana,1,medium,apple\n"))
    assert "food" in problem.message and "more than once" in problem.message


def test_duplicated_required_column_spelled_identically(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, "date,food,amount,unit,food\n2026-11-02,banana,1,medium,apple\n"))
    assert "food" in problem.message and "more than once" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, b""))
    assert "empty" in problem.message
    assert len(_read(tmp_path, "  \n\n", name="blank.csv").problems) == 1


def test_header_only(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, HEADER))
    assert "no items" in problem.message


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, b"date,food,amount,unit\n\x00\x01\x02\x03"))
    assert "NUL" in problem.message


def test_gzip_file(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, gzip.compress((HEADER + "2026-11-02,banana,1,medium\n").encode())))
    assert "gzip" in problem.message


def test_gzip_magic_only(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, b"\x1f\x8b\x08\x00rest"))
    assert "gzip" in problem.message


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    problem = _only_problem(read_logs([str(folder)]))
    assert "directory" in problem.message
    assert problem.file == str(folder)


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.csv")
    problem = _only_problem(read_logs([missing]))
    assert "no such file" in problem.message
    assert problem.file == missing


def test_bad_files_do_not_stop_good_ones(tmp_path: Path) -> None:
    good = _write(tmp_path, HEADER + "2026-11-02,banana,1,medium\n", "good.csv")
    result = read_logs([str(tmp_path / "nope.csv"), good, _write(tmp_path, HEADER, "empty.csv")])
    assert len(result.problems) == 2
    assert result.log["food"].tolist() == ["banana"]


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(("text", "expected"), [("1/2", 0.5), ("½", 0.5), ('"0,5"', 0.5), ("1 1/2", 1.5), ("1½", 1.5)])
def test_written_amounts_parse(tmp_path: Path, text: str, expected: float) -> None:
    result = _read(tmp_path, HEADER + f"2026-11-02,spinach,{text},cup\n")
    assert result.problems == []
    assert result.log["amount"].tolist() == [expected]


@pytest.mark.parametrize("text", ["abc", "-1", "0", "nan", "inf"])
def test_bad_amount_is_one_problem_with_its_row(tmp_path: Path, text: str) -> None:
    result = _read(tmp_path, HEADER + "2026-11-02,banana,1,medium\n" + f"2026-11-02,spinach,{text},cup\n")
    problem = _only_problem(result)
    assert problem.row == 2
    assert "amount" in problem.message
    assert text in problem.message


def test_empty_amount_is_a_problem(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, HEADER + "2026-11-02,banana,,medium\n"))
    assert problem.row == 1
    assert "amount is empty" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1/" + "1" * 5000, id="denominator-over-python-int-digit-limit"),
        pytest.param("1" + "0" * 400 + "/1", id="fraction-too-large-for-float"),
    ],
)
def test_absurd_fraction_amount_is_a_problem_not_a_crash(tmp_path: Path, text: str) -> None:
    result = _read(tmp_path, HEADER + f"2026-11-02,spinach,{text},cup\n")
    problem = _only_problem(result)
    assert problem.row == 1


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-11-02", "2026-11-02"), ("2026-11-02T08:30", "2026-11-02"), ("2026-1-5", "2026-01-05")],
)
def test_iso_dates(tmp_path: Path, text: str, expected: str) -> None:
    result = _read(tmp_path, HEADER + f"{text},banana,1,medium\n")
    assert result.problems == []
    assert result.log["date"].tolist() == [expected]


def test_non_iso_date_without_format_is_a_problem_mentioning_date_format(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, HEADER + "02/11/2026,banana,1,medium\n"))
    assert problem.row == 1
    assert "--date-format" in problem.message
    assert "02/11/2026" in problem.message


def test_non_iso_date_with_format(tmp_path: Path) -> None:
    result = _read(tmp_path, HEADER + "02/11/2026,banana,1,medium\n", date_format="%d/%m/%Y")
    assert result.problems == []
    assert result.log["date"].tolist() == ["2026-11-02"]


def test_non_iso_date_with_format_may_carry_a_time_as_iso_dates_may(tmp_path: Path) -> None:
    # Spreadsheets write '02/11/2026 23:30'; with --date-format %d/%m/%Y it was refused, while an ISO
    # date takes a time. The time is left out as it is for ISO; a format naming a time still rules.
    rows = "02/11/2026 23:30,banana,1,medium\n03/11/2026 00:15:00,banana,1,medium\n4/11/2026 7:05 PM,banana,1,medium\n"
    result = _read(tmp_path, HEADER + rows, date_format="%d/%m/%Y")
    assert result.problems == []
    assert result.log["date"].tolist() == ["2026-11-02", "2026-11-03", "2026-11-04"]
    bad = _only_problem(_read(tmp_path, HEADER + "02/11/2026 late,banana,1,medium\n", date_format="%d/%m/%Y"))
    assert "does not match --date-format" in bad.message
    timed = _only_problem(_read(tmp_path, HEADER + "02/11/2026,banana,1,medium\n", date_format="%d/%m/%Y %H:%M"))
    assert timed.row == 1


@given(st.dates(), st.integers(0, 23), st.integers(0, 59), st.sampled_from(["%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y"]))
def test_a_time_after_a_formatted_date_never_changes_the_day(day: date, hour: int, minute: int, layout: str) -> None:
    assert parse_date(f"{day.strftime(layout)} {hour}:{minute:02d}", layout) == parse_date(day.strftime(layout), layout)


def test_impossible_iso_date_is_a_problem(tmp_path: Path) -> None:
    problem = _only_problem(_read(tmp_path, HEADER + "2026-02-30,banana,1,medium\n"))
    assert problem.row == 1


# --------------------------------------------------------------------------- encodings and separators


def test_utf8_with_bom(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + (HEADER + "2026-11-02,crème brûlée,1,cup\n").encode("utf-8")
    result = _read(tmp_path, raw)
    assert result.problems == []
    assert result.warnings == []
    assert result.log["food"].tolist() == ["crème brûlée"]
    assert result.log["date"].tolist() == ["2026-11-02"]


def test_semicolon_separator_with_decimal_commas(tmp_path: Path) -> None:
    result = _read(tmp_path, "date;food;amount;unit\n2026-11-02;milk, whole;0,5;cup\n2026-11-02;almonds;1,25;oz\n")
    assert result.problems == []
    assert result.log["food"].tolist() == ["milk, whole", "almonds"]
    assert result.log["amount"].tolist() == [0.5, 1.25]


def test_tab_separated(tmp_path: Path) -> None:
    result = _read(tmp_path, "date\tfood\tamount\tunit\n2026-11-02\tbananas, raw\t1.5\tmedium\n")
    assert result.problems == []
    assert result.log["food"].tolist() == ["bananas, raw"]
    assert result.log["amount"].tolist() == [1.5]
    assert result.log["unit"].tolist() == ["medium"]


def test_windows_1252_bytes(tmp_path: Path) -> None:
    raw = (HEADER + "2026-11-02,crème brûlée,1,cup\n2026-11-02,jalapeño,2,each\n").encode("cp1252")
    result = _read(tmp_path, raw)
    assert result.problems == []
    assert result.log["food"].tolist() == ["crème brûlée", "jalapeño"]


def test_crlf_line_ends(tmp_path: Path) -> None:
    result = _read(tmp_path, "date,food,amount,unit\r\n2026-11-02,banana,1,medium\r\n\r\n2026-11-02,apple,2,small\r\n")
    assert result.problems == []
    assert result.log["food"].tolist() == ["banana", "apple"]
    assert result.log["unit"].tolist() == ["medium", "small"]
    assert result.log["amount"].tolist() == [1.0, 2.0]
    assert result.log["row"].tolist() == [1, 3]


def test_quoted_fields_with_commas_and_newlines(tmp_path: Path) -> None:
    content = (
        "date,food,amount,unit,notes\n"
        '2026-11-02,"Bananas, raw",1,medium,"ate half,\nthen the rest"\n'
        '2026-11-02,"Milk, whole","1,5",cup,\n'
    )
    result = _read(tmp_path, content)
    assert result.problems == []
    assert result.log["food"].tolist() == ["Bananas, raw", "Milk, whole"]
    assert result.log["notes"].tolist() == ["ate half,\nthen the rest", ""]
    assert result.log["amount"].tolist() == [1.0, 1.5]
    assert result.log["row"].tolist() == [1, 2]


# --------------------------------------------------------------------------- all problems at once


def test_all_problems_of_a_file_are_collected(tmp_path: Path) -> None:
    content = (
        HEADER
        + "2026-11-02,banana,1,medium\n"
        + "2026-11-02,spinach,abc,cup\n"
        + "02/11/2026,apple,1,medium\n"
        + "2026-11-02,,1,cup\n"
    )
    result = _read(tmp_path, content)
    assert len(result.problems) == 3
    assert sorted(problem.row for problem in result.problems) == [2, 3, 4]


def test_problems_of_several_files_are_collected(tmp_path: Path) -> None:
    first = _write(tmp_path, HEADER + "2026-11-02,banana,abc,medium\n", "a.csv")
    second = _write(tmp_path, HEADER + "2026-11-02,banana,-1,medium\n2026-11-02,banana,0,medium\n", "b.csv")
    result = read_logs([first, second])
    assert sorted((p.file, p.row) for p in result.problems) == [(first, 1), (second, 1), (second, 2)]


def test_all_numeric_columns_keep_their_text(tmp_path):
    """Regression guard: categorical parsing must never turn '001' and '1', or '09040', into numbers."""
    from mgcheck.logs import read_logs

    path = tmp_path / "numeric.csv"
    path.write_text("subject,date,food,amount,unit\n001,2026-11-02,09040,1.50,medium\n1,2026-11-02,09040,2,medium\n")
    log = read_logs([str(path)]).log
    assert list(log["subject"].astype(str)) == ["001", "1"]
    assert list(log["food"].astype(str)) == ["09040", "09040"]
    assert list(log["amount"]) == [1.5, 2.0]


def test_numeric_sample_then_text_later_keeps_text(tmp_path):
    """A column numeric in the first rows and text later is still read as written."""
    from mgcheck.importers.reading import SAMPLE_ROWS
    from mgcheck.logs import read_logs

    rows = "".join(f"{i:03d},2026-11-02,09040,1,medium\n" for i in range(SAMPLE_ROWS + 5))
    path = tmp_path / "late.csv"
    path.write_text("subject,date,food,amount,unit\n" + rows + "ann,2026-11-02,banana,1,medium\n")
    log = read_logs([str(path)]).log
    assert log["subject"].astype(str).iloc[0] == "000" and log["subject"].astype(str).iloc[-1] == "ann"
    assert log["food"].astype(str).iloc[0] == "09040"
