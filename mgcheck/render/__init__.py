"""Renderers: each turns the report content (mgcheck.report) into one output format; this is their registry.

A report format is one module in mgcheck/render/formats/ defining `RENDERER`
(mgcheck.render.interface.ReportRenderer). `register()` adds one at run time (a test's toy
renderer, a plug-in); `report --format` reads the registry when it runs.
"""

from __future__ import annotations

from mgcheck.registry import Registry
from mgcheck.render.interface import (
    ReportInput,
    ReportRenderer,
    SummaryInput,
    SummaryRenderer,
    TextRenderer,
    TextSummaryRenderer,
)

__all__ = [
    "ReportInput",
    "ReportRenderer",
    "SummaryInput",
    "SummaryRenderer",
    "TextRenderer",
    "TextSummaryRenderer",
    "get",
    "get_summary",
    "register",
    "register_summary",
    "renderers",
    "summary_renderers",
    "unregister",
    "unregister_summary",
]

BUILT_IN = ("terminal", "json", "markdown", "csv", "html", "pdf")  # the order of --help; terminal is the default
SUMMARY_BUILT_IN = ("csv", "json", "markdown", "table")
_reports: Registry[ReportRenderer] = Registry(f"{__name__}.formats", BUILT_IN, "RENDERER", "format")
_summaries: Registry[SummaryRenderer] = Registry(
    f"{__name__}.summary_formats", SUMMARY_BUILT_IN, "RENDERER", "format", "summary format"
)
register = _reports.register
unregister = _reports.unregister
renderers = _reports.all
get = _reports.get
register_summary = _summaries.register
unregister_summary = _summaries.unregister
summary_renderers = _summaries.all
get_summary = _summaries.get
