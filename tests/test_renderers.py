"""Each report renderer on the typed fixture report (see report_fixture): values, sections, order."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from report_fixture import fixture_assessment

from mgcheck.assess import Assessment
from mgcheck.render import brief, csv_out, html, json_out, markdown, terminal
from mgcheck.report import report
from mgcheck.results import Report


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return fixture_assessment()


@pytest.fixture(scope="module")
def typed(assessment: Assessment) -> Report:
    return report(assessment)


@pytest.fixture(scope="module")
def content(typed: Report) -> dict[str, Any]:
    return typed.to_dict()


def _in_order(text: str, *parts: str) -> bool:
    """Every part is in text, each after the one before."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def test_json_is_the_contract_exactly(content: dict[str, Any]) -> None:
    written = json_out.render(content)
    assert written.endswith("}\n") and "\n" not in written[:-1]  # one compact line
    assert json.loads(written) == content


def test_json_from_the_typed_report_is_json_dumps_of_to_dict_byte_for_byte(
    typed: Report, content: dict[str, Any]
) -> None:
    """The direct encoder (no dict built) writes what json.dumps writes of to_dict(), piece by piece."""
    pieces = list(json_out.chunks(typed))
    assert "".join(pieces) == json_out.render(typed.to_dict())
    subjects = [json.loads(piece.lstrip(", ")) for piece in pieces if piece.lstrip(", ").startswith('{"subject": ')]
    assert subjects == content["subjects"]  # one whole subject a piece: never the whole document at once


def test_json_encoder_writes_shared_parts_once_and_identically() -> None:
    """Two subjects holding the same evidence and profile objects (as the builder shares them) and a
    third with equal but distinct ones: all three written alike, and a NaN refused as json.dumps refuses it."""
    import dataclasses

    subject = report(fixture_assessment()).subjects[0]
    twin = dataclasses.replace(subject, subject="p2")
    copy = dataclasses.replace(
        subject,
        subject="p3",
        evidence=tuple(dataclasses.replace(entry) for entry in subject.evidence),
        profile=dataclasses.replace(subject.profile),
    )
    three = Report(schema="mgcheck.report/1", subjects=(subject, twin, copy), warnings=("w\x1b[2J",))
    assert json_out.render_report(three) == json_out.render(three.to_dict())
    assert "\\u001b" in json_out.render_report(three)  # controls escaped as the whole-document path does
    # DEL and C1 controls (which the json module leaves raw) and a bidi override, in ASCII and non-ASCII pieces.
    for hostile in ("del\x7f", "csi\x9b", "bidi\u202e", "caf\u00e9\x7f"):
        named = dataclasses.replace(subject, subject=hostile)
        document = json_out.render_report(Report(schema="mgcheck.report/1", subjects=(named,), warnings=()))
        assert document == json_out.render(Report(schema="mgcheck.report/1", subjects=(named,), warnings=()).to_dict())
        assert json.loads(document)["subjects"][0]["subject"] == hostile
        assert ("caf\u00e9" in document) == hostile.startswith("caf")  # UTF-8 text stays as written
        assert "\x7f" not in document and "\x9b" not in document and "\u202e" not in document
    broken = dataclasses.replace(subject, mean_daily_mg=float("nan"))
    with pytest.raises(ValueError):
        json_out.render_report(Report(schema="mgcheck.report/1", subjects=(broken,), warnings=()))


def test_markdown_sections_and_figures(typed: Report) -> None:
    text = markdown.render(typed)
    assert text.startswith("# mgcheck report\n\n## Magnesium intake: p1\n")
    assert "- **Reference (IOM 1997, table row 14):** EAR 265 mg, RDA 320 mg" in text
    assert "- **Mean intake (food and supplements):** 200 mg/day over 2 day(s) (62% of the RDA)" in text
    assert "- **Verdict:** below the EAR: usual intake very likely needs improvement" in text
    assert _in_order(text, "| 2026-11-02 | 140 | 100 | 240 | 0 |", "| 2026-11-03 | 160 | 0 | 160 | 500 |")
    assert _in_order(text, "### Top food sources", "Rice, brown", "Nuts, almonds", "Cereals, oats", "Bread", "Bananas")
    assert "### What next: 120 mg/day below the RDA" in text
    assert _in_order(text, "### Unmatched items (not counted)", "| week.csv | 6 | zorblax |")
    assert "supplements and medicines together ABOVE the UL of 350 mg on 1 day(s) (highest day 500 mg" in text


def test_markdown_headings_stand_apart_from_the_list_before_them(typed: Report) -> None:
    """Regression: '### Items' followed the clinic-book list, and '### Unmatched' a caution, with no blank line."""
    import dataclasses

    from mgcheck.results import ConditionCaution

    caution = ConditionCaution("ppi", "Long-term PPI", "Measure serum magnesium.", (), "FDA 2011")
    subject = dataclasses.replace(typed.subjects[0], conditions=(caution,))
    assert subject.unmatched and any(u.teach for u in subject.unmatched)
    lines = markdown.render(dataclasses.replace(typed, subjects=(subject,))).splitlines()
    assert "- **Caution (Long-term PPI):** Measure serum magnesium." in lines
    for number, line in enumerate(lines[1:], start=1):
        if line.startswith("#"):
            assert lines[number - 1] == "", f"no blank line before {line!r}"


def test_terminal_text_sections_and_figures(typed: Report) -> None:
    text = terminal.render_to_text(typed, width=120)
    assert "Magnesium intake: p1" in text
    assert "EAR 265 mg, RDA 320 mg (table row 14)" in text
    assert "200 mg/day over 2 day(s) (62% of the RDA): food 150, supplements 50; medicines 250" in text
    assert _in_order(text, "2026-11-02", "140", "100", "240", "2026-11-03", "160", "0", "160", "500")
    assert "ABOVE the UL of 350 mg on 1 day(s)" in text
    assert "Unmatched     1 item(s), 17% of food items, not counted" in text
    assert _in_order(text, "Top food sources", "Rice, brown", "Nuts, almonds", "Cereals, oats")
    assert "Gap to the RDA: 120 mg/day" in text
    assert max(len(line) for line in text.splitlines()) <= 120


def test_brief_is_one_screen(typed: Report) -> None:
    text = brief.render(typed, 80)
    lines = text.splitlines()
    assert lines[0] == "Magnesium intake: p1"
    assert _in_order(text, "Mean         200 mg/day over 2 day(s)", "Verdict      below the EAR", "Unmatched    1")
    assert _in_order(text, "Top sources  brown rice 90 mg", "almonds <raw> 80 mg", "oatmeal 60 mg")
    assert len(lines) <= 24 and max(len(line) for line in lines) <= 80


def test_the_report_is_built_only_for_a_format_that_reads_it(assessment: Assessment) -> None:
    from mgcheck import render
    from mgcheck.render.interface import ReportInput

    given = ReportInput(assessment)
    render.get("csv").render(given)
    assert "report" not in vars(given)  # the items were enough: no report built
    assert render.get("json").render(given) == json_out.render(report(assessment).to_dict())
    assert "report" in vars(given)


def test_csv_has_every_item_with_its_row(assessment: Assessment) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_out.render_items(assessment.items))))
    assert list(rows[0]) == csv_out.ITEM_COLUMNS
    assert [row["row"] for row in rows] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert [row["mg"] for row in rows] == ["60.0", "80.0", "100.0", "90.0", "30.0", "", "40.0", "500.0"]
    assert rows[5]["status"] == "unmatched" and rows[7]["kind"] == "medicine"


def test_html_patient_handout_escapes_and_shows_the_figures(typed: Report) -> None:
    page = html.render(typed, "patient", today=date(2026, 11, 4))
    assert page.startswith("<!DOCTYPE html>")
    assert "<raw>" not in page and "almonds &lt;raw&gt;" in page  # the log's words, escaped
    assert "made 2026-11-04" in page
    assert "200" in page and "265" in page and "320" in page


def test_html_clinician_record_has_the_tables(typed: Report) -> None:
    page = html.render(typed, "clinician", today=date(2026, 11, 4))
    assert "Clinician record" in page and "<raw>" not in page
    assert _in_order(page, "2026-11-02", "140", "2026-11-03", "160")
    assert "zorblax" in page
    assert "below the EAR: usual intake very likely needs improvement" in page


def test_html_handout_sentence_follows_the_verdict_code(typed: Report) -> None:
    """A withheld judgement is never read from the numbers as 'less than you need'."""
    import dataclasses

    from mgcheck.results import VerdictCode

    subject = dataclasses.replace(typed.subjects[0], verdict_code=VerdictCode.NOT_JUDGED)
    withheld = dataclasses.replace(typed, subjects=(subject,))
    page = html.render(withheld, "patient", today=date(2026, 11, 4))
    assert html.handout_text("verdict_not_judged") in page
    assert html.handout_text("verdict_below_ear") not in page
    assert html.handout_text("verdict_below_ear") in html.render(typed, "patient", today=date(2026, 11, 4))


def test_json_kept_texts_never_confuse_equal_keys() -> None:
    """The writer keeps the text of each float and string it writes. 0.0 and -0.0 are one dict key
    and 350 and 350.0 hash alike; each is still written as json.dumps writes it, in either order,
    and a NaN or an infinity is refused after finite figures were kept."""
    import dataclasses

    subject = report(fixture_assessment()).subjects[0]
    for first, second in ((0.0, -0.0), (-0.0, 0.0), (350, 350.0), (350.0, 350)):
        pair = (dataclasses.replace(subject, mean_daily_mg=first), dataclasses.replace(subject, mean_daily_mg=second))
        both = Report(schema="mgcheck.report/1", subjects=pair, warnings=())
        assert json_out.render_report(both) == json_out.render(both.to_dict())
    for bad in (float("nan"), float("inf"), float("-inf")):
        broken = dataclasses.replace(subject, mean_daily_mg=bad)
        with pytest.raises(ValueError):
            json_out.render_report(Report(schema="mgcheck.report/1", subjects=(subject, broken), warnings=()))


def test_json_enum_fields_and_sequences_written_as_json_dumps_writes_them() -> None:
    """The writers read an enum field's text by look-up and call a result's writer straight from a
    sequence; a field given something else (a plain string for an enum, a list for a tuple, a
    nested list) is still written as json.dumps writes the plain form."""
    import dataclasses

    subject = report(fixture_assessment()).subjects[0]
    item = subject.items[0]
    odd = (
        dataclasses.replace(subject, verdict_code="below_ear", items=[dataclasses.replace(item, kind="food")]),
        dataclasses.replace(subject, subject="p2", situations=["low", ["nested", 1.5]], top_sources=()),
    )
    for subjects in ((subject,), odd):
        written = Report(schema="mgcheck.report/1", subjects=subjects, warnings=())
        assert json_out.render_report(written) == json_out.render(written.to_dict())
    shown = json.loads(json_out.render_report(Report(schema="mgcheck.report/1", subjects=odd, warnings=())))
    assert [entry["verdict_code"] for entry in shown["subjects"]] == ["below_ear", subject.verdict_code.value]
    assert (
        shown["subjects"][0]["items"][0]["kind"] == "food" and shown["subjects"][0]["items"][0]["status"] == "matched"
    )
    assert shown["subjects"][1]["situations"] == ["low", ["nested", 1.5]]


def test_markdown_shared_findings_and_notes_are_made_visible_like_the_rest() -> None:
    """The findings and notes many subjects share are written once per pair of objects; a subject
    with equal but distinct ones, or with other notes, gets its own, and controls in them are
    escaped as in the rest of the document."""
    import dataclasses

    subject = report(fixture_assessment()).subjects[0]
    hostile = dataclasses.replace(subject.adequacy, notes=(*subject.adequacy.notes, "note\x1b[2J"))
    twin = dataclasses.replace(subject, subject="p2")
    copy = dataclasses.replace(subject, subject="p3", evidence=tuple(dataclasses.replace(e) for e in subject.evidence))
    other = dataclasses.replace(subject, subject="p4", adequacy=hostile)
    document = markdown.render(Report(schema="mgcheck.report/1", subjects=(subject, twin, copy, other), warnings=()))
    sections = document.split("## Magnesium intake: ")[1:]
    assert [section.split("\n", 1)[0] for section in sections] == ["p1", "p2", "p3", "p4"]
    alone = markdown.render(Report(schema="mgcheck.report/1", subjects=(subject,), warnings=()))
    tail = alone.split("### What the evidence says", 1)[1].rstrip("\n")
    assert [section.split("### What the evidence says", 1)[1].rstrip("\n") for section in sections[:3]] == [tail] * 3
    assert "note\\x1b[2J" in sections[3] and "\x1b" not in document


def test_markdown_figures_kept_by_value_keep_their_sign_and_cells_their_escaping() -> None:
    """Whole milligrams are kept by value (never a zero: -0.0 and 0.0 are one key, but '-0' and '0'),
    and a cell of letters and digits alone is written as it is, any other text still escaped."""
    assert [markdown._mg(value) for value in (-0.4, 0.0, -0.0, 0.0, 1234.5, 1234.5, None)] == [
        "-0",
        "0",
        "-0",
        "0",
        "1,234",
        "1,234",
        "-",
    ]
    assert markdown.cell("S000001") == "S000001" and markdown.cell("\u0663\u0664") == "\u0663\u0664"
    assert markdown.cell("=1") == "'=1" and markdown.cell("a|b") == "a\\|b" and markdown.cell("x\x1b") == "x\\\\x1b"


def test_markdown_figures_and_placeholders_are_not_quoted_as_formulas():
    """Session 17 tester: `population --format markdown` showed its own '-' placeholders as "'-"
    (the spreadsheet-formula guard caught them). Figures stay as they are; text that could run
    as a formula is still quoted."""
    from mgcheck.render import markdown

    for figure in ("-", "-3.51", "- / - / -", "12.5% (3.1%-20.0%)", "+4"):
        assert markdown.cell(figure) == figure
    for formula in ("=SUM(A1)", "-2+cmd|' /C calc'!A0", "@SUM(1)", "+A1"):
        assert markdown.cell(formula).startswith("'"), formula


def test_population_markdown_placeholders(write_log, invoke, tmp_path):
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nann,F,40\n")
    log = write_log("date,food,amount,unit,subject\n2026-11-02,banana,1,medium,ann\n")
    text = invoke("population", log, "--profiles", profiles, "-f", "markdown", "-q").stdout
    row = next(line for line in text.splitlines() if line.startswith("| Females"))
    assert "'" not in row and "| - |" in row


def test_markdown_table_cells_kept_by_text_are_cell_of_each_value() -> None:
    """`table` reads a string's cell from the texts already shown; each is `cell` of the value, the
    first time and again, for text to escape or neutralise, an empty string, None and numbers."""
    values = ["=1+1", "a|b", "two\nlines", "", "oats", "-3.51", "@SUM(A1)", None, 7, 2.5]
    expected = ["| " + " | ".join(cell for cell in map(markdown.cell, values)) + " |"]
    assert markdown.cell("=1+1") == "'=1+1" and markdown.cell("a|b") == "a\\|b" and markdown.cell(None) == "-"
    for _ in range(2):
        assert markdown.table(["h"] * len(values), [values])[2:3] == expected


def test_markdown_notes_are_each_their_own_paragraph(typed: Report) -> None:
    # Session 19 tester: the judgement's '> ' notes, one per line, rendered as one run-on paragraph.
    lines = [*markdown.render(typed).splitlines(), ""]
    notes = [position for position, line in enumerate(lines) if line.startswith("> ")]
    assert len(notes) >= 2
    assert all(lines[position + 1] in (">", "") for position in notes)  # never two '> ' lines in a row
    assert any(lines[position + 1] == ">" for position in notes)


def test_top_sources_say_their_mg_are_totals_over_the_record(invoke, write_log):
    """A report-output trial (session 24): 'mac & cheese 46 mg' under 'Mean 71 mg/day' was read as a day's;
    it was the total of 3 days (15 mg a day, as the handout says)."""
    rows = "".join(f"2026-11-0{day},almonds,1,oz\n" for day in (2, 3, 4))
    log = write_log("date,food,amount,unit\n" + rows)
    for fmt in ("terminal", "markdown"):
        out = invoke("report", log, "--sex", "F", "--age", "54", "-f", fmt, "-q").stdout
        assert "Top food sources (total mg over the 3 days)" in out
    one = write_log("date,food,amount,unit\n2026-11-02,almonds,1,oz\n")
    out = invoke("report", one, "--sex", "F", "--age", "54", "-f", "html", "--audience", "clinician", "-q").stdout
    assert "<h2>Top food sources (mg in the one day)</h2>" in out


def test_a_range_in_brackets_is_explained_where_one_is_shown(invoke, write_log):
    """A report-output trial (session 24): the day table's '680 (680-704)' and the items' ranges were
    shown with nothing saying what they are."""
    ranged = write_log("date,food,amount,unit\n2026-11-02,sunflower seeds,1,oz\n2026-11-02,banana,1,medium\n")
    plain = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n", "plain.csv")
    note = "A figure followed by a range in brackets, as 680 (680-704)"
    for fmt, extra in (("terminal", ()), ("markdown", ()), ("html", ("--audience", "clinician"))):
        shown = invoke("report", ranged, "--sex", "F", "--age", "54", "-f", fmt, *extra, "-q").stdout
        assert note in " ".join(shown.split()), fmt
        unshown = invoke("report", plain, "--sex", "F", "--age", "54", "-f", fmt, *extra, "-q").stdout
        assert note not in " ".join(unshown.split()), fmt


def test_export_items_name_their_file_and_say_they_are_as_exported(invoke):
    """A researcher's trial (session 24): the Markdown items of an ASA24 export showed 'food' as what each
    row matched, and row numbers that repeat across its files (INS.csv row 1, Items.csv row 1)."""
    from pathlib import Path

    exports = Path(__file__).parent / "data" / "exports"
    files = [str(exports / "asa24_Items.csv"), str(exports / "asa24_INS.csv")]
    out = invoke("report", *files, "--sex", "F", "--age", "54", "-f", "markdown", "-q").stdout
    assert (
        "| asa24\\_Items.csv 1 | Oatmeal, regular or quick, made with water, no added fat | as exported (food) |" in out
    )
    assert "| asa24\\_INS.csv 1 | Magnesium citrate 200 mg tablet | supplement |" in out and "| food |" not in out
