"""Usual-intake distributions: validated against known truth (simulation) and a hand-checked case."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from mgcheck.cli import app
from mgcheck.population import estimate

# The simulated population: true usual intakes are gamma (Erlang) with shape 8 and mean 300 mg
# (SD 106 mg, skewness 0.71); the EAR is 255 mg (women 19-30 y). The true share below the EAR is the
# Erlang CDF, 1 - sum_{k<8} exp(-x) x^k / k! with x = 255 / 37.5 = 6.8: 0.3715.
SHAPE, MEAN, EAR, CV_WITHIN = 8, 300.0, 255.0, 0.35
SCALE = MEAN / SHAPE


def erlang_cdf(value: float) -> float:
    x = value / SCALE
    return 1.0 - sum(math.exp(-x) * x**k / math.factorial(k) for k in range(SHAPE))


TRUTH = erlang_cdf(EAR)


def simulate(people: int, share_with_two_days: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Daily intake = usual x a gamma day factor of mean 1 and CV 35% (the within-person noise)."""
    rng = np.random.default_rng(seed)
    usual = rng.gamma(SHAPE, SCALE, people)
    days_each = np.where(rng.random(people) < share_with_two_days, 2, 1)
    subject = np.repeat(np.arange(people), days_each)
    k = 1 / CV_WITHIN**2
    daily = usual[subject] * rng.gamma(k, 1 / k, len(subject))
    days = pd.DataFrame({"subject": subject.astype(str), "food_mg": daily})
    table = pd.DataFrame(
        {"subject": np.arange(people).astype(str), "group": "women", "ear_mg": EAR, "ai_mg": np.nan, "ul_mg": 350.0}
    )
    return days, table


def test_truth_is_the_erlang_share() -> None:
    assert pytest.approx(0.3715, abs=1e-4) == TRUTH
    rng = np.random.default_rng(0)
    assert (rng.gamma(SHAPE, SCALE, 400_000) < EAR).mean() == pytest.approx(TRUTH, abs=0.003)


@pytest.mark.parametrize("share_with_two_days", [1.0, 0.3])
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_simulation_prevalence_within_3_points_and_closer_than_naive(share_with_two_days: float, seed: int) -> None:
    days, people = simulate(2000, share_with_two_days, seed)
    group = estimate(days, people).groups[0]
    assert group.prevalence_below_ear is not None and group.naive_prevalence_below_ear is not None
    error = abs(group.prevalence_below_ear - TRUTH)
    assert error < 0.03
    # The few-day means are wider than usual intakes: their share below the EAR is further from the truth.
    assert abs(group.naive_prevalence_below_ear - TRUTH) > error
    assert group.mean_mg == pytest.approx(MEAN, rel=0.03)
    assert group.sd_mg == pytest.approx(SHAPE**0.5 * SCALE, rel=0.12)
    assert group.percentiles[50] == pytest.approx(287.6, rel=0.04)  # the Erlang median, 287.6 mg


def test_simulation_variance_components_find_the_noise() -> None:
    days, people = simulate(2000, 1.0, 5)
    group = estimate(days, people).groups[0]
    # Usual CV 35% and day-to-day CV 35%: about half of the daily variance is within-person.
    assert group.within_share == pytest.approx(0.5, abs=0.08)
    assert not group.ratio_pooled
    assert 0.0 <= (group.box_cox_lambda or 0.0) <= 0.5


def coverage(repetitions: int, replicates: int, share_with_two_days: float) -> int:
    covered = 0
    for repetition in range(repetitions):
        days, people = simulate(2000, share_with_two_days, 1000 + repetition)
        group = estimate(days, people, bootstrap=replicates, seed=repetition).groups[0]
        assert group.prevalence_ci is not None
        covered += group.prevalence_ci.low <= TRUTH <= group.prevalence_ci.high
    return covered


def test_bootstrap_interval_covers_the_truth_small() -> None:
    """The fast suite's version of the coverage check: 10 seeded repetitions, 100 replicates each."""
    assert coverage(10, 100, 0.3) >= 8


@pytest.mark.slow
@pytest.mark.parametrize("share_with_two_days", [1.0, 0.3])
def test_bootstrap_interval_covers_the_truth(share_with_two_days: float) -> None:
    """Issue 12: the 95% interval covers the truth in at least 90% of 50 seeded repetitions."""
    assert coverage(50, 200, share_with_two_days) >= 45


def test_bootstrap_is_seeded() -> None:
    days, people = simulate(300, 0.5, 1)
    first = estimate(days, people, bootstrap=50, seed=7).groups[0]
    again = estimate(days, people, bootstrap=50, seed=7).groups[0]
    other = estimate(days, people, bootstrap=50, seed=8).groups[0]
    assert first.prevalence_ci == again.prevalence_ci
    assert first.prevalence_ci != other.prevalence_ci


def hand_case() -> tuple[pd.DataFrame, pd.DataFrame]:
    days = pd.DataFrame(
        {
            "subject": ["A", "A", "B", "B", "C", "C", "D"],
            "food_mg": [220.0, 280.0, 320.0, 380.0, 270.0, 330.0, 400.0],
        }
    )
    people = pd.DataFrame(
        {
            "subject": ["A", "B", "C", "D"],
            "group": "g",
            "ear_mg": 300.0,
            "ai_mg": np.nan,
            "ul_mg": 350.0,
            "supplement_mg": [0.0, 0.0, 0.0, 10.0],
            "medicine_mg": [0.0, 400.0, 0.0, 0.0],
        }
    )
    return days, people


def test_hand_checked_case() -> None:
    """Four people, lam fixed at 1 so the transform is linear (t = y/g - 1) and everything is in mg.

    Days: A 220, 280; B 320, 380; C 270, 330; D 400 (one day).
    Within: each repeater's SS = 2 x 30^2 = 1800; s_w^2 = (3 x 1800) / (3 x 1) = 1800 mg^2.
    Person means 250, 350, 300, 400; their mean m = 325; deviations -75, 25, -25, 75;
    V = (5625 + 625 + 625 + 5625) / 3 = 4166.67; mean of 1/n_i = (0.5 + 0.5 + 0.5 + 1) / 4 = 0.625;
    s_b^2 = 4166.67 - 1800 x 0.625 = 3041.67 mg^2.
    Factors: two days sqrt(3041.67 / (3041.67 + 900)) = 0.878448; one day sqrt(3041.67 / 4841.67) = 0.792608.
    Usual food: A 325 - 75 x 0.878448 = 259.116; B 325 + 25 x 0.878448 = 346.961;
    C 325 - 25 x 0.878448 = 303.039; D 325 + 75 x 0.792608 = 384.446; D adds her 10 mg supplement: 394.446.
    Below the EAR of 300: only A: prevalence 1/4. B's medicine (400 mg/day) is above the UL: 1/4,
    and does not count in B's usual intake. The naive 1-2 day means (250, 350, 300, 410): 1/4 below.
    """
    days, people = hand_case()
    result = estimate(days, people, fixed_lambda=1.0, min_repeaters=2, min_group_size=1)
    group = result.groups[0]
    scale = math.exp(np.log(days["food_mg"]).mean())  # the transform's geometric-mean scaling
    assert group.var_within is not None and group.var_between is not None
    assert group.var_within * scale**2 == pytest.approx(1800.0, rel=1e-9)
    assert group.var_between * scale**2 == pytest.approx(4166.6667 - 1125.0, rel=1e-6)
    expected = {"A": 259.116, "B": 346.961, "C": 303.039, "D": 384.446 + 10.0}
    for subject, value in expected.items():
        assert result.usual_mg[subject] == pytest.approx(value, abs=0.001)
    assert group.mean_mg == pytest.approx(sum(expected.values()) / 4, abs=0.001)
    assert group.prevalence_below_ear == pytest.approx(0.25)
    assert group.naive_prevalence_below_ear == pytest.approx(0.25)
    assert group.share_above_ul == pytest.approx(0.25)
    assert group.mean_medicine_mg == pytest.approx(100.0)
    assert group.mean_supplement_mg == pytest.approx(2.5)


def test_weights_weight_the_shares() -> None:
    days, people = hand_case()
    people["weight"] = [3.0, 1.0, 1.0, 1.0]  # A counts three times
    group = estimate(days, people, fixed_lambda=1.0, min_repeaters=2, min_group_size=1).groups[0]
    assert group.prevalence_below_ear == pytest.approx(3 / 6)
    assert group.weighted_n == pytest.approx(6.0)


def test_data_checks_are_reported() -> None:
    days, people = hand_case()
    group = estimate(days, people).groups[0]
    flags = " ".join(group.flags)
    assert "pooled" in flags  # 3 repeaters < 30: the within share is pooled (here: its own, the only group)
    assert "fewer than 50" in flags
    # Within-person variance larger than the total: every person's two days differ far more than people do.
    noisy = pd.DataFrame({"subject": ["A", "A", "B", "B", "C", "C"], "food_mg": [100.0, 500, 110, 490, 105, 495]})
    table = people.iloc[:3].drop(columns=["supplement_mg", "medicine_mg"])
    flagged = estimate(noisy, table, min_repeaters=2).groups[0]
    assert any("within-person variance is larger" in flag for flag in flagged.flags)


def test_one_subject_per_group_with_repeat_days_names_the_real_reason() -> None:
    # Five patients of five life stages, three days each: the flags said "no subject in the study has two or
    # more days" and "only 0 subject(s) ... have two or more days", though every one has three.
    days = pd.DataFrame({"subject": np.repeat(list("ABCDE"), 3), "food_mg": np.arange(15) * 10.0 + 150})
    people = pd.DataFrame(
        {"subject": list("ABCDE"), "group": ["g1", "g2", "g3", "g4", "g5"], "ear_mg": 255.0, "ai_mg": np.nan}
    )
    people["ul_mg"] = 350.0
    result = estimate(days, people)
    assert [g.n_repeaters for g in result.groups if g.kind == "life stage"] == [1] * 5
    flags = " ".join(result.groups[0].flags)
    assert "no subject in the study has two or more days" not in flags
    assert "no group has two or more subjects" in flags and "usual intake cannot be estimated" in flags
    assert any(check.startswith("only 5 subject(s) in the study have two or more days") for check in result.checks)
    # A study where nobody has a second day keeps the first wording.
    single = estimate(days.drop_duplicates("subject"), people)
    assert "no subject in the study has two or more days" in " ".join(single.groups[0].flags)
    assert any(check.startswith("only 0 subject(s)") for check in single.checks)


def test_ai_only_group_gets_the_iom_wording_and_no_prevalence() -> None:
    days, people = hand_case()
    people["ear_mg"] = np.nan
    people["ai_mg"] = 300.0
    group = estimate(days, people, min_repeaters=2).groups[0]
    assert group.prevalence_below_ear is None
    assert group.ai_statement is not None and "low prevalence of inadequate intakes" in group.ai_statement
    people["ai_mg"] = 500.0
    group = estimate(days, people, min_repeaters=2).groups[0]
    assert group.ai_statement is not None and "no quantitative estimate" in group.ai_statement


def test_groups_and_overall_rows() -> None:
    days_a, people_a = simulate(200, 1.0, 3)
    days_b, people_b = simulate(200, 1.0, 4)
    days_b["subject"] = "b" + days_b["subject"]
    people_b["subject"] = "b" + people_b["subject"]
    people_b["group"] = "men"
    people_b["ear_mg"] = 330.0
    result = estimate(pd.concat([days_a, days_b]), pd.concat([people_a, people_b]))
    assert [g.group for g in result.groups] == ["women", "men", "all subjects"]
    overall = result.groups[-1]
    assert overall.n_subjects == 400 and overall.ear_mg is None
    women, men = result.groups[0], result.groups[1]
    assert overall.prevalence_below_ear == pytest.approx(
        (women.prevalence_below_ear + men.prevalence_below_ear) / 2  # type: ignore[operator]
    )


def test_speed_is_vectorised() -> None:
    """Not a benchmark: only that 2,000 people x 100 replicates take well under the budget."""
    import time

    days, people = simulate(2000, 1.0, 0)
    start = time.perf_counter()
    estimate(days, people, bootstrap=100, seed=1)
    assert time.perf_counter() - start < 20


# ---------------------------------------------------------------- the command

runner = CliRunner()


def write_study(tmp_path, weights: bool = False) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(4)
    rows = ["subject,date,food,amount,unit" + (",weight" if weights else "")]
    profiles = ["subject,sex,age,arm"]
    for person in range(60):
        usual = rng.gamma(8, 40)
        for day in range(2 if person % 2 == 0 else 1):
            grams = usual * rng.gamma(8, 1 / 8) / 0.87  # cooked spinach: about 87 mg per 100 g
            extra = f",{1 + person % 3}" if weights else ""
            rows.append(f"p{person},2026-01-0{day + 1},cooked spinach,{grams:.1f},g{extra}")
        profiles.append(
            f"p{person},{'female' if person % 2 else 'male'},{30 + person % 40},{'A' if person < 30 else 'B'}"
        )
    log = tmp_path / "study.csv"
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    prof = tmp_path / "profiles.csv"
    prof.write_text("\n".join(profiles) + "\n", encoding="utf-8")
    return str(log), str(prof)


def test_cli_population_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log, profiles = write_study(tmp_path)
    result = runner.invoke(
        app, ["population", log, "--profiles", profiles, "--format", "json", "--bootstrap", "20", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "mgcheck.population/1"
    assert document["bootstrap"] == 20 and document["seed"] == 3
    names = [group["group"] for group in document["groups"]]
    assert "all subjects" in names
    assert any(group["prevalence_ci"] for group in document["groups"])


def test_cli_population_csv_by_column_and_weights(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log, profiles = write_study(tmp_path, weights=True)
    result = runner.invoke(
        app, ["population", log, "--profiles", profiles, "--by", "arm", "--weights", "weight", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(__import__("io").StringIO(result.stdout))
    assert {"arm = A", "arm = B", "all subjects"} <= set(frame["group"])
    assert "prevalence_below_ear" in frame.columns
    for fmt in ("markdown", "table"):
        shown = runner.invoke(app, ["population", log, "--profiles", profiles, "--by", "sex", "--format", fmt])
        assert shown.exit_code == 0, shown.output
        assert "Females" in shown.stdout or "female" in shown.stdout


def test_cli_medicine_counts_toward_the_ul_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log, profiles = write_study(tmp_path)
    plain = runner.invoke(app, ["population", log, "--profiles", profiles, "--format", "json"])
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    lines[0] += ",kind"
    lines[1:] = [line + ",food" for line in lines[1:]]
    lines += ["p0,2026-01-01,magnesium citrate,400,mg,medicine", "p0,2026-01-02,magnesium citrate,400,mg,medicine"]
    with open(log, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    dosed = runner.invoke(app, ["population", log, "--profiles", profiles, "--format", "json"])
    assert plain.exit_code == 0 and dosed.exit_code == 0, dosed.output
    before = {g["group"]: g for g in json.loads(plain.stdout)["groups"]}["all subjects"]
    after = {g["group"]: g for g in json.loads(dosed.stdout)["groups"]}["all subjects"]
    assert before["share_above_ul"] == 0.0
    assert after["share_above_ul"] == pytest.approx(1 / 60, abs=1e-4)
    assert after["mean_medicine_mg"] == pytest.approx(400 / 60, abs=0.1)
    assert after["mean_mg"] == pytest.approx(before["mean_mg"], abs=0.05)  # medicines are not intake


def test_cli_nhanes_day_1_and_day_2_with_weights(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Both NHANES files together; WTDRD1 weights the estimate (a respondent weighted 10x pulls the mean)."""
    rng = np.random.default_rng(9)
    day1 = ["SEQN,DR1ILINE,DR1DRSTZ,DR1IFDCD,DR1IGRMS,DR1IMAGN,WTDRD1,WTDR2D"]
    day2 = ["SEQN,DR2ILINE,DR2DRSTZ,DR2IFDCD,DR2IGRMS,DR2IMAGN,WTDRD1,WTDR2D"]
    profiles = ["subject,sex,age"]
    for person in range(40):
        seqn = 100000 + person
        usual = 150.0 if person == 0 else rng.gamma(8, 40)
        weight = 10000.0 if person == 0 else 1000.0
        for rows in (day1, day2):
            mg = usual * rng.gamma(8, 1 / 8)
            rows.append(f"{seqn},1,1,11111000,{mg * 2:.1f},{mg:.1f},{weight},{weight}")
        profiles.append(f"{seqn},female,35")
    paths = []
    for name, rows in (("dr1iff.csv", day1), ("dr2iff.csv", day2), ("profiles.csv", profiles)):
        path = tmp_path / name
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        paths.append(str(path))
    base = ["population", paths[0], paths[1], "--profiles", paths[2], "--format", "json"]
    plain = runner.invoke(app, base)
    weighted = runner.invoke(app, [*base, "--weights", "WTDRD1"])
    assert plain.exit_code == 0 and weighted.exit_code == 0, weighted.output
    unweighted_group = json.loads(plain.stdout)["groups"][0]
    weighted_group = json.loads(weighted.stdout)["groups"][0]
    assert unweighted_group["n_repeaters"] == 40 and unweighted_group["n_days"] == 80
    assert weighted_group["weighted_n"] == pytest.approx(49000.0)
    assert json.loads(weighted.stdout)["weights"] == "WTDRD1"
    assert weighted_group["mean_mg"] < unweighted_group["mean_mg"] - 10


def test_cli_population_unknown_weight_column_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log, profiles = write_study(tmp_path)
    result = runner.invoke(app, ["population", log, "--profiles", profiles, "--weights", "WTDRD1"])
    assert result.exit_code == 1
    assert "WTDRD1" in result.stderr


def test_summary_says_conclusions_are_not_a_prevalence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log, profiles = write_study(tmp_path)
    result = runner.invoke(app, ["summary", log, "--profiles", profiles, "--format", "csv"])
    assert result.exit_code == 0
    assert "mgcheck population" in result.stderr
    assert "population" not in result.stdout  # the CSV stays clean
    markdown = runner.invoke(app, ["summary", log, "--profiles", profiles, "--format", "markdown"])
    assert "mgcheck population" in markdown.stdout


def test_library_api() -> None:
    import mgcheck

    assert callable(mgcheck.population)


@pytest.mark.parametrize(
    "export",
    ["asa24_Items.csv", "cronometer_servings.csv", "intake24.csv", "nhanes_dr1iff.csv", "nhanes_dr2iff.xpt"],
)
def test_population_runs_on_every_import_format(export: str) -> None:
    """Every export format gives a distribution, and a tiny group never yields an absurd usual intake.

    Before lam was kept in 0..1, intake24.csv (3 women, one repeater) gave a mean of 17.5 billion mg.
    """
    import json as _json

    from typer.testing import CliRunner

    from mgcheck.cli import app

    path = Path(__file__).parent / "data" / "exports" / export
    result = CliRunner().invoke(app, ["population", str(path), "--sex", "F", "--age", "40", "--format", "json"])
    assert result.exit_code == 0, result.output
    content = _json.loads(result.stdout)
    assert content["schema"] == "mgcheck.population/1"
    assert content["groups"]
    for group in content["groups"]:
        assert group["n_subjects"] >= 1
        # A group too small to estimate gives no figures (None); any figure given is plausible.
        for value in (group["mean_mg"], (group["percentiles"] or {}).get("p95")):
            assert value is None or 0 <= value < 5000


# ---------------------------------------------------------------- every row carries the same checks


THREE = pd.DataFrame(
    {
        "subject": ["ann", "ann", "bob", "bob", "cat", "cat"],
        "sex": ["F", "F", "M", "M", "F", "F"],
        "age": [54, 54, 61, 61, 58, 58],
        "date": ["2026-11-02", "2026-11-03"] * 3,
        "food": ["oatmeal", "spinach", "almonds", "brown rice", "banana", "black beans"],
        "amount": [1, 1, 2, 1, 2, 1],
        "unit": ["cup", "cup", "oz", "cup", "medium", "cup"],
    }
)


def test_by_and_overall_rows_say_too_few_subjects() -> None:
    """Session 19 tester: `sex = male` (n 1) and `all subjects` (n 3) never said they were too few."""
    import mgcheck

    result = mgcheck.population(mgcheck.assess_logs(THREE), by="sex")
    flags = {group.group: group.flags for group in result.groups}
    assert [group.group for group in result.groups] == [
        "Males 51-70 y", "Females 51-70 y", "Males 51-70 y | male", "Females 51-70 y | female",
        "sex = male", "sex = female", "all subjects",
    ]  # fmt: skip
    assert "only 1 subject(s) (fewer than 50): estimates unreliable" in flags["sex = male"]
    assert "only 2 subject(s) (fewer than 50): estimates unreliable" in flags["sex = female"]
    assert "only 3 subject(s) (fewer than 50): estimates unreliable" in flags["all subjects"]
    # What the estimation groups inside say, counted: both pool the variance ratio, one has s_b^2 <= 0.
    assert flags["all subjects"][:2] == (
        "2 of its 2 estimation group(s) have fewer than 30 subjects with repeat days: their within-person share "
        "of variance is the study's, pooled over the groups with repeat days",
        "1 of its 2 estimation group(s) have a between-person variance estimated <= 0: their usual intakes are "
        "set to their group mean; prevalence unreliable",
    )


def test_cli_by_level_of_30_flagged_overall_of_60_not(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log, profiles = write_study(tmp_path)  # 60 people, 30 of each sex
    result = runner.invoke(app, ["population", log, "--profiles", profiles, "--by", "sex", "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(__import__("io").StringIO(result.stdout)).set_index("group")
    assert frame.loc["sex = male", "n_subjects"] == 30
    assert "only 30 subject(s) (fewer than 50): estimates unreliable" in frame.loc["sex = male", "flags"]
    assert "only 30 subject(s) (fewer than 50): estimates unreliable" in frame.loc["sex = female", "flags"]
    assert frame.loc["all subjects", "n_subjects"] == 60
    assert "fewer than 50" not in str(frame.loc["all subjects", "flags"])
    assert "sex = male: only 30 subject(s) (fewer than 50): estimates unreliable" in result.stderr


def _pooling_study(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """1,200 people in 8 groups, 5% with two days: no group has 30 with repeat days, so every group
    takes the within-person share pooled over the study (the design of the session-25 trial)."""
    days, people = simulate(1200, 0.05, seed)
    people["group"] = [f"g{i % 8}" for i in range(len(people))]
    return days, people


def _all_subjects(days: pd.DataFrame, people: pd.DataFrame, seed: int) -> object:
    return next(g for g in estimate(days, people, bootstrap=100, seed=seed).groups if g.group == "all subjects")


def test_the_pooled_within_share_is_estimated_again_in_each_replicate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Held at the full sample's value, the pooled share's own uncertainty was left out: the trial's
    intervals were a third as wide as its estimates' spread (2 of 10 covered the truth)."""
    import importlib

    population = importlib.import_module("mgcheck.population")
    days, people = _pooling_study(5001)
    again = _all_subjects(days, people, 1)

    def held(resampled: list[tuple[object, np.ndarray, np.ndarray]], pooled: float | None) -> np.ndarray:
        groups = [g for g, _, _ in resampled]
        repeaters = [int((g.n >= 2).sum()) for g in groups]  # type: ignore[attr-defined]
        share = sum(g.own_share * r for g, r in zip(groups, repeaters, strict=True)) / sum(repeaters)  # type: ignore[attr-defined]
        return np.full(resampled[0][1].shape[0], share)

    monkeypatch.setattr(population, "_pooled_share_again", held)
    fixed = _all_subjects(days, people, 1)
    assert again.prevalence_below_ear == fixed.prevalence_below_ear  # type: ignore[attr-defined]
    width = again.prevalence_ci.high - again.prevalence_ci.low  # type: ignore[attr-defined]
    assert width > 1.3 * (fixed.prevalence_ci.high - fixed.prevalence_ci.low)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_study_that_pools_the_within_share_has_intervals_that_cover_the_truth() -> None:
    """50 seeded studies of `_pooling_study`. The bound was set from seeds 5000-5099 (covered 93 of 100; 82
    with the share held fixed); these seeds, 7000-7049, were not among them."""
    covered = 0
    for repetition in range(50):
        row = _all_subjects(*_pooling_study(7000 + repetition), repetition)
        covered += row.prevalence_ci.low <= TRUTH <= row.prevalence_ci.high  # type: ignore[attr-defined]
    assert covered >= 44


def test_a_group_of_a_few_people_gets_no_interval() -> None:
    """A life stage of one person got the 95% CI [324.25, 324.25] and a prevalence CI [1, 1]."""
    days, people = simulate(300, 0.5, 3)
    people["group"] = ["few" if i < 3 else "many" for i in range(len(people))]
    rows = {g.group: g for g in estimate(days, people, bootstrap=50, seed=1).groups}
    few, many = rows["few"], rows["many"]
    assert (few.mean_ci, few.prevalence_ci, few.share_above_ul_ci) == (None, None, None)
    assert "no confidence intervals: a bootstrap of fewer than 10 subjects says nothing" in few.flags
    assert few.mean_mg is not None  # the estimate itself is still given, flagged as from too few
    assert many.mean_ci is not None and many.mean_ci.low < many.mean_ci.high
