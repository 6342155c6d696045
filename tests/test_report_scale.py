"""The report builder and its renderers are linear in subjects (issue 10 part 6): work done once per
distinct situation or life stage, never once per subject, and no per-subject pass over the whole study."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from report_fixture import fixture_items

from mgcheck import evidence
from mgcheck.assess import Assessment, assess
from mgcheck.reference import Profile
from mgcheck.render import json_out, markdown
from mgcheck.report import report

AGES = (30.0, 54.0, 70.0)


def _study(subjects: int) -> Assessment:
    """`subjects` copies of the fixture's two days (eight items each), at three ages."""
    one = fixture_items()
    frames = [one.assign(subject=f"s{number:05d}") for number in range(subjects)]
    profiles = {f"s{number:05d}": Profile("female", AGES[number % len(AGES)]) for number in range(subjects)}
    return assess(pd.concat(frames, ignore_index=True), profiles, "iom")


def test_evidence_is_selected_once_per_situation_not_per_subject(monkeypatch):
    calls = []
    select = evidence.select

    def counting(situation: evidence.Situation) -> list[dict[str, object]]:
        calls.append(situation)
        return select(situation)

    monkeypatch.setattr(evidence, "select", counting)
    built = report(_study(60))
    assert len(built.subjects) == 60
    assert len(calls) == len(set(calls)) <= len(AGES)  # one subject's figures, three ages
    # Subjects of one situation share the same (frozen) entries; each is still whole.
    assert built.subjects[0].evidence is built.subjects[3].evidence
    assert built.subjects[0].to_dict()["evidence"] == built.subjects[3].to_dict()["evidence"]


def _seconds(assessment: Assessment) -> float:
    """CPU seconds to build the report and write it as JSON and Markdown."""
    start = time.process_time()
    built = report(assessment)
    for _piece in json_out.chunks(built):
        pass
    markdown.render(built)
    return time.process_time() - start


@pytest.mark.slow
def test_report_time_grows_linearly_with_subjects():
    """Four times the subjects takes about four times as long (3.7-4.0x measured alone; quadratic would be
    up to 16x). The sizes are timed in turn, five times each, and the fastest of each is compared, so that
    load from other work (a parallel test run) falls on both.

    Catches per-subject work that grows with the study (a scan of every subject's rows for each
    subject, a list search): the builder once spent most of its time there."""
    small, large = _study(300), _study(1200)
    times: dict[int, list[float]] = {300: [], 1200: []}
    for _ in range(5):
        times[300].append(_seconds(small))
        times[1200].append(_seconds(large))
    ratio = min(times[1200]) / min(times[300])
    assert ratio < 6.0, f"4x the subjects took {ratio:.1f}x the time"
