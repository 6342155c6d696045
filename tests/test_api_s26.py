"""Python API defects found by a contributor's trial of the library (session 26).

- A registered food table reusing a bundled id (`09040`, SR28's banana) crashed every command with a raw
  pandas InvalidIndexError or TypeError (CLI: "internal error", exit 70): the clash is now one
  MgcheckError naming both tables and the ids. A clinic's `--foods` clash still overrides, with a warning.
- `assess_logs(..., pregnant="no")` asked for a pregnancy reference (a string is true) and `pregnant=1` put
  `"pregnant": 1` in the JSON: every bool keyword of the API (`pregnant`, `lactating`, `strict`, `recompute`,
  `skip_incomplete`) now takes True or False only, as docs/python-api.md promises, and else raises TypeError.
- `ReadOptions(input_format="bogus")` raised the base MgcheckError when the logs were read (a problem of the
  logs, exit 1), so `except mgcheck.UsageProblem` missed it: it is a UsageProblem when the options are made,
  as a wrong `comma` is; a format's name that is not text is a TypeError.
- The API's errors spoke in CLI flags: `assess_logs(log, sex="F")` said "missing --age ... (e.g. --sex female
  --age 54)", and `population(df)` "missing --sex and --age", though population() has no such parameters.
  The caller now says how its options are named (`reference.OptionNames`): the API names its keywords and
  where else a profile comes from; the CLI's wording is unchanged.
- `search_foods("crumpet xyz")` (and `mgcheck foods search`) padded the one real candidate with unrelated
  foods scored -6 (pears, plums, mangos): a food scored 0 or below is no candidate and is left out; with
  none, the API gives [] and the CLI says in one line that no food matched.
- `standard="EFSA"` (and `--standard EFSA`) was refused: a standard's name is taken in any case and
  becomes the registry's own name (`efsa`), which the results carry.
- `template --format X` for an importer whose template file is missing said "standard output: cannot write
  the report (No such file or directory)", exit 1: it now says the importer has no template, naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import mgcheck
from mgcheck import tables
from mgcheck.tables.interface import FoodTable

LOG = pd.DataFrame({"date": ["2026-03-01"], "food": ["banana"], "amount": [1], "unit": ["medium"]})


class ClashTable(FoodTable):
    name = "clash"
    title = "Clash toy table"
    citation = "mgcheck test suite"
    ids_listed: tuple[str, ...] = ("09040", "toyc:1")

    def foods(self) -> pd.DataFrame:
        count = len(self.ids_listed)
        return pd.DataFrame(
            {"food_id": list(self.ids_listed), "name": ["Toy food"] * count, "mg_per_100g": [999.0] * count}
        )

    def measures(self) -> pd.DataFrame:
        return pd.DataFrame({"food_id": ["toyc:1"], "seq": [1], "amount": [1.0], "measure": ["piece"], "grams": [50.0]})


class TwiceTable(ClashTable):
    name = "twice"
    ids_listed = ("toyc:1", "toyc:2", "toyc:1")


@pytest.fixture
def registered() -> Iterator[list[str]]:
    names: list[str] = []
    yield names
    for name in names:
        tables.unregister(name)


def _register(table: FoodTable, names: list[str]) -> None:
    names.append(table.name)
    tables.register(table)


def test_a_table_reusing_a_bundled_id_is_one_clear_error(registered: list[str]) -> None:
    _register(ClashTable(), registered)
    expected = (
        "food id 09040 is in tables sr28 and clash: ids must be unique across tables; "
        "write table clash's ids with a prefix of its own (e.g. 'clash:09040')"
    )
    with pytest.raises(mgcheck.MgcheckError) as assessing:
        mgcheck.assess_logs(LOG, sex="F", age=40)
    assert str(assessing.value) == expected
    with pytest.raises(mgcheck.MgcheckError) as showing:
        mgcheck.show_food("09040")
    assert str(showing.value) == expected


def test_a_table_listing_an_id_twice_is_named(registered: list[str]) -> None:
    _register(TwiceTable(), registered)
    with pytest.raises(mgcheck.MgcheckError, match=r"^food id toyc:1 is in table twice more than once: ids must"):
        mgcheck.search_foods("banana")


def test_the_cli_says_the_clash_in_one_line_exit_1(registered: list[str], invoke) -> None:
    _register(ClashTable(), registered)
    result = invoke("report", "--example", "--sex", "F", "--age", "54")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "mgcheck: error: food id 09040 is in tables sr28 and clash: ids must be unique across tables; "
        "write table clash's ids with a prefix of its own (e.g. 'clash:09040')"
    ]


def test_after_the_clashing_table_goes_the_bundled_banana_is_back(registered: list[str]) -> None:
    _register(ClashTable(), registered)
    tables.unregister("clash")
    registered.clear()
    assert mgcheck.show_food("09040").mg_per_100g == 27.0


@pytest.mark.parametrize("keyword", ["pregnant", "lactating", "strict", "recompute", "skip_incomplete"])
@pytest.mark.parametrize("value", ["no", "yes", 1, 0, None])
def test_a_bool_keyword_takes_only_true_or_false(keyword: str, value: object) -> None:
    with pytest.raises(TypeError) as raised:
        mgcheck.assess_logs(LOG, sex="F", age=30, **{keyword: value})
    assert str(raised.value) == f"{keyword} is True or False, not {value!r}"


def test_validate_strict_takes_only_true_or_false() -> None:
    with pytest.raises(TypeError, match=r"^strict is True or False, not 'yes'$"):
        mgcheck.validate(LOG, strict="yes")  # type: ignore[arg-type]


def test_pregnant_true_finds_the_pregnancy_reference_and_is_true_in_the_json() -> None:
    import numpy as np

    for flag in (True, np.True_):
        subject = mgcheck.make_report(mgcheck.assess_logs(LOG, sex="F", age=30, pregnant=flag)).to_dict()["subjects"][0]
        assert subject["profile"]["pregnant"] is True
        assert (subject["reference"]["ear_mg"], subject["reference"]["rda_mg"]) == (290.0, 350.0)


def test_an_unknown_input_format_is_a_usage_problem_when_the_options_are_made() -> None:
    with pytest.raises(mgcheck.UsageProblem) as raised:
        mgcheck.ReadOptions(input_format="bogus")
    assert str(raised.value).startswith("unknown input format 'bogus'; use one of auto, ")
    assert "asa24" in str(raised.value)
    with pytest.raises(TypeError, match=r"^ReadOptions\(input_format=\.\.\.\) is a format's name, not a NoneType$"):
        mgcheck.ReadOptions(input_format=None)  # type: ignore[arg-type]
    assert mgcheck.ReadOptions(input_format="asa24").input_format == "asa24"


ASSESS_HINT = "give sex= and age=, e.g. sex='female', age=54, or sex and age columns in the log, or profiles="


@pytest.mark.parametrize(
    ("given", "missing"),
    [({"sex": "F"}, "age"), ({"age": 40}, "sex"), ({}, "sex and age"), ({"sex": "F", "age": " "}, "age")],
)
def test_assess_logs_names_its_own_missing_keywords(given: dict[str, object], missing: str) -> None:
    with pytest.raises(mgcheck.UsageProblem) as raised:
        mgcheck.assess_logs(LOG, **given)  # type: ignore[arg-type]
    assert str(raised.value) == f"missing {missing}: reference intakes depend on sex and age ({ASSESS_HINT})"


def test_population_points_to_where_its_profiles_come_from() -> None:
    with pytest.raises(mgcheck.UsageProblem) as raised:
        mgcheck.population(LOG)
    assert str(raised.value) == (
        "missing sex and age: reference intakes depend on sex and age (population() reads them from the logs' "
        "sex and age columns or profiles=; else pass it mgcheck.assess_logs(logs, sex=..., age=...))"
    )


def test_a_subject_left_without_a_profile_is_named_with_the_apis_remedies() -> None:
    logs = [LOG.assign(subject="ann", sex="F", age=40), LOG.assign(subject="bob")]
    with pytest.raises(mgcheck.UsageProblem) as assessing:
        mgcheck.assess_logs(logs)
    assert str(assessing.value) == (
        "no profile (sex, age) for subject(s) bob: give profiles=, profile columns in the log, sex= and age=, "
        "or skip_incomplete=True"
    )
    with pytest.raises(mgcheck.UsageProblem) as estimating:
        mgcheck.population(logs)
    assert str(estimating.value) == (
        "no profile (sex, age) for subject(s) bob: give profiles=, profile columns in the log, "
        "or an assessment from mgcheck.assess_logs(logs, sex=..., age=...)"
    )


def test_the_cli_keeps_its_flags_in_the_same_messages(write_log, invoke) -> None:
    log = write_log("date,food,amount,unit\n2026-03-01,banana,1,medium\n")
    result = invoke("report", log, "--sex", "F")
    assert result.exit_code == 2
    assert "missing --age: reference intakes depend on sex and age (e.g. --sex female --age 54)" in result.stderr
    both = write_log(
        "subject,sex,age,date,food,amount,unit\nann,F,40,2026-03-01,banana,1,medium\nbob,,,2026-03-01,banana,1,medium\n"
    )
    result = invoke("report", both)
    assert result.exit_code == 2
    assert (
        "no profile (sex, age) for subject(s) bob: give --profiles, profile columns in the log, --sex/--age, "
        "or --skip-incomplete" in result.stderr
    )


def test_search_leaves_out_foods_scored_zero_or_below() -> None:
    found = mgcheck.search_foods("crumpet xyz", limit=4)
    assert [(food.food_id, food.score) for food in found] == [("fndds:52101040", 64.0)]
    assert all(food.score > 0 for food in mgcheck.search_foods("qqqzzz xx", limit=10))
    assert mgcheck.search_foods("qqqzzz") == []


def test_foods_search_says_in_one_line_that_no_food_matched(invoke) -> None:
    result = invoke("foods", "search", "qqqzzz")
    assert result.exit_code == 1  # no hit exits 1, as grep (s27 trial 1 #16)
    # The line goes to stderr, nothing to stdout, as grep (session 27 review).
    assert result.stdout == ""
    assert result.stderr == "mgcheck: no food matched 'qqqzzz': try fewer or other words\n"
    listed = invoke("foods", "search", "crumpet xyz", "--json")
    assert [row["food_id"] for row in json.loads(listed.stdout)] == ["fndds:52101040"]


@pytest.mark.parametrize("spelt", ["EFSA", "Efsa", "efsa"])
def test_a_standard_is_named_in_any_case_and_kept_as_registered(spelt: str) -> None:
    assessment = mgcheck.assess_logs(LOG, sex="F", age=40, standard=spelt)
    assert assessment.standard == "efsa"
    assert assessment.references["DataFrame"].ai_mg == 300.0
    study = LOG.assign(subject="ann", sex="F", age=40)
    assert mgcheck.population(study, standard=spelt).standard == "efsa"
    with pytest.raises(mgcheck.UsageProblem, match=r"^standard 'NNR' is not one of iom, efsa$"):
        mgcheck.assess_logs(LOG, sex="F", age=40, standard="NNR")


def test_the_cli_takes_a_standard_in_any_case(invoke) -> None:
    result = invoke("reference", "--sex", "F", "--age", "40", "--standard", "EFSA", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["standard"] == "EFSA 2015"
    refused = invoke("reference", "--sex", "F", "--age", "40", "--standard", "NNR")
    assert refused.exit_code == 2 and "'NNR' is not one of 'iom', 'efsa'." in refused.stderr


def test_an_importer_whose_template_file_is_missing_says_so(tmp_path: Path, invoke) -> None:
    from test_plugins import ToyImporter

    from mgcheck import importers

    missing = tmp_path / "toydiary.template.csv"

    class Templated(ToyImporter):
        template = missing

    importers.register(Templated())
    try:
        result = invoke("template", "--format", "toydiary")
        with pytest.raises(mgcheck.MgcheckError) as raised:
            importers.template_path(Templated())
    finally:
        importers.unregister("toydiary")
    line = f"importer toydiary has no template: there is no file {missing}"
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"mgcheck: error: {line}\n"
    assert str(raised.value) == line
