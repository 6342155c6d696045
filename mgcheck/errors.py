"""Exit codes and the domain errors that the CLI turns into one line per problem."""

from __future__ import annotations

from dataclasses import dataclass
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

    def __str__(self) -> str:
        where = self.file or ""
        if self.row is not None:
            where = f"{where}, row {self.row}" if where else f"row {self.row}"
        return f"{where}: {self.message}" if where else self.message


class MgcheckError(Exception):
    """A domain error: the input or the request cannot be assessed as given."""

    exit_code = ExitCode.INPUT_ERROR

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class UsageProblem(MgcheckError):
    """The options do not say enough (or contradict each other): exit 2, like a usage error."""

    exit_code = ExitCode.USAGE_ERROR
