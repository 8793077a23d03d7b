#!/usr/bin/env python3
"""Independent oracle for the metrics tests: reads a fixture's CSV with Python's csv module and
computes every figure from DESIGN.md's formulas (adjusted-Wald NPS, Wilson top-2-box, Student t
for means). Shares no code with cxsite; restates the fixture's cxsite.yaml by hand (stage of each
touchpoint, segment `age < 40`, `from_column: member_tier`, dimension `region`, min_n 30).
Needs mpmath (`pip install mpmath`). Usage:

    python3 tests/tools/expected_metrics.py tests/fixtures/metrics/data/survey.csv

prints `dimension,group,metric,n,value,ci_low,ci_high` rows (4 decimals, blank below min_n)
together with the counts each figure comes from, to paste into tests/cli/metrics.rs.
"""
import csv
import re
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

from mpmath import mp, mpf, sqrt, erfinv, betainc, findroot

mp.dps = 30
CONF = mpf("0.95")
Z = sqrt(2) * erfinv(CONF)  # 1.959963984540054…
MIN_N = 30


def t_crit(df):
    """Two-sided Student t critical value: P(|T| <= t) = CONF, via the regularized incomplete beta."""
    target = (1 - CONF)  # two-sided tail: I_{df/(df+t^2)}(df/2, 1/2) = 1 - CONF
    f = lambda t: betainc(mpf(df) / 2, mpf(1) / 2, 0, df / (df + t * t), regularized=True) - target
    return findroot(f, 2.0)


def nps(vals):
    n = len(vals)
    p = sum(1 for v in vals if v >= 9)
    d = sum(1 for v in vals if v <= 6)
    value = mpf(100) * (p - d) / n
    n1 = n + 3
    pp = (p + mpf("0.75")) / n1
    dd = (d + mpf("0.75")) / n1
    se = sqrt((pp + dd - (pp - dd) ** 2) / n1)
    lo, hi = 100 * (pp - dd - Z * se), 100 * (pp - dd + Z * se)
    how = (f"promoters {p}, detractors {d}: NPS = 100·({p} − {d})/{n}; n' = {n1}, p' = {p + 0.75}/{n1}, "
           f"d' = {d + 0.75}/{n1}, centre {float(100 * (pp - dd)):.4f}, SE {float(100 * se):.4f}")
    return value, max(lo, -100), min(hi, 100), how


def wilson(vals, top):
    n = len(vals)
    k = sum(1 for v in vals if v >= top)
    ph = mpf(k) / n
    denom = 1 + Z * Z / n
    centre = (ph + Z * Z / (2 * n)) / denom
    half = Z * sqrt(ph * (1 - ph) / n + Z * Z / (4 * n * n)) / denom
    how = f"top-2-box {k} of {n}: p = {k}/{n}; Wilson centre {float(100 * centre):.4f}, half-width {float(100 * half):.4f}"
    return 100 * ph, max(100 * (centre - half), 0), min(100 * (centre + half), 100), how


def mean(vals):
    n = len(vals)
    s = sum(vals)
    ss = sum(v * v for v in vals)
    m = mpf(s) / n
    if n < 2:
        return m, None, None, f"sum {s}, sum_sq {ss}"
    var = (ss - mpf(s) * s / n) / (n - 1)
    se = sqrt(var / n)
    t = t_crit(n - 1)
    return m, m - t * se, m + t * se, f"Σx {s}, Σx² {ss}: mean {s}/{n}, s = {float(sqrt(var)):.6f}, SE {float(se):.6f}, t({n-1}) = {float(t):.6f}"


def period(raw):
    m = re.match(r"(\d{4})[-/](\d{1,2})[-/]", raw)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def main(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    stage_of = {"web": "buy", "store": "buy", "hotline": "help"}
    groups = defaultdict(lambda: defaultdict(list))
    for r in rows:
        keys = [("overall", "all"), ("source", "survey"), ("period", period(r["submitted_at"])),
                ("region", r["region"])]
        segs = []
        if r["age"].strip() and float(r["age"]) < 40:
            segs.append("under_40")
        if r["member_tier"].strip():
            segs.append("member_tier:" + r["member_tier"].strip())
        keys += [("segment", s) for s in segs]
        tp = r["touchpoint"]
        keys += [("touchpoint", tp), ("stage", stage_of[tp])]
        keys += [("touchpoint_segment", f"{tp}|{s}") for s in segs]
        keys.append(("touchpoint_period", f"{tp}|{period(r['submitted_at'])}"))
        for col, metrics in (("recommend", ["nps"]), ("satisfaction", ["csat", "csat_mean"]), ("effort", ["ces"])):
            if r[col].strip():
                for k in keys:
                    for m in metrics:
                        groups[k][m].append(int(r[col]))
    # Four decimals, ties away from zero (157/32 = 4.90625 → 4.9063), -0.0000 → 0.0000.
    def fmt(x):
        if x is None:
            return ""
        d = Decimal(mp.nstr(x, 25, min_fixed=-30, max_fixed=30)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        return f"{abs(d) if d == 0 else d}"
    for (dim, grp), ms in sorted(groups.items(), key=lambda kv: (kv[0][0].encode(), kv[0][1].encode())):
        for m in sorted(ms, key=str.encode):
            vals = ms[m]
            if m == "nps":
                v, lo, hi, how = nps(vals)
            elif m == "csat":
                v, lo, hi, how = wilson(vals, 4)
            else:
                v, lo, hi, how = mean(vals)
            shown = len(vals) >= MIN_N
            cells = [fmt(v), fmt(lo), fmt(hi)] if shown else ["", "", ""]
            print(f"{dim},{grp},{m},{len(vals)},{','.join(cells)}    # n {len(vals)}, {how}")


if __name__ == "__main__":
    main(sys.argv[1])
