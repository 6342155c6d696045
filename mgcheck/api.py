"""The public Python API: read, validate and assess food logs, build the report, look foods up.

The names differ from the modules that do the work (`assess_logs`, not `assess`; `make_report`,
not `report`): a package attribute named like a submodule is replaced by that submodule when it
is first imported.

Every function here is what a CLI command calls, so a script gets the same checks, the same
problems (with file and row) and the same figures. Heavy modules (pandas, the food tables) are
imported when a function is called, never when `mgcheck` is imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from os import PathLike, fspath
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment
    from mgcheck.check import CheckFailure
    from mgcheck.logs import FrameSource
    from mgcheck.pipeline import Request, Validation
    from mgcheck.reference import Profile
    from mgcheck.report import Serum
    from mgcheck.results import Food, FoodCandidate, Report

__all__ = [
    "FoodSources",
    "Log",
    "LogSource",
    "ReadOptions",
    "assess_logs",
    "check_failures",
    "example_path",
    "make_report",
    "read_logs",
    "search_foods",
    "show_food",
    "summary",
    "validate",
]

LogSource = Union[str, "PathLike[str]", "pd.DataFrame"]
"""A log: a file path ('-' is standard input), a folder, a glob pattern, or a DataFrame of its columns."""


@dataclass(frozen=True)
class ReadOptions:
    """How logs are read (the CLI's reading options)."""

    input_format: str = "auto"
    """"auto" (recognise each log by its header), "native", "asa24", "cronometer", "intake24", "myfitnesspal",
    "nhanes" or a registered importer's name; any other is a `UsageProblem` when the options are made."""
    date_format: str | None = None
    """strptime format for non-ISO dates, e.g. "%d/%m/%Y" (ISO dates are always read)."""
    column_map: Mapping[str, str] | None = None
    """Source column -> expected column, applied before the format is recognised."""
    subject: str | None = None
    """The one person of every log without a subject column (else each log is named after its file)."""
    comma: str = "ambiguous"
    """How "1,000" reads: "ambiguous" (refused as ambiguous), "decimal" (1.000, the CLI's --decimal-comma) or
    "thousands" (one thousand, --thousands-comma); `mgcheck.reading_options.CommaMode`. Any other value is a
    `UsageProblem` when the options are made."""
    keep_columns: Sequence[str] = ()
    """Columns of the logs to keep in the items beside mgcheck's own (any spelling of the header), under their
    normalised names: a study arm for `mgcheck.population(assessment, by="arm")`. Without it an importer
    drops a column it does not read (`mgcheck.population` given log paths keeps its `by` and `weights` itself)."""
    measures: str = "us"
    """Whose household measures the units are: "us" (the USDA tables' US cup, pint and can), "uk" (a pint is
    568 ml, a drinks can 330 ml) or "au" (a 250 ml cup, 20 ml tablespoon, 570 ml pint, 375 ml can); the CLI's
    --measures (which also reads $MGCHECK_MEASURES and ./mgcheck.toml). Any other is a `UsageProblem`."""

    def __post_init__(self) -> None:
        if not isinstance(self.input_format, str):
            raise TypeError(
                f"ReadOptions(input_format=...) is a format's name, not a {type(self.input_format).__name__}"
            )
        from mgcheck.importers import formats

        # A name in any case is the registry's own ('ASA24' -> 'asa24'), as a standard's is.
        spelt = next((known for known in formats() if known.casefold() == self.input_format.casefold()), None)
        if spelt is None:
            from mgcheck.errors import UsageProblem

            # Unchecked here, it became a problem of the logs (MgcheckError, exit 1), not a usage error.
            raise UsageProblem(f"unknown input format {self.input_format!r}; use one of {', '.join(formats())}")
        object.__setattr__(self, "input_format", spelt)
        object.__setattr__(self, "comma", _comma(self.comma))
        from mgcheck.reading_options import check_measures

        object.__setattr__(self, "measures", check_measures(self.measures, "ReadOptions(measures=...)"))
        if self.date_format is not None:
            from mgcheck.logs import check_date_format
            from mgcheck.reference import ASSESS_LOGS_OPTIONS

            check_date_format(self.date_format, ASSESS_LOGS_OPTIONS)
        if isinstance(self.keep_columns, str):
            object.__setattr__(self, "keep_columns", (self.keep_columns,))
        object.__setattr__(self, "keep_columns", tuple(self.keep_columns))
        if self.column_map is not None and not isinstance(self.column_map, Mapping):
            raise TypeError(
                f"ReadOptions(column_map=...) is a mapping of source column to expected column, e.g. "
                f"{{'Portion': 'amount'}}, not a {type(self.column_map).__name__}"
            )


def _comma(comma: object) -> str:
    """The comma mode `comma` names ("ambiguous", "decimal" or "thousands"); UsageProblem for any other."""
    from mgcheck.reading_options import CommaMode

    if isinstance(comma, CommaMode):
        return comma.value
    if not isinstance(comma, str) or comma not in {mode.value for mode in CommaMode}:
        from mgcheck.errors import UsageProblem

        raise UsageProblem(
            f"comma={comma!r} is not one of 'ambiguous', 'decimal' or 'thousands' "
            "(the CLI's --decimal-comma and --thousands-comma)"
        )
    return comma


@dataclass(frozen=True)
class FoodSources:
    """Foods beyond the bundled tables (the CLI's --foods, --recipes and --book); each a path (str or Path)."""

    foods: str | PathLike[str] | None = None
    """A clinic's own foods CSV (food_id, name, mg_per_100g)."""
    recipes: str | PathLike[str] | None = None
    """Home-made dishes CSV."""
    book: str | PathLike[str] | None = None
    """The clinic food book folder."""

    def __post_init__(self) -> None:
        for name in ("foods", "recipes", "book"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, _path(f"FoodSources({name}=...)", value))


def _path(what: str, value: object) -> str:
    """`value` as a path string; TypeError naming `what` when it is not a str or a path."""
    if isinstance(value, (str, PathLike)):
        return fspath(value)
    raise TypeError(f"{what} is a file path (str or pathlib.Path), not a {type(value).__name__}")


def _flags(**flags: object) -> dict[str, bool]:
    """Each keyword as a bool; TypeError naming the first that is not one ("no" is a true string, 1 no bool)."""
    import numpy as np

    for name, value in flags.items():
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} is True or False, not {value!r:.60}")
    return {name: bool(value) for name, value in flags.items()}


def _text_path(path: str | PathLike[str] | None) -> str | None:
    return None if path is None else fspath(path)


FoodsArgument = Union[str, "PathLike[str]", FoodSources, None]
"""The `foods` argument: a clinic's foods CSV as a path, or `FoodSources` (foods, recipes, book)."""


def _food_sources(foods: object) -> FoodSources:
    """`foods` as FoodSources: a path is the clinic's foods CSV (the CLI's --foods)."""
    if foods is None:
        return FoodSources()
    if isinstance(foods, FoodSources):
        return foods
    if isinstance(foods, (str, PathLike)):
        return FoodSources(foods=fspath(foods))
    raise TypeError(
        f"foods is the path of a foods CSV (str or pathlib.Path) or mgcheck.FoodSources, not a {type(foods).__name__}"
    )


@dataclass(frozen=True)
class Log:
    """Logs read and checked: one normalised table of items, and the warnings of reading."""

    items: pd.DataFrame
    """One row per item: subject, file, row, date (ISO), food, amount, unit, kind, meal, time, notes."""
    warnings: tuple[str, ...] = field(default=())
    """What reading noticed but did not refuse."""


def _sources(logs: LogSource | Sequence[LogSource]) -> list[str | FrameSource]:
    """Paths as text and DataFrames as named frames (several frames: 'DataFrame 1', 'DataFrame 2' ...)."""
    import pandas as pd

    from mgcheck.logs import FrameSource

    if isinstance(logs, (pd.Series, Mapping)) or not isinstance(logs, (str, PathLike, pd.DataFrame, Sequence)):
        # A Series or dict was iterated as file names: "almonds: no such file" echoed patient foods.
        raise TypeError(
            f"logs are file paths, folders, glob patterns or DataFrames (or a list of them), not a "
            f"{type(logs).__name__}; a log DataFrame has the columns date, food, amount, unit"
        )
    given = [logs] if isinstance(logs, (str, PathLike, pd.DataFrame)) else list(logs)
    wrong = next((source for source in given if not isinstance(source, (str, PathLike, pd.DataFrame))), None)
    if wrong is not None:
        raise TypeError(f"each log is a file path, folder, glob pattern or DataFrame, not a {type(wrong).__name__}")
    frames = sum(isinstance(source, pd.DataFrame) for source in given)
    sources: list[str | FrameSource] = []
    for source in given:
        if isinstance(source, pd.DataFrame):
            name = "DataFrame" if frames == 1 else f"DataFrame {sum(isinstance(s, FrameSource) for s in sources) + 1}"
            sources.append(FrameSource(source, name))
        else:
            sources.append(str(source))
    if not sources:
        from mgcheck.errors import UsageProblem

        raise UsageProblem("give at least one food log")
    return sources


def _request(
    logs: LogSource | Sequence[LogSource], reading: ReadOptions | None, foods: FoodsArgument, **options: Any
) -> Request:
    from mgcheck.pipeline import Request

    if reading is not None and not isinstance(reading, ReadOptions):
        raise TypeError(f"reading is mgcheck.ReadOptions(...), not a {type(reading).__name__}")
    reading = reading or ReadOptions()
    foods = _food_sources(foods)
    options["profiles_file"] = profiles_source(options.get("profiles_file"))
    if isinstance(options.get("standard"), str):
        from mgcheck.standards import canonical

        options["standard"] = canonical(options["standard"])  # 'EFSA' as registered: 'efsa'
    if "option_names" not in options:  # messages name the API's own parameters, not the CLI's flags
        from mgcheck.reference import ASSESS_LOGS_OPTIONS

        options["option_names"] = ASSESS_LOGS_OPTIONS
    return Request(
        sources=_sources(logs),
        input_format=reading.input_format,
        date_format=reading.date_format,
        column_map=dict(reading.column_map) if reading.column_map else None,
        subject=reading.subject,
        comma=reading.comma,
        measures=reading.measures,
        keep_columns=tuple(reading.keep_columns),
        foods_file=_text_path(foods.foods),
        recipes_file=_text_path(foods.recipes),
        book=_text_path(foods.book),
        **options,
    )


def profiles_source(profiles: object) -> str | FrameSource | None:
    """`profiles=` as the reader takes it: a file's path as text, or a DataFrame of the profiles file's
    columns read as that file would be (its rows named 'profiles DataFrame, row N'); TypeError otherwise."""
    import pandas as pd

    from mgcheck.logs import FrameSource

    if profiles is None or isinstance(profiles, FrameSource):
        return profiles
    if isinstance(profiles, pd.DataFrame):
        return FrameSource(profiles, "profiles DataFrame")
    if not isinstance(profiles, (str, PathLike)):
        # A DataFrame here once failed deep inside with pandas' "truth value of a DataFrame is ambiguous".
        raise TypeError(
            "profiles is the path of a CSV file of subject, sex, age, ..., or a DataFrame of those columns, "
            f"not a {type(profiles).__name__}"
        )
    return fspath(profiles)


def read_logs(logs: LogSource | Sequence[LogSource], reading: ReadOptions | None = None) -> Log:
    """Read and check logs as `mgcheck validate` reads them, without matching foods.

    Raises `MgcheckError` listing every problem of every log (file and row) when any is found.
    """
    from mgcheck.errors import MgcheckError
    from mgcheck.pipeline import read

    read_result = read(_request(logs, reading, None))
    if read_result.problems:
        raise MgcheckError(read_result.problems)
    return Log(read_result.log, tuple(read_result.warnings))


def validate(
    logs: LogSource | Sequence[LogSource],
    *,
    strict: bool = False,
    reading: ReadOptions | None = None,
    foods: FoodsArgument = None,
) -> Validation:
    """Check logs without assessing them: every problem of every log, units and plausibility included.

    Returns the problems (never raises for them) with counts of what was read; `strict` makes an
    unmatched food a problem.
    """
    from mgcheck.pipeline import validate as validate_request

    return validate_request(_request(logs, reading, foods, **_flags(strict=strict)))


def assess_logs(
    logs: LogSource | Sequence[LogSource],
    *,
    sex: str | None = None,
    age: float | str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    conditions: str | Sequence[str] = (),
    profiles: str | PathLike[str] | pd.DataFrame | None = None,
    standard: str = "iom",
    strict: bool = False,
    recompute: bool = False,
    skip_incomplete: bool = False,
    reading: ReadOptions | None = None,
    foods: FoodsArgument = None,
) -> Assessment:
    """Read, check, match and assess logs: magnesium per day and per subject, judged against `standard`.

    `sex` and `age` (with `pregnant`, `lactating`, `conditions`: one condition's name or a list of them)
    give every subject without a profile of its own; `profiles` is a CSV file of `subject, sex, age, ...` (or a DataFrame of
    its columns, checked as the file is); a log may carry
    those columns itself. `standard` is "iom" (IOM 1997) or "efsa" (EFSA 2015), in any case. Raises
    `MgcheckError` with every problem (file and row) when the logs cannot be assessed.
    `foods` is a clinic's foods CSV (a path, the CLI's --foods) or `FoodSources`.
    The result's `warnings` hold what the CLI prints on standard error.
    """
    from mgcheck.pipeline import run
    from mgcheck.reference import ASSESS_LOGS_OPTIONS

    flags = _flags(
        pregnant=pregnant, lactating=lactating, strict=strict, recompute=recompute, skip_incomplete=skip_incomplete
    )
    profile, partial = _profile(sex, age, flags.pop("pregnant"), flags.pop("lactating"), conditions)
    request = _request(
        logs,
        reading,
        foods,
        profile=profile,
        partial_profile=partial,
        profiles_file=profiles,
        standard=standard,
        option_names=ASSESS_LOGS_OPTIONS,
        **flags,
    )
    return replace(run(request), profiles_source=request.profiles_file)


def _profile(
    sex: str | None, age: float | str | None, pregnant: bool, lactating: bool, conditions: str | Sequence[str]
) -> tuple[Profile | None, dict[str, str] | None]:
    """The profile of every subject without its own, checked as the CLI checks --sex and --age; of `sex`
    or `age` given alone, the fields that complete the log's own profile columns (`partial_profile`)."""
    from mgcheck.errors import UsageProblem
    from mgcheck.profiles import options_profile, parse_conditions
    from mgcheck.reference import ASSESS_LOGS_OPTIONS

    if isinstance(conditions, str):
        parsed = parse_conditions(conditions)  # one name ("diabetes"), or several as the CLI's text takes them
    elif isinstance(conditions, Sequence) and all(isinstance(name, str) for name in conditions):
        parsed = parse_conditions("|".join(conditions))
    else:
        raise TypeError(f"conditions is a condition's name or a list of names, not {conditions!r:.60}")
    if sex is None and age is None and (pregnant or lactating or parsed):
        raise UsageProblem("pregnant, lactating and conditions go with sex and age")
    return options_profile(sex, age, pregnant, lactating, parsed, ASSESS_LOGS_OPTIONS)


def make_report(assessment: Assessment, *, serum: str | float | Serum | None = None) -> Report:
    """The full report of an assessment as typed results (`Report.to_dict()` is the JSON contract).

    `serum` is a serum magnesium value with its unit ("0.68 mmol/L", "1.7 mg/dL", "1.4 mEq/L"), a
    `Serum`, or a bare number, read as the CLI's --serum reads one without a unit (mmol/L below 0.8;
    from 0.8 the unit must be said, as 1.4 could be mg/dL or mmol/L).
    """
    from mgcheck.report import Serum
    from mgcheck.report import report as build
    from mgcheck.serum import parse_serum

    if isinstance(serum, (int, float)) and not isinstance(serum, bool):
        serum = parse_serum(repr(float(serum)))
    elif isinstance(serum, str):
        serum = parse_serum(serum)
    elif serum is not None and not isinstance(serum, Serum):
        raise TypeError(f"serum is a value with its unit such as '0.68 mmol/L', not a {type(serum).__name__}")
    return build(assessment, serum)


def check_failures(assessment: Assessment) -> list[CheckFailure]:
    """Subjects the CLI's `--check` flags (exit 3), each with its reason: usual intake judged
    inadequate by the EAR test, or a judged mean below the EAR (`mgcheck.check`)."""
    from mgcheck.check import check_failures as failures

    return failures(assessment.subjects)


def summary(assessment: Assessment) -> pd.DataFrame:
    """One row per subject, the columns of `mgcheck summary` (rounded as it prints them)."""
    from mgcheck.render.summary import summary_frame

    return summary_frame(assessment)


def search_foods(
    text: str, *, limit: int = 10, foods: FoodsArgument = None, comma: str = "ambiguous"
) -> list[FoodCandidate]:
    """Ranked candidates from every table (`mgcheck foods search`): score, id, table, name, Mg per 100 g, portion.

    `foods` adds a clinic's own foods CSV (a path, or `FoodSources` whose `foods` is used); `comma` is how
    "1,200" in it reads, as `ReadOptions.comma`. `to_dict()` of each is a record of `foods search --json`.
    """
    from mgcheck.foods_lookup import search
    from mgcheck.results import FoodCandidate
    from mgcheck.units import COMMA

    token = COMMA.set(_comma(comma))
    try:
        return [FoodCandidate.of(entry) for entry in search(text, limit, _text_path(_food_sources(foods).foods))]
    finally:
        COMMA.reset(token)


def show_food(food_id: str, *, foods: FoodsArgument = None, comma: str = "ambiguous") -> Food:
    """One food (`mgcheck foods show`): its table, values, every household measure with grams and Mg.

    `food_id` may be written as in a log (`9040`, `42302010`); `foods` and `comma` as for `search_foods`.
    `to_dict()` is `foods show --json`.
    """
    from mgcheck.foods_lookup import show
    from mgcheck.results import Food
    from mgcheck.units import COMMA

    token = COMMA.set(_comma(comma))
    try:
        return Food.of(show(food_id, _text_path(_food_sources(foods).foods)))
    finally:
        COMMA.reset(token)


def example_path() -> str:
    """The bundled example log: a week of a 54-year-old woman's meals (`mgcheck report --example`)."""
    from mgcheck.resources import data_path

    return str(data_path("example_week.csv"))
