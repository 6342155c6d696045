#!/usr/bin/env python3
"""Time `mgcheck report` against `mgcheck summary` on many small subjects: medians of interleaved rounds.

The study is benchmarks/generate.py's with one day of one to five items a subject (the shape
where per-subject work shows most), with a profile for every subject. Target (issue 10 part 6):
`report --format json` (and csv, markdown) within 3 x `summary` on 100,000 subjects. The
terminal text report is timed too (`--terminal`; no target, it is Rich, a few ms a subject).

Usage: python benchmarks/report_scale.py [--subjects 10000] [--repeat 3] [--terminal]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402  (a script beside this one)
from run import MGCHECK, interleaved, peak_mib  # noqa: E402

FORMATS = ("json", "csv", "markdown")


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
    log, profiles = generate(args.subjects, 1, 1, work, args.seed)
    rows = sum(1 for _ in log.open(encoding="utf-8")) - 1

    def command(*what: str, name: str) -> list[str]:
        return [*MGCHECK, *what, str(log), "--profiles", str(profiles), "-q", "-o", str(work / name)]

    commands = {"summary": command("summary", name="summary.csv")}
    for output_format in FORMATS:
        commands[f"report_{output_format}"] = command("report", "--format", output_format, name=f"r.{output_format}")
    if args.terminal:
        commands["report_terminal"] = command("report", name="r.txt")
    medians = interleaved(commands, args.repeat)
    results: dict[str, object] = {
        "subjects": args.subjects,
        "rows": rows,
        "seconds": {name: round(value, 2) for name, value in medians.items()},
        "vs_summary": {name: round(value / medians["summary"], 2) for name, value in medians.items()},
        "json_mib": round((work / "r.json").stat().st_size / 2**20, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
    if args.memory:
        results["peak_mib"] = {name: round(peak_mib(cmd)) for name, cmd in commands.items()}
    print(json.dumps(results, indent=2))
    failed = [name for name in commands if name != "report_terminal" and medians[name] > 3.0 * medians["summary"]]
    print("within 3 x summary:", "yes" if not failed else f"NO ({', '.join(failed)})")


if __name__ == "__main__":
    main()
