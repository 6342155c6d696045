#!/usr/bin/env python3
"""Time `mgcheck report` against `mgcheck summary` on many small subjects: medians of interleaved rounds.

The study is benchmarks/generate.py's with one day of one to five items a subject (the shape
where per-subject work shows most), with a profile for every subject. Target (issue 10 part 6):
`report --format json` (and csv, markdown) within 3 x `summary` on 100,000 subjects. The
terminal text report is timed too (`--terminal`; no target, it is Rich, a few ms a subject).
Each command's wall time and user CPU (what the load on a shared machine disturbs least) are
medians of interleaved rounds. The food index is built once, untimed, in a cache folder of the
run's own (MGCHECK_CACHE_DIR), so no command pays for it.

Usage: python benchmarks/report_scale.py [--subjects 10000] [--repeat 3] [--terminal]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (a script beside this one)
from run import MGCHECK, interleaved_with_cpu, peak_mib  # noqa: E402

FORMATS = ("json", "csv", "markdown")


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall seconds and user CPU seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if completed.returncode not in (0, 3):
        sys.exit(f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians are reported)")
    parser.add_argument("--terminal", action="store_true", help="also time the terminal text report")
    parser.add_argument("--memory", action="store_true", help="also measure peak memory (one more run each)")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--out", type=Path, default=None, help="keep the study and outputs here")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="mgcheck-report-scale-"))
    os.environ.setdefault("MGCHECK_CACHE_DIR", str(work / "cache"))  # the runs' own food index
    log, profiles = generate(args.subjects, 1, 1, work, args.seed)
    rows = sum(1 for _ in log.open(encoding="utf-8")) - 1

    def command(*what: str, name: str) -> list[str]:
        return [*MGCHECK, *what, str(log), "--profiles", str(profiles), "-q", "-o", str(work / name)]

    commands = {"summary": command("summary", name="summary.csv")}
    for output_format in FORMATS:
        commands[f"report_{output_format}"] = command("report", "--format", output_format, name=f"r.{output_format}")
    if args.terminal:
        commands["report_terminal"] = command("report", name="r.txt")
    # Untimed: builds and keeps the food index log matching uses. `foods search` (used before session 19)
    # keeps the search index only, so the first timed summary built the other one inside its rounds.
    run_once(commands["summary"])
    medians, user = interleaved_with_cpu(commands, args.repeat, once=run_once)  # user CPU only
    results: dict[str, object] = {
        "subjects": args.subjects,
        "rows": rows,
        "seconds": {name: round(value, 2) for name, value in medians.items()},
        "vs_summary": {name: round(value / medians["summary"], 2) for name, value in medians.items()},
        "user_cpu_seconds": {name: round(value, 2) for name, value in user.items()},
        "user_cpu_vs_summary": {name: round(value / user["summary"], 2) for name, value in user.items()},
        "json_mib": round((work / "r.json").stat().st_size / 2**20, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
    if args.memory:
        results["peak_mib"] = {name: round(peak_mib(cmd)) for name, cmd in commands.items()}
    print(json.dumps(results, indent=2))
    for measure, figures in (("wall", medians), ("user CPU", user)):
        failed = [name for name in commands if name != "report_terminal" and figures[name] > 3.0 * figures["summary"]]
        print(f"within 3 x summary ({measure}):", "yes" if not failed else f"NO ({', '.join(failed)})")


if __name__ == "__main__":
    main()
