"""Session 27 fixes from two user trials: population rows that moved with `--by`, the infant age boundary,
pregnancy outside its ages, population CIs in mg, the sensitivity wording, and the patient handout."""

from __future__ import annotations

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
