"""Clinical defects a renal and geriatric dietitian's trial found (session 26, /tmp/s26/geri/findings.md).

- Finding 1: kidney disease with a serum value above the reference range (2.8 mEq/L = 1.40 mmol/L,
  hypermagnesaemia) and milk of magnesia: the report, `--brief` and the handout advised +232 mg/day
  (pumpkin seeds, cashews); the handout had no kidney caution and no serum value; a high value got the
  sentence that normal serum can coexist with low body stores. Now no food is suggested over a value
  above the range, the serum line says the intake, supplements and medicines need the clinician's
  review (the reviews: high bone magnesium impairs mineralization, notably in CKD and dialysis), and a
  magnesium supplement or medicine taken with kidney disease is flagged in the report and on the
  handout's first page.
- Finding 3: serum limits in mg/dL were rounded to 0.1 (Costello's 0.85 mmol/L as 2.1, the laboratories'
  1.00 as 2.4), so 2.08 mg/dL (0.856 mmol/L) was "below" 0.85 and 2.42 mg/dL (0.996 mmol/L) "above the
  reference range". A value is now compared in mmol/L from the exact conversion (Mg 24.305 g/mol).
- Finding 4: Ryder 2005 (DOI still unconfirmed, science.md's corrections) was printed with no label in
  the handout's references although the terminal and Markdown marked it; Groenendijk 2022, which the
  corrections confirm, was labelled unconfirmed. The data now follow the corrections, and every view
  labels an unconfirmed item alike, "[unconfirmed]".
- Finding 8: "Supplements mean 311 mg/day (supplements 61, medicines 250), ABOVE the UL of 350" read as
  a contradiction (the rule is a daily limit on supplements and medicines together) and hid that a
  laxative was the cause; `--brief` said "Supplements ABOVE the UL" with no supplement taken; the handout
  said "with your magnesium pills or medicines this reaches the amount advised" of a figure that leaves
  medicines out. Each view now states the rule, the highest day and the cause.
- Finding 9: a Mag-Tab SR tablet was 835 mg x 10.19% = 85.1 mg against its label's 84 mg; science.md
  says to prefer the label's elemental figure. A named product with a label figure
  (data/medicine_products.csv `label_elemental_mg`) now counts it.
- Finding 12 (part): the serum value was shown twice, "0.68 mmol/L = 0.68 mmol/L"; the Markdown
  "What next" dropped the "(already eaten)" the terminal and handout give.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import mgcheck
from mgcheck.render import brief, html, markdown, terminal
from mgcheck.report import context

# A low-magnesium renal diet and, on the second day, 15 ml of milk of magnesia (500 mg of magnesium).
CKD_ROWS = [
    ("2026-03-02", "white bread", 2, "slice", "food"),
    ("2026-03-02", "white rice", 1, "cup", "food"),
    ("2026-03-02", "chicken breast", 85, "g", "food"),
    ("2026-03-03", "tuna", 3, "oz", "food"),
    ("2026-03-03", "white rice", 1, "cup", "food"),
    ("2026-03-03", "milk of magnesia", 15, "ml", "medicine"),
]


def _log(rows: list[tuple[str, str, object, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date", "food", "amount", "unit", "kind"])


def _ckd_report(serum: str | None, rows: list[tuple[str, str, object, str, str]] = CKD_ROWS) -> mgcheck.Report:
    assessment = mgcheck.assess_logs(_log(rows), sex="female", age=66, conditions=["kidney_disease"])
    return mgcheck.make_report(assessment, serum=serum)


def _first_page(page: str) -> str:
    """The handout's first section ("Your average day"), before the charts of each day."""
    return page.split("<h2>Your average day</h2>", 1)[1].split("<h2>Each day</h2>", 1)[0]


def test_high_serum_with_kidney_disease_suggests_no_food_and_asks_for_review() -> None:
    report = _ckd_report("2.8 mEq/L")
    subject = report.subjects[0]
    steps = subject.next_steps
    assert subject.serum is not None and subject.serum.mmol_l == 1.4 and subject.serum.grade.value == "high"
    # The gap is a fact about intake and stays; no portion is offered to close it.
    assert steps.gap_mg == pytest.approx(320 - float(subject.mean_daily_mg), abs=0.1)
    assert steps.suggestions == ()
    assert steps.withheld == context("advice_withheld_serum_high")
    assert steps.withheld.startswith("No foods are suggested to raise magnesium intake: serum magnesium is above")
    assert subject.to_dict()["next_steps"]["withheld"] == steps.withheld
    # The serum line: the clinician's review and the reviews' statement, not "normal serum ... low stores".
    assert "high bone magnesium impairs mineralization, notably in chronic kidney disease and dialysis" in (
        subject.serum.next_step or ""
    )
    assert "coexist" not in subject.serum.note
    # The milk of magnesia with kidney disease is flagged; "several suggested foods" is not said of no foods.
    assert steps.cautions == (context("advice_kidney_dose"),)

    text = terminal.render_to_text(report, width=100)
    lines = brief.render(report, 100)
    md = markdown.render(report)
    page = html.render(report, "patient", date(2026, 3, 4))
    for view in (text, lines, md, page):
        assert "pumpkin" not in view and "cashews" not in view and "would help" not in view
        assert "coexist" not in view
    assert "No foods are suggested to raise magnesium intake" in text and "To add       No foods are suggested" in lines
    assert "Serum        2.8 mEq/L = 1.40 mmol/L: above the reference range" in lines
    assert "review each" in lines and "magnesium-containing supplement and medicine" in md
    first = _first_page(page)
    assert "Your blood magnesium: 2.8 mEq/L = 1.40 mmol/L. This is above the usual range" in first
    assert html.handout_text("kidney_dose") in first
    assert html.handout_text("verdict_serum_high") in first
    assert "Foods that would" not in page and 'data-key="bone_foods"' not in page


def test_serum_in_range_keeps_the_suggestions_and_the_low_stores_sentence() -> None:
    subject = _ckd_report("0.90 mmol/L").subjects[0]
    assert subject.serum is not None and subject.serum.grade.value == "normal"
    assert subject.next_steps.withheld is None and "withheld" not in subject.to_dict()["next_steps"]
    assert [s.portion for s in subject.next_steps.suggestions][:2] == [
        "1 oz pumpkin seeds, roasted",
        "1 cup quinoa, cooked",
    ]
    assert subject.serum.note.endswith("normal serum can coexist with low body stores.")
    assert subject.serum.next_step is None


def test_a_value_above_the_iom_range_within_the_laboratories_keeps_the_suggestions() -> None:
    subject = _ckd_report("0.98 mmol/L").subjects[0]
    assert subject.serum is not None and subject.serum.grade.value == "high_iom"
    assert subject.next_steps.withheld is None and subject.next_steps.suggestions


def test_kidney_disease_with_a_magnesium_medicine_is_flagged_in_the_report_and_the_handout() -> None:
    report = _ckd_report(None)
    steps = report.subjects[0].next_steps
    assert steps.cautions == (context("advice_kidney"), context("advice_kidney_dose"))
    assert steps.suggestions  # no serum value: the foods stay, with the renal-diet caution
    page = html.render(report, "patient", date(2026, 3, 4))
    assert html.handout_text("kidney_dose") in _first_page(page)
    assert html.handout_text("kidney_foods") in page
    # Without a dose, no dose caution anywhere.
    food_only = _ckd_report(None, CKD_ROWS[:-1])
    assert food_only.subjects[0].next_steps.cautions == (context("advice_kidney"),)
    assert 'data-key="kidney_dose"' not in html.render(food_only, "patient", date(2026, 3, 4))


@pytest.mark.parametrize(
    ("given", "mmol", "grade", "shown"),
    [
        # 2.08 mg/dL = 0.856 mmol/L: at or above Costello's 0.85, within the IOM range.
        ("2.08 mg/dL", 0.856, "normal", "2.08 mg/dL = 0.856 mmol/L"),
        # 2.42 mg/dL = 0.996 mmol/L: above the IOM's 0.95, within the laboratories' 1.00; not "above the range".
        ("2.42 mg/dL", 0.996, "high_iom", "2.42 mg/dL = 0.996 mmol/L"),
        ("2.06 mg/dL", 0.848, "low_normal", "2.06 mg/dL = 0.848 mmol/L"),
        ("2.44 mg/dL", 1.004, "high", "2.44 mg/dL = 1.004 mmol/L"),
        ("1.7 mEq/L", 0.85, "normal", "1.7 mEq/L = 0.85 mmol/L"),
        # Finding 12: a value in mmol/L is shown once, not "0.68 mmol/L = 0.68 mmol/L".
        ("0.68 mmol/L", 0.68, "low", "0.68 mmol/L"),
    ],
)
def test_serum_in_mg_dl_is_compared_in_mmol_l_from_the_exact_conversion(given, mmol, grade, shown) -> None:
    report = mgcheck.make_report(mgcheck.assess_logs(_log(CKD_ROWS[:-1]), sex="male", age=55), serum=given)
    serum = report.subjects[0].serum
    assert serum is not None
    assert (serum.mmol_l, serum.grade.value) == (mmol, grade)
    text = " ".join(terminal.render_to_text(report, width=200).split())
    assert f"Serum magnesium {shown}: " in text


def test_the_mg_dl_limits_shown_are_the_exact_conversions_of_the_mmol_l_ones() -> None:
    from mgcheck.report import MMOL_PER_MG_DL, Serum, serum_grade

    assert pytest.approx(1.0) == MMOL_PER_MG_DL * 2.4305
    # Either side of each limit as shown in mg/dL (session 26 review: a value printed equal to a limit was
    # graded outside it): Costello 0.85 mmol/L = 2.07 mg/dL, laboratories 1.00 mmol/L = 2.43 mg/dL.
    assert serum_grade(Serum(2.06, "mg/dL")).value == "low_normal"
    assert serum_grade(Serum(2.07, "mg/dL")).value == "normal"
    assert serum_grade(Serum(2.08, "mg/dL")).value == "normal"  # the trial's value, 0.856 mmol/L
    assert serum_grade(Serum(2.43, "mg/dL")).value == "high_iom"
    assert serum_grade(Serum(2.44, "mg/dL")).value == "high"
    # The IOM's published 1.8-2.3 mg/dL: 1.8 is within it (not 'below', as 0.741 mmol/L read against 0.75).
    assert serum_grade(Serum(1.8, "mg/dL")).value == "low_normal"
    assert serum_grade(Serum(2.3, "mg/dL")).value == "normal"
    assert serum_grade(Serum(2.31, "mg/dL")).value == "high_iom"
    reading = (
        mgcheck.make_report(mgcheck.assess_logs(_log(CKD_ROWS[:-1]), sex="male", age=55), serum="2.42 mg/dL")
        .subjects[0]
        .serum
    )
    assert reading is not None and reading.reading == (
        "above the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L), within the 1.7-2.43 mg/dL = 0.70-1.00 mmol/L "
        "range many laboratories use"
    )


def test_every_view_labels_an_unconfirmed_finding_alike_and_only_it() -> None:
    from mgcheck.evidence import all_findings

    status = {str(f["id"]): str(f["status"]) for f in all_findings()}
    assert (status["ryder2005"], status["groenendijk2022"]) == ("unconfirmed", "confirmed")
    # A woman of 75: Ryder 2005 (70-79 y) and Groenendijk 2022 (60 y and over) both apply.
    report = mgcheck.make_report(mgcheck.assess_logs(_log(CKD_ROWS[:-1]), sex="female", age=75))
    subject = report.subjects[0]
    ryder = next(f for f in subject.evidence if f.id == "ryder2005")
    groenendijk = next(f for f in subject.evidence if f.id == "groenendijk2022")
    views = {
        "terminal": " ".join(terminal.render_to_text(report, width=400).split()),
        "markdown": markdown.render(report),
        "handout": html.render(report, "patient", date(2026, 3, 4)),
        "clinician": html.render(report, "clinician", date(2026, 3, 4)),
    }
    for name, view in views.items():
        assert view.count("[unconfirmed]") == 1, name
        assert ryder.citation.replace("'", "&#x27;") in view or ryder.citation in view, name
        assert groenendijk.citation in view, name
    assert f'{ryder.citation} [unconfirmed] <span class="population">' in views["handout"]
    assert f"({ryder.effect_size}) [unconfirmed]" in views["terminal"]
    assert f"({ryder.effect_size}) [unconfirmed]" in views["markdown"]
    assert f"({ryder.effect_size}) [unconfirmed]" in views["clinician"]


# A woman of 90: milk of magnesia (500 mg) on one day, half a 10 mmol sachet (121.5 mg) on the other.
MEDICINE_ROWS = [
    ("2026-03-02", "oatmeal", 1, "cup", "food"),
    ("2026-03-02", "milk of magnesia", 15, "ml", "medicine"),
    ("2026-03-03", "oatmeal", 1, "cup", "food"),
    ("2026-03-03", "magnesium", 5, "mmol", "supplement"),
]
UL_LINE = (
    "supplements and medicines together ABOVE the UL of 350 mg on 1 day(s) (highest day 500 mg; "
    "mean 311 mg/day: supplements 61, medicines 250; all from medicines)"
)  # the one day over the UL held milk of magnesia alone (by the days over it: the review, session 26)


def test_the_ul_line_states_the_daily_rule_and_names_medicines_as_the_cause() -> None:
    report = mgcheck.make_report(mgcheck.assess_logs(_log(MEDICINE_ROWS), sex="female", age=90))
    limit = report.subjects[0].upper_limit
    assert (limit.max_day_supplement_mg, limit.mean_supplement_mg, limit.days_over_ul) == (500.1, 310.8, 1)
    text = " ".join(terminal.render_to_text(report, width=200).split())
    assert f"UL check {UL_LINE}. The UL covers supplements and medicines" in text
    assert "Supplements mean" not in text
    assert f"- **UL check:** {UL_LINE}; the UL covers" in markdown.render(report)
    assert f"<dt>UL check</dt><dd>{UL_LINE}; the UL covers" in html.render(report, "clinician", date(2026, 3, 4))
    assert f"UL check     {UL_LINE}" in brief.render(report, 400)


def test_a_medicine_alone_over_the_ul_is_named_in_the_brief_and_the_handout() -> None:
    report = mgcheck.make_report(mgcheck.assess_logs(_log(MEDICINE_ROWS[:3]), sex="female", age=90))
    lines = brief.render(report, 400)
    assert (
        "UL check     supplements and medicines together ABOVE the UL of 350 mg on 1 day(s) "
        "(highest day 500 mg; mean 250 mg/day: supplements 0, medicines 250; all from medicines)"
    ) in lines
    assert "Supplements" not in lines
    page = html.render(report, "patient", date(2026, 3, 4))
    assert html.handout_text("ul_all_medicine") in page and 'data-key="ul_mostly_medicine"' not in page
    # Session 27 review: a laxative alone is "medicines", not "pills and medicines together".
    assert "Your magnesium medicines went over the safe upper limit" in page and "pills and medicines" not in page


def test_the_handout_never_credits_medicines_with_meeting_the_advised_amount() -> None:
    # Food about 130 mg, a 350 mg supplement, milk of magnesia: food + supplements reach the RDA (420 mg).
    rows = [
        ("2026-03-02", "oatmeal", 2, "cup", "food"),
        ("2026-03-02", "magnesium citrate", 350, "mg", "supplement"),
        ("2026-03-02", "milk of magnesia", 15, "ml", "medicine"),
    ]
    report = mgcheck.make_report(mgcheck.assess_logs(_log(rows), sex="male", age=82))
    subject = report.subjects[0]
    assert subject.mean_food_mg < 420 <= subject.mean_daily_mg and subject.mean_medicine_mg == 500.1
    page = html.render(report, "patient", date(2026, 3, 4))
    # Over the UL (850 mg of doses): the sentence that says so, which credits only the pills (session 27).
    sentence = html.handout_text("verdict_met_over_ul")
    assert sentence.startswith("Your magnesium pills bring this up to the amount advised for you, but they and")
    assert sentence in page and html.handout_text("medicine_not_counted") in page
    assert html.handout_text("verdict_met_with_supplements").startswith("With your magnesium supplement pills")


def test_a_named_product_counts_its_labels_elemental_magnesium() -> None:
    from mgcheck.salts import find_product, salt_frame

    rows = [
        ("2026-03-02", "oatmeal", 1, "cup", "food"),
        ("2026-03-02", "Mag-Tab SR", 2, "tablet", "supplement"),
        ("2026-03-02", "Slow-Mag", 1, "tablet", "supplement"),
        ("2026-03-02", "Mag-Ox 400", 1, "tablet", "supplement"),
    ]
    items = {
        i.food: i for i in mgcheck.make_report(mgcheck.assess_logs(_log(rows), sex="female", age=60)).subjects[0].items
    }
    assert items["Mag-Tab SR"].mg == 168.0  # 2 x the label's 84 mg, not 2 x 85.1
    assert items["Slow-Mag"].mg == 64.0
    assert items["Mag-Ox 400"].mg == pytest.approx(400 * 0.603, abs=0.1)  # no label figure: salt x share
    assert "(label: 84 mg elemental magnesium)" in str(items["Mag-Tab SR"].basis)
    product = find_product("mag-tab sr")
    assert product is not None and product.label_elemental_mg == 84.0
    shown = salt_frame(products=True).set_index("product")["elemental_mg_per_unit"]
    assert (shown["mag-tab sr"], shown["slow-mag"], shown["mag-ox 400"]) == (84.0, 64.0, 241.2)


def test_markdown_marks_a_suggested_food_already_eaten_as_the_terminal_does() -> None:
    rows = [("2026-03-02", "quinoa", 1, "cup", "food"), ("2026-03-02", "white rice", 1, "cup", "food")]
    report = mgcheck.make_report(mgcheck.assess_logs(_log(rows), sex="female", age=60))
    eaten = [s for s in report.subjects[0].next_steps.suggestions if s.already_eaten]
    assert [s.portion for s in eaten] == ["1 cup quinoa"]
    assert "- 1 cup quinoa (already eaten): +118 mg (Quinoa, cooked)" in markdown.render(report)
    assert "1 cup quinoa (already eaten): +118 mg" in terminal.render_to_text(report, width=200)
