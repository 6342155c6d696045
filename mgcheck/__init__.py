"""mgcheck: assess dietary magnesium intake from food logs against reference intakes.

The Python API (see docs/python-api.md) does what the CLI does, with the same checks:

    import mgcheck
    assessment = mgcheck.assess_logs("week.csv", sex="female", age=54)  # or a DataFrame of the log
    report = mgcheck.make_report(assessment)       # typed results; report.to_dict() is the JSON
    print(report.subjects[0].adequacy.conclusion_code)  # a Conclusion, e.g. Conclusion.PROBABLY_ADEQUATE

- read_logs, validate: read and check logs (paths or DataFrames) as `mgcheck validate` does.
- assess_logs: match every food and judge each subject's usual intake (IOM 2000 method).
- make_report, summary: the report as frozen dataclasses (`Report`), or one summary row per subject.
- check_failures: the subjects `--check` flags, with the reason.
- population: a study's prevalence of inadequacy (ISU method).
- search_foods, show_food: look foods up in the bundled tables; example_path: the bundled example log.

Problems with the input raise `MgcheckError`, whose `problems` name file and row.
Importing mgcheck imports neither pandas nor numpy; they load when a function is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgcheck.api import (
    FoodSources,
    Log,
    LogSource,
    ReadOptions,
    assess_logs,
    check_failures,
    example_path,
    make_report,
    read_logs,
    search_foods,
    show_food,
    summary,
    validate,
)
from mgcheck.errors import MgcheckError, Problem, UsageProblem
from mgcheck.population import population  # after its module is imported, so the function keeps the name
from mgcheck.reference import Profile

if TYPE_CHECKING:
    from mgcheck.assess import Assessment
    from mgcheck.pipeline import Validation
    from mgcheck.population import PopulationResult
    from mgcheck.report import Serum
    from mgcheck.results import (
        Adequacy,
        Conclusion,
        Day,
        Food,
        FoodCandidate,
        Item,
        ItemKind,
        ItemStatus,
        Report,
        SubjectResult,
        Unmatched,
        VerdictCode,
    )

__version__ = "0.1.0"

__all__ = [
    "Adequacy",
    "Assessment",
    "Conclusion",
    "Day",
    "Food",
    "FoodCandidate",
    "FoodSources",
    "Item",
    "ItemKind",
    "ItemStatus",
    "Log",
    "LogSource",
    "MgcheckError",
    "PopulationResult",
    "Problem",
    "Profile",
    "ReadOptions",
    "Report",
    "Serum",
    "SubjectResult",
    "Unmatched",
    "UsageProblem",
    "Validation",
    "VerdictCode",
    "__version__",
    "assess_logs",
    "check_failures",
    "example_path",
    "make_report",
    "population",
    "read_logs",
    "search_foods",
    "show_food",
    "summary",
    "validate",
]

# Result classes load on first use (`mgcheck.Report`), so `import mgcheck` stays light.
_LAZY = {
    "Adequacy": "mgcheck.results",
    "Assessment": "mgcheck.assess",
    "Conclusion": "mgcheck.results",
    "Day": "mgcheck.results",
    "Food": "mgcheck.results",
    "FoodCandidate": "mgcheck.results",
    "Item": "mgcheck.results",
    "ItemKind": "mgcheck.results",
    "ItemStatus": "mgcheck.results",
    "PopulationResult": "mgcheck.population",
    "Report": "mgcheck.results",
    "Serum": "mgcheck.report",
    "SubjectResult": "mgcheck.results",
    "Unmatched": "mgcheck.results",
    "Validation": "mgcheck.pipeline",
    "VerdictCode": "mgcheck.results",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mgcheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    # help(mgcheck) lists what dir() gives, so the lazily loaded classes are documented too.
    return sorted({*globals(), *__all__})
