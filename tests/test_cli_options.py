"""The CLI's shared options: each defined once, handed to a command as one frozen LogOptions."""

from __future__ import annotations

import dataclasses
import inspect

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
        "mgcheck.api", "mgcheck.results", "mgcheck.population", "mgcheck.report",
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
