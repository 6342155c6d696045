#!/usr/bin/env python3
"""Time mgcheck against a plain pandas baseline on the same synthetic study, in the same run.

The baseline does the least any tool must: read the CSV, exact-merge the food names with
foods.csv, multiply grams by Mg per 100 g, and sum by subject and day. Both run as separate
processes (interpreter start and imports included), each timed best-of --repeat by wall clock,
with peak memory (max RSS) read from the kernel for that child. Also timed: `mgcheck --help`
and a one-patient, 7-day report.

With --population it also times `mgcheck population` on the same study (no bootstrap; target
within 3x `summary`) and on a 2-day study of the same subjects with 200 bootstrap replicates
(target under 10 s).

Usage: python benchmarks/run.py [--subjects 10000] [--days 7] [--repeat 3] [--population]
"""

from __future__ import annotations

import argparse
import itertools
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
ROOT = HERE.parent
MGCHECK = [sys.executable, "-m", "mgcheck"]

BASELINE = r"""
import sys
import pandas as pd
log = pd.read_csv(sys.argv[1])
foods = pd.read_csv(sys.argv[2], dtype={"food_id": str}, usecols=["name", "mg_per_100g"])
merged = log.merge(foods, left_on="food", right_on="name", how="left")
merged["mg"] = pd.to_numeric(merged["amount"], errors="coerce") * merged["mg_per_100g"] / 100.0
days = merged.groupby(["subject", "date"], as_index=False)["mg"].sum()
days.to_csv(sys.argv[3], index=False)
"""


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """Best wall time over `repeat` runs and the peak RSS (MiB) of the slowest-memory run."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if completed.returncode not in (0, 3):
            sys.exit(f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
        best = min(best, elapsed)
        # ru_maxrss of children is the maximum over all children so far (KiB on Linux).
        peak = max(peak, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    return best, peak


def child_peak_mib(command: list[str]) -> float:
    """Peak RSS of one run of `command`, measured alone with /usr/bin/time when available."""
    probe = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else None
    if probe is None:
        return float("nan")
    completed = subprocess.run(probe + command, capture_output=True, text=True, check=False)
    return int(completed.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--population", action="store_true", help="also time mgcheck population")
    args = parser.parse_args()

    sys.path.insert(0, str(HERE))
    from generate import generate

    log_path, profiles_path = generate(args.subjects, args.days, 14, args.out, 20261121)
    rows = sum(1 for _ in log_path.open(encoding="utf-8")) - 1
    work = Path(tempfile.mkdtemp(prefix="mgcheck-bench-"))
    baseline_script = work / "baseline.py"
    baseline_script.write_text(BASELINE)
    foods_csv = ROOT / "foods.csv"

    summary_cmd = [
        *MGCHECK,
        "summary",
        str(log_path),
        "--profiles",
        str(profiles_path),
        "-q",
        "-o",
        str(work / "summary.csv"),
    ]
    baseline_cmd = [sys.executable, str(baseline_script), str(log_path), str(foods_csv), str(work / "baseline.csv")]
    week = work / "week.csv"
    with log_path.open(encoding="utf-8") as source:
        header = source.readline()
        first_subject = [line for line in itertools.islice(source, 200) if line.startswith("S000000,")]
    week.write_text(header + "".join(first_subject), encoding="utf-8")
    report_cmd = [*MGCHECK, "report", str(week), "--sex", "F", "--age", "54", "-q", "-o", str(work / "report.txt")]

    baseline_s, _ = timed(baseline_cmd, args.repeat)
    summary_s, _ = timed(summary_cmd, args.repeat)
    help_s, _ = timed([*MGCHECK, "--help"], max(args.repeat, 5))
    report_s, _ = timed(report_cmd, args.repeat)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "rows": rows,
        "subjects": args.subjects,
        "baseline_s": round(baseline_s, 2),
        "summary_s": round(summary_s, 2),
        "ratio": round(summary_s / baseline_s, 2),
        "summary_peak_mib": round(child_peak_mib(summary_cmd)),
        "baseline_peak_mib": round(child_peak_mib(baseline_cmd)),
        "help_s": round(help_s, 3),
        "report_7_days_s": round(report_s, 2),
    }
    if args.population:
        population_cmd = [*MGCHECK, "population", str(log_path), "--profiles", str(profiles_path), "-q"]
        population_s, _ = timed([*population_cmd, "-o", str(work / "population.csv")], args.repeat)
        two_days, two_profiles = generate(args.subjects, 2, 14, args.out, 20261121)
        bootstrap_cmd = [*MGCHECK, "population", str(two_days), "--profiles", str(two_profiles), "-q"]
        bootstrap_s, _ = timed([*bootstrap_cmd, "--bootstrap", "200", "-o", str(work / "boot.csv")], args.repeat)
        results["population_s"] = round(population_s, 2)
        results["population_vs_summary"] = round(population_s / summary_s, 2)
        results["population_2_days_bootstrap_200_s"] = round(bootstrap_s, 2)
    print(json.dumps(results, indent=2))
    targets = [
        ("summary <= 2.5 x baseline", results["ratio"] <= 2.5),
        ("summary peak memory <= 1.5 GB", results["summary_peak_mib"] * 2**20 <= 1.5e9),
        ("mgcheck --help < 0.3 s", help_s < 0.3),
        ("one-patient 7-day report < 1 s", report_s < 1.0),
    ]
    if args.population:
        targets += [
            ("population <= 3 x summary", results["population_vs_summary"] <= 3.0),
            (
                "population, 2 days, 200 bootstrap replicates < 10 s",
                results["population_2_days_bootstrap_200_s"] < 10.0,
            ),
        ]
    for name, ok in targets:
        print(f"{'met ' if ok else 'MISSED'}  {name}")


if __name__ == "__main__":
    main()
