"""Session 27, helper D: the research data manager's trial (ASA24 respondents, pipes, exit codes, folders)."""

from __future__ import annotations

from pathlib import Path

import pytest

import mgcheck
from mgcheck import ReadOptions
from mgcheck.errors import MgcheckError

ASA24_HEADER = (
    "UserName,UserID,RecallNo,RecallStatus,IntakeStartDateTime,ReportingDate,Occ_No,Occ_Name,FoodNum,"
    "FoodCode,ModCode,FoodAmt,MAGN,Food_Description\n"
)


def _asa24_row(user: str, user_id: str, grams: int, mg: float) -> str:
    return f'{user},{user_id},1,2,11/5/2021 0:00,11/6/2021,1,1,1,56203056,0,{grams},{mg},"Oatmeal, regular"\n'


def test_two_userids_under_one_username_are_refused_naming_both(tmp_path: Path, invoke) -> None:
    path = tmp_path / "Items.csv"
    path.write_text(ASA24_HEADER + _asa24_row("STUDY01", "A01", 234, 63.2) + _asa24_row("STUDY01", "A02", 468, 126.4))
    result = invoke("summary", str(path), "--sex", "F", "--age", "40", "-f", "csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "row 2: UserName STUDY01 carries two UserIDs (A01 in row 1, A02 here)" in result.stderr
    # The swap the message proposes names each respondent by UserID: two subjects, never 189.6 mg in one day.
    swapped = invoke(
        "summary", str(path), "--sex", "F", "--age", "40", "-f", "csv", "--quiet",
        "--column-map", "UserName=Study", "--column-map", "UserID=UserName",
    )  # fmt: skip
    assert swapped.exit_code == 0, swapped.stderr
    rows = [line.split(",")[:3] for line in swapped.stdout.splitlines()[1:]]
    assert rows == [["A01", "1", "63.2"], ["A02", "1", "126.4"]]


def test_one_userid_per_username_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "Items.csv"
    path.write_text(ASA24_HEADER + _asa24_row("P001", "A01", 234, 63.2) + _asa24_row("P002", "A02", 468, 126.4))
    summary = mgcheck.summary(mgcheck.assess_logs(str(path), sex="F", age=40))
    assert [(row["subject"], row["mean_food_mg"]) for row in summary.to_dict("records")] == [
        ("P001", 63.2),
        ("P002", 126.4),
    ]


def test_the_asa24_template_names_a_person_not_a_study(invoke) -> None:
    rows = invoke("template", "--format", "asa24").stdout.splitlines()[1:]
    assert {row.split(",")[0] for row in rows} == {"P001"}


def test_a_column_map_onto_a_name_the_file_keeps_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "Items.csv"
    path.write_text(ASA24_HEADER + _asa24_row("P001", "A01", 234, 63.2))
    with pytest.raises(MgcheckError, match="renames a column to username"):
        mgcheck.assess_logs(str(path), sex="F", age=40, reading=ReadOptions(column_map={"UserID": "UserName"}))

