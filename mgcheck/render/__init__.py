"""Renderers: each turns a report, a summary or a population result into one output format; these are their registries.

A report format is one module in mgcheck/render/formats/ defining `RENDERER`
(mgcheck.render.interface.ReportRenderer); a summary format one in summary_formats/, a
population format one in population_formats/. `register()` (`register_summary()`,
`register_population()`) adds one at run time (a test's toy renderer, a plug-in); each
command's `--format` reads its registry when it runs.
"""

from __future__ import annotations

from mgcheck.registry import Registry
from mgcheck.render.interface import (
    PopulationInput,
    PopulationRenderer,
    ReportInput,
    ReportRenderer,
    SummaryInput,
    SummaryRenderer,
    TextPopulationRenderer,
    TextRenderer,
    TextSummaryRenderer,
)

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
    "get",
    "get_population",
    "get_summary",
    "population_renderer_names",
    "population_renderers",
    "register",
    "register_population",
    "register_summary",
    "renderer_names",
    "renderers",
    "summary_renderer_names",
    "summary_renderers",
    "unregister",
    "unregister_population",
    "unregister_summary",
]

BUILT_IN = (
    "terminal",
    "json",
    "markdown",
    "csv",
    "html",
    "pdf",
    "brief",
)  # the order of --help; terminal is the default
SUMMARY_BUILT_IN = ("csv", "json", "markdown", "table")
POPULATION_BUILT_IN = ("csv", "json", "markdown", "table")
_reports: Registry[ReportRenderer] = Registry(f"{__name__}.formats", BUILT_IN, "RENDERER", "format")
_summaries: Registry[SummaryRenderer] = Registry(
    f"{__name__}.summary_formats", SUMMARY_BUILT_IN, "RENDERER", "format", "summary format"
)
register = _reports.register
unregister = _reports.unregister
renderers = _reports.all
renderer_names = _reports.names
get = _reports.get
register_summary = _summaries.register
unregister_summary = _summaries.unregister
summary_renderers = _summaries.all
summary_renderer_names = _summaries.names
get_summary = _summaries.get
_populations: Registry[PopulationRenderer] = Registry(
    f"{__name__}.population_formats", POPULATION_BUILT_IN, "RENDERER", "format", "population format"
)
register_population = _populations.register
unregister_population = _populations.unregister
population_renderers = _populations.all
population_renderer_names = _populations.names
get_population = _populations.get
