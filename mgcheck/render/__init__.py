"""Renderers: each turns a report, a summary or a population result into one output format; these are their registries.

A report format is one file: a module in mgcheck/render/formats/ assigning `RENDERER`
(mgcheck.render.interface.ReportRenderer) at its top level, named as its module; a summary format
one in summary_formats/, a population format one in population_formats/. Each is found from the
file alone (`mgcheck.registry.built_in_modules`: a module that assigns no `RENDERER` is no format);
`--help` lists them alphabetically, terminal (the report's default) first. `register()` (`register_summary()`,
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
    "DEFAULT",
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

DEFAULT = "terminal"  # the report's default format, listed first in --help
_reports: Registry[ReportRenderer] = Registry(f"{__name__}.formats", "RENDERER", "format", first=DEFAULT)
_summaries: Registry[SummaryRenderer] = Registry(f"{__name__}.summary_formats", "RENDERER", "format", "summary format")
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
    f"{__name__}.population_formats", "RENDERER", "format", "population format"
)
register_population = _populations.register
unregister_population = _populations.unregister
population_renderers = _populations.all
population_renderer_names = _populations.names
get_population = _populations.get
