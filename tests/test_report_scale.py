"""The report builder and its renderers are linear in subjects (issue 10 part 6): work done once per
distinct situation or life stage, never once per subject, and no per-subject pass over the whole study."""

from __future__ import annotations

import json
import math
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_fixture import fixture_items

from mgcheck import evidence
from mgcheck.assess import Assessment, assess
from mgcheck.reference import Profile
from mgcheck.render import json_out, markdown
from mgcheck.report import report
from mgcheck.vector import rounded

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


def test_the_builder_does_no_pandas_work_per_subject(monkeypatch):
    """Regression: `whole_nut_min_age` (a rule derived from gap_foods.csv) lost its cache and filtered
    the table twice per subject: 10 of 11.4 s when building 5,000 subjects' report, and `report
    --format json` 17x `summary` at 20,000 subjects. The linear-growth test cannot see a constant
    per-subject cost. The builder takes the study's frames apart column-wise once; after that no
    pandas indexing happens per subject, so three times the subjects index frames no more often."""
    report(_study(3))  # the cached tables and rules, once
    studies = {30: _study(30), 90: _study(90)}
    getitem = pd.DataFrame.__getitem__
    calls = 0

    def counting(frame: pd.DataFrame, key: object) -> object:
        nonlocal calls
        calls += 1
        return getitem(frame, key)

    monkeypatch.setattr(pd.DataFrame, "__getitem__", counting)
    counts = {}
    for subjects, study in studies.items():
        calls = 0
        assert len(report(study).subjects) == subjects
        counts[subjects] = calls
    assert counts[90] <= counts[30] + 5, counts


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


def test_result_classes_keep_their_fields_defaults_and_frozenness_with_the_fast_init():
    """Every result class: `__init__` takes its fields in order (defaults as declared), holds what
    it was given, has no `__dict__` (slots) and stays frozen."""
    import dataclasses
    import inspect

    from mgcheck import results

    classes = [value for value in vars(results).values() if isinstance(value, type) and dataclasses.is_dataclass(value)]
    assert len(classes) > 20
    for cls in classes:
        fields = dataclasses.fields(cls)
        parameters = list(inspect.signature(cls).parameters.values())
        assert [parameter.name for parameter in parameters] == [field.name for field in fields], cls
        for parameter, field in zip(parameters, fields, strict=True):
            declared = inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
            assert parameter.default == declared, (cls, field.name)
        given = [object() for _ in fields]
        made = cls(*given)
        assert [getattr(made, field.name) for field in fields] == given
        assert made == cls(**{field.name: value for field, value in zip(fields, given, strict=True)})
        assert not hasattr(made, "__dict__")
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, fields[0].name, None)
        required = [field for field in fields if field.default is dataclasses.MISSING]
        with pytest.raises(TypeError):
            cls(*given[: len(required) - 1])
        if len(required) < len(fields):  # the declared defaults fill what is left out
            defaulted = cls(*given[: len(required)])
            assert [getattr(defaulted, field.name) for field in fields[len(required) :]] == [
                field.default for field in fields[len(required) :]
            ]


# Values the report rounds: any float, and decimals written with one to three more digits than
# kept (2.675, 0.125: the halves where numpy.round and Python's round part ways).
_ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True)
_WRITTEN = st.builds(
    lambda whole, fraction, places: float(f"{whole}.{fraction:0{places}d}"),
    st.integers(-100_000, 100_000),
    st.integers(0, 99_999),
    st.integers(1, 5),
)


def _same_float(left: float, right: float) -> bool:
    return (math.isnan(left) and math.isnan(right)) or (
        left == right and math.copysign(1, left) == math.copysign(1, right)
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ANY_FLOAT, _WRITTEN), min_size=1, max_size=60), st.integers(0, 4))
def test_vectorised_rounding_is_pythons_round_exactly(values, digits):
    got = rounded(np.array(values, dtype=float), digits).tolist()
    for value, shown in zip(values, got, strict=True):
        expected = value if not math.isfinite(value) else round(value, digits)
        assert _same_float(shown, expected), (value, digits, shown, expected)


def test_vectorised_rounding_on_every_half_at_each_precision():
    for digits in range(5):
        halves = np.array([(k + 0.5) / 10**digits for k in range(-20_000, 20_000)])
        for value, shown in zip(halves.tolist(), rounded(halves, digits).tolist(), strict=True):
            assert _same_float(shown, round(value, digits)), (value, digits)


TWO_SUBJECTS = (
    "subject,date,food,amount,unit\na,2026-11-02,almonds,30,g\nb,2026-11-02,spinach,100,g\nc,2026-11-02,oats,40,g\n"
)


@pytest.fixture
def second_subject_unwritable(monkeypatch):
    """The second subject's report holds a figure JSON cannot carry (inf): its text fails partway through the document."""
    import dataclasses

    from mgcheck import report as builder

    made = builder.subject_report
    calls = []

    def failing_second(*args, **kwargs):
        result = made(*args, **kwargs)
        calls.append(result.subject)
        return dataclasses.replace(result, mean_daily_mg=math.inf) if len(calls) == 2 else result

    monkeypatch.setattr(builder, "subject_report", failing_second)


def test_json_on_standard_output_is_whole_or_absent_when_a_subject_fails(write_log, invoke, second_subject_unwritable):
    """A script reading `report --format json` from a pipe never gets a document cut short: the first
    subject is not written when the second cannot be; the error is one line on stderr."""
    path = write_log(TWO_SUBJECTS)
    result = invoke("report", path, "--sex", "F", "--age", "54", "--format", "json")
    assert result.exit_code == 70
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_json_to_a_file_is_not_left_behind_when_a_subject_fails(tmp_path, write_log, invoke, second_subject_unwritable):
    path = write_log(TWO_SUBJECTS)
    target = tmp_path / "out.json"
    result = invoke("report", path, "--sex", "F", "--age", "54", "--format", "json", "-o", target)
    assert result.exit_code == 70
    assert not target.exists()
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(".")] == []


def test_json_on_standard_output_is_whole_when_held_in_a_temporary_file(write_log, invoke, monkeypatch):
    """A document larger than what is held in memory goes through a temporary file, unchanged."""
    from mgcheck import output

    path = write_log(TWO_SUBJECTS)
    whole = invoke("report", path, "--sex", "F", "--age", "54", "--format", "json")
    monkeypatch.setattr(output, "SPOOL_CHARACTERS", 64)  # held in blocks of two characters, spilled to disk at once
    spilled = invoke("report", path, "--sex", "F", "--age", "54", "--format", "json")
    assert whole.exit_code == spilled.exit_code == 0
    assert spilled.stdout == whole.stdout
    assert [subject["subject"] for subject in json.loads(spilled.stdout)["subjects"]] == ["a", "b", "c"]
