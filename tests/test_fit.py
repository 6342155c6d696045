"""A report that fits: 80 columns on a terminal, COLUMNS or 100 in files and pipes, nothing cut off;
--brief on one screen; summary with essential columns first; reference tables within 100 columns."""

from __future__ import annotations

import re

import pytest
from conftest import report_json
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.cli import app
from mgcheck.render import brief, fit, terminal

LONG_WORD = "grandmas" + "x" * 130 + "stew"  # one 142-character word, unmatched
LONG_LOG = f"""subject,date,food,amount,unit,kind
us_man_68_fixed_with_a_very_long_subject_identifier,2026-11-02,oatmeal,1,cup,food
us_man_68_fixed_with_a_very_long_subject_identifier,2026-11-02,{LONG_WORD},1,cup,food
us_man_68_fixed_with_a_very_long_subject_identifier,2026-11-02,milk of magnesia,500,mg,medicine
"""
OATMEAL = (
    "Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and microwaving), "
    "without salt (08121), match score 100"
)


@pytest.fixture(scope="module")
def example() -> dict:
    from typer.testing import CliRunner

    return report_json(CliRunner().invoke(app, ["report", "--example", "--format", "json", "-q"]))


@pytest.fixture(scope="module")
def example_report():
    """The example week as typed results (what the renderers are given)."""
    from mgcheck import api

    return api.make_report(api.assess_logs(api.example_path(), sex="female", age=54))


def _invoke(*args: object, columns: str | None = "80"):
    from typer.testing import CliRunner

    env = {"COLUMNS": columns} if columns else {}
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def _flat(text: str) -> str:
    """The text with its line breaks and padding folded away: what a reader reads across wraps."""
    return re.sub(r"\s+", " ", text)


def test_renderer_at_80_columns_keeps_every_row_and_id(example, example_report):
    text = terminal.render_to_text(example_report, width=80)
    assert _widest(text) <= 80
    for item in example["subjects"][0]["items"]:
        assert re.search(rf"^ {{0,4}}{item['row']}  example_week\.csv: ", text, re.M), item["row"]
    assert OATMEAL in _flat(text)  # wrapped, not cut: the id and score survive
    assert "row 21 example_week.csv: grandma's lentil soup" in _flat(text)  # the unmatched row number leads
    assert "(16070)" in text


def test_cli_report_at_80_columns_on_a_long_log(write_log):
    path = write_log(LONG_LOG)
    result = _invoke("report", path, "--sex", "M", "--age", "68", "-q")
    assert result.exit_code == 0, result.stderr
    assert _widest(result.stdout) <= 80
    assert LONG_WORD in result.stdout.replace("\n", "").replace(" ", "")  # the long word is split, never cut
    assert "us_man_68_fixed_with_a_very_long_subject_identifier" in result.stdout
    assert OATMEAL in _flat(result.stdout)
    # The day row keeps its whole date and its bar (with the E and R marks) on one line.
    assert re.search(r"^ +2026-11-02 +\d+ .*█.*E.*R", result.stdout, re.M)


def test_output_file_uses_columns_or_100_and_never_cuts(tmp_path, monkeypatch):
    out = tmp_path / "report.txt"
    monkeypatch.delenv("COLUMNS", raising=False)
    result = _invoke("report", "--example", "-q", "-o", out, columns=None)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert 90 < _widest(text) <= fit.DEFAULT_WIDTH
    assert OATMEAL in _flat(text)
    assert "match score" in text and "match scor\n" not in text
    narrow = _invoke("report", "--example", "-q", columns="60")
    assert _widest(narrow.stdout) <= 60 and OATMEAL in _flat(narrow.stdout)


def test_brief_is_one_screen(example, example_report):
    result = _invoke("report", "--example", "--brief", "-q")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert _widest(text) <= 80 and len(text.splitlines()) <= 20
    flat = _flat(text)
    for key in (
        "Profile female, 54 y (Females 51-70 y)",
        "286 mg/day over 7 day(s) against IOM 1997 EAR 265, RDA 320 mg",
        "Verdict between the EAR and the RDA",
        "Top sources brown rice 138 mg (8%); oatmeal 126 mg (7%); black beans 120 mg (7%)",
        "To add 34 mg/day to the RDA: 1 cup black beans +120 mg",
        "Unmatched 1 item(s), not counted",
    ):
        assert key in flat, key
    assert example["subjects"][0]["adequacy"]["conclusion"] in flat
    assert brief.render(example_report, 40).count("\n") > text.count("\n")  # narrower wraps more, cuts nothing
    assert _widest(brief.render(example_report, 40)) <= 40


def test_brief_is_the_brief_format():
    assert (
        _invoke("report", "--example", "--format", "brief", "-q").stdout
        == _invoke("report", "--example", "--brief", "-q").stdout
    )


def test_brief_is_a_terminal_report_only():
    result = _invoke("report", "--example", "--brief", "--format", "json", "-q")
    assert result.exit_code == 2
    assert "--brief" in result.stderr


def test_summary_table_at_80_columns_moves_the_rest_below(write_log):
    path = write_log(LONG_LOG)
    result = _invoke("summary", path, "--sex", "M", "--age", "68", "--format", "table", "-q")
    assert result.exit_code == 0, result.stderr
    assert _widest(result.stdout) <= 80
    assert "More figures" in result.stdout
    header = next(line for line in result.stdout.splitlines() if "Subject" in line and "Conclusion" in line)
    for column in ("Days", "Intake", "% RDA", "UL"):
        assert column in header
    assert "Unmatched" in result.stdout and "P(adeq.)" in result.stdout  # whole headers, below
    assert "us_man_68" in result.stdout
    wide = _invoke("summary", path, "--sex", "M", "--age", "68", "--format", "table", "-q", columns="200")
    assert "More figures" not in wide.stdout and "P(adeq.)" in wide.stdout


@pytest.mark.parametrize("args", [("--all",), ("--all", "--standard", "efsa")], ids=["iom", "efsa"])
def test_reference_tables_fit_100_columns(args):
    wide = _invoke("reference", *args, columns="200")
    assert wide.exit_code == 0, wide.stderr
    assert _widest(wide.stdout) <= 100
    narrow = _invoke("reference", *args, columns="80")
    assert _widest(narrow.stdout) <= 80
    assert _flat(narrow.stdout).count("Source") == 1


def test_reference_table_values():
    text = _invoke("reference", "--all", columns="100").stdout
    row = next(line for line in text.splitlines() if line.startswith("Females 51-70 y"))
    assert row.split()[-4:] == ["265", "320", "-", "350"]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=300),
       st.integers(min_value=10, max_value=120))  # fmt: skip
def test_wrap_never_exceeds_the_width_nor_loses_text(text, width):
    lines = fit.wrap(text, width, indent="  ")
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_table_wraps_its_wide_column_only():
    lines = fit.table(["Name", "mg"], [["a " * 40, "12"], ["b", "3"]], width=30, right=(1,), wrap_column=0)
    assert all(len(line) <= 30 for line in lines)
    assert lines[2].endswith("12") and lines[-1] == "b" + " " * (len(lines[2]) - 3) + " 3"


@pytest.mark.parametrize("options", [["--salts"], ["--salts", "--products"], ["--all"]])
def test_reference_tables_fit_100_columns_and_keep_every_row(options: list[str]) -> None:
    """`reference --salts` was about 237 columns wide; every salt (and product) row keeps its name and source."""
    from typer.testing import CliRunner

    from mgcheck.salts import salt_frame

    result = CliRunner().invoke(app, ["reference", *options])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    if "--salts" in options:
        frame = salt_frame(products="--products" in options)
        flat = " ".join(" ".join(lines).split())
        for name in frame.iloc[:, 0]:
            assert f"{name}:" in flat  # its note and source line
        assert "a bare 'magnesium chloride' means this form" in flat or "--products" in options
