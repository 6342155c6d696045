"""Built-in plug-ins are found from their module files alone: a new importer, renderer or standard is one file."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mgcheck import importers
from mgcheck.importers.reading import normalise_header, read_table

# Each plug-in point: its package, the attribute a plug-in module assigns, how its names are listed and
# one is got, the command whose --help lists them, and its rule of order (first, last).
POINTS = {
    "importer": (
        "mgcheck.importers", "IMPORTER", "importers.formats()[1:]", "importers.get", ("validate", "--help"), "", "native"
    ),
    "report format": (
        "mgcheck.render.formats", "RENDERER", "render.renderer_names()", "render.get", ("report", "--help"),
        "terminal", "",
    ),
    "summary format": (
        "mgcheck.render.summary_formats", "RENDERER", "render.summary_renderer_names()", "render.get_summary",
        ("summary", "--help"), "", "",
    ),
    "population format": (
        "mgcheck.render.population_formats", "RENDERER", "render.population_renderer_names()",
        "render.get_population", ("population", "--help"), "", "",
    ),
    "standard": (
        "mgcheck.standards", "STANDARD", "standards.names()", "standards.get", ("reference", "--help"), "iom", "",
    ),
}  # fmt: skip

# A new plug-in of each kind, as a file of its own: nothing else names it.
TOYS = {
    "importer": (
        "toydiary",
        '''
        """A Toy Diary export: `when, what, grams`."""

        from mgcheck.importers import base
        from mgcheck.importers.interface import ModuleImporter


        def recognise(columns):
            return {"when", "what", "grams"} <= set(columns)


        def to_log(table, name, warnings):
            return base.empty_log(), []


        IMPORTER = ModuleImporter("toydiary", "a Toy Diary export", ("when", "what", "grams"), None, recognise, to_log)
        ''',
    ),
    "report format": (
        "toyformat",
        '''
        """One line per report."""

        from mgcheck.render.interface import TextRenderer


        class ToyRenderer(TextRenderer):
            name = "toyformat"
            help = "One line."

            def render(self, report):
                return "TOY\\n"


        RENDERER = ToyRenderer()
        ''',
    ),
    "summary format": (
        "toysummary",
        '''
        """One line per summary."""

        from mgcheck.render.interface import TextSummaryRenderer


        class ToySummary(TextSummaryRenderer):
            name = "toysummary"
            help = "One line."

            def render(self, summary):
                return "TOY\\n"


        RENDERER = ToySummary()
        ''',
    ),
    "population format": (
        "toypopulation",
        '''
        """One line per population."""

        from mgcheck.render.interface import TextPopulationRenderer


        class ToyPopulation(TextPopulationRenderer):
            name = "toypopulation"
            help = "One line."

            def render(self, population):
                return "TOY\\n"


        RENDERER = ToyPopulation()
        ''',
    ),
    "standard": (
        "toystd",
        '''
        """A toy standard with the IOM's values."""

        from mgcheck.standards.interface import CsvStandard

        STANDARD = CsvStandard(name="toystd", label="Toy 2026", ul_scope="toy supplements only", key="iom")
        ''',
    ),
}

# A helper module of the package: it assigns no plug-in attribute, so it is no plug-in.
HELPER = '''
"""Shared by the toy plug-ins."""

WORDS = ("when", "what")
'''


def _fresh(script: str) -> str:
    """Standard output of `script` run by a fresh interpreter (nothing registered, nothing loaded)."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, "COLUMNS": "250"}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("point", POINTS)
def test_a_module_file_dropped_into_the_package_is_found_with_no_other_file_edited(point, tmp_path):
    """The toy module and a helper are put in a directory of their own, added to the package's `__path__` in
    a fresh process (the repository is not written): the toy is listed without being imported, in --help
    too, and loads as the module's plug-in; the helper is not listed."""
    package, attribute, listing, getter, help_args, _, _ = POINTS[point]
    name, source = TOYS[point]
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    (tmp_path / "toyhelper.py").write_text(HELPER, encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import importlib, json, sys
        importlib.import_module({package!r}).__path__.append({str(tmp_path)!r})
        from mgcheck import importers, render, standards
        names = list({listing})
        unloaded = {package + "." + name!r} not in sys.modules
        found = {getter}({name.upper()!r})
        module = sys.modules[{package + "." + name!r}]
        print(json.dumps([names, unloaded, found is module.{attribute}, {package + ".toyhelper"!r} in sys.modules]))
        from mgcheck.cli import main
        sys.argv = ["mgcheck", *{help_args!r}]
        try:
            main()
        except SystemExit:
            pass
        """
    )
    first, help_text = _fresh(script).split("\n", 1)
    names, unloaded, loaded, helper_loaded = json.loads(first)
    assert name in names and "toyhelper" not in names
    assert unloaded and loaded and not helper_loaded
    assert f"|{name}|" in help_text or f"|{name}>" in help_text


def _defining(package: str, attribute: str) -> set[str]:
    """The modules of `package` that have `attribute` once imported: the plug-ins, found the slow way."""
    path = importlib.import_module(package).__path__
    return {
        info.name
        for info in pkgutil.iter_modules(path)
        if hasattr(importlib.import_module(f"{package}.{info.name}"), attribute)
    }


def test_each_registry_lists_exactly_the_modules_that_define_its_plug_in_in_the_stated_order():
    """No hand-kept list: a fresh process names every module that defines the plug-in and no other, in
    the documented order (the default first, the fallback last, the others alphabetically)."""
    listings = ", ".join(listing for _, _, listing, _, _, _, _ in POINTS.values())
    fresh = json.loads(
        _fresh(f"import json\nfrom mgcheck import importers, render, standards\nprint(json.dumps([{listings}]))")
    )
    for (package, attribute, _, _, _, first, last), names in zip(POINTS.values(), fresh, strict=True):
        modules = _defining(package, attribute)
        ends = {first, last}
        expected = [first] * (first in modules) + sorted(modules - ends) + [last] * (last in modules)
        assert names == expected, package
        assert len(modules) >= 2 and "interface" not in modules


MFP_EXPORT = (
    "Date,Meal,Calories,Fat (g),Saturated Fat,Polyunsaturated Fat,Monounsaturated Fat,Trans Fat,Cholesterol,"
    "Sodium (mg),Potassium,Carbohydrates (g),Fiber,Sugar,Protein (g),Vitamin A,Vitamin C,Calcium,Iron,Note"
)


def _headers() -> dict[str, list[str]]:
    """Every header an importer is known by: each importer's expected header and template, two real
    export headers of the tests, and every sample export the tests keep."""
    headers = {}
    for name, importer in importers.importers().items():
        headers[f"{name} expected"] = [normalise_header(column) for column in importer.expected]
        if importer.template is not None:
            table, _ = read_table(str(importers.template_path(importer)))
            headers[f"{name} template"] = [normalise_header(column) for column in table.columns]
    # A MyFitnessPal nutrition export's whole header (its importer's `expected` is only its first columns).
    headers["myfitnesspal export"] = [normalise_header(column) for column in MFP_EXPORT.split(",")]
    # Cronometer's daily summary, which shares `date` with MyFitnessPal (tests/test_importers.py).
    headers["cronometer daily summary"] = ["date", "energy_(kcal)", "magnesium_(mg)", "completed"]
    exports = Path(__file__).parent / "data" / "exports"
    for path in sorted(exports.glob("*.csv")) + sorted(exports.glob("*.xpt")):
        table, _ = read_table(str(path))
        headers[path.name] = [normalise_header(column) for column in table.columns]
    return headers


def test_no_header_is_recognised_by_two_importers_so_their_order_changes_no_detection():
    """Detection tries the importers alphabetically with the fallback last: safe only while no header
    is recognised by two of them (MyFitnessPal's is refused wherever it stands; once it was tried first)."""
    headers = _headers()
    assert {"myfitnesspal expected", "myfitnesspal export", "native template", "asa24_Items.csv"} <= set(headers)
    for label, header in headers.items():
        recognising = [name for name, importer in importers.importers().items() if importer.recognise(header)]
        assert len(recognising) == 1, (label, recognising)
        assert importers.detect(header) == recognising[0]
        assert label.split()[0] in (recognising[0], label)  # an importer's own header is its own
