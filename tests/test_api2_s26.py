"""Python API and CLI defects found by a contributor's trial (session 26, second round).

- The API still spoke in CLI flags where `reference.OptionNames` did not reach: `ReadOptions(date_format="%Q")`
  said `--date-format`, an unused column map warned `--column-map: ...`, a row's date hint said "give
  --date-format", `population(bootstrap=-1)` said `--bootstrap` (and raised the base MgcheckError, not a
  UsageProblem), `by=` and `weights=` problems named `--by`, `--weights` and `--profiles`, a blank sex cell
  of the log's own columns gave "missing --sex ... (e.g. --sex female --age 54)", and the warning that the
  log's columns came first said "rather than --sex/--age". The API now names its own parameters; the CLI's
  wording is unchanged.
- `-o week.xlsx` (or `summary -o rows.tsv`), a suffix no format claims, wrote the boxed terminal report (or CSV)
  into the file, exit 0: it is a usage error naming the formats and their suffixes, before the logs are read.
  `.txt`, no suffix or a suffix of digits still get the plain output, as the README documents; a registered
  renderer is chosen by its own name as suffix (`.tsv` for `tsv`).
- `profiles=` refused a DataFrame (a researcher had to write a CSV first): a DataFrame of the profiles file's
  columns is read as that file is, with the same checks and messages, its rows named `profiles DataFrame, row N`;
  `population(..., profiles=frame, by=...)` reads a column of it too.
- `--format JSON`, `--input-format ASA24` (and `ReadOptions(input_format="ASA24")`, `render.get("JSON")`) were
  refused, only lower case was taken: a format is named in any case and becomes the registry's own name, as a
  standard's is.
- For a file of unknown layout the missing-column hint mapped its first column, a subject id, to date
  (`--column-map 'Respondent Code=date'`): it now maps a column whose header words (`Eaten On`, `Portion`) or
  cells (dates, numbers) plausibly hold a missing column, else gives the placeholder `COLUMN` beside the
  file's real columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import mgcheck

LOG = pd.DataFrame({"date": ["2026-03-01"], "food": ["banana"], "amount": [1], "unit": ["medium"]})
STUDY = LOG.assign(subject="ann", sex="F", age=40)
API_HINT = "give sex= and age=, e.g. sex='female', age=54, or sex and age columns in the log, or profiles="


def _raised(call: Any) -> tuple[type[BaseException], str]:
    try:
        call()
    except Exception as error:
        return type(error), str(error)
    raise AssertionError("no exception")


def test_read_options_name_date_format_as_the_api_writes_it() -> None:
    assert _raised(lambda: mgcheck.ReadOptions(date_format="%Q")) == (
        mgcheck.UsageProblem,
        "ReadOptions(date_format='%Q'): 'Q' is a bad directive in format '%Q'; give a strptime format such as %d/%m/%Y",
    )
    assert _raised(lambda: mgcheck.ReadOptions(date_format="dd/mm")) == (
        mgcheck.UsageProblem,
        "ReadOptions(date_format='dd/mm') has no strptime directive; give a strptime format such as %d/%m/%Y",
    )


def test_a_rows_date_hint_names_read_options() -> None:
    _kind, message = _raised(lambda: mgcheck.read_logs(LOG.assign(date="02/03/2026")))
    assert message == (
        "DataFrame, row 1: date '02/03/2026' is not YYYY-MM-DD; write dates as year-month-day "
        "(2026-11-02 is 2 November), or give ReadOptions(date_format=...) (e.g. %d/%m/%Y)"
    )
    reading = mgcheck.ReadOptions(date_format="%d/%m/%Y")
    _kind, message = _raised(lambda: mgcheck.read_logs(LOG.assign(date="2026.03.02"), reading=reading))
    assert message == "DataFrame, row 1: date '2026.03.02' does not match ReadOptions(date_format='%d/%m/%Y') " + (
        "(nor YYYY-MM-DD)"
    )


def test_an_unused_column_map_warns_with_the_apis_name() -> None:
    log = mgcheck.read_logs(LOG, reading=mgcheck.ReadOptions(column_map={"Nope": "food"}))
    assert log.warnings == ("ReadOptions(column_map=...): no file has a column 'Nope'",)


def test_population_names_bootstrap_by_and_weights_as_parameters() -> None:
    assert _raised(lambda: mgcheck.population(STUDY, bootstrap=-1)) == (
        mgcheck.UsageProblem,
        "bootstrap=-1: give 0 or more replicates",
    )
    assert _raised(lambda: mgcheck.population(STUDY, by="arm")) == (
        mgcheck.MgcheckError,
        "by='arm': no log column or profiles= column of that name",
    )
    assert _raised(lambda: mgcheck.population(STUDY, weights="WTDRD1")) == (
        mgcheck.MgcheckError,
        "weights='WTDRD1': no log column or profiles= column of that name "
        "(NHANES weights: WTDRD1, or WTDRD1PP for 2017-March 2020)",
    )
    two_arms = pd.concat([STUDY.assign(arm="a"), STUDY.assign(arm="b", date="2026-03-02")])
    assert _raised(lambda: mgcheck.population(two_arms, by="arm"))[1] == (
        "subject ann: by= column 'arm' has more than one value, 'a' and 'b' (in the log); "
        "it needs one value per subject"
    )


def test_a_blank_sex_cell_in_the_log_names_the_apis_parameters() -> None:
    _kind, message = _raised(lambda: mgcheck.assess_logs(STUDY.assign(sex="")))
    assert (
        message == f"DataFrame, row 1: subject ann: missing sex: reference intakes depend on sex and age ({API_HINT})"
    )


def test_the_log_columns_first_warning_names_the_apis_parameters() -> None:
    assessment = mgcheck.assess_logs(STUDY.assign(sex="M"), sex="F", age=40)
    assert (
        "1 subject(s) profiled by the log's sex/age columns rather than sex= and age= "
        "(the log's columns come first; sex= and age= fill only what the log leaves blank)"
    ) in assessment.warnings


def test_the_cli_keeps_its_flags(write_log: Any, invoke: Any, tmp_path: Path) -> None:
    log = write_log("subject,sex,age,date,food,amount,unit\nann,M,40,02/03/2026,banana,1,medium\n")
    result = invoke("summary", log, "--sex", "F", "--age", "40", "--date-format", "%Q")
    assert result.exit_code == 2
    assert "--date-format '%Q': 'Q' is a bad directive in format '%Q'" in result.stderr
    result = invoke("summary", log, "--sex", "F", "--age", "40")
    assert result.exit_code == 1
    assert "or give --date-format (e.g. %d/%m/%Y)" in result.stderr
    result = invoke(
        "summary", log, "--sex", "F", "--age", "40", "--date-format", "%d/%m/%Y", "--column-map", "Nope=food"
    )
    assert result.exit_code == 0, result.stderr
    assert "--column-map: no file has a column 'Nope'" in result.stderr
    assert "rather than --sex/--age (the log's columns come first; --sex/--age fill only" in result.stderr
    result = invoke("population", log, "--date-format", "%d/%m/%Y", "--by", "arm")
    assert result.exit_code == 1
    assert "--by arm: no log column or --profiles column of that name" in result.stderr
    blank = write_log("subject,sex,age,date,food,amount,unit\nann,,40,2026-03-01,banana,1,medium\n")
    result = invoke("summary", blank)
    assert "subject ann: missing --sex: reference intakes depend on sex and age (e.g. --sex female --age 54)" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("command", "name", "listed"),
    [
        (
            ("report", "--example"),
            "week.xlsx",
            ".json (json), .csv (csv), .md (markdown), .html (html), .pdf (pdf) or .txt (terminal text), "
            "or give --format (terminal, brief, csv, html, json, markdown, pdf)",
        ),
        (
            ("summary", "{log}", "--sex", "F", "--age", "54"),
            "rows.tsv",
            ".json (json), .csv (csv), .md (markdown) or .txt (CSV), or give --format (csv, json, markdown, table)",
        ),
        (
            ("population", "{log}", "--sex", "F", "--age", "54"),
            "study.html",
            ".json (json), .csv (csv), .md (markdown) or .txt (CSV), or give --format (csv, json, markdown, table)",
        ),
    ],
)
def test_an_output_suffix_no_format_writes_is_a_usage_error(
    command: tuple[str, ...], name: str, listed: str, invoke: Any, write_log: Any, tmp_path: Path
) -> None:
    log = write_log("date,food,amount,unit\n2026-03-01,banana,1,medium\n")
    target = tmp_path / name
    result = invoke(*[str(log) if part == "{log}" else part for part in command], "-q", "-o", target)
    suffix = target.suffix
    assert result.exit_code == 2
    assert result.stderr == (
        f"mgcheck: error: --output {name}: no format writes {suffix} files; end the file name in {listed}\n"
    )
    assert not target.exists()


def test_an_output_suffix_still_chooses_or_leaves_the_plain_output(invoke: Any, tmp_path: Path) -> None:
    text, dated, chosen = tmp_path / "week.txt", tmp_path / "week.2026-11", tmp_path / "week.xlsx"
    # Names, not formats (the second review): a log file, a mktemp name of letters, an initial.
    logged, temporary, initial = tmp_path / "report.log", tmp_path / "tmp.abcDEFghij", tmp_path / "Smith.J"
    for target in (text, dated, logged, temporary, initial):
        assert invoke("report", "--example", "-q", "-o", target).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith("╭───")
    assert invoke("report", "--example", "-q", "-f", "json", "-o", chosen).exit_code == 0
    assert chosen.read_text(encoding="utf-8").startswith("{")


def test_a_registered_renderer_is_chosen_by_its_own_name_as_suffix(invoke: Any, tmp_path: Path) -> None:
    from mgcheck import render
    from mgcheck.render.formats.json import JsonRenderer

    class Tabbed(JsonRenderer):
        name = "tsv"

    render.register(Tabbed())
    try:
        target = tmp_path / "week.tsv"
        result = invoke("report", "--example", "-q", "-o", target)
    finally:
        render.unregister("tsv")
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("{")


PROFILED_LOG = pd.DataFrame(
    {
        "subject": ["ann", "bob"],
        "date": ["2026-03-01"] * 2,
        "food": ["banana"] * 2,
        "amount": [1, 1],
        "unit": ["medium"] * 2,
    }
)
PROFILES = pd.DataFrame({"subject": ["ann", "bob"], "sex": ["F", "M"], "age": [54, 30], "arm": ["a", "b"]})


def test_profiles_may_be_a_dataframe_of_the_files_columns() -> None:
    summary = mgcheck.summary(mgcheck.assess_logs(PROFILED_LOG, profiles=PROFILES))
    assert summary[["subject", "ear_mg", "rda_mg"]].values.tolist() == [["ann", 265, 320], ["bob", 330, 400]]
    result = mgcheck.population(PROFILED_LOG, profiles=PROFILES, by="arm")
    assert sorted((group.group, group.n_subjects) for group in result.groups) == [
        ("Females 51-70 y", 1),
        ("Females 51-70 y | a", 1),
        ("Males 19-30 y", 1),
        ("Males 19-30 y | b", 1),
        ("all subjects", 2),
        ("arm = a", 1),
        ("arm = b", 1),
    ]


@pytest.mark.parametrize(
    ("profiles", "message"),
    [
        (
            PROFILES.assign(age=["x", 30]),
            "row 1: subject ann: age 'x' is not a number of years (decimals allowed: 0.5 is six months)",
        ),
        (PROFILES.drop(columns="age"), "missing column age; profiles need subject, sex, age"),
        (
            pd.concat([PROFILES, PROFILES.assign(age=[60, 30])]),
            "row 3: subject ann has conflicting profiles (sex, age or state differ between rows)",
        ),
    ],
)
def test_a_profiles_dataframe_is_checked_as_the_file_is(profiles: pd.DataFrame, message: str, tmp_path: Path) -> None:
    path = tmp_path / "profiles.csv"
    profiles.to_csv(path, index=False)
    from_file = _raised(lambda: mgcheck.assess_logs(PROFILED_LOG, profiles=path))
    from_frame = _raised(lambda: mgcheck.assess_logs(PROFILED_LOG, profiles=profiles))
    separator = ", " if message.startswith("row") else ": "
    assert from_file == (mgcheck.MgcheckError, f"{path}{separator}{message}")
    assert from_frame == (mgcheck.MgcheckError, f"profiles DataFrame{separator}{message}")


def test_a_format_is_named_in_any_case_in_the_api() -> None:
    from mgcheck import importers, render

    assert mgcheck.ReadOptions(input_format="ASA24").input_format == "asa24"
    assert mgcheck.ReadOptions(input_format="Auto").input_format == "auto"
    assert render.get("JSON").name == "json"
    assert render.get_summary("Csv").name == "csv"
    assert importers.get("NHANES").name == "nhanes"
    assert _raised(lambda: render.get("XLSX")) == (
        mgcheck.UsageProblem,
        "format 'XLSX' is not one of terminal, brief, csv, html, json, markdown, pdf",
    )


def test_the_cli_takes_a_format_in_any_case(invoke: Any, write_log: Any) -> None:
    import json

    report = invoke("report", "--example", "-q", "--format", "JSON")
    assert report.exit_code == 0, report.stderr
    assert json.loads(report.stdout)["schema"] == "mgcheck.report/1"
    log = write_log("date,food,amount,unit\n2026-03-01,banana,1,medium\n")
    summary = invoke("summary", log, "--sex", "F", "--age", "54", "-f", "Json", "--input-format", "NATIVE")
    assert summary.exit_code == 0, summary.stderr
    assert json.loads(summary.stdout)["schema"] == "mgcheck.summary/1"
    study = invoke("population", log, "--sex", "F", "--age", "54", "-f", "JSON")
    assert study.exit_code == 0, study.stderr
    assert json.loads(study.stdout)["schema"] == "mgcheck.population/1"
    template = invoke("template", "--format", "ASA24")
    assert template.exit_code == 0, template.stderr
    assert template.stdout == invoke("template", "--format", "asa24").stdout
    refused = invoke("report", "--example", "--format", "XLSX")
    assert refused.exit_code == 2 and "'XLSX' is not one of 'terminal', 'brief'," in refused.stderr


@pytest.mark.parametrize(
    ("content", "pair"),
    [
        ("Respondent Code,Eaten On,What,How Much,Mg (mg)\nR1,01.03.2026,banana,1 medium,31.9\n", "Eaten On=date"),
        ("Respondent Code,Logged,Notes\nR1,01.03.2026,x\n", "Logged=date"),
        ("Respondent Code,Logged\nR1,x\n", "COLUMN=date"),
    ],
)
def test_the_column_map_hint_maps_a_column_that_may_hold_the_missing_one(
    content: str, pair: str, write_log: Any, invoke: Any
) -> None:
    result = invoke("summary", write_log(content), "--sex", "F", "--age", "40")
    source, target = pair.split("=")
    assert result.exit_code == 1
    assert result.stderr.rstrip("\n").endswith(
        f"map a column of yours to it with --column-map '{pair}' "
        f"(Python: ReadOptions(column_map={{{source!r}: {target!r}}}))"
    )
    assert "Respondent Code=" not in result.stderr
