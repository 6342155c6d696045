"""The report builder on a typed fixture assessment: every figure checked by hand (see report_fixture)."""

from __future__ import annotations

import math

import pytest
from report_fixture import PROFILE, fixture_assessment

from mgcheck import adequacy
from mgcheck.assess import Assessment
from mgcheck.report import Serum, report
from mgcheck.results import Conclusion, ItemKind, ItemStatus, Report, SerumGrade, SubjectResult, VerdictCode


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return fixture_assessment()


@pytest.fixture(scope="module")
def subject(assessment: Assessment) -> SubjectResult:
    built = report(assessment)
    assert isinstance(built, Report)
    assert built.schema == "mgcheck.report/1"
    (only,) = built.subjects
    return only


def test_profile_and_reference(subject: SubjectResult) -> None:
    assert subject.subject == "p1"
    assert (subject.profile.sex, subject.profile.age, subject.profile.life_stage) == ("female", 54, "Females 51-70 y")
    assert isinstance(subject.profile.age, int)  # a whole age is written 54, not 54.0
    assert (subject.reference.ear_mg, subject.reference.rda_mg, subject.reference.ul_supplement_mg) == (265, 320, 350)


def test_days_keep_food_supplements_and_medicines_apart(subject: SubjectResult) -> None:
    days = [(d.date, d.food_mg, d.supplement_mg, d.medicine_mg, d.intake_mg, d.total_mg) for d in subject.days]
    assert days == [
        ("2026-11-02", 140.0, 100.0, 0.0, 240.0, 240.0),
        ("2026-11-03", 160.0, 0.0, 500.0, 160.0, 660.0),
    ]
    assert subject.n_days == 2
    assert (subject.mean_food_mg, subject.mean_supplement_mg, subject.mean_daily_mg) == (150.0, 50.0, 200.0)
    assert (subject.mean_medicine_mg, subject.mean_total_mg) == (250.0, 450.0)
    assert subject.percent_rda == 62.5


def test_judgement_is_the_iom_ear_test(subject: SubjectResult) -> None:
    sd = adequacy.sd_within(PROFILE).sd_mg
    z = (200.0 - 265.0) / math.sqrt((0.10 * 265.0) ** 2 + sd**2 / 2)
    assert subject.adequacy.z == round(z, 2)
    assert subject.adequacy.probability == round(0.5 * (1 + math.erf(z / math.sqrt(2))), 3)
    assert subject.adequacy.conclusion_code is adequacy.classify_ear(z)
    assert subject.adequacy.conclusion_code in (Conclusion.PROBABLY_INADEQUATE, Conclusion.VERY_LIKELY_INADEQUATE)
    assert subject.adequacy.method == "IOM 2000 EAR test"
    assert subject.verdict_code is VerdictCode.BELOW_EAR
    assert subject.verdict.startswith("below the EAR")
    assert subject.adequacy.sensitivity is not None and subject.adequacy.validity is not None


def test_upper_limit_counts_supplements_and_medicines_per_day(subject: SubjectResult) -> None:
    limit = subject.upper_limit
    assert (limit.ul_mg, limit.mean_supplement_mg, limit.max_day_supplement_mg) == (350, 300.0, 500.0)
    assert (limit.mean_supplements_alone_mg, limit.mean_medicines_alone_mg) == (50.0, 250.0)
    assert limit.exceeded is True
    assert limit.days_over_ul == 1


def test_items_in_row_order_and_unmatched_apart(subject: SubjectResult) -> None:
    assert [item.row for item in subject.items] == [1, 2, 3, 4, 5, 7, 8]
    assert [item.kind for item in subject.items].count(ItemKind.MEDICINE) == 1
    assert {item.status for item in subject.items} == {ItemStatus.MATCHED, ItemStatus.LABEL}
    (unmatched,) = subject.unmatched
    assert (unmatched.row, unmatched.file, unmatched.food) == (6, "week.csv", "zorblax")
    assert unmatched.teach == 'mgcheck book add-alias "zorblax" <food id>'  # a refused candidate is never pre-filled
    assert (subject.unmatched_items, subject.unmatched_share) == (1, round(1 / 6, 3))


def test_top_sources_ranked_with_shares_of_food(subject: SubjectResult) -> None:
    ranked = [(source.food_id, source.mg, source.share) for source in subject.top_sources]
    assert ranked == [
        ("20037", 90.0, 0.3),
        ("12061", 80.0, 0.267),
        ("08121", 60.0, 0.2),
        ("18075", 40.0, 0.133),
        ("09040", 30.0, 0.1),
    ]


def test_next_steps_close_the_gap_to_the_rda(subject: SubjectResult) -> None:
    steps = subject.next_steps
    assert (steps.gap_mg, steps.target) == (120.0, "RDA")
    assert 1 <= len(steps.suggestions) <= 5
    assert all(s.closes_gap == ((s.mg or 0) >= 120.0) for s in steps.suggestions)
    assert steps.calcium_to_magnesium_ratio == round(50.0 / 300.0, 2)  # 10 mg calcium on each of 5 foods
    assert steps.mg_per_1000_kcal == 600.0  # 300 mg in 500 kcal


def test_serum_is_read_and_graded() -> None:
    built = report(fixture_assessment(), Serum(1.4, "mg/dL"))
    serum = built.subjects[0].serum
    assert serum is not None
    assert (serum.value, serum.unit, serum.mmol_l, serum.grade, serum.low) == (
        1.4,
        "mg/dL",
        0.576,
        SerumGrade.LOW,
        True,
    )
    assert built.subjects[0].to_dict()["serum"]["grade"] == "low"


def test_to_dict_is_plain_data_in_contract_order(subject: SubjectResult) -> None:
    content = subject.to_dict()
    assert list(content)[:6] == ["subject", "profile", "reference", "days", "n_days", "mean_daily_mg"]
    assert "source_totals" not in content  # only with --recompute
    assert "recipe" not in content["items"][0]  # only on a home-made dish
    assert content["verdict_code"] == "below_ear"
    assert content["adequacy"]["conclusion_code"] == subject.adequacy.conclusion_code.value
    assert content["items"][2]["kind"] == "supplement"
    assert content["serum"] is None  # null, not absent


def test_warnings_come_from_the_assessment_unless_given(assessment: Assessment) -> None:
    from dataclasses import replace

    warned = replace(assessment, warnings=("a warning",))
    assert report(warned).warnings == ("a warning",)
    assert report(warned, warnings=["another"]).warnings == ("another",)


@pytest.mark.parametrize(
    ("value", "unit", "grade", "reading"),
    [
        # Session 17 tester: 1.7 mg/dL (0.70 mmol/L as shown) read "below the 0.70 lower limit". A value is read
        # in its unit against the limits as shown (session 26): the IOM's own 1.8-2.3 mg/dL; the laboratories'
        # 0.70-1.00 mmol/L and Costello's 0.85 converted exactly and shown to two decimals (1.7-2.43, 2.07).
        (
            1.7,
            "mg/dL",
            SerumGrade.LOW_IOM,
            "low: below the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L), though within the 1.7-2.43 mg/dL = "
            "0.70-1.00 mmol/L",
        ),
        (
            1.8,
            "mg/dL",
            SerumGrade.LOW_NORMAL,
            # 0.741 mmol/L: the reading says why it is within though below the mmol/L limit (session 27).
            "within the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L; near its lower limit as published in mg/dL"
            " (1.8), though its 0.741 mmol/L is just below the 0.75 mmol/L the IOM publishes beside it), but below"
            " the 2.07 mg/dL = 0.85 mmol/L",
        ),
        (
            2.06,
            "mg/dL",
            SerumGrade.LOW_NORMAL,
            "within the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L), but below the 2.07 mg/dL = 0.85 mmol/L",
        ),
        (1.4, "mEq/L", SerumGrade.LOW_IOM, "low: below the IOM range (1.5-1.9 mEq/L), though within the 1.4-2.0 mEq/L"),
        (1.3, "mEq/L", SerumGrade.LOW, "low: below the IOM range (1.5-1.9 mEq/L) and below the 1.4 mEq/L lower limit"),
        (
            0.70,
            "mmol/L",
            SerumGrade.LOW_IOM,
            "low: below the IOM range (0.75-0.95 mmol/L), though within the 0.70-1.00",
        ),
        (0.69, "mmol/L", SerumGrade.LOW, "low: below the IOM range (0.75-0.95 mmol/L) and below the 0.70 mmol/L"),
        (0.90, "mmol/L", SerumGrade.NORMAL, "within the IOM range (0.75-0.95 mmol/L)"),
        (
            2.4,
            "mg/dL",
            SerumGrade.HIGH_IOM,
            "above the IOM range (1.8-2.3 mg/dL = 0.75-0.95 mmol/L), within the 1.7-2.43 mg/dL = 0.70-1.00 mmol/L",
        ),
        (
            2.5,
            "mg/dL",
            SerumGrade.HIGH,
            "above the reference range (IOM 1.8-2.3 mg/dL = 0.75-0.95 mmol/L; many laboratories 1.7-2.43 mg/dL = 0.70-1.00 mmol/L)",
        ),
    ],
)
def test_serum_is_graded_and_read_in_the_unit_given_against_the_limits_shown(value, unit, grade, reading) -> None:
    serum = report(fixture_assessment(), Serum(value, unit)).subjects[0].serum
    assert serum is not None
    assert serum.grade is grade
    assert serum.reading.startswith(reading)
    assert serum.low == (grade in (SerumGrade.LOW, SerumGrade.LOW_IOM))


def test_item_entries_made_for_the_whole_study_are_each_subjects_own(tmp_path) -> None:
    """The builder makes every subject's item entries column by column at once (`_grouped`); they are
    what `_item_entries` makes of each subject's records: a home-made dish with its breakdown, an
    ambiguous food with its alternatives, an unmatched item left out, subjects apart in file order."""
    from mgcheck import api
    from mgcheck.report import ENTRY_ONLY, _grouped, _item_entries, _record_columns

    recipes = tmp_path / "recipes.csv"
    recipes.write_text(
        "dish,ingredient,amount,unit,source\nsoup,lentils raw,200,g,family\nsoup,yield,4,servings,\n", encoding="utf-8"
    )
    log = tmp_path / "log.csv"
    log.write_text(
        "subject,date,food,amount,unit\n"
        "b,2026-11-02,chips,1,oz\na,2026-11-02,soup,1,serving\nb,2026-11-02,zorblax,1,cup\n"
        "a,2026-11-03,sunflower seeds,1,oz\nb,2026-11-03,banana,1,medium\n",
        encoding="utf-8",
    )
    study = api.assess_logs(str(log), sex="F", age=54, foods=api.FoodSources(recipes=str(recipes)))
    records, entries = _grouped(*_record_columns(study.items), study.recipes)
    assert list(records) == list(entries) == ["b", "a"]
    for subject, own in records.items():
        assert entries[subject] == _item_entries(own, study.recipes)
    assert [(item.food, item.food_id) for item in entries["b"]] == [("chips", "21138"), ("banana", "09040")]
    assert [alternative.food_id for alternative in entries["b"][0].alternatives] == ["19411"]
    soup, seeds = entries["a"]
    assert soup.food_id == "recipe:soup" and soup.recipe is not None and soup.recipe["line"]
    assert {seeds.food_id, *(alternative.food_id for alternative in seeds.alternatives)} == {"12037", "12036"}
    built = {subject.subject: subject.items for subject in report(study).subjects}
    assert built == {subject: tuple(own) for subject, own in entries.items()}
    # Records made beside their entries leave out what only an entry reads; the rest is the same.
    apart, same = _grouped(*_record_columns(study.items), study.recipes, entries_apart=True)
    assert same == entries
    assert set(apart["a"][0]) == set(records["a"][0]) - ENTRY_ONLY and "mg_shown" in ENTRY_ONLY
    for subject, own in apart.items():
        assert own == [{key: full[key] for key in full if key not in ENTRY_ONLY} for full in records[subject]]


def test_a_food_tables_facts_are_worked_out_once_per_table(assessment: Assessment, monkeypatch) -> None:
    """Every report worked out the curated portions, dish ids and not-advised ids of the food table
    in use again (about 5 ms over the bundled table, twice for JSON output): now once per table."""
    from mgcheck import report as builder
    from mgcheck.resources import bundled_foods

    first = report(assessment).to_dict()
    calls: list[str] = []
    for name in ("curated_portions", "dish_ids", "not_advised_ids"):
        made = getattr(builder, name)
        monkeypatch.setattr(builder, name, lambda foods, made=made, name=name: calls.append(name) or made(foods))
    assert report(assessment).to_dict() == first
    assert calls == []
    bundled = builder.food_facts(bundled_foods())
    assert "14602" in bundled[2] and calls == []  # an alcoholic drink is never advised
    other = bundled_foods().copy()  # another table, though of the same foods: worked out for it
    assert builder.food_facts(other) == bundled
    assert calls == ["curated_portions", "dish_ids", "not_advised_ids"]
    portions = builder.food_facts(other)[0]
    before = portions[0]["mg"]
    portions[0]["mg"] = -1.0  # a caller's copy: the next report's portions are the table's
    assert builder.food_facts(other)[0][0]["mg"] == before > 0
    assert len(calls) == 3
