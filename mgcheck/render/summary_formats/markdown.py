"""The Markdown summary: one table, the note below it."""

from __future__ import annotations

from mgcheck.render.interface import SummaryInput, TextSummaryRenderer


class MarkdownSummary(TextSummaryRenderer):
    name = "markdown"
    help = "A Markdown table."
    shows_note = True

    def render(self, summary: SummaryInput) -> str:
        from mgcheck.render import summary as summary_out

        return summary_out.to_markdown(summary.frame) + (f"\n{summary.note}\n" if summary.note else "")


RENDERER = MarkdownSummary()
