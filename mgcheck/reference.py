"""Patient profiles and the reference-intake row (IOM 1997 or EFSA 2015) that applies to each."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from mgcheck.errors import MgcheckError, UsageProblem

_SEXES = {
    "f": "female",
    "female": "female",
    "woman": "female",
    "w": "female",
    "m": "male",
    "male": "male",
    "man": "male",
}
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"", "0", "false", "no", "n", "f"}
MAX_AGE = 130.0
_OPEN_AGE = 120.0  # a table band ending at or above this is open-ended ("18 and over")


@dataclass(frozen=True)
class Profile:
    """Who the log belongs to: what picks the reference values."""

    sex: str
    age: float
    pregnant: bool = False
    lactating: bool = False
    conditions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        age: float | int = int(self.age) if float(self.age).is_integer() else self.age
        return {"sex": self.sex, "age": age, "pregnant": self.pregnant, "lactating": self.lactating}


@dataclass(frozen=True)
class Reference:
    """One row of a reference-intake table, with where it came from."""

    standard: str  # "IOM 1997"
    life_stage: str
    ear_mg: float | None
    rda_mg: float | None
    ai_mg: float | None
    ul_supplement_mg: float | None
    source: str
    table_row: int  # 1-based data row of reference_intakes.csv

    def to_dict(self) -> dict[str, object]:
        return {
            "standard": self.standard,
            "ear_mg": _whole(self.ear_mg),
            "rda_mg": _whole(self.rda_mg),
            "ai_mg": _whole(self.ai_mg),
            "ul_supplement_mg": _whole(self.ul_supplement_mg),
        }


def _whole(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def parse_sex(text: object) -> str:
    key = str(text).strip().lower()
    if key not in _SEXES:
        raise UsageProblem(f"sex '{text}' is not recognised; use female or male (F/M)")
    return _SEXES[key]


def parse_flag(text: object, what: str) -> bool:
    key = str(text).strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE or key == "nan":
        return False
    raise MgcheckError(f"{what} '{text}' is not yes/no (true/false, 1/0)")


@dataclass(frozen=True)
class OptionNames:
    """How the caller's options are named in its messages: the CLI's flags, or a function's keywords."""

    sex: str = "--sex"
    age: str = "--age"
    example: str = "e.g. --sex female --age 54"
    """After "reference intakes depend on sex and age": how to give them."""
    remedies: str = "--profiles, profile columns in the log, --sex/--age, or --skip-incomplete"
    """What profiles a subject the log leaves without one."""
    sex_and_age: str = "--sex/--age"
    """The options that profile every subject the log's own sex and age columns leave out."""
    profiles: str = "--profiles"
    date_format: str = "--date-format"
    column_map: str = "--column-map"
    by: str = "--by"
    weights: str = "--weights"
    bootstrap: str = "--bootstrap"

    def given(self, option: str, value: object, *, quoted: bool = True) -> str:
        """The option `option` (a field's name) with its value, as the caller writes it: "--date-format '%Q'"
        (`quoted`, else "--by arm"), "by='arm'", "ReadOptions(date_format='%Q')"."""
        name = str(getattr(self, option))
        if name.endswith("=...)"):
            return f"{name[: -len('...)')]}{value!r})"
        if name.endswith("="):
            return f"{name}{value!r}"
        return f"{name} {value!r}" if quoted else f"{name} {value}"


CLI_OPTIONS = OptionNames()
_API_READING = {
    "profiles": "profiles=",
    "date_format": "ReadOptions(date_format=...)",
    "column_map": "ReadOptions(column_map=...)",
    "by": "by=",
    "weights": "weights=",
    "bootstrap": "bootstrap=",
}
ASSESS_LOGS_OPTIONS = OptionNames(
    "sex",
    "age",
    "give sex= and age=, e.g. sex='female', age=54, or sex and age columns in the log, or profiles=",
    "profiles=, profile columns in the log, sex= and age=, or skip_incomplete=True",
    "sex= and age=",
    **_API_READING,
)
POPULATION_OPTIONS = OptionNames(
    "sex",
    "age",
    "population() reads them from the logs' sex and age columns or profiles=; else pass it "
    "mgcheck.assess_logs(logs, sex=..., age=...)",
    "profiles=, profile columns in the log, or an assessment from mgcheck.assess_logs(logs, sex=..., age=...)",
    "mgcheck.assess_logs(logs, sex=..., age=...)",
    **_API_READING,
)


_PLAIN_AGE = re.compile(
    r"^[+-]?\d{1,12}(?:[.,]\d+)?$"
)  # signed and long too: -1 and 1000 are out of range, not "not a number"


def make_profile(
    sex: object,
    age: object,
    pregnant: bool = False,
    lactating: bool = False,
    conditions: tuple[str, ...] = (),
    names: OptionNames = CLI_OPTIONS,
) -> Profile:
    """A checked profile; every missing or contradictory piece is named (a missing one as `names` says)."""
    given = ((names.sex, sex), (names.age, age))
    missing = [name for name, value in given if value is None or str(value).strip() == ""]
    if missing:
        raise UsageProblem(
            f"missing {' and '.join(missing)}: reference intakes depend on sex and age ({names.example})"
        )
    sex_name = parse_sex(sex)
    age_years = parse_age(age)
    check_pregnancy(sex_name, pregnant, lactating)
    return Profile(sex_name, age_years, pregnant, lactating, conditions)


def check_pregnancy(sex_name: str | None, pregnant: bool, lactating: bool) -> None:
    """A usage problem when pregnant and lactating are both given, or either with a male sex (None: not
    known yet, as for --age given alone)."""
    if pregnant and lactating:
        raise UsageProblem("pregnant and lactating were both given; IOM and EFSA values are for one or the other")
    if (pregnant or lactating) and sex_name not in (None, "female"):
        raise UsageProblem("pregnancy and lactation values apply to women; the profile says male")


def parse_age(age: object) -> float:
    """An age in years, checked; a usage problem says what is wrong with it."""
    # Plain numbers only: float() would also read '5_4' as 54 and 'inf' or '1e1' as ages.
    if isinstance(age, (int, float)) and not isinstance(age, bool):
        age_years = float(age)
    elif _PLAIN_AGE.match(str(age).strip()):
        age_years = float(str(age).strip().replace(",", "."))
    else:
        raise UsageProblem(f"age '{str(age)[:20]}' is not a number of years (decimals allowed: 0.5 is six months)")
    if not math.isfinite(age_years) or not 0 <= age_years <= MAX_AGE:
        raise UsageProblem(f"age {age} is outside 0-{MAX_AGE:g} years")
    return age_years


def _number(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]


# An age within this much of a whole month below it is that month: 0.5833 (7/12 to four places) is 7 months.
_MONTH_TOLERANCE = 0.01


def completed_months(age_years: float) -> int:
    """The age in completed months: 0.5 and 0.58 years are 6 months, 0.5833 (7/12) is 7, 30.5 is 366.

    The tables' bands are in completed years and, for infants, completed months ("0-6 mo" is birth to
    under 7 months, "7-12 mo" from 7 months), so an age is compared in whole months: a six-month-old
    written 0.55 once got the 7-12-month AI of 75 mg instead of 30 (session 27 trial)."""
    return math.floor(age_years * 12 + _MONTH_TOLERANCE)


def _band_months(years: object) -> int:
    """A band's bound in whole months (the table writes 7 months as 0.5833 years)."""
    return round(float(str(years)) * 12)


def matches_profile(record: dict[str, Any], profile: Profile) -> bool:
    """Whether a row of a life-stage table (sex, age band [min, max) in completed months, pregnant, lactating)
    fits the profile."""
    return (
        record["sex"] in ("any", profile.sex)
        and _band_months(record["age_min_years"])
        <= completed_months(profile.age)
        < _band_months(record["age_max_years"])
        and parse_flag(record["pregnant"], "pregnant") == profile.pregnant
        and parse_flag(record["lactating"], "lactating") == profile.lactating
    )


def lookup(profile: Profile, standard: str = "iom") -> Reference:
    """The reference row for this profile; an error says why there is none."""
    from mgcheck import standards

    found = standards.get(standard)  # a usage problem naming the registered standards when unknown
    for table_row, record in found.rows():
        if not matches_profile(record, profile):
            continue
        return Reference(
            standard=found.label,
            life_stage=str(record["life_stage"]),
            ear_mg=_number(record["ear_mg"]),
            rda_mg=_number(record["rda_mg"]),
            ai_mg=_number(record["ai_mg"]),
            ul_supplement_mg=_number(record["ul_supplement_mg"]),
            source=str(record["source"]),
            table_row=table_row,
        )
    state = "pregnancy" if profile.pregnant else "lactation" if profile.lactating else profile.sex
    months = f" ({completed_months(profile.age)} completed months)" if profile.age < 1 else ""
    covered = ""
    if profile.pregnant or profile.lactating:
        # A pregnant 8-year-old once took the 'Pregnancy <=18 y' EAR of 335 mg, three times her own 110.
        bands = [
            (float(record["age_min_years"]), float(record["age_max_years"]))
            for _, record in found.rows()
            if parse_flag(record["pregnant"], "pregnant") == profile.pregnant
            and parse_flag(record["lactating"], "lactating") == profile.lactating
        ]
        if bands:
            low, high = min(b[0] for b in bands), max(b[1] for b in bands)
            span = f"{low:g} and over" if high >= _OPEN_AGE else f"{low:g}-{high - 1:g}"
            covered = f": its {state} values are for ages {span}"
    raise UsageProblem(f"{found.label} sets no magnesium reference for {state} at age {profile.age:g}{months}{covered}")


def __getattr__(name: str) -> Any:
    if name == "STANDARDS":  # name -> label of every registered standard (mgcheck.standards), read when asked
        from mgcheck import standards

        return {key: standard.label for key, standard in standards.all_standards().items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
