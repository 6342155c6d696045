"""The PDF report: the HTML page printed by headless Chromium (needs -o FILE)."""

from __future__ import annotations

from mgcheck.render.formats.html import HtmlRenderer
from mgcheck.render.interface import ReportInput


class PdfRenderer(HtmlRenderer):
    name = "pdf"
    help = "The HTML page as PDF, printed by headless Chromium; needs -o FILE.pdf."
    needs_file = True

    def write(self, report: ReportInput, output: str | None) -> None:
        from mgcheck.render import pdf

        pdf.write_pdf(self.render(report), str(output))


RENDERER = PdfRenderer()
