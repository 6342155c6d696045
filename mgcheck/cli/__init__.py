"""The mgcheck command line: the app, error-to-exit-code mapping and stream set-up; one module per command.

The CLI only parses options, calls the library and maps errors to exit codes. Heavy libraries
(pandas, rapidfuzz, rich rendering) are imported inside commands so that `mgcheck --help`
starts instantly.
"""

from __future__ import annotations

import errno
import functools
import importlib
import io
import os
import sys
import warnings
from collections.abc import Callable
from contextlib import suppress
from typing import Annotated, Any, TypeVar

import typer

from mgcheck import __version__
from mgcheck.cli.coercion import PlainGroup
from mgcheck.cli.console import pipe_closed, state, stderr_line, warn
from mgcheck.errors import ExitCode, MgcheckError
from mgcheck.output import OutputClosed

__all__ = ["app", "handled", "main"]

app = typer.Typer(
    name="mgcheck",
    help="Assess dietary magnesium intake from food logs against IOM/EFSA reference intakes.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,  # never a locals dump: it would print patient rows
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    cls=PlainGroup,
)
foods_app = typer.Typer(
    help="Look up foods in every food table (USDA SR28, FNDDS, --foods).", no_args_is_help=True, cls=PlainGroup
)
app.add_typer(foods_app, name="foods")
recipe_app = typer.Typer(help="Home-made dishes: a recipe file's breakdown.", no_args_is_help=True, cls=PlainGroup)
app.add_typer(recipe_app, name="recipe")
book_app = typer.Typer(
    help="A clinic's food book: its own words (aliases), foods and recipes.", no_args_is_help=True, cls=PlainGroup
)
app.add_typer(book_app, name="book")

COMMAND_MODULES = (
    "report",
    "summary",
    "population",
    "validate",
    "template",
    "reference",
    "evidence",
    "foods",
    "recipe",
    "book",
)
MAX_ERROR_LINES = 200
_pipe_closed = pipe_closed  # the name tests patch Rich's closed-pipe handling with
# Click's own errors (bad option values) are usage errors that click reports with exit 2.
_USAGE_ERRORS: tuple[type[BaseException], ...] = tuple(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)
F = TypeVar("F", bound=Callable[..., Any])


def handled(func: F) -> F:
    """Domain errors become one line per problem on stderr and their exit code; no traceback without --debug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MgcheckError as error:
            if state["debug"]:
                raise
            from mgcheck.cli.console import warn_all

            warn_all(error.warnings)
            problems = error.problems
            for problem in problems[:MAX_ERROR_LINES]:
                stderr_line(f"mgcheck: error: {problem}")
            if len(problems) > MAX_ERROR_LINES:
                stderr_line(f"mgcheck: error: ... and {len(problems) - MAX_ERROR_LINES} more problems")
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            stderr_line("mgcheck: interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (OutputClosed, BrokenPipeError):
            # The reader of a pipe stopped reading (`| head`): nothing is wrong, stop quietly.
            _quiet_stdout()
            raise typer.Exit(int(ExitCode.PIPE_CLOSED)) from None
        except (typer.Exit, typer.Abort):
            raise
        except OSError as error:
            if state["debug"]:
                raise
            # The terminal report prints straight to stdout: a full disk or closed descriptor there.
            stderr_line(f"mgcheck: error: standard output: cannot write the report ({error.strerror or error})")
            raise typer.Exit(int(ExitCode.INPUT_ERROR)) from None
        except Exception as error:
            if state["debug"] or isinstance(error, _USAGE_ERRORS):
                raise
            stderr_line(f"mgcheck: internal error ({type(error).__name__}); rerun with --debug for a traceback")
            raise typer.Exit(int(ExitCode.INTERNAL_ERROR)) from None

    return wrapper  # type: ignore[return-value]


def _quiet_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so Python's final flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mgcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback on errors (may include patient data).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Assess dietary magnesium intake from food logs against IOM/EFSA reference intakes."""
    state["debug"] = debug
    state["quiet"] = False
    warnings.showwarning = _show_warning


_python_showwarning = warnings.showwarning


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """A Python warning raised during a command (a stale food index, a library's own) as one
    `mgcheck: warning:` line in mgcheck's words: no source path or code line unless --debug."""
    if state["debug"]:
        _python_showwarning(message, category, filename, lineno, file, line)
    else:
        warn(str(message))


class _ClosedOutput(io.StringIO):
    """Standard output when its descriptor was closed: writing says so (an error, exit 1)."""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass


def _on_signal(signum: int, frame: object) -> None:
    """SIGTERM/SIGHUP: stop like Ctrl-C, removing any half-written report (exit 128 + signal)."""
    from mgcheck.output import remove_pending

    remove_pending()
    stderr_line("mgcheck: terminated")
    raise SystemExit(128 + signum)


def _prepare_streams() -> None:
    """Closed or non-UTF-8 standard streams give clear answers, never a crash.

    A closed stdin/stdout/stderr (`<&-`, `>&-`) is None in Python: stdin then reads as empty,
    stdout raises a clear error when a report is written to it. A terminal whose encoding
    cannot show a character prints an escape instead of failing (JSON/CSV/Markdown on stdout
    are UTF-8 bytes whatever the locale; mgcheck.output.write_stdout).
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            with suppress(OSError, ValueError):
                stream.reconfigure(errors="backslashreplace")


def main() -> None:
    """Console-script entry point."""
    import signal

    from mgcheck.output import no_color_requested

    if no_color_requested():
        # Every Rich console of the run (Typer's help and errors too) then writes no escape sequence:
        # Rich honours NO_COLOR for colours only, and still writes bold, dim and italic.
        os.environ["TERM"] = "dumb"
    _prepare_streams()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    try:
        result = app(standalone_mode=False)
    except KeyboardInterrupt:
        stderr_line("mgcheck: interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except _USAGE_ERRORS as error:
        # Click's message quotes the option value as given: shown with its controls made visible.
        from mgcheck.text import visible

        buffer = io.StringIO()
        error.show(file=buffer)  # type: ignore[attr-defined]
        with suppress(OSError, ValueError):
            sys.stderr.write(visible(buffer.getvalue(), layout=True))
        sys.exit(int(getattr(error, "exit_code", ExitCode.USAGE_ERROR)))
    except typer.Abort:
        stderr_line("Aborted!")
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)


# The commands register themselves on `app` and its groups when imported: in this order, the order of `--help`.
for _command_module in COMMAND_MODULES:
    importlib.import_module(f"mgcheck.cli.{_command_module}")
