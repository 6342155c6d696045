"""Profiles per subject: from a --profiles file, from the log's own columns, or from the options."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mgcheck.errors import MgcheckError, Problem, UsageProblem
from mgcheck.reference import CLI_OPTIONS, OptionNames, Profile, make_profile, parse_flag
from mgcheck.schema import PROFILE_COLUMNS
from mgcheck.vector import per_distinct, strip

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.logs import FrameSource

CONDITIONS = (
    "kidney_disease",
    "diabetes",
    "alcohol_use",
    "gi_disease",
    "diuretics",
    "ppi",
    "loop_thiazide_diuretics",
    "potassium_sparing_diuretics",
    "bisphosphonates",
    "tetracyclines",
    "quinolones",
    "dysphagia",
)


def _as_text(value: object) -> str:
    return "" if value is None or value != value else str(value)


def parse_conditions(text: object) -> tuple[str, ...]:
    """'diabetes|kidney disease' -> ('diabetes', 'kidney_disease'); unknown names are an error."""
    if text is None or text != text or not str(text).strip():
        return ()
    separated = str(text).replace(";", "|").replace(",", "|").split("|")
    names = [part.strip().lower().replace(" ", "_").replace("-", "_") for part in separated]
    unknown = [name for name in names if name and name not in CONDITIONS]
    if unknown:
        raise UsageProblem(f"condition {', '.join(unknown)} is not one of {', '.join(CONDITIONS)}")
    return tuple(dict.fromkeys(name for name in names if name))


def _same_age(text: str) -> str:
    """An age cell in one spelling per number: '54.0' -> '54'; anything else as written."""
    try:
        return format(float(text.replace(",", ".")), "g") if _PLAIN_NUMBER.match(text) else text
    except ValueError:
        return text


_PLAIN_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class ProfileMissing(Problem):
    """A profile row without its sex or age: half a profile is missing as no profile is (what --sex/--age
    or --profiles give), so the run's exit is the usage error's 2 when every problem is one of these, and
    --skip-incomplete skips its subject as it skips one with no profile."""

    subject: str = field(default="", compare=False)


def from_table(
    table: pd.DataFrame,
    name: str,
    origins: dict[str, tuple[str, int]] | None = None,
    names: OptionNames = CLI_OPTIONS,
) -> tuple[dict[str, Profile], list[Problem]]:
    """Profiles from rows of subject + profile columns.

    Rows repeating a subject must agree; each distinct profile is built and checked once.
    Messages name each row's own `file` and `row` when the table has those columns (a log),
    else `name` and the table's index (a --profiles file); a blank sex or age names what gives it
    as `names` says (the CLI's --sex, assess_logs' sex=).
    """
    import numpy as np

    columns = [c for c in PROFILE_COLUMNS if c in table.columns]
    rows = table["row"].to_numpy() if "row" in table.columns else table.index.to_numpy()
    files = table["file"].astype(str).to_numpy() if "file" in table.columns else np.full(len(table), name)
    # Distinct rows first (cheap on a million-row log), then the few left are cleaned.
    raw = table[["subject", *columns]].reset_index(drop=True).drop_duplicates()
    cells = raw.astype(object)
    cells = cells.where(cells.notna(), "").astype(str).apply(lambda column: column.str.strip())
    if "age" in cells.columns:
        # 54 and 54.0 are one age, not a conflict (each distinct cell read once)
        cells["age"] = per_distinct(cells["age"], _same_age)
    distinct = cells.drop_duplicates()  # index: position of each record's first row
    problems: list[Problem] = []
    conflicting = set(distinct.loc[distinct["subject"].duplicated(), "subject"])
    for subject in sorted(conflicting):
        position = distinct.index[distinct["subject"] == subject][-1]  # the row that disagrees
        problems.append(
            Problem(
                f"subject {subject} has conflicting profiles (sex, age or state differ between rows)",
                str(files[position]),
                int(rows[position]),
            )
        )
    built: dict[tuple[str, ...], Profile | MgcheckError] = {}
    profiles: dict[str, Profile] = {}
    header = ["subject", *columns]
    # Plain lists: iterating the table's rows and index element by element costs a call per cell.
    for position, record in zip(distinct.index.tolist(), distinct.to_numpy(dtype=object).tolist(), strict=True):
        values = dict(zip(header, record, strict=True))
        if values["subject"] in conflicting:
            continue
        key = tuple([values.get(c, "") for c in PROFILE_COLUMNS])
        if key not in built:
            try:
                built[key] = make_profile(
                    values.get("sex"),
                    values.get("age"),
                    parse_flag(values.get("pregnant", ""), "pregnant"),
                    parse_flag(values.get("lactating", ""), "lactating"),
                    parse_conditions(values.get("conditions", "")),
                    names,
                )
            except MgcheckError as error:
                built[key] = error
        outcome = built[key]
        if isinstance(outcome, MgcheckError):
            message = f"subject {values['subject']}: {outcome.problems[0].message}"
            half = not values.get("sex") or not values.get("age")  # a blank (or absent) sex or age
            where = (str(files[position]), int(rows[position]))
            problems.append(
                ProfileMissing(message, *where, subject=values["subject"]) if half else Problem(message, *where)
            )
        else:
            profiles[values["subject"]] = outcome
            if origins is not None:  # where the profile was given: a later problem of it names that row
                origins.setdefault(values["subject"], (str(files[position]), int(rows[position])))
    return profiles, problems


def read_profiles(source: str | FrameSource) -> tuple[pd.DataFrame, str]:
    """The profiles table of a file or a DataFrame (the API's `profiles=`), as `read_table` gives a file:
    text cells, rows numbered from 1; and the name its problems carry."""
    if isinstance(source, str):
        from mgcheck.importers.reading import read_table

        return read_table(source, EMPTY_PROFILES)
    return source.table(EMPTY_PROFILES), source.name


# An empty profiles file was 'is empty; a food log needs ...' (the second review).
EMPTY_PROFILES = "is empty; a profiles file needs a header row (subject, sex, age, ...) and one row per subject"


def resolve_profiles(
    log: pd.DataFrame,
    cli_profile: Profile | None,
    profiles_file: str | FrameSource | None,
    skip_incomplete: bool,
    warnings: list[str],
    partial: dict[str, str] | None = None,
    origins: dict[str, tuple[str, int]] | None = None,
    names: OptionNames = CLI_OPTIONS,
) -> tuple[dict[str, Profile], list[Problem]]:
    """A profile for every subject of the log: --profiles first, then log columns, then --sex/--age.

    `partial` holds the profile fields of --sex or --age given alone (`partial_profile`): they fill what
    the log's own columns leave out ('--sex female' with a log's age column), and a subject the log does
    not profile is a usage error naming the option missing. `origins`, when given, gets each --profiles
    subject's file and row, for a later problem of its profile (no reference value) to name. `names` is how
    the caller's options are named in a problem (the CLI's --sex, a function's sex=)."""
    profiles: dict[str, Profile] = {}
    problems: list[Problem] = []
    if profiles_file:
        from mgcheck.importers.reading import normalise_header

        table, name = read_profiles(profiles_file)
        table.columns = [normalise_header(c) for c in table.columns]
        missing = [c for c in ("subject", "sex", "age") if c not in table.columns]
        if missing:
            raise MgcheckError(Problem(f"missing column {', '.join(missing)}; profiles need subject, sex, age", name))
        profiles, problems = from_table(table, name, origins, names)
    file_subjects = list(profiles)
    in_log = "sex" in log.columns or "age" in log.columns
    profiled_by_log = False
    if in_log:
        # A log without these columns (beside one that has them) leaves them missing: not stated.
        stated = [
            per_distinct(log[c], lambda value: strip(_as_text(value)) != "", "bool") for c in ("sex", "age") if c in log
        ]
        given = log[stated[0] | stated[-1]]
        if profiles:  # --profiles comes first: the log's columns are not read for its subjects
            given = given[~given["subject"].astype(str).isin(list(profiles))]
        fills = profile_fills(cli_profile) if cli_profile is not None else partial
        if fills:
            given = _completed(given, fills)
        from_log, log_problems = from_table(given, "", names=names)
        problems += log_problems
        profiled_by_log = bool(from_log)
        overridden = 0
        for subject, profile in from_log.items():
            profiles.setdefault(subject, profile)
            overridden += cli_profile is not None and profile != cli_profile
        if overridden:
            warnings.append(
                f"{overridden} subject(s) profiled by the log's sex/age columns rather than {names.sex_and_age} "
                f"(the log's columns come first; {names.sex_and_age} fill only what the log leaves blank)"
            )
    subjects = [str(s) for s in log["subject"].unique()]
    if profiles_file:
        # A profile no log needs is most often a subject id mistyped in one file or the other. Counted, not
        # named: a clinic-wide profiles file beside one patient's log would put other patients' ids in
        # that patient's record (the warnings go into the report).
        logged = set(subjects)
        unused = sum(subject not in logged for subject in file_subjects)
        if unused:
            warnings.append(
                f"{name}: {unused} profile(s) for subjects not in the logs (an id mistyped in one of the files?)"
            )
    missing_subjects = [s for s in subjects if s not in profiles]
    if skip_incomplete and any(isinstance(problem, ProfileMissing) for problem in problems):
        # Half a profile is skipped as no profile is (the session 27 review: it stopped the run, exit 2).
        halves = [problem for problem in problems if isinstance(problem, ProfileMissing)]
        problems = [problem for problem in problems if not isinstance(problem, ProfileMissing)]
        warnings += [f"skipped {problem.message}" for problem in halves]
        skipped = {problem.subject for problem in halves}
        missing_subjects = [s for s in missing_subjects if s not in skipped]
    if cli_profile is not None:
        for subject in missing_subjects:
            profiles[subject] = cli_profile
        missing_subjects = []
    if missing_subjects and not problems:
        if partial and not profiled_by_log:  # the log gives no subject the other of sex and age
            make_profile(partial.get("sex"), partial.get("age"), names=names)  # raises: "missing --age ..."
        if not profiles and profiles_file is None and not in_log:
            make_profile(None, None, names=names)  # raises: "missing --sex and --age ..."
        shown = ", ".join(missing_subjects[:10]) + (" ..." if len(missing_subjects) > 10 else "")
        shown += near_misses(missing_subjects, profiles)
        if not skip_incomplete:
            raise UsageProblem(f"no profile (sex, age) for subject(s) {shown}: give {names.remedies}")
        warnings.append(f"skipped {len(missing_subjects)} subject(s) without a profile: {shown}")
    return profiles, problems


def options_profile(
    sex: object,
    age: object,
    pregnant: bool,
    lactating: bool,
    conditions: tuple[str, ...],
    names: OptionNames = CLI_OPTIONS,
) -> tuple[Profile | None, dict[str, str] | None]:
    """The profile the options give (--sex/--age/... or the API's arguments), checked: with sex and age a
    profile for every subject without its own; with one of them alone the profile columns' cells that
    complete the log's own (`partial_profile`); with neither (None, None)."""
    if sex is not None and age is not None:
        return make_profile(sex, age, pregnant, lactating, conditions, names), None
    if sex is not None or age is not None:
        return None, partial_profile(sex, age, pregnant, lactating, conditions)
    return None, None


def profile_fills(profile: Profile) -> dict[str, str]:
    """The profile columns' cells a profile from the options (--sex/--age/--pregnant/...) gives."""
    fills = {"sex": profile.sex, "age": f"{profile.age:g}"}
    return fills | _state_fills(profile.pregnant, profile.lactating, profile.conditions)


def partial_profile(
    sex: object, age: object, pregnant: bool, lactating: bool, conditions: tuple[str, ...]
) -> dict[str, str]:
    """The profile columns' cells of --sex or --age given alone, each checked: they complete the log's own
    profile columns (`resolve_profiles`); the other of the two must come from the log."""
    from mgcheck.reference import check_pregnancy, parse_age, parse_sex

    fills = {"sex": parse_sex(sex)} if sex is not None else {"age": f"{parse_age(age):g}"}
    check_pregnancy(fills.get("sex"), pregnant, lactating)  # the options contradict each other whatever the log
    return fills | _state_fills(pregnant, lactating, conditions)


def _state_fills(pregnant: bool, lactating: bool, conditions: tuple[str, ...]) -> dict[str, str]:
    """The pregnant, lactating and conditions cells of a profile from the options."""
    return {
        "pregnant": "yes" if pregnant else "",
        "lactating": "yes" if lactating else "",
        "conditions": "|".join(conditions),
    }


def _completed(given: pd.DataFrame, fills: dict[str, str]) -> pd.DataFrame:
    """The log's profile rows with each profile field the log leaves out or blank taken from the
    options (`fills`, from --sex/--age/--pregnant/...): a log with an age column and `--sex female`
    profiles every subject by its own age and the given sex."""
    columns: dict[str, Any] = {}
    for column, value in fills.items():
        if column not in given.columns:
            columns[column] = value
        elif value:
            cells = given[column]
            blank = per_distinct(cells, lambda cell: strip(_as_text(cell)) == "", "bool")
            columns[column] = cells.astype(object).where(~blank, value)
    completed: pd.DataFrame = given.assign(**columns)
    return completed


def near_misses(missing: list[str], profiles: dict[str, Profile]) -> str:
    """' (P1 is profiled only as 'p1' ...)': profiled ids that differ from a missing one only in case or
    spaces. Never taken as the same person (ids are matched exactly), only named so the clinic sees why."""
    by_key: dict[str, list[str]] = {}
    for subject in profiles:
        by_key.setdefault(" ".join(subject.split()).casefold(), []).append(subject)
    hints = [
        f"{subject} is profiled only as {' or '.join(repr(other) for other in by_key[key])}"
        for subject in missing[:10]
        if (key := " ".join(subject.split()).casefold()) in by_key
    ]
    return f" ({'; '.join(hints)}: subject ids must match exactly)" if hints else ""
