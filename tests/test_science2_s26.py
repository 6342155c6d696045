"""More clinical defects from the renal and geriatric dietitian's trial (session 26,
/tmp/s26/geri/findings.md) and two left from an earlier paediatric trial.

- Finding 7: a one-day log (p9, a woman of 70, 402 mg) had the verdict "at or above the RDA" and
  `--brief` said "To add: nothing", against IOM 2000 (a few days of records do not give usual intake;
  only at or above the RDA over many days gives high confidence). A one-day verdict now says where the
  day falls "on this one day" and that one day cannot show usual intake (collect more non-consecutive
  days); the brief says so instead of "nothing"; the handout adds that one day is not the usual
  intake. The verdict codes are unchanged; below the EAR (IOM 2000 sets no many-days condition there)
  the words stay.
- Finding 11: food alone below the EAR (p2, a man of 82: 232 mg/day, EAR 350) while supplements lift
  the intake past the RDA: no food was suggested, and the handout said "your care team can help you get
  more from food" and listed nothing. The UL limits supplements, never food, so the food gap to the
  RDA (or AI) is now offered in every view, labelled as the food gap (JSON `next_steps.food_gap_mg`,
  additive); the verdict and `gap_mg` (0) still count supplements.
- Finding 10: Wright 2019 (postmenopausal black South African women) is cited to every postmenopausal
  woman, and Ryder 2005 (the association held in white participants only) to everyone aged 70-79;
  mgcheck does not know ethnicity. The handout's references cited both bare, the clinician HTML gave
  the design without the population, and Ryder's population did not say whom the finding held in. Every
  view now prints each study's population beside it (data/evidence.csv `population`), Ryder's naming
  the white participants.
- Finding 12 (rest): the Markdown per-day table's "Total mg" added medicines into a column read as
  intake (684 on a day of 184 mg intake); the clinician HTML's "Total" did the same. Both now give
  intake (food and supplements) with medicines apart, as the terminal does. (Carpenter 2006's title is
  not in science.md, so `mgcheck evidence` still gives none.)
- Finding 5: `magnesium oxide,400,mg,supplement` ("mag oxide 400") was read as 400 mg elemental with no
  warning, though a Mag-Ox 400 tablet is 400 mg of the oxide (241 mg of magnesium). An amount in mg
  equal to the salt mass of a tablet listed in data/medicine_products.csv (with its source) now warns,
  once per line, how to write the salt; the figure stays elemental. A salt with no sourced product
  strength (glycinate 400) gets no warning.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

import mgcheck
from mgcheck.render import brief, html, markdown, terminal
from mgcheck.report import context

# p9_f70_oneday.csv of the trial: one day, 402 mg from food.
ONE_DAY = [
    ("2026-03-02", "oatmeal", 1, "cup", "food"),
    ("2026-03-02", "banana", 1, "medium", "food"),
    ("2026-03-02", "black beans", 1, "cup", "food"),
    ("2026-03-02", "brown rice", 1, "cup", "food"),
    ("2026-03-02", "salmon", 100, "g", "food"),
]


def _log(rows: list[tuple[str, str, object, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date", "food", "amount", "unit", "kind"])


def _report(rows: list[tuple[str, str, object, str, str]], **profile: object) -> mgcheck.Report:
    return mgcheck.make_report(mgcheck.assess_logs(_log(rows), **profile))  # type: ignore[arg-type]


def test_a_one_day_record_at_the_rda_is_not_called_settled() -> None:
    report = _report(ONE_DAY, sex="female", age=70)
    subject = report.subjects[0]
    assert subject.n_days == 1 and float(subject.mean_daily_mg) >= 320
    assert subject.verdict_code.value == "at_or_above_rda"  # the contract's code is unchanged
    assert subject.verdict == (
        "at or above the RDA on this one day: one day cannot show usual intake; "
        "collect more non-consecutive days before judging it"
    )
    lines = brief.render(report, 400)
    assert "nothing: the mean reaches" not in lines
    assert f"To add       {context('add_one_day')}" in lines
    assert f"Verdict      {subject.verdict}" in lines
    assert f"Verdict       {subject.verdict[:40]}" in terminal.render_to_text(report, width=400)
    assert f"- **Verdict:** {subject.verdict}" in markdown.render(report)
    page = html.render(report, "patient", date(2026, 3, 4))
    assert f'<span data-key="one_day">{html.handout_text("one_day")}</span>' in page


def test_two_days_keep_the_plain_verdict_and_a_one_day_gap_keeps_its_foods() -> None:
    two_days = ONE_DAY + [(f"2026-03-03{r[0][10:]}", *r[1:]) for r in ONE_DAY]
    subject = _report(two_days, sex="female", age=70).subjects[0]
    assert subject.n_days == 2 and subject.verdict == "at or above the RDA"
    page = html.render(_report(two_days, sex="female", age=70), "patient", date(2026, 3, 4))
    assert 'data-key="one_day"' not in page
    # Below the EAR, IOM 2000 sets no many-days condition: the words stay, with the one-day note and the foods.
    low = _report(ONE_DAY[:2], sex="female", age=70)
    low_subject = low.subjects[0]
    assert low_subject.verdict == "below the EAR: usual intake very likely needs improvement"
    assert context("one_day") in low_subject.adequacy.notes
    assert "1 oz pumpkin seeds, roasted +156 mg" in brief.render(low, 400)


def test_a_one_day_record_at_the_ai_is_qualified_too() -> None:
    subject = _report(ONE_DAY, sex="female", age=70, standard="efsa").subjects[0]
    assert subject.verdict_code.value == "at_or_above_ai"
    assert subject.verdict == (
        "at or above the AI on this one day: one day cannot show usual intake; "
        "collect more non-consecutive days before judging it"
    )


# Food alone about 99 mg/day (EAR 265 at 70 y), one Mag-Ox 400 tablet (241 mg) a day: 340 mg/day.
FOOD_LOW_PILLS = [
    (day, food, amount, unit, kind)
    for day in ("2026-03-02", "2026-03-03")
    for food, amount, unit, kind in (
        ("white bread", 2, "slice", "food"),
        ("oatmeal", 1, "cup", "food"),
        ("chicken breast", 85, "g", "food"),
        ("Mag-Ox 400", 1, "tablet", "supplement"),
    )
]


def test_food_below_the_ear_gets_the_food_gap_even_when_supplements_reach_the_rda() -> None:
    report = _report(FOOD_LOW_PILLS, sex="female", age=70)
    subject = report.subjects[0]
    steps = subject.next_steps
    assert float(subject.mean_food_mg) < 265 and float(subject.mean_daily_mg) >= 320
    assert subject.verdict == "at or above the RDA" and steps.gap_mg == 0.0
    assert steps.food_gap_mg == round(320 - float(subject.mean_food_mg), 1)
    assert subject.to_dict()["next_steps"]["food_gap_mg"] == steps.food_gap_mg
    assert [s.portion for s in steps.suggestions][:2] == ["1 cup oatmeal", "1 oz pumpkin seeds, roasted"]
    food_gap = (
        f"Food alone {float(subject.mean_food_mg):,.0f} mg/day is below the EAR (265 mg); only supplements "
        f"bring the intake to the RDA. Food gap to the RDA: {steps.food_gap_mg:,.0f} mg/day"
    )
    assert f"{food_gap}. Foods that would help:" in terminal.render_to_text(report, width=400)
    assert f"To add       {food_gap}: 1 cup oatmeal +63 mg" in brief.render(report, 400)
    md = markdown.render(report)
    assert f"### What next: food gap of {steps.food_gap_mg:,.0f} mg/day to the RDA" in md
    assert "- 1 oz pumpkin seeds, roasted: +156 mg" in md
    assert f"<p>{food_gap}.</p>" in html.render(report, "clinician", date(2026, 3, 4))
    page = html.render(report, "patient", date(2026, 3, 4))
    assert html.handout_text("verdict_met_with_supplements") in page
    assert f"{html.handout_text('food_gap_heading')} (about {steps.food_gap_mg:,.0f} mg a day more from food)" in page
    assert "1 oz pumpkin seeds, roasted: <span" in page


def test_no_food_gap_when_food_alone_reaches_the_ear_or_without_supplements() -> None:
    # Food alone above the EAR, supplements lifting it past the RDA: no food gap, as before.
    rich = (
        [r for r in FOOD_LOW_PILLS if r[1] != "chicken breast"]
        + [(day, "black beans", 1, "cup", "food") for day in ("2026-03-02", "2026-03-03")]
        + [(day, "brown rice", 1, "cup", "food") for day in ("2026-03-02", "2026-03-03")]
    )
    subject = _report(rich, sex="female", age=70).subjects[0]
    assert 265 <= float(subject.mean_food_mg) < 320
    assert subject.next_steps.food_gap_mg is None and subject.next_steps.suggestions == ()
    assert "food_gap_mg" not in subject.to_dict()["next_steps"]
    # Below the RDA in all: the gap to the RDA, as before, not a food gap.
    food_only = _report([r for r in FOOD_LOW_PILLS if r[4] == "food"], sex="female", age=70).subjects[0]
    assert food_only.next_steps.food_gap_mg is None and food_only.next_steps.gap_mg > 0


RYDER_POPULATION = (
    "2,038 adults aged 70-79, Health ABC study; the association held in white participants, not in black participants"
)
WRIGHT_POPULATION = "Postmenopausal black South African women followed for 2 years"


def test_every_view_states_the_population_of_wright_and_ryder() -> None:
    report = _report(ONE_DAY, sex="female", age=75)
    subject = report.subjects[0]
    cited = {f.id: f for f in subject.evidence}
    assert cited["ryder2005"].population == RYDER_POPULATION
    assert cited["wright2019"].population == WRIGHT_POPULATION
    assert subject.to_dict()["evidence"][[f.id for f in subject.evidence].index("ryder2005")]["population"] == (
        RYDER_POPULATION
    )
    text = " ".join(terminal.render_to_text(report, width=2000).split())
    assert f"cross-sectional; population: {RYDER_POPULATION}; Ryder et al. (2005)" in text
    assert f"cohort; population: {WRIGHT_POPULATION}; Wright HH, et al. (2019)" in text
    md = markdown.render(report)
    assert f"*cross-sectional*; population: {RYDER_POPULATION}; Ryder et al. (2005)" in md
    clinician = html.render(report, "clinician", date(2026, 3, 4))
    assert f"cohort; population: {WRIGHT_POPULATION}; Wright HH, et al. (2019)" in clinician
    page = html.render(report, "patient", date(2026, 3, 4))
    references = page.split('<ol class="small">', 1)[1].split("</ol>", 1)[0]
    assert (
        "Nutrients 11(10):2519. doi:10.3390/nu11102519 "
        f'<span class="population">Studied in: {WRIGHT_POPULATION}.</span></li>'
    ) in references
    assert (
        "doi:10.1111/j.1532-5415.2005.53561.x [unconfirmed] "
        f'<span class="population">Studied in: {RYDER_POPULATION}.</span></li>'
    ) in references
    # Orchard 2014's two findings are still cited once.
    assert references.count("Orchard TS, et al. (2014)") == 1


def test_the_per_day_tables_give_intake_with_medicines_apart() -> None:
    rows = [
        ("2026-03-02", "oatmeal", 1, "cup", "food"),
        ("2026-03-02", "milk of magnesia", 15, "ml", "medicine"),
        ("2026-03-03", "oatmeal", 1, "cup", "food"),
        ("2026-03-03", "Mag-Ox 400", 1, "tablet", "supplement"),
    ]
    report = _report(rows, sex="female", age=66)
    days = report.subjects[0].days
    assert [(d.food_mg, d.supplement_mg, d.intake_mg, d.medicine_mg) for d in days] == [
        (63.2, 0.0, 63.2, 500.1),
        (63.2, 241.2, 304.4, 0.0),
    ]
    md = markdown.render(report)
    assert "| Date | Food mg | Supplement mg | Intake mg | Medicine mg (apart) |" in md
    assert "| 2026-03-02 | 63 | 0 | 63 | 500 |" in md and "| 2026-03-03 | 63 | 241 | 304 | 0 |" in md
    assert "Total mg" not in md
    clinician = html.render(report, "clinician", date(2026, 3, 4))
    per_day = clinician.split("<h2>Magnesium per day (mg)</h2>", 1)[1].split("</table>", 1)[0]
    assert "<th class=num>Intake</th><th class=num>Medicines (apart)</th>" in per_day
    assert "Total" not in per_day and "563" not in per_day


def test_a_salt_named_at_a_listed_tablets_salt_mass_warns_once() -> None:
    rows = [
        ("2026-03-02", "oatmeal", 1, "cup", "food"),
        ("2026-03-02", "magnesium oxide", 400, "mg", "supplement"),
        ("2026-03-03", "oatmeal", 1, "cup", "food"),
        ("2026-03-03", "magnesium oxide", 400, "mg", "supplement"),
        ("2026-03-03", "magnesium glycinate", 400, "mg", "supplement"),
        ("2026-03-03", "magnesium citrate", 100, "mg", "supplement"),
    ]
    assessment = mgcheck.assess_logs(_log(rows), sex="female", age=70)
    items = assessment.items
    oxide = items[items["food"] == "magnesium oxide"]
    assert list(oxide["mg"]) == [400.0, 400.0]  # the figure stays elemental
    warnings = [str(w) for w in assessment.warnings]
    about_salt = [w for w in warnings if "salt's mass" in w]
    assert about_salt == [
        "DataFrame, row 2, 4: 'magnesium oxide' 400 mg: read as elemental magnesium, as US and EU supplement "
        "labels state it, but 400 mg is also the salt's mass of one mag-ox 400 tablet (400 mg magnesium oxide, "
        "241 mg of magnesium); if the label gives the salt, write '400 mg salt' or count tablets of mag-ox 400"
    ]
    assert not [w for w in warnings if "glycinate" in w or "citrate" in w]
