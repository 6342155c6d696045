"""Reading raw text tables: encoding, separator, binary refusal, header normalisation."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import sys
import warnings
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from mgcheck.errors import MgcheckError, Problem
from mgcheck.text import printable_name

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import pandas as pd

STDIN_NAME = "<stdin>"
# Peak memory per byte of log: measured 379 MiB for a 52 MB, 1,017,902-row log (benchmarks/run.py),
# about 7.7x; 10x leaves room for pandas itself and for wide exports.
MEMORY_PER_LOG_BYTE = 10
MAX_LINE_CHARS = 1_000_000
SAMPLE_ROWS = 2000
# Columns that hold numbers by definition: their categories may be inferred numbers (cheaper
# to parse); every other numeric-looking column is read as the text written.
NUMERIC_COLUMNS = {"amount"}
_BINARY_MAGIC = {
    b"\x1f\x8b": "gzip-compressed",
    b"PK\x03\x04": "a zip archive (an .xlsx workbook?)",
    b"BZh": "bzip2-compressed",
    b"\xfd7zXZ": "xz-compressed",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel/Office document",
}
# SAS XPORT (v5, as NHANES publishes) begins with this 80-byte library header record.
XPORT_MAGIC = b"HEADER RECORD*******LIBRARY HEADER RECORD"
_XPORT_PREFIX = b"HEADER RECORD*******LIB"
# SAS stores 0 as a tiny float in NHANES files (5.397605e-79): anything this small is 0.
_XPORT_ZERO = 1e-70
# XPORT v5 layout (SAS TS-140): 80-byte header records; a NAMESTR header giving the number of
# variables (columns 55-58), one 140-byte NAMESTR per variable (its length a big-endian short at
# bytes 5-6), then the OBS header and the observations, the last record padded with blanks to 80.
_XPORT_RECORD = 80
_XPORT_NAMESTR_HEADER = b"HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!"
_XPORT_OBS_HEADER = b"HEADER RECORD*******OBS     HEADER RECORD!!!!!!!"
_XPORT_NAMESTR_BYTES = 140


def display_name(source: str) -> str:
    """How reports and messages name a file: its path (`printable_name`), or <stdin>."""
    return STDIN_NAME if source == "-" else printable_name(source)


# Peak memory per row of log, the same measurement: 379 MiB / 1,017,902 rows is about 390 bytes a
# row including the interpreter and the bundled tables; 300 is the share that grows with rows.
# A log of short rows costs more per byte than its size suggests.
MEMORY_PER_LOG_ROW = 300
_SAMPLE_BYTES = 1 << 20
_NO_LIMIT = 1 << 60  # cgroup v1 writes "no limit" as a huge number
PROC_MEMINFO = Path("/proc/meminfo")
PROC_STATUS = Path("/proc/self/status")
CGROUP_ROOT = Path("/sys/fs/cgroup")


def _proc_field(path: Path, field: str) -> int | None:
    """A `Field:  123 kB` line of a /proc file, in bytes."""
    try:
        for line in path.read_text(encoding="ascii").splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _number_file(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
        return int(text) if text != "max" else None
    except (OSError, ValueError):
        return None


def cgroup_headroom(root: Path | None = None) -> int | None:
    """Bytes this process's cgroup may still allocate (v2 memory.max, or v1 limit_in_bytes), or None."""
    root = CGROUP_ROOT if root is None else root
    for limit_file, usage_file in (
        (root / "memory.max", root / "memory.current"),
        (root / "memory" / "memory.limit_in_bytes", root / "memory" / "memory.usage_in_bytes"),
    ):
        limit = _number_file(limit_file)
        if limit is not None and limit < _NO_LIMIT:
            return max(limit - (_number_file(usage_file) or 0), 0)
    return None


def rlimit_headroom() -> int | None:
    """Bytes of address space left under the process limit (ulimit -v, RLIMIT_AS), or None."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        return None
    if soft == resource.RLIM_INFINITY or soft < 0:
        return None
    return max(soft - (_proc_field(PROC_STATUS, "VmSize") or 0), 0)


def available_memory() -> int | None:
    """Bytes a new allocation may use: the least of free memory (Linux MemAvailable), the process
    limit (RLIMIT_AS) and the container's cgroup limit; None if none is known."""
    known = [
        value
        for value in (_proc_field(PROC_MEMINFO, "MemAvailable"), rlimit_headroom(), cgroup_headroom())
        if value is not None
    ]
    if known:
        return min(known)
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return None


def estimated_rows(path: Path, size: int) -> int:
    """Rows of a text log, from the line density of its first MiB (exact for a smaller file)."""
    try:
        with open(path, "rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
    except OSError:
        return 0
    if not sample:
        return 0
    return int(sample.count(b"\n") * size / len(sample))


def check_fits_in_memory(total_bytes: int, what: str, rows: int = 0) -> None:
    """Refuse, before reading, logs that would need more memory than the process may use.

    The need is estimated from the bytes and, when known, the rows (whichever is larger).
    """
    available = available_memory()
    needed = max(total_bytes * MEMORY_PER_LOG_BYTE, rows * MEMORY_PER_LOG_ROW)
    if available is not None and needed > available:
        raise MgcheckError(
            Problem(
                f"{what} {total_bytes / 1e9:.1f} GB; assessing that needs about {needed / 1e9:.1f} GB of memory "
                f"and {available / 1e9:.1f} GB is free: split the study into batches of subjects and assess each "
                "batch on its own (per-subject results do not depend on the other subjects)"
            )
        )


def read_bytes(source: str) -> bytes:
    """The raw bytes of a file, or of standard input for '-'; clear errors for what cannot be read."""
    if source == "-":
        available = available_memory()
        limit = available // MEMORY_PER_LOG_BYTE if available else None
        data = sys.stdin.buffer.read(limit + 1 if limit else -1)
        if limit and len(data) > limit:
            check_fits_in_memory(len(data) + len(sys.stdin.buffer.read(1 << 20)), "standard input holds over")
        return data
    path = Path(source)
    if path.is_dir():
        raise MgcheckError(Problem("is a directory, not a food log; give the CSV files in it", source))
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return _read_stream(path, source)
        check_fits_in_memory(status.st_size, f"{source} is", estimated_rows(path, status.st_size))
        return path.read_bytes()
    except FileNotFoundError:
        raise MgcheckError(Problem("no such file", source)) from None
    except PermissionError:
        raise MgcheckError(Problem("cannot be read (permission denied)", source)) from None
    except OSError as error:
        raise MgcheckError(Problem(f"cannot be read ({error.strerror})", source)) from None


def _read_stream(path: Path, source: str) -> bytes:
    """A FIFO or device named on purpose (`<(zcat log.gz)`): read in blocks, refusing binary
    data (`/dev/zero`) at its first block and stopping at the memory limit."""
    available = available_memory()
    limit = available // MEMORY_PER_LOG_BYTE if available else None
    chunks: list[bytes] = []
    total = 0
    with open(path, "rb") as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            if not chunks:
                refuse_binary(chunk, source)
            chunks.append(chunk)
            total += len(chunk)
            if limit is not None and total > limit:
                check_fits_in_memory(total, f"{source} holds over")
    return b"".join(chunks)


def refuse_binary(raw: bytes, name: str) -> None:
    """Compressed, spreadsheet, PDF or other binary data is not a food log."""
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise MgcheckError(Problem(f"is {what}, not a text food log; export it as CSV", name))
    if raw.startswith(_UTF16_BOMS):
        return
    if b"\x00" in raw[:65536] and raw[:65536].count(b"\x00") * 4 > min(len(raw), 65536):
        raise MgcheckError(Problem("holds binary data (NUL bytes), not a text food log; export it as CSV", name))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise MgcheckError(
            Problem(
                f"holds binary data (NUL bytes), the first on line {line} of the file (byte {nul + 1:,}): "
                "a damaged or binary file; export the log as CSV again",
                name,
            )
        )


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOM = "\ufeff"


def decode_with_utf8(raw: bytes, name: str, warnings: list[str] | None = None) -> tuple[str, bytes]:
    """The text, and the same text as UTF-8 bytes without a BOM (what the CSV parser reads).

    UTF-8 (with one or more BOMs), UTF-16 with a BOM (Excel's "Unicode Text"), or
    Windows-1252 when no byte sequence of the file is UTF-8 beyond ASCII (an older tool's
    export: said in a warning). A UTF-8 file with an invalid byte is an error naming its line.
    """
    refuse_binary(raw, name)
    if raw.startswith(_UTF16_BOMS):
        try:
            text = raw.decode("utf-16").lstrip(_BOM)
        except UnicodeDecodeError:
            raise MgcheckError(Problem("is UTF-16 text with an invalid character; save it again", name)) from None
        refuse_binary(text.encode("utf-8"), name)
        return text, text.encode("utf-8")
    try:
        text = raw.decode("utf-8")
        if not text.startswith(_BOM):
            return text, raw
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        if _has_utf8_beyond_ascii(raw):
            raise MgcheckError(
                Problem(
                    f"is UTF-8 text with an invalid byte on line {line} of the file (byte {error.start + 1:,}); "
                    "save it again as UTF-8",
                    name,
                )
            ) from None
        text = raw.decode("cp1252", errors="replace")
        if warnings is not None:
            warnings.append(
                f"{name}: not UTF-8 (first such byte on line {line} of the file): read as Windows-1252; "
                "check accented names, or save it as UTF-8"
            )
    text = text.lstrip(_BOM)  # Excel and re-saves can leave two
    return text, text.encode("utf-8")


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_beyond_ascii(raw: bytes) -> bool:
    """True when the bytes hold a valid UTF-8 sequence beyond ASCII (so the file is meant as UTF-8)."""
    return _UTF8_MULTIBYTE.search(raw) is not None


def sniff_separator(text: str) -> str:
    """The separator of the header line: comma, semicolon or tab, whichever it has most of."""
    end = text.find("\n")
    header = text if end < 0 else text[:end]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def normalise_header(name: object) -> str:
    """'  Food Name ' -> 'food_name'; matching of columns is case- and space-insensitive."""
    return re.sub(r"[\s_\-]+", "_", str(name).strip().lower()).strip("_")


def is_xport(raw: bytes, source: str) -> bool:
    """A SAS XPORT file, by its first bytes or its .xpt extension."""
    return raw.startswith(_XPORT_PREFIX) or (source != "-" and Path(source).suffix.lower() == ".xpt")


def _xport_text(values: pd.Series) -> pd.Series:
    """One column of an XPORT file as text: '' for missing, integers without '.0', tiny floats as 0."""
    if values.dtype.kind == "f":
        values = values.mask(values.abs() < _XPORT_ZERO, 0.0)
        missing = values.isna()
        # Rounding to 10 decimals undoes the IBM-float conversion's last-digit noise (63.199999999999996).
        text = values.round(10).astype(str)
        integral = ~missing & (values % 1 == 0) & (values.abs() < 1e15)
        if integral.any():
            text[integral] = values[integral].astype("int64").astype(str)
        text[missing] = ""
        return text.astype("object")
    return values.map(
        lambda v: "" if v is None or v != v else (v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))
    ).str.strip()


def read_xport(raw: bytes, name: str) -> pd.DataFrame:
    """The first member of a SAS XPORT (v5) file as a table of strings, rows numbered from 1."""
    import pandas as pd

    if raw.startswith(_XPORT_PREFIX) and not raw.startswith(XPORT_MAGIC):
        raise MgcheckError(
            Problem("is a SAS XPORT version 8 file; mgcheck reads version 5 (as NHANES publishes) or CSV", name)
        )
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = pd.read_sas(io.BytesIO(raw), format="xport")
    except Exception as error:  # pandas raises ValueError, struct.error, ... on a damaged file
        raise MgcheckError(Problem(f"is not a readable SAS XPORT file ({type(error).__name__})", name)) from None
    try:
        cut = xport_cut_short(raw)
        damaged = cut is not None
    except ValueError:  # headers unreadable by this check: trust pandas' own warning
        cut, damaged = None, any("corrupt" in str(warning.message) for warning in caught)
    if damaged:
        detail = f" (its last row has {cut[0]} of {cut[1]} bytes)" if cut is not None else ""
        raise MgcheckError(
            Problem(
                f"is a SAS XPORT file cut short{detail}: rows and whole subjects may be missing; "
                "download or copy the file again",
                name,
            )
        )
    table = pd.DataFrame({str(column): _xport_text(frame[column]) for column in frame.columns})
    table.index = pd.RangeIndex(1, len(table) + 1)
    if table.empty:
        return cast("pd.DataFrame", table)
    blank = (table == "").all(axis=1)
    return cast("pd.DataFrame", table[~blank])


def xport_cut_short(raw: bytes) -> tuple[int, int] | None:
    """(bytes present, bytes expected) of an incomplete last observation, or None if the data end cleanly.

    XPORT v5 has no row count: a file cut inside an observation leaves a partial row that is not
    blank padding, which is what this detects. A cut that removes whole rows exactly cannot be seen.
    Raises ValueError when the headers cannot be read (then nothing can be said).
    """
    names_at = raw.find(_XPORT_NAMESTR_HEADER)
    obs_at = raw.find(_XPORT_OBS_HEADER)
    if names_at < 0 or obs_at < 0:
        raise ValueError("no NAMESTR or OBS header")
    count = int(raw[names_at + 54 : names_at + 58])
    first = names_at + _XPORT_RECORD
    row_bytes = sum(
        int.from_bytes(raw[start + 4 : start + 6], "big")
        for start in range(first, first + count * _XPORT_NAMESTR_BYTES, _XPORT_NAMESTR_BYTES)
    )
    if row_bytes <= 0:
        raise ValueError("no variables")
    data = raw[obs_at + _XPORT_RECORD :]
    rest = data[len(data) - len(data) % row_bytes :]
    return (len(rest), row_bytes) if rest.strip(b" ") else None


# What an empty file is said to need: a food log's, unless the reader asks for another (a profiles file).
EMPTY_LOG = "is empty; a food log needs a header row and at least one item"


def read_table(source: str, empty: str = EMPTY_LOG) -> tuple[pd.DataFrame, str]:
    """A text table as strings, with blank lines dropped but row numbers kept in the index.

    The index is the 1-based data row (header excluded) so messages can point at it.
    SAS XPORT files (NHANES) are read with pandas and turned into the same string table.
    """
    import pandas as pd

    name = display_name(source)
    raw = read_bytes(source)
    if is_xport(raw, source):
        return read_xport(raw, name), name
    decoding: list[str] = []
    text, utf8 = decode_with_utf8(raw, name, decoding)
    if not text or text.isspace():
        raise MgcheckError(Problem(empty, name))
    longest = longest_line(raw) if may_have_long_line(raw, MAX_LINE_CHARS) else 0
    if longest > MAX_LINE_CHARS:
        raise MgcheckError(
            Problem(f"has a line of {longest:,} characters; is this a food log? (limit {MAX_LINE_CHARS:,})", name)
        )
    separator = sniff_separator(text)
    # The header as written (csv module, which knows a bare CR is a line end): pandas renames a
    # repeated name ("food", "food.1"), and a duplicated column must be reported, not ignored.
    header = next(csv.reader(io.StringIO(text[: 1024 * 1024], newline=""), delimiter=separator), [])
    options: dict[str, Any] = {
        "encoding": "utf-8",
        "sep": separator,
        "keep_default_na": False,
        "skip_blank_lines": False,
        "skipinitialspace": True,
        # Never take the first column as row labels: rows longer than the header are checked below.
        "index_col": False,
    }
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            table = _read_as_categories(utf8, options)
    except pd.errors.ParserError as error:
        raise MgcheckError(_parser_problem(str(error), name)) from None
    if any(issubclass(warning.category, pd.errors.ParserWarning) for warning in caught):
        overlong = first_overlong_row(text, separator, len(header))
        if overlong is not None:
            row, fields = overlong
            raise MgcheckError(
                Problem(
                    f"has {fields} fields on this row but {len(header)} names in the header; "
                    "check the separator, quotes and header (a trailing separator on every row is fine)",
                    name,
                    row,
                )
            )
    if len(header) == len(table.columns):
        table.columns = [column.strip() for column in header]
    table.index = pd.RangeIndex(1, len(table) + 1)
    table = drop_blank_rows(table)
    if decoding:
        table.attrs["read_warnings"] = decoding  # read_logs passes them on
    return table, name


def _read_as_categories(utf8: bytes, options: dict[str, Any]) -> pd.DataFrame:
    """The table with every column a categorical of the text as written.

    A food log repeats a few thousand distinct texts, so the parser builds categoricals
    directly: every later check runs once per distinct value, and comparisons and group-bys
    run on integer codes. pandas infers numbers for a categorical column whose values all look
    numeric ('09040' would become 9040): such columns, recognised on a sample, are read as text.
    (A column with any text in the sample has text in full, so its categories stay text.) Only
    a column that is a number by definition (NUMERIC_COLUMNS) may keep inferred numbers, and
    only finite ones: '1e999' read as inf is read again as the text written.
    """
    import numpy as np
    import pandas as pd

    sample = pd.read_csv(io.BytesIO(utf8), dtype="category", nrows=SAMPLE_ROWS, **options)
    dtypes = {
        i: "category"
        if _text_categories(sample.iloc[:, i]) or normalise_header(sample.columns[i]) in NUMERIC_COLUMNS
        else str
        for i in range(sample.shape[1])
    }
    if len(sample) < SAMPLE_ROWS and all(dtype == "category" for dtype in dtypes.values()):
        table = sample  # the whole file, read as the full read below would read it: not parsed twice
    else:
        table = pd.read_csv(io.BytesIO(utf8), dtype=dtypes, **options)
    for position, dtype in dtypes.items():
        column = table.iloc[:, position]
        numeric = dtype == "category" and not _text_categories(column)
        if numeric and not np.isfinite(column.cat.categories.to_numpy(dtype=np.float64)).all():
            column = pd.read_csv(io.BytesIO(utf8), dtype=str, **{**options, "usecols": [position]}).iloc[:, 0]
            dtype = str
        if dtype is str:
            table.isetitem(position, pd.Categorical(column))
    return cast("pd.DataFrame", table)


def _parser_problem(message: str, name: str) -> Problem:
    """pandas' tokenizer error as one line: which row has how many fields."""
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if found:
        expected, line, saw = (int(group) for group in found.groups())
        return Problem(
            f"has {saw} fields on this row (line {line} of the file) but {expected} names in the header; "
            "check the separator and quotes",
            name,
            line - 1,
        )
    first_line = message.strip().splitlines()[0] if message.strip() else "unknown parser error"
    return Problem(f"is not a readable CSV table ({first_line})", name)


def first_overlong_row(text: str, separator: str, header_fields: int) -> tuple[int, int] | None:
    """The first data row (1-based) with non-empty fields beyond the header's, and its field count."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    next(rows, None)
    for number, fields in enumerate(rows, start=1):
        if len(fields) > header_fields and any(field.strip() for field in fields[header_fields:]):
            return number, len(fields)
    return None


def _text_categories(column: pd.Series) -> bool:
    """True when a categorical column's categories are the text as written (not inferred numbers)."""
    categories = column.cat.categories
    return len(categories) == 0 or categories.dtype == object or str(categories.dtype) in ("str", "string")


def may_have_long_line(raw: bytes, limit: int) -> bool:
    """False when every window of limit/2 bytes has a newline: then no line is longer than limit."""
    step = max(1, limit // 2)
    return any(raw.find(b"\n", start, start + step) < 0 for start in range(0, len(raw), step))


def longest_line(raw: bytes) -> int:
    """Length in bytes of the longest line, without splitting the text into a million strings."""
    import numpy as np

    newlines = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("\n"))
    bounds = np.concatenate(([-1], newlines, [len(raw)]))
    return int(np.diff(bounds).max()) - 1 if len(raw) else 0


def drop_blank_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Rows whose every cell is empty or white space (blank lines), keeping the others' row numbers."""
    from mgcheck.vector import per_distinct

    if table.empty:
        return table
    blank = per_distinct(table.iloc[:, 0], lambda value: not strip_cell(value), "bool")
    for position in range(1, table.shape[1]):
        if not blank.any():
            break
        candidates = table.loc[blank].iloc[:, position]
        blank.loc[candidates.index] = candidates.map(lambda value: not strip_cell(value)).to_numpy(dtype=bool)
    return cast("pd.DataFrame", table[~blank])


def strip_cell(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def streamable_text(source: str) -> bool:
    """A regular UTF-8 text file (not XPORT, not UTF-16 or Windows-1252): one that can be read in chunks."""
    if source == "-" or not Path(source).is_file():
        return False
    with open(source, "rb") as handle:
        head = handle.read(_SAMPLE_BYTES)
    if not head or is_xport(head, source) or head.startswith(_UTF16_BOMS):
        return False
    try:
        refuse_binary(head, source)
        head.decode("utf-8", errors="strict")
    except MgcheckError:
        return False
    except UnicodeDecodeError as error:
        return error.start > len(head) - 4  # a character cut by the sample's end
    return True


def read_table_chunks(source: str, chunk_rows: int) -> Iterator[pd.DataFrame]:
    """The file as `read_table` gives it, in chunks of about `chunk_rows` rows (row numbers kept).

    For a large UTF-8 text log (`streamable_text`): the separator and header are decided on the
    first MiB, as read_table decides them; every cell is read as the text written. A file
    the parser cannot read in parts (a damaged quote, a row longer than the header) is read whole
    by `read_table`, which names the row and what is wrong.
    """
    import pandas as pd

    with open(source, "rb") as handle:
        head = handle.read(_SAMPLE_BYTES)
    text = head.decode("utf-8", errors="ignore").lstrip(_BOM)
    separator = sniff_separator(text)
    header = next(csv.reader(io.StringIO(text, newline=""), delimiter=separator), [])
    options: dict[str, Any] = {
        "encoding": "utf-8-sig",
        "sep": separator,
        "keep_default_na": False,
        "skip_blank_lines": False,
        "index_col": False,
    }
    first = 1
    try:
        # Every column as the text written: a number is parsed by the importer, as in a whole-file
        # read, and messages quote what was written ('1e999', not 'inf'). The parser builds
        # categoricals itself (no string object per cell), but infers numbers for a column whose
        # values all look numeric ('09040' would become 9040): such columns, recognised on a sample,
        # are read as strings; one that turns numeric in a later part is read again as strings.
        sample = _parsed(
            lambda: pd.read_csv(source, dtype="category", nrows=SAMPLE_ROWS, skipinitialspace=True, **options)
        )
        as_text = {i for i in range(sample.shape[1]) if not _text_categories(sample.iloc[:, i])}
        parts_read = 0
        # Cells are read as written until one begins with a blank: skipinitialspace (which drops it, as
        # a whole-file read does) slows pandas' parser by a third, and changes nothing in a part
        # where no cell begins with one. From such a part on, the file is read again with it. Any parse
        # error (pandas raises plain ValueError for some) only costs that second read: raised there, it
        # reaches the caller as before, so a broad catch swallows nothing.
        spaced = False
        while True:
            # Text columns as plain Python strings (object): pandas' str arrays would check each
            # cell again, and the column becomes a categorical of the same strings below.
            dtypes = {i: object if i in as_text else "category" for i in range(sample.shape[1])}
            try:
                reader = pd.read_csv(source, dtype=dtypes, chunksize=chunk_rows, skipinitialspace=spaced, **options)
            except (pd.errors.ParserError, ValueError):
                if spaced:
                    raise
                spaced = True
                continue
            number = 0
            while True:
                try:
                    chunk = _parsed(partial(next, reader, None))
                except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
                    if spaced:
                        raise
                    spaced = True  # a blank before a quote: read as the whole file is
                    break
                if chunk is None:
                    return
                number += 1
                if number <= parts_read:
                    continue  # given out before a column turned numeric
                inferred = {
                    i
                    for i in range(chunk.shape[1])
                    if isinstance(chunk.dtypes.iloc[i], pd.CategoricalDtype) and not _text_categories(chunk.iloc[:, i])
                }
                if inferred:
                    as_text |= inferred
                    break
                for position in range(chunk.shape[1]):
                    if not isinstance(chunk.dtypes.iloc[position], pd.CategoricalDtype):
                        chunk.isetitem(position, pd.Categorical(chunk.iloc[:, position]))
                if not spaced and _begins_with_blank(chunk):
                    spaced = True
                    break
                if len(header) == len(chunk.columns):
                    chunk.columns = [column.strip() for column in header]
                chunk.index = pd.RangeIndex(first, first + len(chunk))
                first += len(chunk)
                parts_read += 1
                yield drop_blank_rows(chunk)
            reader.close()
    except (pd.errors.ParserError, pd.errors.ParserWarning, UnicodeDecodeError, ValueError):
        read_table(source)  # raises the located problem
        raise MgcheckError(
            Problem(f"could not be read in parts after row {first - 1:,}; check quotes and separators", source)
        ) from None


def _begins_with_blank(chunk: pd.DataFrame) -> bool:
    """Whether a column name or a cell of a part read as text categoricals begins with a space."""
    return any(str(name).startswith(" ") for name in chunk.columns) or any(
        bool(chunk.iloc[:, position].cat.categories.astype(str).str.startswith(" ").any())
        for position in range(chunk.shape[1])
    )


def _parsed(read: Callable[[], T]) -> T:
    """What `read` returns, with a parser warning (a row longer than the header) raised as an error."""
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        return read()
