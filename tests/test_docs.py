"""Docs that cannot drift: docs/cli.md is the CLI's help, every command and option has help, and the
README's command and exit-code tables match the CLI."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from mgcheck.cli import app
from mgcheck.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _cli_docs() -> Any:
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> dict[tuple[str, ...], Any]:
    """Every command and group of the CLI by path, the top-level app as ()."""
    found: dict[tuple[str, ...], Any] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        found[path] = command
        for name in getattr(command, "list_commands", lambda ctx: [])(None):
            walk(command.get_command(None, name), (*path, name))

    walk(typer.main.get_command(app), ())
    return found


def test_docs_cli_md_is_what_the_script_generates_now():
    docs = _cli_docs()
    expected = docs.generate()
    assert docs.DOCS.read_text(encoding="utf-8") == expected, "docs/cli.md is stale: run python scripts/cli_docs.py"


def test_docs_cli_md_has_every_command():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path in _commands():
        assert f"## `{' '.join(('mgcheck', *path))}`" in text


@pytest.mark.parametrize("path", list(_commands()), ids=lambda path: " ".join(path) or "mgcheck")
def test_every_command_and_option_has_help(path):
    command = _commands()[path]
    assert (command.help or "").strip(), f"mgcheck {' '.join(path)} has no help"
    for param in command.params:
        assert (getattr(param, "help", None) or "").strip(), f"mgcheck {' '.join(path)}: {param.name} has no help"


def _leaf_commands() -> set[str]:
    commands = _commands()
    return {" ".join(path) for path, command in commands.items() if path and not hasattr(command, "list_commands")}


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_readme_command_table_lists_exactly_the_cli_commands():
    groups = {" ".join(path) for path, command in _commands().items() if path and hasattr(command, "list_commands")}
    table = [line for line in _section("Commands").splitlines() if line.startswith("| `mgcheck")]
    named = set()
    for line in table:
        first_cell = line.split(" | ")[0]
        for words in re.findall(r"`mgcheck ([a-z][\w-]*)(?: ([a-z][\w-]*))?", first_cell):
            named.add(" ".join(words) if words[0] in groups else words[0])
    assert named == _leaf_commands()


def test_readme_exit_codes_are_the_exit_code_enum():
    rows = re.findall(r"^\| (\d+) \|", _section("Exit codes"), flags=re.MULTILINE)
    assert sorted(int(code) for code in rows) == sorted(int(code) for code in ExitCode)


def test_readme_age_bound_is_the_code_s():
    """A researcher's trial (session 24): the README said ages lie within 0-120 years; the code allows 130."""
    from mgcheck.reference import MAX_AGE

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    bounds = re.findall(r"within 0-(\d+) years", readme)
    assert bounds == [f"{MAX_AGE:g}"]
