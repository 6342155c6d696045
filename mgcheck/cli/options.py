"""The options that several commands share, each defined once, and the pipeline request they make.

A command lists the shared options it takes in `@log_options(...)`; it receives them as one frozen
`LogOptions` and declares only its own options itself. `--help` lists every option in `HELP_ORDER`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mgcheck.errors import UsageProblem

if TYPE_CHECKING:
    from mgcheck.assess import Assessment
    from mgcheck.pipeline import Request


class Audience(str, Enum):
    patient = "patient"
    clinician = "clinician"


def registry_choice(names: Callable[[], Iterable[str]], any_case: bool = False) -> dict[str, Any]:
    """`typer.Option` arguments for an option whose values are a registry's names.

    The value is checked when the command runs, against the registry as it is then (a plug-in
    registered after start-up counts); `--help` lists the names registered at start-up. With
    `any_case`, a name in any case is taken as registered ('EFSA' -> 'efsa').
    """

    def parse(value: str) -> str:
        known = tuple(names())
        if value in known:
            return value
        spelt = [name for name in known if any_case and name.casefold() == value.casefold()]
        if not spelt:
            raise typer.BadParameter(f"'{value}' is not one of {', '.join(repr(name) for name in known)}.")
        return spelt[0]

    return {"parser": parse, "metavar": "<" + "|".join(names()) + ">"}


def _standard_names() -> tuple[str, ...]:
    from mgcheck import standards

    return standards.names()


def _input_formats() -> tuple[str, ...]:
    from mgcheck import importers

    return importers.formats()


def report_formats() -> tuple[str, ...]:
    from mgcheck import render

    return render.renderer_names()


def summary_formats() -> tuple[str, ...]:
    from mgcheck import render

    return render.summary_renderer_names()


# The format an --output file's suffix names, used when --format is not given: `-o week.html`
# wrote terminal text into a .html file, and `summary -o week.json` CSV into a .json file.
SUFFIX_FORMATS = {
    ".json": "json", ".csv": "csv", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".pdf": "pdf",
}  # fmt: skip


# Suffixes of document formats no renderer writes: `-o week.xlsx` wrote the boxed terminal report into a
# file a spreadsheet cannot open, exit 0. Any other suffix ('report.log', a mktemp name 'tmp.abcDEFghij',
# 'Smith.J') is a name, not a format, and takes the plain output as before.
FOREIGN_SUFFIXES = frozenset({
    ".xlsx", ".xls", ".xlsm", ".ods", ".tsv", ".docx", ".doc", ".odt", ".rtf", ".pptx", ".xml", ".yaml", ".yml",
    ".png", ".jpg", ".jpeg", ".svg", ".tex", ".parquet",
})  # fmt: skip


def format_of_output(output: str | None, known: Iterable[str], plain: str) -> str | None:
    """The format `output`'s suffix names ('week.json' -> 'json'; a registered format by its own name,
    'week.tsv' -> 'tsv') when the command has it; None (the command's plain output, `plain` in messages)
    for no file, '.txt' or any suffix that names no document format ('report.log', 'tmp.abcDEFghij').
    A document format the command does not write (FOREIGN_SUFFIXES: '.xlsx', '.docx'; another command's,
    `summary -o rows.html`) is a usage error naming the formats and their suffixes: `-o week.xlsx` wrote the
    boxed terminal report, exit 0."""
    if not output or output == "-":
        return None
    from pathlib import Path

    from mgcheck.errors import UsageProblem

    names = tuple(known)
    suffix = Path(output).suffix.lower()
    chosen = SUFFIX_FORMATS.get(suffix, suffix[1:])
    if chosen in names:
        return chosen
    if suffix not in FOREIGN_SUFFIXES and suffix not in SUFFIX_FORMATS:  # 'week.txt', 'week.2026-11', 'report.log'
        return None
    endings = {name: ending for ending, name in reversed(SUFFIX_FORMATS.items())}  # each format's first suffix
    claimed = [f"{ending} ({name})" for name, ending in endings.items() if name in names][::-1]
    raise UsageProblem(
        f"--output {Path(output).name}: no format writes {suffix} files; end the file name in "
        f"{', '.join(claimed)} or .txt ({plain}), or give --format ({', '.join(names)})"
    )


def population_formats() -> tuple[str, ...]:
    from mgcheck import render

    return render.population_renderer_names()


def template_formats() -> tuple[str, ...]:
    """What `template --format` takes: auto (the native log) and every importer with a template."""
    from mgcheck import importers

    return ("auto", *importers.template_formats())


LogsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Food logs: files, directories or glob patterns; '-' reads standard input.", show_default=False
    ),
]
SexOpt = Annotated[
    str | None, typer.Option("--sex", help="female or male (F/M). Required unless the log or --profiles gives it.")
]
AgeOpt = Annotated[str | None, typer.Option("--age", help="Age in years; decimals allowed (0.5 = six months).")]
PregnantOpt = Annotated[bool, typer.Option("--pregnant", help="Use pregnancy reference values.")]
LactatingOpt = Annotated[bool, typer.Option("--lactating", help="Use lactation reference values.")]
StandardOpt = Annotated[
    str, typer.Option("--standard", help="Reference standard.", **registry_choice(_standard_names, any_case=True))
]
ProfilesOpt = Annotated[
    str | None,
    typer.Option("--profiles", help="CSV of subject, sex, age, pregnant, lactating, conditions (one row per subject)."),
]
SkipOpt = Annotated[bool, typer.Option("--skip-incomplete", help="Skip subjects without a profile (with a warning).")]
InputFormatOpt = Annotated[
    str,
    typer.Option(
        "--input-format",
        help="Log format; auto recognises each by its header.",
        **registry_choice(_input_formats, any_case=True),
    ),
]
ColumnMapOpt = Annotated[
    list[str] | None,
    typer.Option("--column-map", help="Rename a source column before import: 'Mg (mg)=Magnesium' (repeatable)."),
]
RecomputeOpt = Annotated[
    bool,
    typer.Option(
        "--recompute",
        help="Find export foods in the bundled tables (FNDDS by food code, else by text) instead of using the export's own Mg; report both.",
    ),
]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE (atomically), not stdout.")]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Make any unmatched food, or row that cannot be read, an error (exit 1).")
]
FoodsOpt = Annotated[
    str | None, typer.Option("--foods", help="CSV of a clinic's own foods (same columns as foods.csv).")
]
DateFormatOpt = Annotated[
    str | None, typer.Option("--date-format", help="strptime format of non-ISO dates, e.g. %d/%m/%Y.")
]
ConditionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--condition",
        help="kidney_disease, diabetes, alcohol_use, gi_disease, ppi, loop_thiazide_diuretics, "
        "potassium_sparing_diuretics, diuretics (class unknown), bisphosphonates, tetracyclines, quinolones, dysphagia (no whole nuts or seeds advised); repeatable.",
    ),
]
DecimalCommaOpt = Annotated[
    bool, typer.Option("--decimal-comma", help="Read '1,000' in amounts and exports as 1.000 (a decimal comma).")
]
ThousandsCommaOpt = Annotated[
    bool, typer.Option("--thousands-comma", help="Read '1,000' in amounts and exports as one thousand.")
]
MeasuresOpt = Annotated[
    str | None,
    typer.Option(
        "--measures",
        help="Whose household measures units are: us (US cup, pint 473 ml, can 355 ml), uk (pint 568 ml, can 330 ml) "
        "or au (cup 250 ml, tablespoon 20 ml, pint 570 ml, can 375 ml) [default: $MGCHECK_MEASURES, else measures "
        "in ./mgcheck.toml, else us].",
    ),
]
CheckOpt = Annotated[
    bool,
    typer.Option(
        "--check", help="Exit 3 if any subject's usual intake is judged inadequate or supplements exceed the UL."
    ),
]
RecipesOpt = Annotated[
    str | None,
    typer.Option("--recipes", help="CSV of home-made dishes: dish, ingredient, amount, unit (+ yield rows)."),
]
BookOpt = Annotated[
    str | None,
    typer.Option("--book", help="Clinic food book folder [default: $MGCHECK_BOOK, else book in ./mgcheck.toml]."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on standard error.")]
SubjectOpt = Annotated[
    str | None,
    typer.Option(
        "--subject",
        help="The one person of every log without a subject column (default: each such file is its own subject, "
        "named after the file).",
    ),
]


@dataclass(frozen=True)
class LogOptions:
    """The shared options of the commands that read food logs, as given (defaults for those a command lacks)."""

    logs: list[str] | None = None
    sex: str | None = None
    age: str | None = None
    pregnant: bool = False
    lactating: bool = False
    condition: list[str] | None = None
    standard: str = "iom"
    profiles: str | None = None
    skip_incomplete: bool = False
    output: str | None = None
    strict: bool = False
    foods: str | None = None
    date_format: str | None = None
    input_format: str = "auto"
    column_map: list[str] | None = None
    recompute: bool = False
    check: bool = False
    quiet: bool = False
    recipes: str | None = None
    book: str | None = None
    subject: str | None = None
    decimal_comma: bool = False
    thousands_comma: bool = False
    measures: str | None = None


# Each shared option's one definition: the annotation Typer reads. Defaults are LogOptions's.
SHARED_OPTIONS: dict[str, Any] = {
    "logs": LogsArg,
    "sex": SexOpt,
    "age": AgeOpt,
    "pregnant": PregnantOpt,
    "lactating": LactatingOpt,
    "condition": ConditionOpt,
    "standard": StandardOpt,
    "profiles": ProfilesOpt,
    "skip_incomplete": SkipOpt,
    "output": OutputOpt,
    "strict": StrictOpt,
    "foods": FoodsOpt,
    "date_format": DateFormatOpt,
    "input_format": InputFormatOpt,
    "column_map": ColumnMapOpt,
    "recompute": RecomputeOpt,
    "check": CheckOpt,
    "quiet": QuietOpt,
    "recipes": RecipesOpt,
    "book": BookOpt,
    "subject": SubjectOpt,
    "decimal_comma": DecimalCommaOpt,
    "thousands_comma": ThousandsCommaOpt,
    "measures": MeasuresOpt,
}
# The order of `--help`: shared options and the commands' own (named by parameter) in one sequence.
HELP_ORDER = (
    "logs", "sex", "age", "pregnant", "lactating", "condition", "standard", "profiles", "skip_incomplete",
    "weights", "by", "bootstrap", "seed", "output_format", "output", "strict", "foods", "date_format",
    "input_format", "column_map", "recompute", "serum", "example", "audience", "check", "quiet", "recipes",
    "book", "brief", "subject", "decimal_comma", "thousands_comma", "measures",
)  # fmt: skip
_DEFAULTS = {field.name: field.default for field in fields(LogOptions)}


def _help_position(param: inspect.Parameter) -> int:
    """Where `--help` lists a parameter: its place in HELP_ORDER; a command's own option not named there goes last."""
    return HELP_ORDER.index(param.name) if param.name in HELP_ORDER else len(HELP_ORDER)


def log_options(*names: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a command the shared options `names` as its first parameter, `options: LogOptions`.

    Typer reads the returned function's `__signature__`: the command's own parameters and the
    shared ones, in HELP_ORDER.
    """
    unknown = [name for name in names if name not in SHARED_OPTIONS]
    if unknown:
        raise ValueError(f"not shared options: {unknown}")

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        own = list(inspect.signature(command, eval_str=True).parameters.values())[1:]
        shared = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=SHARED_OPTIONS[name], default=_DEFAULTS[name]
            )
            for name in names
        ]
        params = sorted(
            [param.replace(kind=inspect.Parameter.KEYWORD_ONLY) for param in own] + shared,
            key=_help_position,
        )

        @functools.wraps(command)
        def with_options(**given: Any) -> Any:
            options = LogOptions(**{name: given.pop(name) for name in names})
            return command(options, **given)

        with_options.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        with_options.__annotations__ = {param.name: param.annotation for param in params}
        return with_options

    return decorate


@contextmanager
def usage_of(param_hint: str | None) -> Iterator[None]:
    """A library's UsageProblem about one option becomes Click's usage error for it (exit 2, usage shown)."""
    try:
        yield
    except UsageProblem as problem:
        raise typer.BadParameter(str(problem), param_hint=param_hint) from None


def book_dir(option: str | None) -> str | None:
    """The clinic food book folder: --book, else $MGCHECK_BOOK, else ./mgcheck.toml's (None for none)."""
    from mgcheck.book import find_book

    found = find_book(option)
    return None if found is None else str(found)


def subject_name(subject: str | None) -> str | None:
    if subject is None:
        return None
    if not subject.strip():
        raise typer.BadParameter("give the person's name or id", param_hint="--subject")
    return subject.strip()


# The shared options of the commands that assess logs and report per subject (report, summary).
ASSESS_OPTIONS = (
    "logs", "sex", "age", "pregnant", "lactating", "condition", "standard", "profiles", "skip_incomplete", "output",
    "strict", "foods", "date_format", "input_format", "column_map", "recompute", "check", "quiet", "recipes", "book",
    "subject", "decimal_comma", "thousands_comma", "measures",
)  # fmt: skip


def assess(options: LogOptions, *, keep_items: bool = True, keep_columns: tuple[str, ...] = ()) -> Assessment:
    """Run the pipeline for the shared options, with progress on stderr unless --quiet.

    `keep_columns`: log columns the items keep beside their own (population's --by and --weights)."""
    from mgcheck.cli.console import progress
    from mgcheck.pipeline import run

    request = request_for(options)
    request.keep_columns = keep_columns
    with progress(options.quiet) as request.progress:
        return run(request, keep_items=keep_items)


def request_for(options: LogOptions) -> Request:
    """The pipeline request for the shared options: checked, profile made, paths resolved."""
    from mgcheck.pipeline import Request, parse_conditions
    from mgcheck.profiles import options_profile
    from mgcheck.reading_options import comma_mode, measures_choice, parse_column_map

    if not options.logs:
        raise typer.BadParameter("give at least one food log", param_hint="LOGS")
    sources = list(options.logs)
    if options.output:
        from mgcheck.book import book_files
        from mgcheck.output import check_not_input
        from mgcheck.pipeline import expand_sources

        others = [path for path in (options.profiles, options.foods, options.recipes) if path]
        others += book_files(book_dir(options.book))
        check_not_input(options.output, expand_sources(sources) + others, sources + others)
    conditions = parse_conditions("|".join(options.condition or []))
    # --sex or --age alone (partial): the other from the log's own sex or age column, else "missing --age".
    profile, partial = options_profile(options.sex, options.age, options.pregnant, options.lactating, conditions)
    if profile is None and partial is None and (options.pregnant or options.lactating or conditions):
        # They describe one person: with profiles from a file or the log they belong there.
        raise UsageProblem(
            "--pregnant, --lactating and --condition go with --sex and --age; for subjects profiled in "
            "--profiles or in the log, give them in its pregnant, lactating and conditions columns"
        )
    with usage_of("--column-map"):
        column_map = parse_column_map(options.column_map)
    book = book_dir(options.book)
    subject = subject_name(options.subject)
    if options.date_format is not None:
        from mgcheck.logs import check_date_format

        check_date_format(options.date_format)
    with usage_of("--decimal-comma"):
        comma = comma_mode(options.decimal_comma, options.thousands_comma)
    with usage_of("--measures"):
        measures = measures_choice(options.measures)
    return Request(
        sources=sources,
        profile=profile,
        partial_profile=partial,
        profiles_file=options.profiles,
        standard=options.standard,
        date_format=options.date_format,
        input_format=options.input_format,
        foods_file=options.foods,
        strict=options.strict,
        recompute=options.recompute,
        skip_incomplete=options.skip_incomplete,
        column_map=column_map,
        recipes_file=options.recipes,
        book=book,
        subject=subject,
        comma=comma.value,
        measures=measures,
    )
