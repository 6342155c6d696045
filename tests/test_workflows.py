"""Clinic workflows through the CLI: many subjects, profiles, summary, validate, template, --check, streams."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import report_json

import mgcheck

TWO_SUBJECTS = """subject,date,food,amount,unit,kind
ann,2026-11-02,banana,1,medium,food
ann,2026-11-03,banana,2,medium,food
bob,2026-11-02,12016,1,oz,food
bob,2026-11-02,magnesium citrate,400,mg,supplement
"""
PROFILES = "subject,sex,age,pregnant,lactating,conditions\nann,F,54,no,no,\nbob,M,40,no,no,diabetes\n"


@pytest.fixture
def study(write_log, tmp_path):
    profiles = tmp_path / "profiles.csv"
    profiles.write_text(PROFILES)
    return write_log(TWO_SUBJECTS), profiles


def _summary_rows(text: str) -> dict[str, dict[str, str]]:
    return {row["subject"]: row for row in csv.DictReader(io.StringIO(text))}


def test_summary_csv_one_row_per_subject(study, invoke):
    log, profiles = study
    result = invoke("summary", log, "--profiles", profiles)
    assert result.exit_code == 0, result.stderr
    rows = _summary_rows(result.stdout)  # csv is the default when stdout is not a terminal
    assert list(rows) == ["ann", "bob"]
    assert list(next(iter(rows.values()))) == [
        "subject", "n_days", "mean_food_mg", "mean_supplement_mg", "mean_total_mg", "ear_mg", "rda_mg",
        "percent_rda", "z", "probability_adequate", "conclusion", "ul_exceeded", "unmatched_items", "unmatched_share",
        "mean_medicine_mg", "mean_intake_mg", "conclusion_code", "ai_mg", "probability_above_ai", "check_reason",
    ]  # fmt: skip
    ann, bob = rows["ann"], rows["bob"]
    assert (ann["n_days"], ann["mean_food_mg"], ann["ear_mg"], ann["rda_mg"]) == ("2", "47.8", "265", "320")
    assert ann["conclusion"].startswith("very likely inadequate: less than 1% probability")
    assert ann["conclusion_code"] == "very_likely_inadequate"
    assert (bob["mean_food_mg"], bob["mean_supplement_mg"], bob["ul_exceeded"]) == ("155.9", "400.0", "True")


@pytest.mark.slow
def test_summary_json_markdown_and_table(study, invoke):
    log, profiles = study
    data = json.loads(invoke("summary", log, "--profiles", profiles, "-f", "json").stdout)
    assert data["schema"] == "mgcheck.summary/1" and [s["subject"] for s in data["subjects"]] == ["ann", "bob"]
    assert data["subjects"][1]["ear_mg"] == 350
    markdown = invoke("summary", log, "--profiles", profiles, "-f", "markdown").stdout
    assert "| subject | n_days |" in markdown and "| ann | 2 |" in markdown
    table = invoke("summary", log, "--profiles", profiles, "-f", "table").stdout
    assert "ann" in table and "bob" in table and "\x1b[" not in table


def test_report_has_one_section_per_subject(study, invoke):
    log, profiles = study
    data = report_json(invoke("report", log, "--profiles", profiles, "-f", "json"))
    assert [s["subject"] for s in data["subjects"]] == ["ann", "bob"]
    assert data["subjects"][1]["profile"]["conditions"] == ["diabetes"]
    text = invoke("report", log, "--profiles", profiles).stdout
    assert "Magnesium intake: ann" in text and "Magnesium intake: bob" in text


def test_profiles_from_log_columns(write_log, invoke):
    log = write_log(
        "subject,sex,age,date,food,amount,unit\n"
        "ann,F,54,2026-11-02,banana,1,medium\n"
        "bob,M,30,2026-11-02,banana,1,medium\n"
        "bob,M,30,2026-11-03,banana,1,medium\n"
    )
    data = report_json(invoke("report", log, "-f", "json"))
    assert {s["subject"]: s["reference"]["rda_mg"] for s in data["subjects"]} == {"ann": 320, "bob": 400}


def test_a_log_age_column_does_not_override_profiles_or_need_sex_twice(write_log, invoke, tmp_path):
    """A log that carries only an `age` column (say, kept for `population --by age`) was read as a
    profile source on its own: every subject failed "missing --sex" although --profiles or --sex gave it."""
    log = write_log(
        "subject,date,food,amount,unit,age\nann,2026-11-02,banana,1,medium,54\nbob,2026-11-02,banana,1,medium,30\n"
    )
    profiles = tmp_path / "p.csv"
    profiles.write_text("subject,sex,age\nann,F,54\nbob,M,30\n")
    by_file = invoke("summary", log, "--profiles", profiles, "-f", "json")
    assert by_file.exit_code == 0, by_file.stderr
    assert {row["subject"]: row["rda_mg"] for row in json.loads(by_file.stdout)["subjects"]} == {"ann": 320, "bob": 400}
    # --sex/--age fill what the log leaves out; the log's own age comes first, and the override is said
    by_options = invoke("summary", log, "--sex", "M", "--age", "40", "-f", "json")
    assert by_options.exit_code == 0, by_options.stderr
    assert {row["subject"]: row["rda_mg"] for row in json.loads(by_options.stdout)["subjects"]} == {
        "ann": 420,
        "bob": 400,
    }
    assert "2 subject(s) profiled by the log's sex/age columns rather than --sex/--age" in by_options.stderr
    alone = invoke(
        "summary", log
    )  # nothing gives a sex: each subject named with its row, exit 2 as with no profile (s27)
    assert alone.exit_code == 2 and "row 1: subject ann: missing --sex" in alone.stderr


def test_sex_or_age_given_alone_completes_the_log_s_own_age_or_sex_column(write_log, invoke):
    """'--sex F' alone with a log carrying an age column (and no sex column) was a usage error "missing
    --age", and '--age' alone with a log's sex column "missing --sex": each now takes the other from the log.
    Without the column the usage error stays."""
    aged = write_log(
        "subject,date,food,amount,unit,age\nann,2026-11-02,banana,1,medium,54\nbea,2026-11-02,banana,1,medium,25\n"
    )
    result = invoke("summary", aged, "--sex", "F", "-f", "json")
    assert result.exit_code == 0, result.stderr  # women 19-30 y: RDA 310 mg; 31-70 y: 320 mg
    rows = {row["subject"]: row["rda_mg"] for row in json.loads(result.stdout)["subjects"]}
    assert rows == {"ann": 320, "bea": 310}
    sexed = write_log(
        "subject,date,food,amount,unit,sex\nann,2026-11-02,banana,1,medium,F\nbob,2026-11-02,banana,1,medium,M\n"
    )
    result = invoke("summary", sexed, "--age", "54", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = {row["subject"]: row["rda_mg"] for row in json.loads(result.stdout)["subjects"]}
    assert rows == {"ann": 320, "bob": 420}
    plain = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    alone = invoke("summary", plain, "--sex", "F")
    assert alone.exit_code == 2 and "missing --age" in alone.stderr
    assert mgcheck.assess_logs(str(aged), sex="F").subjects["rda_mg"].tolist() == [320, 310]


def test_sex_given_alone_names_and_can_skip_a_subject_the_log_gives_no_age(write_log, invoke):
    """'--sex F' with a log whose age column profiles ann but leaves bea blank was the usage error
    "missing --age", naming nobody, even with --skip-incomplete: as for any subject the log does not
    profile, bea is named, and skipped with a warning under --skip-incomplete."""
    log = write_log(
        "subject,date,food,amount,unit,age\nann,2026-11-02,banana,1,medium,54\nbea,2026-11-02,banana,1,medium,\n"
    )
    skipped = invoke("summary", log, "--sex", "F", "--skip-incomplete", "-f", "json")
    assert skipped.exit_code == 0, skipped.stderr
    assert [(row["subject"], row["rda_mg"]) for row in json.loads(skipped.stdout)["subjects"]] == [("ann", 320)]
    assert "skipped 1 subject(s) without a profile: bea" in skipped.stderr
    named = invoke("summary", log, "--sex", "F")
    assert named.exit_code == 2 and "no profile (sex, age) for subject(s) bea" in named.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--sex", "M", "--pregnant"), "pregnancy and lactation values apply to women; the profile says male"),
        (("--sex", "F", "--pregnant", "--lactating"), "pregnant and lactating were both given"),
    ],
)
def test_sex_given_alone_that_contradicts_pregnant_or_lactating_is_a_usage_error(write_log, invoke, options, message):
    """'--sex M --pregnant' with a log's age column was an error blaming the log's row 1 (exit 1); the options
    contradict each other whatever the log says, as with --age given too: a usage error (exit 2) naming no row."""
    aged = write_log("subject,date,food,amount,unit,age\nann,2026-11-02,banana,1,medium,54\n")
    result = invoke("summary", aged, *options)
    assert (result.exit_code, message in result.stderr, "row 1" in result.stderr) == (2, True, False)


def test_a_blank_sex_cell_in_a_log_is_filled_by_the_option(write_log, invoke):
    log = write_log(
        "subject,sex,age,date,food,amount,unit\nann,,54,2026-11-02,banana,1,medium\nbob,M,30,2026-11-02,banana,1,medium\n"
    )
    result = invoke("summary", log, "--sex", "F", "--age", "54", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert {row["subject"]: row["rda_mg"] for row in json.loads(result.stdout)["subjects"]} == {"ann": 320, "bob": 400}
    assert "1 subject(s) profiled by the log's sex/age columns" in result.stderr


def test_conflicting_profiles_in_a_log_are_an_error(write_log, invoke):
    log = write_log(
        "subject,sex,age,date,food,amount,unit\nann,F,54,2026-11-02,banana,1,medium\nann,F,55,2026-11-03,banana,1,medium\n"
    )
    result = invoke("report", log)
    assert result.exit_code == 1 and "subject ann has conflicting profiles" in result.stderr


def test_subject_without_profile_is_named_or_skipped(write_log, invoke, tmp_path):
    profiles = tmp_path / "p.csv"
    profiles.write_text("subject,sex,age\nann,F,54\n")
    log = write_log(TWO_SUBJECTS)
    result = invoke("summary", log, "--profiles", profiles)
    assert result.exit_code == 2 and "no profile (sex, age) for subject(s) bob" in result.stderr
    skipped = invoke("summary", log, "--profiles", profiles, "--skip-incomplete")
    assert skipped.exit_code == 0 and list(_summary_rows(skipped.stdout)) == ["ann"]
    assert "skipped 1 subject(s) without a profile: bob" in skipped.stderr


def _folder(path, files):
    """A folder holding these files (name: text)."""
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text)
    return path


def test_directory_and_glob_inputs(tmp_path, invoke):
    folder = _folder(
        tmp_path / "logs",
        {
            "a.csv": "date,food,amount,unit\n2026-11-02,banana,1,medium\n",
            "b.csv": "date,food,amount,unit\n2026-11-03,banana,2,medium\n",
            "notes.md": "not a log",
        },
    )
    one = ("--subject", "ann", "--sex", "F", "--age", "40", "-f", "json")  # both files are one person's
    by_dir = report_json(invoke("report", folder, *one))["subjects"][0]
    by_glob = report_json(invoke("report", str(folder / "*.csv"), *one))["subjects"][0]
    assert [d["food_mg"] for d in by_dir["days"]] == [31.9, 63.7] == [d["food_mg"] for d in by_glob["days"]]
    assert invoke("report", str(folder / "*.tsv"), "--sex", "F", "--age", "40").exit_code == 1


@pytest.mark.slow
def test_a_folder_of_logs_may_hold_the_profiles_and_foods_files(tmp_path, invoke):
    # `mgcheck summary clinic/ --profiles clinic/profiles.csv` read profiles.csv as a log and stopped
    # ("missing required column date, food, amount, unit"); so did a --foods or --recipes file there.
    folder = _folder(
        tmp_path / "clinic",
        {
            "ann.csv": "date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,granola,50,g\n",
            "profiles.csv": "subject,sex,age\nann,F,40\n",
            "foods.csv": "food_id,name,mg_per_100g,source\ng1,granola,120,label\n",
        },
    )
    result = invoke("summary", folder, "--profiles", folder / "profiles.csv", "--foods", folder / "foods.csv")
    assert result.exit_code == 0, result.stderr
    rows = _summary_rows(result.stdout)
    assert list(rows) == ["ann"] and rows["ann"]["mean_food_mg"] == "91.9"  # 31.9 (banana) + 60 (granola)
    assert f"{folder / 'profiles.csv'} is the --profiles file, not a log: skipped" in result.stderr
    assert f"{folder / 'foods.csv'} is the --foods file, not a log: skipped" in result.stderr
    # Named as a log on purpose, it is still read as one (and refused as one).
    named = invoke("summary", folder / "ann.csv", folder / "profiles.csv", "--profiles", folder / "profiles.csv")
    assert named.exit_code == 1 and "missing required column" in named.stderr


def test_summary_gives_the_ai_where_the_standard_sets_one(write_log, invoke):
    # With --standard efsa (or an infant under IOM) ear_mg, rda_mg and probability_adequate are blank:
    # a clinic's script saw no reference value at all. The AI and the probability of the AI test are given.
    log = write_log(TWO_SUBJECTS)
    profiles = "subject,sex,age,pregnant\nann,F,29,yes\nbob,M,0.75,\n"  # 9 months (0.5, six months, is 0-6 mo)
    path = write_log(profiles, "profiles.csv")
    efsa = _summary_rows(invoke("summary", log, "--profiles", path, "--standard", "efsa", "-q", "-f", "csv").stdout)
    assert (efsa["ann"]["ear_mg"], efsa["ann"]["ai_mg"]) == ("", "300")  # EFSA 2015: pregnancy, 300 mg
    assert efsa["ann"]["probability_above_ai"] == "0.0" and efsa["ann"]["probability_adequate"] == ""
    iom = _summary_rows(invoke("summary", log, "--profiles", path, "-q", "-f", "csv").stdout)
    assert (iom["ann"]["ear_mg"], iom["ann"]["ai_mg"], iom["ann"]["probability_above_ai"]) == ("290", "", "")
    assert (iom["bob"]["ear_mg"], iom["bob"]["ai_mg"]) == ("", "75")  # IOM 1997: infants 7-12 months, AI 75 mg
    data = json.loads(invoke("summary", log, "--profiles", path, "--standard", "efsa", "-q", "-f", "json").stdout)
    assert data["subjects"][0]["ai_mg"] == 300


def test_a_subject_profiled_under_another_case_is_named_in_the_error(write_log, invoke):
    # The log says P1, profiles.csv says p1: "no profile for subject(s) P1" left the clinic to find why.
    log = write_log("subject,date,food,amount,unit\nP1,2026-11-02,banana,1,medium\nP2,2026-11-02,banana,1,medium\n")
    profiles = write_log("subject,sex,age\np1,F,54\nP2,F,40\n", "profiles.csv")
    result = invoke("summary", log, "--profiles", profiles)
    assert result.exit_code == 2
    assert "no profile (sex, age) for subject(s) P1" in result.stderr
    assert "P1 is profiled only as 'p1': subject ids must match exactly" in result.stderr
    skipped = invoke("summary", log, "--profiles", profiles, "--skip-incomplete")
    assert list(_summary_rows(skipped.stdout)) == ["P2"]
    assert "P1 is profiled only as 'p1'" in skipped.stderr


def test_a_report_left_in_the_folder_of_logs_is_named_as_such(tmp_path, invoke):
    # Run twice, `summary clinic/ -o clinic/week.csv` refused the second time with "is one of the input
    # logs", though week.csv was the first run's report, found in the folder, not a log anyone named.
    folder = _folder(tmp_path / "clinic", {"ann.csv": "date,food,amount,unit\n2026-11-02,banana,1,medium\n"})
    args = ("summary", folder, "--sex", "F", "--age", "40", "-o", folder / "week.csv")
    assert invoke(*args).exit_code == 0
    again = invoke(*args)
    assert again.exit_code == 1 and not (folder / "week.csv").read_text().startswith("date")
    assert "is in the folder or pattern of logs given (a report written there before?)" in again.stderr
    assert "write the report outside it" in again.stderr
    named = invoke("summary", folder / "ann.csv", "--sex", "F", "--age", "40", "-o", folder / "ann.csv")
    assert "is one of the input files; mgcheck will not write over its own input" in named.stderr


@pytest.mark.slow
def test_check_exit_codes(study, invoke, write_log):
    log, profiles = study
    assert invoke("summary", log, "--profiles", profiles, "--check").exit_code == 3
    assert invoke("report", log, "--profiles", profiles, "--check", "-f", "json").exit_code == 3
    plenty = write_log("date,food,amount,unit\n" + "".join(f"2026-11-0{d},12016,3,oz\n" for d in range(1, 8)))
    assert invoke("summary", plenty, "--sex", "F", "--age", "40", "--check").exit_code == 0
    # An infant below the AI: failing the AI test is not inadequacy, so --check does not fire.
    infant = write_log("date,food,amount,unit\n2026-11-02,banana,10,g\n")
    assert invoke("summary", infant, "--sex", "F", "--age", "0.3", "--check").exit_code == 0


def test_streams_stdout_only_report_and_quiet(write_log, invoke):
    log = write_log("date,food,amount,unit,colour\n2026-11-02,banana,1,cup,yellow\n")
    result = invoke("summary", log, "--sex", "F", "--age", "40")
    assert "warning" not in result.stdout and "ignored column(s) colour" in result.stderr
    assert "has several measures" in result.stderr
    quiet = invoke("summary", log, "--sex", "F", "--age", "40", "--quiet")
    assert quiet.stderr == "" and quiet.stdout == result.stdout


def test_validate_reports_every_problem_and_exit_codes(write_log, invoke):
    good = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,zzqx,1,g\n")
    result = invoke("validate", good)
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 2 items in 1 file(s), 1 subject(s), 1 subject-day(s), 1 unmatched")
    assert "unknown food 'zzqx'" in result.stderr
    assert invoke("validate", good, "--strict").exit_code == 1
    bad = write_log(
        "date,food,amount,unit\n2026-11-02,banana,x,medium\n02/11/2026,banana,1,medium\n2026-11-02,banana,1,blorp\n"
        "2026-11-02,banana,9000,g\n"
    )
    result = invoke("validate", bad)
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(", row ")[1].split(":")[0] for line in lines] == ["1", "2", "3", "4"]


def test_template_is_a_valid_log(invoke, tmp_path):
    text = invoke("template").stdout
    path = tmp_path / "template.csv"
    path.write_text(text)
    assert invoke("validate", path).exit_code == 0
    data = report_json(invoke("report", path, "--sex", "F", "--age", "40", "-f", "json"))
    assert data["subjects"][0]["subject"] == "patient-001"


def test_items_csv_export(write_log, invoke):
    log = write_log(
        "date,food,amount,unit,kind\n2026-11-02,banana,1,medium,food\n2026-11-02,zzqx,1,g,food\n2026-11-02,magnesium citrate,100,mg,supplement\n"
    )
    rows = list(csv.DictReader(io.StringIO(invoke("report", log, "--sex", "F", "--age", "40", "-f", "csv").stdout)))
    assert [r["status"] for r in rows] == ["matched", "unmatched", "label"]
    assert (rows[0]["food_id"], rows[0]["grams"], rows[0]["mg"]) == ("09040", "118.0", "31.86")
    assert list(rows[0])[:5] == ["subject", "file", "row", "date", "food"]


def test_help_lists_every_command_with_help_text(invoke):
    text = invoke("--help").stdout
    for command in ("report", "summary", "validate", "template", "foods", "reference", "evidence"):
        assert command in text
    assert "--install-completion" in text


EXPORTS = __import__("pathlib").Path(__file__).parent / "data" / "exports"


def test_source_totals_only_with_recompute(invoke):
    # Regression: an export with a blank Mg cell once showed "--recompute" totals without the option.
    servings = EXPORTS / "cronometer_servings.csv"
    plain = report_json(invoke("report", servings, "--sex", "F", "--age", "40", "-f", "json"))["subjects"][0]
    assert "source_totals" not in plain
    both = report_json(invoke("report", servings, "--sex", "F", "--age", "40", "--recompute", "-f", "json"))
    subject = both["subjects"][0]
    stated = sum(
        float(row["Magnesium (mg)"])
        for row in csv.DictReader(servings.open(encoding="utf-8"))
        if row["Magnesium (mg)"].strip() and row["Group"].strip().lower() != "supplements"
    )
    n_days = subject["n_days"]
    assert subject["source_totals"]["mean_food_mg"] == pytest.approx(stated / n_days, abs=0.1)
    assert {item["status"] for item in subject["items"] if item["kind"] == "food"} <= {"matched"}


def test_input_format_option(invoke):
    items = EXPORTS / "asa24_Items.csv"
    assert invoke("summary", items, "--sex", "F", "--age", "40", "--input-format", "asa24").exit_code == 0
    wrong = invoke("summary", items, "--sex", "F", "--age", "40", "--input-format", "cronometer")
    assert wrong.exit_code == 1 and "Cronometer" in wrong.stderr


@pytest.mark.parametrize("layout", ["native", "asa24", "cronometer", "intake24", "nhanes"])
def test_every_template_is_recognised_and_valid(invoke, tmp_path, layout):
    path = tmp_path / f"{layout}.csv"
    path.write_text(invoke("template", "--format", layout).stdout)
    assert invoke("validate", path, "--input-format", layout, "-q").exit_code == 0
    assert invoke("validate", path, "-q").exit_code == 0  # auto-detected too


def test_profile_flags_without_sex_and_age_are_refused_not_dropped(study, invoke, write_log):
    """Regression: with --profiles, --pregnant and --condition were silently ignored."""
    log, profiles = study
    result = invoke("report", log, "--profiles", profiles, "--pregnant", "--condition", "kidney_disease")
    assert result.exit_code == 2 and "go with --sex and --age" in result.stderr
    with_columns = write_log("subject,sex,age,date,food,amount,unit\nann,F,30,2026-11-02,banana,1,medium\n")
    assert invoke("report", with_columns, "--lactating").exit_code == 2


def test_several_files_without_subject_are_several_people_with_a_warning(write_log, invoke):
    """Issue 13 part 5: files without a subject column are never merged into one person."""
    first = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    second = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    result = invoke("summary", first, second, "--sex", "F", "--age", "40")
    assert result.exit_code == 0
    assert "each is assessed as its own subject" in result.stderr and "--subject NAME" in result.stderr
    assert str(first) in result.stderr and str(second) in result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == [first.stem, second.stem]


def test_profile_columns_in_one_log_only(write_log, invoke):
    """Regression: a second log without sex/age columns made 'nan' a sex, blamed on the first file."""
    with_profile = write_log("subject,sex,age,date,food,amount,unit\nann,F,54,2026-11-02,banana,1,medium\n")
    without = write_log("subject,date,food,amount,unit\nbob,2026-11-02,banana,1,medium\n")
    data = report_json(invoke("report", with_profile, without, "--sex", "M", "--age", "40", "-f", "json"))
    assert {s["subject"]: (s["profile"]["sex"], s["profile"]["age"]) for s in data["subjects"]} == {
        "ann": ("female", 54),
        "bob": ("male", 40),
    }


def test_conflicting_profile_names_the_file_and_row_that_disagrees(write_log, invoke):
    first = write_log("subject,sex,age,date,food,amount,unit\nann,F,54,2026-11-02,banana,1,medium\n")
    second = write_log("subject,sex,age,date,food,amount,unit\nann,F,55,2026-11-03,banana,1,medium\n")
    result = invoke("report", first, second)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"mgcheck: error: {second}, row 1: subject ann has conflicting profiles")
