"""Session 27, helper D: the research data manager's trial (ASA24 respondents, pipes, exit codes, folders)."""

from __future__ import annotations

import csv
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


class _ShortPipe:
    """A pipe's buffered writer whose reader leaves after 65,536 bytes: a short count, then EPIPE."""

    def __init__(self) -> None:
        self.taken = 0

    def write(self, data: bytes | memoryview) -> int:
        if self.taken >= 65536:
            raise BrokenPipeError(32, "Broken pipe")
        count = min(len(data), 65536 - self.taken)
        self.taken += count
        return count

    def flush(self) -> None:
        pass


class _Stdout:
    def __init__(self) -> None:
        self.buffer = _ShortPipe()

    def flush(self) -> None:
        pass


def test_a_reader_leaving_in_the_middle_of_one_large_write_is_a_closed_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    from mgcheck import output

    stdout = _Stdout()
    monkeypatch.setattr("sys.stdout", stdout)
    with pytest.raises(output.OutputClosed):
        output.write_stdout("x" * 700_000)
    assert stdout.buffer.taken == 65536


def test_report_json_into_a_pipe_closed_early_exits_141(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    log = tmp_path / "study.csv"
    rows = [f"S{n:04d},2026-11-0{1 + n % 7},banana,1,medium" for n in range(60)]  # about 0.5 MB: one write
    log.write_text("subject,date,food,amount,unit\n" + "\n".join(rows) + "\n")
    read_end, write_end = os.pipe()
    command = [
        sys.executable,
        "-m",
        "mgcheck",
        "report",
        str(log),
        "--sex",
        "F",
        "--age",
        "40",
        "-f",
        "json",
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    first = os.read(read_end, 100)
    os.close(read_end)
    _, stderr = process.communicate(timeout=300)
    assert first.startswith(b"{")
    assert process.returncode == 141, stderr.decode()
    assert stderr == b""


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ("B,2026-11-02,banana,1,medium,M,\n", 2),  # half a profile: missing, as no profile is
        ("B,2026-11-02,banana,1,medium,,40\n", 2),
        ("A,2026-11-02,banana,1,medium,F,40\nB,2026-11-02,banana,1,medium,M,\n", 2),
        ("B,2026-11-02,banana,1,medium,M,abc\n", 1),  # a wrong value is bad input
        ("A,2026-11-02,banana,1,medium,F,abc\nB,2026-11-02,banana,1,medium,M,\n", 1),  # mixed: the data is wrong
    ],
)
def test_half_a_profile_exits_2_as_no_profile_does(tmp_path: Path, invoke, rows: str, code: int) -> None:
    log = tmp_path / "log.csv"
    log.write_text("subject,date,food,amount,unit,sex,age\n" + rows)
    result = invoke("summary", str(log), "-f", "csv")
    assert result.exit_code == code, result.stderr
    assert result.stdout == ""
    bare = tmp_path / "bare.csv"
    bare.write_text("subject,date,food,amount,unit\nB,2026-11-02,banana,1,medium\n")
    assert invoke("summary", str(bare), "-f", "csv").exit_code == 2


def test_a_profiles_row_without_age_exits_2(tmp_path: Path, invoke) -> None:
    log = tmp_path / "log.csv"
    log.write_text("subject,date,food,amount,unit\nB,2026-11-02,banana,1,medium\n")
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nB,M,\n")
    result = invoke("summary", str(log), "--profiles", str(profiles), "-f", "csv")
    assert result.exit_code == 2
    assert "row 1: subject B: missing --age" in result.stderr


LOG = "date,food,amount,unit\n2026-11-02,oatmeal,1,cup\n"


def test_a_folder_skips_hidden_and_appledouble_files_and_names_sub_folders(tmp_path: Path, invoke) -> None:
    folder = tmp_path / "clinic"
    (folder / "sub").mkdir(parents=True)
    (folder / "P001.csv").write_text(LOG)
    (folder / "._P001.csv").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
    (folder / ".hidden.csv").write_text(LOG)
    (folder / "sub" / "inner.csv").write_text(LOG)
    result = invoke("summary", str(folder), "--sex", "F", "--age", "40", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["P001"]
    assert result.stderr.count("hidden file(s)") == 1
    assert "skipped 2 hidden file(s)" in result.stderr
    assert f"skipped 1 sub-folder(s), not searched: {folder / 'sub'}/" in result.stderr
    # Named on its own, a hidden file is read as any file is.
    alone = invoke("summary", str(folder / ".hidden.csv"), "--sex", "F", "--age", "40", "-f", "csv")
    assert alone.exit_code == 0, alone.stderr
    assert alone.stdout.splitlines()[1].startswith(".hidden,")


def test_a_cronometer_folder_skips_its_daily_summary_as_asa24_totals_are(tmp_path: Path, invoke) -> None:
    folder = tmp_path / "cron"
    folder.mkdir()
    (folder / "servings.csv").write_text(
        "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Category\n"
        "2023-05-08,8:00 AM,Breakfast,Oatmeal,1.00 cup,166,63.2,Grains\n"
    )
    (folder / "dailysummary.csv").write_text(
        "Date,Energy (kcal),Magnesium (mg),Completed\n2023-05-08,1200,326.4,true\n"
    )
    result = invoke("summary", str(folder), "--sex", "F", "--age", "40", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].split(",")[:3] == ["servings", "1", "63.2"]
    assert "dailysummary.csv: skipped: a Cronometer daily summary" in result.stderr
    named = invoke("summary", str(folder / "dailysummary.csv"), "--sex", "F", "--age", "40", "-f", "csv")
    assert named.exit_code == 1
    assert "is a Cronometer daily summary" in named.stderr


INS_HEADER = "UserName,UserID,RecallNo,RecallStatus,IntakeStartDateTime,SupplNum,Suppl_Description,MAGN\n"


def test_a_header_only_ins_alone_gives_the_true_reason_and_is_counted(tmp_path: Path, invoke) -> None:
    ins = tmp_path / "INS.csv"
    ins.write_text(INS_HEADER)
    result = invoke("report", str(ins), "--sex", "F", "--age", "40")
    assert result.exit_code == 1
    assert "want of a profile" not in result.stderr
    assert f"error: no items to assess in the given files: {ins} holds only a header" in result.stderr
    assert "supplements file with no rows: no supplements taken" in result.stderr
    checked = invoke("validate", str(ins))
    assert checked.exit_code == 0
    assert (
        checked.stdout.strip() == "ok: 0 items in 1 file(s), 0 subject(s), 0 subject-day(s), 0 unmatched food item(s)"
    )
    items = tmp_path / "Items.csv"
    items.write_text(ASA24_HEADER + _asa24_row("P001", "A01", 234, 63.2))
    both = invoke("validate", str(items), str(ins))
    assert both.exit_code == 0, both.stderr
    assert both.stdout.startswith("ok: 1 items in 2 file(s), 1 subject(s)")


def test_a_withheld_judgement_passes_check_and_the_readme_script_finds_it(tmp_path: Path, invoke) -> None:
    log = tmp_path / "withheld.csv"
    log.write_text(
        "date,food,amount,unit\n2026-11-02,oatmeal,1,cup\n2026-11-02,toast,1,slice\n"
        "2026-11-02,milk,1,cup\n2026-11-02,grandmas special stew,1,bowl\n"
    )
    result = invoke("summary", str(log), "--sex", "F", "--age", "40", "--check", "--quiet", "-f", "csv")
    assert result.exit_code == 0  # the contract is unchanged: --check fails only judged subjects
    header, row = result.stdout.splitlines()
    values = dict(zip(header.split(","), next(csv.reader([row])), strict=True))
    assert (values["conclusion_code"], values["check_reason"]) == ("not_judged", "")
    assert row.count(",not_judged,") == 1  # what the README's script greps for
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "grep -c ',not_judged,' week.csv" in readme
    assert 'echo "no patient fails the check"' not in readme


@pytest.mark.parametrize(("age", "message"), [("-1", "age -1 is outside 0-130 years"), ("1000", "age 1000 is outside")])
def test_an_age_out_of_range_is_said_so_not_not_a_number(invoke, age: str, message: str) -> None:
    result = invoke("reference", "--sex", "F", f"--age={age}")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "not a number" not in result.stderr
    with pytest.raises(MgcheckError, match=r"age -3 is outside 0-130 years"):
        mgcheck.assess_logs(mgcheck.example_path(), sex="F", age="-3")


def test_an_impossible_date_in_the_given_format_says_the_month_s_length(tmp_path: Path, invoke) -> None:
    log = tmp_path / "dmy.csv"
    log.write_text("date,food,amount,unit\n02/11/2026,oatmeal,1,cup\n31/11/2026,almonds,1,oz\n29/02/2026,milk,1,cup\n")
    result = invoke("report", str(log), "--sex", "F", "--age", "54", "--date-format", "%d/%m/%Y", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert "row 2: date '31/11/2026' does not exist: November has 30 days" in result.stderr
    assert "row 3: date '29/02/2026' does not exist: February 2026 has 28 days" in result.stderr
    assert "does not match" not in result.stderr


def test_decimal_comma_reads_dots_grouping_thousands(tmp_path: Path, invoke) -> None:
    log = tmp_path / "eu.csv"
    log.write_bytes("\ufeffdate;food;amount;unit\n2026-11-02;milk;1.000,5;ml\n".encode())
    result = invoke("report", str(log), "--sex", "F", "--age", "40", "--decimal-comma", "-f", "csv", "--quiet")
    assert result.exit_code == 0, result.stderr
    row = next(csv.DictReader(result.stdout.splitlines()))
    assert (row["amount"], row["status"]) == ("1000.5", "matched")
    plain = invoke("report", str(log), "--sex", "F", "--age", "40", "-f", "csv")
    assert "amount '1.000,5' is 1000.5 written with a decimal comma" in plain.stderr
    assert "give --decimal-comma" in plain.stderr


def test_every_subject_skipped_names_the_id_differing_only_in_case(tmp_path: Path, invoke) -> None:
    log = tmp_path / "log.csv"
    log.write_text("subject,date,food,amount,unit\nA,2026-11-02,oatmeal,1,cup\n")
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\na,F,54\n")
    result = invoke("summary", str(log), "--profiles", str(profiles), "--skip-incomplete", "-f", "csv", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "mgcheck: error: no subject is left to assess: every subject was skipped for want of a profile (sex, age) "
        "(A is profiled only as 'a': subject ids must match exactly)"
    )


def test_foods_search_empty_is_a_usage_error_and_no_hit_exits_1(invoke) -> None:
    assert invoke("foods", "search", "").exit_code == 2
    assert invoke("foods", "search", "   ").exit_code == 2
    none = invoke("foods", "search", "zzzqqq")
    assert none.exit_code == 1
    assert "no food matched 'zzzqqq'" in none.stderr and none.stdout == ""
    as_json = invoke("foods", "search", "zzzqqq", "--json")
    assert (as_json.exit_code, as_json.stdout.strip()) == (1, "[]")
    found = invoke("foods", "search", "brown rice", "--json", "-n", "1")
    assert found.exit_code == 0
    assert "Rice, brown" in found.stdout


def test_a_fifo_reader_leaving_mid_write_is_a_closed_pipe(tmp_path: Path) -> None:
    import os
    import threading

    from mgcheck import output

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as stream:
            got.append(stream.read(100))

    thread = threading.Thread(target=reader)
    thread.start()
    with pytest.raises(output.OutputClosed):
        output.write_text("x" * 700_000, str(fifo))
    thread.join(timeout=30)
    assert got == [b"x" * 100]
