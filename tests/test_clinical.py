"""Issue 9: clinically sound sentences: medicines apart from diet, serum units, honest confidence."""

from __future__ import annotations

import json

import pytest
from conftest import report_json

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
    assert serum["reading"].startswith("low: below the IOM range (0.75-0.95 mmol/L) and below the 0.70 mmol/L")
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
    assert "below the 0.85 mmol/L that Costello et al. (2016) propose" in serum["reading"]


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
    assert sensitivity["holds"] is False and sensitivity["conclusion_code"] == "probably_adequate"
    assert sensitivity["text"].endswith("the conclusion changes, so it is not robust.")


def test_validity_check_flags_a_high_day_to_day_cv(write_log, invoke, clinic_foods):
    # Mean 120 mg for a woman (SD within 86 mg): CV 72%, above the 60-70% the method tolerates.
    path = write_log(_log((20, ""), (220, ""), (120, "")))
    adequacy = _subject(invoke, path, "--sex", "F", "--age", "40", "--foods", clinic_foods)["adequacy"]
    assert adequacy["validity"]["reliable"] is False
    assert adequacy["validity"]["cv_within"] == 0.72 and adequacy["validity"]["observed_cv"] == 0.83
    assert any("coefficient of variation above 60-70%" in note for note in adequacy["notes"])


def test_no_verdict_z_or_needed_intake_over_a_withheld_judgement(write_log, invoke):
    """Regression: 'Verdict: at or above the RDA' was printed above 'usual intake not judged'."""
    rows = "date,food,amount,unit\n2026-11-02,zzqx stew,1,g\n2026-11-02,qqxz pie,1,g\n2026-11-03,pumpkin seeds,1,cup\n"
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
    # Infant 0-6 mo: AI 30 mg, SD within 10 mg; 4 days at 40 mg: z = 10 / 5 = 2, P = 97.7%.
    path = write_log(_log(*[(40, "")] * 4))
    adequacy = _subject(invoke, path, "--sex", "M", "--age", "0.3", "--foods", clinic_foods)["adequacy"]
    assert adequacy["conclusion"] == "usual intake above the AI (98%): likely adequate"
    assert adequacy["probability_adequate"] is None and adequacy["probability_above_ai"] == pytest.approx(
        0.977, abs=0.001
    )
