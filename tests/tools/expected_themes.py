#!/usr/bin/env python3
"""Independent oracle for the theme metrics (tests/cli/themes.rs): reads
tests/fixtures/themes/data/survey.csv with Python's csv module, tags each comment with the
fixture's two themes by whole-word matching (delivery: `delivery`, `late`; staff: `staff`),
takes each comment template's sentiment from the hand labels below, and computes:

- `<theme>_mentions`, `<theme>_share` (Wilson interval), `<theme>_negative` (Wilson, over the
  theme's mentions; blank under min_n mentions);
- `<theme>_nps_gap`: NPS of answers whose comment mentions the theme minus NPS of the others,
  SE = √(SE₁² + SE₂²) with each SE the adjusted-Wald one (Sauro & Lewis 2016), both sides ≥ min_n;
- `<theme>_share_change` of all comments from 2025-01 to 2025-02, SE from two binomial shares.

Shares no code with cxsite. Needs mpmath. Usage:

    python3 tests/tools/expected_themes.py tests/fixtures/themes/data/survey.csv

prints `dimension,group,metric,n,value,ci_low,ci_high` rows (4 decimals).
"""
import csv
import re
import sys

from mpmath import mp, mpf, sqrt, erfinv

mp.dps = 30
Z = sqrt(2) * erfinv(mpf("0.95"))
MIN_N = 30
THEMES = {"delivery": ["delivery", "late"], "staff": ["staff"]}
# Hand labels: "but" turns the comment to its second half ("the delivery was late").
SENTIMENT = {
    "The delivery was late and terrible": "negative",
    "Delivery was fast, great job": "positive",
    "The staff were friendly and helpful": "positive",
    "The staff were rude, awful": "negative",
    "Great staff, but the delivery was late": "negative",
    "Paid by card at the counter": "neutral",
}


def themes(text):
    low = text.lower()
    return {t for t, ks in THEMES.items() if any(re.search(r"\b" + re.escape(k) + r"\b", low) for k in ks)}


def fmt(x):
    return "" if x is None else f"{float(x):.4f}"


def wilson(k, n):
    ph = mpf(k) / n
    denom = 1 + Z * Z / n
    centre = (ph + Z * Z / (2 * n)) / denom
    half = Z * sqrt(ph * (1 - ph) / n + Z * Z / (4 * n * n)) / denom
    return 100 * ph, max(100 * (centre - half), 0), min(100 * (centre + half), 100)


def nps_se(vals):
    n = len(vals)
    p = sum(1 for v in vals if v >= 9)
    d = sum(1 for v in vals if v <= 6)
    n1 = n + 3
    pp, dd = (p + mpf("0.75")) / n1, (d + mpf("0.75")) / n1
    return mpf(100) * (p - d) / n, 100 * sqrt((pp + dd - (pp - dd) ** 2) / n1)


def group_rows(dimension, group, rows):
    out = []
    n = len(rows)
    for t in THEMES:
        hits = [r for r in rows if t in r["themes"]]
        k = len(hits)
        shown = n >= MIN_N
        out.append((dimension, group, f"{t}_mentions", n, k if shown else None, None, None))
        v, lo, hi = wilson(k, n)
        out.append((dimension, group, f"{t}_share", n, *((v, lo, hi) if shown else (None,) * 3)))
        neg = sum(1 for r in hits if r["sentiment"] == "negative")
        if k:
            v, lo, hi = wilson(neg, k)
            out.append((dimension, group, f"{t}_negative", k, *((v, lo, hi) if k >= MIN_N else (None,) * 3)))
        rest = [r for r in rows if t not in r["themes"]]
        if dimension != "period" and len(hits) >= MIN_N and len(rest) >= MIN_N:
            v1, se1 = nps_se([r["nps"] for r in hits])
            v0, se0 = nps_se([r["nps"] for r in rest])
            se = sqrt(se1**2 + se0**2)
            d = v1 - v0
            out.append((dimension, group, f"{t}_nps_gap", k, d, d - Z * se, d + Z * se))
    return out


def main(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [
            {"tp": r["touchpoint"], "period": r["submitted_at"][:7], "nps": int(r["recommend"]),
             "themes": themes(r["comment"]), "sentiment": SENTIMENT[r["comment"]]}
            for r in csv.DictReader(f)
        ]
    out = group_rows("overall", "all", rows)
    for tp in ("store", "web"):
        out += group_rows("touchpoint", tp, [r for r in rows if r["tp"] == tp])
    for p in ("2025-01", "2025-02"):
        out += group_rows("period", p, [r for r in rows if r["period"] == p])
    a = [r for r in rows if r["period"] == "2025-01"]
    b = [r for r in rows if r["period"] == "2025-02"]
    for t in THEMES:
        k0, k1 = sum(t in r["themes"] for r in a), sum(t in r["themes"] for r in b)
        p0, p1 = mpf(k0) / len(a), mpf(k1) / len(b)
        se = 100 * sqrt(p0 * (1 - p0) / len(a) + p1 * (1 - p1) / len(b))
        d = 100 * (p1 - p0)
        print(f"# {t}: {k1}/{len(b)} vs {k0}/{len(a)}, z = {float(d / se):.4f}")
        out.append(("period", "2025-02", f"{t}_share_change", len(b), d, d - Z * se, d + Z * se))
    for r in sorted(out, key=lambda r: r[:3]):
        print(",".join([r[0], r[1], r[2], str(r[3])] + [fmt(x) for x in r[4:]]))


if __name__ == "__main__":
    main(sys.argv[1])
