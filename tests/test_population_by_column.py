"""`population --by COLUMN` with a column of the log itself (a study arm), not only of --profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mgcheck
from mgcheck import ReadOptions
from mgcheck.cli import app
from mgcheck.errors import MgcheckError

runner = CliRunner()

# Subject: (arm, grams of cooked spinach on day 1 and day 2). Arm A: s1-s3; arm B: s4, s5. Each
# subject eats the same on both days: no within-person variance, so each usual intake is the
# subject's own mean and a level's mean is the mean of its subjects' day intakes.
STUDY = {
    "s1": ("A", (100, 100)),
    "s2": ("A", (160, 160)),
    "s3": ("A", (220, 220)),
    "s4": ("B", (300, 300)),
    "s5": ("B", (400, 400)),
}


def write_study(tmp_path: Path, arm_in: str = "log", arms: dict[str, str] | None = None) -> tuple[str, str]:
    """The study as a native log and a --profiles file; the arm column in the log, the profiles or both."""
    arms = arms or {subject: arm for subject, (arm, _) in STUDY.items()}
    log = ["subject,date,food,amount,unit" + (",arm" if arm_in in ("log", "both") else "")]
    for subject, (_, grams) in STUDY.items():
        for day, amount in enumerate(grams, start=1):
            log.append(
                f"{subject},2026-01-0{day},cooked spinach,{amount},g"
                + (f",{arms[subject]}" if arm_in in ("log", "both") else "")
            )
    profiles = ["subject,sex,age" + (",arm" if arm_in in ("profiles", "both") else "")]
    for subject, (arm, _) in STUDY.items():
        profiles.append(f"{subject},F,40" + (f",{arm}" if arm_in in ("profiles", "both") else ""))
    (tmp_path / "log.csv").write_text("\n".join(log) + "\n", encoding="utf-8")
    (tmp_path / "profiles.csv").write_text("\n".join(profiles) + "\n", encoding="utf-8")
    return str(tmp_path / "log.csv"), str(tmp_path / "profiles.csv")


def by_rows(document: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {group["group"]: group for group in document["groups"] if group["kind"] == "by"}


def add_log_column(log: str, name: str, even: str, odd: str) -> list[str]:
    """Add column `name` to the log, `even` on its 1st, 3rd, ... item rows and `odd` on the others; its lines."""
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    lines[0] += f",{name}"
    lines[1:] = [line + (f",{odd}" if n % 2 else f",{even}") for n, line in enumerate(lines[1:])]
    Path(log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def refused(log: str, profiles: str, *options: str) -> str:
    """The stderr of a population run that must fail with a domain error (exit 1)."""
    result = runner.invoke(app, ["population", log, "--profiles", profiles, *options])
    assert result.exit_code == 1, result.output
    return result.stderr


def expected_food_means(log: str, profiles: str) -> dict[str, float]:
    """Each arm's mean of its subjects' mean daily food Mg, from the assessment's day table."""
    days = mgcheck.assess_logs(log, profiles=profiles).days
    person = days.groupby("subject", observed=True)["food_mg"].mean()
    return {arm: float(person[[s for s, (a, _) in STUDY.items() if a == arm]].mean()) for arm in ("A", "B")}


def test_by_a_native_log_column_gives_one_row_per_arm(tmp_path: Path) -> None:
    log, profiles = write_study(tmp_path)
    result = runner.invoke(app, ["population", log, "--profiles", profiles, "--by", "arm", "-f", "json"])
    # Before: "no log column or --profiles column 'arm' (NHANES weights: ...)", exit 1.
    assert result.exit_code == 0, result.output
    assert "ignored column" not in result.stderr
    document = json.loads(result.stdout)
    assert document["by"] == "arm"
    rows = by_rows(document)
    assert set(rows) == {"arm = A", "arm = B"}
    assert (rows["arm = A"]["n_subjects"], rows["arm = B"]["n_subjects"]) == (3, 2)
    assert (rows["arm = A"]["n_days"], rows["arm = B"]["n_days"]) == (6, 4)
    expected = expected_food_means(log, profiles)
    for arm in ("A", "B"):
        assert rows[f"arm = {arm}"]["mean_food_mg"] == pytest.approx(expected[arm], abs=0.06)
        assert rows[f"arm = {arm}"]["mean_mg"] == pytest.approx(expected[arm], abs=0.06)
    assert expected["B"] == pytest.approx(expected["A"] * 350 / 160, rel=1e-3)  # spinach Mg is per gram
    # The same study with the arm in --profiles gives the same estimate.
    (tmp_path / "p").mkdir()
    log2, profiles2 = write_study(tmp_path / "p", "profiles")
    from_profiles = runner.invoke(app, ["population", log2, "--profiles", profiles2, "--by", "arm", "-f", "json"])
    assert from_profiles.exit_code == 0, from_profiles.output
    assert json.loads(from_profiles.stdout)["groups"] == document["groups"]


def test_api_population_by_a_log_column(tmp_path: Path) -> None:
    log, profiles = write_study(tmp_path)
    result = mgcheck.population(log, profiles=profiles, by="arm")
    groups = {g.group: g for g in result.groups}
    assert groups["arm = A"].n_subjects == 3 and groups["arm = B"].n_subjects == 2
    expected = expected_food_means(log, profiles)
    assert groups["arm = B"].mean_food_mg == pytest.approx(expected["B"], abs=0.06)
    # From an assessment: its items keep the column when the reading options ask for it.
    assessment = mgcheck.assess_logs(log, profiles=profiles, reading=ReadOptions(keep_columns=("ARM",)))
    again = {g.group: g for g in mgcheck.population(assessment, profiles=profiles, by="arm").groups}
    assert again["arm = A"].mean_mg == groups["arm = A"].mean_mg
    with pytest.raises(
        MgcheckError,
        match=r"^by='arm': no log column or profiles= column of that name; an assessment keeps a log column only "
        r"when read with reading=ReadOptions\(keep_columns=\(\.\.\.\)\), or give the logs themselves$",
    ):
        mgcheck.population(mgcheck.assess_logs(log, profiles=profiles), profiles=profiles, by="arm")


def test_a_value_varying_within_a_subject_is_refused(tmp_path: Path) -> None:
    log, profiles = write_study(tmp_path)
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].removesuffix(",A") + ",B"  # s2's second day in arm B
    Path(log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused(log, profiles, "--by", "arm") == (
        "mgcheck: error: subject s2: --by column 'arm' has more than one value, 'A' and 'B' (in the log); "
        "it needs one value per subject\n"
    )


def test_log_and_profiles_must_agree_and_blanks_take_the_other_value(tmp_path: Path) -> None:
    arms = {subject: arm for subject, (arm, _) in STUDY.items()}
    log, profiles = write_study(tmp_path, "both", arms | {"s1": "", "s4": "A"})
    assert refused(log, profiles, "--by", "arm") == (
        "mgcheck: error: subject s4: --by column 'arm' has more than one value, 'A' and 'B' "
        "(in the log and --profiles); it needs one value per subject\n"
    )
    log, profiles = write_study(tmp_path, "both", arms | {"s1": ""})  # s1's arm only in --profiles
    result = runner.invoke(app, ["population", log, "--profiles", profiles, "--by", "arm", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = by_rows(json.loads(result.stdout))
    assert (rows["arm = A"]["n_subjects"], rows["arm = B"]["n_subjects"]) == (3, 2)


def test_a_subject_with_no_value_is_the_level_blank(tmp_path: Path) -> None:
    arms = {subject: arm for subject, (arm, _) in STUDY.items()}
    log, profiles = write_study(tmp_path, "log", arms | {"s5": ""})
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].removesuffix(",A") + ","  # s1's arm on its first row only: still arm A
    Path(log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["population", log, "--profiles", profiles, "--by", "arm", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = by_rows(json.loads(result.stdout))
    counts = {name: row["n_subjects"] for name, row in rows.items()}
    assert counts == {"arm = A": 3, "arm = B": 1, "arm = (blank)": 1}


def test_the_by_error_names_the_option_without_the_weights_hint(tmp_path: Path) -> None:
    log, profiles = write_study(tmp_path)
    assert (
        refused(log, profiles, "--by", "arms")
        == "mgcheck: error: --by arms: no log column or --profiles column of that name\n"
    )
    assert refused(log, profiles, "--weights", "WTDRD") == (
        "mgcheck: error: --weights WTDRD: no log column or --profiles column of that name "
        "(NHANES weights: WTDRD1, or WTDRD1PP for 2017-March 2020)\n"
    )


def test_a_weight_varying_within_a_subject_is_refused_but_its_spellings_agree(tmp_path: Path) -> None:
    log, profiles = write_study(tmp_path, "profiles")
    lines = add_log_column(log, "weight", "2.5", "2.50")
    same = runner.invoke(app, ["population", log, "--profiles", profiles, "--weights", "weight", "-f", "json"])
    assert same.exit_code == 0, same.output
    assert json.loads(same.stdout)["groups"][-1]["weighted_n"] == 12.5
    lines[2] = lines[2].removesuffix(",2.50") + ",3"
    Path(log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused(log, profiles, "--weights", "weight").startswith(
        "mgcheck: error: subject s1: --weights column 'weight' has more than one value"
    )


def test_a_streamed_study_keeps_the_by_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mgcheck import stream

    log, profiles = write_study(tmp_path)
    lines = Path(log).read_text(encoding="utf-8").splitlines()
    # Survey weight 2 for s1 and s4, 1 for the others.
    lines = [lines[0] + ",WTDRD1"] + [line + (",2" if line.startswith(("s1,", "s4,")) else ",1") for line in lines[1:]]
    Path(log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Before, a streamed study kept only the profile columns: --weights of the log was "no column".
    args = ["population", log, "--profiles", profiles, "--by", "arm", "--weights", "wtdrd1", "-f", "json"]
    whole = runner.invoke(app, args)
    assert whole.exit_code == 0, whole.output
    real = stream.run_streamed
    calls: list[int] = []
    monkeypatch.setattr(stream, "STREAM_ROWS", 3)
    monkeypatch.setattr(stream, "run_streamed", lambda request: calls.append(1) or real(request, 4))
    streamed = runner.invoke(app, args)
    assert streamed.exit_code == 0, streamed.output
    assert calls == [1]
    assert json.loads(streamed.stdout) == json.loads(whole.stdout)
    rows = by_rows(json.loads(streamed.stdout))
    assert (rows["arm = A"]["weighted_n"], rows["arm = B"]["weighted_n"]) == (4.0, 3.0)


def test_by_a_column_of_an_export_the_importer_does_not_read(tmp_path: Path) -> None:
    """The same plumbing serves every importer: an Intake24 export with a study arm added."""
    import pandas as pd

    table = pd.read_csv(Path(__file__).parent / "data" / "exports" / "intake24.csv", dtype=str)
    table["Study Arm"] = table["User ID"].map({"P001": "A", "P002": "B", "P003": "B"})
    path = tmp_path / "intake24.csv"
    table.to_csv(path, index=False)
    result = runner.invoke(
        app, ["population", str(path), "--sex", "F", "--age", "40", "--by", "Study Arm", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = by_rows(json.loads(result.stdout))
    assert {name: row["n_subjects"] for name, row in rows.items()} == {"Study Arm = A": 1, "Study Arm = B": 2}


def test_by_a_number_written_two_ways_is_one_value(tmp_path: Path) -> None:
    # A study site coded 1 on one row and 1.0 on another (a spreadsheet's export) was refused as two values.
    log, profiles = write_study(tmp_path, "profiles")
    lines = add_log_column(log, "site", "1", "1.0")
    result = runner.invoke(app, ["population", log, "--profiles", profiles, "--by", "site", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = by_rows(json.loads(result.stdout))
    assert {name: row["n_subjects"] for name, row in rows.items()} == {"site = 1": 5}
    lines[3] = lines[3].removesuffix(",1") + ",2"  # s2's first day: another site
    Path(log).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused(log, profiles, "--by", "site") == (
        "mgcheck: error: subject s2: --by column 'site' has more than one value, '2' and '1.0' "
        "(in the log); it needs one value per subject\n"
    )
