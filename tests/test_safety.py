"""Output and data safety: formula-safe CSV/Markdown, atomic output, Ctrl-C, no network, no locals, memory."""

from __future__ import annotations

import csv
import io
import json
import socket

import pytest
from conftest import report_json

HOSTILE = '=HYPERLINK("http://x","y")'
LOG = f'date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,"{HOSTILE.replace(chr(34), chr(34) * 2)}",1,g\n'


def test_csv_items_export_neutralises_formulas(write_log, invoke):
    result = invoke("report", write_log(LOG), "--sex", "F", "--age", "40", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[1]["food"] == "'" + HOSTILE
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())


def test_markdown_neutralises_formulas_and_escapes_pipes(write_log, invoke):
    text = invoke("report", write_log(LOG), "--sex", "F", "--age", "40", "-f", "markdown").stdout
    assert f"'{HOSTILE}" in text
    assert f"| {HOSTILE}" not in text


def test_json_keeps_the_text_exact(write_log, invoke):
    subject = report_json(invoke("report", write_log(LOG), "--sex", "F", "--age", "40", "-f", "json"))["subjects"][0]
    assert subject["unmatched"][0]["food"] == HOSTILE


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@"])
def test_summary_csv_neutralises_subject_names(write_log, invoke, trigger):
    log = write_log(f"subject,date,food,amount,unit\n{trigger}cmd,2026-11-02,banana,1,medium\n")
    rows = list(csv.DictReader(io.StringIO(invoke("summary", log, "--sex", "F", "--age", "40").stdout)))
    assert rows[0]["subject"] == f"'{trigger}cmd"


def test_refuses_to_write_over_any_input(write_log, invoke, tmp_path):
    log = write_log(LOG)
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\npatient,F,40\n")
    foods = tmp_path / "foods.csv"
    foods.write_text("food_id,name,mg_per_100g\nC1,Clinic soup,10\n")
    for target, extra in (
        (profiles, ["--profiles", profiles]),
        (foods, ["--foods", foods, "--sex", "F", "--age", "40"]),
    ):
        before = target.read_text()
        result = invoke("summary", log, *extra, "-o", target)
        assert result.exit_code == 1 and "will not write over its own input" in result.stderr
        assert target.read_text() == before


def test_ctrl_c_exits_130_without_traceback_or_partial_file(write_log, invoke, monkeypatch, tmp_path):
    import mgcheck.pipeline

    def interrupted(request, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(mgcheck.pipeline, "run", interrupted)
    target = tmp_path / "report.json"
    result = invoke("report", write_log(LOG), "--sex", "F", "--age", "40", "-f", "json", "-o", target)
    assert result.exit_code == 130
    assert result.stderr == "mgcheck: interrupted\n" and result.stdout == ""
    assert not target.exists() and list(tmp_path.glob(".report.json.*")) == []


def test_ctrl_c_while_writing_keeps_the_previous_report(write_log, invoke, monkeypatch, tmp_path):
    import mgcheck.output

    target = tmp_path / "report.json"
    target.write_text("yesterday's report")

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr(mgcheck.output.os, "replace", interrupted)
    result = invoke("report", write_log(LOG), "--sex", "F", "--age", "40", "-f", "json", "-o", target)
    assert result.exit_code == 130
    assert target.read_text() == "yesterday's report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.json")] == []


def test_no_network_connection_is_ever_opened(write_log, invoke, monkeypatch):
    opened = []

    class RecordingSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(socket, "socket", RecordingSocket)
    log = write_log(LOG)
    for args in (
        ("report", log, "--sex", "F", "--age", "40"),
        ("report", log, "--sex", "F", "--age", "40", "-f", "json"),
        ("summary", log, "--sex", "F", "--age", "40"),
        ("validate", log),
        ("foods", "search", "brocoli"),
        ("evidence",),
        ("reference", "--all"),
    ):
        assert invoke(*args).exit_code == 0
    assert opened == []


def test_tracebacks_never_show_locals():
    from mgcheck.cli import app

    assert app.pretty_exceptions_show_locals is False
    assert app.pretty_exceptions_enable is False


def test_error_lines_show_only_the_row_at_fault(write_log, invoke):
    log = write_log(
        "date,food,amount,unit,notes\n"
        "2026-11-02,banana,1,medium,Jane Doe diagnosis private\n"
        "2026-11-02,banana,lots,medium,\n"
    )
    result = invoke("report", log, "--sex", "F", "--age", "40", "--strict")
    assert result.exit_code == 1
    assert "Jane Doe" not in result.stderr and "row 2: amount 'lots' is not a number" in result.stderr
    listed = invoke("report", log, "--sex", "F", "--age", "40")  # the row listed unresolved, in a warning
    assert listed.exit_code == 0 and "row 2: amount 'lots' is not a number" in listed.stderr
    assert "Jane Doe" not in listed.stderr


def test_a_log_larger_than_free_memory_is_refused(write_log, invoke, monkeypatch):
    import mgcheck.importers.reading as reading

    monkeypatch.setattr(reading, "available_memory", lambda: 100)
    result = invoke("report", write_log(LOG), "--sex", "F", "--age", "40")
    assert result.exit_code == 1 and result.stdout == ""
    assert "split the study into batches of subjects" in result.stderr
    piped = invoke("report", "-", "--sex", "F", "--age", "40", input=LOG * 20)
    assert piped.exit_code == 1 and "standard input holds over" in piped.stderr


def test_several_logs_are_checked_against_memory_together(write_log, invoke, monkeypatch):
    import mgcheck.importers.reading as reading

    first, second = write_log(LOG), write_log(LOG)
    size = first.stat().st_size
    monkeypatch.setattr(reading, "available_memory", lambda: int(size * reading.MEMORY_PER_LOG_BYTE * 1.5))
    assert invoke("report", first, "--sex", "F", "--age", "40").exit_code == 0
    both = invoke("report", first, second, "--sex", "F", "--age", "40")
    assert both.exit_code == 1 and "the logs total" in both.stderr


def test_json_output_is_valid_json_with_unicode(write_log, invoke):
    log = write_log("date,food,amount,unit\n2026-11-02,crème brûlée maison,1,g\n")
    result = invoke("report", log, "--sex", "F", "--age", "40", "-f", "json")
    assert json.loads(result.stdout)["subjects"][0]["unmatched"][0]["food"] == "crème brûlée maison"


def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_output(tmp_path, invoke):
    """A Latin-1 'café.csv' (byte 0xE9) on a shared drive: Python holds the byte as a lone surrogate, which
    cannot be written as UTF-8. Reports, -o files and summaries name the file (and its subject) with the
    byte as \\xe9 instead of failing ('cannot write the report (it is closed)', or an internal error)."""
    import os

    folder = tmp_path / "logs"
    folder.mkdir()
    try:
        path = os.path.join(os.fsdecode(bytes(folder)), os.fsdecode(b"caf\xe9.csv"))
        with open(path, "w", encoding="utf-8") as log:
            log.write(LOG)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    report = invoke("report", folder, "--sex", "F", "--age", "40", "-f", "json")
    assert report.exit_code == 0, report.stderr
    subject = json.loads(report.stdout)["subjects"][0]
    assert subject["subject"] == "caf\\xe9"
    assert subject["items"][0]["file"] == f"{folder}{os.sep}caf\\xe9.csv"
    written = tmp_path / "report.json"
    assert invoke("report", folder, "--sex", "F", "--age", "40", "-f", "json", "-o", written).exit_code == 0
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(report.stdout)
    shown = {"markdown": "## Magnesium intake: caf\\\\xe9\n", "csv": "caf\\xe9,", "json": '"subject": "caf\\\\xe9"'}
    for command, output in (("report", "markdown"), ("report", "csv"), ("summary", "json"), ("summary", "csv")):
        result = invoke(command, folder, "--sex", "F", "--age", "40", "-f", output)
        assert result.exit_code == 0 and shown[output] in result.stdout, (command, output, result.stderr)


def test_a_subject_named_on_the_command_line_in_bytes_that_are_not_utf8_is_shown_escaped(write_log, invoke):
    """`--subject "${f%.csv}"` in a script over Latin-1 file names: the byte is shown as \\xe9, never half a
    JSON document and then 'cannot write the report (it is closed)' (report) or an internal error (summary)."""
    import os

    log = write_log(LOG)
    latin1 = os.fsdecode(b"caf\xe9")  # how Python hands such an argument over: a lone surrogate
    report = invoke("report", log, "--subject", latin1, "--sex", "F", "--age", "40", "-f", "json")
    assert report.exit_code == 0, report.stderr
    assert json.loads(report.stdout)["subjects"][0]["subject"] == "caf\\xe9"
    summary = invoke("summary", log, "--subject", latin1, "--sex", "F", "--age", "40", "-f", "json")
    assert summary.exit_code == 0, summary.stderr
    assert [row["subject"] for row in json.loads(summary.stdout)["subjects"]] == ["caf\\xe9"]


def test_unreadable_file_is_refused_even_when_running_as_root(write_log, invoke, monkeypatch):
    """chmod 000 does not stop root, so the permission error is simulated at the read."""
    from pathlib import Path

    log = write_log(LOG)
    real_read_bytes = Path.read_bytes

    def denied(self):
        if self == log:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = invoke("report", log, "--sex", "F", "--age", "40")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"mgcheck: error: {log}: cannot be read (permission denied)\n"
