"""The Python API takes every argument type its docs name; a wrong type or value is one clear line, never AttributeError."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import mgcheck
from mgcheck.cli import app
from mgcheck.errors import MgcheckError, UsageProblem

DAY = pd.DataFrame({"date": ["2026-11-02"], "food": ["clinic shake"], "amount": [200], "unit": ["g"]})


def _clinic_foods(tmp_path: Path, mg: str = "50") -> Path:
    path = tmp_path / "clinicfoods.csv"
    path.write_text(f'food_id,name,mg_per_100g\nb5,Clinic shake,"{mg}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["str", "Path", "FoodSources", "FoodSources of a Path"])
def test_foods_is_a_path_or_food_sources_everywhere(tmp_path: Path, kind: str) -> None:
    # The tester's foods="clinicfoods.csv" raised "'str' object has no attribute 'foods'", and
    # FoodSources given to show_food "'FoodSources' object has no attribute 'encode'".
    path = _clinic_foods(tmp_path)
    foods = {
        "str": str(path),
        "Path": path,
        "FoodSources": mgcheck.FoodSources(foods=str(path)),
        "FoodSources of a Path": mgcheck.FoodSources(foods=path),
    }[kind]
    assessment = mgcheck.assess_logs(DAY, sex="F", age=54, foods=foods)  # type: ignore[arg-type]
    assert mgcheck.summary(assessment)["mean_food_mg"].tolist() == [100.0]  # 200 g at 50 mg/100 g
    assert mgcheck.validate(DAY, foods=foods).problems == []  # type: ignore[arg-type]
    assert mgcheck.show_food("b5", foods=foods).mg_per_100g == 50.0  # type: ignore[arg-type]
    assert mgcheck.search_foods("clinic shake", limit=1, foods=foods)[0].food_id == "b5"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: mgcheck.assess_logs(DAY, sex="F", age=54, foods=3), "foods is the path of a foods CSV"),
        (lambda: mgcheck.show_food("9040", foods=["a.csv"]), "foods is the path of a foods CSV"),
        (lambda: mgcheck.FoodSources(book=1), r"FoodSources\(book=...\) is a file path"),
        (lambda: mgcheck.assess_logs(DAY, sex="F", age=54, conditions=5), "conditions is a condition's name"),
        (lambda: mgcheck.assess_logs(DAY, sex="F", age=54, reading="x.csv"), "reading is mgcheck.ReadOptions"),
        (lambda: mgcheck.ReadOptions(column_map=["a=b"]), r"column_map=\.\.\.\) is a mapping"),
        (lambda: mgcheck.population(DAY, profiles=1), "profiles is the path of a CSV file"),
        (lambda: mgcheck.make_report(mgcheck.assess_logs(DAY, sex="F", age=54), serum=[0.5]), "serum is a value"),
    ],
)
def test_a_wrong_type_is_a_one_line_type_error(call, message: str) -> None:
    with pytest.raises(TypeError, match=message) as raised:
        call()
    assert "\n" not in str(raised.value)


def test_population_takes_the_profiles_file_as_a_path(tmp_path: Path) -> None:
    # "'PosixPath' object has no attribute 'encode'" while assess_logs took a Path.
    study = pd.DataFrame(
        {
            "subject": ["ann", "ann"],
            "date": ["2026-11-02", "2026-11-03"],
            "food": ["banana", "banana"],
            "amount": [1, 1],
            "unit": ["medium", "medium"],
        }
    )
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nann,F,54\n", encoding="utf-8")
    by_path = mgcheck.population([study], profiles=profiles)
    by_text = mgcheck.population([study], profiles=str(profiles))
    assert by_path.to_dict() == by_text.to_dict()
    assert [(group.group, group.n_subjects) for group in by_path.groups] == [("Females 51-70 y", 1)]
    assert isinstance(by_path.groups[0], mgcheck.GroupResult)


def test_serum_as_a_number_reads_as_the_cli_reads_one_without_a_unit() -> None:
    assessment = mgcheck.assess_logs(DAY.assign(food="banana", amount=1, unit="medium"), sex="F", age=54)
    serum = mgcheck.make_report(assessment, serum=0.5).subjects[0].serum
    assert serum is not None and (serum.value, serum.unit, serum.mmol_l) == (0.5, "mmol/L", 0.5)
    assert (
        mgcheck.make_report(assessment, serum=0.5).to_dict() == mgcheck.make_report(assessment, serum="0.5").to_dict()
    )
    with pytest.raises(UsageProblem, match=r"'1\.4' has no unit"):
        mgcheck.make_report(assessment, serum=1.4)
    with pytest.raises(TypeError, match="serum is a value"):
        mgcheck.make_report(assessment, serum=True)  # type: ignore[arg-type]


def test_one_condition_as_text_is_one_condition() -> None:
    # "diabetes" was read letter by letter: "condition d, i, a, b, e, t, e, s is not one of ...".
    day = DAY.assign(food="banana", amount=1, unit="medium")
    assessment = mgcheck.assess_logs(day, sex="F", age=54, conditions="diabetes")
    assert assessment.profiles["DataFrame"].conditions == ("diabetes",)
    listed = mgcheck.assess_logs(day, sex="F", age=54, conditions=["diabetes", "ppi"])
    assert listed.profiles["DataFrame"].conditions == ("diabetes", "ppi")
    with pytest.raises(UsageProblem, match="condition scurvy is not one of"):
        mgcheck.assess_logs(day, sex="F", age=54, conditions="scurvy")


def test_read_options_refuse_an_unknown_comma_when_made() -> None:
    # ReadOptions(comma="x") was accepted, then read 1,000 as "not a number".
    with pytest.raises(UsageProblem, match=r"comma='x' is not one of 'ambiguous', 'decimal' or 'thousands'"):
        mgcheck.ReadOptions(comma="x")
    log = pd.DataFrame({"date": ["2026-11-02"], "food": ["banana"], "amount": ["1,000"], "unit": ["g"]})
    thousands = mgcheck.read_logs(log, mgcheck.ReadOptions(comma="thousands")).items
    assert thousands["amount"].tolist() == [1000.0]
    with pytest.raises(MgcheckError, match=r"--thousands-comma or --decimal-comma \(Python: comma='thousands'"):
        mgcheck.read_logs(log)


@pytest.mark.slow  # builds a food index of its own (2-5 s); run by CI
def test_foods_file_commas_through_the_api_and_foods_show(tmp_path: Path) -> None:
    # The error said "give --thousands-comma", which `foods show` did not have (exit 2).
    path = _clinic_foods(tmp_path, "1,200")
    with pytest.raises(MgcheckError, match=r"give --thousands-comma or --decimal-comma \(Python: comma="):
        mgcheck.show_food("b5", foods=path)
    assert mgcheck.show_food("b5", foods=path, comma="thousands").mg_per_100g == 1200.0
    assert mgcheck.search_foods("clinic shake", limit=1, foods=path, comma="decimal")[0].mg_per_100g == 1.2
    runner = CliRunner()
    shown = runner.invoke(app, ["foods", "show", "b5", "--foods", str(path), "--thousands-comma", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["mg_per_100g"] == 1200.0
    found = runner.invoke(app, ["foods", "search", "clinic shake", "--foods", str(path), "--decimal-comma", "--json"])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)[0]["mg_per_100g"] == 1.2
    both = runner.invoke(app, ["foods", "show", "b5", "--foods", str(path), "--decimal-comma", "--thousands-comma"])
    assert both.exit_code == 2 and "give one of --decimal-comma and --thousands-comma" in both.output


def test_check_failure_and_group_result_are_public() -> None:
    from mgcheck.check import CheckFailure
    from mgcheck.population import GroupResult

    assert {"CheckFailure", "GroupResult"} <= set(mgcheck.__all__)
    assert mgcheck.CheckFailure is CheckFailure and mgcheck.GroupResult is GroupResult
