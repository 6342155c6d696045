"""Session 27 fixes from two user trials: population rows that moved with `--by`, the infant age boundary,
pregnancy outside its ages, population CIs in mg, the sensitivity wording, and the patient handout."""

from __future__ import annotations

import json
import random
from typing import Any

import pandas as pd
import pytest

import mgcheck

# ---------------------------------------------------------------- population: rows independent of --by


def _study(subjects: int = 24, seed: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A study of adults in two life stages (women 31-50, men 31-50), an arm column, 2-3 days each of
    cooked spinach and oatmeal in amounts that differ from day to day and from person to person."""
    rng = random.Random(seed)
    rows, profiles = [], []
    for i in range(subjects):
        subject = f"s{i:02d}"
        profiles.append({"subject": subject, "sex": "F" if i % 2 else "M", "age": 35 + i % 10, "arm": "AB"[i % 3 == 0]})
        level = rng.uniform(60, 220)
        for day in range(1, 2 + (i % 3 != 0) + 1):
            rows.append(
                {
                    "subject": subject,
                    "date": f"2026-01-0{day}",
                    "food": "cooked spinach",
                    "amount": round(level * rng.uniform(0.5, 1.5)),
                    "unit": "g",
                }
            )
            rows.append({"subject": subject, "date": f"2026-01-0{day}", "food": "oatmeal", "amount": 1, "unit": "cup"})
    return pd.DataFrame(rows), pd.DataFrame(profiles)


def _rows(result: Any) -> dict[str, Any]:
    return {group.group: group.to_dict() for group in result.groups}


@pytest.mark.parametrize("by", ["sex", "arm"])
def test_life_stage_and_all_subjects_rows_do_not_move_with_by(by: str) -> None:
    """Trial 1 #2: the same 40 people's 'all subjects' row read 309.1 mg and 40% without --by, 310.4 and
    35% with --by conditions: each life stage x level was the estimation group of every row."""
    log, profiles = _study()
    assessment = mgcheck.assess_logs(log, profiles=profiles)
    plain = _rows(mgcheck.population(assessment, bootstrap=30, seed=4))
    split = _rows(mgcheck.population(assessment, by=by, bootstrap=30, seed=4))
    assert list(plain) == ["Males 31-50 y", "Females 31-50 y", "all subjects"]
    for name, row in plain.items():
        assert split[name] == row  # every figure, the intervals and the flags included
    # The levels are estimated within their own life stage x level, and named as such.
    cells = [name for name, row in split.items() if row["kind"] == "life stage by level"]
    assert cells and all(" | " in name for name in cells)
    assert {row["kind"] for row in split.values()} == {"life stage", "life stage by level", "by", "overall"}


def test_a_cell_that_is_a_whole_life_stage_says_its_share_is_pooled_over_the_cells() -> None:
    log, profiles = _study()
    result = _rows(mgcheck.population(mgcheck.assess_logs(log, profiles=profiles), by="sex"))
    assert any(
        "pooled over the life stage x level groups with repeat days" in flag
        for flag in result["Females 31-50 y | female"]["flags"]
    )
    assert any("pooled over the groups with repeat days" in flag for flag in result["Females 31-50 y"]["flags"])


# ---------------------------------------------------------------- population: CI in mg, profiles kept


def test_population_mean_interval_is_in_mg_to_one_decimal() -> None:
    """Trial 1 #15: mean_ci_low 290.515, mean_ci_high 338.7498 (every mg figure has one decimal)."""
    log, profiles = _study()
    result = mgcheck.population(mgcheck.assess_logs(log, profiles=profiles), bootstrap=30, seed=3)
    overall = _rows(result)["all subjects"]
    low, high = overall["mean_ci"]
    assert (low, high) == (round(low, 1), round(high, 1))
    raw = result.groups[-1].mean_ci
    assert raw is not None and (low, high) == (round(raw.low, 1), round(raw.high, 1))
    assert raw.low != round(raw.low, 1)  # the raw bound has more digits: the rounding is what is tested
    share = overall["prevalence_ci"]
    assert share is not None and all(value == round(value, 4) for value in share)


def test_population_reads_by_from_the_profiles_the_assessment_was_read_with() -> None:
    """Trial 1 #18: population(assessment, by='conditions') failed unless profiles= was given again."""
    log, profiles = _study()
    assessment = mgcheck.assess_logs(log, profiles=profiles)
    again = _rows(mgcheck.population(assessment, by="arm", profiles=profiles))
    once = _rows(mgcheck.population(assessment, by="arm"))
    assert once == again
    assert once["arm = A"]["n_subjects"] == 16 and once["arm = B"]["n_subjects"] == 8


# ---------------------------------------------------------------- infant ages in completed months


@pytest.mark.parametrize(
    ("age", "standard", "life_stage", "ai"),
    [
        (0.0, "iom", "Infants 0-6 mo", 30),
        (0.5, "iom", "Infants 0-6 mo", 30),  # six months: 0-6 mo
        (0.55, "iom", "Infants 0-6 mo", 30),
        (0.58, "iom", "Infants 0-6 mo", 30),  # 6.96 months: still 6 completed
        (7 / 12, "iom", "Infants 7-12 mo", 75),
        (0.5833, "iom", "Infants 7-12 mo", 75),  # 7/12 written to four places
        (0.99, "iom", "Infants 7-12 mo", 75),
        (1.0, "iom", "Children 1-3 y", None),
        (7 / 12, "efsa", "Infants 7-11 mo", 80),
        (0.75, "efsa", "Infants 7-11 mo", 80),
    ],
)
def test_infant_ages_are_read_in_completed_months(age: float, standard: str, life_stage: str, ai: int | None) -> None:
    """Trial 1 #5: --age 0.5 (six months) to 0.58 got the 7-12-month AI of 75 mg instead of 30."""
    from mgcheck.reference import lookup, make_profile

    reference = lookup(make_profile("F", age), standard)
    assert (reference.life_stage, reference.ai_mg) == (life_stage, ai)


@pytest.mark.parametrize("age", ["0.4", "0.5", "0.55", "0.58"])
def test_efsa_sets_no_value_before_seven_months(invoke: Any, age: str) -> None:
    result = invoke("reference", "--sex", "F", "--age", age, "--standard", "efsa")
    assert result.exit_code == 2
    months = {"0.4": 4, "0.5": 6, "0.55": 6, "0.58": 6}[age]
    assert result.stderr == (
        f"mgcheck: error: EFSA 2015 sets no magnesium reference for female at age {age} ({months} completed months)\n"
    )


def test_the_table_shows_the_infant_bands_in_twelfths(invoke: Any) -> None:
    shown = invoke("reference", "--all").stdout
    assert "Infants 0-6 mo     any     0-7/12" in shown
    assert "Infants 7-12 mo    any     7/12-1" in shown


# ---------------------------------------------------------------- pregnancy and lactation outside their ages


@pytest.mark.parametrize(
    ("state", "standard", "age", "covered"),
    [
        ("--pregnant", "iom", "8", "pregnancy values are for ages 14-50"),
        ("--lactating", "iom", "13", "lactation values are for ages 14-50"),
        ("--pregnant", "iom", "55", "pregnancy values are for ages 14-50"),
        ("--pregnant", "efsa", "8", "pregnancy values are for ages 10 and over"),
    ],
)
def test_pregnancy_outside_the_tables_ages_is_refused(
    invoke: Any, state: str, standard: str, age: str, covered: str
) -> None:
    """Trial 1 #12: a pregnant 8-year-old took the 'Pregnancy <=18 y' EAR of 335 mg (her own is 110)."""
    result = invoke("reference", "--sex", "F", "--age", age, state, "--standard", standard)
    assert result.exit_code == 2
    label = {"iom": "IOM 1997", "efsa": "EFSA 2015"}[standard]
    what = state.strip("-").replace("pregnant", "pregnancy").replace("lactating", "lactation")
    assert (
        result.stderr == f"mgcheck: error: {label} sets no magnesium reference for {what} at age {age}: its {covered}\n"
    )


def test_a_pregnant_child_in_a_profiles_file_is_a_data_error(invoke: Any, write_log: Any) -> None:
    log = write_log("subject,date,food,amount,unit\nA,2026-11-02,banana,1,medium\n")
    profiles = write_log("subject,sex,age,pregnant\nA,F,8,yes\n", "profiles.csv")
    result = invoke("summary", log, "--profiles", profiles, "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        f"mgcheck: error: {profiles}, row 1: subject A: IOM 1997 sets no magnesium reference for pregnancy at "
        "age 8: its pregnancy values are for ages 14-50\n"
    )
    fourteen = json.loads(invoke("reference", "--sex", "F", "--age", "14", "--pregnant", "--json").stdout)
    assert (fourteen["life_stage"], fourteen["ear_mg"]) == ("Pregnancy ≤18 y", 335)


# ---------------------------------------------------------------- the sensitivity line's wording

TEST_FOOD = "food_id,name,mg_per_100g,kcal_per_100g,calcium_mg_per_100g\nT1,Test mix,100,200,50\n"


def _sensitivity(invoke: Any, write_log: Any, grams: list[int]) -> dict[str, Any]:
    foods = write_log(TEST_FOOD, "clinic_foods.csv")
    rows = "".join(f"2026-11-{day + 2:02d},Test mix,{g},g\n" for day, g in enumerate(grams))
    log = write_log("date,food,amount,unit\n" + rows)
    result = invoke("report", log, "--sex", "F", "--age", "40", "--foods", foods, "-f", "json", "-q")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["subjects"][0]["adequacy"]  # type: ignore[no-any-return]


def test_a_move_within_inadequate_is_not_called_not_robust(invoke: Any, write_log: Any) -> None:
    """Trial 2 #14: 'very likely inadequate: 4%' and, with the SD 25% larger, 7% (probably inadequate)
    read 'the conclusion changes, so it is not robust', which a clinician takes as 'might be adequate'."""
    # 4 days at 176 mg, EAR 265: z = -89 / 50.5 = -1.76; with SD 107.5: -89 / 59.9 = -1.49.
    adequacy = _sensitivity(invoke, write_log, [176] * 4)
    assert adequacy["conclusion_code"] == "very_likely_inadequate"
    sensitivity = adequacy["sensitivity"]
    assert (sensitivity["conclusion_code"], sensitivity["holds"]) == ("probably_inadequate", True)
    assert sensitivity["text"] == (
        "With SD within 25% larger (108 mg): 7% probability that usual intake is adequate; still inadequate "
        "(probably rather than very likely): the certainty changes, the direction holds."
    )


def test_a_change_of_direction_is_not_robust(invoke: Any, write_log: Any) -> None:
    # 1 day at 211 mg: z = -54 / 90.0 = -0.60 (probably inadequate); with SD 107.5: -54 / 110.7 = -0.49.
    sensitivity = _sensitivity(invoke, write_log, [211])["sensitivity"]
    assert (sensitivity["conclusion_code"], sensitivity["holds"]) == ("undetermined", False)
    assert sensitivity["text"].endswith("the conclusion changes from inadequate to undetermined, so it is not robust.")


def test_sensitivity_reading_compares_directions() -> None:
    from mgcheck.adequacy import Conclusion, sensitivity_reading

    assert sensitivity_reading(Conclusion.PROBABLY_ADEQUATE, Conclusion.PROBABLY_ADEQUATE) == (
        True,
        "the conclusion holds.",
    )
    assert sensitivity_reading(Conclusion.PROBABLY_ADEQUATE, Conclusion.UNDETERMINED)[0] is False
    assert sensitivity_reading(Conclusion.ABOVE_AI, Conclusion.AI_UNDETERMINED) == (
        False,
        "the conclusion changes from adequate to undetermined, so it is not robust.",
    )


# ---------------------------------------------------------------- the patient handout


def _handout(invoke: Any, write_log: Any, rows: str, *args: str) -> str:
    log = write_log("date,food,amount,unit,kind\n" + rows)
    result = invoke("report", log, *args, "-f", "html", "-q")
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def _first_page(page: str) -> str:
    """The handout up to its bone section (what the patient reads first)."""
    return page[: page.index("<h2>Magnesium and your bones</h2>")]


ANTACID_DAYS = "".join(
    f"2026-11-0{day},oatmeal,1,cup,food\n2026-11-0{day},banana,1,medium,food\n"
    f"2026-11-0{day},magnesium carbonate,160,mg salt,medicine\n"
    for day in (2, 3)
)


@pytest.mark.parametrize("condition", ["bisphosphonates", "tetracyclines", "quinolones"])
def test_the_handout_carries_the_timing_of_a_medicine_against_magnesium(
    invoke: Any, write_log: Any, condition: str
) -> None:
    """Trial 2 #11: the terminal report's 'take them at least 2 hours apart' (bisphosphonate and antacid) was
    missing from the handout, though the patient is the one who separates the doses."""
    from mgcheck.render import html

    page = _handout(invoke, write_log, ANTACID_DAYS, "--sex", "F", "--age", "72", "--condition", condition)
    key = f"condition_{condition}"
    assert f'<p data-key="{key}"><strong>{html._e(html.handout_text(key))}</strong></p>' in _first_page(page)
    assert ("2 hours apart" if condition == "bisphosphonates" else "4 to 6 hours after") in html.handout_text(key)
    # As in the clinician's report, only with magnesium pills or medicines logged.
    food_only = ANTACID_DAYS.replace("2026-11-02,magnesium carbonate,160,mg salt,medicine\n", "").replace(
        "2026-11-03,magnesium carbonate,160,mg salt,medicine\n", ""
    )
    assert f'data-key="{key}"' not in _handout(
        invoke, write_log, food_only, "--sex", "F", "--age", "72", "--condition", condition
    )


def test_the_handout_shows_a_low_serum_value_and_a_long_term_ppi(invoke: Any, write_log: Any) -> None:
    """Trial 2 #19: 1.5 mg/dL (0.617 mmol/L) in a man on a proton-pump inhibitor was on the clinician's
    report only, while a high value is on the handout."""
    from mgcheck.render import html

    rows = "".join(f"2026-11-0{day},oatmeal,1,cup,food\n2026-11-0{day},banana,1,medium,food\n" for day in (2, 3))
    page = _handout(
        invoke, write_log, rows, "--sex", "M", "--age", "66", "--condition", "ppi", "--serum-mg", "1.5 mg/dL"
    )
    first = _first_page(page)
    assert (
        '<p data-key="serum_low"><strong>Your blood magnesium: 1.5 mg/dL = 0.617 mmol/L.</strong> '
        f"{html._e(html.handout_text('serum_low'))}</p>"
    ) in first
    assert "talk to your doctor" in html.handout_text("serum_low")
    assert f'<p data-key="condition_ppi"><strong>{html._e(html.handout_text("condition_ppi"))}</strong></p>' in first
    # 0.72 mmol/L: below the IOM range, within the laboratories'; 0.80: nothing to say.
    edge = _handout(invoke, write_log, rows, "--sex", "M", "--age", "66", "--serum-mg", "0.72 mmol/L")
    assert 'data-key="serum_low_edge"' in edge and 'data-key="serum_low"' not in edge
    normal = _handout(invoke, write_log, rows, "--sex", "M", "--age", "66", "--serum-mg", "0.80 mmol/L")
    assert "Your blood magnesium" not in normal


def test_a_handout_above_the_ul_does_not_cite_the_benefit_alone(invoke: Any, write_log: Any) -> None:
    """Trial 2 #18: 860 mg a day with 400 mg of glycinate above the UL; the handout's only evidence sentence
    was 'those who eat more magnesium tend to have stronger hips'."""
    from mgcheck.render import html

    rows = "".join(
        f"2026-11-0{day},almonds,2,oz,food\n2026-11-0{day},spinach boiled,1,cup,food\n"
        f"2026-11-0{day},magnesium glycinate,400,mg,supplement\n"
        for day in (2, 3, 4)
    )
    page = _handout(invoke, write_log, rows, "--sex", "F", "--age", "55")
    bones = page[page.index("<h2>Magnesium and your bones</h2>") :]
    assert html.handout_text("bone_studies") not in page
    # Pills alone: the bone section names the pills, not "pills or medicines" (session 27 review).
    assert html._e(html.handout_text("bone_studies_above_ul_pills")) in bones
    assert "your magnesium pills went over the safe upper limit" in html.handout_text("bone_studies_above_ul_pills")
    assert "pills or medicines" not in bones
    # The first page names the pills: no magnesium medicine was taken.
    assert html._e(html.handout_text("ul_pills_exceeded_every_day")) in _first_page(page)
    assert "pills and medicines together" not in page
    # Under the limit the finding is given as before.
    under = _handout(invoke, write_log, rows.replace("glycinate,400", "glycinate,100"), "--sex", "F", "--age", "55")
    assert html._e(html.handout_text("bone_studies")) in under and "bone_studies_above_ul" not in under


# ---------------------------------------------------------------- the order of the suggestions


def test_a_sweet_drink_eaten_does_not_lead_the_suggestions(invoke: Any, write_log: Any) -> None:
    """Trial 2 #12: '1 mug hot chocolate (you already eat this)' led a pregnant 17-year-old's suggestions."""
    from mgcheck.report import sweet_food

    rows = "".join(
        f"2026-11-0{day},hot chocolate,1,mug,food\n2026-11-0{day},jacket potato,1,,food\n"
        f"2026-11-0{day},white bread,2,slice,food\n"
        for day in (2, 3)
    )
    log = write_log("date,food,amount,unit,kind\n" + rows)
    result = invoke("report", log, "--sex", "F", "--age", "17", "--pregnant", "-f", "json", "-q")
    suggestions = json.loads(result.stdout)["subjects"][0]["next_steps"]["suggestions"]
    portions = [(s["portion"], s["already_eaten"]) for s in suggestions]
    assert portions[0] == ("1 jacket potato", True)
    assert all("hot chocolate" not in portion for portion, _ in portions[:1])
    # The rest is by magnesium: the curated sources above the mug's 73 mg come before it, if it is shown.
    mg = [s["mg"] for s in suggestions[1:]]
    assert mg == sorted(mg, reverse=True)
    assert sweet_food("Milk, chocolate beverage, hot cocoa, homemade")
    assert sweet_food("Beverages, carbonated, cola, regular")
    assert not sweet_food("Cocoa, dry powder, unsweetened") and not sweet_food("Potatoes, baked, flesh and skin")


@pytest.mark.slow
def test_the_fullest_handout_still_prints_on_two_pages_in_chromium(tmp_path: Any, invoke: Any, write_log: Any) -> None:
    """The new first-page lines (a low serum value, two medicine cautions, pills above the UL) in a real
    browser: drawn without errors or requests, readable in the DOM, and one or two pages on A4 and Letter."""
    import base64

    from test_handout_browser import A4_MM, BROWSER, LETTER_IN, _evaluate, _load, _pages, _problems

    if BROWSER is None:
        pytest.skip("no Chromium installed")
    rows = "".join(
        f"2026-11-0{day},oatmeal,1,cup,food\n2026-11-0{day},banana,1,medium,food\n"
        f"2026-11-0{day},magnesium glycinate,400,mg,supplement\n"
        for day in (2, 3, 4)
    )
    page = tmp_path / "handout.html"
    page.write_text(
        _handout(
            invoke, write_log, rows, "--sex", "F", "--age", "72", "--condition", "bisphosphonates",
            "--condition", "ppi", "--serum-mg", "0.62 mmol/L",
        ),
        encoding="utf-8",
    )  # fmt: skip
    tools, session = _load(tmp_path, page)
    try:
        text = _evaluate(tools, session, "document.body.innerText")
        printed = [
            base64.b64decode(
                tools.send(
                    "Page.printToPDF",
                    {"paperWidth": w, "paperHeight": h, "printBackground": True, "preferCSSPageSize": True},
                    session=session,
                )["data"]
            )
            for w, h in ((A4_MM[0] / 25.4, A4_MM[1] / 25.4), LETTER_IN)
        ]
        requests, errors = _problems(tools.events)
    finally:
        tools.close()
    assert requests == [] and errors == []
    for phrase in ("Your blood magnesium: 0.62 mmol/L.", "at least 2 hours apart", "such as omeprazole",
                   "Your magnesium pills went over the safe upper limit", "more is not always better"):  # fmt: skip
        assert phrase in text, phrase
    assert [1 <= _pages(pdf) <= 2 for pdf in printed] == [True, True], [_pages(pdf) for pdf in printed]
