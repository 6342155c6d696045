#!/usr/bin/env python3
"""Time mgcheck against its baselines, side by side in one run: medians of interleaved rounds.

Each measure runs as a separate process (interpreter start and imports included) next to a
baseline that does the least any tool must, and every round runs each command once, in turn,
so load on the machine falls on both sides alike. The figure reported is the median of the
rounds. Targets (issue 10 part 8):

- one patient, 7 days, `mgcheck report`  <= 1.0 x `python -c "import pandas"`
- `mgcheck --help`                        <= 1.5 x `python -c "import typer, rich"`
- `mgcheck summary` on ~1M rows           <= 1.5 x a bare pandas read + merge + group-by, peak <= 300 MB;
  on the project's study (everyday names with typos, household measures) and on one drawn from
  3,000 SR28 names with g and oz
- matching                                <= 0.5 ms per distinct free-text string (in one process,
  after the index is loaded; the texts are table names with a typo, a dropped word or swapped words)

With --population it also times `mgcheck population` on the project's study (no bootstrap;
target within 3x `summary`) and on a 2-day study of the same subjects with 200 bootstrap
replicates (target under 10 s).

`--only startup` times just the first two (the report and `--help` with their baselines), which
needs no 1M-row study.

mgcheck's modules are byte-compiled first (`compileall`): a wheel install ships .pyc files, while an
editable install under PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run
(0.1-0.15 s) and time the compiler instead of mgcheck.

Usage: python benchmarks/run.py [--subjects 10000] [--days 7] [--repeat 3] [--texts 2000] [--population]
                                [--only startup]
"""

from __future__ import annotations

import argparse
import compileall
import csv
import itertools
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
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

MATCHING = r"""
import json, sys, time
from mgcheck.matching import bundled_index
texts = json.load(open(sys.argv[1], encoding="utf-8"))
index = bundled_index()
start, cpu = time.perf_counter(), time.process_time()
matches = index.match_many(texts)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "texts": len(texts), "matched": sum(m.food_id is not None for m in matches.values())}))
"""


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, `getrusage` of the child) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 3):
        sys.exit(f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    return elapsed, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def interleaved(commands: dict[str, list[str]], rounds: int) -> dict[str, float]:
    """Median wall time of each command over `rounds` rounds, each round running every command once."""
    return interleaved_with_cpu(commands, rounds)[0]


def interleaved_with_cpu(
    commands: dict[str, list[str]],
    rounds: int,
    once: Callable[[list[str]], tuple[float, float]] | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall time and median CPU time (steadier on a loaded machine) of each command over
    `rounds` rounds, each round running every command once (with `once`, run_once by default)."""
    once = once or run_once
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            wall, used = once(command)
            times[name].append(wall)
            cpu[name].append(used)
    return (
        {name: statistics.median(values) for name, values in times.items()},
        {name: statistics.median(values) for name, values in cpu.items()},
    )


def peak_mib(command: list[str]) -> float:
    """Peak RSS (MiB) of one run of `command`, with /usr/bin/time when available."""
    if not Path("/usr/bin/time").exists():
        return float("nan")
    completed = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False)
    return int(completed.stderr.strip().splitlines()[-1]) / 1024


def sr28_study(subjects: int, days: int, items_per_day: int, out: Path, seed: int) -> Path:
    """A study whose foods are 3,000 SR28 names as the table writes them, in g and oz."""
    from mgcheck.resources import bundled_foods

    rng = random.Random(seed)
    foods = bundled_foods()
    names = sorted(foods.loc[foods["table"] == "sr28", "name"])
    chosen = rng.sample(names, 3000)
    path = out / f"study_sr28_{subjects}x{days}.csv"
    start = date(2026, 11, 2)
    with path.open("w", newline="", encoding="utf-8") as handle:
        log = csv.writer(handle, lineterminator="\n")
        log.writerow(["subject", "date", "food", "amount", "unit"])
        for number in range(subjects):
            subject = f"S{number:06d}"
            for day in range(days):
                today = (start + timedelta(days=day)).isoformat()
                for _ in range(max(1, items_per_day + rng.randint(-3, 4))):
                    if rng.random() < 0.7:
                        log.writerow([subject, today, rng.choice(chosen), rng.choice((30, 50, 100, 150, 200)), "g"])
                    else:
                        log.writerow([subject, today, rng.choice(chosen), rng.choice((1, 2, 3)), "oz"])
    return path


def free_texts(count: int, seed: int) -> list[str]:
    """Distinct free-text food names no table writes as such: a table name with a typo, a word
    dropped or its words reordered, lower case."""
    from mgcheck.resources import bundled_foods

    rng = random.Random(seed)
    names = [name.lower().replace(",", "") for name in bundled_foods()["name"]]
    texts: set[str] = set()
    while len(texts) < count:
        words = rng.choice(names).split()[:5]
        change = rng.random()
        if change < 0.4 and len(words) > 1:
            words.pop(rng.randrange(len(words)))
        elif change < 0.7:
            rng.shuffle(words)
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 5:
            position = rng.randrange(1, len(word) - 1)
            words[longest] = word[:position] + word[position + 1 :]
        texts.add(" ".join(words))
    return sorted(texts)


def bench_folder() -> Path:
    """A fresh folder for this run, whose cache/ keeps the food index (MGCHECK_CACHE_DIR) for every timed
    command: other checkouts sharing ~/.cache cannot make it stale mid-run."""
    work = Path(tempfile.mkdtemp(prefix="mgcheck-bench-"))
    os.environ["MGCHECK_CACHE_DIR"] = str(work / "cache")
    return work


def startup_commands(log_path: Path, work: Path) -> dict[str, list[str]]:
    """The one-patient report (the study's first subject, `days` days) and `--help`, each beside its baseline.

    The report runs once here, untimed, so the food index is kept before the rounds (as after a first run).
    """
    week = work / "week.csv"
    with log_path.open(encoding="utf-8") as source:
        header = source.readline()
        first_subject = [line for line in itertools.islice(source, 200) if line.startswith("S000000,")]
    week.write_text(header + "".join(first_subject), encoding="utf-8")
    report = [*MGCHECK, "report", str(week), "--sex", "F", "--age", "54", "-q", "-o", str(work / "r.txt")]
    run_once(report)
    return {
        "import_pandas": [sys.executable, "-c", "import pandas"],
        "report_7_days": report,
        "import_typer_rich": [sys.executable, "-c", "import typer, rich"],
        "help": [*MGCHECK, "--help"],
    }


def startup(log_path: Path, rounds: int, work: Path) -> None:
    """Time only the start-up measures and print them as `main` does."""
    medians = interleaved(startup_commands(log_path, work), rounds)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_1_5_15": [round(value, 2) for value in os.getloadavg()],
        "rounds": rounds,
        "medians_s": {name: round(value, 3) for name, value in medians.items()},
        "report_vs_import_pandas": round(medians["report_7_days"] / medians["import_pandas"], 2),
        "help_vs_import_typer_rich": round(medians["help"] / medians["import_typer_rich"], 2),
    }
    print(json.dumps(results, indent=2))
    for name, ok in [
        ("one-patient 7-day report <= 1.0 x import pandas", results["report_vs_import_pandas"] <= 1.0),
        ("mgcheck --help <= 1.5 x import typer, rich", results["help_vs_import_typer_rich"] <= 1.5),
    ]:
        print(f"{'met   ' if ok else 'MISSED'}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians are reported)")
    parser.add_argument("--texts", type=int, default=2000, help="distinct free-text strings to match")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--population", action="store_true", help="also time mgcheck population")
    parser.add_argument("--only", choices=["startup"], help="time only the one-patient report and --help")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "mgcheck", quiet=1)
    # The run's own cache folder before anything loads the food index (generating the studies does):
    # the user's ~/.cache/mgcheck is neither read nor written.
    work = bench_folder()

    sys.path.insert(0, str(HERE))
    from generate import generate

    if args.only == "startup":
        startup(generate(1, args.days, 14, args.out, 20261121)[0], args.repeat, work)
        return
    log_path, profiles_path = generate(args.subjects, args.days, 14, args.out, 20261121)
    sr28_path = sr28_study(args.subjects, args.days, 14, args.out, 20261121)
    rows = sum(1 for _ in log_path.open(encoding="utf-8")) - 1
    sr28_rows = sum(1 for _ in sr28_path.open(encoding="utf-8")) - 1
    baseline_script = work / "baseline.py"
    baseline_script.write_text(BASELINE)
    matching_script = work / "matching.py"
    matching_script.write_text(MATCHING)
    texts_path = work / "texts.json"
    texts_path.write_text(json.dumps(free_texts(args.texts, 20261121)))
    foods_csv = ROOT / "foods.csv"
    sr28_profiles = work / "sr28_profiles.csv"
    sr28_profiles.write_text("subject,sex,age\n" + "".join(f"S{n:06d},F,54\n" for n in range(args.subjects)))

    def summary(log: Path, profiles: Path, name: str) -> list[str]:
        return [*MGCHECK, "summary", str(log), "--profiles", str(profiles), "-q", "-o", str(work / f"{name}.csv")]

    def baseline(log: Path, name: str) -> list[str]:
        return [sys.executable, str(baseline_script), str(log), str(foods_csv), str(work / f"{name}.csv")]

    commands = {
        **startup_commands(log_path, work),
        "baseline": baseline(log_path, "baseline"),
        "summary": summary(log_path, profiles_path, "summary"),
        "baseline_sr28": baseline(sr28_path, "baseline_sr28"),
        "summary_sr28": summary(sr28_path, sr28_profiles, "summary_sr28"),
    }
    started = time.perf_counter()
    medians, cpu_medians = interleaved_with_cpu(commands, args.repeat)
    matching_runs = [
        json.loads(subprocess.run([sys.executable, str(matching_script), str(texts_path)], capture_output=True,
                                  text=True, check=True).stdout)
        for _ in range(args.repeat)
    ]  # fmt: skip
    per_text_ms = statistics.median(run["seconds"] for run in matching_runs) / args.texts * 1000
    per_text_cpu_ms = statistics.median(run["cpu_seconds"] for run in matching_runs) / args.texts * 1000
    load = os.getloadavg()

    def ratio(name: str, base: str) -> float:
        return round(medians[name] / medians[base], 2)

    def cpu_ratio(name: str, base: str) -> float:
        return round(cpu_medians[name] / cpu_medians[base], 2)

    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_1_5_15": [round(value, 2) for value in load],
        "rounds": args.repeat,
        "medians_s": {name: round(value, 3) for name, value in medians.items()},
        "cpu_medians_s": {name: round(value, 3) for name, value in cpu_medians.items()},
        "report_vs_import_pandas": ratio("report_7_days", "import_pandas"),
        "help_vs_import_typer_rich": ratio("help", "import_typer_rich"),
        "rows": rows,
        "summary_vs_baseline": ratio("summary", "baseline"),
        "summary_vs_baseline_cpu": cpu_ratio("summary", "baseline"),
        "summary_peak_mib": round(peak_mib(commands["summary"])),
        "baseline_peak_mib": round(peak_mib(commands["baseline"])),
        "sr28_rows": sr28_rows,
        "summary_sr28_vs_baseline": ratio("summary_sr28", "baseline_sr28"),
        "summary_sr28_vs_baseline_cpu": cpu_ratio("summary_sr28", "baseline_sr28"),
        "summary_sr28_peak_mib": round(peak_mib(commands["summary_sr28"])),
        "matching_texts": args.texts,
        "matching_ms_per_text": round(per_text_ms, 3),
        "matching_cpu_ms_per_text": round(per_text_cpu_ms, 3),
        "matched_texts": matching_runs[0]["matched"],
    }
    targets = [
        ("one-patient 7-day report <= 1.0 x import pandas", results["report_vs_import_pandas"] <= 1.0),
        ("mgcheck --help <= 1.5 x import typer, rich", results["help_vs_import_typer_rich"] <= 1.5),
        ("summary <= 1.5 x baseline (project study)", results["summary_vs_baseline"] <= 1.5),
        ("summary peak memory <= 300 MB (project study)", results["summary_peak_mib"] * 2**20 <= 300e6),
        ("summary <= 1.5 x baseline (3,000 SR28 names, g and oz)", results["summary_sr28_vs_baseline"] <= 1.5),
        ("summary peak memory <= 300 MB (SR28 names)", results["summary_sr28_peak_mib"] * 2**20 <= 300e6),
        ("matching <= 0.5 ms per distinct free-text string", per_text_ms <= 0.5),
    ]
    if args.population:
        population_cmd = [*MGCHECK, "population", str(log_path), "--profiles", str(profiles_path), "-q"]
        two_days, two_profiles = generate(args.subjects, 2, 14, args.out, 20261121)
        bootstrap_cmd = [*MGCHECK, "population", str(two_days), "--profiles", str(two_profiles), "-q"]
        more = interleaved(
            {
                "summary": commands["summary"],
                "population": [*population_cmd, "-o", str(work / "population.csv")],
                "population_2_days_bootstrap_200": [*bootstrap_cmd, "--bootstrap", "200", "-o", str(work / "b.csv")],
            },
            args.repeat,
        )
        results["population_medians_s"] = {name: round(value, 2) for name, value in more.items()}
        results["population_vs_summary"] = round(more["population"] / more["summary"], 2)
        targets += [
            ("population <= 3 x summary", results["population_vs_summary"] <= 3.0),
            ("population, 2 days, 200 bootstrap replicates < 10 s", more["population_2_days_bootstrap_200"] < 10.0),
        ]
    results["benchmark_wall_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2))
    for name, ok in targets:
        print(f"{'met   ' if ok else 'MISSED'}  {name}")


if __name__ == "__main__":
    main()
