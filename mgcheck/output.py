"""Writing reports: atomically to a file, or to standard output; spreadsheet-safe cells."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from mgcheck.errors import MgcheckError, Problem

# OWASP CSV-injection guidance: cells starting with these can run as formulas.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def no_color_requested() -> bool:
    """NO_COLOR is set and not empty (no-color.org): no colour, no bold, no cursor movement, on a terminal too."""
    return bool(os.environ.get("NO_COLOR"))


def neutralise(cell: object) -> object:
    """Prefix a text cell that a spreadsheet would read as a formula with a single quote."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def check_not_input(output: str, inputs: list[str], named: list[str] | None = None) -> None:
    """Refuse an --output that is an input; one found by a folder or pattern (not among `named`)
    is most likely an earlier run's report, and the message says so."""
    target = Path(output).resolve()
    for source in inputs:
        if source != "-" and Path(source).exists() and Path(source).resolve() == target:
            if named is not None and not any(Path(given).resolve() == target for given in named if given != "-"):
                raise MgcheckError(
                    Problem(
                        "is in the folder or pattern of logs given (a report written there before?), so it "
                        "would be read as a log; mgcheck will not write over its own input: write the report "
                        "outside it",
                        output,
                    )
                )
            raise MgcheckError(Problem("is one of the input files; mgcheck will not write over its own input", output))


class OutputClosed(Exception):
    """Standard output was closed by its reader (`| head`): stop quietly (the CLI exits 141)."""


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


# A document made in pieces is held whole before its first byte goes to a stream: in memory up
# to this size, then in a temporary file.
SPOOL_CHARACTERS = 32 * 2**20


def _all_or_nothing(text: str | Iterable[str]) -> Iterator[str]:
    """The pieces, all made before the first is handed on, so that a failure making one (a subject
    that cannot be written) leaves the stream untouched: a script reading standard output gets the
    whole document or nothing, never a document cut short. A file is safe already (written beside
    it and renamed into place)."""
    if isinstance(text, str):
        yield text
        return
    import tempfile

    with tempfile.SpooledTemporaryFile(max_size=SPOOL_CHARACTERS, mode="w+", encoding="utf-8", newline="") as spool:
        try:
            block: list[str] = []
            held = 0
            for piece in text:
                block.append(piece)
                held += len(piece)
                if held >= SPOOL_CHARACTERS // 32:  # written in blocks: far fewer writes than pieces
                    spool.write("".join(block))
                    block, held = [], 0
            spool.write("".join(block))
            spool.seek(0)
        except OSError as error:
            reason = error.strerror or str(error)
            raise MgcheckError(
                Problem(f"cannot hold the report before writing it ({reason})", "standard output")
            ) from None
        while piece := spool.read(SPOOL_CHARACTERS // 32):
            yield piece


def write_stdout(text: str | Iterable[str], *, encoding: str | None = None) -> None:
    """Text (or its pieces, written as they come) to standard output; UTF-8 bytes unless
    `encoding` (the terminal's) is given.

    JSON, CSV and Markdown are UTF-8 whatever the locale (PYTHONIOENCODING=ascii included).
    A reader that closed the pipe raises OutputClosed; a full disk or a closed descriptor is
    an error naming standard output.
    """
    for piece in _all_or_nothing(text):  # made outside the try: an error making a piece is not a write error
        _write_stdout(piece, encoding)


def _write_stdout(text: str, encoding: str | None) -> None:
    try:
        stream = sys.stdout
        if stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        buffer = getattr(stream, "buffer", None)
        if buffer is not None and encoding is None:
            stream.flush()
            _write_all(buffer, text.encode("utf-8"))
            buffer.flush()
        else:
            stream.write(text)
            stream.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise MgcheckError(Problem(f"cannot write the report ({reason})", "standard output")) from None
    except ValueError:  # "I/O operation on closed file"
        raise MgcheckError(Problem("cannot write the report (it is closed)", "standard output")) from None


def _write_all(buffer: BinaryIO, data: bytes) -> None:
    """All of `data`, or an error. A pipe whose reader goes away in the middle of a large write takes
    part of it and reports that as written (Linux gives a short count, not EPIPE, and the buffered
    writer passes it on): the rest is written again, which raises BrokenPipeError, so a reader that
    stopped early (`-f json | head -c 100`) gives exit 141 and never a silent 0."""
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if not written:
            raise OSError(errno.EIO, "standard output took nothing")
        view = view[written:]


def write_text(text: str | Iterable[str], output: str | None) -> None:
    """Write text, or its pieces as they come (a large report need never be one string), to
    stdout, or to `output` safely.

    - A new or regular file: written to a short-named temporary file in the same folder and
      renamed into place, so a failure or a signal leaves the old report whole; an existing
      report keeps its mode (and, where permitted, its owner). A new report is private (0600).
    - A symlink: the file it points to is replaced the same way; the link stays.
    - Anything else that exists (a device such as /dev/null or /dev/stdout, a FIFO): written
      into, never renamed over.
    """
    if output is None or output == "-":
        write_stdout(text)
        return
    if output.endswith(("/", os.sep)):
        raise MgcheckError(Problem("ends with '/'; give a file name for --output (e.g. report.txt)", output))
    try:
        status: os.stat_result | None = os.stat(output)  # follows a symlink (/dev/stdout -> /proc/self/fd/1)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise MgcheckError(Problem(f"cannot write here ({error.strerror})", output)) from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise MgcheckError(Problem("is a directory; give a file name for --output", output))
    if status is not None and not stat.S_ISREG(status.st_mode):
        _write_into(text, Path(output), output)
        return
    _replace(text, Path(os.path.realpath(output)), output, status)


def _write_into(text: str | Iterable[str], target: Path, output: str) -> None:
    """A device or FIFO: opened and written like a stream (the whole document or nothing), never replaced."""
    pieces = _all_or_nothing(text)
    first = next(pieces, "")  # the whole document is made before the device is opened
    try:
        with open(target, "wb") as stream:
            _write_all(stream, first.encode("utf-8"))  # a FIFO's reader may leave mid-write too
            for piece in pieces:
                _write_all(stream, piece.encode("utf-8"))
    except BrokenPipeError:
        raise OutputClosed() from None
    except OSError as error:
        raise MgcheckError(Problem(f"cannot write the report ({error.strerror})", output)) from None


def _replace(text: str | Iterable[str], target: Path, output: str, status: os.stat_result | None) -> None:
    import tempfile  # here, not at the top: `mgcheck --help` never writes a report

    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".mgcheck-", suffix=".tmp", dir=directory)
    except OSError as error:
        raise MgcheckError(Problem(f"cannot write here ({error.strerror})", output)) from None
    _pending.add(temporary)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for piece in _pieces(text):
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            if hasattr(os, "chown"):
                with contextlib.suppress(PermissionError):  # only root may give a file away; the mode is kept
                    os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise MgcheckError(Problem(f"cannot write the report ({error.strerror})", output)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        _pending.discard(temporary)


# Temporary files being written, removed by `remove_pending` when a signal ends the process.
_pending: set[str] = set()


def remove_pending() -> None:
    """Delete any temporary report file still being written (called on SIGTERM/SIGHUP)."""
    for temporary in list(_pending):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
