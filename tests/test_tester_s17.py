"""The session-17 tester's findings: a serum value given to a whole study, and supplements for a
life stage with no upper limit (infants; EFSA under 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import report_json

import mgcheck

TWO_PEOPLE = "date,food,amount,unit,subject\n2026-11-02,banana,1,medium,ann\n2026-11-02,banana,2,medium,bob\n"


def test_a_serum_value_is_refused_for_a_report_of_several_subjects(write_log, invoke, tmp_path):
    """--serum-mg with --profiles printed the one value in every subject's report, each told of a
    blood test that was not theirs."""
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nann,F,40\nbob,M,50\n")
    log = write_log(TWO_PEOPLE)
    result = invoke("report", log, "--profiles", profiles, "--serum-mg", "0.68 mmol/L", "-f", "json")
    assert result.exit_code == 2
    assert "a serum magnesium value is one patient's; these logs hold 2 subjects" in result.stderr
    assert result.stdout == ""
    # One subject: the value is read and graded as before.
    one = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n", name="one.csv")
    subject = report_json(invoke("report", one, "--sex", "F", "--age", "40", "--serum-mg", "0.68 mmol/L", "-f", "json"))
    assert subject["subjects"][0]["serum"]["mmol_l"] == 0.68


def test_the_api_refuses_a_serum_value_for_several_subjects(write_log, tmp_path):
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nann,F,40\nbob,M,50\n")
    assessment = mgcheck.assess_logs([write_log(TWO_PEOPLE)], profiles=profiles)
    try:
        mgcheck.make_report(assessment, serum="0.68 mmol/L")
    except mgcheck.UsageProblem as problem:
        assert "these logs hold 2 subjects" in str(problem)
    else:
        raise AssertionError("a serum value was given to two subjects")


def _infant_log(write_log, supplement: str) -> object:
    return write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,infant formula,800,ml,food\n"
        f"2026-11-02,{supplement},supplement\n"
        "2026-11-03,infant formula,800,ml,food\n"
    )


def test_an_infant_given_a_supplement_is_cautioned_and_fails_the_check(write_log, invoke):
    """Under 1 year the IOM sets no UL (magnesium from breast milk, formula and food only): 100 mg of
    magnesium citrate for a 6-month-old gave no caution and --check exited 0."""
    log = _infant_log(write_log, "magnesium citrate,100,mg")
    document = report_json(invoke("report", log, "--sex", "F", "--age", "0.5", "-f", "json"))
    subject = document["subjects"][0]
    assert subject["upper_limit"]["ul_mg"] is None
    cautions = subject["next_steps"]["cautions"]
    assert any("sets no upper limit for this age" in caution for caution in cautions)
    assert invoke("summary", log, "--sex", "F", "--age", "0.5", "--check", "-q").exit_code == 3
    # Formula alone: no caution about doses, and the check passes (an AI-only infant never fails by intake).
    plain = write_log("date,food,amount,unit\n2026-11-02,infant formula,800,ml\n", name="plain.csv")
    alone = report_json(invoke("report", plain, "--sex", "F", "--age", "0.5", "-f", "json"))["subjects"][0]
    assert not any("sets no upper limit" in caution for caution in alone["next_steps"]["cautions"])
    assert invoke("summary", plain, "--sex", "F", "--age", "0.5", "--check", "-q").exit_code == 0


def test_efsa_under_four_with_a_medicine_is_cautioned(write_log, invoke):
    """EFSA/SCF set no UL below age 4: a 2-year-old's Slow-Mag read 'not set' and exited 0."""
    log = _infant_log(write_log, "magnesium hydroxide,200,mg salt")
    subject = report_json(invoke("report", log, "--sex", "M", "--age", "2", "--standard", "efsa", "-f", "json"))[
        "subjects"
    ][0]
    assert subject["upper_limit"]["ul_mg"] is None
    assert any("sets no upper limit for this age" in c for c in subject["next_steps"]["cautions"])
    failures = mgcheck.check_failures(mgcheck.assess_logs([log], sex="M", age=2, standard="efsa"))
    assert [failure.reason.value for failure in failures] == ["dose_without_ul"]
    # The IOM sets 65 mg for ages 1-3: 200 mg of the hydroxide (83 mg of magnesium) is above it.
    iom = mgcheck.check_failures(mgcheck.assess_logs([log], sex="M", age=2))
    assert [failure.reason.value for failure in iom] == ["above_ul"]


def test_breast_milk_is_human_milk(write_log, invoke):
    """'breast milk' was unmatched though both tables hold human milk (3 mg per 100 g)."""
    log = write_log("date,food,amount,unit\n2026-11-02,breast milk,1,cup\n2026-11-02,expressed breast milk,100,g\n")
    items = report_json(invoke("report", log, "--sex", "F", "--age", "0.3", "-f", "json"))["subjects"][0]["items"]
    assert [(item["food_id"], item["grams"], item["mg"]) for item in items] == [
        ("01107", 246.0, 7.4),
        ("01107", 100.0, 3.0),
    ]


ITEMS = (
    "UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodCode,FoodAmt,MAGN,Food_Description\n"
    'P1,1,2,02/13/2017 00:00,63107010,118,31.9,"Banana, raw"\n'
    'P1,2,2,02/20/2017 00:00,63107010,118,31.9,"Banana, raw"\n'
)
INS = (
    "UserName,RecallNo,RecallStatus,IntakeStartDateTime,SupplNum,Suppl_Description,MAGN\n"
    'P1,1,2,02/13/2017 00:00,1,"Multivitamin with minerals, adult",\n'
    'P1,2,2,02/20/2017 00:00,1,"Multivitamin with minerals, adult",\n'
)


def test_a_supplement_of_unknown_magnesium_is_listed_and_qualifies_the_upper_limit(write_log, invoke):
    """ASA24 INS.csv with a blank MAGN: the multivitamin vanished into a stderr warning (hidden by -q)
    and the report said 'within the UL every day'. It is now listed, not counted, and the UL line says
    the check covers the known doses only (JSON: upper_limit.uncounted_doses)."""
    items = write_log(ITEMS, name="Items.csv")
    ins = write_log(INS, name="INS.csv")
    result = invoke("report", items, ins, "--sex", "F", "--age", "40", "-f", "json", "-q")
    subject = report_json(result)["subjects"][0]
    assert subject["upper_limit"]["uncounted_doses"] == 2
    assert subject["mean_supplement_mg"] == 0.0
    listed = [(entry["row"], entry["food"]) for entry in subject["unmatched"]]
    assert listed == [(1, "Multivitamin with minerals, adult"), (2, "Multivitamin with minerals, adult")]
    assert all("magnesium left blank in the export" in entry["reason"] for entry in subject["unmatched"])
    assert all(entry["suggestions"] == [] and entry["teach"] == "" for entry in subject["unmatched"])
    assert subject["unmatched_share"] == 0.0  # a supplement is not an unmatched food: judgement stands
    text = invoke("report", items, ins, "--sex", "F", "--age", "40", "-q").stdout
    assert "2 supplements or medicines of unknown magnesium not counted, so this covers the known doses only" in (
        " ".join(text.split())
    )
    markdown = invoke("report", items, ins, "--sex", "F", "--age", "40", "-f", "markdown", "-q").stdout
    assert (
        "within the UL of 350 mg every day (none counted); 2 supplements or medicines of unknown magnesium not counted"
        in (markdown)
    )
    # Every dose known: no key at all (the contract is unchanged for them).
    alone = report_json(invoke("report", items, "--sex", "F", "--age", "40", "-f", "json", "-q"))["subjects"][0]
    assert "uncounted_doses" not in alone["upper_limit"]


def test_population_reads_a_dataframe_with_a_profiles_file(tmp_path):
    """mgcheck.population(frame, profiles=...) iterated the DataFrame as file names ("amount: no such
    file"); it now reads the frame as assess_logs does, with the same result."""
    import pandas as pd

    profiles = tmp_path / "profiles.csv"
    profiles.write_text("subject,sex,age\nann,F,40\nbob,F,45\ncat,F,42\n")
    rows = []
    for subject, grams in (("ann", 100), ("bob", 150), ("cat", 200)):
        rows += [
            {"subject": subject, "date": f"2026-11-0{day}", "food": "almonds", "amount": grams + 10 * day, "unit": "g"}
            for day in (2, 3)
        ]
    frame = pd.DataFrame(rows)
    direct = mgcheck.population(frame, profiles=str(profiles))
    through = mgcheck.population(mgcheck.assess_logs(frame, profiles=profiles))
    assert direct.to_dict() == through.to_dict()
    (group, *_rest) = direct.groups
    assert (group.group, group.n_subjects) == ("Females 31-50 y", 3)


def test_recompute_shows_the_exports_own_figure_in_every_report(invoke):
    """README: --recompute reports both totals; the export's own food figure was only in the JSON."""
    from pathlib import Path

    export = Path(__file__).parent / "data" / "exports" / "asa24_Items.csv"
    args = ("report", export, "--sex", "M", "--age", "40", "--recompute", "-q")
    subject = report_json(invoke(*args, "-f", "json"))["subjects"][0]
    stated, mine = subject["source_totals"]["mean_food_mg"], subject["mean_food_mg"]
    expected = f"food {stated:,.0f} mg/day as the export stated it; {mine:,.0f} recomputed by mgcheck"
    assert expected in " ".join(invoke(*args).stdout.split())
    assert f"- **Export's own figure:** {expected}" in invoke(*args, "-f", "markdown").stdout
    assert expected in invoke(*args, "-f", "html", "--audience", "clinician").stdout
    # Without --recompute there is one figure, and no such line.
    assert "as the export stated it" not in invoke(*args[:-2], "-q").stdout


def test_an_asa24_export_folder_skips_its_files_without_foods(tmp_path, invoke):
    """A whole ASA24 export folder failed on Totals.csv, TS.csv and TNMYPHEI.csv (day totals, food
    groups, HEI scores). Found in a folder they are skipped with a warning each; named alone, a totals
    file is still refused with a pointer to Items.csv."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Items.csv").write_text(ITEMS)
    (folder / "INS.csv").write_text(INS)
    header = "UserName,UserID,RecallNo,RecallStatus,IntakeStartDateTime"
    (folder / "Totals.csv").write_text(f"{header},KCAL,MAGN,NUMFOODS\nP1,u1,1,2,02/13/2017 00:00,1800,250,12\n")
    (folder / "TS.csv").write_text(f"{header},KCAL,MAGN\nP1,u1,1,2,02/13/2017 00:00,0,0\n")
    (folder / "TNMYPHEI.csv").write_text(f"{header},F_TOTAL,V_TOTAL\nP1,u1,1,2,02/13/2017 00:00,1.2,2.0\n")
    result = invoke("report", folder, "--sex", "F", "--age", "40", "-f", "json")
    assert result.exit_code == 0, result.stderr
    subject = report_json(result)["subjects"][0]
    assert subject["n_days"] == 2 and subject["mean_food_mg"] == 31.9
    for name in ("TNMYPHEI.csv", "TS.csv", "Totals.csv"):
        assert f"{folder / name}: skipped: an ASA24 file of day totals, food groups or HEI scores" in result.stderr
    alone = invoke("report", folder / "Totals.csv", "--sex", "F", "--age", "40")
    assert alone.exit_code == 1 and "is an ASA24 day-totals file (Totals.csv): it has no foods" in alone.stderr


def test_an_ambiguous_food_amount_is_one_line_not_two(write_log, invoke):
    """ASA24 FoodAmt '1,000' was reported twice: as FoodAmt (the export's column) and as amount."""
    items = ITEMS.replace("63107010,118,31.9", '63107010,"1,000",31.9', 1)
    result = invoke("report", write_log(items, name="Items.csv"), "--sex", "F", "--age", "40", "-f", "json", "--strict")
    assert result.exit_code == 1
    assert result.stderr.count("'1,000' is ambiguous") == 1
    assert "row 1: FoodAmt '1,000' is ambiguous" in result.stderr


def test_a_brand_named_supplement_of_unknown_magnesium_is_listed_too(write_log, invoke):
    """Session 19 tester: ASA24 names supplements by brand; 'Centrum Silver Men 50+' with a blank MAGN
    names no multivitamin word, so it vanished (not listed, no uncounted_doses) and the report said
    'within the UL of 350 mg every day'. A blank cell is unknown whatever the name: listed, not counted,
    and the warning quotes each name, a long one cut with '...'."""
    ins = INS.replace("Multivitamin with minerals, adult", "Centrum Silver Men 50+").replace(
        'P1,2,2,02/20/2017 00:00,1,"Centrum Silver Men 50+",',
        'P1,2,2,02/20/2017 00:00,1,"Multivitamin/mineral, Centrum Silver Men 50+, tablet",',
    )
    items = write_log(ITEMS, name="Items.csv")
    result = invoke("report", items, write_log(ins, name="INS.csv"), "--sex", "F", "--age", "40", "-f", "json")
    subject = report_json(result)["subjects"][0]
    assert subject["upper_limit"]["uncounted_doses"] == 2
    assert [entry["food"] for entry in subject["unmatched"]] == [
        "Centrum Silver Men 50+",
        "Multivitamin/mineral, Centrum Silver Men 50+, tablet",
    ]
    assert "('Centrum Silver Men 50+'; 'Multivitamin/mineral, Centrum Silver Me...'; rows 1, 2)" in result.stderr


@pytest.mark.slow  # four reports
def test_a_survey_subject_has_top_sources_from_the_exports_own_figures(invoke):
    """Session 19 tester: without --recompute every ASA24/NHANES item is the export's own figure, and
    top_sources was [] for every subject, so the handout dropped "the foods that gave you the most".
    Items are named by the export's text; an NHANES row (no text, only its code) by the code's FNDDS food."""
    exports = Path(__file__).parent / "data" / "exports"
    asa24 = report_json(
        invoke("report", str(exports / "asa24_Items.csv"), "--sex", "F", "--age", "40", "-f", "json", "-q")
    )
    first = asa24["subjects"][0]["top_sources"][0]
    assert first == {
        "food_id": None,
        "food_name": "Rice, brown, cooked, no fat added in cooking",
        "mg": 83.9,
        "share": 0.138,
    }
    nhanes = report_json(
        invoke("report", str(exports / "nhanes_dr1iff.csv"), "--sex", "F", "--age", "40", "-f", "json", "-q")
    )
    assert nhanes["subjects"][0]["top_sources"][-1] == {
        "food_id": "fndds:92101000",
        "food_name": "Coffee, brewed",
        "mg": 10.8,
        "share": 0.064,
    }
    html = invoke("report", str(exports / "nhanes_dr1iff.csv"), "--sex", "F", "--age", "40", "-f", "html", "-q").stdout
    assert "Pizza, cheese, from restaurant or fast food, thick crust" in html
    text = invoke("report", str(exports / "asa24_Items.csv"), "--sex", "F", "--age", "40", "-q").stdout
    assert "Rice, brown, cooked, no fat added in cooking (as exported)" in text
