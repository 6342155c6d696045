"""The HTML handout and clinician record: content, escaping, determinism, lazy matplotlib, PDF errors."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest
from conftest import report_json

from mgcheck.render import charts, html
from mgcheck.results import Report, VerdictCode

HOSTILE_LOG = """subject,date,food,amount,unit
<script>alert(1)</script>,2026-11-02,banana,1,medium
<script>alert(1)</script>,2026-11-02,<img src=x onerror=alert(2)>,1,cup
<script>alert(1)</script>,2026-11-03,"oatmeal"" onmouseover=""alert(3)",1,cup
<script>alert(1)</script>,2026-11-03,</style><script>alert(4)</script>,1,cup
"""


@pytest.fixture(scope="module")
def example_report() -> Report:
    """The example week as typed results (what the HTML renderer reads)."""
    from mgcheck import api

    return api.make_report(api.assess_logs(api.example_path(), sex="female", age=54))


@pytest.mark.slow
def test_patient_handout_content(invoke, tmp_path):
    out = tmp_path / "week.html"
    result = invoke("report", "--example", "--format", "html", "-o", out, "-q")
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('data-chart="average"') == 1 and page.count('data-chart="days"') == 1
    assert page.count("<svg") == 2
    # The example week: 285.7 mg/day on average against EAR 265 and RDA 320 (women 51-70).
    assert 'data-key="mean">286 mg<' in page
    assert "320 mg</span> a day" in page
    assert "EAR 265" in page and "RDA 320" in page
    assert "Woman, 54 years" in page and "7 days (2026-11-02 to 2026-11-08)" in page
    # Plain words: the foods as the log wrote them, portions, bone sentences, small-print references.
    assert "Brown rice:" in page and "Oatmeal:" in page
    assert "1 cup black beans (you already eat this)" in page
    assert html.handout_text("bone_store") in page
    assert "doi:10.3945/ajcn.113.067488" in page
    for jargon in ("z =", "SD within", "table row", "science.md", "<table"):
        assert jargon not in page, jargon


def test_clinician_record_has_the_tables(invoke):
    result = invoke("report", "--example", "--format", "html", "--audience", "clinician", "-q")
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert page.count("<table>") >= 4
    assert "table row 14" in page and "z = 0.49" in page
    assert "grandma&#x27;s lentil soup" in page  # the unmatched item, escaped
    assert page.count('data-chart="days"') == 1


@pytest.mark.slow
def test_hostile_text_is_escaped_and_nothing_can_run(invoke, write_log):
    path = write_log(HOSTILE_LOG)
    for audience in ("patient", "clinician"):
        result = invoke("report", path, "--sex", "F", "--age", "40", "--format", "html", "--audience", audience, "-q")
        assert result.exit_code == 0, result.stderr
        page = result.stdout
        assert "<script" not in page.lower()
        assert "<img" not in page.lower()
        assert not re.search(r"<[^>]*\son\w+\s*=", page), "an element with an event handler attribute"
        assert "</style><" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the subject id, shown as text
        assert "default-src 'none'" in page  # the CSP forbids scripts and fetches in any case
    assert "&lt;img src=x onerror=alert(2)&gt;" in page  # the food, in the clinician's unmatched table


def test_same_input_same_bytes(example_report):
    first = html.render(example_report, "patient", date(2026, 12, 3))
    second = html.render(example_report, "patient", date(2026, 12, 3))
    assert first == second
    assert "<dc:date>" not in first and "matplotlib.org" not in first.split("<svg", 1)[0]
    assert "made 2026-12-03" in first


def test_source_date_epoch_sets_the_date(example_report, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    assert "made 2026-01-01" in html.render(example_report, "patient")


def test_ai_only_child_and_above_rda(example_report):
    first = example_report.subjects[0]
    subject = replace(
        first,
        reference=replace(first.reference, ear_mg=None, rda_mg=None, ai_mg=30),
        profile=replace(first.profile, sex="female", age=0.5),
        verdict_code=VerdictCode.AT_OR_ABOVE_AI,  # the report's code for a mean above the AI (the handout reads the code)
    )
    page = html.render(replace(example_report, subjects=(subject,)), "patient", date(2026, 12, 3))
    assert (
        "Girl, 6 months" in page and "AI 30" in page
    )  # months under 2 years (session 25 trial: '0.67 years') and "EAR" not in page.split("<footer>")[0]
    assert html.handout_text("verdict_ai_met") in page


def test_day_chart_leaves_medicines_out_and_each_study_is_cited_once(example_report):
    # Regression (review): a day with an antacid and no supplement drew a light "supplements" band
    # holding the medicine, above the intake the page states; a woman of 72 with 372 mg/day had
    # Orchard 2014 (BMD and wrist-fracture findings) listed twice in the references.
    first = example_report.subjects[0]
    food_only = tuple(replace(day, supplement_mg=0.0, medicine_mg=0.0, total_mg=day.food_mg) for day in first.days)
    with_antacid = tuple(replace(day, medicine_mg=500.0, total_mg=(day.food_mg or 0.0) + 500.0) for day in food_only)
    svg = charts.days_chart(with_antacid, 265, 320, "RDA")
    assert "supplements" not in svg and svg == charts.days_chart(food_only, 265, 320, "RDA")
    orchard = first.evidence[0]
    fractures = replace(orchard, id="orchard2014_fractures", finding="Higher intake was not associated with fractures.")
    subject = replace(first, evidence=(orchard, fractures, *first.evidence[1:]))
    page = html.render(replace(example_report, subjects=(subject,)), "patient", date(2026, 12, 3))
    citations = re.findall(r"<li>(.*?)</li>", page.split("<footer>")[1])
    assert len(citations) == len(set(citations)) == len(first.evidence) + 1  # the reference values, then each study


def test_the_footer_names_the_food_tables_the_figures_came_from(invoke, write_log):
    # Every handout said "from USDA SR28 food data", also when the foods came from FNDDS
    # (a cheese sandwich) or the magnesium from an export's own figures.
    log = write_log("date,food,amount,unit,kind\n2026-11-02,banana,1,medium,food\n2026-11-02,cheese sandwich,1,,food\n")
    page = invoke("report", log, "--sex", "F", "--age", "54", "-f", "html", "-q").stdout
    footer = page.split("<footer>")[1]
    assert (
        "from USDA National Nutrient Database for Standard Reference, Release 28 and "
        "USDA Food and Nutrient Database for Dietary Studies 2017-2018." in footer
    )
    export = write_log(
        'Day,Food Name,Amount,Magnesium (mg)\n2023-05-08,"Oats, Rolled, Dry",40.00 g,55.20\n', name="servings.csv"
    )
    page = invoke("report", export, "--sex", "F", "--age", "54", "-f", "html", "-q").stdout
    assert "from the export&#x27;s own magnesium figures." in page.split("<footer>")[1]
    pills = write_log("date,food,amount,unit,kind\n2026-11-02,magnesium citrate,100,mg,supplement\n")
    page = invoke("report", pills, "--sex", "F", "--age", "54", "-f", "html", "-q").stdout
    assert "SR28" not in page and "Standard Reference" not in page.split("<footer>")[1]


def test_unmatched_foods_never_called_a_little(invoke, write_log):
    # With a third of the foods unrecognised the handout told the patient the real intake
    # "may be a little higher": nothing bounds what the unmatched foods held.
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,grandmas stew,1,bowl\n")
    page = invoke("report", log, "--sex", "F", "--age", "54", "-f", "html", "-q").stdout
    assert "could not be recognised and were not counted, so your real intake may be higher than this." in page
    assert "a little" not in page


def test_clinician_record_shows_the_ranges_the_other_formats_show(invoke, write_log):
    # Sunflower seeds are 36.6 mg (dry roasted) or 92.1 mg (dried) an ounce: the terminal and Markdown
    # show "36.6 (36.6-92.1)" per item and "66 (66-121)" for the day; the clinician page showed 36.6 and 66 only.
    log = write_log("date,food,amount,unit\n2026-11-02,sunflower seeds,1,oz\n2026-11-02,banana,1,medium\n")
    args = ("report", log, "--sex", "F", "--age", "54", "-q")
    markdown = invoke(*args, "-f", "markdown").stdout
    page = invoke(*args, "-f", "html", "--audience", "clinician").stdout
    for shown in ("| 2026-11-02 | 68 (68-124) |", "| 36.6 (36.6-92.1) |"):
        assert shown in markdown
    assert "<td class=num>68 (68-124)</td>" in page and "<td class=num>36.6 (36.6-92.1)</td>" in page


def test_two_subjects_two_articles_each_on_its_page(example_report):
    two = replace(example_report, subjects=example_report.subjects * 2)
    page = html.render(two, "patient", date(2026, 12, 3))
    assert page.count("<article") == 2
    assert "article + article { break-before: page; }" in page


@pytest.mark.slow
def test_matplotlib_only_imported_for_html():
    code = (
        "import sys, mgcheck.cli\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(mgcheck.cli.app, ['report', '--example', '--format', 'json', '-q'])\n"
        "assert r.exit_code == 0\n"
        "print('matplotlib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    timing = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import mgcheck.cli"], capture_output=True, text=True, check=True
    )
    assert "matplotlib" not in timing.stderr


def test_pdf_needs_a_file(invoke):
    result = invoke("report", "--example", "--format", "pdf", "-q")
    assert result.exit_code == 2
    assert "-o FILE.pdf" in result.stderr


def test_pdf_without_a_browser_is_one_clear_error(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("MGCHECK_CHROMIUM", str(tmp_path / "no-such-chromium"))
    out = tmp_path / "week.pdf"
    result = invoke("report", "--example", "--format", "pdf", "-o", out, "-q")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "PDF needs headless Chromium" in lines[0]
    assert not out.exists()


def test_pills_above_the_limit_are_not_credited_to_the_diet(invoke, write_log):
    """Session 17 tester: 400 mg of magnesium oxide a day with 13 mg from food read "This meets the
    amount advised for you. Keep eating the foods that gave you the most", and a limit passed on all
    three days read "on some days"."""
    rows = "".join(
        f"2026-11-0{day},banana,1/2,small,food\n2026-11-0{day},magnesium oxide,400,mg,supplement\n" for day in (2, 3, 4)
    )
    log = write_log("date,food,amount,unit,kind\n" + rows)
    page = invoke("report", log, "--sex", "F", "--age", "54", "-f", "html", "-q").stdout
    # Over the UL the pills are not read as the way to the advised amount (session 27 review).
    assert html.handout_text("verdict_met_over_ul") in page
    assert html.handout_text("verdict_met_with_supplements") not in page
    assert "Keep eating the foods" not in page
    # Pills alone (session 27): the sentence names the pills, not "pills and medicines together".
    assert 'data-key="ul_pills_exceeded_every_day"' in page and "on some days" not in page
    # Two of three days over the limit: "on some days".
    rows = rows.replace("2026-11-04,magnesium oxide,400", "2026-11-04,magnesium oxide,100")
    page = invoke(
        "report", write_log("date,food,amount,unit,kind\n" + rows), "--sex", "F", "--age", "54", "-f", "html", "-q"
    ).stdout
    assert 'data-key="ul_pills_exceeded"' in page and html.handout_text("ul_pills_exceeded") in page


def test_a_diet_that_meets_the_rda_on_its_own_is_praised_as_before(example_report):
    first = example_report.subjects[0]
    subject = replace(first, verdict_code=VerdictCode.AT_OR_ABOVE_RDA, mean_food_mg=400.0, mean_daily_mg=450.0)
    page = html.render(replace(example_report, subjects=(subject,)), "patient", date(2026, 12, 3))
    assert html.handout_text("verdict_at_rda") in page
    below = replace(subject, mean_food_mg=300.0)  # 300 mg of food, RDA 320: the rest came from pills
    page = html.render(replace(example_report, subjects=(below,)), "patient", date(2026, 12, 3))
    assert html.handout_text("verdict_met_with_supplements") in page


def test_a_food_written_as_its_id_is_shown_by_its_name():
    # Session 19 tester: a log naming foods by id gave the handout "Fndds:57123000: 17 mg a day".
    names = html.plain_food_names(
        [("fndds:57123000", "fndds:57123000"), ("9040", "09040"), ("Granola1", "granola1"), ("oatmeal", "08121")]
    )
    assert names == {"08121": "oatmeal"}  # the others keep their table names


def test_a_suggestion_of_a_food_written_as_its_id_names_the_food(invoke, write_log):
    # The same log's suggestion read "30 g fndds:57123000 (you already eat this)".
    log = write_log("date,food,amount,unit\n2026-11-02,fndds:57123000,30,g\n2026-11-02,16015,1,cup\n")
    page = invoke("report", log, "--sex", "F", "--age", "54", "-f", "html", "-q").stdout
    assert "<li>Cereal (General Mills Cheerios): " in page
    assert "<li>30 g Cereal (General Mills Cheerios) (you already eat this): " in page
    assert "Fndds:57123000" not in page  # the code, capitalised as a name, was the food's line


def test_a_handout_of_several_people_names_each_page_and_explains_the_ul(example_report):
    # Session 19 tester: pages saying only "Woman, 45 years" could not be handed to the right person,
    # and the footer's "UL applies to supplements and drugs only" never said what a UL is.
    (subject,) = example_report.subjects
    two = replace(example_report, subjects=(subject, replace(subject, subject="P-002")))
    page = html.render(two, "patient", date(2026, 12, 3))
    metas = re.findall(r'<p class="meta">([^<]*)</p>', page)
    assert [meta.split(" &middot; ")[0] for meta in metas] == [f"ID {subject.subject}", "ID P-002"]
    alone = html.render(example_report, "patient", date(2026, 12, 3))
    assert re.findall(r'<p class="meta">([^<]*)</p>', alone)[0].startswith(("Woman", "Man", "Girl", "Boy"))
    assert "upper limit (UL) applies to supplements" in alone


def test_the_upper_limit_is_on_the_first_page_beside_the_figure(invoke, write_log):
    """A patient-handout trial (session 24): a man of 45 with 774 mg/day from food and 400 mg/day of
    glycinate read "This meets the amount advised for you. Keep eating the foods that gave you the most."
    with the upper-limit warning only on page 2, under "Magnesium and your bones". It now follows the
    figure, and says his food alone is enough."""
    rows = "".join(
        f"2026-11-0{day},almonds,4,oz,food\n2026-11-0{day},spinach boiled,1,cup,food\n"
        f"2026-11-0{day},magnesium glycinate,400,mg,supplement\n"
        for day in (2, 3, 4)
    )
    log = write_log("date,food,amount,unit,kind\n" + rows)
    page = invoke("report", log, "--sex", "M", "--age", "45", "-f", "html", "-q").stdout
    average_day = page.index("<h2>Your average day</h2>")
    warning = page.index('data-key="ul_pills_exceeded_every_day"')
    assert average_day < warning < page.index('data-chart="average"') < page.index("<h2>Magnesium and your bones</h2>")
    assert page.count('data-key="ul_pills_exceeded_every_day"') == 1
    assert html.handout_text("ul_food_enough") in page
    # Food alone short of the RDA: the pills are not said to add nothing.
    low = log.read_text().replace("almonds,4,oz", "almonds,1,oz").replace("spinach boiled,1,cup", "banana,1,small")
    page = invoke("report", write_log(low), "--sex", "M", "--age", "45", "-f", "html", "-q").stdout
    assert 'data-key="ul_pills_exceeded_every_day"' in page and html.handout_text("ul_food_enough") not in page


@pytest.mark.parametrize(("sex", "age", "shown"), [("M", 16, False), ("F", 70, True), ("M", 45, True)])
def test_the_bone_studies_sentence_only_for_people_the_studies_fit(invoke, write_log, sex, age, shown):
    """A patient-handout trial (session 24): every handout said "those who eat more magnesium tend to have
    stronger hips", a finding of studies in adults (Orchard 2014, postmenopausal women; Tucker 1999,
    older adults), on a 16-year-old boy's too, whose report cites none of them."""
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,almonds,1,oz\n")
    page = invoke("report", log, "--sex", sex, "--age", str(age), "-f", "html", "-q").stdout
    assert (html.handout_text("bone_studies") in page) is shown
    assert html.handout_text("bone_store") in page


def test_the_clinician_record_never_gives_a_probability_of_0_or_100_percent(invoke, write_log):
    """A report-output trial (session 24): "less than 1% probability ... P(adequate) = 0%" in one line."""
    log = write_log("date,food,amount,unit\n2026-11-02,banana,1,small\n2026-11-03,banana,1,small\n")
    page = invoke("report", log, "--sex", "F", "--age", "70", "-f", "html", "--audience", "clinician", "-q").stdout
    assert "P(adequate) &lt; 1%" in page and "P(adequate) = 0%" not in page
    table = invoke("summary", log, "--sex", "F", "--age", "70", "--format", "table", "-q").stdout
    assert "<1%" in table and " 0% " not in table


def test_the_clinician_record_carries_the_sensitivity_cautions_and_ratios(invoke, write_log):
    """A report-output trial (session 24): a pregnant woman's clinician record left out the sensitivity
    check ("the conclusion changes, so it is not robust"), the pregnancy caution and the calcium :
    magnesium and density lines that the terminal and Markdown reports give."""
    rows = "".join(
        f"2026-11-0{day},almonds,1,oz\n2026-11-0{day},spinach boiled,1,cup\n2026-11-0{day},milk,1,cup\n"
        for day in (2, 3, 4)
    )
    log = write_log("date,food,amount,unit\n" + rows)
    args = ("report", log, "--sex", "F", "--age", "30", "--pregnant")
    data = report_json(invoke(*args, "-f", "json", "-q"))["subjects"][0]
    page = invoke(*args, "-f", "html", "--audience", "clinician", "-q").stdout
    assert f"<dt>Sensitivity</dt><dd>{html._e(data['adequacy']['sensitivity']['text'])}</dd>" in page
    assert f"<dt>Validity</dt><dd>{html._e(data['adequacy']['validity']['text'])}</dd>" in page
    assert data["next_steps"]["cautions"]
    for caution in data["next_steps"]["cautions"]:
        assert f"<strong>Caution:</strong> {html._e(caution)}" in page
    assert f"Dietary calcium : magnesium = {data['next_steps']['calcium_to_magnesium_ratio']:.1f} : 1." in page
    assert f"Magnesium density: {data['next_steps']['mg_per_1000_kcal']:.0f} mg per 1,000 kcal." in page


def test_the_gap_heading_promises_to_close_it_only_when_a_portion_does(invoke, write_log):
    """A patient-handout trial (session 24): "Foods that would close the gap of about 249 mg a day" over
    portions of at most 156 mg, none of which closes it (closes_gap false for all five)."""
    low = write_log("date,food,amount,unit\n2026-11-02,banana,1,small\n2026-11-03,white bread,1,slice\n")
    page = invoke("report", low, "--sex", "F", "--age", "70", "-f", "html", "-q").stdout
    assert "<h2>Foods that would help close the gap of about" in page
    near = write_log("date,food,amount,unit\n2026-11-02,almonds,3,oz\n2026-11-03,almonds,3,oz\n")
    page = invoke("report", near, "--sex", "F", "--age", "70", "-f", "html", "-q").stdout
    assert "<h2>Foods that would close the gap of about" in page


def test_close_reference_lines_are_labelled_on_their_own_sides():
    """A patient-handout trial (session 24): a man's EAR 350 and RDA 420 on a 1,000 mg axis printed as
    "EAR 3RDA 420". The EAR's label ends at its line and the RDA's starts at its line (the average
    chart); on the daily chart the EAR's hangs below its line and the RDA's sits above it."""
    average = charts.average_chart(863, 350, 420, "RDA")
    ear = re.search(r'<text style="[^"]*text-anchor: (\w+)[^"]*" x="([\d.]+)"[^>]*>EAR 350</text>', average)
    rda = re.search(r'<text style="[^"]*text-anchor: (\w+)[^"]*" x="([\d.]+)"[^>]*>RDA 420</text>', average)
    assert ear and rda and (ear.group(1), rda.group(1)) == ("end", "start")
    assert float(ear.group(2)) < float(rda.group(2))
    days = charts.days_chart([], 350, 420, "RDA")
    ear_y = float(re.search(r'y="([\d.]+)"[^>]*>EAR 350</text>', days).group(1))  # type: ignore[union-attr]
    rda_y = float(re.search(r'y="([\d.]+)"[^>]*>RDA 420</text>', days).group(1))  # type: ignore[union-attr]
    assert ear_y - rda_y > 8  # SVG y grows downwards: the EAR's label is a line below the RDA's


def test_every_handout_sentence_rests_on_findings_that_exist():
    """A review (session 24): a mistyped `rests_on` id in handout_text.csv would hide its sentence from
    everyone, silently."""
    import csv

    from mgcheck.resources import data_path

    with open(data_path("evidence.csv"), newline="", encoding="utf-8") as handle:
        known = {row["id"] for row in csv.DictReader(handle)}
    with open(data_path("handout_text.csv"), newline="", encoding="utf-8") as handle:
        cited = {part.strip() for row in csv.DictReader(handle) for part in row["rests_on"].split(";") if part.strip()}
    assert cited and cited <= known, cited - known


def test_an_ear_near_the_axis_start_is_labelled_rightwards_and_the_rda_a_line_higher():
    """A review (session 24): labelled leftwards, an EAR near the left end of the axis (a child's 65 mg beside
    1,500 mg of supplements) would run off the page."""
    average = charts.average_chart(1500, 65, 80, "RDA")
    ear = re.search(r'text-anchor: (\w+)[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>EAR 65</text>', average)
    rda = re.search(r'text-anchor: (\w+)[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>RDA 80</text>', average)
    assert ear and rda and (ear.group(1), rda.group(1)) == ("start", "start")
    assert float(ear.group(3)) - float(rda.group(3)) > 7.9  # 8 points apart (9 px type, capitals about 7 px)
    assert float(rda.group(3)) > 0  # and the raised one stays on the page
