"""The JSON summary: the `mgcheck.summary/1` contract."""

from __future__ import annotations

from mgcheck.render.interface import SummaryInput, TextSummaryRenderer


class JsonSummary(TextSummaryRenderer):
    name = "json"
    help = "The mgcheck.summary/1 JSON document, with the run's warnings."

    def render(self, summary: SummaryInput) -> str:
        from mgcheck.render import summary as summary_out

        return summary_out.to_json(summary.frame, summary.warnings)


RENDERER = JsonSummary()
