"""The report builder and its renderers are linear in subjects (issue 10 part 6): work done once per
distinct situation or life stage, never once per subject, and no per-subject pass over the whole study."""

from __future__ import annotations

import json
import math
import time

import numpy as np
import pandas as pd
import pytest
from conftest import examples
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


@settings(max_examples=examples(300), deadline=None)  # 300 in CI (0.4 s), 30 in the quick run
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


def _varied_study(
    factors: tuple[tuple[float, float], ...] = (
        (0.5, 0.0), (1.0, 0.0), (2.0, 0.0), (4.0, 0.0), (1.0, 1.0), (1.0, 8.0), (0.5, 0.0), (4.0, 0.0),
    ),
) -> Assessment:  # fmt: skip
    """One shared profile; subjects whose food, supplements and medicines put them in different
    situations (below the EAR, between EAR and RDA, above the RDA, above 420 mg, over the UL): per
    subject, factors of the fixture's food and of its supplement and medicine magnesium."""
    one = fixture_items()
    food = one["kind"] == "food"
    frames = []
    for number, (food_factor, supplement_factor) in enumerate(factors):
        frame = one.assign(subject=f"s{number}")
        frame.loc[food, "mg"] = frame.loc[food, "mg"] * food_factor
        frame.loc[~food, "mg"] = frame.loc[~food, "mg"] * supplement_factor
        frames.append(frame)
    shared = Profile("female", 54.0)
    subjects = {f"s{number}" for number in range(len(frames))}
    return assess(pd.concat(frames, ignore_index=True), dict.fromkeys(subjects, shared), "iom")


def test_findings_made_once_per_situation_are_each_subjects_own():
    """The builder keys its findings by the profile and where the mean falls against the EAR, the RDA
    and 420 mg, not by the mean: each subject still gets exactly the findings of its own situation."""
    seen = _each_subjects_own_findings(_varied_study())
    assert len(seen) >= 4  # the study does reach different situations


def test_findings_are_not_shared_by_subjects_that_differ_in_one_part_of_their_situation():
    """Review of eb9fbd4: the test above passed with `supplements`, `ul_exceeded` or the 420 mg
    comparison left out of the findings' key (its subjects differ in several parts at once). Each pair
    here, built before being looked up, differs in one part only: a key without it gives the second
    subject the first one's findings."""
    pairs = (
        (0.5, 0.0), (0.45, 0.05),  # below the EAR; supplements or not
        (4.0, 0.6), (4.0, 0.8),  # above 420 mg with supplements; the UL passed on a day or not
        (2.2, 0.0), (4.0, 0.0),  # above the RDA without supplements; under 420 mg or not
    )  # fmt: skip
    seen = _each_subjects_own_findings(_varied_study(pairs))
    assert len(seen) == len(pairs)  # every subject in a situation of its own


def _each_subjects_own_findings(study: Assessment) -> set[tuple[str, ...]]:
    """Assert that each subject's findings and situation tags are its own situation's; the tag sets seen."""
    built = report(study)
    rows = study.subjects.set_index("subject")
    seen = set()
    for subject in built.subjects:
        row = rows.loc[subject.subject]
        reference = study.references[subject.subject]
        situation = evidence.Situation.of(
            study.profiles[subject.subject],
            float(row["mean_intake_mg"]),
            reference.ear_mg,
            reference.rda_mg,
            bool(row["ul_exceeded"]),
            False,
            supplements=float(row["mean_supplement_mg"]) + float(row["mean_medicine_mg"]) > 0,
        )
        assert subject.situations == tuple(sorted(situation.tags - {"any"}))
        assert [entry.id for entry in subject.evidence] == [entry["id"] for entry in evidence.select(situation)]
        seen.add(subject.situations)
    return seen


def test_upper_limit_entries_are_shared_only_when_their_figures_are_the_same():
    """Subjects without supplements or medicines share one upper-limit entry; a subject with them
    gets its own figures, and a -0.0 (which equals 0.0 as a key) is never given a shared 0.0."""
    from mgcheck.report import Shared

    built = report(_varied_study())
    by_name = {subject.subject: subject.upper_limit for subject in built.subjects}
    assert by_name["s0"] is by_name["s1"] and by_name["s0"].mean_supplement_mg == 0.0
    assert by_name["s4"] is not by_name["s0"] and by_name["s4"].mean_supplement_mg == 300.0
    assert by_name["s5"].exceeded and by_name["s5"].max_day_supplement_mg == 4000.0
    shared = Shared()
    zero = shared.upper_limit(350, 0.0, 0.0, 0.0, 0.0, False, 0, "iom")
    assert shared.upper_limit(350, 0.0, 0.0, 0.0, 0.0, False, 0, "iom") is zero
    negative = shared.upper_limit(350, -0.0, 0.0, 0.0, 0.0, False, 0, "iom")
    assert math.copysign(1.0, negative.mean_supplement_mg) == -1.0
    assert shared.upper_limit(350.0, 0.0, 0.0, 0.0, 0.0, False, 0, "iom").ul_mg.is_integer()
    assert type(shared.upper_limit(350.0, 0.0, 0.0, 0.0, 0.0, False, 0, "iom").ul_mg) is float


def test_json_and_markdown_are_written_subject_by_subject_and_the_same_as_from_the_whole_report(monkeypatch):
    """`report --format json/markdown` make each subject as it is written (mgcheck.report.streamed),
    so a study of 100,000 subjects never holds every subject's results at once; the text is the
    same as the whole report's, and a report already made is written as it is."""
    from mgcheck import report as builder
    from mgcheck.render import ReportInput

    study = _varied_study()
    whole = report(study)
    made = builder.subject_report
    calls = []

    def counting(*args, **kwargs):
        calls.append(args[1])
        return made(*args, **kwargs)

    monkeypatch.setattr(builder, "subject_report", counting)
    pieces = json_out.chunks(ReportInput(study).subject_by_subject())
    assert next(pieces).startswith('{"schema": ') and calls == []
    assert next(pieces) == ', "subjects": [' and calls == []
    next(pieces)
    assert len(calls) == 1  # the first subject written before the second is made
    assert "".join([*pieces]) and len(calls) == len(whole.subjects)
    assert "".join(json_out.chunks(builder.streamed(study))) == json_out.render_report(whole)
    assert "".join(markdown.chunks(builder.streamed(study))) == markdown.render(whole)
    given = ReportInput(study)
    made_already = given.report
    assert given.subject_by_subject() is made_already  # not made again


def test_records_are_built_a_block_of_subjects_at_a_time_and_the_report_is_the_same(monkeypatch):
    """The builder makes its plain records for SUBJECT_BLOCK subjects at a time (a 100,000-subject JSON
    report held every subject's records: 938 MB peak, 326 MB with blocks), whatever the order of the
    study's item and day rows; the report is the same as when one block holds every subject."""
    import dataclasses

    from mgcheck import report as builder

    study = _varied_study()
    items = pd.concat([study.items.iloc[::-1], study.items.iloc[:3].assign(subject="not assessed")])
    study = dataclasses.replace(study, items=items, days=study.days.sample(frac=1.0, random_state=4))
    whole = json_out.render_report(report(study))
    made = builder._record_columns
    blocks = []

    def counting(frame: pd.DataFrame):
        blocks.append(sorted(frame["subject"].unique()))
        return made(frame)

    monkeypatch.setattr(builder, "_record_columns", counting)
    monkeypatch.setattr(builder, "SUBJECT_BLOCK", 3, raising=False)
    assert "".join(json_out.chunks(builder.streamed(study))) == whole
    assert blocks == [["s0", "s1", "s2"], ["s3", "s4", "s5"], ["s6", "s7"]]
