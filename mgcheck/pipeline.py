"""One call from food-log files to an assessment: read, attach profiles, resolve, assess."""

from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

from mgcheck.errors import MgcheckError, Problem, UsageProblem, reasons_by_row
from mgcheck.profiles import ProfileMissing, near_misses, parse_conditions, resolve_profiles
from mgcheck.reference import CLI_OPTIONS, OptionNames, Profile

__all__ = ["Request", "Validation", "expand_sources", "parse_conditions", "read", "run", "validate"]

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment
    from mgcheck.book import Catalogue
    from mgcheck.logs import FrameSource, LogReadResult
    from mgcheck.matching import FoodIndex
    from mgcheck.recipes import Recipe


@dataclass
class Request:
    """What to assess and how: everything the CLI gathered from its options.

    Results are never written back: `run` returns the warnings in `Assessment.warnings`.
    """

    sources: Sequence[str | FrameSource]  # paths, '-', directories, glob patterns, or DataFrames (API)
    profile: Profile | None = None  # from --sex/--age/...: applies to every subject without its own
    # --sex or --age given alone (profiles.partial_profile): completes the log's own profile columns
    partial_profile: dict[str, str] | None = None
    profiles_file: str | FrameSource | None = None  # a file's path, or the API's DataFrame
    standard: str = "iom"
    date_format: str | None = None
    input_format: str = "auto"
    foods_file: str | None = None
    strict: bool = False
    recompute: bool = False
    skip_incomplete: bool = False
    column_map: dict[str, str] | None = None
    recipes_file: str | None = None  # --recipes: home-made dishes
    book: str | None = None  # the clinic food book folder (--book, MGCHECK_BOOK or mgcheck.toml)
    subject: str | None = None  # --subject: the one person of every file without a subject column
    comma: str = "ambiguous"  # how '1,000' reads: refused as ambiguous, or --decimal-comma / --thousands-comma
    measures: str = "us"  # whose household measures the units are (--measures): "us", "uk" or "au"
    keep_columns: tuple[str, ...] = ()  # log columns carried to the items beside the log's own (population --by)
    progress: Callable[[str], None] = field(default=lambda stage: None)
    # How the caller's profile options are named in a problem: the CLI's --sex, assess_logs' sex=.
    option_names: OptionNames = CLI_OPTIONS

    def __post_init__(self) -> None:
        if self.subject is not None:
            from mgcheck.text import printable_name

            self.subject = printable_name(self.subject)  # a --subject of bytes that are not UTF-8

    def option_files(self) -> dict[str, str]:
        """The files the options name (path: what it is), which a folder of logs may hold but are no logs."""
        from mgcheck.book import book_files

        named = {path: "a file of the food book" for path in book_files(self.book)}
        for path, option in ((self.profiles_file, "--profiles"), (self.foods_file, "--foods"), (self.recipes_file, "--recipes")):  # fmt: skip
            if isinstance(path, str) and path:
                named[path] = f"the {option} file"
        return named


LOG_SUFFIXES = (".csv", ".tsv", ".txt", ".xpt")


# Names a folder run skips as hidden: dot-files (`ls`), and the '~$' owner files Excel and Word keep
# beside a document open for editing (binary; one stopped a folder run, the session 27 review).
_HIDDEN = (".", "~$")


def expand_sources(
    sources: list[str], warnings: list[str] | None = None, not_logs: dict[str, str] | None = None
) -> list[str]:
    """Files as given; a directory gives its log files (sorted); a glob pattern its matches.

    A name that exists is never treated as a pattern, and '-' stays standard input.
    Directories and patterns give regular files only: a FIFO, socket or device among them is
    skipped with a warning (reading one could block for ever). The same file given twice, by
    any path (`x.csv ./x.csv`, a symlink, a hard link), is read once, with a warning.
    A directory or pattern also skips, with a warning, the files of `not_logs` (path: the option
    that names it, such as a `--profiles` file kept beside the logs); a file named alone is read.
    A directory's hidden files (a name starting with '.': macOS's `._P001.csv`) are skipped as `ls`
    skips them, and its sub-folders are not searched: one warning counts each kind.
    """
    expanded: list[str] = []
    skipped: list[str] = []
    hidden: list[str] = []
    folders: list[str] = []
    for source in sources:
        path = Path(source)
        if source == "-" or path.is_file():
            expanded.append(source)
        elif path.is_dir():
            listed = sorted(path.iterdir())
            # As `ls` does: dot-files are not listed (macOS AppleDouble `._P001.csv` beside every file copied
            # to a share holds binary metadata; one stopped a clinic's whole batch).
            hidden += [str(p) for p in listed if p.name.startswith(_HIDDEN) and p.suffix.lower() in LOG_SUFFIXES]
            folders += [str(p) for p in listed if p.is_dir() and not p.name.startswith(".")]
            entries = [p for p in listed if p.suffix.lower() in LOG_SUFFIXES and not p.name.startswith(_HIDDEN)]
            found = _without_companions(
                _logs_only([str(p) for p in entries if p.is_file()], not_logs, warnings), warnings
            )
            skipped += [str(p) for p in entries if not p.is_file() and not p.is_dir()]
            if not found:
                raise MgcheckError(Problem(f"is a directory with no log files ({', '.join(LOG_SUFFIXES)})", source))
            expanded.extend(found)
        elif glob.has_magic(source):
            matches = sorted(glob.glob(source))
            if not matches:
                raise MgcheckError(Problem("matches no files", source))
            logs = _logs_only([match for match in matches if Path(match).is_file()], not_logs, warnings)
            expanded.extend(_without_companions(logs, warnings))
            skipped += [match for match in matches if not Path(match).is_file() and not Path(match).is_dir()]
        else:
            expanded.append(source)  # read_table reports it missing (or reads a device/FIFO named on purpose)
    if warnings is not None and skipped:
        shown = ", ".join(skipped[:5]) + (" ..." if len(skipped) > 5 else "")
        warnings.append(f"skipped {len(skipped)} special file(s) (not regular files: FIFO, socket or device): {shown}")
    if warnings is not None and hidden:
        shown = ", ".join(hidden[:5]) + (" ..." if len(hidden) > 5 else "")
        warnings.append(
            f"skipped {len(hidden)} hidden file(s) in the folder(s) given (a name starting with '.', such as "
            f"macOS's ._ copies, or an office program's '~$' lock file): {shown}; name one on its own to read it"
        )
    if warnings is not None and folders:
        shown = ", ".join(f"{folder}/" for folder in folders[:5]) + (" ..." if len(folders) > 5 else "")
        warnings.append(
            f"skipped {len(folders)} sub-folder(s), not searched: {shown}; give each folder to read its logs"
        )
    return _once_each(expanded, warnings)


def _without_companions(found: list[str], warnings: list[str] | None) -> list[str]:
    """The files a directory or pattern found, less an export's files that hold no items (ASA24's
    Totals.csv, TS.csv, TNMYPHEI.csv beside Items.csv and INS.csv), each skipped with a warning.
    Only the header line is read (the first 64 KB); a file that cannot be read stays, for the reader
    to report."""
    from mgcheck.importers import importers
    from mgcheck.importers.reading import normalise_header, sniff_separator

    judges = [judge for importer in importers().values() if (judge := getattr(importer, "companion", None))]
    if not judges:
        return found
    kept = []
    for source in found:
        try:
            with open(source, "rb") as handle:
                head = handle.read(65536).decode("utf-8-sig", errors="replace")
        except OSError:
            kept.append(source)
            continue
        line = head.split("\n", 1)[0].rstrip("\r")
        columns = [normalise_header(cell.strip('"')) for cell in line.split(sniff_separator(line))]
        what = next((found_what for judge in judges if (found_what := judge(columns))), None)
        if what is None:
            kept.append(source)
        elif warnings is not None:
            warnings.append(f"{source}: skipped: {what}")
    return kept


def _logs_only(found: list[str], not_logs: dict[str, str] | None, warnings: list[str] | None) -> list[str]:
    """The files a directory or pattern found, less those an option names (a --profiles file beside the logs)."""
    if not not_logs:
        return found
    named = {key: option for other, option in not_logs.items() if (key := _file_key(other)) is not None}
    kept: list[str] = []
    for source in found:
        key = _file_key(source)
        what = named.get(key) if key is not None else None
        if what is None:
            kept.append(source)
        elif warnings is not None:
            warnings.append(f"{source} is {what}, not a log: skipped")
    return kept


def _file_key(source: str) -> tuple[int, int] | None:
    """A file's identity whatever path names it (device and inode); None for '-' or a path that cannot be read."""
    try:
        status = Path(source).stat() if source != "-" else None
    except OSError:
        return None
    return None if status is None else (status.st_dev, status.st_ino)


def _once_each(sources: list[str], warnings: list[str] | None) -> list[str]:
    """Drop a file already listed, by the same name (given twice, or found again by a directory or a
    pattern) or under another path (same device and inode), with a warning."""
    named = list(dict.fromkeys(sources))
    if warnings is not None and len(named) < len(sources):
        again = [source for source, count in Counter(sources).items() if count > 1]
        shown = ", ".join(again[:5]) + (" ..." if len(again) > 5 else "")
        warnings.append(
            f"{len(again)} file(s) given more than once (by name, a directory or a pattern), read once: {shown}"
        )
    seen: dict[tuple[int, int], str] = {}
    kept: list[str] = []
    for source in named:
        key = _file_key(source)
        if key is not None:
            if key in seen:
                if warnings is not None:
                    warnings.append(f"{source} is the same file as {seen[key]}: read once")
                continue
            seen[key] = source
        kept.append(source)
    return kept


def food_index(
    foods_file: str | None, warnings: list[str], every_table: bool = False
) -> tuple[FoodIndex, pd.DataFrame]:
    """The bundled index, or one over a clinic's own foods plus the bundled tables (the clinic's win a clash).

    `every_table` also matches text against tables kept out of log matching (for `foods search`).
    """
    from mgcheck.matching import FoodIndex, bundled_index, search_index
    from mgcheck.tables import combined_aliases, combined_foods, combined_measures, id_only_tables

    measures = combined_measures()
    if foods_file is None:
        return (search_index() if every_table else bundled_index()), measures
    from mgcheck.tables.custom import CustomTable

    table = CustomTable(foods_file)
    custom = table.foods()
    warnings.extend(table.warnings)
    bundled = combined_foods()
    clashes = sorted(set(custom["food_id"]) & set(bundled["food_id"]))
    if clashes:
        shown = ", ".join(clashes[:5]) + (" ..." if len(clashes) > 5 else "")
        warnings.append(f"{foods_file}: {len(clashes)} food id(s) override the bundled table: {shown}")
    import pandas as pd

    foods = pd.concat([custom, bundled[~bundled["food_id"].isin(custom["food_id"])]], ignore_index=True)
    measures = measures[~measures["food_id"].isin(custom["food_id"])]
    id_only = frozenset() if every_table else id_only_tables()
    return FoodIndex.build(foods, combined_aliases(matching_only=not every_table), id_only), measures


@contextmanager
def _comma_mode(mode: str, measures: str = "us") -> Iterator[None]:
    """Read '1,000' as `mode` says (units.COMMA), and units in the household measures `measures` names
    (units.MEASURES: a UK pint), for the length of one run or validation."""
    from mgcheck.units import COMMA, MEASURES

    token = COMMA.set(mode)
    measures_token = MEASURES.set(measures)
    try:
        yield
    finally:
        MEASURES.reset(measures_token)
        COMMA.reset(token)


def run(request: Request, *, keep_items: bool = True) -> Assessment:
    """Read every log, check it, match and convert every item, and assess every subject.

    With `keep_items=False` (what `summary` and `population` need) logs of more than
    `mgcheck.stream.STREAM_ROWS` rows are streamed in chunks, in bounded memory, and the
    assessment's `items` holds only each subject's profile rows (`mgcheck.stream.run_streamed`).
    """
    if not keep_items:
        from mgcheck.stream import run_streamed, should_stream

        if should_stream(request):
            return run_streamed(request)
    with _comma_mode(request.comma, request.measures):
        return _run(request)


def _run(request: Request) -> Assessment:
    """Read every log, check it, match and convert every item, and assess every subject."""
    from mgcheck.assess import assess
    from mgcheck.resolve import list_item_problems, resolve
    from mgcheck.results import Conclusion

    warnings: list[str] = []  # returned in the assessment; the request is never written to
    request.progress("Reading logs")
    read = _read(request)
    warnings.extend(read.warnings)
    if read.problems and (request.strict or not list_unreadable(read)):
        # Report every problem at once, as validate does: the rows that were read are still
        # checked for units and plausibility.
        error = MgcheckError(_problems_with_rows_checked(read, request))
        error.warnings = list(warnings)
        raise error
    if read.log.empty and read.header_only:
        # An INS.csv alone was 'every subject was skipped for want of a profile', --sex/--age given.
        shown = ", ".join(read.header_only[:5])
        error = MgcheckError(
            Problem(
                f"no items to assess in the given files: {shown} {'holds' if len(read.header_only) == 1 else 'hold'} "
                "only a header (a supplements file: no supplements taken) and no foods; give the foods file "
                "(ASA24 Items.csv) with it"
            )
        )
        error.warnings = list(warnings)
        raise error
    profiles = checked_profiles(read.log, request, warnings)
    log = read.log[read.log["subject"].isin(list(profiles))]
    if log.empty:
        # The ids differing only in case from a profiled one are named here too: the warning that named them
        # was not shown (trial 1: log 'A', profiles 'a', --skip-incomplete).
        missing = [str(subject) for subject in read.log["subject"].unique()]
        error = MgcheckError(
            Problem(
                "no subject is left to assess: every subject was skipped for want of a profile (sex, age)"
                + near_misses(missing, profiles)
            )
        )
        error.warnings = list(warnings)
        raise error
    request.progress("Matching foods")
    found = catalogue(request, warnings)
    index = found.index
    resolved = resolve(log, index, found.measures, recompute=request.recompute)
    warnings.extend(resolved.warnings)
    problems = list(resolved.problems) + recipe_unit_problems(resolved.items, found.recipes)
    if not request.strict and list_item_problems(resolved, problems):
        problems = []
    if request.strict:
        problems += resolved.unresolved + _unknown_foods(resolved.items, strict=True)
    else:
        warnings.extend(unresolved_warnings(resolved.unresolved))

    if problems:
        raise MgcheckError(sorted_problems(problems))
    request.progress("Assessing subjects")
    assessment = assess(resolved.items, profiles, request.standard, request.recompute)
    subjects = assessment.subjects
    for subject, conclusion, code in zip(
        subjects["subject"], subjects["conclusion"], subjects["conclusion_code"], strict=True
    ):
        if code == Conclusion.NOT_JUDGED.value:
            warnings.append(f"subject {subject}: usual intake {conclusion}")
    return replace(assessment, warnings=tuple(warnings), foods=index.foods, recipes=found.recipes)


def catalogue(request: Request, warnings: list[str]) -> Catalogue:
    """The foods a request matches against: bundled tables, --foods, the clinic book and --recipes."""
    from mgcheck.book import catalogue as build

    return build(request.foods_file, request.recipes_file, Path(request.book) if request.book else None, warnings)


def recipe_unit_problems(items: pd.DataFrame, recipes: dict[str, Recipe]) -> list[Problem]:
    if not recipes:  # no dishes: the recipes module (its imports cost a report 5-13 ms) is not needed
        return []
    from mgcheck.recipes import unit_problems

    return unit_problems(items, recipes)


UNRESOLVED_SHOWN = 5


def unresolved_warnings(unresolved: list[Problem]) -> list[str]:
    """Warnings for items whose unit their food cannot take: listed as unresolved, not counted."""
    shown = [f"{problem}; listed as unresolved, not counted" for problem in sorted_problems(unresolved)]
    if len(shown) > UNRESOLVED_SHOWN:
        more = len(shown) - UNRESOLVED_SHOWN
        shown = [
            *shown[:UNRESOLVED_SHOWN],
            f"{more} more unresolved item(s), not counted (`mgcheck report` lists them)",
        ]
    return shown


def checked_profiles(log: pd.DataFrame, request: Request, warnings: list[str]) -> dict[str, Profile]:
    """Every subject's profile (`resolve_profiles`), each with a reference value in the standard; MgcheckError
    naming the rows otherwise (a --profiles problem by its own file and row)."""
    origins: dict[str, tuple[str, int]] = {}
    profiles, problems = resolve_profiles(
        log,
        request.profile,
        request.profiles_file,
        request.skip_incomplete,
        warnings,
        request.partial_profile,
        origins,
        request.option_names,
    )
    if problems:
        # Half a profile (sex without age) is a missing profile, exit 2 as no profile is; any wrong value is 1.
        raise (UsageProblem if all(isinstance(p, ProfileMissing) for p in problems) else MgcheckError)(problems)
    problems = _without_reference(log, profiles, request, origins)
    if problems:
        raise MgcheckError(problems)
    return profiles


def _without_reference(
    log: pd.DataFrame,
    profiles: dict[str, Profile],
    request: Request,
    origins: dict[str, tuple[str, int]] | None = None,
) -> list[Problem]:
    """Subjects whose profile has no reference row in the standard (lactation at age 8), each
    named with the file and first row of their log. A profile from --sex/--age is a usage error."""
    from mgcheck.errors import UsageProblem
    from mgcheck.reference import lookup

    failed: dict[Profile, str] = {}
    for profile in set(profiles.values()):
        try:
            lookup(profile, request.standard)
        except MgcheckError as error:
            if profile == request.profile:
                raise UsageProblem(error.problems) from None
            failed[profile] = error.problems[0].message
    if not failed:
        return []
    first = log.drop_duplicates("subject").set_index("subject")
    rows = origins or {}
    problems = []
    for subject, profile in profiles.items():
        if profile in failed and subject in first.index:
            where = first.loc[subject]
            file, row = rows.get(subject, (str(where["file"]), int(where["row"])))
            problems.append(Problem(f"subject {subject}: {failed[profile]}", file, row))
    return sorted_problems(problems)


def read(request: Request) -> LogReadResult:
    """Read and check the request's logs (no food matching), reading '1,000' as the request says."""
    with _comma_mode(request.comma, request.measures):
        return _read(request)


def _read(request: Request) -> LogReadResult:
    from mgcheck.logs import FrameSource, read_logs

    extra = {"column_map": request.column_map} if request.column_map else {}
    found: list[str] = []
    frames = [source for source in request.sources if isinstance(source, FrameSource)]
    paths = expand_sources(
        [source for source in request.sources if isinstance(source, str)], found, request.option_files()
    )
    read = read_logs(
        [*paths, *frames],
        request.date_format,
        request.input_format,
        subject=request.subject,
        keep_columns=request.keep_columns,
        names=request.option_names,
        **extra,
    )
    read.warnings[:0] = found
    read.problems.extend(repeated_days(read.log))
    return read


REPEATED_DAY_COLUMNS = ("food", "amount", "unit", "kind", "meal", "time")


def repeated_days(log: pd.DataFrame) -> list[Problem]:
    """A subject's day whose items in one file are exactly its items in an earlier file.

    A copy of a log (`week.csv` and `week (1).csv`, an export downloaded twice) would add
    every item of the day twice and double the intake; it is refused, naming both files.
    Days a subject's files share with different items (foods in one file, supplements in
    another) are added up as usual.

    Vectorised: each column is factorized and each item hashed once; a (subject, day, file)
    group's items are fingerprinted by two independently keyed sums of their hashes and their
    count (order-free, 128 bits), so a study whose files share every day (an ASA24 items file
    and its supplements file) costs a few group-bys, not a Python string per row.
    """
    import numpy as np
    import pandas as pd

    if log.empty or log["file"].nunique() < 2:
        return []
    keys = ["subject", "date", "file"]
    columns = [column for column in REPEATED_DAY_COLUMNS if column in log.columns]
    # Items as integer codes: equal cells have equal codes within this one call.
    items = pd.DataFrame({column: pd.factorize(log[column])[0] for column in columns})
    frame = pd.DataFrame({key: pd.factorize(log[key])[0] for key in keys})
    frame["first"] = pd.util.hash_pandas_object(items, index=False).to_numpy()
    frame["second"] = pd.util.hash_pandas_object(items, index=False, hash_key="mgcheck-repeated").to_numpy()
    frame["row"] = log["row"].to_numpy()
    frame["position"] = np.arange(len(log))
    with np.errstate(over="ignore"):
        groups = frame.groupby(keys, sort=False).agg(
            first=("first", "sum"),
            second=("second", "sum"),
            count=("first", "size"),
            row=("row", "min"),
            position=("position", "min"),
        )
    groups = groups.reset_index()
    fingerprint = ["subject", "date", "first", "second", "count"]
    repeated = groups[groups.duplicated(fingerprint, keep=False)].sort_values("position", kind="stable")
    first = repeated.groupby(fingerprint, sort=False)["position"].transform("first").to_numpy()
    later = repeated["position"].to_numpy() != first
    subjects, dates, files = (log[key].to_numpy() for key in ("subject", "date", "file"))
    problems = [
        Problem(
            f"subject {subjects[at]}: the items of {dates[at]} are exactly those of {files[earlier]} "
            "(the same log given twice?); give each day once",
            str(files[at]),
            int(row),
        )
        for at, earlier, row in zip(
            repeated["position"].to_numpy()[later], first[later], repeated["row"].to_numpy()[later], strict=True
        )
    ]
    problems.sort(key=lambda problem: (str(problem.file), problem.row or 0))
    return problems


def _unknown_foods(items: pd.DataFrame, strict: bool) -> list[Problem]:
    """One located line per unmatched food, with suggestions (a problem under --strict).

    Items whose food matched but whose unit it cannot take are `Resolved.unresolved`, not here.
    """
    from mgcheck.book import TEACH_CHOICE, teach_command

    found = []
    # Only foods: a supplement listed uncounted (an export's blank magnesium) has its own problem.
    unknown = (items["status"] == "unmatched") & items["food_id"].isna() & (items["kind"] == "food")
    for item in items[unknown].itertuples(index=False):
        hint = "; ".join(item.suggestions or ()) or "no candidates"
        flag = " (--strict)" if strict else ""
        why = f": {item.reason}" if item.reason else ""  # e.g. "two foods in one row: 'toast' and 'jam' ..."
        if str(item.food) == str(getattr(item, "food_code", None)):
            # Its only text is its export food code (NHANES), which FNDDS lacks: no text to match or teach.
            found.append(Problem(f"unknown food '{item.food}'{flag}{why}", str(item.file), int(item.row)))
            continue
        teach = f"; to teach the clinic book this word: {teach_command(str(item.food))}, with {TEACH_CHOICE}"
        found.append(
            Problem(
                f"unknown food '{item.food}'{flag}{why}; did you mean: {hint}{teach}", str(item.file), int(item.row)
            )
        )
    return found


def list_unreadable(read: LogReadResult) -> bool:
    """Turn item-only read problems into items listed unresolved; False (nothing changed) if any is not.

    A bad amount, date, food text or kind (`Problem.item_only`) costs that item, not the report:
    the row keeps its subject and file, gets an `unreadable` reason (mgcheck.resolve lists it as
    unmatched, not counted, so it weighs on the share that withholds judgement) and, when its
    date is what could not be read, belongs to no day. A problem of a file or of a subject (a
    missing column, a blank subject cell), a supplement or medicine row (its dose is needed for the
    upper limit), or bad dates that leave a subject no day at all, still stop the report.
    --strict never calls this.
    """
    import numpy as np
    import pandas as pd

    from mgcheck.resolve import LABEL_KINDS, located_rows

    if any(not problem.item_only or problem.row is None for problem in read.problems):
        return False
    log = read.log
    positions, texts = located_rows(log, reasons_by_row(read.problems))
    cells = np.full(len(log), None, dtype=object)
    cells[positions] = texts
    unreadable = pd.Series(cells, index=log.index, dtype=object)
    if log.loc[unreadable.notna(), "kind"].isin(LABEL_KINDS).any():
        return False  # a dose left out would let the upper-limit check say "within" unasked
    bad_date = unreadable.notna().to_numpy(dtype=bool) & (log["date"].astype(str) == "").to_numpy(dtype=bool)
    if set(log["subject"].astype(str)) - set(log["subject"].astype(str)[~bad_date]):
        return False  # a subject with no day left: a report of nothing, so the problems stand
    log["unreadable"] = unreadable
    if bad_date.any():
        log["date"] = log["date"].astype(object).where(~bad_date, None).astype("category")
    read.problems.clear()
    return True


def _readable_rows(read: LogReadResult) -> pd.DataFrame:
    """The log without the rows that already have a problem (each problem is reported once)."""
    bad_rows = {(p.file, p.row) for p in read.problems if p.row is not None}
    if read.log.empty or not bad_rows:
        return read.log
    keep = [(str(file), int(row)) not in bad_rows for file, row in zip(read.log["file"], read.log["row"], strict=True)]
    return cast("pd.DataFrame", read.log[keep])


def _problems_with_rows_checked(read: LogReadResult, request: Request) -> list[Problem]:
    """The read problems plus unit and plausibility problems of the rows that passed reading."""
    from mgcheck.resolve import resolve

    problems = list(read.problems)
    log = _readable_rows(read)
    if not log.empty:
        found = catalogue(request, [])
        resolved = resolve(log, found.index, found.measures, recompute=request.recompute)
        problems += resolved.problems + recipe_unit_problems(resolved.items, found.recipes)
        if request.strict:  # every problem at once: the unknown foods too, as when reading found none
            problems += resolved.unresolved + _unknown_foods(resolved.items, strict=True)
    return sorted_problems(problems)


@dataclass(frozen=True)
class Validation:
    """What `validate` found: every problem, and counts of what was read."""

    problems: list[Problem]
    """Every problem of every log, in file and row order (empty: the logs can be assessed)."""
    warnings: list[str]
    """What reading and matching noticed but did not refuse."""
    files: int
    """Logs read."""
    items: int
    """Items read."""
    subjects: int
    """Subjects found."""
    days: int
    """Subject-days found (rows whose date does not read count none)."""
    unmatched: int
    """Food items without a confident match (problems only with strict)."""


def validate(request: Request) -> Validation:
    """Check logs without assessing them (see _validate), reading '1,000' as the request says."""
    with _comma_mode(request.comma, request.measures):
        return _validate(request)


def _validate(request: Request) -> Validation:
    """Check logs without assessing them: every problem of every file, rows and units included.

    Rows that fail the read checks are left out of the unit and plausibility checks, so
    each problem is reported once and the remaining rows are still checked.
    """
    from mgcheck.resolve import resolve

    read = _read(request)
    problems = list(read.problems)
    log = _readable_rows(read)
    unmatched = 0
    if not log.empty:
        found = catalogue(request, read.warnings)
        resolved = resolve(log, found.index, found.measures, recompute=request.recompute)
        # A unit the food cannot take stays an error here, as under --strict.
        problems += resolved.problems + resolved.unresolved + recipe_unit_problems(resolved.items, found.recipes)
        read.warnings.extend(resolved.warnings)
        unknown = _unknown_foods(resolved.items, request.strict)
        unmatched = len(unknown)
        if request.strict:
            problems += unknown
        else:
            read.warnings.extend(str(problem) for problem in unknown)
    return Validation(
        problems=sorted_problems(problems),
        warnings=read.warnings,
        files=read.files,
        items=len(read.log),
        subjects=int(read.log["subject"].nunique()) if not read.log.empty else 0,
        days=_subject_days(read.log),
        unmatched=unmatched,
    )


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file or "", p.row or 0))


def _subject_days(log: pd.DataFrame) -> int:
    """Distinct subject-days among the rows whose date reads (an unreadable date is read as '')."""
    if log.empty:
        return 0
    dated = log[log["date"].astype(str) != ""]
    return int(dated[["subject", "date"]].drop_duplicates().shape[0])
