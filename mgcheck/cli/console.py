"""Where the CLI speaks: warnings and errors on standard error, the Rich console, the progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from mgcheck.output import OutputClosed

MAX_WARNING_LINES = 50
# The run's switches that every command shares: --debug (from the app's callback) and --quiet.
state = {"debug": False, "quiet": False}


def stderr_line(line: str) -> None:
    """One line on stderr, every control character from patient text or file names made visible."""
    from mgcheck.text import visible

    try:
        sys.stderr.write(visible(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr closed: nowhere left to say it


def warn(message: str) -> None:
    """A warning on stderr, unless --quiet."""
    if not state["quiet"]:
        stderr_line(f"mgcheck: warning: {message}")


def warn_all(messages: list[str]) -> None:
    """The first MAX_WARNING_LINES warnings, then how many more there were."""
    for message in messages[:MAX_WARNING_LINES]:
        warn(message)
    if len(messages) > MAX_WARNING_LINES:
        warn(f"... and {len(messages) - MAX_WARNING_LINES} more warnings")


def pipe_closed() -> None:
    """Rich's reaction to a closed pipe: stop quietly (exit 141), not Rich's exit 1 ("bad input")."""
    raise OutputClosed()


def console() -> Any:
    """A Rich console for standard output: the terminal's width, or plain text at the width of files and pipes."""
    from mgcheck.render.terminal import stdout_console

    return stdout_console()


def wrapped(text: str) -> list[str]:
    """`text` wrapped to the width of files and pipes (COLUMNS, else 100); no lines for no text."""
    from mgcheck.render.fit import output_width, wrap

    return wrap(text, output_width()) if text else []


@contextmanager
def progress(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar of the pipeline's stages on stderr; silent when stderr is not a terminal or
    NO_COLOR is set (the bar redraws itself with cursor movements)."""
    from mgcheck.output import no_color_requested

    if quiet or not sys.stderr.isatty() or no_color_requested():
        yield lambda stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    stages = ("Reading logs", "Matching foods", "Assessing subjects")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("Starting", total=len(stages) + 1)

        def step(stage: str) -> None:
            bar.update(task, description=stage, completed=stages.index(stage) if stage in stages else 0)

        yield step
        bar.update(task, completed=len(stages) + 1)
