"""The CLI's shared options: each defined once, handed to a command as one frozen LogOptions."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest
import typer

from mgcheck.cli.options import HELP_ORDER, SHARED_OPTIONS, LogOptions, log_options, registry_choice


def test_every_shared_option_has_one_definition_and_one_field():
    assert set(SHARED_OPTIONS) == {field.name for field in dataclasses.fields(LogOptions)}
    assert set(SHARED_OPTIONS) <= set(HELP_ORDER) and len(HELP_ORDER) == len(set(HELP_ORDER))


def test_a_command_gets_its_shared_options_as_one_frozen_value_and_keeps_its_own():
    received = {}

    @log_options("logs", "sex", "quiet")
    def command(options: LogOptions, seed: int = 12, colour: str = "blue") -> None:
        received.update(options=options, seed=seed)

    names = list(inspect.signature(command).parameters)
    assert names == ["logs", "sex", "seed", "quiet", "colour"]  # HELP_ORDER; an option it does not name goes last
    command(logs=["a.csv"], sex="F", quiet=True, seed=3, colour="red")
    assert received == {"options": LogOptions(logs=["a.csv"], sex="F", quiet=True), "seed": 3}
    with pytest.raises(dataclasses.FrozenInstanceError):
        received["options"].sex = "M"  # type: ignore[misc]


def test_an_unknown_shared_option_is_a_programming_error():
    with pytest.raises(ValueError, match="not shared options"):
        log_options("sex", "colour")


def test_registry_choices_are_read_when_the_command_runs():
    names = ["a"]
    choice = registry_choice(lambda: names)
    assert choice["metavar"] == "<a>"
    names.append("b")
    assert choice["parser"]("b") == "b"
    with pytest.raises(typer.BadParameter, match="'c' is not one of 'a', 'b'"):
        choice["parser"]("c")


@pytest.mark.parametrize(
    ("command", "absent"),
    [("population", "--pregnant"), ("validate", "--sex"), ("validate", "--standard"), ("population", "--check")],
)
def test_commands_take_only_the_shared_options_they_list(invoke, command, absent):
    result = invoke(command, "--help")
    assert result.exit_code == 0 and absent not in result.stdout


def test_help_imports_no_heavy_library():
    """`mgcheck --help` stays instant: the CLI and every registry it lists load no pandas, numpy or Rich,
    no importer (their unit rules), and none of the library's result or study modules."""
    import subprocess
    import sys

    heavy = (
        "pandas", "numpy", "rich", "rapidfuzz", "matplotlib", "mgcheck.importers.base", "mgcheck.units",
        "mgcheck.api", "mgcheck.results", "mgcheck.population", "mgcheck.report", "mgcheck.render.formats.terminal",
        "mgcheck.render.summary_formats.table", "mgcheck.standards.iom",
        "mgcheck.standards.interface", "mgcheck.importers.interface",
    )  # fmt: skip
    code = (
        "import runpy, sys\n"
        f"heavy = {heavy!r}\n"
        "for args in (['--help'], ['report', '--help'], ['template', '--help']):\n"
        "    sys.argv = ['mgcheck', *args]\n"
        "    try:\n"
        "        runpy.run_module('mgcheck', run_name='__main__')\n"
        "    except SystemExit as done:\n"
        "        assert done.code in (0, None), done.code\n"
        "print('loaded:', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage:" in done.stdout and "--input-format" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "loaded: []"


def _every_command() -> list[Any]:
    import typer.main

    from mgcheck.cli import app

    found, groups = [], [typer.main.get_command(app)]
    while groups:
        group = groups.pop()
        found.append(group)
        for command in group.commands.values():  # type: ignore[attr-defined]
            (groups if hasattr(command, "commands") else found).append(command)
    return found


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as error:
        return "error", error.message.removeprefix("Value error, ")  # pydantic's prefix: the only difference


def test_plain_coercion_gives_what_typers_gives():
    """The CLI's own coercion of text, lists, choices and flags (mgcheck.cli.coercion) returns the values and
    raises the errors that Typer's pydantic coercion does, for every such option of every command."""
    from enum import Enum

    from typer._coercion import build_runtime_param

    from mgcheck.cli.coercion import plain_coercion

    checked = 0
    for command in _every_command():
        ctx = typer.Context(command)
        plain_coercion(command, ctx)
        for param in [*command.params, command.get_help_option(ctx)]:
            runtime = param._runtime_param
            if runtime is None or type(runtime).__module__ != "mgcheck.cli.coercion":
                continue
            annotation = param.type_descriptor.annotation
            if annotation is bool:
                values: list[Any] = [True, False, "yes", "0", "maybe"]
            elif isinstance(annotation, type) and issubclass(annotation, Enum):
                values = [*annotation, *(member.value for member in annotation), "bogus", "PATIENT"]
            elif param.type_descriptor.parameter_info.parser is not None:
                values = ["iom", "efsa", "native", "auto", "json", "csv", "bogus", ""]
            else:
                values = (
                    ["x", "", "0.68 mmol/L", "ü", ["a", "b"], ()] if annotation is not str else ["x", "", "ü", b"b"]
                )
            typers = build_runtime_param(param.type_descriptor)
            for value in values:
                assert _outcome(runtime, value, param, ctx) == _outcome(typers, value, param, ctx), (param.name, value)
                checked += 1
    assert checked > 200


@pytest.mark.slow
def test_a_report_imports_no_pydantic(tmp_path):
    """Typer 0.29 would import pydantic to coerce the options (0.15-0.2 s of every run); the CLI's own
    coercion of plain options leaves it out of a report."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from mgcheck.cli import main\n"
        f"sys.argv = ['mgcheck', 'report', '--example', '--audience', 'clinician', '-q', '-o', {str(tmp_path / 'r.txt')!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["exit", "0", "False"]
    assert "Magnesium intake: example_week" in (tmp_path / "r.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_typer_whose_private_coercion_differs_keeps_its_own_and_every_command_runs():
    """typer._coercion is private: a Typer whose RuntimeParam takes other fields (simulated) must not turn
    every command into a traceback; the options then keep Typer's own coercion, with the same answers."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import mgcheck.cli.coercion as coercion\n"
        "def changed(**fields):\n"
        "    raise TypeError(\"__init__() missing 1 required keyword-only argument: 'adapter'\")\n"
        "coercion._PlainParam = changed\n"
        "from mgcheck.cli import main\n"
        "sys.argv = ['mgcheck', 'report', '--example', '-q', '--format', 'brief', '--audience', sys.argv[1]]\n"
        "main()\n"
    )
    good = subprocess.run([sys.executable, "-c", code, "clinician"], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("Magnesium intake: example_week\n") and good.stderr == ""
    bad = subprocess.run([sys.executable, "-c", code, "doctor"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert (
        "Invalid value for '--audience'" in bad.stderr and "'doctor' is not one of 'patient', 'clinician'" in bad.stderr
    )


def test_a_bad_choice_is_a_usage_error_naming_the_choices(invoke):
    result = invoke("report", "--example", "--audience", "doctor")
    assert result.exit_code == 2
    assert "Invalid value for '--audience': 'doctor' is not one of 'patient', 'clinician'." in result.stderr


def test_the_output_files_suffix_names_the_format_when_format_is_not_given(invoke, tmp_path):
    # `-o week.html` wrote terminal text (box drawing) into a .html file, and `summary -o
    # week.json` CSV into a .json file; a script or a browser then read the wrong thing.
    import json

    page, record, table = tmp_path / "week.html", tmp_path / "week.json", tmp_path / "week.md"
    for out in (page, record, table):
        assert invoke("report", "--example", "-q", "-o", out).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(record.read_text(encoding="utf-8"))["schema"] == "mgcheck.report/1"
    assert table.read_text(encoding="utf-8").startswith("# mgcheck report")
    from mgcheck.api import example_path

    rows, explicit = tmp_path / "rows.json", tmp_path / "rows.csv.json"
    assert invoke("summary", example_path(), "--sex", "F", "--age", "54", "-q", "-o", rows).exit_code == 0
    assert json.loads(rows.read_text(encoding="utf-8"))["schema"] == "mgcheck.summary/1"
    # --format, when given, wins over the suffix.
    assert (
        invoke("summary", example_path(), "--sex", "F", "--age", "54", "-q", "-f", "csv", "-o", explicit).exit_code == 0
    )
    assert explicit.read_text(encoding="utf-8").startswith("subject,n_days,")
