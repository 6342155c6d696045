"""Golden files: the CLI's report, summary, population and validate output, byte for byte.

The files under tests/golden/ were written by the code of main before the typed API refactor
(issue 11), so any change to a JSON contract, the Markdown, the CSV or the text shows here.
To regenerate them after a deliberate change, run
`MGCHECK_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py` and say why in the commit.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgcheck.cli import app

GOLDEN = Path(__file__).parent / "golden"
EXPORTS = Path(__file__).parent / "data" / "exports"
EXAMPLE = Path(__file__).parent.parent / "mgcheck" / "data" / "example_week.csv"
REGENERATE = os.environ.get("MGCHECK_REGEN_GOLDEN") == "1"

EXAMPLE_ARGS = ["example_week.csv", "--sex", "F", "--age", "54"]
# ann: a supplement, milk of magnesia, an unmatched dish, PPI; bob: a child; cat: mostly unmatched (not judged).
TWO_ARGS = ["two_subjects.csv", "--profiles", "profiles.csv"]
INTAKE24_ARGS = ["intake24.csv", "--sex", "F", "--age", "40"]
ASA24_ARGS = ["asa24_Items.csv", "--sex", "M", "--age", "40"]

# golden file name -> CLI arguments (run in a folder holding copies of the inputs, so paths are relative)
CASES: dict[str, list[str]] = {
    "example.report.json": ["report", *EXAMPLE_ARGS, "--format", "json"],
    "example.report.md": ["report", *EXAMPLE_ARGS, "--format", "markdown"],
    "example.report.txt": ["report", *EXAMPLE_ARGS],
    "example.brief.txt": ["report", *EXAMPLE_ARGS, "--brief"],
    "example.items.csv": ["report", *EXAMPLE_ARGS, "--format", "csv"],
    "example.summary.json": ["summary", *EXAMPLE_ARGS, "--format", "json"],
    "example.summary.csv": ["summary", *EXAMPLE_ARGS, "--format", "csv"],
    # A serum value is one patient's (a report of two subjects refuses it): shown on the example week.
    "serum.report.json": ["report", *EXAMPLE_ARGS, "--serum-mg", "0.68 mmol/L", "--format", "json"],
    "serum.report.md": ["report", *EXAMPLE_ARGS, "--serum-mg", "0.68 mmol/L", "--format", "markdown"],
    "serum.report.txt": ["report", *EXAMPLE_ARGS, "--serum-mg", "0.68 mmol/L"],
    "two.report.json": ["report", *TWO_ARGS, "--format", "json"],
    "two.report.md": ["report", *TWO_ARGS, "--format", "markdown"],
    "two.report.txt": ["report", *TWO_ARGS],
    "two.items.csv": ["report", *TWO_ARGS, "--format", "csv"],
    "two.summary.json": ["summary", *TWO_ARGS, "--format", "json"],
    "two.summary.csv": ["summary", *TWO_ARGS, "--format", "csv"],
    "two.population.json": ["population", *TWO_ARGS, "--format", "json"],
    "two.validate.txt": ["validate", "two_subjects.csv"],
    "efsa.report.json": ["report", *TWO_ARGS, "--standard", "efsa", "--format", "json"],
    "intake24.report.json": ["report", *INTAKE24_ARGS, "--format", "json"],
    "intake24.summary.json": ["summary", *INTAKE24_ARGS, "--format", "json"],
    "intake24.summary.csv": ["summary", *INTAKE24_ARGS, "--format", "csv"],
    "intake24.population.json": ["population", *INTAKE24_ARGS, "--format", "json"],
    "asa24.report.json": ["report", *ASA24_ARGS, "--format", "json"],
    "asa24.report.md": ["report", *ASA24_ARGS, "--format", "markdown"],
}


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with every input under a short name."""
    for source in [EXAMPLE, EXPORTS / "intake24.csv", EXPORTS / "asa24_Items.csv", *(GOLDEN / "inputs").iterdir()]:
        shutil.copy(source, tmp_path / source.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(inputs: Path, name: str) -> None:
    result = CliRunner().invoke(app, CASES[name])
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if REGENERATE:
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"no golden file {name}: run with MGCHECK_REGEN_GOLDEN=1 to write it"
    assert result.stdout == golden.read_text(encoding="utf-8")
