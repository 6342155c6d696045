"""Plug-in points: every registered importer, renderer and standard is complete (pip-audit's exhaustiveness
test), and toy plug-ins registered from this file run through the CLI without touching any other file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from mgcheck import importers, render, standards, tables
from mgcheck.errors import Problem
from mgcheck.importers.interface import Importer
from mgcheck.importers.reading import normalise_header, read_table
from mgcheck.render.interface import (
    PopulationInput,
    PopulationRenderer,
    ReportInput,
    ReportRenderer,
    SummaryInput,
    SummaryRenderer,
)
from mgcheck.results import Report
from mgcheck.standards.interface import CsvStandard, ReferenceStandard
from mgcheck.tables.interface import FoodTable

# --- every registered importer is complete ---------------------------------------------------


@pytest.mark.parametrize("name", importers.importers())
def test_every_importer_has_a_label_a_header_and_a_template_it_recognises(name):
    importer = importers.get(name)
    assert isinstance(importer, Importer)
    assert importer.name == name and importer.label.strip() and importer.expected
    if importer.template is None:
        # Recognised only to be refused: its own header is recognised, and reading it is a problem.
        header = [normalise_header(column) for column in importer.expected]
        assert importer.recognise(header)
        log, problems = importer.to_log(pd.DataFrame(columns=list(importer.expected)), "x.csv", [])
        assert problems and log.empty
        return
    table, _ = read_table(str(importers.template_path(importer)))
    columns = [normalise_header(column) for column in table.columns]
    assert importer.recognise(columns)
    assert importers.detect(columns) == name  # detection order lets its own template reach it
    log, problems = importer.to_log(table, "template.csv", [])
    assert problems == [] and len(log) == len(table) > 0


def test_input_format_choices_are_the_registry():
    assert importers.formats() == ("auto", *importers.importers())
    assert "myfitnesspal" in importers.formats()  # once two hand-kept lists that disagreed


def test_an_unknown_input_format_is_a_usage_error_listing_the_registered_ones(invoke, write_log):
    result = invoke(
        "validate", write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n"), "--input-format", "excel"
    )
    assert result.exit_code == 2
    assert all(f"'{name}'" in result.stderr for name in importers.formats())


def test_template_offers_every_importer_with_a_template(invoke):
    for name, importer in importers.importers().items():
        result = invoke("template", "--format", name)
        if importer.template is None:
            assert result.exit_code == 2
        else:
            assert result.exit_code == 0 and result.stdout == importers.template_path(importer).read_text("utf-8")


# --- every registered report and summary renderer is complete ------------------------------


@pytest.fixture(scope="module")
def full_report() -> tuple[Report, pd.DataFrame, Any]:
    """A report with every section: foods, a supplement, a medicine, an unmatched item, serum and evidence."""
    from mgcheck.pipeline import Request, run
    from mgcheck.reference import make_profile
    from mgcheck.report import report
    from mgcheck.serum import parse_serum

    log = Path(__file__).parent / "data" / "plugin_full_report.csv"
    request = Request(sources=[str(log)], profile=make_profile("female", "54"))
    assessment = run(request)
    return report(assessment, parse_serum("0.68 mmol/L")), assessment.items, assessment


def test_the_full_report_fixture_has_every_section(full_report):
    subject = full_report[0].to_dict()["subjects"][0]
    assert subject["mean_supplement_mg"] > 0 and subject["mean_medicine_mg"] > 0
    assert subject["unmatched_items"] == 1 and subject["serum"]["grade"] == "low"
    assert subject["evidence"] and subject["top_sources"] and subject["days"]


def _figures(subject: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Each subject-level figure with the ways a renderer may write it."""
    mean = subject["mean_daily_mg"]
    return {
        "mean": (f"{mean:.1f}", f"{mean:.0f}"),
        "EAR": (str(subject["reference"]["ear_mg"]),),
        "RDA": (str(subject["reference"]["rda_mg"]),),
        "UL": (str(subject["upper_limit"]["ul_mg"]),),
        "probability": (
            f"{subject['adequacy']['probability_adequate']:.3f}",
            f"{subject['adequacy']['probability_adequate']:.0%}",
        ),
        "serum": (f"{subject['serum']['value']:g}",),
        "unmatched food": (subject["unmatched"][0]["food"],),
    }


# The item-level format: it shows every item, not subject figures (any other renderer must show them all).
ITEM_LEVEL = {"csv"}
# What a format leaves out by design, and why: a renderer not named here must show every figure.
LEAVES_OUT = {
    # One screen: the mean against the EAR/RDA, the conclusion with its probability, the number
    # of unmatched items; the full report has the UL figure, the serum reading and each unmatched food.
    "brief": ("UL", "serum", "unmatched food"),
}


@pytest.mark.parametrize("name", render.renderers())
@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_every_report_renderer_shows_every_subject_figure(name, audience, full_report, monkeypatch):
    monkeypatch.setattr("mgcheck.render.html.made_on", lambda: __import__("datetime").date(2026, 12, 3))
    from mgcheck.serum import parse_serum

    typed, _, assessment = full_report
    renderer = render.get(name)
    assert isinstance(renderer, ReportRenderer) and renderer.help.strip()
    text = renderer.render(ReportInput(assessment, parse_serum("0.68 mmol/L"), audience))
    subject = typed.to_dict()["subjects"][0]
    if name in ITEM_LEVEL:
        for item in subject["items"]:
            assert item["food"] in text
        return
    missing = [
        what
        for what, written in _figures(subject).items()
        if not any(form in text for form in written) and what not in LEAVES_OUT.get(name, ())
    ]
    if audience == "patient" and name in ("html", "pdf"):
        # The handout speaks to the patient: no probability, serum reading or unmatched list (the record has them).
        missing = [what for what in missing if what not in ("probability", "serum", "unmatched food")]
    assert missing == [], f"{name} ({audience}) does not show: {missing}"


@pytest.mark.parametrize("name", render.summary_renderers())
def test_every_summary_renderer_shows_every_subject_figure(name, full_report):
    from mgcheck.render.summary import summary_frame

    renderer = render.get_summary(name)
    assert isinstance(renderer, SummaryRenderer) and renderer.help.strip()
    frame = summary_frame(full_report[2])
    text = renderer.render(SummaryInput(frame, [], "A NOTE"))
    row = frame.iloc[0]
    figures = {
        "subject": (row["subject"], row["subject"].replace("_", "\\_")),  # as is, or Markdown-escaped
        "days": (str(row["n_days"]),),
        "mean": (f"{row['mean_total_mg']:.1f}", f"{row['mean_total_mg']:.0f}"),
        "EAR": (str(row["ear_mg"]),),
        "RDA": (str(row["rda_mg"]),),
        "probability": (f"{row['probability_adequate']:.3f}", f"{row['probability_adequate']:.0%}"),
    }
    assert [what for what, written in figures.items() if not any(form in text for form in written)] == []
    assert ("A NOTE" in text) == renderer.shows_note


@pytest.fixture(scope="module")
def population_result() -> Any:
    """Four people in one group, one with a medicine above the UL (as tests/test_population.py's hand case)."""
    from mgcheck.population import estimate

    days = pd.DataFrame({"subject": list("AABBCCD"), "food_mg": [220.0, 280.0, 320.0, 380.0, 270.0, 330.0, 400.0]})
    people = pd.DataFrame(
        {
            "subject": list("ABCD"),
            "group": "Females 51-70 y",
            "ear_mg": 300.0,
            "ai_mg": float("nan"),
            "ul_mg": 350.0,
            "supplement_mg": [0.0, 0.0, 0.0, 10.0],
            "medicine_mg": [0.0, 400.0, 0.0, 0.0],
        }
    )
    return estimate(days, people, fixed_lambda=1.0, min_repeaters=2, min_group_size=1)


@pytest.mark.parametrize("name", render.population_renderers())
def test_every_population_renderer_shows_every_group_figure(name, population_result):
    renderer = render.get_population(name)
    assert isinstance(renderer, PopulationRenderer) and renderer.help.strip()
    text = renderer.render(PopulationInput(population_result, ["A WARNING"]))
    group = population_result.groups[0]
    figures = {
        "group": (group.group,),
        "people": (str(group.n_subjects),),
        "EAR": ("300",),
        "mean": (f"{group.mean_mg:.0f}", f"{group.mean_mg:.1f}"),
        "below the EAR": (f"{group.prevalence_below_ear:.1%}", repr(group.prevalence_below_ear)),
        "above the UL": (f"{group.share_above_ul:.1%}", repr(group.share_above_ul)),
    }
    assert [what for what, written in figures.items() if not any(form in text for form in written)] == []
    # The method and its caveats are in the output, or the CLI says them on standard error.
    assert (population_result.method in " ".join(text.split())) == renderer.shows_notes


def test_population_format_choices_are_the_registry(invoke, write_log):
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    result = invoke("population", log, "--sex", "F", "--age", "40", "--format", "excel")
    assert result.exit_code == 2 and all(f"'{name}'" in result.stderr for name in render.population_renderers())


# --- every registered standard resolves a reference for every life stage it claims -------------


@pytest.mark.parametrize("name", standards.names())
def test_every_standard_resolves_every_life_stage_it_claims(name):
    from mgcheck.reference import Profile, lookup

    standard = standards.get(name)
    assert isinstance(standard, ReferenceStandard) and standard.label and standard.ul_scope
    rows = standard.rows()
    assert rows
    for table_row, record in rows:
        sexes = ("female", "male") if record["sex"] == "any" else (record["sex"],)
        low, high = float(record["age_min_years"]), float(record["age_max_years"])
        for sex in sexes:
            for age in (low, (low + high) / 2):
                pregnant, lactating = record["pregnant"] in (True, "true"), record["lactating"] in (True, "true")
                reference = lookup(Profile(sex, age, pregnant, lactating), name)
                assert (reference.table_row, reference.standard) == (table_row, standard.label), (record, age)


def test_standard_choices_are_the_registry(invoke):
    result = invoke("reference", "--sex", "F", "--age", "54", "--standard", "who")
    assert result.exit_code == 2 and all(f"'{name}'" in result.stderr for name in standards.names())


# --- toy plug-ins, registered from this test only ---------------------------------------------


class ToyImporter:
    """A diary app's export: `when, what, grams`."""

    name = "toydiary"
    label = "a Toy Diary export"
    expected = ("when", "what", "grams")
    template: Path | None = None

    def recognise(self, columns: list[str]) -> bool:
        return {"when", "what", "grams"} <= set(columns)

    def to_log(self, table: pd.DataFrame, name: str, warnings: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
        native = table.rename(columns={"when": "date", "what": "food", "grams": "amount"}).assign(unit="g")
        return importers.get("native").to_log(native, name, warnings)


class ToyRenderer(render.TextRenderer):
    name = "toyformat"
    help = "One line per subject."

    def render(self, report: ReportInput) -> str:
        return "".join(
            f"TOY {s['subject']}: {s['mean_daily_mg']} mg/day, {s['reference']['standard']}\n"
            for s in report.content["subjects"]
        )


class ToySummary(render.TextSummaryRenderer):
    name = "toysummary"
    help = "Subjects and means."

    def render(self, summary: SummaryInput) -> str:
        return "".join(f"{row.subject}={row.mean_total_mg}\n" for row in summary.frame.itertuples())


class ToyPopulation(render.TextPopulationRenderer):
    name = "toypopulation"
    help = "Groups and their means."

    def render(self, population: PopulationInput) -> str:
        return "".join(f"{group.group}={group.n_subjects}\n" for group in population.result.groups)


class ToyTable(FoodTable):
    name = "toytable"
    title = "Toy composition table"
    citation = "mgcheck test suite"
    id_prefix = "toyt:"
    rank = 50

    def foods(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"food_id": ["toyt:1"], "name": ["Quorbix root, raw"], "mg_per_100g": [80.0], "table": ["toytable"]}
        )

    def measures(self) -> pd.DataFrame:
        return pd.DataFrame({"food_id": ["toyt:1"], "seq": [1], "amount": [1.0], "measure": ["root"], "grams": [50.0]})


@pytest.fixture
def toys(tmp_path):
    rows = tmp_path / "toy_reference.csv"
    rows.write_text(
        "standard,life_stage,sex,age_min_years,age_max_years,pregnant,lactating,ear_mg,rda_mg,ai_mg,ul_supplement_mg,source\n"
        "toy,Adults,any,18,130,false,false,200,250,,300,Toy 2026 test values\n",
        encoding="utf-8",
    )
    toy_standard = CsvStandard("toystd", "Toy 2026", "toy supplements only", "toy", rows)
    importers.register(ToyImporter())
    render.register(ToyRenderer())
    render.register_summary(ToySummary())
    render.register_population(ToyPopulation())
    standards.register(toy_standard)
    tables.register(ToyTable())
    try:
        yield
    finally:
        importers.unregister("toydiary")
        render.unregister("toyformat")
        render.unregister_summary("toysummary")
        render.unregister_population("toypopulation")
        standards.unregister("toystd")
        tables.unregister("toytable")


@pytest.mark.slow
def test_toy_plugins_run_through_the_cli(toys, invoke, write_log):
    log = write_log("when,what,grams\n2026-11-02,quorbix root,500\n2026-11-03,quorbix root,250\n")
    patient = ("--sex", "F", "--age", "40", "--standard", "toystd", "-q")
    result = invoke("report", log, *patient, "--format", "toyformat")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"TOY {log.stem}: 300.0 mg/day, Toy 2026\n"  # (400 + 200) / 2 days
    for input_format in ("auto", "toydiary"):
        figures = invoke("report", log, *patient, "--format", "json", "--input-format", input_format)
        subject = json.loads(figures.stdout)["subjects"][0]
        assert subject["reference"]["ear_mg"] == 200 and subject["upper_limit"]["applies_to"] == "toy supplements only"
        assert {item["food_id"] for item in subject["items"]} == {"toyt:1"}
    summary = invoke("summary", log, *patient, "--format", "toysummary")
    assert summary.exit_code == 0 and summary.stdout == f"{log.stem}=300.0\n"
    population = invoke("population", log, *patient, "--format", "toypopulation")
    assert population.exit_code == 0, population.stderr
    assert (
        population.stdout == "Adults=1\n"
    )  # the toy standard's one life stage; registered after the CLI was imported, still accepted
    assert invoke("reference", "--sex", "M", "--age", "30", "--standard", "toystd", "--json").exit_code == 0


def test_a_plugin_registered_after_start_up_is_named_in_the_unknown_format_error(toys, invoke, write_log):
    """--help was printed before it was registered; the error for a wrong name lists it (README, Extending)."""
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    for command, name in (("report", "toyformat"), ("summary", "toysummary"), ("population", "toypopulation")):
        result = invoke(command, log, "--sex", "F", "--age", "40", "--format", "nope")
        assert result.exit_code == 2 and f"'{name}'" in result.stderr, (command, result.stderr)


@pytest.mark.slow
def test_help_lists_a_plugin_registered_before_the_cli_is_imported():
    """A wrapper script that registers its renderer, then runs the CLI, sees it in --help."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from mgcheck import render\n"
        "from mgcheck.render.formats.json import JsonRenderer\n"
        "class Clinic(JsonRenderer):\n"
        "    name = 'clinicjson'\n"
        "render.register(Clinic())\n"
        "from mgcheck.cli import main\n"
        "sys.argv = ['mgcheck', 'report', '--help']\n"
        "main()\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}
    )
    assert shown.returncode == 0, shown.stderr
    assert "<terminal|" in shown.stdout and "|clinicjson>" in shown.stdout  # after the built-ins


def test_after_the_toys_are_unregistered_they_are_unknown(invoke, write_log):
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n")
    for option, value in (("--format", "toyformat"), ("--standard", "toystd"), ("--input-format", "toydiary")):
        assert invoke("report", log, "--sex", "F", "--age", "40", option, value).exit_code == 2


def test_input_formats_are_named_without_importing_the_importers():
    """`mgcheck --help` lists --input-format choices; naming them must not import every importer (start-up time)."""
    import subprocess
    import sys

    code = (
        "import sys, mgcheck.importers as i; names = i.formats(); "
        "print(names == ('auto', *i.DETECTION_ORDER), 'mgcheck.importers.base' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]
    from mgcheck import importers

    assert importers.formats() == ("auto", *importers.importers())  # the same names once they are loaded


def test_template_formats_are_named_without_importing_the_importers():
    """`template --format` lists the built-ins with a layout file before any importer is imported;
    once they are loaded, their own `template` gives the same names."""
    import subprocess
    import sys

    code = "import sys, mgcheck.importers as i; print(*i.template_formats(), 'mgcheck.importers.base' in sys.modules)"
    before = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert before[-1] == "False"
    from mgcheck import importers

    loaded = tuple(name for name, importer in importers.importers().items() if importer.template is not None)
    assert tuple(before[:-1]) == loaded == importers.template_formats()
    assert "myfitnesspal" not in loaded and "native" in loaded


def test_registry_names_are_given_without_importing_the_built_ins():
    """`--help` lists each registry's names; before any plug-in is loaded they are the built-ins' module
    names, which must be the names the loaded built-ins give themselves (both in fresh processes)."""
    import subprocess
    import sys

    def run(listing: str) -> list[str]:
        code = (
            "import sys\n"
            "from mgcheck import render, standards\n"
            f"print({listing})\n"
            "print(sorted(m for m in sys.modules if '_formats.' in m or '.formats.' in m or"
            " m.startswith('mgcheck.standards.') and m != 'mgcheck.standards.interface'))\n"
        )
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(
            "\n"
        )

    names = "render.renderer_names, render.summary_renderer_names, render.population_renderer_names, standards.names"
    before, imported, _ = run(f"[list(names()) for names in ({names})]")
    assert imported == "[]"
    loaded = "render.renderers, render.summary_renderers, render.population_renderers, standards.all_standards"
    after, imported, _ = run(f"[list(found()) for found in ({loaded})]")
    assert before == after and imported != "[]"
    assert "'terminal'" in before and "'iom'" in before
