"""Renderers: each turns the report content (mgcheck.report) into one output format; this is their registry.

A report format is one module in mgcheck/render/formats/ defining `RENDERER`
(mgcheck.render.interface.ReportRenderer). `register()` adds one at run time (a test's toy
renderer, a plug-in); `report --format` reads the registry when it runs.
"""

from __future__ import annotations

import importlib

from mgcheck.errors import UsageProblem
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
_registered: dict[str, ReportRenderer] = {}
_summary_registered: dict[str, SummaryRenderer] = {}


def _discover() -> None:
    if not _registered:
        for module in BUILT_IN:
            renderer = importlib.import_module(f"{__name__}.formats.{module}").RENDERER
            _registered[renderer.name] = renderer
    if not _summary_registered:
        for module in SUMMARY_BUILT_IN:
            summary = importlib.import_module(f"{__name__}.summary_formats.{module}").RENDERER
            _summary_registered[summary.name] = summary


def register(renderer: ReportRenderer) -> None:
    """Add (or replace) a report format."""
    _discover()
    _registered[renderer.name] = renderer


def unregister(name: str) -> None:
    _discover()
    if name in BUILT_IN:
        raise ValueError(f"the built-in format {name} cannot be removed")
    _registered.pop(name, None)


def renderers() -> dict[str, ReportRenderer]:
    """Every report format by name, built-ins first."""
    _discover()
    return dict(_registered)


def get(name: str) -> ReportRenderer:
    """The format called `name`; a usage problem listing the registered ones when there is none."""
    found = renderers().get(name)
    if found is None:
        raise UsageProblem(f"format '{name}' is not one of {', '.join(renderers())}")
    return found


def register_summary(renderer: SummaryRenderer) -> None:
    """Add (or replace) a summary format."""
    _discover()
    _summary_registered[renderer.name] = renderer


def unregister_summary(name: str) -> None:
    _discover()
    if name in SUMMARY_BUILT_IN:
        raise ValueError(f"the built-in summary format {name} cannot be removed")
    _summary_registered.pop(name, None)


def summary_renderers() -> dict[str, SummaryRenderer]:
    """Every summary format by name, built-ins first."""
    _discover()
    return dict(_summary_registered)


def get_summary(name: str) -> SummaryRenderer:
    """The summary format called `name`; a usage problem listing the registered ones when there is none."""
    found = summary_renderers().get(name)
    if found is None:
        raise UsageProblem(f"format '{name}' is not one of {', '.join(summary_renderers())}")
    return found
