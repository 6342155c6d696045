"""NO_COLOR on a real terminal (a pseudo-terminal): no escape sequence at all, not only no colour.

Session 17 tester: with NO_COLOR set, a terminal still got bold, dim and italic (SGR 1, 2, 3) and the
progress bar's cursor movements; the README promises no colour and no terminal markup.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pty = pytest.importorskip("pty")


def _on_a_terminal(env_extra: dict[str, str]) -> bytes:
    """`mgcheck report --example` with stdout and stderr on a pseudo-terminal: everything it wrote."""
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update({"TERM": "xterm-256color", "COLUMNS": "100", **env_extra})
    process = subprocess.Popen(
        [sys.executable, "-m", "mgcheck", "report", "--example"],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks)


@pytest.mark.slow
def test_no_color_writes_no_escape_sequence_on_a_terminal():
    plain = _on_a_terminal({"NO_COLOR": "1"})
    assert b"Magnesium intake" in plain
    assert b"\x1b" not in plain
    # The same run without NO_COLOR does style the terminal: the test can tell the two apart.
    styled = _on_a_terminal({})
    assert b"\x1b[" in styled


def test_an_empty_no_color_is_not_set(monkeypatch):
    """no-color.org: NO_COLOR counts when present and not empty."""
    from mgcheck.output import no_color_requested

    monkeypatch.setenv("NO_COLOR", "")
    assert not no_color_requested()
    monkeypatch.setenv("NO_COLOR", "1")
    assert no_color_requested()
