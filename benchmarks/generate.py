#!/usr/bin/env python3
"""Generate a realistic synthetic study: N subjects x D days x about I items a day, plus profiles.

Foods are everyday names (from mgcheck's alias table) written the way people write them:
plurals, capitals, one-letter typos, swapped letters; units are each food's own household
measures, grams, ounces or cups where the food has a cup measure; about 1 in 20 subject-days
has a magnesium supplement and about 1 in 400 items is a home-made dish no table knows.
Every name and unit is drawn from a fixed vocabulary (as in a real study, where the same
few thousand strings recur), and the output is deterministic for a given --seed.

Usage: python benchmarks/generate.py --subjects 10000 --days 7 --out benchmarks/out
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import date, timedelta
from pathlib import Path

from mgcheck.matching import bundled_index
from mgcheck.resources import aliases, bundled_measures
from mgcheck.units import MASS_G, VOLUME_ML, canonical_unit, convert_unit, measures_by_food, units_accepted

N_FOOD_NAMES = 400
VARIANTS_PER_NAME = 4
HOME_DISHES = ["grandma's lentil soup", "mum's special curry", "homemade stew", "aunt rosa's casserole"]


def _variants(name: str, rng: random.Random) -> list[str]:
    """The name as written, plus a plural, a capitalised form and a one-letter typo."""
    forms = [name, name.upper() if rng.random() < 0.3 else name.title()]
    words = name.split()
    if not words[-1].endswith("s"):
        forms.append(" ".join([*words[:-1], words[-1] + "s"]))
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) >= 6:
        position = rng.randrange(1, len(word) - 2)
        swapped = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        forms.append(" ".join([*words[:longest], swapped, *words[longest + 1 :]]))
    return forms[:VARIANTS_PER_NAME]


def vocabulary(rng: random.Random) -> list[tuple[str, list[tuple[str, float]]]]:
    """(food text, [(unit, typical amount)]) for the names the generator writes."""
    index = bundled_index()
    table = aliases()
    names = sorted(set(table["alias"]))
    rng.shuffle(names)
    chosen = []
    measures = measures_by_food(bundled_measures(), set(table["food_id"]))
    for name in names:
        food_id = table.loc[table["alias"] == name, "food_id"].iloc[0]
        food_measures = measures.get(food_id, [])
        units: list[tuple[str, float]] = [("g", rng.choice([30, 50, 80, 100, 150, 200])), ("oz", rng.choice([1, 2, 3]))]
        for unit in units_accepted(food_measures):
            if unit in MASS_G or unit in ("ml", "dl", "l", "fl oz"):
                continue
            try:
                grams = convert_unit(canonical_unit(unit), food_measures).grams_per_unit
            except ValueError:
                continue
            if 5 <= grams <= 400:
                units.append(
                    (unit, rng.choice([0.5, 1, 1, 1, 2]) if unit in VOLUME_ML or grams > 20 else rng.choice([2, 5, 10]))
                )
        for text in _variants(name, rng):
            match = index.match_many([text])[text]
            if match.food_id == food_id:
                chosen.append((text, units))
        if len({text for text, _ in chosen}) >= N_FOOD_NAMES * VARIANTS_PER_NAME * 0.8:
            break
    return chosen


def generate(subjects: int, days: int, items_per_day: int, out: Path, seed: int) -> tuple[Path, Path]:
    rng = random.Random(seed)
    foods = vocabulary(rng)
    out.mkdir(parents=True, exist_ok=True)
    log_path, profiles_path = out / f"study_{subjects}x{days}.csv", out / f"profiles_{subjects}.csv"
    start = date(2026, 11, 2)
    with (
        log_path.open("w", newline="", encoding="utf-8") as log_file,
        profiles_path.open("w", newline="") as profiles_file,
    ):
        log = csv.writer(log_file, lineterminator="\n")
        log.writerow(["subject", "date", "meal", "food", "amount", "unit", "kind"])
        profiles = csv.writer(profiles_file, lineterminator="\n")
        profiles.writerow(["subject", "sex", "age", "pregnant", "lactating"])
        meals = ["breakfast", "lunch", "dinner", "snack"]
        for number in range(subjects):
            subject = f"S{number:06d}"
            sex = rng.choice(["female", "male"])
            age = rng.randint(19, 85)
            pregnant = sex == "female" and age < 45 and rng.random() < 0.05
            profiles.writerow([subject, sex, age, "yes" if pregnant else "no", "no"])
            for day in range(days):
                today = (start + timedelta(days=day)).isoformat()
                for _ in range(max(1, items_per_day + rng.randint(-3, 4))):
                    if rng.random() < 0.0025:
                        log.writerow([subject, today, rng.choice(meals), rng.choice(HOME_DISHES), 250, "g", "food"])
                        continue
                    text, units = rng.choice(foods)
                    unit, amount = rng.choice(units)
                    log.writerow([subject, today, rng.choice(meals), text, amount, unit, "food"])
                if rng.random() < 0.05:
                    log.writerow(
                        [
                            subject,
                            today,
                            "evening",
                            "magnesium citrate",
                            rng.choice([100, 200, 250]),
                            "mg",
                            "supplement",
                        ]
                    )
    return log_path, profiles_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--items-per-day", type=int, default=14)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    log_path, profiles_path = generate(args.subjects, args.days, args.items_per_day, args.out, args.seed)
    rows = sum(1 for _ in log_path.open()) - 1
    print(f"{log_path} ({rows:,} rows), {profiles_path}")


if __name__ == "__main__":
    main()
