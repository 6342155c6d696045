"""The handout in a real browser: headless Chromium loads it offline, draws it, and prints it to pages.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fds 3 and 4,
NUL-separated JSON), so no port is opened and no websocket library is needed. Skipped only when no
Chromium is installed (.ci/run installs Debian's chromium when it runs as root).
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mgcheck.render.pdf import FLAGS, find_browser

BROWSER = find_browser() or shutil.which("/usr/bin/chromium")
# A real browser per test (seconds each): slow, run by CI's `-m slow` pass.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium)"),
]
TIMEOUT_S = 60.0
A4_MM = (210.0, 297.0)
LETTER_IN = (8.5, 11.0)
LOCAL_SCHEMES = ("file:", "data:", "about:", "chrome:", "devtools:")


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, browser: str, profile: Path) -> None:
        to_browser_r, self._write_fd = os.pipe()
        self._read_fd, from_browser_w = os.pipe()
        os.set_inheritable(to_browser_r, True)
        os.set_inheritable(from_browser_w, True)

        def wire() -> None:
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        flags = [flag for flag in FLAGS if flag != "--no-pdf-header-footer"]
        self.process = subprocess.Popen(
            [browser, *flags, "--remote-debugging-pipe", f"--user-data-dir={profile}", "--hide-scrollbars",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False,
        )  # fmt: skip
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")
        for reply in self._messages():
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
        raise AssertionError(f"{method}: no reply")

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        for message in self._messages():
            if message.get("method") == method:
                return message
        raise AssertionError(f"no {method} event")

    def _messages(self) -> Iterator[dict[str, Any]]:
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                yield message
            ready, _, _ = select.select([self._read_fd], [], [], 1.0)
            if ready:
                chunk = os.read(self._read_fd, 1 << 20)
                if not chunk:
                    raise AssertionError("Chromium closed the debugging pipe")
                self._buffer += chunk
        raise AssertionError("Chromium did not answer in time")

    def close(self) -> None:
        with contextlib.suppress(AssertionError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write_fd)
        os.close(self._read_fd)


def _handout(tmp_path: Path, audience: str) -> Path:
    from typer.testing import CliRunner

    from mgcheck.cli import app

    page = tmp_path / f"{audience}.html"
    result = CliRunner().invoke(
        app, ["report", "--example", "--format", "html", "--audience", audience, "-o", str(page), "-q"]
    )
    assert result.exit_code == 0, result.stderr
    return page


def _load(tmp_path: Path, page: Path) -> tuple[DevTools, str]:
    assert BROWSER is not None
    tools = DevTools(BROWSER, tmp_path / f"profile-{page.stem}")
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Network", "Runtime", "Log"):
        tools.send(f"{domain}.enable", session=session)
    tools.send("Emulation.setDeviceMetricsOverride",
               {"width": 900, "height": 1300, "deviceScaleFactor": 1, "mobile": False}, session=session)  # fmt: skip
    tools.events.clear()
    tools.send("Page.navigate", {"url": page.as_uri()}, session=session)
    tools.wait_for("Page.loadEventFired")
    return tools, session


def _evaluate(tools: DevTools, session: str, expression: str) -> Any:
    result = tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
    return result["result"].get("value")


def _problems(events: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    requests = [
        e["params"]["request"]["url"]
        for e in events
        if e["method"] == "Network.requestWillBeSent" and not e["params"]["request"]["url"].startswith(LOCAL_SCHEMES)
    ]
    errors = [json.dumps(e["params"])[:300] for e in events if e["method"] == "Runtime.exceptionThrown"]
    errors += [
        json.dumps(e["params"])[:300]
        for e in events
        if (e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
        or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    return requests, errors


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _non_blank_png(png: bytes) -> None:
    from matplotlib.image import imread

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = imread(io.BytesIO(png), format="png")
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 800
    colours = {tuple(p) for p in pixels[::7, ::7, :3].reshape(-1, 3).round(2).tolist()}
    assert len(colours) > 20, "the screenshot is (nearly) one colour"
    dark = (pixels[..., :3].mean(axis=2) < 0.5).mean()
    assert 0.01 < dark < 0.6, f"implausible share of dark pixels: {dark:.3f}"


def test_patient_handout_in_chromium(tmp_path):
    page = _handout(tmp_path, "patient")
    tools, session = _load(tmp_path, page)
    try:
        dom = _evaluate(
            tools, session,
            "JSON.stringify({text: document.body.innerText,"
            " charts: [...document.querySelectorAll('[data-chart] svg')].map(s => s.getBoundingClientRect().height),"
            " scripts: document.scripts.length, width: document.documentElement.scrollWidth})",
        )  # fmt: skip
        state = json.loads(dom)
        png = base64.b64decode(tools.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"])
        printed = {
            size: base64.b64decode(
                tools.send(
                    "Page.printToPDF",
                    {"paperWidth": w, "paperHeight": h, "printBackground": True, "marginTop": 0,
                     "marginBottom": 0, "marginLeft": 0, "marginRight": 0, "preferCSSPageSize": True},
                    session=session,
                )["data"]
            )
            for size, (w, h) in {"A4": (A4_MM[0] / 25.4, A4_MM[1] / 25.4), "Letter": LETTER_IN}.items()
        }  # fmt: skip
        requests, errors = _problems(tools.events)
    finally:
        tools.close()
    loaded = [e for e in tools.events if e["method"] == "Network.requestWillBeSent"]
    assert any(e["params"]["request"]["url"] == page.as_uri() for e in loaded), "the request log saw nothing"
    assert requests == [], f"the handout made network requests: {requests}"
    assert errors == [], f"console errors: {errors}"
    assert state["scripts"] == 0
    assert len(state["charts"]) == 2 and all(height > 50 for height in state["charts"])
    text = state["text"]
    for key in ("286 mg", "320 mg", "EAR 265", "RDA 320", "Woman, 54 years", "Brown rice", "1 cup black beans"):
        assert key in text, key
    assert state["width"] <= 900, "the page is wider than the window"
    _non_blank_png(png)
    (Path(os.environ.get("MGCHECK_SCREENSHOT_DIR", tmp_path)) / "handout.png").write_bytes(png)
    for size, pdf in printed.items():
        assert pdf.startswith(b"%PDF")
        assert 1 <= _pages(pdf) <= 2, f"{size}: {_pages(pdf)} pages"


def test_clinician_record_in_chromium(tmp_path):
    page = _handout(tmp_path, "clinician")
    tools, session = _load(tmp_path, page)
    try:
        tables = _evaluate(tools, session, "document.querySelectorAll('table').length")
        text = _evaluate(tools, session, "document.body.innerText")
        requests, errors = _problems(tools.events)
    finally:
        tools.close()
    assert requests == [] and errors == []
    assert tables >= 4
    assert "table row 14" in text and "grandma's lentil soup" in text


def test_pdf_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from mgcheck.cli import app

    out = tmp_path / "week.pdf"
    result = CliRunner().invoke(app, ["report", "--example", "--format", "pdf", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert 1 <= _pages(out.read_bytes()) <= 2


def test_the_checks_can_fail(tmp_path):
    """A control: a page that fetches from the network and logs an error is caught by the same checks."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
        "<script>console.error('broken')</script></body></html>",
        encoding="utf-8",
    )
    tools, _ = _load(tmp_path, page)
    try:
        requests, errors = _problems(tools.events)
    finally:
        tools.close()
    assert requests == ["http://127.0.0.1:9/x.png"]
    assert any("broken" in error for error in errors)
