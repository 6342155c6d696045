"""Studies of any size in bounded memory: large logs read in chunks, each resolved, only day sums kept.

`summary` and `population` need no item table, only each subject's day totals and item counts,
which add up across chunks (and, for `population`, each subject's profile columns). So a large UTF-8 text log is read `CHUNK_ROWS` rows at a time; each
chunk meets the same importer, checks, matching and unit conversion as a whole file (messages name
the file's own rows), and is reduced to per-subject-day sums before the next is read. Memory then
follows the chunk size, the subject-days and the distinct texts, not the rows.

Profiles are gathered from every chunk and resolved once at the end, so a subject whose rows are
spread over the file is one person, and rows that disagree are still a conflict. Warnings repeated
by several chunks are given once. XPORT, UTF-16 and Windows-1252 files, and standard input, are read
whole (as without streaming).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mgcheck.errors import MgcheckError, Problem, RowWarning
from mgcheck.schema import LOG_COLUMNS, NO_SUBJECT, PROFILE_COLUMNS
from mgcheck.vector import remembered

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from mgcheck.assess import Assessment
    from mgcheck.book import Catalogue
    from mgcheck.matching import FoodIndex, Match
    from mgcheck.pipeline import Request
    from mgcheck.resolve import ConversionMemo, Resolved

# A study whose logs hold more rows than this (estimated from their first MiB) is streamed.
STREAM_ROWS = 1_000_000
CHUNK_ROWS = 250_000


def _paths(request: Request) -> list[str] | None:
    """The request's files, or None when it holds a DataFrame (the API reads those whole)."""
    from mgcheck.pipeline import expand_sources

    if not all(isinstance(source, str) for source in request.sources):
        return None
    return expand_sources([str(source) for source in request.sources], [], request.option_files())


def should_stream(request: Request, threshold: int | None = None) -> bool:
    """True when the request's logs are estimated to hold more rows than `threshold` (STREAM_ROWS)."""
    from mgcheck.importers.reading import estimated_rows

    limit = STREAM_ROWS if threshold is None else threshold
    paths = _paths(request)
    if not paths:
        return False
    rows = 0
    for path in paths:
        if path != "-" and Path(path).is_file():
            rows += estimated_rows(Path(path), Path(path).stat().st_size)
    return rows > limit


def run_streamed(request: Request, chunk_rows: int | None = None) -> Assessment:
    """The assessment `pipeline.run` gives, from day sums only.

    Its `items` holds no items: one row per subject and distinct profile (subject, the profile
    columns the logs have, the request's `keep_columns`, file, row), which is what `population`
    reads from items.
    """
    from mgcheck.pipeline import _comma_mode

    with _comma_mode(request.comma, request.measures):
        return _run_streamed(request, chunk_rows or CHUNK_ROWS)


def _run_streamed(request: Request, chunk_rows: int) -> Assessment:
    import pandas as pd

    from mgcheck.assess import assess_days
    from mgcheck.logs import _file_subjects, subject_option_ignored
    from mgcheck.pipeline import (
        catalogue,
        checked_profiles,
        expand_sources,
        sorted_problems,
    )
    from mgcheck.resolve import ConversionMemo

    warnings: list[str] = []
    paths = expand_sources([str(source) for source in request.sources], warnings, request.option_files())
    own_subject = _file_subjects(paths)
    request.progress("Matching foods")
    found = catalogue(request, warnings)
    index = cast("FoodIndex", _Remembering(found.index))
    memo = ConversionMemo()  # each (food, unit) pair converted once across all parts
    read_problems: list[Problem] = []
    # Problems of matching and units, with the subject of their row: a subject skipped for want of
    # a profile (--skip-incomplete) is not matched in a whole-file run, so its problems do not count.
    item_problems: list[tuple[Problem, str]] = []
    day_parts: list[pd.DataFrame] = []
    count_parts: list[pd.DataFrame] = []
    profile_parts: list[pd.DataFrame] = []
    with_subject: list[str] = []
    with remembered():  # a text's checks are made once, not once per part and file
        for path in paths:
            parts = _read_file(path, chunk_rows, request, request.subject or own_subject[path], index, found, memo)
            if parts.named:
                with_subject.append(path)
            read_problems += parts.read_problems
            item_problems += parts.item_problems
            warnings += parts.warnings
            day_parts += parts.days
            count_parts += parts.counts
            profile_parts += parts.profiles
    if with_subject and request.subject:
        warnings.append(subject_option_ignored(with_subject))
    if read_problems:
        # Every problem at once, as a whole-file run gives them (`_problems_with_rows_checked`): the
        # other parts' unit, plausibility and (under --strict) unknown-food problems too.
        raise MgcheckError(sorted_problems(read_problems + [problem for problem, _ in item_problems]))
    if not day_parts:
        raise MgcheckError(Problem("no items are left to assess in the given files; see the warnings"))

    profile_log = pd.concat(profile_parts, ignore_index=True)
    profiles = checked_profiles(profile_log, request, warnings)
    problems = [problem for problem, subject in item_problems if subject in profiles]
    if problems:
        raise MgcheckError(sorted_problems(problems))
    request.progress("Assessing subjects")
    days = _summed_days(day_parts)
    days = days[days["subject"].isin(list(profiles))].reset_index(drop=True)
    if days.empty:
        raise MgcheckError(
            Problem("no subject is left to assess: every subject was skipped for want of a profile (sex, age)")
        )
    counts = pd.concat(count_parts).groupby(level=0).sum()
    assessment = assess_days(days, counts, profiles, request.standard)
    subjects = assessment.subjects
    # As lists: iterating a text column costs a pandas call per cell (10,000 subjects, three columns).
    for subject, conclusion, code in zip(
        subjects["subject"].tolist(), subjects["conclusion"].tolist(), subjects["conclusion_code"].tolist(), strict=True
    ):
        if code == "not_judged":
            warnings.append(f"subject {subject}: usual intake {conclusion}")
    # No item table: in its place, each subject's distinct profile rows (what `population` reads from
    # items: a --by or --weights column of the log).
    kept = profile_log[profile_log["subject"].astype(str).isin(list(profiles))].reset_index(drop=True)
    return replace(
        assessment, items=kept, warnings=tuple(dict.fromkeys(warnings)), foods=found.index.foods, recipes=found.recipes
    )


# Stands for "no subject column" while a file is read in parts: whether the file names its subjects
# is known only once every part is read (a blank part of a file that names them is an error).
_NO_SUBJECT = NO_SUBJECT  # (mgcheck.schema: read_logs knows it is no --subject of the user's)
_MAX_BLANK_ROWS = 1000


@dataclass
class _FileParts:
    """What one file gave: per-subject-day sums, item counts, profile rows, problems and warnings."""

    days: list[pd.DataFrame] = field(default_factory=list)
    counts: list[pd.DataFrame] = field(default_factory=list)
    profiles: list[pd.DataFrame] = field(default_factory=list)
    read_problems: list[Problem] = field(default_factory=list)
    item_problems: list[tuple[Problem, str]] = field(default_factory=list)
    named: bool = False  # some part names its subjects (a subject column)
    warnings: list[str] = field(default_factory=list)
    # While the parts are read: each warning with the number of the part that gave it (0: the file's).
    marked: list[tuple[int, str]] = field(default_factory=list)


def _read_file(
    path: str, chunk_rows: int, request: Request, own: str, index: FoodIndex, found: Catalogue, memo: ConversionMemo
) -> _FileParts:
    """One file, in parts when it is large UTF-8 text (else whole), reduced to sums."""
    from mgcheck.assess import day_table, item_counts
    from mgcheck.importers.reading import normalise_header, read_table_chunks, streamable_text
    from mgcheck.logs import ChunkSource, read_logs
    from mgcheck.pipeline import (
        _problems_with_rows_checked,
        _unknown_foods,
        list_unreadable,
        recipe_unit_problems,
        unresolved_warnings,
    )
    from mgcheck.resolve import SUM_COLUMNS, list_item_problems

    parts = _FileParts()
    extra = {"column_map": request.column_map} if request.column_map else {}
    named = False  # some part names its subjects
    blank_rows: list[int] = []  # rows of parts that name none
    blank_count = 0
    seen = _SeenLines()  # the file's lines resolved so far
    pieces = read_table_chunks(path, chunk_rows) if streamable_text(path) else iter([None])
    try:
        for number, piece in enumerate(pieces, start=1):
            request.progress(f"Reading {path}, part {number}")
            source = path if piece is None else ChunkSource(piece, path)
            read = read_logs(
                [source],
                request.date_format,
                request.input_format,
                subject=_NO_SUBJECT,
                keep_columns=request.keep_columns,
                names=request.option_names,
                **extra,
            )
            parts.marked += [(number, warning) for warning in read.warnings]
            if read.problems and (request.strict or not list_unreadable(read)):
                parts.read_problems += _problems_with_rows_checked(read, request)
                continue
            log = read.log
            if log.empty:
                continue
            unnamed = bool((log["subject"] == _NO_SUBJECT).all())  # categorical: compared by code
            if unnamed:
                blank_count += len(log)
                blank_rows += [int(row) for row in log["row"][: max(_MAX_BLANK_ROWS - len(blank_rows), 0)]]
            else:
                named = True
            # Each subject's distinct profile, with the columns kept for population (--by, --weights).
            kept = [c for c in dict.fromkeys(map(normalise_header, request.keep_columns)) if c in log.columns]
            kept = [c for c in kept if c not in LOG_COLUMNS and c not in PROFILE_COLUMNS]
            columns = ["subject", *(c for c in PROFILE_COLUMNS if c in log), *kept, "file", "row"]
            parts.profiles.append(log[columns].drop_duplicates(subset=columns[:-2]))
            # Under --strict an unknown food's problem quotes its suggestions: every column then.
            wanted = None if request.strict else SUM_COLUMNS
            resolved = _resolve_lines(log, index, found.measures, request.recompute, memo, wanted, seen)
            parts.marked += [(number, warning) for warning in resolved.warnings]
            problems = list(resolved.problems) + recipe_unit_problems(resolved.items, found.recipes)
            if not request.strict and list_item_problems(resolved, problems):
                problems = []
            if request.strict:
                problems += resolved.unresolved + _unknown_foods(resolved.items, strict=True)
            else:
                parts.marked += [(number, warning) for warning in unresolved_warnings(resolved.unresolved)]
            if problems:
                subjects = dict(zip(log["row"].astype(int), log["subject"].astype(str), strict=True))
                parts.item_problems += [(p, subjects.get(int(p.row), "") if p.row else "") for p in problems]
            parts.days.append(day_table(resolved.items, request.recompute, ordered=False))
            parts.counts.append(item_counts(resolved.items))
    except MgcheckError as error:
        parts.read_problems += error.problems
    if named and blank_count:
        message = "subject is empty; in a file with a subject column every row needs its subject"
        parts.read_problems += [Problem(message, path, row) for row in blank_rows]
        if blank_count > len(blank_rows):
            parts.read_problems.append(Problem(f"{message} ({blank_count - len(blank_rows):,} more rows)", path))
    parts.warnings = _merged_row_warnings(parts.marked, path)
    parts.named = named
    _rename_subject(parts, own)
    return parts


# Columns that say where and when a row was eaten, which resolving a row never reads: rows alike in
# every other column resolve alike.
_WHERE_COLUMNS = frozenset({"subject", "file", "row", "date", "meal", "time", "notes", *PROFILE_COLUMNS})


def _resolve_lines(
    log: pd.DataFrame,
    index: FoodIndex,
    measures: pd.DataFrame,
    recompute: bool,
    memo: ConversionMemo,
    columns: frozenset[str] | None,
    seen: _SeenLines,
) -> Resolved:
    """`resolve` of a part, resolving each distinct line (its columns but where and when) once a file.

    A part of a million-row study holds some 200,000 rows but a few thousand distinct lines, most of
    them met in the file's earlier parts: only lines new to the file are resolved, and each line's
    results are taken onto its rows. Warnings and problems name the part's rows of their lines, in
    the part's order, as resolving every row gives them; the day limits are checked on the rows.
    With `columns` None (every result column) the part is resolved row by row.
    """
    import numpy as np

    from mgcheck.resolve import Resolved, _check_plausible, resolve

    if columns is None:
        return resolve(log, index, measures, recompute=recompute, memo=memo)
    codes = _line_codes(log)
    # Codes are numbered in order of first row: a line's first row is where the running maximum grows.
    first = np.flatnonzero(codes > np.maximum.accumulate(np.append(-1, codes[:-1])))
    lines = log.iloc[first].reset_index(drop=True)
    keys = list(zip(*(lines[c].tolist() for c in lines.columns if c not in _WHERE_COLUMNS), strict=True))
    ids = np.array([seen.ids.get(key, -1) for key in keys], dtype=np.int64)
    fresh = np.flatnonzero(ids < 0)
    loose: tuple[list[str], list[Problem], list[Problem]] = ([], [], [])  # warnings and problems of no row
    if fresh.size:
        new_lines = lines.iloc[fresh].reset_index(drop=True)
        new_lines["row"] = np.arange(len(new_lines), dtype=np.int64)  # a line's "row" is its number here
        result = resolve(new_lines, index, measures, recompute=recompute, memo=memo, columns=columns, plausible=False)
        if not seen.fits(result.items, columns):  # other result columns than the lines seen: start again
            seen.clear()
            return _resolve_lines(log, index, measures, recompute, memo, columns, seen)
        ids[fresh] = seen.add([keys[position] for position in fresh.tolist()], result, columns, loose)
    # Each line's positions in the part, in order: `order[starts[code]:starts[code + 1]]`. (A stable
    # sort of 16-bit codes is a radix sort: some 5 times faster than of 64-bit ones.)
    order = np.argsort(codes.astype(np.uint16) if len(lines) <= 2**16 else codes, kind="stable")
    starts = np.append(0, np.cumsum(np.bincount(codes, minlength=len(lines))))
    rows = log["row"].to_numpy()

    def line_rows(line_codes: list[int]) -> np.ndarray:
        return cast("np.ndarray", rows[np.sort(np.concatenate([order[starts[c] : starts[c + 1]] for c in line_codes]))])

    items = log.copy(deep=False)
    for column, values in seen.columns(ids, codes).items():
        items[column] = values
    spread = Resolved(items=items, warnings=loose[0], problems=loose[1], unresolved=loose[2])
    by_warning: dict[int, list[int]] = {}  # each warning's lines in the part
    noted = np.array([bool(seen.line_warnings[line] or seen.line_problems[line]) for line in ids.tolist()], dtype=bool)
    for code, line in zip(np.flatnonzero(noted).tolist(), ids[noted].tolist(), strict=True):
        for number in seen.line_warnings[line]:
            by_warning.setdefault(number, []).append(code)
        for unresolved, problem in seen.line_problems[line]:
            into = spread.unresolved if unresolved else spread.problems
            into += [replace(problem, row=int(row)) for row in line_rows([code])]
    # Warnings in the order the file first gave them: those new in this part come as resolving it gives them.
    for number in sorted(by_warning):
        file, message, counted = seen.warnings[number]
        spread.warnings.append(RowWarning(file, line_rows(by_warning[number]), message, counted=counted))
    _check_plausible(items, spread.problems)
    return spread


@dataclass
class _SeenLines:
    """The distinct lines of one file resolved so far: each line's result columns, and its warnings
    and problems with the rows left out (each part names its own rows)."""

    ids: dict[tuple[Any, ...], int] = field(default_factory=dict)
    """Each line's number, by its cells (the columns but `_WHERE_COLUMNS`)."""
    values: dict[str, np.ndarray] = field(default_factory=dict)
    """Each kept result column's value of every line: a categorical's codes into `categories`."""
    categories: dict[str, pd.Index] = field(default_factory=dict)
    """The categories of each categorical column, in the order first met; the others' dtypes below."""
    dtypes: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[str, str, bool]] = field(default_factory=list)
    """Each warning's file, message and whether it is counted, in the order first given."""
    numbers: dict[tuple[str, bool, int], int] = field(default_factory=dict)
    """Each warning's number, by its message, counted flag and how many of that message came before it."""
    line_warnings: list[list[int]] = field(default_factory=list)
    line_problems: list[list[tuple[bool, Problem]]] = field(default_factory=list)
    """Each line's problems (row None), each marked True when it is one of `Resolved.unresolved`."""

    def clear(self) -> None:
        """Forget every line."""
        for value in vars(self).values():
            value.clear()

    @staticmethod
    def _kept(items: pd.DataFrame, columns: frozenset[str]) -> list[str]:
        # Only what a summary reads from its items (day sums, item counts, the day limits): a million
        # cells of the others (reasons, suggestions, bases) cost seconds to take.
        return [c for c in items.columns if c in columns or c in ("code_unmatched", "code_kept")]

    def fits(self, items: pd.DataFrame, columns: frozenset[str]) -> bool:
        """Whether resolved lines give the kept columns, of the kinds, of the lines seen."""
        import pandas as pd

        if not self.ids:
            return True
        kept = self._kept(items, columns)
        if set(kept) != set(self.values):
            return False
        return all(
            (c in self.categories) == isinstance(items[c].dtype, pd.CategoricalDtype)
            and (c in self.categories or items[c].dtype == self.dtypes[c])
            for c in kept
        )

    def add(
        self,
        keys: list[tuple[Any, ...]],
        result: Resolved,
        columns: frozenset[str],
        loose: tuple[list[str], list[Problem], list[Problem]],
    ) -> list[int]:
        """Keep new lines, resolved as `result` (whose row i is keys[i]); their numbers. Warnings and
        problems of no row are added to `loose`."""
        import numpy as np
        import pandas as pd

        base = len(self.ids)
        numbers = list(range(base, base + len(keys)))
        self.ids.update(zip(keys, numbers, strict=True))
        for column in self._kept(result.items, columns):
            values = result.items[column]
            if isinstance(values.dtype, pd.CategoricalDtype):
                known = self.categories.get(column, pd.Index([], dtype=object))
                met = values.cat.categories
                known = self.categories[column] = known.append(met[~met.isin(known)])
                # The result's codes made codes into the categories met so far (-1, missing, stays -1).
                added = np.append(known.get_indexer(met), -1)[values.cat.codes.to_numpy()]
            else:
                self.dtypes[column] = values.dtype
                added = np.asarray(values.to_numpy())
            kept = self.values.get(column)
            self.values[column] = added if kept is None else np.concatenate([kept, added])
        self.line_warnings += [[] for _ in keys]
        self.line_problems += [[] for _ in keys]
        given: dict[tuple[str, bool], int] = {}  # how many times each message came in this result
        for warning in result.warnings:
            if not isinstance(warning, RowWarning):
                loose[0].append(warning)
                continue
            before = given.get((warning.message, warning.counted), 0)
            given[(warning.message, warning.counted)] = before + 1
            number = self.numbers.setdefault((warning.message, warning.counted, before), len(self.warnings))
            if number == len(self.warnings):
                self.warnings.append((warning.file, warning.message, warning.counted))
            for row in warning.rows:
                self.line_warnings[base + row].append(number)
        for unresolved, problems in ((False, result.problems), (True, result.unresolved)):
            for problem in problems:
                if problem.row is None:
                    (loose[2] if unresolved else loose[1]).append(problem)
                else:
                    self.line_problems[base + problem.row].append((unresolved, replace(problem, row=None)))
        return numbers

    def columns(self, lines: np.ndarray, codes: np.ndarray) -> dict[str, Any]:
        """Each kept column's values for rows whose codes index `lines`."""
        import numpy as np
        import pandas as pd

        taken: dict[str, Any] = {}
        for column, values in self.values.items():
            chosen = values[lines][codes]
            if column in self.categories:
                taken[column] = pd.Categorical.from_codes(chosen, categories=self.categories[column], validate=False)
            elif isinstance(self.dtypes[column], np.dtype):
                taken[column] = chosen
            else:  # an extension type (pandas' text)
                taken[column] = pd.array(chosen, dtype=self.dtypes[column])
        return taken


def _line_codes(log: pd.DataFrame) -> np.ndarray:
    """Each row's line: one code per distinct combination of the columns but `_WHERE_COLUMNS`,
    numbered in order of first row."""
    import numpy as np
    import pandas as pd

    codes = np.zeros(len(log), dtype=np.int64)
    span = 1  # codes lie in [0, span)
    for column in (c for c in log.columns if c not in _WHERE_COLUMNS):
        values = log[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            column_codes, size = values.cat.codes.to_numpy(dtype=np.int64) + 1, len(values.cat.categories) + 1
        else:
            column_codes, uniques = pd.factorize(values, use_na_sentinel=False)
            size = len(uniques)
        if span * size >= 2**62:  # renumbered before the product could overflow
            renumbered, seen = pd.factorize(codes)
            codes, span = np.asarray(renumbered, dtype=np.int64), len(seen)
        codes, span = codes * size + column_codes, span * size
    line_codes, _ = pd.factorize(codes)
    return np.asarray(line_codes, dtype=np.int64)


def _merged_row_warnings(marked: list[tuple[int, str]], path: str) -> list[str]:
    """Each part's warnings about rows of `path` given once, as reading the file whole gives them.

    `marked` pairs each warning with the number of the part that gave it. A unit note ("'cup'
    has several measures", a `mgcheck.errors.RowWarning`) is raised by every part holding such
    a row: the merged warning lists the file's first rows, then "...", and says how many parts
    it covers. Other warnings are kept as they are (the same text twice is given once at the end).
    """
    rows: dict[str, list[int]] = {}  # message -> rows of every part, in order
    numbers: dict[str, set[int]] = {}  # message -> the parts that gave it
    counted: dict[str, bool] = {}  # message -> whether it shows the number of its rows
    order: list[tuple[str, bool]] = []  # (text, is a merged message), in order of first appearance
    for number, warning in marked:
        if not (isinstance(warning, RowWarning) and warning.file == path):
            order.append((warning, False))
            continue
        if warning.message not in rows:
            rows[warning.message], numbers[warning.message] = [], set()
            order.append((warning.message, True))
        rows[warning.message] += warning.rows
        numbers[warning.message].add(number)
        counted[warning.message] = warning.counted
    result = []
    for text, is_merged in order:
        if not is_merged:
            result.append(text)
            continue
        parts = f" (in {len(numbers[text])} parts of the file)" if len(numbers[text]) > 1 else ""
        result.append(RowWarning(path, rows[text], text + parts, counted=counted[text]))
    return result


def _rename_subject(parts: _FileParts, own: str) -> None:
    """The file's own subject (its name, or --subject) where no subject column named one."""
    for frame in (*parts.days, *parts.profiles):
        frame["subject"] = frame["subject"].astype(str).replace(_NO_SUBJECT, own)
    for position, counts in enumerate(parts.counts):
        if _NO_SUBJECT in counts.index:  # (renaming maps every subject of the part through the dict)
            parts.counts[position] = counts.rename(index={_NO_SUBJECT: own})
    parts.item_problems = [
        (problem, own if subject == _NO_SUBJECT else subject) for problem, subject in parts.item_problems
    ]


class _Remembering:
    """A food index that matches each distinct text once across all chunks (else as the index it wraps)."""

    def __init__(self, index: FoodIndex) -> None:
        self._index = index
        self._matched: dict[str, Match] = {}

    def match_many(self, texts: list[str]) -> dict[str, Match]:
        new = [text for text in dict.fromkeys(texts) if text not in self._matched]
        if new:
            self._matched.update(self._index.match_many(new))
        return {text: self._matched[text] for text in texts}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def _summed_days(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Per-subject-day sums of every chunk, added up (every column of `day_table` is additive)."""
    import pandas as pd

    days = pd.concat(parts, ignore_index=True)
    sums = [column for column in days.columns if column not in ("subject", "date")]
    # Sorted by the group-by (its keys are unique, so no tie is left to keep in order): the same rows in
    # the same order as sorting the summed table, without moving its 12 columns again.
    return days.groupby(["subject", "date"], as_index=False, sort=True)[sums].sum()
