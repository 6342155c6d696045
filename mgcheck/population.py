"""Usual-intake distributions of a study's groups and the prevalence of inadequacy (NRC/IOM adjustment on a Box-Cox scale, the first step of the ISU method; IOM 2000 ch. 4).

The method, for each estimation group: a DRI life-stage group for the life-stage rows and the
all-subjects row (the same with or without a `by`), and a life stage x `by` level for the levels' rows:

1. Transform. Daily food intakes y (mg) are divided by their (weighted) geometric mean g and
   Box-Cox transformed, t = ((y/g)^lam - 1)/lam (log when lam = 0). lam is estimated per group by
   maximum likelihood over all daily values: because y/g has geometric mean 1, the Box-Cox profile
   log-likelihood reduces to -N/2 log var(t), so lam is the value in 0..1 that minimises the (weighted)
   variance of t (a grid of step 0.1, then golden-section search to 0.001). lam is kept between the log
   (0) and no transform (1), the range of the power transforms used for right-skewed intakes: a negative
   lam has an inverse that runs to infinity inside the back-transform's integration range, and on a small
   group it turned a few hundred mg into billions (a test keeps it from coming back).
2. Variance components (method of moments on the transformed scale). Within-person variance
   s_w^2 = sum_i w_i SS_i / sum_i w_i (n_i - 1), from subjects with two or more days (SS_i: the sum of
   squared deviations of person i's days from their own mean). Between-person variance
   s_b^2 = V - s_w^2 * sum_i w_i / n_i (weights summing to 1), where V is the weighted variance of the
   person means (divisor 1 - sum w_i^2, which is n - 1 without weights): E[V] = s_b^2 + s_w^2 mean(1/n_i).
   When a group has fewer than `min_repeaters` subjects with repeat days, the within share
   s_w^2 / (s_w^2 + s_b^2) is pooled across groups (weighted by their repeaters) and applied to the
   group's own variance of person means; the result says so.
3. Shrink. Each person's mean on the transformed scale moves towards the group mean m:
   u_i = m + (tbar_i - m) * sqrt(s_b^2 / (s_b^2 + s_w^2 / n_i)). This is the NRC (1986) / ISU
   adjustment: it gives the adjusted values the between-person variance s_b^2, the variance of the
   usual-intake distribution. (The factor without the square root, s_b^2 / (s_b^2 + s_w^2 / n_i), is the
   best predictor of one person's usual intake, but it shrinks the distribution to a variance of
   s_b^2 times that factor, too narrow, and would understate both tails; it is not used here.)
4. Back-transform with the bias handled: usual intake is the mean of daily intakes on the original
   scale, so each u_i is back-transformed by integrating the inverse transform over the within-person
   normal distribution, E[g * ginv(u_i + e)], e ~ N(0, s_w^2), with 9-point Gauss-Hermite quadrature
   (the approach of the NCI method; back-transforming u_i alone would give a median, not a mean).
5. Supplements: "shrink then add": each person's usual food intake plus their own mean daily
   supplement intake. Medicines (laxatives, antacids) are not intake: they count only toward the UL.
6. From the distribution: mean, SD, P5-P95; prevalence below the EAR (EAR cut-point method); share
   whose mean daily supplements + medicines exceed the UL; for AI-only groups the mean against the AI.
   Survey weights weight every step. Percentile bootstrap CIs resample subjects within groups
   (lam and g fixed at their full-sample values, so the CIs leave out that source of uncertainty).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from mgcheck.reference import CLI_OPTIONS, POPULATION_OPTIONS, OptionNames

if TYPE_CHECKING:
    from os import PathLike

    import numpy as np
    import pandas as pd

    from mgcheck.assess import Assessment
    from mgcheck.logs import FrameSource

SCHEMA = "mgcheck.population/1"
PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
MIN_REPEATERS = 30  # subjects with >= 2 days a group needs for its own variance ratio
MIN_GROUP_SIZE = 50  # below this a group's percentiles and prevalence are flagged unreliable
MIN_INTERVAL_SUBJECTS = 10  # below this a row gets no bootstrap interval (1 person's is [x, x])
EXTREME_PREVALENCE = 0.05  # below 5% or above 95% the cut-point estimate is flagged
CV_REQUIREMENT = 0.10  # IOM 1997: requirement SD is 10% of the EAR
QUADRATURE_POINTS = 9
CELL_KIND = "life stage by level"  # the kind of a life stage x `by` level row
BOOTSTRAP_BLOCK = 25  # replicates computed together (memory: block x subjects x 9 floats)
METHOD = (
    "NRC/IOM measurement-error adjustment on a Box-Cox scale (the parametric first step of the ISU method, "
    "Nusser et al. 1996, without its semiparametric second step; IOM 2000 ch. 4): Box-Cox per group, "
    "variance components from subjects with repeat days, shrink then add supplements, EAR cut-point"
)
AI_ABOVE = (
    "mean usual intake is at or above the AI: a low prevalence of inadequate intakes can be assumed "
    "(IOM 2000); no prevalence is estimated for groups with only an AI"
)
AI_BELOW = (
    "mean usual intake is below the AI: no quantitative estimate of the prevalence of inadequacy can be "
    "made (IOM 2000); intake may still be adequate"
)
ASSUMPTIONS = (
    "EAR cut-point assumptions: requirements roughly symmetric (true for magnesium), intakes and "
    "requirements independent, and usual intakes more variable than requirements (SD of requirements "
    "10% of the EAR); daily intakes normal after the group's Box-Cox transform; days are a random "
    "sample of each person's days"
)
NOT_A_PREVALENCE = (
    "individual conclusions (summary, report) must not be counted as a prevalence: few-day means "
    "are wider than usual intakes; use `mgcheck population` for a group's share below the EAR"
)


@dataclass(frozen=True)
class Interval:
    """A bootstrap percentile 95% confidence interval."""

    low: float
    high: float


@dataclass(frozen=True)
class GroupResult:
    """The estimated usual-intake distribution of one group (mg/day, food + supplements)."""

    group: str
    kind: str  # "life stage", "by", "overall"
    n_subjects: int
    n_repeaters: int  # subjects with two or more days
    n_days: int
    weighted_n: float
    ear_mg: float | None
    ai_mg: float | None
    ul_mg: float | None
    mean_mg: float | None
    sd_mg: float | None
    percentiles: dict[int, float] = field(default_factory=dict)
    prevalence_below_ear: float | None = None
    naive_prevalence_below_ear: float | None = None  # share of few-day means below the EAR
    share_above_ul: float | None = None
    mean_food_mg: float | None = None
    mean_supplement_mg: float | None = None
    mean_medicine_mg: float | None = None
    ai_statement: str | None = None
    box_cox_lambda: float | None = None
    var_between: float | None = None  # transformed scale
    var_within: float | None = None
    within_share: float | None = None
    ratio_pooled: bool = False
    mean_ci: Interval | None = None
    prevalence_ci: Interval | None = None
    share_above_ul_ci: Interval | None = None
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def interval(value: Interval | None, digits: int = 4) -> list[float | None] | None:
            """A share's interval to 4 decimals (0.3721), an interval in mg to 1, as every mg figure."""
            return None if value is None else [_round(value.low, digits), _round(value.high, digits)]

        return {
            "group": self.group,
            "kind": self.kind,
            "n_subjects": self.n_subjects,
            "n_repeaters": self.n_repeaters,
            "n_days": self.n_days,
            "weighted_n": _round(self.weighted_n, 3),
            "ear_mg": self.ear_mg,
            "ai_mg": self.ai_mg,
            "ul_mg": self.ul_mg,
            "mean_mg": _round(self.mean_mg, 1),
            "mean_ci": interval(self.mean_ci, 1),
            "sd_mg": _round(self.sd_mg, 1),
            "percentiles": {f"p{p}": _round(v, 1) for p, v in self.percentiles.items()},
            "prevalence_below_ear": _round(self.prevalence_below_ear, 4),
            "prevalence_ci": interval(self.prevalence_ci),
            "naive_prevalence_below_ear": _round(self.naive_prevalence_below_ear, 4),
            "share_above_ul": _round(self.share_above_ul, 4),
            "share_above_ul_ci": interval(self.share_above_ul_ci),
            "mean_food_mg": _round(self.mean_food_mg, 1),
            "mean_supplement_mg": _round(self.mean_supplement_mg, 1),
            "mean_medicine_mg": _round(self.mean_medicine_mg, 1),
            "ai_statement": self.ai_statement,
            "box_cox_lambda": _round(self.box_cox_lambda, 3),
            "var_between": _round(self.var_between, 6),
            "var_within": _round(self.var_within, 6),
            "within_share": _round(self.within_share, 4),
            "ratio_pooled": self.ratio_pooled,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class PopulationResult:
    """Every group's distribution, with the method's settings and the data checks."""

    groups: tuple[GroupResult, ...]
    bootstrap: int
    seed: int | None
    weights: str | None
    by: str | None
    standard: str
    checks: tuple[str, ...] = ()
    usual_mg: dict[str, float] = field(default_factory=dict)  # each subject's estimated usual intake
    method: str = METHOD
    assumptions: str = ASSUMPTIONS

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "method": self.method,
            "assumptions": self.assumptions,
            "standard": self.standard,
            "weights": self.weights,
            "by": self.by,
            "bootstrap": self.bootstrap,
            "seed": self.seed,
            "groups": [group.to_dict() for group in self.groups],
            "checks": list(self.checks),
        }


def _round(value: float | None, digits: int) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


# ---------------------------------------------------------------- transform


def box_cox(z: np.ndarray, lam: float) -> np.ndarray:
    import numpy as np

    if abs(lam) < 1e-9:
        return cast("np.ndarray", np.log(z))
    return cast("np.ndarray", (np.power(z, lam) - 1.0) / lam)


def inverse_box_cox(t: np.ndarray, lam: float) -> np.ndarray:
    """The inverse transform; values outside its range are clipped to the smallest positive intake."""
    import numpy as np

    if abs(lam) < 1e-9:
        return cast("np.ndarray", np.exp(t))
    base = np.maximum(lam * t + 1.0, 1e-12)
    return np.power(base, 1.0 / lam)


def estimate_lambda(z: np.ndarray, weights: np.ndarray) -> float:
    """Box-Cox lam by maximum likelihood for z with (weighted) geometric mean 1: minimise var(t).

    A grid over 0..1 (step 0.1) brackets the minimum; golden-section search refines it to 0.001.
    """
    import numpy as np

    logz = np.log(z)
    w = weights / weights.sum()

    def variance(lam: float) -> float:
        t = logz if abs(lam) < 1e-9 else np.expm1(lam * logz) / lam
        mean = float(w @ t)
        return float(w @ (t - mean) ** 2)

    grid = np.round(np.arange(0.0, 1.0001, 0.1), 10)
    best = int(np.argmin([variance(float(lam)) for lam in grid]))
    low, high = float(grid[max(best - 1, 0)]), float(grid[min(best + 1, len(grid) - 1)])
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = high - ratio * (high - low), low + ratio * (high - low)
    fa, fb = variance(a), variance(b)
    while high - low > 1e-3:
        if fa < fb:
            high, b, fb = b, a, fa
            a = high - ratio * (high - low)
            fa = variance(a)
        else:
            low, a, fa = a, b, fb
            b = low + ratio * (high - low)
            fb = variance(b)
    return round((low + high) / 2.0, 3)


# ---------------------------------------------------------------- variance components and shrinkage


@dataclass(frozen=True)
class _Fit:
    lam: float
    scale: float
    within_share_pooled: float | None  # used instead of the group's own when set


def _components(
    tbar: np.ndarray, n: np.ndarray, ss: np.ndarray, w: np.ndarray, pooled_share: float | np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, between and within variance on the transformed scale, over the last axis (batched)."""
    import numpy as np

    wn = w / w.sum(axis=-1, keepdims=True)
    mu = (wn * tbar).sum(axis=-1)
    dev = tbar - mu[..., None]
    denominator = np.maximum(1.0 - (wn**2).sum(axis=-1), 1e-12)
    v = (wn * dev**2).sum(axis=-1) / denominator
    h = (wn / n).sum(axis=-1)  # weighted mean of 1/n_i
    if pooled_share is not None:
        total = v / ((1.0 - pooled_share) + pooled_share * h)
        return mu, (1.0 - pooled_share) * total, pooled_share * total
    df = (w * (n - 1)).sum(axis=-1)
    vw = np.where(df > 0, (w * ss).sum(axis=-1) / np.maximum(df, 1e-300), np.nan)
    vb = v - vw * h
    return mu, vb, vw


def _usual_food(
    tbar: np.ndarray, n: np.ndarray, mu: np.ndarray, vb: np.ndarray, vw: np.ndarray, fit: _Fit
) -> np.ndarray:
    """Shrink person means (sqrt factor) and back-transform with Gauss-Hermite quadrature (mg/day)."""
    import numpy as np

    vb = np.maximum(vb, 0.0)[..., None]
    vw = np.maximum(vw, 0.0)[..., None]
    factor = np.sqrt(np.divide(vb, vb + vw / n, out=np.zeros(np.broadcast_shapes(vb.shape, n.shape)), where=vb > 0))
    u = mu[..., None] + (tbar - mu[..., None]) * factor
    nodes, node_weights = np.polynomial.hermite.hermgauss(QUADRATURE_POINTS)
    spread = np.sqrt(2.0 * vw)[..., None] * nodes
    values = inverse_box_cox(u[..., None] + spread, fit.lam)
    return np.asarray(fit.scale * (values @ (node_weights / math.sqrt(math.pi))))


# ---------------------------------------------------------------- statistics of a (batched) distribution


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, probabilities: Sequence[float]) -> np.ndarray:
    """Inverted-CDF quantiles over the last axis: the smallest value whose cumulative weight reaches p."""
    import numpy as np

    order = np.argsort(values, axis=-1, kind="stable")
    sorted_values = np.take_along_axis(values, order, axis=-1)
    cumulative = np.cumsum(np.take_along_axis(weights, order, axis=-1), axis=-1)
    total = cumulative[..., -1:]
    out = []
    for p in probabilities:
        index = (cumulative < p * total * (1 - 1e-12)).sum(axis=-1)
        index = np.minimum(index, values.shape[-1] - 1)
        out.append(np.take_along_axis(sorted_values, index[..., None], axis=-1)[..., 0])
    return np.stack(out, axis=-1)


def _share(mask: np.ndarray, w: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    import numpy as np

    denominator = (w * eligible).sum(axis=-1)
    return np.where(denominator > 0, (w * (mask & eligible)).sum(axis=-1) / np.maximum(denominator, 1e-300), np.nan)


@dataclass
class _Draws:
    """Per-person arrays of one group with a leading replicate axis (1 for the estimate itself)."""

    usual: np.ndarray  # usual food + own mean supplement
    food: np.ndarray
    weight: np.ndarray
    ear: np.ndarray
    ul: np.ndarray
    supplement: np.ndarray
    ul_intake: np.ndarray  # mean supplements + medicines
    medicine: np.ndarray


def _concat(parts: list[_Draws]) -> _Draws:
    import numpy as np

    return _Draws(*(np.concatenate([getattr(p, f) for p in parts], axis=-1) for f in _Draws.__dataclass_fields__))


def _statistics(d: _Draws) -> dict[str, np.ndarray]:
    import numpy as np

    wn = d.weight / d.weight.sum(axis=-1, keepdims=True)
    mean = (wn * d.usual).sum(axis=-1)
    variance = (wn * (d.usual - mean[..., None]) ** 2).sum(axis=-1) / np.maximum(1.0 - (wn**2).sum(axis=-1), 1e-12)
    has_ear = ~np.isnan(d.ear)
    has_ul = ~np.isnan(d.ul)
    return {
        "mean": mean,
        "sd": np.sqrt(variance),
        "quantiles": weighted_quantiles(d.usual, d.weight, [p / 100 for p in PERCENTILES]),
        "prevalence": _share(d.usual < np.where(has_ear, d.ear, -np.inf), d.weight, has_ear),
        "above_ul": _share(d.ul_intake > np.where(has_ul, d.ul, np.inf), d.weight, has_ul),
        "food": (wn * d.food).sum(axis=-1),
        "supplement": (wn * d.supplement).sum(axis=-1),
        "medicine": (wn * d.medicine).sum(axis=-1),
    }


# ---------------------------------------------------------------- the estimator on arrays


def _pooled_share_again(
    resampled: list[tuple[_Group, np.ndarray, np.ndarray]], pooled: float | None
) -> np.ndarray | None:
    """The pooled within-person share of each bootstrap replicate, estimated again from the resampled
    people of the groups it pools (each group's own share weighted by its repeaters in the replicate),
    so its uncertainty is in the intervals: kept at the full sample's value, a study with few repeat
    days got intervals a third as wide as its estimates' spread (session 25 trial). None when no
    group pools."""
    import numpy as np

    if not resampled:
        return None
    shares, counts = [], []
    for g, index, weights in resampled:
        n = g.n[index]
        _, vb, vw = _components(g.tbar[index], n, g.ss[index], weights[index], None)
        share = vw / (vw + np.maximum(vb, 0.0))
        repeaters = (n >= 2).sum(axis=-1).astype(float)
        usable = np.isfinite(share) & (repeaters > 0)
        shares.append(np.where(usable, share, 0.0))
        counts.append(np.where(usable, repeaters, 0.0))
    total = np.sum(counts, axis=0)
    again = np.sum(np.multiply(shares, counts), axis=0) / np.maximum(total, 1.0)
    # A replicate with no repeaters left in the pooled groups keeps the full sample's pooled share.
    return np.asarray(np.where(total > 0, again, pooled if pooled is not None else 0.0))


@dataclass
class _Group:
    key: str
    by_level: str | None
    people: np.ndarray  # positions in the people table
    tbar: np.ndarray
    n: np.ndarray
    ss: np.ndarray
    fit: _Fit
    own_share: float | None
    n_days: int
    flags: list[str]
    mu: float = math.nan
    vb: float = math.nan
    vw: float = math.nan


def estimate(
    days: pd.DataFrame,
    people: pd.DataFrame,
    *,
    bootstrap: int = 0,
    seed: int | None = None,
    min_repeaters: int = MIN_REPEATERS,
    min_group_size: int = MIN_GROUP_SIZE,
    weights_name: str | None = None,
    by_name: str | None = None,
    standard: str = "iom",
    checks: Sequence[str] = (),
    fixed_lambda: float | None = None,
    overall: bool | None = None,
    group_kind: str = "life stage",
    pool_name: str = "groups",
) -> PopulationResult:
    """The usual-intake distribution of each group, each `by` level and overall.

    `days`: one row per subject and day with `subject`, `food_mg`. `people`: one row per subject with
    `subject`, `group` (estimation group), `ear_mg`, `ai_mg`, `ul_mg` (NaN where the group has none),
    and optionally `by` (a reporting level), `weight`, `supplement_mg` (mean daily supplements),
    `medicine_mg` (mean daily medicines). Rows come out in the order groups first appear in `people`.
    `fixed_lambda` skips the Box-Cox estimate (1: no transform beyond the scaling). `overall` forces the
    all-subjects row on or off (by default: when there is more than one group or a `by`); `group_kind`
    is the kind of the estimation groups' own rows, and `pool_name` what they are called where a row says
    its within-person share is pooled over them.
    """
    import numpy as np

    checks = list(checks)
    people = people.reset_index(drop=True)
    count = len(people)
    if count == 0:
        raise ValueError("no subjects to estimate")
    code_of = {subject: i for i, subject in enumerate(people["subject"].astype(str))}
    person = days["subject"].astype(str).map(code_of)
    if person.isna().any():
        raise ValueError("days name subjects that are not in people")
    person_code = person.to_numpy(dtype=np.int64)
    food = days["food_mg"].to_numpy(dtype=float)
    weight = people["weight"].to_numpy(dtype=float) if "weight" in people else np.ones(count)
    zeros = np.zeros(count)
    supplement = people["supplement_mg"].to_numpy(dtype=float) if "supplement_mg" in people else zeros
    medicine = people["medicine_mg"].to_numpy(dtype=float) if "medicine_mg" in people else zeros
    ear = people["ear_mg"].to_numpy(dtype=float)
    ai = people["ai_mg"].to_numpy(dtype=float)
    ul = people["ul_mg"].to_numpy(dtype=float)
    group_of = people["group"].astype(str).to_numpy()
    by_of = people["by"].astype(str).to_numpy() if "by" in people else None

    nonpositive = food <= 0
    if nonpositive.any():
        floor = 0.5 * float(food[~nonpositive].min()) if (~nonpositive).any() else 1.0
        food = np.where(nonpositive, floor, food)
        checks.append(
            f"{int(nonpositive.sum())} day(s) with no food magnesium were set to {floor:.1f} mg "
            "(half the smallest daily intake) for the transform"
        )

    n_all = np.bincount(person_code, minlength=count).astype(float)
    groups: list[_Group] = []
    for key in dict.fromkeys(group_of):
        members = np.flatnonzero(group_of == key)
        in_group = np.isin(person_code, members)
        day_person = person_code[in_group]
        y = food[in_group]
        day_weight = weight[day_person]
        scale = float(np.exp(np.average(np.log(y), weights=day_weight)))
        lam = estimate_lambda(y / scale, day_weight) if fixed_lambda is None else fixed_lambda
        t = box_cox(y / scale, lam)
        n = n_all[members]
        local = np.searchsorted(members, day_person)
        tbar = np.bincount(local, weights=t, minlength=len(members)) / n
        ss = np.bincount(local, weights=(t - tbar[local]) ** 2, minlength=len(members))
        repeaters = int((n >= 2).sum())
        own = None
        if repeaters >= 1 and len(members) >= 2:
            _, vb0, vw0 = _components(tbar, n, ss, weight[members], None)
            own = float(vw0 / (vw0 + max(float(vb0), 0.0)))
        groups.append(_Group(key, None, members, tbar, n, ss, _Fit(lam, scale, None), own, int(in_group.sum()), []))

    # Pool the within share over groups with enough repeaters (or every group with some, if none has).
    eligible = [g for g in groups if g.own_share is not None and (g.n >= 2).sum() >= min_repeaters]
    if not eligible:
        eligible = [g for g in groups if g.own_share is not None]
    total_repeaters = sum(int((g.n >= 2).sum()) for g in eligible)
    pooled = (
        sum(float(g.own_share) * int((g.n >= 2).sum()) for g in eligible if g.own_share is not None) / total_repeaters
        if total_repeaters
        else None
    )
    study_repeaters = sum(int((g.n >= 2).sum()) for g in groups)
    if study_repeaters < min_repeaters:
        checks.append(
            f"only {study_repeaters} subject(s) in the study have two or more days (at least {min_repeaters} "
            "are needed to separate day-to-day from between-person variation): every estimate is unreliable"
        )
    # A share of the two variations needs a group with two people, one of them with repeat days.
    no_share = (
        "no subject in the study has two or more days"
        if not study_repeaters
        else "no group has two or more subjects, one of them with two or more days"
    )

    def too_few(people_count: int) -> list[str]:
        """The size check every row carries: a life stage's, a `by` level's and the overall row."""
        if people_count >= min_group_size:
            return []
        return [f"only {people_count} subject(s) (fewer than {min_group_size}): estimates unreliable"]

    for g in groups:
        repeaters = int((g.n >= 2).sum())
        if repeaters < min_repeaters:
            if pooled is None:
                g.flags.append(
                    f"{no_share}: day-to-day variation cannot be separated from between-person variation, "
                    "so usual intake cannot be estimated"
                )
                g.flags += too_few(len(g.people))
                continue
            g.fit = _Fit(g.fit.lam, g.fit.scale, pooled)
            g.flags.append(
                f"{repeaters} subject(s) with repeat days (fewer than {min_repeaters}): the within-person share "
                f"of variance ({pooled:.2f}) is the study's, pooled over the {pool_name} with repeat days"
            )
        mu, vb, vw = _components(g.tbar, g.n, g.ss, weight[g.people], g.fit.within_share_pooled)
        g.mu, g.vb, g.vw = float(mu), float(vb), float(vw)
        if g.vb <= 0:
            g.flags.append(
                "within-person variance is larger than the total variance of person means (between-person "
                "variance estimated <= 0): every usual intake is set to the group mean; prevalence unreliable"
            )
        g.flags += too_few(len(g.people))

    def draws(g: _Group, index: np.ndarray | None, pooled_again: np.ndarray | None = None) -> _Draws:
        """Usual intakes of the group's people; `index` (replicates x people) resamples them, and
        `pooled_again` (one per replicate) is the pooled within share estimated again from them."""
        pick = g.people if index is None else g.people[index]
        local = np.arange(len(g.people)) if index is None else index
        tbar, n, ss = g.tbar[local], g.n[local], g.ss[local]
        w = weight[pick]
        if index is None:
            tbar, n, ss, w, pick = tbar[None], n[None], ss[None], w[None], pick[None]
            mu, vb, vw = np.array([g.mu]), np.array([g.vb]), np.array([g.vw])
        else:
            pooled_share = g.fit.within_share_pooled
            mu, vb, vw = _components(tbar, n, ss, w, pooled_again if pooled_share is not None else None)
        food_usual = _usual_food(tbar, n, mu, vb, vw, g.fit)
        return _Draws(
            usual=food_usual + supplement[pick],
            food=food_usual,
            weight=w,
            ear=ear[pick],
            ul=ul[pick],
            supplement=supplement[pick],
            ul_intake=supplement[pick] + medicine[pick],
            medicine=medicine[pick],
        )

    usable = [g for g in groups if not math.isnan(g.mu)]
    estimates = {g.key: draws(g, None) for g in usable}
    replicates: dict[str, list[_Draws]] = {g.key: [] for g in usable}
    if bootstrap > 0:
        rng = np.random.default_rng(seed)
        for start in range(0, bootstrap, BOOTSTRAP_BLOCK):
            size = min(BOOTSTRAP_BLOCK, bootstrap - start)
            indexes = {g.key: rng.integers(0, len(g.people), size=(size, len(g.people))) for g in usable}
            again = _pooled_share_again(
                [(g, indexes[g.key], weight[g.people]) for g in eligible if g.key in indexes], pooled
            )
            for g in usable:
                replicates[g.key].append(draws(g, indexes[g.key], again))

    naive_mean = (
        np.bincount(person_code, weights=food, minlength=count) / np.maximum(n_all, 1) + supplement
    )  # few-day means of food + supplements

    def summarise(
        name: str, kind: str, members: list[_Group], people_mask: np.ndarray, flags: list[str], fit: _Group | None
    ) -> GroupResult:
        inside = [g for g in members if g.key in estimates]
        chosen = np.flatnonzero(people_mask)
        ear_values = {float(v) for v in ear[chosen] if not math.isnan(v)}
        ai_values = {float(v) for v in ai[chosen] if not math.isnan(v)}
        ul_values = {float(v) for v in ul[chosen] if not math.isnan(v)}
        single = len({g.key for g in members}) == 1
        ear_one = next(iter(ear_values)) if len(ear_values) == 1 and single else None
        ai_one = next(iter(ai_values)) if len(ai_values) == 1 and single else None
        ul_one = next(iter(ul_values)) if len(ul_values) == 1 else None
        base = {
            "group": name,
            "kind": kind,
            "n_subjects": len(chosen),
            "n_repeaters": int((n_all[chosen] >= 2).sum()),
            "n_days": int(n_all[chosen].sum()),
            "weighted_n": float(weight[chosen].sum()),
            "ear_mg": ear_one,
            "ai_mg": ai_one,
            "ul_mg": ul_one,
        }
        if fit is not None:
            base.update(
                box_cox_lambda=fit.fit.lam,
                var_between=None if math.isnan(fit.vb) else fit.vb,
                var_within=None if math.isnan(fit.vw) else fit.vw,
                within_share=fit.fit.within_share_pooled if fit.fit.within_share_pooled is not None else fit.own_share,
                ratio_pooled=fit.fit.within_share_pooled is not None,
            )
        if not inside:
            return GroupResult(**base, mean_mg=None, sd_mg=None, flags=tuple(flags))  # type: ignore[arg-type]
        full = _statistics(_concat([estimates[g.key] for g in inside]))
        has_ear = ~np.isnan(ear[chosen])
        prevalence = float(full["prevalence"][0]) if has_ear.any() else None
        naive = (
            float(_share(naive_mean[chosen] < np.where(has_ear, ear[chosen], -np.inf), weight[chosen], has_ear))
            if has_ear.any()
            else None
        )
        above_ul = float(full["above_ul"][0]) if (~np.isnan(ul[chosen])).any() else None
        intervals: dict[str, Interval | None] = {"mean": None, "prevalence": None, "above_ul": None}
        if bootstrap > 0 and len(chosen) < MIN_INTERVAL_SUBJECTS:
            # Resampling 1 or 2 people gives an interval of width 0 (or of 3 values) labelled 95%.
            flags.append(
                f"no confidence intervals: a bootstrap of fewer than {MIN_INTERVAL_SUBJECTS} subjects says nothing"
            )
        elif bootstrap > 0:
            blocks = [
                _statistics(_concat([replicates[g.key][b] for g in inside]))
                for b in range(len(replicates[inside[0].key]))
            ]
            for stat in intervals:
                values = np.concatenate([block[stat] for block in blocks])
                values = values[~np.isnan(values)]
                if len(values) and not (stat == "prevalence" and prevalence is None):
                    if stat == "above_ul" and above_ul is None:
                        continue
                    low, high = np.percentile(values, [2.5, 97.5])
                    intervals[stat] = Interval(float(low), float(high))
        mean = float(full["mean"][0])
        ai_statement = None
        if prevalence is None and ai_one is not None:
            ai_statement = AI_ABOVE if mean >= ai_one else AI_BELOW
        if prevalence is not None and not EXTREME_PREVALENCE <= prevalence <= 1 - EXTREME_PREVALENCE:
            flags.append(
                f"prevalence {prevalence:.1%} is near 0% or 100%, where the cut-point method is least reliable"
            )
        sd = float(full["sd"][0])
        if ear_one is not None and sd <= CV_REQUIREMENT * ear_one:
            flags.append(
                "usual intakes vary less than requirements (SD <= 10% of the EAR): the cut-point method is "
                "biased; a probability approach would be needed"
            )
        if prevalence is not None and not has_ear.all():
            flags.append(f"prevalence counts only the {int(has_ear.sum())} subject(s) whose group has an EAR")
        return GroupResult(
            **base,  # type: ignore[arg-type]
            mean_mg=mean,
            sd_mg=sd,
            percentiles={p: float(v) for p, v in zip(PERCENTILES, full["quantiles"][0], strict=True)},
            prevalence_below_ear=prevalence,
            naive_prevalence_below_ear=naive,
            share_above_ul=above_ul,
            mean_food_mg=float(full["food"][0]),
            mean_supplement_mg=float(full["supplement"][0]),
            mean_medicine_mg=float(full["medicine"][0]),
            ai_statement=ai_statement,
            mean_ci=intervals["mean"],
            prevalence_ci=intervals["prevalence"],
            share_above_ul_ci=intervals["above_ul"],
            flags=tuple(flags),
        )

    def combined_flags(members: list[_Group]) -> list[str]:
        """A `by` level's or the overall row's checks: its own size, and what its estimation groups say."""
        size = sum(len(g.people) for g in members)
        flags: list[str] = []
        shown = f"of its {len(members)} estimation group(s)"
        pooled_groups = [g for g in members if g.fit.within_share_pooled is not None]
        if pooled_groups:
            flags.append(
                f"{len(pooled_groups)} {shown} have fewer than {min_repeaters} subjects with repeat days: their "
                f"within-person share of variance is the study's, pooled over the {pool_name} with repeat days"
            )
        unestimated = [g for g in members if math.isnan(g.mu)]
        if unestimated:
            flags.append(
                f"{len(unestimated)} {shown} cannot be estimated (no within-person variation): their "
                f"{sum(len(g.people) for g in unestimated)} subject(s) are not in this row's estimates"
            )
        flat = [g for g in members if g.vb <= 0]
        if flat:
            flags.append(
                f"{len(flat)} {shown} have a between-person variance estimated <= 0: their usual intakes are set "
                "to their group mean; prevalence unreliable"
            )
        return flags + too_few(size)

    results = [summarise(g.key, group_kind, [g], group_of == g.key, list(g.flags), g) for g in groups]
    if by_of is not None:
        for level in dict.fromkeys(by_of):
            member_keys = set(group_of[by_of == level])
            level_groups = [g for g in groups if g.key in member_keys]
            name = f"{by_name or 'by'} = {level}"
            results.append(summarise(name, "by", level_groups, by_of == level, combined_flags(level_groups), None))
    if overall if overall is not None else (len(groups) > 1 or by_of is not None):
        results.append(
            summarise("all subjects", "overall", groups, np.ones(count, dtype=bool), combined_flags(groups), None)
        )
    usual_mg: dict[str, float] = {}
    for g in usable:
        usual_mg.update(
            zip(people["subject"].astype(str).to_numpy()[g.people], estimates[g.key].usual[0].tolist(), strict=True)
        )
    return PopulationResult(
        groups=tuple(results),
        usual_mg=usual_mg,
        bootstrap=bootstrap,
        seed=seed,
        weights=weights_name,
        by=by_name,
        standard=standard,
        checks=tuple(checks),
    )


# ---------------------------------------------------------------- from an assessment (the library entry point)


def _age_group(life_stage: str) -> str:
    """'Females 19-30 y' -> '19-30 y' (the life stage's age band without its sex or state)."""
    return re.sub(r"^\S+\s+", "", life_stage)


# --by levels that are not columns: the profile's sex and its life stage's age band.
PROFILE_LEVELS = ("sex", "age-group")


def kept_columns(by: str | None, weights: str | None) -> tuple[str, ...]:
    """The log columns `population` reads per subject (its --by COLUMN and --weights), for the reader to keep."""
    return tuple(column for column in (by, weights) if column is not None and column not in PROFILE_LEVELS)


def _blank(cells: pd.Series) -> pd.Series:
    """True for a cell that holds no value ('', nan, None, '.': a missing cell as exports write it)."""
    return cells.str.lower().isin(["", "nan", "none", "."])


def subject_values(
    assessment: Assessment,
    column: str,
    profiles_file: str | FrameSource | None = None,
    option: str = "by",
    names: OptionNames = CLI_OPTIONS,
    hint: str = "",
) -> dict[str, str]:
    """Each subject's one value of a log column and/or a --profiles column (`option`, "by" or "weights", is
    the option naming it, named in errors as `names` says: the CLI's --by, population's by=).

    Blank cells are no value, so a value written on only some of a subject's rows (or only in one of
    the log and --profiles) is that subject's value; a subject with none is missing from the result.
    `hint` ends the message for a column found nowhere. Two different values for one subject (between
    its rows, or between the log and --profiles) are an error naming the subject, the column and both values. Values that read as numbers are compared
    as numbers (age 54 and 54.0, weights 1234.5 and 1234.50 agree).
    """
    import pandas as pd

    from mgcheck.errors import MgcheckError, Problem
    from mgcheck.importers.reading import normalise_header

    wanted = normalise_header(column)
    found: list[pd.DataFrame] = []
    items = assessment.items
    lookup = {normalise_header(str(c)): c for c in items.columns}
    if wanted in lookup:
        # Distinct (subject, cell) pairs first: a million-row log has a few per subject.
        pairs = items[["subject", lookup[wanted]]].drop_duplicates().astype(object)
        found.append(pd.DataFrame({"subject": pairs.iloc[:, 0], "value": pairs.iloc[:, 1], "where": "the log"}))
    if profiles_file:
        from mgcheck.profiles import read_profiles

        table, _name = read_profiles(profiles_file)
        table.columns = [normalise_header(c) for c in table.columns]
        if wanted in table.columns and "subject" in table.columns:
            found.append(pd.DataFrame({"subject": table["subject"], "value": table[wanted], "where": names.profiles}))
    if not found:
        weights_hint = " (NHANES weights: WTDRD1, or WTDRD1PP for 2017-March 2020)" if option == "weights" else ""
        given = names.given(option, column, quoted=False)
        raise MgcheckError(
            Problem(f"{given}: no log column or {names.profiles} column of that name{weights_hint}{hint}")
        )
    cells = pd.concat(found, ignore_index=True)
    cells["subject"] = cells["subject"].where(cells["subject"].notna(), "").astype(str).str.strip()
    cells["value"] = cells["value"].where(cells["value"].notna(), "").astype(str).str.strip()
    cells = cells[~_blank(cells["value"]) & (cells["subject"] != "")]
    # Numbers are compared as numbers (a log's age 54 and a --profiles age 54.0 agree; so do weights
    # 1234.5 and 1234.50); the level keeps the first spelling.
    numbers = pd.to_numeric(cells["value"], errors="coerce")
    same = numbers.map(repr).where(numbers.notna(), cells["value"])
    cells = cells.assign(same=same).drop_duplicates(["subject", "same"])
    varying = cells["subject"].duplicated(keep=False)
    if varying.any():
        both = cells[varying]
        subject = both["subject"].iloc[0]
        first, second = both[both["subject"] == subject].iloc[:2].itertuples(index=False)
        places = first.where if first.where == second.where else f"{first.where} and {second.where}"
        others = int(both["subject"].nunique()) - 1
        more = f"; {others} more subject(s) like it" if others else ""
        raise MgcheckError(
            Problem(
                f"subject {subject}: {getattr(names, option)} column '{column}' has more than one value, {first.value!r} and "
                f"{second.value!r} (in {places}); it needs one value per subject{more}"
            )
        )
    return dict(zip(cells["subject"], cells["value"], strict=True))


def population(
    source: Assessment | str | pd.DataFrame | Sequence[str | pd.DataFrame],
    *,
    profiles: str | PathLike[str] | pd.DataFrame | None = None,
    by: str | None = None,
    weights: str | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    standard: str = "iom",
    min_repeaters: int = MIN_REPEATERS,
    min_group_size: int = MIN_GROUP_SIZE,
    warnings: list[str] | None = None,
    option_names: OptionNames = POPULATION_OPTIONS,
) -> PopulationResult:
    """Usual-intake distributions and prevalence of inadequacy of a study.

    `source` is an Assessment (from `mgcheck.assess_logs`), or log paths or DataFrames in the native
    columns (read with `profiles`, as `assess_logs` reads them).
    `by` is "sex", "age-group" or a column of the log or the profiles file; `weights` a column
    holding each subject's survey weight (NHANES `WTDRD1`). Messages name these parameters as
    `option_names` says (the CLI passes its flags).
    """
    import numpy as np
    import pandas as pd

    from mgcheck.assess import MAX_UNMATCHED_SHARE
    from mgcheck.errors import MgcheckError, Problem, UsageProblem

    warnings = warnings if warnings is not None else []
    from mgcheck.api import profiles_source

    profiles_given = profiles_source(profiles)
    if not hasattr(source, "subjects"):
        # Paths, folders, globs or DataFrames, read as mgcheck.assess_logs reads them (a DataFrame was
        # iterated as file names: "amount: no such file").
        from mgcheck.api import _request
        from mgcheck.pipeline import run

        request = _request(
            source, None, None, profiles_file=profiles_given, standard=standard, option_names=option_names
        )
        request.keep_columns = kept_columns(by, weights)
        assessment = run(request, keep_items=False)
        warnings.extend(assessment.warnings)
        hint = ""
    else:
        assessment = source  # type: ignore[assignment]
        if profiles_given is None:
            # The profiles file the assessment was read with holds its `by` and `weights` columns too.
            profiles_given = assessment.profiles_source
        # The CLI reads its assessment with the columns kept; a notebook's may not have them.
        hint = (
            "; an assessment keeps a log column only when read with "
            "reading=ReadOptions(keep_columns=(...)), or give the logs themselves"
            if option_names is POPULATION_OPTIONS
            else ""
        )
    if bootstrap < 0:
        raise UsageProblem(f"{option_names.given('bootstrap', bootstrap, quoted=False)}: give 0 or more replicates")
    checks: list[str] = []
    subjects = assessment.subjects.set_index("subject")
    excluded = subjects.index[subjects["unmatched_share"] > MAX_UNMATCHED_SHARE]
    if len(excluded):
        checks.append(
            f"{len(excluded)} subject(s) left out: more than {MAX_UNMATCHED_SHARE:.0%} of their food items are unmatched"
        )
    days = assessment.days
    if "counted_food_items" in days:
        empty = days["counted_food_items"] == 0
        if empty.any():
            checks.append(f"{int(empty.sum())} day(s) with no matched food left out (0 mg is not an intake)")
            days = days[~empty]
    days = days[~days["subject"].isin(excluded)]
    left_out, with_days = set(excluded), set(days["subject"])
    kept = [s for s in subjects.index if s not in left_out and s in with_days]
    if not kept:
        raise MgcheckError(Problem("no subject is left to estimate a distribution from"))
    # The day table's parts are additive: supplement_mg (supplements only) and medicine_mg apart.
    means = days.groupby("subject")[["supplement_mg", "medicine_mg"]].mean()
    references = assessment.references
    people = pd.DataFrame({"subject": kept})
    people["life_stage"] = [references[s].life_stage for s in kept]
    people["table_row"] = [references[s].table_row for s in kept]
    people["ear_mg"] = [references[s].ear_mg if references[s].ear_mg is not None else np.nan for s in kept]
    people["ai_mg"] = [references[s].ai_mg if references[s].ai_mg is not None else np.nan for s in kept]
    people["ul_mg"] = [
        references[s].ul_supplement_mg if references[s].ul_supplement_mg is not None else np.nan for s in kept
    ]
    people["supplement_mg"] = means["supplement_mg"].reindex(kept).to_numpy()
    people["medicine_mg"] = means["medicine_mg"].reindex(kept).to_numpy()
    people["group"] = people["life_stage"]
    if by is not None:
        if by == "sex":
            level = [assessment.profiles[s].sex for s in kept]
        elif by == "age-group":
            level = [_age_group(references[s].life_stage) for s in kept]
        else:
            values = subject_values(assessment, by, profiles_given, "by", option_names, hint)
            level = [values.get(s, "") or "(blank)" for s in kept]
        people["by"] = level
        people["group"] = people["life_stage"] + " | " + people["by"]
    if weights is not None:
        values = subject_values(assessment, weights, profiles_given, "weights", option_names, hint)
        numbers = pd.to_numeric(pd.Series([values.get(s, "") for s in kept]), errors="coerce").to_numpy()
        usable = np.isfinite(numbers) & (numbers > 0)
        if not usable.all():
            checks.append(
                f"{int((~usable).sum())} subject(s) left out: their weight {weights} is missing, zero or not a number"
            )
        people["weight"] = numbers
        people = people[usable]
        if people.empty:
            raise MgcheckError(Problem(f"no subject has a positive weight in column {weights}"))
        days = days[days["subject"].isin(set(people["subject"]))]
    # The study's people in the order they have without a `by` (its bootstrap draws are the same).
    study_people = people.drop(columns=["by"], errors="ignore").assign(group=people["life_stage"])
    study_people = study_people.sort_values(["table_row", "group"], kind="stable")
    people = people.sort_values(["table_row", "group"], kind="stable")
    settings: dict[str, Any] = {
        "bootstrap": bootstrap,
        "seed": seed,
        "min_repeaters": min_repeaters,
        "min_group_size": min_group_size,
        "weights_name": weights,
        "standard": assessment.standard,
    }
    # The life-stage rows and the all-subjects row are estimated within the life stages alone, the same
    # whether or not a `by` is asked for: with each life stage x level as the estimation group, the
    # 'all subjects' row of 40 people moved from 309.1 to 310.4 mg and its prevalence from 40% to 35%
    # with `--by conditions` (session 27 trial), though the same people were counted.
    study = estimate(
        days[["subject", "food_mg"]],
        study_people,
        checks=checks,
        overall=True if by is not None else None,
        **settings,
    )
    if by is None:
        return study
    # Each level is its own population: its people are shrunk towards their life stage x level's mean,
    # not the life stage's (which would pull the levels' distributions towards each other).
    levels = estimate(
        days[["subject", "food_mg"]],
        people,
        by_name=by,
        checks=checks,
        overall=False,
        group_kind=CELL_KIND,
        pool_name="life stage x level groups",
        **settings,
    )
    by_rows = [g for g in levels.groups if g.kind != "life stage"]
    overall_rows = [g for g in study.groups if g.kind == "overall"]
    life_stage_rows = [g for g in study.groups if g.kind == "life stage"]
    return PopulationResult(
        groups=(*life_stage_rows, *by_rows, *overall_rows),
        usual_mg=study.usual_mg,
        bootstrap=bootstrap,
        seed=seed,
        weights=weights,
        by=by,
        standard=assessment.standard,
        checks=tuple(dict.fromkeys((*study.checks, *levels.checks))),
    )
