"""Writing reports: atomically to a file, or to standard output; spreadsheet-safe cells."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from mgcheck.errors import MgcheckError, Problem

# OWASP CSV-injection guidance: cells starting with these can run as formulas.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """Prefix a text cell that a spreadsheet would read as a formula with a single quote."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def check_not_input(output: str, inputs: list[str]) -> None:
    target = Path(output).resolve()
    for source in inputs:
        if source != "-" and Path(source).exists() and Path(source).resolve() == target:
            raise MgcheckError(Problem("is one of the input logs; mgcheck will not write over its own input", output))


def write_text(text: str, output: str | None) -> None:
    """Write to stdout, or to `output` through a temporary file renamed into place."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise MgcheckError(Problem("is a directory; give a file name for --output", output))
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise MgcheckError(Problem(f"cannot write here ({error.strerror})", output)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
