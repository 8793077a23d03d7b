#!/usr/bin/env python3
"""Independent oracle for the insight tests (tests/cli/insights_*.rs): reads a fixture's CSV files
with Python's csv module and computes the insight rows of metrics.csv from the definitions in
DESIGN.md and the brief of each metric, sharing no code with cxsite. Each fixture's cxsite.yaml
is restated by hand below (touchpoints, stages, segments, dimensions, min_n).

Needs mpmath and numpy (`pip install mpmath numpy`). Usage:

    python3 tests/tools/expected_insights.py trend       # changes, mix / within, driver gap
    python3 tests/tools/expected_insights.py harshness   # segment harshness
    python3 tests/tools/expected_insights.py league      # shrunk scores, ranks, stars
    python3 tests/tools/expected_insights.py wide        # driver r, relative weights, R²
    python3 tests/tools/expected_insights.py against     # the same, a touchpoint with r < 0

Prints `dimension,group,metric,n,value,ci_low,ci_high` rows (4 decimals) with the quantities
each figure comes from after `#`, to be summarised next to the assertions.

Definitions (z = √2·erfinv(0.95) = 1.959964):
- change = current − previous; SE_diff = √(SE₁² + SE₀²); NPS SE adjusted-Wald
  (n' = n + 3, p' = (P + ¾)/n', d' = (D + ¾)/n', SE = √((p' + d' − (p' − d')²)/n')), top-box SE
  √(p(1 − p)/n), mean SE s/√n; interval diff ± z·SE_diff; n = the current period's answers.
- harshness H = Σ_t n_st(m_st − m_t)/Σ_t n_st over the touchpoints whose segment figure is
  published (n_st ≥ min_n; no part of this fixture is withheld by complementary suppression),
  SE = √(Σ_t n_st s²_st)/Σ_t n_st; none for a segment below min_n.
- shrunk = (n·v + m·overall)/(n + m), m = min_n; stars = 1 + #thresholds ≤ shrunk, both
  rounded as the league writes an NPS (whole, halves away from zero); default
  thresholds numpy.quantile(shrunk, [.2, .4, .6, .8]) (linear, type 7).
- Johnson's relative weights from the correlation matrix: R_xx = V Λ Vᵀ (numpy.linalg.eigh),
  Λ* = V Λ^½ Vᵀ, β = Λ*⁻¹ r_xy, w_i = Σ_j Λ*²_ij β_j²; R² = r_xyᵀ R_xx⁻¹ r_xy (OLS, computed
  separately as a check that Σ w = R²). Importance = w_i / R² where r_i > 0 (every rating and
  the outcome here are higher-is-better), else 0 and the touchpoint flagged `against`: the
  weights are sums of squares and would give a touchpoint rated higher by the less loyal the
  same share as one rated higher by the more loyal.
- shift-share: mix = Σ (w₁ − w₀)v₀ over groups in both periods, + w₁v₁ for a group new in the
  current period, − w₀v₀ for one gone from it; within = Σ w₁(v₁ − v₀).
"""
import csv
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

import numpy as np
from mpmath import mp, mpf, sqrt, erfinv, atanh, tanh

mp.dps = 30
Z = sqrt(2) * erfinv(mpf("0.95"))
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def fmt(x):
    """Four decimals, ties away from zero, -0.0000 → 0.0000; None → blank."""
    if x is None:
        return ""
    d = Decimal(mp.nstr(mpf(x), 25, min_fixed=-30, max_fixed=30)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return f"{abs(d) if d == 0 else d}"


def row(dim, group, metric, n, value, lo=None, hi=None, how=""):
    print(f"{dim},{group},{metric},{n},{fmt(value)},{fmt(lo)},{fmt(hi)}    # {how}")


def read(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def num(cell):
    cell = (cell or "").strip()
    return int(cell) if cell else None


# ---------------------------------------------------------------------------------------------
# Measures: value and standard error from a list of answers.

def nps_value_se(vals):
    n = len(vals)
    p = sum(1 for v in vals if v >= 9)
    d = sum(1 for v in vals if v <= 6)
    n1 = n + 3
    pp = (p + mpf("0.75")) / n1
    dd = (d + mpf("0.75")) / n1
    se = 100 * sqrt((pp + dd - (pp - dd) ** 2) / n1)
    return mpf(100) * (p - d) / n, se, f"P {p} D {d} of {n}: NPS {float(mpf(100) * (p - d) / n):.4f}, SE {float(se):.4f}"


def top_value_se(vals, top):
    n = len(vals)
    k = sum(1 for v in vals if v >= top)
    p = mpf(k) / n
    se = 100 * sqrt(p * (1 - p) / n)
    return 100 * p, se, f"{k} of {n} top-box: {float(100 * p):.4f} %, SE {float(se):.4f}"


def mean_value_se(vals):
    n = len(vals)
    m = mpf(sum(vals)) / n
    if n < 2:
        return m, None, f"one answer: {m}"
    var = sum((v - m) ** 2 for v in vals) / (n - 1)
    se = sqrt(var / n)
    return m, se, f"Σx {sum(vals)} over {n}: mean {float(m):.4f}, s² {float(var):.6f}, SE {float(se):.6f}"


def measure(metric, vals):
    if metric == "nps":
        return nps_value_se(vals)
    if metric == "csat":
        return top_value_se(vals, 4)
    return mean_value_se(vals)


def change(metric, now, before):
    v1, s1, h1 = measure(metric, now)
    v0, s0, h0 = measure(metric, before)
    se = sqrt(s1 * s1 + s0 * s0)
    d = v1 - v0
    return d, d - Z * se, d + Z * se, f"now {h1}; before {h0}; diff {float(d):.4f}, SE_diff {float(se):.4f}"


# ---------------------------------------------------------------------------------------------
# trend: tests/fixtures/insights_trend (min_n 5, survey + hotline tickets, months 2024-01..03).

def trend():
    min_n = 5
    base = FIXTURES / "insights_trend" / "data"
    stage_of = {"web": "buy", "store": "buy", "hotline": "help"}
    metrics = {"nps": "recommend", "csat": "satisfaction", "csat_mean": "satisfaction", "ces": "effort"}
    answers = []  # one dict per row: period, source, touchpoint, region, tier, scores
    for r in read(base / "survey.csv"):
        answers.append({"period": r["submitted_at"][:7], "source": "survey", "tp": r["touchpoint"].strip() or None,
                        "region": r["region"].strip() or None, "tier": r["tier"].strip() or None,
                        "recommend": num(r["recommend"]), "satisfaction": num(r["satisfaction"]),
                        "effort": num(r["effort"])})
    for r in read(base / "tickets.csv"):
        answers.append({"period": r["closed_at"][:7], "source": "hotline", "tp": "hotline",
                        "region": r["region"].strip() or None, "tier": None,
                        "recommend": num(r["recommend"]), "satisfaction": None, "effort": None})

    def groups_of(a):
        out = [("overall", "all"), ("source", a["source"])]
        if a["tier"]:
            out.append(("segment", "tier:" + a["tier"]))
        if a["region"]:
            out.append(("region", a["region"]))
        if a["tp"]:
            out += [("touchpoint", a["tp"]), ("stage", stage_of[a["tp"]])]
        return out

    # (dim, group) → period → metric → values
    series = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for a in answers:
        for key in groups_of(a):
            for m, col in metrics.items():
                if a[col] is not None:
                    series[key][a["period"]][m].append(a[col])
    periods = sorted({a["period"] for a in answers})
    latest, previous = periods[-1], periods[-2]
    print("## changes: trends (each period vs the previous period with answers)")
    for (dim, group), by_period in sorted(series.items()):
        for m in metrics:
            with_data = [p for p in sorted(by_period) if by_period[p][m]]
            for p0, p1 in zip(with_data, with_data[1:]):
                now, before = by_period[p1][m], by_period[p0][m]
                if len(now) < min_n or len(before) < min_n:
                    continue
                d, lo, hi, how = change(m, now, before)
                rd, rg = ("period", p1) if dim == "overall" else (f"{dim}_period", f"{group}|{p1}")
                row(rd, rg, f"{m}_change", len(now), d, lo, hi, f"{p1} vs {p0}: {how}")
    print(f"## changes: latest period {latest} vs {previous} of each group (n = current answers)")
    for (dim, group), by_period in sorted(series.items()):
        if dim == "overall":
            continue
        for m in metrics:
            now, before = by_period[latest][m], by_period[previous][m]
            if len(now) < min_n or len(before) < min_n:
                continue
            d, lo, hi, how = change(m, now, before)
            row(dim, group, f"{m}_change", len(now), d, lo, hi, how)

    print("## mix / within by partition (shift-share), each pair of consecutive months")
    part_of = {"touchpoint": lambda a: a["tp"], "source": lambda a: a["source"],
               "tier": lambda a: a["tier"]}
    for m in ["nps", "csat", "ces"]:
        col = metrics[m]
        for p0, p1 in zip(periods, periods[1:]):
            t0 = [a[col] for a in answers if a["period"] == p0 and a[col] is not None]
            t1 = [a[col] for a in answers if a["period"] == p1 and a[col] is not None]
            if len(t0) < min_n or len(t1) < min_n:
                continue
            total = measure(m, t1)[0] - measure(m, t0)[0]
            for name, part in part_of.items():
                g0, g1 = defaultdict(list), defaultdict(list)
                for a in answers:
                    if a[col] is None:
                        continue
                    label = part(a) or "(none)"
                    if a["period"] == p0:
                        g0[label].append(a[col])
                    elif a["period"] == p1:
                        g1[label].append(a[col])
                mix = within = mpf(0)
                parts = []
                for g in sorted(set(g0) | set(g1)):
                    w0 = mpf(len(g0[g])) / len(t0)
                    w1 = mpf(len(g1[g])) / len(t1)
                    if g0[g] and g1[g]:
                        v0, v1 = measure(m, g0[g])[0], measure(m, g1[g])[0]
                        mix += (w1 - w0) * v0
                        within += w1 * (v1 - v0)
                        parts.append(f"{g}: {len(g0[g])}/{len(t0)}@{float(v0):.4f} → {len(g1[g])}/{len(t1)}@{float(v1):.4f}")
                    elif g1[g]:
                        v1 = measure(m, g1[g])[0]
                        mix += w1 * v1
                        parts.append(f"{g}: new {len(g1[g])}/{len(t1)}@{float(v1):.4f}")
                    else:
                        v0 = measure(m, g0[g])[0]
                        mix -= w0 * v0
                        parts.append(f"{g}: gone {len(g0[g])}/{len(t0)}@{float(v0):.4f}")
                row("period", p1, f"{m}_mix_{name}", "?", mix, how=f"change {float(total):.4f}; " + "; ".join(parts))
                row("period", p1, f"{m}_within_{name}", "?", within, how=f"mix + within = {float(mix + within):.4f}")

    print("## long-data driver gap: NPS of rows whose csat is 4–5 minus NPS of the rest, per touchpoint")
    for tp in ["web", "store", "hotline"]:
        pairs = [(a["recommend"], a["satisfaction"]) for a in answers
                 if a["tp"] == tp and a["recommend"] is not None and a["satisfaction"] is not None]
        top = [n for n, c in pairs if c >= 4]
        rest = [n for n, c in pairs if c < 4]
        if len(top) < min_n or len(rest) < min_n:
            print(f"# {tp}: top {len(top)}, rest {len(rest)}: no row")
            continue
        d, lo, hi, how = change("nps", top, rest)
        row("touchpoint", tp, "nps_driver_gap", len(pairs), d, lo, hi, how.replace("now", "top").replace("before", "rest"))


# ---------------------------------------------------------------------------------------------
# harshness: tests/fixtures/insights_harshness (min_n 5).

def harshness():
    min_n = 5
    rows = read(FIXTURES / "insights_harshness" / "data" / "survey.csv")
    segs = lambda r: ([s for s, ok in [("young", r["age"].strip() and int(r["age"]) < 30),
                                       ("older", r["age"].strip() and int(r["age"]) >= 30)] if ok]
                      + (["tier:" + r["tier"].strip()] if r["tier"].strip() else []))
    for score, col in [("nps", "recommend"), ("csat", "satisfaction")]:
        at_tp = defaultdict(list)
        seg_tp = defaultdict(lambda: defaultdict(list))
        everyone = []
        seg_all = defaultdict(list)
        for r in rows:
            v = num(r[col])
            if v is None:
                continue
            everyone.append(v)
            at_tp[r["touchpoint"]].append(v)
            for s in segs(r):
                seg_tp[s][r["touchpoint"]].append(v)
                seg_all[s].append(v)
        for s in sorted(seg_tp):
            num_, n_tot, var = mpf(0), 0, mpf(0)
            parts = []
            for tp, vals in sorted(seg_tp[s].items()):
                if len(vals) < min_n:
                    parts.append(f"{tp}: {len(vals)} answers < min_n, hidden, left out")
                    continue
                m_st = mpf(sum(vals)) / len(vals)
                m_t = mpf(sum(at_tp[tp])) / len(at_tp[tp])
                s2 = sum((v - m_st) ** 2 for v in vals) / (len(vals) - 1)
                num_ += len(vals) * (m_st - m_t)
                var += len(vals) * s2
                n_tot += len(vals)
                parts.append(f"{tp}: n {len(vals)}, m_st {sum(vals)}/{len(vals)}, m_t {sum(at_tp[tp])}/{len(at_tp[tp])}, s² {float(s2):.6f}")
            naive = mpf(sum(seg_all[s])) / len(seg_all[s]) - mpf(sum(everyone)) / len(everyone)
            if n_tot == 0 or n_tot < min_n or len(seg_all[s]) < min_n:
                print(f"# {s} {score}: n {n_tot} < min_n: no row ({'; '.join(parts)})")
                continue
            h = num_ / n_tot
            se = sqrt(var) / n_tot
            row("segment", s, f"{score}_harshness", n_tot, h, h - Z * se, h + Z * se,
                f"{'; '.join(parts)}; H {float(h):.6f}, SE {float(se):.6f}; naive gap {float(naive):.4f}")


# ---------------------------------------------------------------------------------------------
# league: tests/fixtures/insights_league (min_n 5, dimension store, headline nps).

def league(thresholds=None):
    min_n = 5
    rows = read(FIXTURES / "insights_league" / "data" / "survey.csv")
    by_store = defaultdict(list)
    for r in rows:
        if num(r["recommend"]) is not None and r["store"].strip():
            by_store[r["store"].strip()].append(num(r["recommend"]))
    overall, _, how = nps_value_se([num(r["recommend"]) for r in rows if num(r["recommend"]) is not None])
    print(f"# overall {how}")
    shrunk = {}
    for s, vals in sorted(by_store.items()):
        v, _, how = nps_value_se(vals)
        if len(vals) >= min_n:
            shrunk[s] = (len(vals) * v + min_n * overall) / (len(vals) + min_n)
            print(f"# {s}: {how}; shrunk ({len(vals)}·{float(v):.4f} + {min_n}·{float(overall):.4f})/{len(vals) + min_n} = {float(shrunk[s]):.4f}")
        else:
            print(f"# {s}: {how}; unrated (n < {min_n})")
    for label, t in [("default quintiles", None), ("configured", thresholds or [0, 20, 40, 60])]:
        if t is None:
            t = [mpf(x) for x in np.quantile([float(x) for x in shrunk.values()], [0.2, 0.4, 0.6, 0.8])]
        print(f"## {label}: thresholds {[float(x) for x in t]}")
        order = sorted(shrunk, key=lambda s: (-shrunk[s], s))
        for s in sorted(by_store):
            n = len(by_store[s])
            if s in shrunk:
                shown = lambda v: float(mp.sign(v) * mp.floor(abs(v) + mpf("0.5")))
                stars = 1 + sum(1 for x in t if shown(shrunk[s]) >= shown(mpf(x)))
                row("store", s, "nps_rank", n, order.index(s) + 1)
                row("store", s, "nps_shrunk", n, shrunk[s])
                row("store", s, "nps_stars", n, stars)
            else:
                for m in ["nps_rank", "nps_shrunk", "nps_stars"]:
                    row("store", s, m, n, None)


# ---------------------------------------------------------------------------------------------
# wide: tests/fixtures/insights_wide (min_n 10, one row per respondent).

def wide():
    drivers("insights_wide", 10,
            {"delivery": "delivery_rating", "app": "app_rating", "hotline": "hotline_rating", "store": "store_rating"},
            {"0"})


def against():
    drivers("drivers_against", 5, {"delivery": "delivery_rating", "app": "app_rating", "returns": "returns_rating"}, set())


def drivers(fixture, min_n, tps, na):
    rows = read(FIXTURES / fixture / "data" / "respondents.csv")

    def rating(r, c):
        cell = r[c].strip()
        return None if not cell or cell in na else int(cell)

    data = [(num(r["likely_to_recommend"]), {t: rating(r, c) for t, c in tps.items()}) for r in rows]
    # Respondents without the outcome take no part in the model.
    data = [(y, xs) for y, xs in data if y is not None]

    def corr(pairs):
        a = np.array(pairs, dtype=float)
        return float(np.corrcoef(a[:, 0], a[:, 1])[0, 1]), len(pairs)

    r_y = {}
    for t in tps:
        pairs = [(xs[t], y) for y, xs in data if xs[t] is not None]
        if len(pairs) < min_n:
            print(f"# {t}: {len(pairs)} pairs < min_n: no row")
            continue
        r, n = corr(pairs)
        r_y[t] = (r, n)
        se = 1 / sqrt(n - 3)
        lo, hi = tanh(atanh(r) - Z * se), tanh(atanh(r) + Z * se)
        row("touchpoint", t, "nps_driver_r", n, r, lo, hi, f"{n} pairs, r {r:.6f}, Fisher z {float(atanh(r)):.6f} ± {float(Z * se):.6f}")
    keep = list(r_y)
    k = len(keep)
    rxx = np.eye(k)
    for i in range(k):
        for j in range(k):
            if i != j:
                pairs = [(xs[keep[i]], xs[keep[j]]) for y, xs in data
                         if xs[keep[i]] is not None and xs[keep[j]] is not None]
                rxx[i, j] = corr(pairs)[0]
    rxy = np.array([r_y[t][0] for t in keep])
    lam, vec = np.linalg.eigh(rxx)
    lstar = vec @ np.diag(np.sqrt(lam)) @ vec.T
    beta = np.linalg.solve(lstar, rxy)
    w = (lstar ** 2) @ (beta ** 2)
    r2 = float(rxy @ np.linalg.solve(rxx, rxy))
    print(f"# R_xx = {np.round(rxx, 6).tolist()}, r_xy = {np.round(rxy, 6).tolist()}")
    print(f"# eigenvalues {np.round(lam, 6).tolist()}, β = {np.round(beta, 6).tolist()}")
    for t, wi in zip(keep, w):
        row("touchpoint", t, "nps_driver_weight", r_y[t][1], 100 * wi, how=f"weight {wi:.6f}")
    row("overall", "all", "nps_driver_r2", min(n for _, n in r_y.values()), 100 * r2,
        how=f"OLS R² {r2:.6f}; Σ weights {float(w.sum()):.6f}")
    for t, wi in zip(keep, w):
        r = r_y[t][0]
        imp = wi / r2 if r > 0 else 0.0
        print(f"# importance {t}: {100 * imp:.4f}%{' (against: r ' + format(r, '.6f') + ' < 0)' if r < 0 else ''}")


if __name__ == "__main__":
    {"trend": trend, "harshness": harshness, "league": league, "wide": wide, "against": against}[sys.argv[1]]()
