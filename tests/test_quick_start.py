"""The README's quick start, `mgcheck report --example`: the example week's figures as a reader sees them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# (date, food, supplements, intake) of the bundled week, mg: what the README's example reports.
WEEK = [
    ("2026-11-02", 272, 0, 272),
    ("2026-11-03", 230, 100, 330),
    ("2026-11-04", 199, 0, 199),
    ("2026-11-05", 272, 0, 272),
    ("2026-11-06", 239, 0, 239),
    ("2026-11-07", 270, 100, 370),
    ("2026-11-08", 218, 100, 318),
]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_quick_start_report_shows_the_example_week(invoke):
    result = invoke("report", "--example")
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    assert "Profile female, 54 y (Females 51-70 y)" in text
    assert "IOM 1997: EAR 265 mg, RDA 320 mg (table row 14)" in text
    for date, food, supplements, intake in WEEK:
        assert re.search(rf"{date} {food}(?: \(\d+-\d+\))? {supplements} {intake} ", text), date
    # Two cups of spinach, raw or cooked unsaid: 47 mg raw, 313 mg cooked (session 27).
    assert "2026-11-06 239 (239-504) 0 239 " in text
    assert "Mean intake 286 mg/day over 7 day(s) (89% of the RDA): food 243, supplements 43" in text
    assert "between the EAR and the RDA: intake probably needs improvement" in text
    assert "69% probability that usual intake is adequate (IOM 2000 EAR test: z = 0.49;" in text
    assert "Unmatched 1 item(s), 2% of food items, not counted" in text
    assert "grandma's lentil soup" in text  # the home-made dish the README says cannot be matched


def test_quick_start_json_carries_the_same_week(invoke):
    result = invoke("report", "--example", "--format", "json", "-q")
    assert result.exit_code == 0 and result.stderr == ""
    (subject,) = json.loads(result.stdout)["subjects"]
    days = [(d["date"], round(d["food_mg"]), round(d["supplement_mg"]), round(d["intake_mg"])) for d in subject["days"]]
    assert days == WEEK
    assert sum(1 for d in subject["days"] if d["supplement_mg"] > 0) == 3  # "one supplement on three days"
    assert subject["n_days"] == 7 and subject["unmatched_items"] == 1
    assert subject["mean_daily_mg"] == pytest.approx(sum(d["intake_mg"] for d in subject["days"]) / 7, abs=0.05)
    assert (subject["mean_daily_mg"], subject["mean_food_mg"], subject["mean_supplement_mg"]) == (285.7, 242.8, 42.9)
    assert subject["reference"]["ear_mg"] == 265 and subject["reference"]["rda_mg"] == 320
    assert subject["percent_rda"] == 89.3


def test_the_readmes_brief_example_is_what_mgcheck_prints(invoke, monkeypatch):
    """The README shows `mgcheck report --example --brief` at 80 columns: it must be the real output."""
    shown = re.search(
        r"`mgcheck report --example --brief` at 80 columns:\n\n```text\n(.*?)```", README.read_text(), re.S
    )
    assert shown, "the README no longer shows the --brief example"
    monkeypatch.setenv("COLUMNS", "80")
    result = invoke("report", "--example", "--brief", "-q")
    assert result.exit_code == 0
    assert result.stdout == shown.group(1)
