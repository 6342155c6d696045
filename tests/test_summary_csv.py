"""The summary CSV written by the csv module is the text pandas' to_csv writes, formula cells neutralised."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mgcheck.assess import day_table
from mgcheck.output import neutralise
from mgcheck.render.summary import to_csv
from mgcheck.vector import per_distinct


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "subject": ["=S1", 'say "hi", then\nleave', "S3", "S4"],
            "n_days": np.array([7, 1, 2, 3], dtype=np.int64),
            "mean_food_mg": [502.8, np.nan, 1e16, 1e-05],
            "z": [-0.0, np.inf, 0.1 + 0.2, 123456789.123],
            "ear_mg": pd.array([265, None, 350, 0], dtype="Int64"),
            "conclusion": ["+adequate", None, "probably adequate: 78%", ""],
            "ul_exceeded": [False, True, False, True],
            "conclusion_code": pd.Series(["a", "b", None, "d"], dtype="str"),
        }
    )


def test_summary_csv_is_pandas_to_csv_with_text_cells_neutralised():
    frame = _frame()
    expected = frame.copy()
    for column in ("subject", "conclusion"):  # as pandas wrote them before: formula cells neutralised
        expected[column] = per_distinct(expected[column].astype(str), neutralise)
    assert to_csv(frame) == expected.to_csv(index=False, lineterminator="\n")
    assert to_csv(frame).splitlines()[1] == "'=S1,7,502.8,-0.0,265,'+adequate,False,a"
    assert to_csv(frame).splitlines()[3] == 'leave",1,,inf,,,True,b'  # the quoted subject's second line


def test_floats_of_every_size_are_written_as_pandas_writes_them():
    rng = np.random.default_rng(20261205)
    values = np.concatenate(
        [
            rng.standard_normal(3000) * 10.0 ** rng.integers(-20, 20, 3000),
            *(np.round(rng.uniform(0, 2000, 1000), digits) for digits in range(4)),
            [1e-4, 9.999e-5, 1e16, 9999999999999998.0, 5e-324, 1.7976931348623157e308, -np.inf, np.nan],
        ]
    )
    frame = pd.DataFrame({"subject": [f"S{i}" for i in range(len(values))], "conclusion": "ok", "z": values})
    assert to_csv(frame) == frame.to_csv(index=False, lineterminator="\n")


def test_a_column_of_another_type_is_written_by_pandas():
    frame = _frame().assign(group=pd.Categorical(["x", None, "y", "x"]))
    assert to_csv(frame).splitlines()[1].endswith(",a,x")
    assert to_csv(frame).splitlines()[3].endswith(",b,")


def test_day_table_unordered_holds_the_ordered_days():
    items = pd.DataFrame(
        {
            "subject": pd.Categorical(["s2", "s10", "s1", "s2"], categories=["s2", "s10", "s1"]),
            "date": pd.Categorical(["2026-11-03", "2026-11-02", "2026-11-02", "2026-11-02"]),
            "kind": ["food"] * 4,
            "status": ["matched"] * 4,
            "mg": [1.0, 2.0, 4.0, 8.0],
        }
    )
    ordered = day_table(items)
    unordered = day_table(items, ordered=False)
    assert list(zip(ordered["subject"], ordered["date"], strict=True)) == [
        ("s1", "2026-11-02"), ("s10", "2026-11-02"), ("s2", "2026-11-02"), ("s2", "2026-11-03"),
    ]  # fmt: skip
    assert list(unordered["subject"]) == ["s2", "s2", "s10", "s1"]  # by the subjects' codes
    assert unordered.sort_values(["subject", "date"], kind="stable", ignore_index=True).equals(ordered)
    assert list(ordered["food_mg"]) == [4.0, 2.0, 8.0, 1.0]


def test_summary_and_report_round_a_mean_alike(tmp_path):
    """Session 19 tester: days 114.5 and 60.6 mg gave mean_food_mg 87.6 in `summary` and 87.5 in
    `report`. The mean is stored as 87.549999999999997 (below the half): both round it as Python's
    round does (`mgcheck.vector.rounded`), to 87.5, through the API and the command line."""
    import io
    import json

    from typer.testing import CliRunner

    import mgcheck
    from mgcheck.cli import app

    foods = tmp_path / "foods.csv"
    foods.write_text("food_id,name,mg_per_100g,kcal_per_100g,calcium_mg_per_100g\nT1,Test mix,100,200,50\n")
    log = tmp_path / "log.csv"
    log.write_text("date,food,amount,unit\n2026-11-02,Test mix,114.5,g\n2026-11-03,Test mix,60.6,g\n")
    common = [str(log), "--sex", "M", "--age", "60", "--foods", str(foods)]
    assessment = mgcheck.assess_logs(str(log), sex="M", age=60, foods=mgcheck.FoodSources(foods=str(foods)))
    assert assessment.days["food_mg"].tolist() == [114.5, 60.6]
    assert assessment.subjects["mean_food_mg"].iloc[0] == 87.55  # the float nearest, 87.5499999...
    assert mgcheck.summary(assessment)[["mean_food_mg", "mean_total_mg"]].iloc[0].tolist() == [87.5, 87.5]
    assert mgcheck.make_report(assessment).to_dict()["subjects"][0]["mean_food_mg"] == 87.5
    runner = CliRunner()
    summary = runner.invoke(app, ["summary", *common, "--format", "csv"])
    assert summary.exit_code == 0, summary.output
    frame = pd.read_csv(io.StringIO(summary.stdout))
    assert frame[["mean_food_mg", "mean_total_mg", "mean_intake_mg"]].iloc[0].tolist() == [87.5, 87.5, 87.5]
    report = runner.invoke(app, ["report", *common, "--format", "json"])
    assert report.exit_code == 0, report.output
    subject = json.loads(report.stdout)["subjects"][0]
    assert (subject["mean_food_mg"], subject["mean_total_mg"]) == (87.5, 87.5)
