"""Issue 9: clinically sound sentences: medicines apart from diet, serum units, honest confidence."""

from __future__ import annotations

import json

import pytest
from conftest import report_json
from hypothesis import given
from hypothesis import strategies as st

TEST_FOOD = "food_id,name,mg_per_100g,kcal_per_100g,calcium_mg_per_100g\nT1,Test mix,100,200,50\n"


@pytest.fixture
def clinic_foods(tmp_path):
    path = tmp_path / "clinic_foods.csv"
    path.write_text(TEST_FOOD)
    return path


def _log(*days: tuple[float, str]) -> str:
    """One 'Test mix' food row (100 mg Mg per 100 g) per day, plus optional extra rows."""
    rows = []
    for number, (grams, extra) in enumerate(days):
        date = f"2026-11-{number + 2:02d}"
        rows.append(f"{date},Test mix,{grams},g,food")
        if extra:
            rows.append(f"{date},{extra}")
    return "date,food,amount,unit,kind\n" + "\n".join(rows) + "\n"


def _flat(text: str) -> str:
    """Terminal text with line wrapping undone (words joined by single spaces)."""
    return " ".join(text.split())


def _subject(invoke, *args):
    return report_json(invoke("report", *args, "--format", "json"))["subjects"][0]


# --------------------------------------------------------------------------- 1. medicines apart from diet


@pytest.mark.slow
def test_milk_of_magnesia_does_not_make_a_low_diet_adequate(write_log, invoke, clinic_foods):
    """Regression: a 78-year-old eating 84 mg/day of food Mg plus milk of magnesia at night was
    reported 'at or above the RDA ... adequate (98% confidence)' and --check passed her."""
    path = write_log(_log(*[(84, "milk of magnesia,500,mg,medicine")] * 7))
    args = (path, "--sex", "F", "--age", "78", "--foods", clinic_foods)
    subject = _subject(invoke, *args)
    assert subject["mean_daily_mg"] == 84.0  # food + supplements: the medicine is not diet
    assert (subject["mean_food_mg"], subject["mean_supplement_mg"], subject["mean_medicine_mg"]) == (84.0, 0.0, 500.0)
    assert subject["mean_total_mg"] == 584.0
    assert subject["verdict"] == "below the EAR: usual intake very likely needs improvement"
    assert subject["adequacy"]["conclusion_code"] == "very_likely_inadequate"
    assert subject["percent_rda"] == pytest.approx(84 / 320 * 100, abs=0.1)
    assert subject["upper_limit"]["exceeded"] is True  # 500 mg of medicine a day passes the 350 mg UL
    day = subject["days"][0]
    assert (day["food_mg"], day["supplement_mg"], day["medicine_mg"], day["intake_mg"], day["total_mg"]) == (
        84.0,
        0.0,
        500.0,
        84.0,
        584.0,
    )
    assert any("not dietary intake" in note for note in subject["adequacy"]["notes"])
    assert invoke("report", *args, "--check").exit_code == 3
    text = _flat(invoke("report", *args).stdout)
    assert "medicines 500 mg/day counted apart (not diet)" in text
    assert "at or above the RDA" not in text


def test_teenager_is_not_shown_her_laxative_as_intake(write_log, invoke, clinic_foods):
    """Regression: a 14-year-old eating 148 mg/day was shown '520 mg/day (144% of the RDA)'."""
    path = write_log(_log(*[(148, "magnesium hydroxide,372,mg,medicine")] * 3))
    subject = _subject(invoke, path, "--sex", "F", "--age", "14", "--foods", clinic_foods)
    assert subject["mean_daily_mg"] == 148.0 and subject["mean_total_mg"] == 520.0
    assert subject["percent_rda"] == pytest.approx(148 / 360 * 100, abs=0.1)
    assert "above_420" not in subject["situations"]
    text = invoke("report", path, "--sex", "F", "--age", "14", "--foods", clinic_foods).stdout
    assert "520 mg/day" not in text and "144%" not in text


def test_summary_has_additive_columns(write_log, invoke, clinic_foods):
    path = write_log(_log((200, "magnesium citrate,100,mg,supplement"), (200, "milk of magnesia,300,mg,medicine")))
    result = invoke("summary", path, "--sex", "F", "--age", "40", "--foods", clinic_foods, "-f", "json")
    (row,) = json.loads(result.stdout)["subjects"]
    assert (row["mean_food_mg"], row["mean_supplement_mg"], row["mean_medicine_mg"]) == (200.0, 50.0, 150.0)
    assert row["mean_total_mg"] == row["mean_food_mg"] + row["mean_supplement_mg"] + row["mean_medicine_mg"]
    assert row["mean_intake_mg"] == 250.0


# --------------------------------------------------------------------------- 3. serum


@pytest.mark.parametrize("bare", ["0.8", "1.4", "1.5", "1.9"])
def test_bare_serum_value_in_the_ambiguous_band_is_a_usage_error(write_log, invoke, clinic_foods, bare):
    """Regression: '--serum-mg 1.4' (1.4 mg/dL = 0.58 mmol/L) was read as 1.4 mmol/L, 'above the range'."""
    result = invoke("report", write_log(_log((300, ""))), "--sex", "F", "--age", "40", "--serum-mg", bare)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"'{bare}' has no unit and could be mmol/L, mg/dL or mEq/L" in result.stderr


def test_low_serum_in_mg_dl_is_graded_and_says_what_to_check(write_log, invoke, clinic_foods):
    path = write_log(_log((300, "")))
    subject = _subject(invoke, path, "--sex", "F", "--age", "40", "--serum-mg", "1.4 mg/dL", "--foods", clinic_foods)
    serum = subject["serum"]
    assert serum["mmol_l"] == pytest.approx(0.576, abs=0.001) and serum["grade"] == "low" and serum["low"] is True
    # Graded in the unit given against the limits as shown (data/serum_ranges.csv): the IOM's own 1.8-2.3 mg/dL.
    assert serum["reading"].startswith(
        "low: below the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L) and below the 1.7 mg/dL = 0.70 mmol/L"
    )
    assert "checking serum potassium and calcium and reviewing medicines" in serum["next_step"]
    assert serum["costello_2016_cutoff_mmol_l"] == 0.85
    text = invoke("report", path, "--sex", "F", "--age", "40", "--serum-mg", "1.4 mg/dL", "--foods", clinic_foods)
    assert "potassium and calcium" in _flat(text.stdout)


def test_serum_between_iom_floor_and_costello_cutoff(write_log, invoke, clinic_foods):
    path = write_log(_log((300, "")))
    serum = _subject(invoke, path, "--sex", "F", "--age", "40", "--serum-mg", "1.6 mEq/L", "--foods", clinic_foods)[
        "serum"
    ]
    assert serum["mmol_l"] == 0.8 and serum["grade"] == "low_normal" and serum["next_step"] is None
    assert "below the 1.7 mEq/L that Costello et al. (2016) propose" in serum["reading"]  # 0.85 mmol/L x 2


# --------------------------------------------------------------------------- 4. honest confidence, one voice


def test_iom_example_reads_84_percent_with_a_non_contradicting_band(write_log, invoke, clinic_foods):
    path = write_log(_log((320, ""), (320, ""), (320, "")))
    subject = _subject(invoke, path, "--sex", "F", "--age", "40", "--foods", clinic_foods)
    adequacy = subject["adequacy"]
    assert adequacy["conclusion"] == "probably adequate: 84% probability that usual intake is adequate"
    assert adequacy["probability"] == pytest.approx(0.836, abs=0.002)
    assert adequacy["iom_band"] == "IOM table band z > 0.50: 'adequate'"
    assert adequacy["intake_needed_97_5_mg"] == pytest.approx(377.6, abs=0.1)
    # Sensitivity with SD_within 25% larger (107.5 mg): z = 55 / sqrt(26.5^2 + 107.5^2/3) = 0.815.
    sensitivity = adequacy["sensitivity"]
    assert sensitivity["sd_within_mg"] == 107.5
    assert sensitivity["probability"] == pytest.approx(0.792, abs=0.001)
    assert sensitivity["holds"] is True
    assert sensitivity["text"] == (
        "With SD within 25% larger (108 mg): 79% probability that usual intake is adequate; the conclusion holds."
    )
    # CV at this intake: 86 / 320 = 27%: the method applies.
    assert adequacy["validity"]["reliable"] is True and adequacy["validity"]["cv_within"] == 0.27
    text = _flat(invoke("report", path, "--sex", "F", "--age", "40", "--foods", clinic_foods).stdout)
    assert "70% confidence" not in text
    assert "not an intake target" in text


def test_one_week_reports_the_intake_likely_below_requirement(write_log, invoke, clinic_foods):
    path = write_log(_log(*[(300, "")] * 7))
    adequacy = _subject(invoke, path, "--sex", "F", "--age", "40", "--foods", clinic_foods)["adequacy"]
    assert adequacy["intake_needed_97_5_mg"] == pytest.approx(348.9, abs=0.1)
    assert adequacy["intake_below_requirement_97_5_mg"] == pytest.approx(181.1, abs=0.1)


def test_sensitivity_says_when_the_conclusion_changes(write_log, invoke, clinic_foods):
    # 7 days at 360 mg: z = 95 / 41.9 = 2.27 (very likely); with SD x 1.25: 95 / 49.6 = 1.92 (also > 1.65).
    # 7 days at 340 mg: z = 75 / 41.9 = 1.79 (very likely); with SD x 1.25: 75 / 49.6 = 1.51 (probably).
    path = write_log(_log(*[(340, "")] * 7))
    sensitivity = _subject(invoke, path, "--sex", "F", "--age", "40", "--foods", clinic_foods)["adequacy"][
        "sensitivity"
    ]
    # Very likely to probably adequate: the certainty moves, the direction (adequate) holds (session 27).
    assert sensitivity["holds"] is True and sensitivity["conclusion_code"] == "probably_adequate"
    assert sensitivity["text"].endswith(
        "still adequate (probably rather than very likely): the certainty changes, the direction holds."
    )


def test_validity_check_flags_a_high_day_to_day_cv(write_log, invoke, clinic_foods):
    # Mean 120 mg for a woman (SD within 86 mg): CV 72%, above the 60-70% the method tolerates.
    path = write_log(_log((20, ""), (220, ""), (120, "")))
    adequacy = _subject(invoke, path, "--sex", "F", "--age", "40", "--foods", clinic_foods)["adequacy"]
    assert adequacy["validity"]["reliable"] is False
    assert adequacy["validity"]["cv_within"] == 0.72 and adequacy["validity"]["observed_cv"] == 0.83
    assert any("coefficient of variation above 60-70%" in note for note in adequacy["notes"])


def test_no_verdict_z_or_needed_intake_over_a_withheld_judgement(write_log, invoke):
    """Regression: 'Verdict: at or above the RDA' was printed above 'usual intake not judged'."""
    # (30 g of pumpkin seeds on one day of two: 83 mg/day counted, under the RDA, so withheld; at or
    # above the RDA the counted intake, a lower bound, would be judged.)
    rows = "date,food,amount,unit\n2026-11-02,zzqx stew,1,g\n2026-11-02,qqxz pie,1,g\n2026-11-03,pumpkin seeds,30,g\n"
    path = write_log(rows)
    subject = _subject(invoke, path, "--sex", "F", "--age", "40")
    assert subject["verdict_code"] == "not_judged"
    assert subject["verdict"].startswith("not judged")
    adequacy = subject["adequacy"]
    assert adequacy["conclusion_code"] == "not_judged"
    assert adequacy["z"] is None and adequacy["intake_needed_97_5_mg"] is None and adequacy["sensitivity"] is None
    text = invoke("report", path, "--sex", "F", "--age", "40").stdout
    assert "at or above the RDA" not in text and "z = " not in text and "97.5%" not in text
    markdown = invoke("report", path, "--sex", "F", "--age", "40", "-f", "markdown").stdout
    assert "at or above the RDA" not in markdown and "z = " not in markdown


def test_ai_test_is_worded_as_intake_above_the_ai(write_log, invoke, clinic_foods):
    # Infant 0-6 mo: AI 30 mg, SD within 11 mg; 4 days at 40 mg: z = 10 / 5.5 = 1.82, P = 96.5%.
    path = write_log(_log(*[(40, "")] * 4))
    adequacy = _subject(invoke, path, "--sex", "M", "--age", "0.3", "--foods", clinic_foods)["adequacy"]
    assert adequacy["conclusion"] == "usual intake above the AI (97%): likely adequate"
    assert adequacy["probability_adequate"] is None and adequacy["probability_above_ai"] == pytest.approx(
        0.9655, abs=0.001
    )


# --------------------------------------------------------------------------- 2. supplements and salts


def _item(subject, food):
    return next(item for item in subject["items"] if item["food"] == food)


@pytest.mark.parametrize(
    ("food", "amount", "mg", "form"),
    [
        # Regression: a bare 'magnesium chloride' was the anhydrous salt (Slow-Mag 535 mg counted as 139 mg).
        ("magnesium chloride", 535, 64.0, "magnesium chloride hexahydrate (MgCl2·6H2O): 11.96%"),
        ("magnesium sulfate", 1000, 98.6, "magnesium sulfate heptahydrate (MgSO4·7H2O): 9.86%"),
        ("epsom salt", 1000, 98.6, "magnesium sulfate heptahydrate"),
        ("magnesium lactate", 835, 85.1, "magnesium lactate dihydrate (Mg(C3H5O3)2·2H2O): 10.19%"),
        ("magnesium gluconate", 1000, 53.9, "magnesium gluconate dihydrate (Mg(C6H11O7)2·2H2O): 5.39%"),
        ("magnesium malate", 1000, 155.4, "magnesium malate anhydrous (MgC4H4O5): 15.54%"),
        ("magnesium orotate", 1000, 65.6, "magnesium orotate dihydrate"),
        ("magnesium pidolate", 1000, 86.6, "magnesium pidolate (Mg(C5H6NO3)2): 8.66%"),
        ("magnesium glycerophosphate", 1000, 125.1, "magnesium glycerophosphate (MgC3H7O6P): 12.51%"),
        ("magnesium oxide", 400, 241.2, "magnesium oxide (MgO): 60.30%"),
        ("magnesium chloride anhydrous", 100, 25.5, "magnesium chloride anhydrous (MgCl2): 25.53%"),
    ],
)
def test_salt_mass_uses_the_form_sold_and_shows_it(write_log, invoke, food, amount, mg, form):
    path = write_log(f"date,food,amount,unit,kind\n2026-11-02,{food},{amount},mg salt,supplement\n")
    item = _item(_subject(invoke, path, "--sex", "M", "--age", "40"), food)
    assert item["mg"] == mg
    assert item["form"].startswith(form) and item["basis"].startswith(form.split(" (")[0] + ", ")


def test_slow_mag_line_reads_64_mg_in_every_format(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,magnesium chloride,535,mg salt,supplement\n")
    assert _item(_subject(invoke, path, "--sex", "M", "--age", "40"), "magnesium chloride")["mg"] == 64.0
    text = _flat(invoke("report", path, "--sex", "M", "--age", "40").stdout)
    assert "535 mg salt (magnesium chloride hexahydrate, 11.96% Mg): 64.0 mg" in text


@pytest.mark.parametrize(
    ("line", "mg", "form"),
    [
        ("magnesium glycerophosphate,4,mmol", 97.2, "mmol of magnesium (1 mmol = 24.3 mg)"),
        ("magnesium sulfate injection,8,mEq", 97.2, "mEq of magnesium (1 mEq = 12.15 mg)"),
        ("milk of magnesia,15,ml", 500.1, "milk of magnesia: 400 mg magnesium hydroxide per 5 ml"),
        ("milk of magnesia,1,tbsp", 500.1, "milk of magnesia: 400 mg magnesium hydroxide per 5 ml"),
        ("Mag-Ox 400,1,tablet", 241.2, "mag-ox 400: 400 mg magnesium oxide per 1 tablet"),
        # The label's 64 mg a tablet (data/medicine_products.csv label_elemental_mg; 535 x 11.96% = 63.99).
        ("slow mag,2,tablets", 128.0, "slow-mag: 535 mg magnesium chloride hexahydrate per 1 tablet"),
    ],
)
def test_medicine_amounts_in_mmol_meq_ml_and_tablets(write_log, invoke, line, mg, form):
    path = write_log(f"date,food,amount,unit,kind\n2026-11-02,{line},medicine\n")
    subject = _subject(invoke, path, "--sex", "F", "--age", "70")
    item = _item(subject, line.split(",")[0])
    assert item["mg"] == mg and item["form"].startswith(form)
    assert subject["days"][0]["medicine_mg"] == mg and subject["days"][0]["supplement_mg"] == 0.0


def test_citrate_solution_strength_is_flagged_unconfirmed(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,citrate of magnesia,30,ml,medicine\n")
    item = _item(_subject(invoke, path, "--sex", "F", "--age", "70"), "citrate of magnesia")
    assert item["mg"] == pytest.approx(1745 * 0.16164, abs=0.1)
    assert "strength unconfirmed: check the label" in item["form"]


def test_mag_ox_400_given_as_elemental_mg_warns(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,Mag-Ox 400,400,mg,supplement\n")
    result = invoke("report", path, "--sex", "F", "--age", "70", "-f", "json")
    assert result.exit_code == 0
    assert "'Mag-Ox 400' is named by its salt mass (400 mg magnesium oxide per 1 tablet)" in result.stderr
    assert "labels of medicines state the salt" in result.stderr
    item = _item(report_json(result)["subjects"][0], "Mag-Ox 400")
    assert item["mg"] == 400.0 and item["form"] == "elemental magnesium as labelled; form named: magnesium oxide"


def test_medicine_salt_in_elemental_mg_warns(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,magnesium hydroxide,1200,mg,medicine\n")
    result = invoke("report", path, "--sex", "F", "--age", "70")
    assert "'magnesium hydroxide' is a medicine: labels of medicines state the salt" in result.stderr


def test_medicine_named_without_magnesium_in_mg_is_not_counted_as_magnesium(write_log, invoke):
    # Regression (review): 'omeprazole,20,mg,medicine', a PPI listed with the patient's medicines,
    # was counted as 20 mg of elemental magnesium toward the upper limit. Its mg is the drug's dose.
    path = write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,omeprazole,20,mg,medicine\n"
        "2026-11-02,magnesium,50,mg,medicine\n"
        "2026-11-02,Mag-Ox 400,1,tablet,medicine\n"
    )
    result = invoke("report", path, "--sex", "F", "--age", "70", "-f", "json")
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = [line for line in result.stderr.splitlines() if "error" in line]
    assert "row 1: 'omeprazole' is a medicine whose name gives no magnesium" in line
    assert "--condition ppi" in line


def test_every_supplement_and_medicine_line_shows_its_form(write_log, invoke):
    path = write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,magnesium citrate,100,mg,supplement\n"
        "2026-11-02,magnesium,50,mg,supplement\n"
        "2026-11-02,milk of magnesia,10,ml,medicine\n"
        "2026-11-02,magnesium aspartate,3,mmol,supplement\n"
    )
    subject = _subject(invoke, path, "--sex", "F", "--age", "70")
    forms = [item["form"] for item in subject["items"] if item["kind"] != "food"]
    assert forms == [
        "elemental magnesium as labelled; form named: magnesium citrate anhydrous",
        "elemental magnesium as labelled",
        "milk of magnesia: 400 mg magnesium hydroxide per 5 ml, magnesium hydroxide (Mg(OH)2): 41.68% elemental magnesium",
        "mmol of magnesium (1 mmol = 24.3 mg)",
    ]


def test_ml_of_an_unlisted_product_is_an_error(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,my tonic,10,ml,medicine\n")
    result = invoke("report", path, "--sex", "F", "--age", "70")
    assert result.exit_code == 1 and "row 1: unit 'ml' cannot be used for a supplement or medicine" in result.stderr


def test_reference_products_lists_strength_and_source(invoke):
    rows = json.loads(invoke("reference", "--products", "--json").stdout)
    milk = next(row for row in rows if row["product"] == "milk of magnesia")
    assert (milk["salt_mg"], milk["per_amount"], milk["per_unit"], milk["elemental_mg_per_unit"]) == (
        400,
        5,
        "ml",
        33.3,
    )
    assert "1200 mg per 15 mL" in milk["source"]


@given(st.sampled_from(["MgO", "MgCl2", "MgSO4", "Mg(C3H5O3)2", "Mg3(C6H5O7)2"]), st.integers(0, 12))
def test_formula_parser_adds_water_of_hydration(base, waters):
    from mgcheck.salts import elemental_fraction, molar_mass

    formula = f"{base}(H2O){waters}" if waters else base
    assert molar_mass(formula) == pytest.approx(molar_mass(base) + waters * 18.015, abs=1e-9)
    assert 0 < elemental_fraction(formula) <= elemental_fraction(base)


@pytest.mark.parametrize("bad", ["MgXx", "Mg(OH2", "MgO)", "2MgO", "Mg(OH)2 "])
def test_formula_parser_refuses_what_it_cannot_read(bad):
    from mgcheck.salts import molar_mass

    with pytest.raises(ValueError):
        molar_mass(bad)


# --------------------------------------------------------------------------- 6. evidence for the right people


def _evidence(subject):
    return {entry["id"] for entry in subject["evidence"]}


ADULT_ONLY = {
    "orchard2014_bmd", "orchard2014_fracture", "veronese2017", "kunutsor2017_serum", "kunutsor2017_diet",
    "dominguez2023", "farsinejad2016_fracture", "farsinejad2016_bmd", "groenendijk2022", "tucker1999",
    "ryder2005", "wright2019",
}  # fmt: skip


@pytest.mark.parametrize(("sex", "age"), [("F", "2"), ("M", "2"), ("F", "0.75"), ("M", "6"), ("M", "12")])
def test_no_adult_only_finding_in_a_childs_report(write_log, invoke, clinic_foods, sex, age):
    """Regression: adult cohorts and a trial giving girls 300 mg/day of MgO appeared for a 2-year-old."""
    path = write_log(_log((30, "magnesium citrate,80,mg,supplement"), (40, "")))
    ids = _evidence(_subject(invoke, path, "--sex", sex, "--age", age, "--serum-mg", "0.6", "--foods", clinic_foods))
    assert not ids & ADULT_ONLY
    assert "carpenter2006" not in ids


def test_carpenter_is_for_girls_8_to_14_only(write_log, invoke, clinic_foods):
    path = write_log(_log((150, ""), (160, "")))
    assert "carpenter2006" in _evidence(_subject(invoke, path, "--sex", "F", "--age", "12", "--foods", clinic_foods))
    assert "carpenter2006" not in _evidence(
        _subject(invoke, path, "--sex", "M", "--age", "12", "--foods", clinic_foods)
    )


def test_women_between_the_rda_and_420_get_intake_findings(write_log, invoke, clinic_foods):
    """Regression: a woman between the RDA and 420 mg/day got no intake finding at all."""
    path = write_log(_log(*[(380, "")] * 3))
    subject = _subject(invoke, path, "--sex", "F", "--age", "60", "--foods", clinic_foods)
    assert "rda_to_420" in subject["situations"]
    assert {"orchard2014_bmd", "orchard2014_fracture", "veronese2017"} <= _evidence(subject)


def test_kunutsor_diet_finding_names_its_cohort(write_log, invoke, clinic_foods):
    path = write_log(_log((300, ""), (320, "")))
    subject = _subject(invoke, path, "--sex", "M", "--age", "50", "--foods", clinic_foods)
    finding = next(e for e in subject["evidence"] if e["id"] == "kunutsor2017_diet")
    assert finding["finding"].startswith("In 2,245 Finnish men aged 42-61 (the KIHD cohort)")
    assert "same cohort" not in finding["finding"]
    assert "kunutsor2017_diet" not in _evidence(
        _subject(invoke, path, "--sex", "F", "--age", "50", "--foods", clinic_foods)
    )


def test_serum_findings_need_a_low_serum_value(write_log, invoke, clinic_foods):
    path = write_log(_log((300, ""), (320, "")))
    args = (path, "--sex", "M", "--age", "50", "--foods", clinic_foods)
    assert "dominguez2023" in _evidence(_subject(invoke, *args, "--serum-mg", "1.4 mg/dL"))
    assert "dominguez2023" not in _evidence(_subject(invoke, *args, "--serum-mg", "0.9 mmol/L"))


def test_science_corrections_are_in_the_findings():
    from mgcheck.evidence import all_findings

    by_id = {f["id"]: f for f in all_findings()}
    assert "1.15 (95% CI 1.01-1.32) Q4" in by_id["orchard2014_fracture"]["effect_size"]
    assert by_id["ryder2005"]["design"] == "cross-sectional"
    assert "one hip site in both sexes" in by_id["tucker1999"]["finding"]
    assert by_id["carpenter2006"]["sex"] == "female"
    for review in ("castiglioni2013", "dedukh2023"):
        assert "rest largely on animal and in-vitro work" in by_id[review]["finding"]
    assert "CSFII 1994" in by_id["dedukh2023"]["effect_size"]


def test_evidence_command_shows_populations(invoke):
    text = invoke("evidence").stdout
    assert "Population: 2,245 Finnish men aged 42-61" in text
    assert "(shown to: males only, 42-61 y)" in text
    rows = json.loads(invoke("evidence", "--json").stdout)
    carpenter = next(r for r in rows if r["id"] == "carpenter2006")
    assert carpenter["applies_to_people"] == "females only, 8-14 y"


# --------------------------------------------------------------------------- 7. advice that fits the person


NUTS_AND_SEEDS = {"12016", "12061", "12087", "12155"}


@pytest.mark.parametrize("age", ["2", "3.5", "4.5"])
def test_no_whole_nuts_or_seeds_under_5_and_child_portions(write_log, invoke, clinic_foods, age):
    """Regression: whole nuts and seeds were suggested for a 2-year-old."""
    path = write_log(_log((30, ""), (30, ""), ("1", "")))
    steps = _subject(invoke, path, "--sex", "F", "--age", age, "--foods", clinic_foods)["next_steps"]
    ids = {s["food_id"] for s in steps["suggestions"]}
    assert ids and not ids & NUTS_AND_SEEDS
    assert all(s["portion"].endswith("(child portion)") for s in steps["suggestions"] if not s["already_eaten"])
    assert any("choking hazard" in c for c in steps["cautions"])


DARK_CHOCOLATE = "19904"


@pytest.mark.parametrize(
    ("age", "nuts", "chocolate"), [(2.0, False, False), (4.5, False, False), (5.0, True, False), (12.0, True, True)]
)
def test_curated_portions_follow_their_minimum_age(age, nuts, chocolate):
    """Regression: dark chocolate (caffeine) was offered to toddlers; gap_foods.csv had no age limit."""
    from mgcheck.report import curated_portions, portions_for
    from mgcheck.resources import bundled_foods

    offered = {p["food_id"] for p in portions_for(curated_portions(bundled_foods()), age)}
    assert bool(offered & NUTS_AND_SEEDS) is nuts
    assert (DARK_CHOCOLATE in offered) is chocolate
    assert "09040" in offered  # a banana at any age from 1


def test_every_age_limit_of_a_gap_food_has_its_source():
    from mgcheck.resources import table

    curated = table("gap_foods.csv")
    limited = curated[curated["min_age_years"].notna()]
    assert set(limited["food_id"].astype(str).str.zfill(5)) == NUTS_AND_SEEDS | {DARK_CHOCOLATE}
    assert limited["age_source"].str.len().gt(40).all()


def test_dark_chocolate_already_eaten_is_not_suggested_to_a_toddler(write_log, invoke):
    log = "date,food,amount,unit\n" + "".join(f"2026-11-0{d},dark chocolate,1,oz\n" for d in (2, 3))
    steps = _subject(invoke, write_log(log), "--sex", "F", "--age", "2")["next_steps"]
    assert steps["suggestions"] and DARK_CHOCOLATE not in {s["food_id"] for s in steps["suggestions"]}
    adult = _subject(invoke, write_log(log), "--sex", "F", "--age", "40")["next_steps"]
    assert DARK_CHOCOLATE in {s["food_id"] for s in adult["suggestions"]}


def test_infant_gets_no_food_suggestions(write_log, invoke, clinic_foods):
    path = write_log(_log((10, ""), (10, "")))
    steps = _subject(invoke, path, "--sex", "M", "--age", "0.75", "--foods", clinic_foods)["next_steps"]
    assert steps["suggestions"] == [] and "breast milk or infant formula" in steps["cautions"][0]


def test_infant_terminal_report_offers_no_empty_list_of_portions(write_log, invoke):
    # The terminal said "Portions that would help:" and then listed nothing for an infant.
    path = write_log("date,food,amount,unit\n2026-11-02,whole milk,1,cup\n")
    page = invoke("report", path, "--sex", "M", "--age", "0.75", "-q").stdout
    assert "│ Gap to the AI: 51 mg/day. " in page and "would help" not in page


def test_adult_portions_are_whole(write_log, invoke, clinic_foods):
    path = write_log(_log((100, ""), (100, "")))
    steps = _subject(invoke, path, "--sex", "F", "--age", "40", "--foods", clinic_foods)["next_steps"]
    assert not any("child portion" in s["portion"] for s in steps["suggestions"])
    assert steps["cautions"] == []


def test_kidney_disease_cautions_on_suggested_foods(write_log, invoke, clinic_foods):
    path = write_log(_log((100, ""), (100, "")))
    args = (path, "--sex", "F", "--age", "70", "--condition", "kidney_disease", "--foods", clinic_foods)
    steps = _subject(invoke, *args)["next_steps"]
    assert any(
        c.startswith("Chronic kidney disease: no magnesium supplement without medical supervision")
        for c in steps["cautions"]
    )
    assert any("potassium and phosphorus" in c for c in steps["cautions"])
    assert "potassium and phosphorus" in _flat(invoke("report", *args).stdout)


def test_pregnant_14_year_old_gets_the_under_19_pregnancy_values(write_log, invoke, clinic_foods):
    path = write_log(_log((300, ""), (300, "")))
    # Session 27: the "<=18 y" values are the 14-18 y girls' (+35 mg); a pregnant 13-year-old is refused,
    # naming the ages the values are for, as a pregnant 8-year-old (once given an EAR of 335 mg) is.
    refused = invoke("report", path, "--sex", "F", "--age", "13", "--pregnant", "--foods", clinic_foods)
    assert refused.exit_code == 2
    assert "its pregnancy values are for ages 14-50" in refused.stderr
    subject = _subject(invoke, path, "--sex", "F", "--age", "14", "--pregnant", "--foods", clinic_foods)
    reference = subject["reference"]
    assert (reference["life_stage"], reference["ear_mg"], reference["rda_mg"]) == ("Pregnancy ≤18 y", 335, 400)
    assert subject["adequacy"]["sd_within_mg"] == 86.0  # the age group's value, as for a pregnant 16-year-old
    assert any("advice" not in c and "midwife" in c for c in subject["next_steps"]["cautions"])


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        ("ppi", "Proton-pump inhibitors taken for more than about a year"),
        ("loop_thiazide_diuretics", "Loop and thiazide diuretics increase urinary magnesium loss"),
        ("potassium_sparing_diuretics", "reduce magnesium excretion rather than increase it"),
    ],
)
def test_new_conditions(write_log, invoke, clinic_foods, condition, text):
    path = write_log(_log((300, ""), (300, "")))
    subject = _subject(invoke, path, "--sex", "F", "--age", "60", "--condition", condition, "--foods", clinic_foods)
    assert text in subject["conditions"][0]["caution"]


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        ("bisphosphonates", "at least 2 hours apart"),
        ("tetracyclines", "at least 2 hours before or 4-6 hours after"),
        ("quinolones", "at least 2 hours before or 4-6 hours after"),
    ],
)
def test_interaction_text_only_when_supplements_are_logged(write_log, invoke, clinic_foods, condition, text):
    args = ("--sex", "F", "--age", "60", "--condition", condition, "--foods", clinic_foods)
    with_supplement = write_log(_log((300, "magnesium citrate,100,mg,supplement"), (300, "")))
    (entry,) = _subject(invoke, with_supplement, *args)["conditions"]
    assert text in entry["caution"]
    assert _subject(invoke, write_log(_log((300, ""), (300, ""))), *args)["conditions"] == []


@pytest.mark.parametrize(
    ("standard", "text"), [("iom", "never food or water (IOM 1997)"), ("efsa", "water and fortified foods")]
)
def test_ul_scope_per_standard(write_log, invoke, clinic_foods, standard, text):
    path = write_log(_log((300, "magnesium citrate,100,mg,supplement")))
    subject = _subject(invoke, path, "--sex", "F", "--age", "40", "--standard", standard, "--foods", clinic_foods)
    assert text in subject["upper_limit"]["applies_to"]


def test_reference_cites_publications_not_project_files(invoke, write_log, clinic_foods):
    values = json.loads(invoke("reference", "--sex", "F", "--age", "54", "--json").stdout)
    assert "doi:10.17226/5776" in values["source"] and "science.md" not in values["source"]
    path = write_log(_log((300, ""), (300, "")))
    report = invoke("report", path, "--sex", "M", "--age", "8", "-f", "json", "--foods", clinic_foods).stdout
    assert "science.md" not in report and "seeds/" not in report


@pytest.mark.parametrize("name", ["Mg oxide", "mag oxide", "MG OXIDE"])
def test_a_salt_named_with_mg_or_mag_is_that_magnesium_salt(write_log, invoke, name):
    # Regression (review): 'Mg oxide,400,mg,medicine' was refused as "a medicine whose name gives
    # no magnesium" (ac65b2b), and 'Mg oxide,400,mg salt' as "not a known salt": Mg is the
    # element's symbol and 'mag' its usual short form (Mag-Ox, Mag-Tab).
    from mgcheck import salts

    assert salts.find_salt(name) == salts.find_salt("magnesium oxide")
    path = write_log(f"date,food,amount,unit,kind\n2026-11-02,{name},400,mg salt,medicine\n")
    result = invoke("report", path, "--sex", "F", "--age", "70", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (day,) = report_json(result)["subjects"][0]["days"]
    assert day["medicine_mg"] == pytest.approx(400 * salts.find_salt("magnesium oxide").fraction, abs=0.05)
    elemental = write_log(f"date,food,amount,unit,kind\n2026-11-02,{name},400,mg,medicine\n")
    result = invoke("report", elemental, "--sex", "F", "--age", "70", "-f", "json")
    assert result.exit_code == 0 and "whose name gives no magnesium" not in result.stderr
    assert "labels of medicines state the salt" in " ".join(result.stderr.split())
