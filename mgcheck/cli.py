"""The mgcheck command line: parse options, call the core, map errors to exit codes.

Heavy libraries (pandas, rapidfuzz, rich rendering) are imported inside commands so
that `mgcheck --help` starts instantly.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, TypeVar

import typer

from mgcheck import __version__
from mgcheck.errors import ExitCode, MgcheckError

app = typer.Typer(
    name="mgcheck",
    help="Assess dietary magnesium intake from food logs against IOM/EFSA reference intakes.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,  # never a locals dump: it would print patient rows
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
foods_app = typer.Typer(help="Look up foods in the bundled USDA SR28 table.", no_args_is_help=True)
app.add_typer(foods_app, name="foods")

MAX_ERROR_LINES = 200
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


class Standard(str, Enum):
    iom = "iom"
    efsa = "efsa"


class InputFormat(str, Enum):
    auto = "auto"
    native = "native"
    asa24 = "asa24"
    cronometer = "cronometer"
    intake24 = "intake24"
    nhanes = "nhanes"


def warn(message: str) -> None:
    if not _state["quiet"]:
        sys.stderr.write(f"mgcheck: warning: {message}\n")


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
                sys.stderr.write(f"mgcheck: error: {problem}\n")
            if len(problems) > MAX_ERROR_LINES:
                sys.stderr.write(f"mgcheck: error: ... and {len(problems) - MAX_ERROR_LINES} more problems\n")
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("mgcheck: interrupted\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:
            if _state["debug"] or isinstance(error, _USAGE_ERRORS):
                raise
            sys.stderr.write(f"mgcheck: internal error ({type(error).__name__}); rerun with --debug for a traceback\n")
            raise typer.Exit(int(ExitCode.INTERNAL_ERROR)) from None

    return wrapper  # type: ignore[return-value]


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
    unit = "mmol/L"
    for suffix, name in (("mg/dl", "mg/dL"), ("mmol/l", "mmol/L")):
        if text.endswith(suffix):
            text, unit = text[: -len(suffix)], name
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a serum value; write e.g. 0.68 (mmol/L) or '1.7 mg/dL'") from None
    if not 0 < number < 20:
        raise typer.BadParameter(f"'{value}' is not a plausible serum magnesium value")
    return Serum(number, unit)


def _console(to_terminal: bool) -> Any:
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=110, color_system=None, no_color=True)
    return console


def _check_exit(assessment: Any, check: bool) -> None:
    if check:
        from mgcheck.adequacy import is_inadequate

        flagged = assessment.subjects["conclusion"].map(is_inadequate) | (
            assessment.subjects["mean_total_mg"] < assessment.subjects["ear_mg"]
        )
        if bool(flagged.any()):
            raise typer.Exit(int(ExitCode.INADEQUATE))


LogsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Food log files (CSV); '-' reads standard input.", show_default=False),
]
SexOpt = Annotated[
    str | None, typer.Option("--sex", help="female or male (F/M). Required unless the log or --profiles gives it.")
]
AgeOpt = Annotated[str | None, typer.Option("--age", help="Age in years; decimals allowed (0.5 = six months).")]
PregnantOpt = Annotated[bool, typer.Option("--pregnant", help="Use pregnancy reference values.")]
LactatingOpt = Annotated[bool, typer.Option("--lactating", help="Use lactation reference values.")]
StandardOpt = Annotated[Standard, typer.Option("--standard", help="Reference standard.")]


@app.command()
@handled
def report(
    logs: LogsArg = None,
    sex: SexOpt = None,
    age: AgeOpt = None,
    pregnant: PregnantOpt = False,
    lactating: LactatingOpt = False,
    standard: StandardOpt = Standard.iom,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.terminal,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the report to FILE (atomically).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Make any unmatched food an error (exit 1).")] = False,
    foods: Annotated[
        str | None, typer.Option("--foods", help="CSV of a clinic's own foods (same columns as foods.csv).")
    ] = None,
    date_format: Annotated[
        str | None, typer.Option("--date-format", help="strptime format of non-ISO dates, e.g. %d/%m/%Y.")
    ] = None,
    serum: Annotated[
        str | None, typer.Option("--serum-mg", help="Serum magnesium, mmol/L (or e.g. '1.7 mg/dL').")
    ] = None,
    condition: Annotated[
        list[str] | None,
        typer.Option("--condition", help="kidney_disease, diabetes, alcohol_use, gi_disease or diuretics; repeatable."),
    ] = None,
    example: Annotated[bool, typer.Option("--example", help="Assess the bundled example week.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 3 if any subject's usual intake is judged inadequate.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on standard error.")] = False,
) -> None:
    """Assess food logs and print the full report."""
    from mgcheck.pipeline import Request, parse_conditions, run
    from mgcheck.reference import make_profile

    _state["quiet"] = quiet
    sources = list(logs or [])
    if example:
        sources.append(_example_path())
    if not sources:
        raise typer.BadParameter("give at least one food log (or --example)", param_hint="LOGS")
    serum_value = _serum(serum)
    conditions = parse_conditions("|".join(condition or []))
    if output:
        from mgcheck.output import check_not_input

        check_not_input(output, sources)
    profile = None
    if sex is not None or age is not None or example:
        if example and sex is None and age is None:
            sex, age = "female", "54"  # the example week belongs to a 54-year-old woman
        profile = make_profile(sex, age, pregnant, lactating, conditions)
    elif pregnant or lactating or conditions:
        make_profile(sex, age)
    request = Request(
        sources=sources,
        profile=profile,
        standard=standard.value,
        date_format=date_format,
        foods_file=foods,
        strict=strict,
    )
    assessment = run(request)
    from mgcheck.report import ReportOptions, build_report

    content = build_report(assessment, ReportOptions(serum=serum_value, warnings=request.warnings))
    for message in request.warnings:
        warn(message)
    _emit(content, assessment, output_format, output)
    _check_exit(assessment, check)


def _emit(content: dict[str, Any], assessment: Any, output_format: ReportFormat, output: str | None) -> None:
    from mgcheck.output import write_text

    if output_format is ReportFormat.json:
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

        terminal.render(content, _console(True))


@foods_app.command("search")
@handled
def foods_search(
    text: Annotated[str, typer.Argument(help="What to look for, as a clinician would write it.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=100, help="How many candidates.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """Ranked candidates with magnesium per 100 g and per common portion."""
    from mgcheck.foods_lookup import search

    rows = search(text, limit)
    if as_json:
        import json

        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"Foods matching '{text}'", title_justify="left")
    for column, justify in (
        ("Score", "right"),
        ("ID", "left"),
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
            row["name"],
            f"{row['mg_per_100g']:g}",
            row["portion"] or "",
            f"{row['portion_mg']:.1f}" if row["portion_mg"] is not None else "",
        )
    _console(True).print(table)


@foods_app.command("show")
@handled
def foods_show(
    food_id: Annotated[str, typer.Argument(help="SR28 NDB number, e.g. 09040.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
) -> None:
    """One food: its source values and every household measure with grams and magnesium."""
    from mgcheck.foods_lookup import show

    food = show(food_id)
    if as_json:
        import json

        typer.echo(json.dumps(food, indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    console = _console(True)
    console.print(f"{food['name']} ({food['food_id']}), {food['food_group']}")
    console.print(
        f"Magnesium {food['mg_per_100g']:g} mg per 100 g (SR28 source code {food['mg_source_code']}: {food['mg_source']})"
    )
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
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Reference intakes for one profile, the whole table, or the supplement salts."""
    import json

    from mgcheck.reference import lookup, make_profile
    from mgcheck.resources import table

    if salts or show_all:
        frame = table("salts.csv") if salts else table("reference_intakes.csv")
        if not salts:
            frame = frame[frame["standard"] == standard.value]
        if as_json:
            typer.echo(frame.to_json(orient="records", force_ascii=False, indent=2))
        else:
            typer.echo(frame.drop(columns=["source"]).to_string(index=False, na_rep="-"))
            typer.echo(f"\nSource: {frame['source'].iloc[0]}")
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
        typer.echo(f"{finding['id']} ({finding['design']}){flag}\n  {finding['finding']}\n  {finding['citation']}\n")


def main() -> None:
    """Console-script entry point."""
    if os.environ.get("NO_COLOR") is not None:
        os.environ.setdefault("TERM", "dumb")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("mgcheck: interrupted\n")
        sys.exit(int(ExitCode.INTERRUPTED))
