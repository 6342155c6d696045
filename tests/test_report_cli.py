"""The `report` command end to end through the CLI: figures, JSON contract, exit codes, streams."""

from __future__ import annotations

import json

import pytest
from conftest import report_json

FIGURES_LOG = """date,food,amount,unit,kind
2026-11-02,banana,1,medium,food
2026-11-02,"Spinach, cooked, boiled, drained, without salt",1/2,cup,food
2026-11-02,16098,2,tbsp,food
2026-11-03,12016,1,oz,food
2026-11-03,09206,250,ml,food
2026-11-03,magnesium citrate,100,mg,supplement
"""


@pytest.fixture
def figures(write_log, invoke):
    path = write_log(FIGURES_LOG)
    return report_json(invoke("report", path, "--sex", "F", "--age", "54", "--format", "json"))


def _item(report, row):
    return next(i for i in report["subjects"][0]["items"] if i["row"] == row)


def test_issue_figures_equal_sr28_arithmetic(figures):
    banana, spinach, peanut_butter, pumpkin, juice = (_item(figures, row) for row in range(1, 6))
    assert (banana["food_id"], banana["grams"], banana["mg"]) == ("09040", 118.0, 31.9)
    assert (spinach["food_id"], spinach["grams"], spinach["mg"]) == ("11458", 90.0, 78.3)
    assert (peanut_butter["food_id"], peanut_butter["grams"], peanut_butter["mg"]) == ("16098", 32.0, 53.8)
    assert (pumpkin["food_id"], pumpkin["grams"], pumpkin["mg"]) == ("12016", 28.35, 155.9)
    # 250 ml through the juice's own cup: 248 g per 236.59 ml (SR28), 11 mg/100 g.
    assert juice["grams"] == pytest.approx(250 * 248 / 236.5882365, abs=0.01)
    assert juice["mg"] == pytest.approx(round(juice["grams"] * 0.11, 1), abs=0.05)
    assert "248 g" in juice["basis"]


def test_days_means_and_reference(figures):
    subject = figures["subjects"][0]
    assert subject["reference"] == {
        **subject["reference"],
        "standard": "IOM 1997",
        "ear_mg": 265,
        "rda_mg": 320,
        "ai_mg": None,
        "ul_supplement_mg": 350,
    }
    day1, day2 = subject["days"]
    assert day1["food_mg"] == pytest.approx(118 * 0.27 + 90 * 0.87 + 32 * 1.68, abs=0.05)
    assert day2["supplement_mg"] == 100.0
    assert day2["total_mg"] == pytest.approx(day2["food_mg"] + 100.0, abs=0.05)
    assert subject["n_days"] == 2
    assert subject["mean_daily_mg"] == pytest.approx((day1["total_mg"] + day2["total_mg"]) / 2, abs=0.06)
    assert subject["percent_rda"] == pytest.approx(subject["mean_daily_mg"] / 320 * 100, abs=0.1)
    assert subject["upper_limit"] == {
        **subject["upper_limit"],
        "ul_mg": 350,
        "mean_supplement_mg": 50.0,
        "exceeded": False,
    }


def test_json_contract_keys(figures):
    assert set(figures) == {"schema", "subjects", "warnings"}
    assert figures["schema"] == "mgcheck.report/1"
    subject = figures["subjects"][0]
    for key in (
        "subject",
        "profile",
        "reference",
        "days",
        "n_days",
        "mean_daily_mg",
        "percent_rda",
        "upper_limit",
        "items",
        "unmatched",
        "top_sources",
        "evidence",
        "adequacy",
    ):
        assert key in subject
    assert set(subject["profile"]) >= {"sex", "age", "pregnant", "lactating", "life_stage"}
    assert subject["profile"]["sex"] == "female" and subject["profile"]["age"] == 54
    item_keys = {
        "row",
        "file",
        "date",
        "food",
        "food_id",
        "food_name",
        "match_score",
        "amount",
        "unit",
        "grams",
        "mg",
        "kind",
    }
    assert all(item_keys <= set(item) for item in subject["items"])
    assert set(subject["top_sources"][0]) >= {"food_id", "food_name", "mg", "share"}
    assert subject["top_sources"][0]["food_id"] == "12016"  # pumpkin seeds, 155.9 mg
    assert all({"id", "citation", "doi", "finding"} <= set(e) for e in subject["evidence"])


def test_unmatched_item_is_listed_not_counted(write_log, invoke):
    path = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,grandmas secret stew xq,1,cup\n")
    subject = report_json(invoke("report", path, "--sex", "M", "--age", "40", "-f", "json"))["subjects"][0]
    assert subject["days"][0]["food_mg"] == 31.9
    (unmatched,) = subject["unmatched"]
    assert unmatched["row"] == 2 and unmatched["food"] == "grandmas secret stew xq"
    assert len(unmatched["suggestions"]) == 3 and unmatched["reason"]
    assert subject["unmatched_share"] == 0.5


def test_strict_makes_unmatched_an_error(write_log, invoke):
    path = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,grandmas secret stew xq,1,cup\n")
    result = invoke("report", path, "--sex", "M", "--age", "40", "--strict")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}, row 2: unknown food 'grandmas secret stew xq'" in result.stderr


@pytest.mark.parametrize("command", ["report", "summary"])
def test_strict_lists_an_unknown_food_with_the_rows_that_cannot_be_read(write_log, invoke, command):
    """A researcher's trial (session 24): with a bad amount, a bad date and a bad unit in the log,
    `--strict` listed those and left out the unknown food of row 4; it promises every problem at once."""
    path = write_log(
        "date,food,amount,unit\n2026-11-02,banana,a few,medium\n2026-11-31,almonds,1,oz\n"
        "2026-11-03,xyzzy stew,1,cup\n2026-11-03,brown rice,1,furlong\n"
    )
    result = invoke(command, path, "--sex", "F", "--age", "40", "--strict")
    assert result.exit_code == 1 and result.stdout == ""
    rows = [line.split(", row ")[1].split(":")[0] for line in result.stderr.splitlines() if ", row " in line]
    assert rows == ["1", "2", "3", "4"]
    assert f"{path}, row 3: unknown food 'xyzzy stew'" in result.stderr


def test_missing_sex_and_age_is_named(write_log, invoke):
    path = write_log(FIGURES_LOG)
    result = invoke("report", path)
    assert result.exit_code == 2
    assert "--sex and --age" in result.stderr
    result = invoke("report", path, "--sex", "F")
    assert result.exit_code == 2 and "missing --age" in result.stderr


def test_unknown_unit_lists_the_units_the_food_takes(write_log, invoke):
    path = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,banana,2,blorps\n")
    result = invoke("report", path, "--sex", "F", "--age", "30", "--strict")
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"mgcheck: error: {path}, row 2: Bananas, raw (09040): 'blorps' is not a unit")
    assert "medium" in line and "cup" in line and "g, kg, oz, lb" in line


def test_bad_rows_each_get_one_line_and_no_traceback(write_log, invoke):
    path = write_log(
        "date,food,amount,unit\n2026-11-02,banana,abc,medium\n02/11/2026,banana,1,medium\n2026-11-02,banana,-2,medium\n"
    )
    result = invoke("report", path, "--sex", "F", "--age", "30", "--strict")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(":")[1].strip() for line in lines] == ["error"] * 3
    assert any("row 1: amount 'abc' is not a number" in line for line in lines)
    assert any("row 2: date '02/11/2026'" in line and "--date-format" in line for line in lines)
    assert any("row 3: amount '-2' is negative" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_missing_file_exit_1(invoke, tmp_path):
    result = invoke("report", tmp_path / "nope.csv", "--sex", "F", "--age", "30")
    assert result.exit_code == 1
    assert result.stderr == f"mgcheck: error: {tmp_path / 'nope.csv'}: no such file\n"


def test_usage_error_exit_2(invoke, write_log):
    result = invoke("report", write_log(FIGURES_LOG), "--sex", "F", "--age", "30", "--format", "xml")
    assert result.exit_code == 2


def test_pregnancy_and_lactation_values_apply(write_log, invoke):
    path = write_log(FIGURES_LOG)
    pregnant = report_json(invoke("report", path, "--sex", "F", "--age", "25", "--pregnant", "-f", "json"))
    assert pregnant["subjects"][0]["reference"]["rda_mg"] == 350
    assert pregnant["subjects"][0]["reference"]["ear_mg"] == 290
    lactating = report_json(invoke("report", path, "--sex", "F", "--age", "17", "--lactating", "-f", "json"))
    assert lactating["subjects"][0]["reference"]["rda_mg"] == 360
    assert invoke("report", path, "--sex", "M", "--age", "25", "--pregnant").exit_code == 2


def test_stdin_and_several_files(write_log, invoke):
    first = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    second = "date,food,amount,unit\n2026-11-03,banana,2,medium\n"
    one = ("--subject", "ann", "--sex", "F", "--age", "30", "-f", "json")  # one person's two logs
    subject = report_json(invoke("report", first, "-", *one, input=second))["subjects"][0]
    assert [day["food_mg"] for day in subject["days"]] == [31.9, 63.7]
    assert {item["file"] for item in subject["items"]} == {str(first), "<stdin>"}


def test_output_file_is_written_atomically(write_log, invoke, tmp_path):
    path = write_log(FIGURES_LOG)
    target = tmp_path / "out.json"
    target.write_text("yesterday")
    result = invoke("report", path, "--sex", "F", "--age", "54", "-f", "json", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["schema"] == "mgcheck.report/1"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []
    # A failing run leaves the previous report as it was.
    bad = write_log("date,food,amount,unit\n2026-11-02,banana,x,medium\n")
    assert invoke("report", bad, "--sex", "F", "--age", "54", "-f", "json", "-o", target, "--strict").exit_code == 1
    assert json.loads(target.read_text())["schema"] == "mgcheck.report/1"


def test_refuses_to_overwrite_an_input(write_log, invoke):
    path = write_log(FIGURES_LOG)
    result = invoke("report", path, "--sex", "F", "--age", "54", "-o", path)
    assert result.exit_code == 1 and "input" in result.stderr
    assert path.read_text() == FIGURES_LOG


def test_terminal_report_has_no_colour_codes_when_piped(write_log, invoke):
    result = invoke("report", write_log(FIGURES_LOG), "--sex", "F", "--age", "54")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for expected in ("EAR 265 mg", "RDA 320 mg", "2026-11-02", "Bananas, raw (09040)", "doi:10.3945/ajcn.113.067488"):
        assert expected in result.stdout


@pytest.mark.slow
def test_custom_foods_override_with_warning(write_log, invoke, tmp_path):
    foods = tmp_path / "clinic.csv"
    foods.write_text(
        "food_id,name,mg_per_100g\n09040,Bananas from the clinic garden,50\nC001,Grandmas lentil soup,40\n"
    )
    path = write_log("date,food,amount,unit\n2026-11-02,09040,100,g\n2026-11-02,grandmas lentil soup,200,g\n")
    result = invoke("report", path, "--sex", "F", "--age", "30", "--foods", foods, "-f", "json")
    subject = report_json(result)["subjects"][0]
    assert [item["mg"] for item in subject["items"]] == [50.0, 80.0]
    assert "override the bundled table: 09040" in result.stderr


def test_debug_shows_traceback_and_default_does_not(write_log, invoke, monkeypatch):
    import mgcheck.pipeline

    def broken(request, **options):
        raise RuntimeError("patient Jane Doe row")

    monkeypatch.setattr(mgcheck.pipeline, "run", broken)
    path = write_log(FIGURES_LOG)
    result = invoke("report", path, "--sex", "F", "--age", "54")
    assert result.exit_code == 70
    assert "Jane Doe" not in result.stderr and "Traceback" not in result.stderr
    result = invoke("--debug", "report", path, "--sex", "F", "--age", "54")
    assert isinstance(result.exception, RuntimeError)


def test_patient_text_is_printed_as_written_not_as_markup(write_log, invoke):
    """Regression: Rich read '[bold]' and ':smile:' in patient-written text as markup and emoji."""
    log = write_log(
        "date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,[bold]mystery[/bold] stew :smile:,1,g\n"
    )
    text = invoke("report", log, "--sex", "F", "--age", "40").stdout
    assert "[bold]mystery[/bold]" in text and ":smile:" in text  # the table may wrap the cell
    assert "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}" not in text


def test_report_lists_row_and_unit_problems_together(write_log, invoke):
    """Regression: report stopped at row problems, and showed unit problems only on the next run."""
    log = write_log("date,food,amount,unit\n2026-11-02,banana,x,medium\n2026-11-02,banana,1,blorp\n")
    result = invoke("report", log, "--sex", "F", "--age", "40", "--strict")
    assert result.exit_code == 1
    assert [line.split(", row ")[1][:1] for line in result.stderr.splitlines()] == ["1", "2"]


def test_items_csv_carries_the_range_and_the_reason_json_gives(write_log, invoke):
    # The per-item CSV dropped what JSON, the terminal and Markdown show: an item's range over its
    # alternatives (sunflower seeds: dry roasted 36.6 or dried 92.1 mg per oz) and why an item is unmatched.
    import csv
    import io

    log = write_log("date,food,amount,unit\n2026-11-02,sunflower seeds,1,oz\n2026-11-02,spinach,2,\n")
    args = ("report", log, "--sex", "F", "--age", "60", "-q")
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "--format", "csv").stdout)))
    subject = report_json(invoke(*args, "--format", "json"))["subjects"][0]
    items, unmatched = subject["items"], subject["unmatched"]
    seeds, spinach = rows
    assert (seeds["mg"], seeds["mg_low"], seeds["mg_high"]) == ("36.57", "36.57", "92.14")
    assert (items[0]["mg_low"], items[0]["mg_high"]) == (36.6, 92.1)
    assert spinach["status"] == "unmatched" and spinach["mg_low"] == spinach["mg_high"] == ""
    assert spinach["reason"] == unmatched[0]["reason"] and seeds["reason"] == ""
    assert spinach["reason"].startswith("Spinach, raw (11457): a blank unit is not a unit this food can take")


@pytest.mark.parametrize("streamed", [False, True])
def test_subject_with_logs_that_name_their_subjects_says_it_selects_no_one(write_log, invoke, monkeypatch, streamed):
    """A script author's trial (session 24): `summary study.csv --subject ann` printed every subject with
    no word: --subject names the person of a file without a subject column, it is no filter."""
    from mgcheck import stream

    if streamed:
        monkeypatch.setattr(stream, "STREAM_ROWS", 1)
    path = write_log("subject,date,food,amount,unit\nann,2026-11-02,banana,1,medium\nbob,2026-11-02,almonds,1,oz\n")
    result = invoke("summary", path, "--sex", "F", "--age", "40", "--subject", "ann")
    assert result.exit_code == 0, result.stderr
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["ann", "bob"]
    expected = (
        f"--subject names the person of a log without a subject column; {path} name their own subjects, "
        "which are kept: it selects no subject"
    )
    assert expected in " ".join(result.stderr.split())


def test_a_profile_for_a_subject_no_log_has_is_named(write_log, invoke, tmp_path):
    """A researcher's trial (session 24): a --profiles row for 'zed' (a mistyped id) was dropped in silence."""
    log = write_log("subject,date,food,amount,unit\nann,2026-11-02,banana,1,medium\n")
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nann,F,40\nzed,M,50\n")
    result = invoke("summary", log, "--profiles", profiles)
    assert result.exit_code == 0, result.stderr
    message = f"{profiles}: 1 profile(s) for subjects not in the logs (an id mistyped in one of the files?)"
    assert message in " ".join(result.stderr.split())
    # Counted, never named: a clinic-wide profiles file would put other patients' ids in one patient's record.
    assert "zed" not in result.stderr
    clean = invoke("summary", log, "--profiles", profiles, "--quiet")
    assert clean.exit_code == 0 and "zed" not in clean.stderr
