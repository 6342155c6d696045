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

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mgcheck.errors import MgcheckError, Problem
from mgcheck.schema import PROFILE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment
    from mgcheck.matching import FoodIndex, Match
    from mgcheck.pipeline import Request

# A study whose logs hold more rows than this (estimated from their first MiB) is streamed.
STREAM_ROWS = 1_000_000
CHUNK_ROWS = 250_000


def _paths(request: Request) -> list[str] | None:
    """The request's files, or None when it holds a DataFrame (the API reads those whole)."""
    from mgcheck.pipeline import expand_sources

    if not all(isinstance(source, str) for source in request.sources):
        return None
    return expand_sources([str(source) for source in request.sources], [])


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


def run_streamed(request: Request, chunk_rows: int = CHUNK_ROWS) -> Assessment:
    """The assessment `pipeline.run` gives, from day sums only.

    Its `items` holds no items: one row per subject and distinct profile (subject, the profile
    columns the logs have, file, row), which is what `population` reads from items.
    """
    from mgcheck.pipeline import _comma_mode

    with _comma_mode(request.comma):
        return _run_streamed(request, chunk_rows)


def _run_streamed(request: Request, chunk_rows: int) -> Assessment:
    import pandas as pd

    from mgcheck.assess import assess_days, day_table, item_counts
    from mgcheck.importers.reading import read_table_chunks, streamable_text
    from mgcheck.logs import ChunkSource, _file_subjects, read_logs
    from mgcheck.pipeline import (
        _problems_with_rows_checked,
        _unknown_foods,
        _without_reference,
        catalogue,
        expand_sources,
        recipe_unit_problems,
        sorted_problems,
        unresolved_warnings,
    )
    from mgcheck.profiles import resolve_profiles
    from mgcheck.resolve import resolve

    warnings: list[str] = []
    paths = expand_sources([str(source) for source in request.sources], warnings)
    own_subject = _file_subjects(paths)
    request.progress("Matching foods")
    found = catalogue(request, warnings)
    index = cast("FoodIndex", _Remembering(found.index))
    extra = {"column_map": request.column_map} if request.column_map else {}
    problems: list[Problem] = []
    day_parts: list[pd.DataFrame] = []
    count_parts: list[pd.DataFrame] = []
    profile_parts: list[pd.DataFrame] = []
    for path in paths:
        pieces = read_table_chunks(path, chunk_rows) if streamable_text(path) else iter([None])
        try:
            for number, piece in enumerate(pieces, start=1):
                request.progress(f"Reading {path}, part {number}")
                source = path if piece is None else ChunkSource(piece, path)
                read = read_logs(
                    [source],
                    request.date_format,
                    request.input_format,
                    subject=request.subject or own_subject[path],
                    **extra,
                )
                warnings.extend(read.warnings)
                if read.problems:
                    problems += _problems_with_rows_checked(read, request)
                    continue
                log = read.log
                columns = ["subject", *(c for c in PROFILE_COLUMNS if c in log), "file", "row"]
                profile_parts.append(log[columns].drop_duplicates(subset=columns[:-2]))
                resolved = resolve(log, index, found.measures, recompute=request.recompute)
                warnings.extend(resolved.warnings)
                problems += list(resolved.problems) + recipe_unit_problems(resolved.items, found.recipes)
                if request.strict:
                    problems += resolved.unresolved + _unknown_foods(resolved.items, strict=True)
                else:
                    warnings.extend(unresolved_warnings(resolved.unresolved))
                day_parts.append(day_table(resolved.items, request.recompute))
                count_parts.append(item_counts(resolved.items))
        except MgcheckError as error:
            problems += error.problems
    if problems:
        raise MgcheckError(sorted_problems(problems))
    if not day_parts:
        raise MgcheckError(Problem("no log held an item to assess"))

    profile_log = pd.concat(profile_parts, ignore_index=True)
    profiles, problems = resolve_profiles(
        profile_log, request.profile, request.profiles_file, request.skip_incomplete, warnings
    )
    if problems:
        raise MgcheckError(problems)
    problems = _without_reference(profile_log, profiles, request)
    if problems:
        raise MgcheckError(problems)
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
    for subject, conclusion, code in zip(
        subjects["subject"], subjects["conclusion"], subjects["conclusion_code"], strict=True
    ):
        if code == "not_judged":
            warnings.append(f"subject {subject}: usual intake {conclusion}")
    # No item table: in its place, each subject's distinct profile rows (what `population` reads from
    # items: a --by or --weights column of the log).
    kept = profile_log[profile_log["subject"].astype(str).isin(list(profiles))].reset_index(drop=True)
    return replace(
        assessment, items=kept, warnings=tuple(dict.fromkeys(warnings)), foods=found.index.foods, recipes=found.recipes
    )


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
    days = days.groupby(["subject", "date"], as_index=False, sort=False)[sums].sum()
    return cast("pd.DataFrame", days.sort_values(["subject", "date"], kind="stable", ignore_index=True))
