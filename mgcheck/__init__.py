"""mgcheck: assess dietary magnesium intake from food logs against reference intakes.

The Python API (see docs/python-api.md) does what the CLI does, with the same checks:

    import mgcheck
    assessment = mgcheck.assess_logs("week.csv", sex="female", age=54)  # or a DataFrame of the log
    report = mgcheck.make_report(assessment)       # typed results; report.to_dict() is the JSON
    print(report.subjects[0].adequacy.conclusion_code)  # a Conclusion, e.g. Conclusion.PROBABLY_ADEQUATE

- read_logs, validate: read and check logs (paths or DataFrames) as `mgcheck validate` does.
- assess_logs: match every food and judge each subject's usual intake (IOM 2000 method).
- make_report, summary: the report as frozen dataclasses (`Report`), or one summary row per subject.
- check_failures: the subjects `--check` flags, with the reason (`CheckFailure`).
- population: a study's prevalence of inadequacy (NRC/IOM adjustment on a Box-Cox scale; `PopulationResult`, one `GroupResult` a group).
- search_foods, show_food: look foods up in the bundled tables; example_path: the bundled example log.

Problems with the input raise `MgcheckError`, whose `problems` name file and row.
Importing mgcheck imports neither pandas nor numpy; they load when a function is called.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from mgcheck.assess import Assessment
    from mgcheck.check import CheckFailure
    from mgcheck.errors import MgcheckError, Problem, UsageProblem
    from mgcheck.pipeline import Validation
    from mgcheck.population import GroupResult, PopulationResult, population
    from mgcheck.reference import Profile
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
    "CheckFailure",
    "Conclusion",
    "Day",
    "Food",
    "FoodCandidate",
    "FoodSources",
    "GroupResult",
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

# Every public name loads on first use (`mgcheck.Report`, `mgcheck.assess_logs`), so `import mgcheck`
# (and with it `mgcheck --help`) runs none of the modules' set-up, such as creating their dataclasses.
_LAZY = {
    "FoodSources": "mgcheck.api",
    "Log": "mgcheck.api",
    "LogSource": "mgcheck.api",
    "ReadOptions": "mgcheck.api",
    "assess_logs": "mgcheck.api",
    "check_failures": "mgcheck.api",
    "example_path": "mgcheck.api",
    "make_report": "mgcheck.api",
    "read_logs": "mgcheck.api",
    "search_foods": "mgcheck.api",
    "show_food": "mgcheck.api",
    "summary": "mgcheck.api",
    "validate": "mgcheck.api",
    "MgcheckError": "mgcheck.errors",
    "Problem": "mgcheck.errors",
    "UsageProblem": "mgcheck.errors",
    "Profile": "mgcheck.reference",
    "population": "mgcheck.population",
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
    "GroupResult": "mgcheck.population",
    "CheckFailure": "mgcheck.check",
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

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mgcheck' has no attribute {name!r}")


class _Package(ModuleType):
    """The mgcheck package, whose attribute `population` stays the API function.

    Importing a submodule sets the package attribute of its name to the submodule; for
    `mgcheck.population` (module and function share the name) this keeps the function.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "population" and isinstance(value, ModuleType):
            value = value.population
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    # help(mgcheck) lists what dir() gives, so the lazily loaded classes are documented too.
    return sorted({*globals(), *__all__})
