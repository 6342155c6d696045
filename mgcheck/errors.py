"""Exit codes and the domain errors that the CLI turns into one line per problem."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit statuses; documented in the README."""

    OK = 0
    INPUT_ERROR = 1  # bad input: file, column, value, unit, unknown food with --strict
    USAGE_ERROR = 2  # bad options or a missing required option
    INADEQUATE = 3  # --check: some subject's usual intake is judged inadequate
    INTERNAL_ERROR = 70  # a bug in mgcheck (sysexits EX_SOFTWARE); --debug shows the traceback
    INTERRUPTED = 130  # Ctrl-C
    PIPE_CLOSED = 141  # the reader closed standard output (`| head`): 128 + SIGPIPE, as a shell reports it


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located so a clinician can find it."""

    message: str
    file: str | None = None
    row: int | None = None
    # A fault of one item only (its amount, date, food text or kind): outside --strict the item is
    # listed unresolved, not counted, and the rest of the log is assessed (mgcheck.pipeline).
    item_only: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = self.file or ""
        if self.row is not None:
            where = f"{where}, row {self.row}" if where else f"row {self.row}"
        return f"{where}: {self.message}" if where else self.message


def reasons_by_row(problems: Iterable[Problem]) -> dict[tuple[str, int], str]:
    """Each located problem's message under its (file, row); two of one row joined by '; '."""
    reasons: dict[tuple[str, int], str] = {}
    for problem in problems:
        if problem.row is not None:
            key = (str(problem.file), int(problem.row))
            reasons[key] = f"{reasons[key]}; {problem.message}" if key in reasons else problem.message
    return reasons


class RowWarning(str):
    """A warning about rows of one file, shown as 'FILE, row 12, 40, ...: MESSAGE' (its first
    SHOWN_ROWS rows). It is that text, so every list of warnings takes it as one; code that needs
    the file, the rows or the message (a streamed study merging its parts' warnings) reads
    `file`, `rows` (every row, not only those shown) and `message`, never the text. A `counted`
    warning puts the number of its rows before the message ('FILE, rows 2, 3: 2 MESSAGE'), so a
    merged warning counts the rows of every part.
    """

    SHOWN_ROWS = 5
    file: str
    rows: tuple[int, ...]
    message: str
    counted: bool

    def __new__(cls, file: str, rows: Iterable[int], message: str, counted: bool = False) -> RowWarning:
        # An array or Series gives its numbers as Python ones first: int() of each is then cheap (a
        # streamed study's warnings hold some 400,000 row numbers).
        tolist = getattr(rows, "tolist", None)
        every = tuple(map(int, tolist() if tolist is not None else rows))
        listed = ", ".join(str(row) for row in every[: cls.SHOWN_ROWS]) + (
            ", ..." if len(every) > cls.SHOWN_ROWS else ""
        )
        where = f"row {listed}" if len(every) == 1 or not counted else f"rows {listed}"
        shown = f"{len(every)} {message}" if counted else message
        warning = super().__new__(cls, f"{file}, {where}: {shown}")
        warning.file, warning.rows, warning.message, warning.counted = file, every, message, counted
        return warning

    def __getnewargs__(self) -> tuple[str, tuple[int, ...], str, bool]:  # type: ignore[override]
        return (self.file, self.rows, self.message, self.counted)


class MgcheckError(Exception):
    """A domain error: the input or the request cannot be assessed as given."""

    exit_code = ExitCode.INPUT_ERROR

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        # Warnings of the run before it stopped (`mgcheck.pipeline`): the CLI shows them first, since a
        # problem may send the reader to them ("no items are left to assess ...; see the warnings").
        self.warnings: list[str] = []
        super().__init__("\n".join(str(problem) for problem in problems))


class UsageProblem(MgcheckError):
    """The options do not say enough (or contradict each other): exit 2, like a usage error."""

    exit_code = ExitCode.USAGE_ERROR
