"""The summary as a table: Rich on standard output, plain text in a file; the note below it."""

from __future__ import annotations

from mgcheck.render.interface import SummaryInput, TextSummaryRenderer


class TableSummary(TextSummaryRenderer):
    name = "table"
    help = "A table (the default on a terminal)."
    shows_note = True

    def render(self, summary: SummaryInput) -> str:
        from mgcheck.render import summary as summary_out
        from mgcheck.render.fit import output_width, wrap

        lines = wrap(summary.note, output_width()) if summary.note else []
        return summary_out.to_text(summary.frame) + "".join(f"{line}\n" for line in lines)

    def write(self, summary: SummaryInput, output: str | None) -> None:
        if output:
            super().write(summary, output)
            return
        from mgcheck.render import summary as summary_out
        from mgcheck.render.terminal import stdout_console

        console = stdout_console()
        console.print(summary_out.rich_table(summary.frame, console.width))
        if summary.note:
            console.print(summary.note)


RENDERER = TableSummary()
