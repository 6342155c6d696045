"""The mgcheck command line: parse options, call the core, map errors to exit codes.

Heavy libraries (pandas, rapidfuzz, rich rendering) are imported inside commands so
that `mgcheck --help` starts instantly.
"""

import errno
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from enum import Enum
from typing import Annotated, Any, TypeVar

import typer

from mgcheck import __version__
from mgcheck.errors import ExitCode, MgcheckError
from mgcheck.output import OutputClosed

app = typer.Typer(
    name="mgcheck",
    help="Assess dietary magnesium intake from food logs against IOM/EFSA reference intakes.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,  # never a locals dump: it would print patient rows
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
foods_app = typer.Typer(help="Look up foods in every food table (USDA SR28, FNDDS, --foods).", no_args_is_help=True)
app.add_typer(foods_app, name="foods")
recipe_app = typer.Typer(help="Home-made dishes: a recipe file's breakdown.", no_args_is_help=True)
app.add_typer(recipe_app, name="recipe")
book_app = typer.Typer(help="A clinic's food book: its own words (aliases), foods and recipes.", no_args_is_help=True)
app.add_typer(book_app, name="book")

MAX_ERROR_LINES = 200
# A bare serum value from here up could be mmol/L (normal 0.75-0.95), mg/dL (1.8-2.3) or mEq/L
# (1.5-1.9): 1.4 mg/dL is hypomagnesaemia, 1.4 mmol/L hypermagnesaemia (science.md sec 4).
# Below it a bare value is read as mmol/L.
SERUM_AMBIGUOUS_FROM = 0.8
# Click's own errors (bad option values) are usage errors that click reports with exit 2.
_USAGE_ERRORS: tuple[type[BaseException], ...] = tuple(
    cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "ClickException"
)
_state = {"debug": False, "quiet": False}
F = TypeVar("F", bound=Callable[..., Any])


class ReportFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    pdf = "pdf"


class Audience(str, Enum):
    patient = "patient"
    clinician = "clinician"


class Standard(str, Enum):
    iom = "iom"
    efsa = "efsa"


class SummaryFormat(str, Enum):
    csv = "csv"
    json = "json"
    markdown = "markdown"
    table = "table"


class InputFormat(str, Enum):
    auto = "auto"
    native = "native"
    asa24 = "asa24"
    cronometer = "cronometer"
    intake24 = "intake24"
    nhanes = "nhanes"


def warn(message: str) -> None:
    if not _state["quiet"]:
        _stderr(f"mgcheck: warning: {message}")


def _stderr(line: str) -> None:
    """One line on stderr, every control character from patient text or file names made visible."""
    from mgcheck.text import visible

    try:
        sys.stderr.write(visible(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr closed: nowhere left to say it


def handled(func: F) -> F:
    """Domain errors become one line per problem on stderr and their exit code; no traceback without --debug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MgcheckError as error:
            if _state["debug"]:
                raise
            problems = error.problems
            for problem in problems[:MAX_ERROR_LINES]:
                _stderr(f"mgcheck: error: {problem}")
            if len(problems) > MAX_ERROR_LINES:
                _stderr(f"mgcheck: error: ... and {len(problems) - MAX_ERROR_LINES} more problems")
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            _stderr("mgcheck: interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (OutputClosed, BrokenPipeError):
            # The reader of a pipe stopped reading (`| head`): nothing is wrong, stop quietly.
            _quiet_stdout()
            raise typer.Exit(int(ExitCode.PIPE_CLOSED)) from None
        except (typer.Exit, typer.Abort):
            raise
        except OSError as error:
            if _state["debug"]:
                raise
            # The terminal report prints straight to stdout: a full disk or closed descriptor there.
            _stderr(f"mgcheck: error: standard output: cannot write the report ({error.strerror or error})")
            raise typer.Exit(int(ExitCode.INPUT_ERROR)) from None
        except Exception as error:
            if _state["debug"] or isinstance(error, _USAGE_ERRORS):
                raise
            _stderr(f"mgcheck: internal error ({type(error).__name__}); rerun with --debug for a traceback")
            raise typer.Exit(int(ExitCode.INTERNAL_ERROR)) from None

    return wrapper  # type: ignore[return-value]


def _quiet_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so Python's final flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mgcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a full traceback on errors (may include patient data).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Assess dietary magnesium intake from food logs against IOM/EFSA reference intakes."""
    _state["debug"] = debug
    _state["quiet"] = False


def _example_path() -> str:
    from mgcheck.resources import data_path

    return str(data_path("example_week.csv"))


def _serum(value: str | None) -> Any:
    if value is None:
        return None
    from mgcheck.report import Serum

    text = value.strip().lower().replace(" ", "")
    unit = None
    for suffix, name in (("mg/dl", "mg/dL"), ("mmol/l", "mmol/L"), ("meq/l", "mEq/L")):
        if text.endswith(suffix):
            text, unit = text[: -len(suffix)], name
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a serum value; write it with its unit, e.g. '0.68 mmol/L', '1.7 mg/dL' or '1.4 mEq/L'"
        ) from None
    if not 0 < number < 20:
        raise typer.BadParameter(f"'{value}' is not a plausible serum magnesium value")
    if unit is None and number >= SERUM_AMBIGUOUS_FROM:
        # 1.4 mg/dL (0.58 mmol/L) is hypomagnesaemia; 1.4 mmol/L is hypermagnesaemia: the unit must be said.
        raise typer.BadParameter(
            f"'{value}' has no unit and could be mmol/L, mg/dL or mEq/L; "
            f"write '{value} mg/dL', '{value} mmol/L' or '{value} mEq/L'"
        )
    return Serum(number, unit or "mmol/L")


def _console() -> Any:

    from mgcheck.render.terminal import safe_console

    console = safe_console()
    if not console.is_terminal:
        from mgcheck.render.fit import output_width

        console = safe_console(width=output_width(), color_system=None, no_color=True)
    console.on_broken_pipe = _pipe_closed  # type: ignore[method-assign]  # Rich would exit 1 ("bad input"): a closed pipe is not that
    return console


def _pipe_closed() -> None:
    raise OutputClosed()


def _check_exit(assessment: Any, check: bool) -> None:
    """--check: exit 3 when a subject's usual intake is judged inadequate by the EAR test, or its
    mean is below the EAR. AI-only subjects never trigger it (failing the AI test is not
    inadequacy), nor do subjects whose judgement was withheld for unmatched items (warned)."""
    if check:
        from mgcheck.adequacy import Conclusion, is_inadequate

        subjects = assessment.subjects
        judged = subjects["conclusion_code"] != Conclusion.NOT_JUDGED.value
        flagged = subjects["conclusion_code"].map(is_inadequate) | (
            judged & (subjects["mean_intake_mg"] < subjects["ear_mg"])
        )
        if bool(flagged.any()):
            raise typer.Exit(int(ExitCode.INADEQUATE))


MAX_WARNING_LINES = 50


def _warn_all(messages: list[str]) -> None:
    for message in messages[:MAX_WARNING_LINES]:
        warn(message)
    if len(messages) > MAX_WARNING_LINES:
        warn(f"... and {len(messages) - MAX_WARNING_LINES} more warnings")


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str], None]]:
    """A progress bar of the pipeline's stages on stderr; silent when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    stages = ("Reading logs", "Matching foods", "Assessing subjects")
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("Starting", total=len(stages) + 1)

        def step(stage: str) -> None:
            bar.update(task, description=stage, completed=stages.index(stage) if stage in stages else 0)

        yield step
        bar.update(task, completed=len(stages) + 1)


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
StandardOpt = Annotated[Standard, typer.Option("--standard", help="Reference standard.")]
ProfilesOpt = Annotated[
    str | None,
    typer.Option("--profiles", help="CSV of subject, sex, age, pregnant, lactating, conditions (one row per subject)."),
]
SkipOpt = Annotated[bool, typer.Option("--skip-incomplete", help="Skip subjects without a profile (with a warning).")]
InputFormatOpt = Annotated[
    InputFormat, typer.Option("--input-format", help="Log format; auto recognises each by its header.")
]
ColumnMapOpt = Annotated[
    list[str] | None,
    typer.Option("--column-map", help="Rename a source column before import: 'Mg (mg)=Magnesium' (repeatable)."),
]
RecomputeOpt = Annotated[
    bool,
    typer.Option("--recompute", help="Match export foods against SR28 instead of the export's own Mg; report both."),
]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE (atomically), not stdout.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Make any unmatched food an error (exit 1).")]
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
        "potassium_sparing_diuretics, diuretics (class unknown), bisphosphonates, tetracyclines, quinolones; repeatable.",
    ),
]
DecimalCommaOpt = Annotated[
    bool, typer.Option("--decimal-comma", help="Read '1,000' in amounts and exports as 1.000 (a decimal comma).")
]
ThousandsCommaOpt = Annotated[
    bool, typer.Option("--thousands-comma", help="Read '1,000' in amounts and exports as one thousand.")
]
CheckOpt = Annotated[bool, typer.Option("--check", help="Exit 3 if any subject's usual intake is judged inadequate.")]
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


def _column_map(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise typer.BadParameter(f"'{pair}' is not SOURCE=TARGET", param_hint="--column-map")
        mapping[source.strip()] = target.strip()
    return mapping


def _request(
    sources: list[str],
    *,
    sex: str | None,
    age: str | None,
    pregnant: bool,
    lactating: bool,
    conditions: list[str] | None,
    standard: Standard,
    profiles: str | None,
    skip_incomplete: bool,
    input_format: InputFormat,
    column_map: list[str] | None,
    recompute: bool,
    strict: bool,
    foods: str | None,
    date_format: str | None,
    output: str | None,
    recipes: str | None = None,
    book: str | None = None,
    subject: str | None = None,
    decimal_comma: bool = False,
    thousands_comma: bool = False,
) -> Any:
    """The pipeline request for the options shared by report, summary and validate."""
    from mgcheck.pipeline import Request, parse_conditions
    from mgcheck.reference import make_profile

    if not sources:
        raise typer.BadParameter("give at least one food log", param_hint="LOGS")
    if output:
        from mgcheck.book import book_files
        from mgcheck.output import check_not_input
        from mgcheck.pipeline import expand_sources

        inputs = expand_sources(sources) + [path for path in (profiles, foods, recipes) if path]
        check_not_input(output, inputs + book_files(_book_dir(book)))
    parsed_conditions = parse_conditions("|".join(conditions or []))
    profile = None
    if sex is not None or age is not None:
        profile = make_profile(sex, age, pregnant, lactating, parsed_conditions)
    elif pregnant or lactating or parsed_conditions:
        # They describe one person: with profiles from a file or the log they belong there.
        from mgcheck.errors import UsageProblem

        raise UsageProblem(
            "--pregnant, --lactating and --condition go with --sex and --age; for subjects profiled in "
            "--profiles or in the log, give them in its pregnant, lactating and conditions columns"
        )
    return Request(
        sources=sources,
        profile=profile,
        profiles_file=profiles,
        standard=standard.value,
        date_format=date_format,
        input_format=input_format.value,
        foods_file=foods,
        strict=strict,
        recompute=recompute,
        skip_incomplete=skip_incomplete,
        column_map=_column_map(column_map),
        recipes_file=recipes,
        book=_book_dir(book),
        subject=_subject_name(subject),
        comma=_comma(decimal_comma, thousands_comma),
    )


def _book_dir(option: str | None) -> str | None:
    from mgcheck.book import find_book

    found = find_book(option)
    return None if found is None else str(found)


def _comma(decimal: bool, thousands: bool) -> str:
    if decimal and thousands:
        raise typer.BadParameter("give one of --decimal-comma and --thousands-comma", param_hint="--decimal-comma")
    return "decimal" if decimal else "thousands" if thousands else "ambiguous"


def _subject_name(subject: str | None) -> str | None:
    if subject is None:
        return None
    if not subject.strip():
        raise typer.BadParameter("give the person's name or id", param_hint="--subject")
    return subject.strip()


@app.command()
@handled
def report(
    logs: LogsArg = None,
    sex: SexOpt = None,
    age: AgeOpt = None,
    pregnant: PregnantOpt = False,
    lactating: LactatingOpt = False,
    condition: ConditionOpt = None,
    standard: StandardOpt = Standard.iom,
    profiles: ProfilesOpt = None,
    skip_incomplete: SkipOpt = False,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.terminal,
    output: OutputOpt = None,
    strict: StrictOpt = False,
    foods: FoodsOpt = None,
    date_format: DateFormatOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    column_map: ColumnMapOpt = None,
    recompute: RecomputeOpt = False,
    serum: Annotated[
        str | None,
        typer.Option("--serum-mg", help="Serum magnesium with its unit: '0.68 mmol/L', '1.7 mg/dL' or '1.4 mEq/L'."),
    ] = None,
    example: Annotated[bool, typer.Option("--example", help="Assess the bundled example week.")] = False,
    audience: Annotated[
        Audience, typer.Option("--audience", help="html/pdf: a patient handout or the clinician's full record.")
    ] = Audience.patient,
    check: CheckOpt = False,
    quiet: QuietOpt = False,
    recipes: RecipesOpt = None,
    book: BookOpt = None,
    brief: Annotated[
        bool, typer.Option("--brief", help="One screen: profile, mean, conclusion, top sources, what to add.")
    ] = False,
    subject: SubjectOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    thousands_comma: ThousandsCommaOpt = False,
) -> None:
    """Assess food logs and print the full report (one section per subject)."""
    _state["quiet"] = quiet
    if brief and output_format is not ReportFormat.terminal:
        raise typer.BadParameter("--brief is the short terminal report; leave out --format", param_hint="--brief")
    sources = list(logs or [])
    if example:
        sources.append(_example_path())
        if sex is None and age is None and profiles is None:
            sex, age = "female", "54"  # the example week belongs to a 54-year-old woman
    serum_value = _serum(serum)
    if output_format is ReportFormat.pdf and (output is None or output == "-"):
        raise typer.BadParameter("a PDF needs a file: add -o FILE.pdf", param_hint="--format pdf")
    request = _request(
        sources, sex=sex, age=age, pregnant=pregnant, lactating=lactating, conditions=condition, standard=standard,
        profiles=profiles, skip_incomplete=skip_incomplete, input_format=input_format, column_map=column_map,
        recompute=recompute, strict=strict, foods=foods, date_format=date_format, output=output,
        recipes=recipes, book=book,
        subject=subject, decimal_comma=decimal_comma, thousands_comma=thousands_comma,
    )  # fmt: skip
    from mgcheck.pipeline import run

    with _progress(quiet) as request.progress:
        assessment = run(request)
    from mgcheck.report import ReportOptions, build_report

    content = build_report(assessment, ReportOptions(serum=serum_value, warnings=request.warnings))
    _warn_all(request.warnings)
    if brief:
        _emit_brief(content, output)
    else:
        _emit(content, assessment, output_format, output, audience)
    _check_exit(assessment, check)


@app.command()
@handled
def summary(
    logs: LogsArg = None,
    sex: SexOpt = None,
    age: AgeOpt = None,
    pregnant: PregnantOpt = False,
    lactating: LactatingOpt = False,
    condition: ConditionOpt = None,
    standard: StandardOpt = Standard.iom,
    profiles: ProfilesOpt = None,
    skip_incomplete: SkipOpt = False,
    output_format: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help="Output format [default: table on a terminal, csv otherwise]."),
    ] = None,
    output: OutputOpt = None,
    strict: StrictOpt = False,
    foods: FoodsOpt = None,
    date_format: DateFormatOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    column_map: ColumnMapOpt = None,
    recompute: RecomputeOpt = False,
    check: CheckOpt = False,
    quiet: QuietOpt = False,
    recipes: RecipesOpt = None,
    book: BookOpt = None,
    subject: SubjectOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    thousands_comma: ThousandsCommaOpt = False,
) -> None:
    """One row per subject, for scripts: means, reference, IOM judgement, UL, unmatched share."""
    _state["quiet"] = quiet
    request = _request(
        list(logs or []), sex=sex, age=age, pregnant=pregnant, lactating=lactating, conditions=condition,
        standard=standard, profiles=profiles, skip_incomplete=skip_incomplete, input_format=input_format,
        column_map=column_map, recompute=recompute, strict=strict, foods=foods, date_format=date_format, output=output,
        recipes=recipes, book=book,
        subject=subject, decimal_comma=decimal_comma, thousands_comma=thousands_comma,
    )  # fmt: skip
    from mgcheck.pipeline import run
    from mgcheck.render import summary as summary_out

    with _progress(quiet) as request.progress:
        assessment = run(request)
    _warn_all(request.warnings)
    chosen = output_format or (SummaryFormat.table if output is None and sys.stdout.isatty() else SummaryFormat.csv)
    frame = summary_out.summary_frame(assessment)
    from mgcheck.population import NOT_A_PREVALENCE

    # Several subjects: their conclusions are not a prevalence (a footer, or a note on stderr for csv/json).
    footer = f"Note: {NOT_A_PREVALENCE}." if len(frame) > 1 else ""
    if chosen is SummaryFormat.table and output is None:
        console = _console()
        console.print(summary_out.rich_table(frame, console.width))
        if footer:
            console.print(footer)
    else:
        from mgcheck.output import write_text

        renderers = {
            SummaryFormat.csv: summary_out.to_csv,
            SummaryFormat.json: lambda f: summary_out.to_json(f, request.warnings),
            SummaryFormat.markdown: lambda f: summary_out.to_markdown(f) + (f"\n{footer}\n" if footer else ""),
            SummaryFormat.table: lambda f: summary_out.to_text(f) + "".join(f"{line}\n" for line in _wrapped(footer)),
        }
        if footer and chosen in (SummaryFormat.csv, SummaryFormat.json):
            warn(NOT_A_PREVALENCE)
        write_text(renderers[chosen](frame), output)
    _check_exit(assessment, check)


@app.command()
@handled
def population(
    logs: LogsArg = None,
    sex: SexOpt = None,
    age: AgeOpt = None,
    standard: StandardOpt = Standard.iom,
    profiles: ProfilesOpt = None,
    skip_incomplete: SkipOpt = False,
    weights: Annotated[
        str | None,
        typer.Option("--weights", help="Column (log or --profiles) with each subject's survey weight, e.g. WTDRD1."),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Also report by sex, age-group, or a log or --profiles COLUMN.")
    ] = None,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", min=0, help="Bootstrap replicates for 95% CIs (0: none).")
    ] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 12,
    output_format: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help="Output format [default: table on a terminal, csv otherwise]."),
    ] = None,
    output: OutputOpt = None,
    strict: StrictOpt = False,
    foods: FoodsOpt = None,
    date_format: DateFormatOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    column_map: ColumnMapOpt = None,
    recompute: RecomputeOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """A study's usual-intake distributions: prevalence below the EAR, share above the UL (ISU method)."""
    _state["quiet"] = quiet
    request = _request(
        list(logs or []), sex=sex, age=age, pregnant=False, lactating=False, conditions=None, standard=standard,
        profiles=profiles, skip_incomplete=skip_incomplete, input_format=input_format, column_map=column_map,
        recompute=recompute, strict=strict, foods=foods, date_format=date_format, output=output,
    )  # fmt: skip
    from mgcheck.pipeline import run
    from mgcheck.population import population as estimate_population
    from mgcheck.render import population as population_out

    with _progress(quiet) as request.progress:
        assessment = run(request)
    result = estimate_population(assessment, profiles=profiles, by=by, weights=weights, bootstrap=bootstrap, seed=seed)
    _warn_all(request.warnings)
    chosen = output_format or (SummaryFormat.table if output is None and sys.stdout.isatty() else SummaryFormat.csv)
    if chosen is SummaryFormat.table and output is None:
        console = _console()
        console.print(population_out.rich_table(result))
        for note in population_out.notes(result):
            console.print(f"- {note}")
        return
    from mgcheck.output import write_text

    if chosen in (SummaryFormat.csv,):
        _warn_all([f"{group.group}: {flag}" for group in result.groups for flag in group.flags] + list(result.checks))
    renderers = {
        SummaryFormat.csv: population_out.to_csv,
        SummaryFormat.json: lambda r: population_out.to_json(r, request.warnings),
        SummaryFormat.markdown: population_out.to_markdown,
        SummaryFormat.table: population_out.to_text,
    }
    write_text(renderers[chosen](result), output)


@app.command()
@handled
def validate(
    logs: LogsArg = None,
    strict: StrictOpt = False,
    foods: FoodsOpt = None,
    date_format: DateFormatOpt = None,
    input_format: InputFormatOpt = InputFormat.auto,
    column_map: ColumnMapOpt = None,
    quiet: QuietOpt = False,
    recipes: RecipesOpt = None,
    book: BookOpt = None,
    subject: SubjectOpt = None,
    decimal_comma: DecimalCommaOpt = False,
    thousands_comma: ThousandsCommaOpt = False,
) -> None:
    """Check logs without assessing them: every problem with its file and row; exit 0 or 1."""
    from mgcheck.pipeline import Request
    from mgcheck.pipeline import validate as validate_logs

    _state["quiet"] = quiet
    if not logs:
        raise typer.BadParameter("give at least one food log", param_hint="LOGS")
    request = Request(
        sources=list(logs), input_format=input_format.value, foods_file=foods, strict=strict,
        date_format=date_format, column_map=_column_map(column_map), recipes_file=recipes, book=_book_dir(book),
        subject=_subject_name(subject),
        comma=_comma(decimal_comma, thousands_comma),
    )  # fmt: skip
    result = validate_logs(request)
    _warn_all(result.warnings)
    if result.problems:
        raise MgcheckError(result.problems)
    typer.echo(
        f"ok: {result.items} items in {result.files} file(s), {result.subjects} subject(s), "
        f"{result.days} subject-day(s), {result.unmatched} unmatched food item(s)"
    )


@app.command()
@handled
def template(
    template_format: Annotated[
        InputFormat, typer.Option("--format", "-f", help="Which layout: native, or a recall tool's export.")
    ] = InputFormat.native,
) -> None:
    """Print a ready-to-fill example log (native), or the header layout a recall-tool export must have."""
    from mgcheck.resources import data_path

    name = "native" if template_format is InputFormat.auto else template_format.value
    sys.stdout.write(data_path(f"templates/{name}.csv").read_text(encoding="utf-8"))


def _wrapped(text: str) -> list[str]:
    """`text` wrapped to the width of files and pipes (COLUMNS, else 100); no lines for no text."""
    from mgcheck.render.fit import output_width, wrap

    return wrap(text, output_width()) if text else []


def _emit_brief(content: dict[str, Any], output: str | None) -> None:
    from mgcheck.output import write_text
    from mgcheck.render import brief
    from mgcheck.render.fit import output_width

    width = _console().width if output is None and sys.stdout.isatty() else output_width()
    write_text(brief.render(content, width), output)


def _emit(
    content: dict[str, Any],
    assessment: Any,
    output_format: ReportFormat,
    output: str | None,
    audience: Audience = Audience.patient,
) -> None:
    from mgcheck.output import write_text

    if output_format in (ReportFormat.html, ReportFormat.pdf):
        from mgcheck.render import html

        page = html.render(content, audience.value)
        if output_format is ReportFormat.html:
            write_text(page, output)
        else:
            from mgcheck.render import pdf

            pdf.write_pdf(page, str(output))
    elif output_format is ReportFormat.json:
        from mgcheck.render import json_out

        write_text(json_out.render(content), output)
    elif output_format is ReportFormat.markdown:
        from mgcheck.render import markdown

        write_text(markdown.render(content), output)
    elif output_format is ReportFormat.csv:
        from mgcheck.render import csv_out

        write_text(csv_out.render_items(assessment.items), output)
    elif output:
        from mgcheck.render import terminal

        write_text(terminal.render_to_text(content), output)
    else:
        from mgcheck.render import terminal

        terminal.render(content, _console())


@foods_app.command("search")
@handled
def foods_search(
    text: Annotated[str, typer.Argument(help="What to look for, as a clinician would write it.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="How many candidates.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    foods: FoodsOpt = None,
) -> None:
    """Ranked candidates from every table with magnesium per 100 g and per common portion."""
    from mgcheck.foods_lookup import search

    rows = search(text, limit, foods)
    if as_json:
        import json

        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"Foods matching '{text}'", title_justify="left")
    for column, justify in (
        ("Score", "right"),
        ("ID", "left"),
        ("Table", "left"),
        ("Food", "left"),
        ("Mg/100 g", "right"),
        ("Common portion", "left"),
        ("Mg/portion", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            f"{row['score']:.0f}",
            row["food_id"],
            row["table"],
            row["name"],
            f"{row['mg_per_100g']:g}",
            row["portion"] or "",
            f"{row['portion_mg']:.1f}" if row["portion_mg"] is not None else "",
        )
    _console().print(table)


@foods_app.command("show")
@handled
def foods_show(
    food_id: Annotated[
        str, typer.Argument(help="Food id: SR28 NDB number 09040, FNDDS fndds:42302010, or a --foods id.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    foods: FoodsOpt = None,
) -> None:
    """One food: its table, source values and every household measure with grams and magnesium."""
    from mgcheck.foods_lookup import show

    food = show(food_id, foods)
    if as_json:
        import json

        typer.echo(json.dumps(food, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    console = _console()
    console.print(f"{food['name']} ({food['food_id']}), {food['food_group']}")
    console.print(f"Table: {food['table_title']}")
    if food["other_names"]:
        console.print("Also called: " + "; ".join(food["other_names"]))
    source = f"SR28 source code {food['mg_source_code']}: " if food["mg_source_code"] else ""
    console.print(f"Magnesium {food['mg_per_100g']:g} mg per 100 g ({source}{food['mg_source'] or food['table']})")
    table = Table(box=None)
    for column, justify in (("Measure", "left"), ("Grams", "right"), ("Mg", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for measure in food["measures"]:
        table.add_row(f"{measure['amount']:g} {measure['measure']}", f"{measure['grams']:g}", f"{measure['mg']:.1f}")
    console.print(table)
    console.print("Units it takes: " + ", ".join(food["units"]))


@app.command("reference")
@handled
def reference_command(
    sex: SexOpt = None,
    age: AgeOpt = None,
    pregnant: PregnantOpt = False,
    lactating: LactatingOpt = False,
    standard: StandardOpt = Standard.iom,
    show_all: Annotated[bool, typer.Option("--all", help="Print the whole table of the standard.")] = False,
    salts: Annotated[bool, typer.Option("--salts", help="Print the supplement salts table.")] = False,
    products: Annotated[
        bool, typer.Option("--products", help="Print the named products whose strength is known (per ml or tablet).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Reference intakes for one profile, the whole table, the supplement salts or the named products."""
    import json

    from mgcheck.reference import lookup, make_profile
    from mgcheck.resources import table

    if salts or products:
        from mgcheck.salts import salt_frame

        frame = salt_frame(products=products)
        if as_json:
            typer.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
        else:
            from mgcheck.render.reference_text import salts_table

            typer.echo(salts_table(frame), nl=False)
        return
    if show_all:
        frame = table("reference_intakes.csv")
        frame = frame[frame["standard"] == standard.value]
        if as_json:
            typer.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
        else:
            from mgcheck.render import reference_text

            width = _console().width
            sys.stdout.write(reference_text.reference_table(frame, min(width, reference_text.MAX_WIDTH)))
        return
    profile = make_profile(sex, age, pregnant, lactating)
    reference = lookup(profile, standard.value)
    values = {
        **profile.as_dict(),
        "life_stage": reference.life_stage,
        **reference.as_dict(),
        "table_row": reference.table_row,
        "source": reference.source,
    }
    if as_json:
        typer.echo(json.dumps(values, indent=2, ensure_ascii=False))
        return
    for key, value in values.items():
        typer.echo(f"{key:>17}: {'-' if value is None else value}")


@app.command("evidence")
@handled
def evidence_command(
    doi: Annotated[bool, typer.Option("--doi", help="Print only the DOIs, one per line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Every published finding the reports can cite."""
    import json

    from mgcheck.evidence import all_findings, as_entry

    findings = [as_entry(f) for f in all_findings()]
    if doi:
        for entry in dict.fromkeys(str(f["doi"]) for f in findings):
            typer.echo(entry)
        return
    if as_json:
        typer.echo(json.dumps(findings, indent=2, ensure_ascii=False))
        return
    for finding in findings:
        flag = " [unconfirmed]" if finding["status"] == "unconfirmed" else ""
        typer.echo(
            f"{finding['id']} ({finding['design']}){flag}\n  {finding['finding']}\n"
            f"  Population: {finding['population']} (shown to: {finding['applies_to_people']})\n"
            f"  {finding['citation']}\n"
        )


@recipe_app.command("show")
@handled
def recipe_show(
    recipes_file: Annotated[str, typer.Argument(metavar="FILE", help="Recipe CSV: dish, ingredient, amount, unit.")],
    dish: Annotated[str, typer.Argument(help="The dish's name as written in the file.")],
    foods: FoodsOpt = None,
    book: BookOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """One dish: each ingredient's food, table, grams, measure and magnesium; per serving and per 100 g."""
    from pathlib import Path

    from mgcheck.book import catalogue
    from mgcheck.recipes import find_dish

    warnings: list[str] = []
    book_dir = _book_dir(book)
    found = catalogue(foods, recipes_file, Path(book_dir) if book_dir else None, warnings)
    recipe = find_dish(found.recipes, dish)
    _warn_all(warnings)
    data = recipe.as_dict()
    if as_json:
        import json

        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.markup import escape
    from rich.table import Table

    console = _console()
    serving = (
        f"{data['mg_per_serving']:.1f} mg per serving ({data['grams_per_serving']:g} g), "
        if data["mg_per_serving"] is not None
        else ""
    )
    yields = f"{data['servings']:g} servings; " if data["servings"] else ""
    console.print(escape(f"{recipe.dish} ({recipe.food_id}), from {recipe.file}"), highlight=False)
    console.print(escape(f"Yield: {yields}{data['weight_basis']}"), highlight=False)
    console.print(
        escape(f"Magnesium: {data['total_mg']:.1f} mg in all, {serving}{data['mg_per_100g']:.1f} mg per 100 g"),
        highlight=False,
    )
    table = Table(box=None)
    for column, justify in (("Row", "right"), ("Ingredient", "left"), ("Amount", "left"), ("Food", "left"),
                            ("Table", "left"), ("Grams", "right"), ("Measure used", "left"), ("Mg", "right")):  # fmt: skip
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for item in data["ingredients"]:
        table.add_row(
            str(item["row"]), escape(item["ingredient"]), escape(f"{item['amount']:g} {item['unit']}"),
            escape(f"{item['food_name']} ({item['food_id']})"), item["table"], f"{item['grams']:.1f}",
            escape(item["measure"]), f"{item['mg']:.1f}",
        )  # fmt: skip
    console.print(table)


def _named_book(option: str | None) -> Any:
    from pathlib import Path

    from mgcheck.errors import UsageProblem

    book_dir = _book_dir(option)
    if book_dir is None:
        raise UsageProblem(
            'no food book named: give --book DIR, set MGCHECK_BOOK, or write book = "DIR" in ./mgcheck.toml'
        )
    return Path(book_dir)


@book_app.command("add-alias")
@handled
def book_add_alias(
    text: Annotated[str, typer.Argument(help="The word as the clinic writes it, e.g. cuppa.")],
    food_id: Annotated[str, typer.Argument(help="The food it means (see `mgcheck foods search`).")],
    book: BookOpt = None,
    create: Annotated[bool, typer.Option("--create", help="Create the book folder if it does not exist.")] = False,
    source: Annotated[str | None, typer.Option("--source", help="Who decided this, and why (source column).")] = None,
) -> None:
    """Teach the book a word: TEXT now means FOOD_ID (checked to exist); aliases.csv is rewritten atomically."""
    from mgcheck.book import add_alias

    typer.echo(add_alias(_named_book(book), text, food_id, source, create))


@book_app.command("check")
@handled
def book_check(book: BookOpt = None) -> None:
    """Check a book: every alias points at a food that exists, no name defined twice, recipes valid."""
    from mgcheck.book import check_book

    book_dir = _named_book(book)
    problems, counts = check_book(book_dir)
    if problems:
        raise MgcheckError(problems)
    typer.echo(
        f"ok: {book_dir}: {counts['aliases']} alias(es), {counts['foods']} food(s), {counts['recipes']} recipe(s)"
    )


class _ClosedOutput(io.StringIO):
    """Standard output when its descriptor was closed: writing says so (an error, exit 1)."""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass


def _on_signal(signum: int, frame: object) -> None:
    """SIGTERM/SIGHUP: stop like Ctrl-C, removing any half-written report (exit 128 + signal)."""
    from mgcheck.output import remove_pending

    remove_pending()
    _stderr("mgcheck: terminated")
    raise SystemExit(128 + signum)


def _prepare_streams() -> None:
    """Closed or non-UTF-8 standard streams give clear answers, never a crash.

    A closed stdin/stdout/stderr (`<&-`, `>&-`) is None in Python: stdin then reads as empty,
    stdout raises a clear error when a report is written to it. A terminal whose encoding
    cannot show a character prints an escape instead of failing (JSON/CSV/Markdown on stdout
    are UTF-8 bytes whatever the locale; mgcheck.output.write_stdout).
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            with suppress(OSError, ValueError):
                stream.reconfigure(errors="backslashreplace")


def main() -> None:
    """Console-script entry point."""
    import signal

    if os.environ.get("NO_COLOR") is not None:
        os.environ.setdefault("TERM", "dumb")
    _prepare_streams()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    try:
        result = app(standalone_mode=False)
    except KeyboardInterrupt:
        _stderr("mgcheck: interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except _USAGE_ERRORS as error:
        # Click's message quotes the option value as given: shown with its controls made visible.
        import io

        from mgcheck.text import visible

        buffer = io.StringIO()
        error.show(file=buffer)  # type: ignore[attr-defined]
        with suppress(OSError, ValueError):
            sys.stderr.write(visible(buffer.getvalue(), layout=True))
        sys.exit(int(getattr(error, "exit_code", ExitCode.USAGE_ERROR)))
    except typer.Abort:
        _stderr("Aborted!")
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
