"""Shared fixtures: an isolated environment, a CLI runner, and a writer of small food logs."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgcheck.cli import app


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads a real user's files, gets colour codes, or opens a network connection."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("mgcheck opened a network socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def no_clinic_book(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test finds a real clinic book: MGCHECK_BOOK unset, and an empty working directory (no mgcheck.toml)."""
    monkeypatch.delenv("MGCHECK_BOOK", raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_log(tmp_path: Path) -> Callable[..., Path]:
    """Write a log file from CSV text (or bytes) and return its path."""
    counter = {"n": 0}

    def write(content: str | bytes, name: str | None = None) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"log{counter['n']}.csv")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Any]:
    def run(*args: object, input: str | bytes | None = None) -> Any:
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


def report_json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]
