"""Clinical judgement through the CLI: IOM adequacy, standards, supplements and the UL, evidence, next steps."""

from __future__ import annotations

import json
import re

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


def _days(*grams: float, food: str = "Test mix", unit: str = "g") -> str:
    rows = [f"2026-11-{day + 2:02d},{food},{amount},{unit}" for day, amount in enumerate(grams)]
    return "date,food,amount,unit\n" + "\n".join(rows) + "\n"


def _flat(text: str) -> str:
    """Terminal text with line wrapping and box edges undone (words joined by single spaces)."""
    return " ".join(text.replace("│", " ").split())


def _subject(invoke, *args):
    return report_json(invoke("report", *args, "--format", "json"))["subjects"][0]


# 1. Adequacy of usual intake (IOM 2000)


def test_iom_worked_example_through_the_cli(write_log, invoke, clinic_foods):
    subject = _subject(invoke, write_log(_days(320, 320, 320)), "--sex", "F", "--age", "40", "--foods", clinic_foods)
    adequacy = subject["adequacy"]
    assert subject["mean_daily_mg"] == 320.0
    assert adequacy["method"] == "IOM 2000 EAR test"
    assert adequacy["sd_within_mg"] == 86.0 and "derived" in adequacy["sd_within_source"]
    assert adequacy["z"] == pytest.approx(55 / 56.28, abs=0.01)
    assert adequacy["probability_adequate"] == pytest.approx(0.836, abs=0.002)
    assert adequacy["conclusion"] == "probably adequate: 84% probability that usual intake is adequate"
    assert adequacy["conclusion_code"] == "probably_adequate"
    assert adequacy["iom_band"] == "IOM table band z > 0.50: 'adequate'"
    assert adequacy["intake_needed_97_5_mg"] == pytest.approx(377.6, abs=0.1)
    assert set(adequacy) >= {"method", "z", "probability_adequate", "conclusion", "sd_within_mg", "sd_within_source"}


def test_one_day_log_is_labelled_with_the_intake_needed(write_log, invoke, clinic_foods):
    subject = _subject(invoke, write_log(_days(300)), "--sex", "F", "--age", "40", "--foods", clinic_foods)
    assert subject["n_days"] == 1
    assert subject["adequacy"]["intake_needed_97_5_mg"] == pytest.approx(445.0, abs=0.5)
    assert any("single day" in note for note in subject["adequacy"]["notes"])


def test_estimated_sd_within_is_said(write_log, invoke, clinic_foods):
    subject = _subject(invoke, write_log(_days(420, 380)), "--sex", "M", "--age", "40", "--foods", clinic_foods)
    assert subject["adequacy"]["sd_within_mg"] == 122.0
    assert subject["adequacy"]["sd_within_status"] == "estimate"
    assert any("estimate" in note for note in subject["adequacy"]["notes"])


def test_below_the_ear_is_judged_inadequate(write_log, invoke, clinic_foods):
    subject = _subject(
        invoke,
        write_log(_days(150, 160, 170, 150, 160, 170, 150)),
        "--sex",
        "F",
        "--age",
        "60",
        "--foods",
        clinic_foods,
    )
    assert subject["adequacy"]["conclusion"].startswith("very likely inadequate")
    assert subject["verdict"].startswith("below the EAR")


def test_infant_gets_the_ai_test_and_failing_it_is_not_inadequacy(write_log, invoke, clinic_foods):
    subject = _subject(invoke, write_log(_days(10, 12)), "--sex", "M", "--age", "0.3", "--foods", clinic_foods)
    assert subject["reference"]["ai_mg"] == 30 and subject["reference"]["ear_mg"] is None
    assert subject["upper_limit"]["ul_mg"] is None
    adequacy = subject["adequacy"]
    assert adequacy["method"] == "IOM 2000 AI test"
    assert not adequacy["conclusion"].startswith("inadequate")
    assert any("does not show inadequacy" in note for note in adequacy["notes"])


# 2. Standards


def test_efsa_standard(write_log, invoke, clinic_foods):
    subject = _subject(
        invoke, write_log(_days(320, 330)), "--sex", "F", "--age", "40", "--standard", "efsa", "--foods", clinic_foods
    )
    assert subject["reference"] == {
        **subject["reference"],
        "standard": "EFSA 2015",
        "ai_mg": 300,
        "ear_mg": None,
        "ul_supplement_mg": 250,
    }
    assert subject["adequacy"]["method"] == "IOM 2000 AI test"


@pytest.mark.parametrize(
    ("args", "heading", "marks"),
    [
        (("--sex", "F", "--age", "40", "--standard", "efsa"), "vs AI (A)", {"A"}),
        (("--sex", "M", "--age", "0.75"), "vs AI (A)", {"A"}),
        (("--sex", "F", "--age", "40"), "vs EAR (E) and RDA (R)", {"E", "R"}),
    ],
)
def test_day_table_names_only_the_values_the_standard_gives(write_log, invoke, clinic_foods, args, heading, marks):
    """Regression: the EFSA 2015 day table was headed "EAR (E)"; EFSA gives an Adequate Intake, no EAR."""
    text = invoke("report", write_log(_days(100, 600)), *args, "--foods", clinic_foods, "-q").stdout
    (head,) = [line for line in text.splitlines() if line.strip().startswith("Date")]
    assert head.split("Intake", 1)[1].strip() == heading
    days = [line for line in text.splitlines() if line.strip().startswith("2026-11-")]
    assert len(days) == 2 and {mark for line in days for mark in line if mark.isalpha()} == marks


def test_the_upper_limit_is_worded_in_the_standards_own_terms(write_log, invoke, clinic_foods):
    """Regression: EFSA reports and tables said the UL covers "supplements and medicines only", the IOM's
    scope; the EU/SCF limit covers readily dissociable salts in supplements, water and fortified foods."""
    log = write_log(_days(300, 300))
    efsa = _flat(
        invoke("report", log, "--sex", "F", "--age", "40", "--standard", "efsa", "--foods", clinic_foods).stdout
    )
    iom = _flat(invoke("report", log, "--sex", "F", "--age", "40", "--foods", clinic_foods).stdout)
    assert "Upper limit 250 mg/day: readily dissociable magnesium salts in supplements, water and fortified" in efsa
    assert "medicines only" not in efsa
    assert "Upper limit 350 mg/day: supplements and medicines (antacids, laxatives) only; never food" in iom
    table = _flat(invoke("reference", "--all", "--standard", "efsa").stdout)
    assert table.startswith("Reference intakes (efsa), mg/day; UL: readily dissociable magnesium salts")
    assert "medicines only" not in table
    assert "UL: supplements and medicines (antacids, laxatives) only" in _flat(invoke("reference", "--all").stdout)


def test_reference_command(invoke):
    result = invoke("reference", "--sex", "F", "--age", "54", "--json")
    values = json.loads(result.stdout)
    assert (values["ear_mg"], values["rda_mg"], values["ul_supplement_mg"], values["life_stage"]) == (
        265,
        320,
        350,
        "Females 51-70 y",
    )
    pregnant = json.loads(invoke("reference", "--sex", "F", "--age", "32", "--pregnant", "--json").stdout)
    assert (pregnant["ear_mg"], pregnant["rda_mg"]) == (300, 360)
    efsa = json.loads(invoke("reference", "--sex", "M", "--age", "40", "--standard", "efsa", "--json").stdout)
    assert (efsa["ai_mg"], efsa["ul_supplement_mg"]) == (350, 250)
    assert invoke("reference", "--sex", "F").exit_code == 2


def test_reference_all_and_salts(invoke):
    whole = json.loads(invoke("reference", "--all", "--json").stdout)
    assert len(whole) == 21 and {row["life_stage"] for row in whole} >= {
        "Infants 0-6 mo",
        "Pregnancy ≤18 y",
        "Lactation 31-50 y",
    }
    assert len(json.loads(invoke("reference", "--all", "--standard", "efsa", "--json").stdout)) == 12
    salts = json.loads(invoke("reference", "--salts", "--json").stdout)
    assert {row["salt"]: row["elemental_fraction"] for row in salts}["magnesium oxide"] == 0.603
    text = invoke("reference", "--all").stdout
    assert "Females 31-50 y" in text and "Source:" in text


# 3. Supplements, medicines and the upper limit


def test_food_never_triggers_the_ul(write_log, invoke):
    # 1.5 cups of dried pumpkin seeds: 1.5 x 129 g x 5.92 mg/g = 1,145.5 mg from food.
    subject = _subject(invoke, write_log(_days(1.5, food="12014", unit="cup")), "--sex", "M", "--age", "40")
    assert subject["days"][0]["food_mg"] == pytest.approx(1145.5, abs=0.1)
    assert subject["upper_limit"]["exceeded"] is False
    assert "supplements_above_ul" not in subject["situations"]


def test_supplements_above_the_ul(write_log, invoke):
    log = "date,food,amount,unit,kind\n2026-11-02,magnesium citrate,400,mg,supplement\n2026-11-03,magnesium citrate,400,mg,supplement\n"
    subject = _subject(invoke, write_log(log), "--sex", "F", "--age", "40")
    assert subject["upper_limit"] == {
        **subject["upper_limit"],
        "ul_mg": 350,
        "mean_supplement_mg": 400.0,
        "exceeded": True,
    }
    assert "supplements_above_ul" in subject["situations"]
    text = invoke("report", write_log(log), "--sex", "F", "--age", "40").stdout
    assert "ABOVE the UL of 350 mg on 2 day(s)" in text


def test_two_year_old_ul_is_65(write_log, invoke):
    log = "date,food,amount,unit,kind\n2026-11-02,magnesium citrate,70,mg,supplement\n"
    subject = _subject(invoke, write_log(log), "--sex", "F", "--age", "2")
    assert subject["upper_limit"]["ul_mg"] == 65 and subject["upper_limit"]["exceeded"] is True


def test_medicines_count_together_and_alone(write_log, invoke):
    log = (
        "date,food,amount,unit,kind\n"
        "2026-11-02,milk of magnesia,200,mg,medicine\n"
        "2026-11-02,magnesium oxide,300,mg salt,supplement\n"
        "2026-11-02,banana,1,medium,food\n"
    )
    subject = _subject(invoke, write_log(log), "--sex", "M", "--age", "40")
    day = subject["days"][0]
    # Additive parts: supplements and medicines apart; intake (what adequacy judges) leaves medicines out.
    assert (day["food_mg"], day["supplement_mg"], day["medicine_mg"]) == (31.9, 180.9, 200.0)
    assert (day["intake_mg"], day["total_mg"]) == (212.8, 412.8)
    limit = subject["upper_limit"]
    assert (limit["mean_supplements_alone_mg"], limit["mean_medicines_alone_mg"], limit["exceeded"]) == (
        180.9,
        200.0,
        True,
    )
    oxide = next(item for item in subject["items"] if item["food"] == "magnesium oxide")
    assert oxide["mg"] == 180.9 and "60.30% Mg" in oxide["basis"]


def test_salt_mass_without_a_named_salt_is_an_error(write_log, invoke):
    path = write_log("date,food,amount,unit,kind\n2026-11-02,my magnesium pill,500,mg salt,supplement\n")
    result = invoke("report", path, "--sex", "M", "--age", "40")
    assert result.exit_code == 1 and result.stdout == ""
    assert "row 1: unit 'mg salt' needs the salt named" in result.stderr


def test_supplement_in_a_food_unit_is_an_error(write_log, invoke):
    result = invoke(
        "report",
        write_log("date,food,amount,unit,kind\n2026-11-02,magnesium,2,tablet,supplement\n"),
        "--sex",
        "M",
        "--age",
        "40",
    )
    assert result.exit_code == 1 and "cannot be used for a supplement" in result.stderr


@pytest.mark.parametrize(
    "log",
    [
        "date,food,amount,unit,kind\n2026-11-02,magnesium glycinate,500,mg salt,supplement\n",  # regression: crashed
        "date,food,amount,unit\n2026-11-02,zzqx,1,cup\n",  # regression: every food unmatched crashed
    ],
)
def test_logs_without_matched_food_are_assessed(write_log, invoke, log):
    subject = _subject(invoke, write_log(log), "--sex", "M", "--age", "40")
    assert subject["days"][0]["food_mg"] == 0.0
    assert subject["top_sources"] == []


# 4. Evidence that fits the person


def test_evidence_command_lists_findings_and_dois(invoke):
    listed = invoke("evidence", "--json")
    findings = json.loads(listed.stdout)
    assert len(findings) >= 12 and all(f["doi"] and f["design"] for f in findings)
    dois = invoke("evidence", "--doi").stdout.split()
    assert dois and all(re.fullmatch(r"10\.\d{4,9}/\S+", doi) for doi in dois)
    assert "10.3945/ajcn.113.067488" in dois and len(dois) == len(set(dois))


def test_findings_state_associations_not_causes():
    from mgcheck.evidence import all_findings

    causal = re.compile(r"\b(causes?|caused|prevents?|leads? to|protects?|reduces? the risk)\b", re.IGNORECASE)
    for finding in all_findings():
        if finding["design"] != "review":
            assert not causal.search(str(finding["finding"])), finding["id"]
    unconfirmed = {f["id"] for f in all_findings() if f["status"] == "unconfirmed"}
    # Groenendijk 2022 is confirmed by science.md's corrections; Ryder 2005's DOI is still unconfirmed.
    assert unconfirmed == {"ryder2005"}


def _evidence_ids(subject):
    return {entry["id"] for entry in subject["evidence"]}


@pytest.mark.slow
def test_evidence_fits_the_person(write_log, invoke, clinic_foods):
    low = write_log(_days(150, 160, 170))
    older_woman = _evidence_ids(_subject(invoke, low, "--sex", "F", "--age", "66", "--foods", clinic_foods))
    assert {"orchard2014_bmd", "groenendijk2022"} <= older_woman and "carpenter2006" not in older_woman
    assert "tucker1999" not in older_woman  # Framingham's elderly cohort starts at 69
    girl = _evidence_ids(_subject(invoke, low, "--sex", "F", "--age", "12", "--foods", clinic_foods))
    assert "carpenter2006" in girl and "orchard2014_bmd" not in girl
    man = _evidence_ids(_subject(invoke, low, "--sex", "M", "--age", "40", "--foods", clinic_foods))
    assert "orchard2014_bmd" not in man and "kunutsor2017_serum" not in man
    serum = _evidence_ids(
        _subject(invoke, low, "--sex", "M", "--age", "50", "--serum-mg", "0.68", "--foods", clinic_foods)
    )
    assert {"kunutsor2017_serum", "dominguez2023"} <= serum


def test_terminal_evidence_names_design_and_doi(write_log, invoke, clinic_foods):
    text = invoke("report", write_log(_days(150, 160)), "--sex", "F", "--age", "66", "--foods", clinic_foods).stdout
    text = " ".join(text.replace("│", " ").split())
    assert (
        "Orchard TS, et al. (2014)" in text
        and "cross-sectional (within a cohort); population: Postmenopausal" in text
        and "doi:10.3945/ajcn.113.067488" in text
    )
    assert "associations, not that magnesium intake causes" in text


# 5. What a clinician does next


def test_gap_and_foods_that_close_it(write_log, invoke):
    subject = _subject(invoke, write_log(_days(1, 1, food="banana", unit="medium")), "--sex", "F", "--age", "40")
    steps = subject["next_steps"]
    assert steps["gap_mg"] == pytest.approx(320 - 31.9, abs=0.1) and steps["target"] == "RDA"
    suggestions = steps["suggestions"]
    assert 3 <= len(suggestions) <= 5
    pumpkin = next(s for s in suggestions if s["food_id"] == "12016")
    assert pumpkin["portion"].startswith("1 oz") and pumpkin["mg"] == 155.9
    assert all(s["mg"] > 0 for s in suggestions)


def test_foods_already_eaten_come_first(write_log, invoke):
    subject = _subject(invoke, write_log(_days(0.5, food="black beans", unit="cup")), "--sex", "F", "--age", "40")
    first = subject["next_steps"]["suggestions"][0]
    assert first["already_eaten"] is True and first["food_id"] == "16015"


def test_calcium_ratio_and_density_from_the_table(write_log, invoke):
    subject = _subject(invoke, write_log(_days(100, food="banana")), "--sex", "F", "--age", "40")
    steps = subject["next_steps"]
    assert steps["calcium_to_magnesium_ratio"] == pytest.approx(5 / 27, abs=0.01)  # SR28 banana: Ca 5, Mg 27, 89 kcal
    assert steps["mg_per_1000_kcal"] == pytest.approx(27 / 89 * 1000, abs=0.1)
    assert steps["ratio_context"] and steps["density_context"]


@pytest.mark.parametrize(
    ("given", "mmol", "reading"),
    [
        ("0.68", 0.68, "low: below the IOM range"),
        ("1.7 mg/dL", 0.699, "low: below the IOM range"),
        ("0.85 mmol/L", 0.85, "within the IOM range"),
        ("1.10 mmol/L", 1.10, "above the reference range"),
        ("1.7 mEq/L", 0.85, "within the IOM range"),
    ],
)
def test_serum_value(write_log, invoke, clinic_foods, given, mmol, reading):
    subject = _subject(
        invoke, write_log(_days(300)), "--sex", "F", "--age", "40", "--serum-mg", given, "--foods", clinic_foods
    )
    assert subject["serum"]["mmol_l"] == pytest.approx(mmol, abs=0.001)
    assert subject["serum"]["reading"].startswith(reading)
    assert "not the same as body magnesium status" in subject["serum"]["note"]


def test_bad_serum_and_condition_are_usage_errors(write_log, invoke):
    path = write_log(_days(1, food="banana", unit="medium"))
    assert invoke("report", path, "--sex", "F", "--age", "40", "--serum-mg", "low").exit_code == 2
    result = invoke("report", path, "--sex", "F", "--age", "40", "--condition", "gout")
    assert result.exit_code == 2 and "gout" in result.stderr


def test_kidney_disease_warns_against_supplements_and_cites_mineralization(write_log, invoke, clinic_foods):
    subject = _subject(
        invoke,
        write_log(_days(150)),
        "--sex",
        "F",
        "--age",
        "70",
        "--condition",
        "kidney_disease",
        "--foods",
        clinic_foods,
    )
    (condition,) = subject["conditions"]
    assert condition["condition"] == "kidney_disease"
    assert "supervision" in condition["caution"] and "mineralization" in condition["caution"]
    assert "castiglioni2013" in _evidence_ids(subject)


def test_ul_is_a_daily_limit_not_a_weekly_mean(write_log, invoke):
    """Regression: 500 mg on 2 of 7 days (mean 143 mg) was reported as within the 350 mg UL."""
    rows = "".join(f"2026-11-0{day},banana,1,medium,food\n" for day in range(1, 8))
    rows += "2026-11-02,magnesium citrate,500,mg,supplement\n2026-11-05,magnesium citrate,500,mg,supplement\n"
    subject = _subject(invoke, write_log("date,food,amount,unit,kind\n" + rows), "--sex", "F", "--age", "40")
    limit = subject["upper_limit"]
    assert limit["mean_supplement_mg"] == pytest.approx(1000 / 7, abs=0.1)
    assert (limit["exceeded"], limit["days_over_ul"]) == (True, 2)
    assert "supplements_above_ul" in subject["situations"]


@pytest.mark.slow
def test_gap_suggestions_use_the_clinic_food_table(write_log, invoke, tmp_path):
    """Regression: with --foods overriding almonds at 100 mg/100 g, a suggestion still used SR28's 270."""
    foods = tmp_path / "clinic.csv"
    foods.write_text("food_id,name,mg_per_100g\n12061,Clinic almonds,100\n")
    log = write_log("date,food,amount,unit\n2026-11-02,12061,40,g\n")
    subject = _subject(invoke, log, "--sex", "F", "--age", "40", "--foods", foods)
    assert subject["items"][0]["mg"] == 40.0
    almonds = next(s for s in subject["next_steps"]["suggestions"] if s["food_id"] == "12061")
    assert almonds["already_eaten"] and almonds["mg"] == 40.0 and almonds["food_name"] == "Clinic almonds"


def test_bare_serum_value_that_could_be_mg_dl_needs_its_unit(write_log, invoke):
    """Regression: '--serum-mg 1.9' (normal in mg/dL) was read as 1.9 mmol/L, far above the range."""
    path = write_log(_days(1, food="banana", unit="medium"))
    result = invoke("report", path, "--sex", "F", "--age", "40", "--serum-mg", "1.9")
    assert result.exit_code == 2 and "could be mmol/L, mg/dL or mEq/L" in result.stderr
    subject = _subject(invoke, path, "--sex", "F", "--age", "40", "--serum-mg", "1.9 mg/dL")
    assert subject["serum"]["reading"].startswith("within")


def test_judgement_is_withheld_when_much_of_the_log_is_unmatched(write_log, invoke):
    """Regression: 2 of 3 items unmatched gave 'inadequate (98% confidence)' and --check exit 3."""
    log = write_log(
        "date,food,amount,unit\n2026-11-02,zzqx stew,1,g\n2026-11-02,qqxz pie,1,g\n2026-11-03,banana,1,medium\n"
    )
    result = invoke("report", log, "--sex", "F", "--age", "40", "-f", "json", "--check")
    assert result.exit_code == 0
    adequacy = json.loads(result.stdout)["subjects"][0]["adequacy"]
    assert adequacy["conclusion"].startswith("not judged: 67% of food items are unmatched")
    assert adequacy["z"] is None and adequacy["probability_adequate"] is None
    assert "usual intake not judged" in result.stderr


def test_a_day_with_no_matched_food_withholds_the_judgement(write_log, invoke):
    rows = "".join(f"2026-11-0{day},banana,2,medium\n" for day in range(1, 7)) + "2026-11-07,zzqx stew,1,g\n"
    subject = _subject(invoke, write_log("date,food,amount,unit\n" + rows), "--sex", "F", "--age", "40")
    assert subject["adequacy"]["conclusion"].startswith("not judged: 1 day(s) have no matched food")


def test_every_evidence_tag_is_in_the_vocabulary_the_selection_uses():
    from mgcheck.evidence import TAGS, all_findings

    used = {tag for finding in all_findings() for tag in str(finding["applies_to"]).split("|")}
    assert used <= set(TAGS), used - set(TAGS)


@pytest.mark.parametrize(
    ("amount", "unit", "written", "shown"),
    [
        (1.0, "handful", "handful of almonds", "1 handful of almonds"),
        (2.0, "glass", "a glass of red wine", "2 glasses of red wine"),  # a unit of more than one, plural
        (2.0, "handful", "handfuls of peanuts", "2 handfuls of peanuts"),
        (1.5, "cup", "brown rice", "1.5 cups brown rice"),
        (2.0, "slice", "whole wheat bread", "2 slices whole wheat bread"),  # was '2 slice' on a handout
        (0.5, "cup", "spinach, boiled", "0.5 cup spinach, boiled"),
        (2.0, "oz", "almonds", "2 oz almonds"),
        # A review (session 24): '1 cups' for 1.005 cups, '2 wholes banana', a doubled 'leaves leaves'.
        (1.005, "cup", "brown rice", "1 cup brown rice"),
        (2.0, "whole", "banana", "2 whole banana"),
        (2.0, "each", "banana", "2 each banana"),
        (2.0, "leaf", "leaves of kale", "2 leaves of kale"),
        (1.0, "", "salmon fillet", "1 salmon fillet"),
        (1.0, "cup", "cupcake", "1 cup cupcake"),  # a word that only starts like the unit stays
    ],
)
def test_a_food_already_eaten_is_offered_in_the_logs_words_without_its_unit_twice(amount, unit, written, shown):
    """Regression: 'handful of almonds, 1, handful' was suggested as '1 handful handful of almonds'."""
    from mgcheck.report import eaten_portion

    assert eaten_portion(amount, unit, written) == shown


def test_a_handful_of_almonds_already_eaten_is_suggested_once_as_a_handful(write_log, invoke):
    log = write_log("date,food,amount,unit\n2026-11-02,handful of almonds,1,handful\n2026-11-02,banana,1,medium\n")
    subject = _subject(invoke, log, "--sex", "F", "--age", "62")
    almonds = next(s for s in subject["next_steps"]["suggestions"] if s["food_id"] == "12061")
    assert almonds["already_eaten"] and almonds["portion"] == "1 handful of almonds"


@given(
    amount=st.floats(min_value=0.01, max_value=50, allow_nan=False),
    unit=st.sampled_from(["slice", "cup", "oz", "medium", "half", "glass", "patty", "tbsp"]),
)
def test_a_counted_unit_is_singular_up_to_one_and_names_the_same_unit(amount: float, unit: str) -> None:
    from mgcheck.text import counted_unit, singular

    shown = counted_unit(amount, unit)
    assert shown == unit if amount <= 1 else singular(shown) == unit
