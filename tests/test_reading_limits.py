"""Issue 10 part 6: a cut-short NHANES XPORT file and the memory guard's limits (process, container, rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

import mgcheck.importers.reading as reading

XPT = Path(__file__).parent / "data" / "exports" / "nhanes_dr2iff.xpt"  # 8 rows of 64 bytes + 48 blanks
PATIENT = ("--sex", "F", "--age", "40", "--format", "csv")


def _cut(tmp_path: Path, drop: int) -> Path:
    raw = XPT.read_bytes()
    path = tmp_path / f"cut{drop}.xpt"
    path.write_bytes(raw[: len(raw) - drop])
    return path


@pytest.mark.parametrize(("drop", "present"), [(49, 63), (80, 32), (150, 26), (300, 4)])
def test_an_xport_file_cut_inside_a_row_is_an_error_in_mgchecks_words(tmp_path, invoke, drop, present):
    path = _cut(tmp_path, drop)
    result = invoke("summary", path, *PATIENT)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{path}: is a SAS XPORT file cut short (its last row has {present} of 64 bytes)" in result.stderr
    assert "UserWarning" not in result.stderr and "corrupted" not in result.stderr


@pytest.mark.parametrize("drop", [1, 48])
def test_an_xport_file_missing_only_its_blank_padding_reads_whole(tmp_path, invoke, drop):
    whole = invoke("summary", XPT, *PATIENT)
    result = invoke("summary", _cut(tmp_path, drop), *PATIENT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == whole.stdout and "corrupted" not in result.stderr
    assert reading.xport_cut_short(XPT.read_bytes()) is None


def test_cgroup_v2_and_v1_limits(tmp_path):
    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "memory.max").write_text("1000000\n")
    (v2 / "memory.current").write_text("400000\n")
    assert reading.cgroup_headroom(v2) == 600000
    (v2 / "memory.max").write_text("max\n")
    assert reading.cgroup_headroom(v2) is None
    v1 = tmp_path / "v1"
    (v1 / "memory").mkdir(parents=True)
    (v1 / "memory" / "memory.limit_in_bytes").write_text("5000\n")
    (v1 / "memory" / "memory.usage_in_bytes").write_text("1000\n")
    assert reading.cgroup_headroom(v1) == 4000
    (v1 / "memory" / "memory.limit_in_bytes").write_text(str(1 << 62))
    assert reading.cgroup_headroom(v1) is None
    assert reading.cgroup_headroom(tmp_path / "absent") is None


def test_available_memory_is_the_least_of_free_memory_process_limit_and_cgroup(tmp_path, monkeypatch):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:  64000000 kB\nMemAvailable:  32000000 kB\n")
    cgroup = tmp_path / "cgroup"
    cgroup.mkdir()
    (cgroup / "memory.max").write_text(str(2_000_000_000))
    (cgroup / "memory.current").write_text(str(500_000_000))
    monkeypatch.setattr(reading, "PROC_MEMINFO", meminfo)
    monkeypatch.setattr(reading, "CGROUP_ROOT", cgroup)
    monkeypatch.setattr(reading, "rlimit_headroom", lambda: None)
    assert reading.available_memory() == 1_500_000_000  # the container, not the host's 32 GB
    monkeypatch.setattr(reading, "rlimit_headroom", lambda: 700_000_000)  # ulimit -v
    assert reading.available_memory() == 700_000_000


def test_rlimit_headroom_reads_the_process_limit(monkeypatch):
    resource = pytest.importorskip("resource")
    monkeypatch.setattr(resource, "getrlimit", lambda which: (3_000_000_000, resource.RLIM_INFINITY))
    status = Path(reading.PROC_STATUS)
    if not status.exists():
        pytest.skip("no /proc/self/status here")
    headroom = reading.rlimit_headroom()
    assert headroom is not None and 0 <= headroom < 3_000_000_000
    monkeypatch.setattr(resource, "getrlimit", lambda which: (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    assert reading.rlimit_headroom() is None


def test_a_log_of_many_short_rows_is_judged_by_its_rows(write_log, invoke, monkeypatch):
    path = write_log(
        "subject,date,food,amount,unit\n" + "".join(f"s{i // 4},2024-01-01,egg,1,large\n" for i in range(2000))
    )
    size = path.stat().st_size
    rows = reading.estimated_rows(path, size)
    assert rows == 2001  # a file under the sample size is counted exactly (header included)
    assert rows * reading.MEMORY_PER_LOG_ROW > size * reading.MEMORY_PER_LOG_BYTE
    monkeypatch.setattr(reading, "available_memory", lambda: size * reading.MEMORY_PER_LOG_BYTE + 1)
    result = invoke("summary", path, "--sex", "F", "--age", "40")
    assert result.exit_code == 1 and "split the study into batches of subjects" in result.stderr
    monkeypatch.setattr(reading, "available_memory", lambda: rows * reading.MEMORY_PER_LOG_ROW + 1)
    result = invoke("summary", path, "--sex", "F", "--age", "40")
    assert result.exit_code == 0, result.stderr
