"""Errors a user meets at the command line, each with its exit code and its one line on stderr:
--column-map, --foods rows, -o to a place that cannot take a report, NHANES files mgcheck refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PATIENT = ("--sex", "F", "--age", "40")
BANANA = "date,food,amount,unit\n2026-11-02,banana,1,medium\n"


def errors(result) -> list[str]:
    """The error lines of a run that stopped with exit 1 and wrote no report."""
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    found = [line for line in lines if line.startswith("mgcheck: error: ")]
    assert found == lines, lines  # nothing but error lines: no traceback, no usage text
    return found


# --------------------------------------------------------------------------- --column-map


@pytest.mark.parametrize("pair", ["food", "=food", "food=", " = "])
def test_column_map_without_source_and_target_is_a_usage_error(invoke, write_log, pair):
    result = invoke("summary", write_log(BANANA), *PATIENT, "--column-map", pair)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"Invalid value for --column-map: '{pair}' is not SOURCE=TARGET" in result.stderr


def test_column_map_to_a_name_mgcheck_does_not_know_leaves_the_log_without_its_column(invoke, write_log):
    log = write_log(BANANA)
    assert errors(invoke("summary", log, *PATIENT, "--column-map", "food=dish")) == [
        f"mgcheck: error: {log}: missing required column food; a log needs date, food, amount, unit "
        "(it has: date, dish, amount, unit); map a column of yours to it with --column-map 'dish=food' "
        "(Python: ReadOptions(column_map={'dish': 'food'}))"
    ]


def test_column_map_onto_a_column_the_log_already_has_is_refused(invoke, write_log):
    log = write_log(BANANA)
    assert errors(invoke("summary", log, *PATIENT, "--column-map", "amount=food")) == [
        f"mgcheck: error: {log}: --column-map renames a column to food, but the file already has a column of that "
        "name; map only one of them"
    ]


def test_column_map_from_a_column_no_file_has_is_a_warning(invoke, write_log):
    result = invoke("summary", write_log(BANANA), *PATIENT, "--column-map", "Portion=amount", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == ["mgcheck: warning: --column-map: no file has a column 'Portion'"]
    assert result.stdout.splitlines()[1].split(",")[:3] == [
        "log1",
        "1",
        "31.9",
    ]  # one medium banana (118 g), read as written


def test_column_map_renames_a_survey_label_into_the_log(invoke, write_log):
    log = write_log("date,Dish,amount,unit\n2026-11-02,banana,1,medium\n")
    assert errors(invoke("summary", log, *PATIENT))[0].endswith(
        "(it has: date, Dish, amount, unit); map a column of yours to it with --column-map 'Dish=food' "
        "(Python: ReadOptions(column_map={'Dish': 'food'}))"
    )
    mapped = invoke("summary", log, *PATIENT, "--column-map", "Dish=food", "-f", "csv")
    assert mapped.exit_code == 0 and mapped.stdout.splitlines()[1].split(",")[:3] == ["log1", "1", "31.9"]


# --------------------------------------------------------------------------- --foods rows


def test_every_bad_row_of_a_clinic_food_table_is_named(invoke, write_log, tmp_path):
    foods = tmp_path / "clinic.csv"
    foods.write_text(
        "food_id,name,mg_per_100g\n"
        "C1,Clinic bar,abc\n"  # row 1: not a number
        "C2,,50\n"  # row 2: no name
        "C3,Clinic mix,40\n"  # rows 3 and 4: one id twice
        "C3,Clinic mix again,41\n"
        "C4,Clinic salt,-5\n"  # row 5: negative
        "C5,Clinic infinity,inf\n"  # row 6: infinite
        "C6,Clinic plain,12\n"  # row 7: good
    )
    found = errors(invoke("report", write_log(BANANA), *PATIENT, "--foods", foods))
    assert sorted(found) == sorted(
        f"mgcheck: error: {foods}, {message}"
        for message in (
            "row 1: mg_per_100g 'abc' is not a number",
            "row 2: food_id and name must not be empty",
            "row 3: food_id C3 appears more than once",
            "row 4: food_id C3 appears more than once",
            "row 5: mg_per_100g -5 is negative",
            "row 6: mg_per_100g 'inf' is not a number",
        )
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("C1,,50", "row 1: food_id and name must not be empty"),
        (",Clinic bar,50", "row 1: food_id and name must not be empty"),
        ("C1,Clinic bar,", "row 1: mg_per_100g is empty; give the magnesium per 100 g"),
        ("C1,Clinic bar,-0.5", "row 1: mg_per_100g -0.5 is negative"),
        ("C1,Clinic bar,Infinity", "row 1: mg_per_100g 'Infinity' is not a number"),
    ],
)
def test_one_bad_clinic_food_stops_summary_and_validate(invoke, write_log, tmp_path, row, message):
    foods = tmp_path / "clinic.csv"
    foods.write_text(f"food_id,name,mg_per_100g\n{row}\n")
    for command in ("summary", "validate"):
        extra = PATIENT if command == "summary" else ()
        assert errors(invoke(command, write_log(BANANA), *extra, "--foods", foods)) == [
            f"mgcheck: error: {foods}, {message}"
        ], command


# --------------------------------------------------------------------------- -o where no report can go


def test_output_to_a_directory_is_refused_and_writes_nothing(invoke, write_log, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "kept.txt").write_text("an earlier report")
    assert errors(invoke("report", write_log(BANANA), *PATIENT, "-o", folder)) == [
        f"mgcheck: error: {folder}: is a directory; give a file name for --output"
    ]
    assert sorted(os.listdir(folder)) == ["kept.txt"] and (folder / "kept.txt").read_text() == "an earlier report"


@pytest.mark.parametrize(
    ("where", "reason"),
    [("a_file/report.txt", "Not a directory"), ("no_folder/report.txt", "No such file or directory")],
)
def test_output_where_no_file_can_be_made_is_refused_and_leaves_nothing(invoke, write_log, tmp_path, where, reason):
    """Even root cannot make a file inside a regular file or a folder that does not exist."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "a_file").write_text("not a folder")
    target = out_dir / where
    for command in ("report", "summary"):
        assert errors(invoke(command, write_log(BANANA), *PATIENT, "-o", target)) == [
            f"mgcheck: error: {target}: cannot write here ({reason})"
        ]
    assert sorted(os.listdir(out_dir)) == ["a_file"] and (out_dir / "a_file").read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: a read-only folder does not stop writing")
def test_output_into_a_read_only_folder_is_refused_and_leaves_nothing(invoke, write_log, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (message,) = errors(invoke("report", write_log(BANANA), *PATIENT, "-o", folder / "report.txt"))
        assert message.startswith(f"mgcheck: error: {folder / 'report.txt'}: ")
        assert "Permission denied" in message
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


# --------------------------------------------------------------------------- NHANES files mgcheck refuses


def nhanes(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            "SEQN,DR1TGRMS,DR1TMAGN",
            "990001,2100,310",
            "is an NHANES day-totals file (DR1TOT / DR2TOT): it has no foods; give DR1IFF / DR2IFF",
        ),
        (
            "SEQN,DR1IFDCD,DR1IGRMS,DR1IMAGN,DR2IFDCD,DR2IGRMS,DR2IMAGN",
            "990001,92101000,360,10.8,92101000,360,10.8",
            "has both DR1 and DR2 food columns; give the day 1 and day 2 files separately",
        ),
        ("SEQN,DR1DRSTZ,DR1IFDCD,DR1IGRMS", "990001,1,92101000,360", "is an NHANES foods file without column DR1IMAGN"),
        (
            "SEQN,DR2DRSTZ,DR2IGRMS,DR2IMAGN",
            "990001,1,360,10.8",
            "is an NHANES foods file without column DR2IFDCD",
        ),
        (
            "SEQN,SEQN,DR1DRSTZ,DR1IFDCD,DR1IGRMS,DR1IMAGN",
            "990001,990001,1,92101000,360,10.8",
            "column seqn appears more than once; keep one of each",
        ),
    ],
    ids=["day-totals", "both-days", "no-magnesium", "no-food-code", "doubled-column"],
)
def test_nhanes_files_mgcheck_refuses(invoke, tmp_path, header, row, message):
    path = nhanes(tmp_path, "dr1.csv", f"{header}\n{row}\n")
    for options in ((), ("--input-format", "nhanes")):
        assert errors(invoke("summary", path, *PATIENT, *options)) == [f"mgcheck: error: {path}: {message}"]


def test_nhanes_figures_that_are_not_numbers_are_named_by_row(invoke, tmp_path):
    path = nhanes(
        tmp_path,
        "dr1iff.csv",
        "SEQN,DR1DRSTZ,DR1IFDCD,DR1IGRMS,DR1IMAGN\n990001,1,92101000,lots,10.8\n990001,1,57123000,28,x\n",
    )
    # Under --strict an error each; without it each row is listed unresolved and the rest assessed (session 25).
    found = errors(invoke("summary", path, *PATIENT, "--strict"))
    assert f"mgcheck: error: {path}, row 1: DR1IGRMS 'lots' is not a number" in found
    assert f"mgcheck: error: {path}, row 2: DR1IMAGN 'x' is not a number" in found
    listed = invoke("summary", path, *PATIENT)
    assert listed.exit_code == 0
    assert f"{path}, row 2: DR1IMAGN 'x' is not a number; listed as unresolved, not counted" in listed.stderr
