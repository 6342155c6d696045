"""The interfaces report, summary and population renderers implement: name, help, how each renders and writes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment
    from mgcheck.population import PopulationResult
    from mgcheck.report import Serum
    from mgcheck.results import Report

__all__ = [
    "PopulationInput",
    "PopulationRenderer",
    "ReportInput",
    "ReportRenderer",
    "SummaryInput",
    "SummaryRenderer",
    "TextPopulationRenderer",
    "TextRenderer",
    "TextSummaryRenderer",
]


@dataclass(frozen=True)
class ReportInput:
    """What a report renderer is given: the assessment, and the typed report built from it on first use
    (a format that needs only the items, such as csv, never pays for building it)."""

    assessment: Assessment
    """The assessment (mgcheck.assess.Assessment): its items, days and subjects."""
    serum: Serum | None = None
    """The serum magnesium value given (--serum-mg), if any."""
    audience: str = "patient"
    """Who reads it: `patient` (a handout) or `clinician` (the full record); html and pdf use it."""

    @cached_property
    def report(self) -> Report:
        """The report as typed results (mgcheck.results.Report, made by mgcheck.report.report): renderers read its fields."""
        from mgcheck.report import report

        return report(self.assessment, self.serum)

    def subject_by_subject(self) -> Report:
        """The report for a renderer that writes one subject at a time: `report` once made, else
        `mgcheck.report.streamed` (subjects made as they are written and let go; read them once)."""
        if "report" in self.__dict__:
            return self.report
        from mgcheck.report import streamed

        return streamed(self.assessment, self.serum)

    @property
    def items(self) -> pd.DataFrame:
        """The assessment's item table: one row per logged item with its food, grams and magnesium."""
        return self.assessment.items

    @cached_property
    def content(self) -> dict[str, Any]:
        """The report's plain form, `report.to_dict()` (the `mgcheck.report/1` JSON contract), made on first use:
        for a plug-in written for the plain contract."""
        return self.report.to_dict()


@runtime_checkable
class ReportRenderer(Protocol):
    """One output format of `mgcheck report --format`."""

    @property
    def name(self) -> str:
        """What `--format` takes: `markdown`."""

    @property
    def help(self) -> str:
        """One line on what it writes."""

    @property
    def needs_file(self) -> bool:
        """True when it writes a file itself and cannot write standard output (pdf)."""

    def render(self, report: ReportInput) -> str:
        """The report as text (for pdf: the HTML page it prints)."""

    def write(self, report: ReportInput, output: str | None) -> None:
        """Write the report to `output` (atomically), or to standard output when None."""


Given = TypeVar("Given")


class WritesItsText(Generic[Given]):
    """A renderer whose output is its text: `write()` writes `render()` to the file or standard output."""

    name = ""
    help = ""

    def render(self, given: Given) -> str:
        raise NotImplementedError

    def write(self, given: Given, output: str | None) -> None:
        from mgcheck.output import write_text

        write_text(self.render(given), output)


class TextRenderer(WritesItsText[ReportInput]):
    """A report renderer whose output is its text."""

    needs_file = False


@dataclass(frozen=True)
class SummaryInput:
    """What a summary renderer is given."""

    frame: pd.DataFrame
    """One row per subject, columns mgcheck.render.summary.COLUMNS, rounded (summary.summary_frame)."""
    warnings: list[str]
    """The run's warnings (the JSON summary carries them)."""
    note: str = ""
    """A note for the reader of several subjects ("... not a prevalence"); empty for one subject."""


@runtime_checkable
class SummaryRenderer(Protocol):
    """One output format of `mgcheck summary --format`."""

    @property
    def name(self) -> str:
        """What `--format` takes: `csv`."""

    @property
    def help(self) -> str:
        """One line on what it writes."""

    @property
    def shows_note(self) -> bool:
        """Whether its output carries the note; when not, the CLI says it on standard error."""

    def render(self, summary: SummaryInput) -> str:
        """The summary as text."""

    def write(self, summary: SummaryInput, output: str | None) -> None:
        """Write the summary to `output` (atomically), or to standard output when None."""


class TextSummaryRenderer(WritesItsText[SummaryInput]):
    """A summary renderer whose output is its text."""

    shows_note = False


@dataclass(frozen=True)
class PopulationInput:
    """What a population renderer is given."""

    result: PopulationResult
    """The usual-intake distributions, one group per row (mgcheck.population.population)."""
    warnings: list[str]
    """The run's warnings (the JSON document carries them)."""


@runtime_checkable
class PopulationRenderer(Protocol):
    """One output format of `mgcheck population --format`."""

    @property
    def name(self) -> str:
        """What `--format` takes: `csv`."""

    @property
    def help(self) -> str:
        """One line on what it writes."""

    @property
    def shows_notes(self) -> bool:
        """Whether its output carries the groups' flags and the checks in words; when not, the CLI
        prints them on standard error."""

    def render(self, population: PopulationInput) -> str:
        """The distributions as text."""

    def write(self, population: PopulationInput, output: str | None) -> None:
        """Write them to `output` (atomically), or to standard output when None."""


class TextPopulationRenderer(WritesItsText[PopulationInput]):
    """A population renderer whose output is its text."""

    shows_notes = True
