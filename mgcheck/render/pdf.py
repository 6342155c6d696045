"""Print the HTML handout to PDF with headless Chromium (found on PATH or in MGCHECK_CHROMIUM)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from mgcheck.errors import MgcheckError, Problem

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Quiet, offline and throwaway: no sync, updates or background fetches; a fresh profile each time.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)
TIMEOUT_S = 120


def find_browser() -> str | None:
    """The Chromium to print with: MGCHECK_CHROMIUM if set, else the first of BROWSERS on PATH."""
    chosen = os.environ.get("MGCHECK_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else shutil.which(chosen)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def write_pdf(html: str, output: str) -> None:
    """Render `html` to the PDF file `output`, atomically (a temporary file renamed into place)."""
    browser = find_browser()
    if browser is None:
        raise MgcheckError(
            Problem(
                "PDF needs headless Chromium, which was not found (install the 'chromium' package or set "
                "MGCHECK_CHROMIUM to its path); or write --format html and print it from a browser",
                output,
            )
        )
    target = Path(output)
    if target.is_dir():
        raise MgcheckError(Problem("is a directory; give a file name for --output", output))
    directory = target.parent if str(target.parent) else Path(".")
    with tempfile.TemporaryDirectory(prefix="mgcheck-pdf-") as work:
        page = Path(work) / "handout.html"
        page.write_text(html, encoding="utf-8")
        printed = Path(work) / "handout.pdf"
        command = [
            browser, *FLAGS, f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={printed}", page.as_uri(),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise MgcheckError(Problem(f"Chromium could not print the PDF ({type(error).__name__})", output)) from None
        if not printed.is_file() or printed.stat().st_size == 0:
            raise MgcheckError(Problem(f"Chromium ({browser}) did not write a PDF", output))
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            os.close(handle)
            shutil.copyfile(printed, temporary)
            os.replace(temporary, target)
        except OSError as error:
            raise MgcheckError(Problem(f"cannot write here ({error.strerror})", output)) from None
