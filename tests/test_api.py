"""The public Python API: light import, documented, and the same checks and figures as the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import mgcheck
from mgcheck.cli import app
from mgcheck.errors import UsageProblem

GOLDEN_INPUTS = Path(__file__).parent / "golden" / "inputs"
EXPORTS = Path(__file__).parent / "data" / "exports"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout if result.exit_code == 0 else result.stderr


def test_import_mgcheck_loads_neither_pandas_nor_numpy() -> None:
    code = "import sys, mgcheck; print(sorted(m for m in ('pandas', 'numpy', 'mgcheck.results') if m in sys.modules))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"


def test_help_documents_every_public_name() -> None:
    code = "import pydoc, mgcheck; print(pydoc.render_doc(mgcheck, renderer=pydoc.plaintext))"
    text = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for name in mgcheck.__all__:
        assert name in text or name == "__version__", name
    assert "class Report(" in text and "assess_logs(logs" in text
    for name in mgcheck.__all__:
        assert getattr(mgcheck, name) is not None
        if callable(getattr(mgcheck, name)) and name != "LogSource":  # a type alias has no docstring
            assert getattr(mgcheck, name).__doc__, f"{name} has no docstring"


def test_api_functions_keep_their_names_after_the_modules_load() -> None:
    import mgcheck.assess
    import mgcheck.population
    import mgcheck.report

    assert callable(mgcheck.population) and mgcheck.population.__module__ == "mgcheck.population"
    assert mgcheck.assess_logs.__module__ == "mgcheck.api" and mgcheck.make_report.__module__ == "mgcheck.api"


def test_population_stays_the_function_when_its_module_loads_first() -> None:
    """`import mgcheck` loads its names lazily: the module `mgcheck.population`, imported before the name
    is used, must not take the place of the function `mgcheck.population`."""
    code = (
        "import sys, mgcheck.population, mgcheck.cli.summary, mgcheck\n"
        "print(callable(mgcheck.population), mgcheck.population.__module__, 'mgcheck.api' in sys.modules)\n"
        "print(mgcheck.assess_logs.__module__, mgcheck.Report.__module__)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["True", "mgcheck.population", "False", "mgcheck.api", "mgcheck.results"]


def test_a_dataframe_gives_the_cli_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(GOLDEN_INPUTS)
    cli = _cli("report", "two_subjects.csv", "--profiles", "profiles.csv", "-f", "json")
    frame = pd.read_csv("two_subjects.csv")  # pandas' own dtypes: floats, NaN for blank cells
    assessment = mgcheck.assess_logs(frame, profiles="profiles.csv")
    content = mgcheck.make_report(assessment).to_dict()
    assert content == json.loads(cli.replace("two_subjects.csv", "DataFrame"))
    assert any("Cheese sandwich, NFS: a blank unit" in warning for warning in assessment.warnings)


def test_recompute_through_the_api_is_the_cli_report() -> None:
    path = str(EXPORTS / "asa24_Items.csv")
    cli = json.loads(_cli("report", path, "--sex", "M", "--age", "40", "--recompute", "-f", "json"))
    content = mgcheck.make_report(mgcheck.assess_logs(path, sex="M", age=40, recompute=True)).to_dict()
    assert content == cli
    assert "source_totals" in content["subjects"][0]  # the additive key is there only with recompute


BAD_LOG = """date,food,amount,unit,kind
2026-11-02,oatmeal,1,cup,food
02/11/2026,banana,a few,medium,food
2026-11-03,,1,cup,food
2026-11-03,spinach,1,parsec,food
2026-11-04,magnesium citrate,100,,supplement
,,,,
2026-11-05,banana,-1,medium,vitamin
"""


def test_a_dataframe_is_validated_as_the_cli_validates_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.csv").write_text(BAD_LOG, encoding="utf-8")
    cli_lines = [line.removeprefix("mgcheck: error: ") for line in _cli("validate", "bad.csv").splitlines()]
    frame = pd.read_csv("bad.csv", dtype=str, keep_default_na=False)
    problems = [str(problem).replace("DataFrame", "bad.csv") for problem in mgcheck.validate(frame).problems]
    # The same problems, each option named as its caller names it (the API's ReadOptions, the CLI's flag).
    problems = [problem.replace("ReadOptions(date_format=...)", "--date-format") for problem in problems]
    assert problems == [line for line in cli_lines if ", row " in line or line.startswith("bad.csv")]
    assert len(problems) >= 5
    assert {problem.row for problem in mgcheck.validate(frame).problems} >= {2, 3, 4, 7}
    with pytest.raises(mgcheck.MgcheckError) as raised:
        mgcheck.read_logs(frame)
    assert {problem.file for problem in raised.value.problems} == {"DataFrame"}


def test_dataframe_cells_read_as_a_file_would_hold_them() -> None:
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-02", "2026-11-03"]),
            "food": ["oatmeal", "banana"],
            "amount": [1.0, "1 medium"],
            "unit": ["cup", float("nan")],
            "notes": [None, pd.NA],
        }
    )
    log = mgcheck.read_logs(frame).items
    assert list(log["date"].astype(str)) == ["2026-11-02", "2026-11-03"]
    assert list(log["row"]) == [1, 2]
    assert list(log["amount"].astype(float)) == [1.0, 1.0]
    assert list(log["unit"].astype(str)) == ["cup", "medium"]
    assert set(log["subject"].astype(str)) == {"DataFrame"}


def test_several_dataframes_are_several_subjects_unless_named() -> None:
    day = pd.DataFrame({"date": ["2026-11-02"], "food": ["oatmeal"], "amount": [1], "unit": ["cup"]})
    apart = mgcheck.assess_logs([day, day.assign(date="2026-11-03")], sex="F", age=54)
    assert list(apart.subjects["subject"]) == ["DataFrame 1", "DataFrame 2"]
    together = mgcheck.assess_logs(
        [day, day.assign(date="2026-11-03")], sex="F", age=54, reading=mgcheck.ReadOptions(subject="ann")
    )
    assert list(together.subjects["subject"]) == ["ann"] and int(together.subjects["n_days"].iloc[0]) == 2


def test_profile_options_are_checked_as_the_cli_checks_them() -> None:
    day = pd.DataFrame({"date": ["2026-11-02"], "food": ["oatmeal"], "amount": [1], "unit": ["cup"]})
    with pytest.raises(UsageProblem, match="missing sex: "):
        mgcheck.assess_logs(day, age=54)
    with pytest.raises(UsageProblem, match="pregnant"):
        mgcheck.assess_logs(day, pregnant=True)
    with pytest.raises(UsageProblem, match="condition"):
        mgcheck.assess_logs(day, sex="F", age=54, conditions=["scurvy"])
    with pytest.raises(UsageProblem):
        mgcheck.assess_logs([])


def test_the_check_rule_gives_the_cli_exit_code(tmp_path: Path) -> None:
    log = tmp_path / "low.csv"
    log.write_text("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-03,banana,1,medium\n", encoding="utf-8")
    assessment = mgcheck.assess_logs(str(log), sex="F", age=54)
    failures = mgcheck.check_failures(assessment)
    assert [(failure.subject, failure.reason.value) for failure in failures] == [("low", "judged_inadequate")]
    assert CliRunner().invoke(app, ["summary", str(log), "--sex", "F", "--age", "54", "--check"]).exit_code == 3


def test_population_summary_and_food_lookup() -> None:
    assessment = mgcheck.assess_logs(str(EXPORTS / "intake24.csv"), sex="F", age=40)
    summary = mgcheck.summary(assessment)
    assert list(summary.columns[:3]) == ["subject", "n_days", "mean_food_mg"]
    assert len(summary) == assessment.subjects.shape[0] >= 2
    result = mgcheck.population(assessment)
    assert result.groups and result.groups[-1].n_subjects == len(summary)
    found = mgcheck.search_foods("banana", limit=3)
    assert found[0].food_id == "09040" and len(found) == 3
    assert mgcheck.show_food("9040").name == "Bananas, raw"


def test_food_lookup_to_dict_is_the_cli_json() -> None:
    cli_search = json.loads(_cli("foods", "search", "black beans", "--json"))
    assert [food.to_dict() for food in mgcheck.search_foods("black beans")] == cli_search
    cli_show = json.loads(_cli("foods", "show", "16015", "--json"))
    food = mgcheck.show_food("16015")
    assert food.to_dict() == cli_show
    assert food.measures[0].grams == cli_show["measures"][0]["grams"] and "cup" in food.units


def test_every_result_field_has_its_docstring() -> None:
    """Each field of each result dataclass is followed by its docstring (pip-audit style)."""
    import ast
    import dataclasses as dc

    import mgcheck.results as results
    from mgcheck.api import FoodSources, Log, ReadOptions

    modules = {Path(results.__file__): results, Path(mgcheck.api.__file__): mgcheck.api}
    checked = 0
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            body = node.body
            for position, statement in enumerate(body):
                if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                    following = body[position + 1] if position + 1 < len(body) else None
                    documented = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                    assert documented, f"{node.name}.{statement.target.id} has no docstring"
                    checked += 1
    classes = [c for c in vars(results).values() if isinstance(c, type) and dc.is_dataclass(c)]
    classes += [FoodSources, Log, ReadOptions]
    assert checked == sum(len(dc.fields(c)) for c in classes) > 100
    for cls in classes:
        assert cls.__dataclass_params__.frozen, cls.__name__  # type: ignore[attr-defined]


def test_profiles_take_a_path_or_a_dataframe_and_refuse_others_in_one_clear_line(tmp_path: Path) -> None:
    # A researcher's profiles DataFrame failed deep inside with pandas' "The truth value of a
    # DataFrame is ambiguous"; it is now read as the file would be (session 26).
    log = pd.DataFrame(
        {"subject": ["ann"], "date": ["2026-11-02"], "food": ["banana"], "amount": [1], "unit": ["medium"]}
    )
    table = pd.DataFrame({"subject": ["ann"], "sex": ["F"], "age": [54]})
    assert mgcheck.summary(mgcheck.assess_logs(log, profiles=table))["ear_mg"].tolist() == [265]
    with pytest.raises(TypeError, match=r"profiles is the path of a CSV file .* not a list"):
        mgcheck.assess_logs(log, profiles=[table])  # type: ignore[arg-type]
    path = tmp_path / "profiles.csv"
    table.to_csv(path, index=False)
    assert mgcheck.summary(mgcheck.assess_logs(log, profiles=path))["ear_mg"].tolist() == [265]


@pytest.mark.parametrize("given", ["series", "dict", "list of series"])
def test_a_series_or_dict_is_a_type_error_not_file_names(given):
    """Session 16 tester: `assess_logs(df["food"], ...)` iterated the Series as file names and raised
    'almonds: no such file / banana: no such file', echoing patient foods as file errors."""
    import pandas as pd

    frame = pd.DataFrame({"date": ["2026-11-02"], "food": ["banana"], "amount": ["1"], "unit": ["medium"]})
    logs = {"series": frame["food"], "dict": frame.to_dict(), "list of series": [frame["food"]]}[given]
    with pytest.raises(TypeError, match=r"not a (Series|dict)") as caught:
        mgcheck.assess_logs(logs, sex="female", age=54)
    assert "banana" not in str(caught.value)


def test_every_public_result_turns_into_plain_data_by_one_name() -> None:
    """Session 18's note: PopulationResult and Profile had `as_dict()` while the other results had
    `to_dict()`; a researcher had to remember which. Every public class with a dict form names it `to_dict`."""
    with_dict = []
    for name in mgcheck.__all__:
        value = getattr(mgcheck, name)
        if isinstance(value, type):
            assert not hasattr(value, "as_dict"), name
            if hasattr(value, "to_dict"):
                with_dict.append(name)
    assert {"PopulationResult", "Profile", "Report", "SubjectResult", "Day", "Item", "Food"} <= set(with_dict)
    result = mgcheck.population(mgcheck.assess_logs(str(EXPORTS / "intake24.csv"), sex="F", age=40))
    document = result.to_dict()
    assert document["schema"].startswith("mgcheck.population/") and document["groups"][-1]["n_subjects"] >= 2
    assert mgcheck.Profile(sex="F", age=54.0).to_dict() == {
        "sex": "F",
        "age": 54,
        "pregnant": False,
        "lactating": False,
    }
