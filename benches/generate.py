#!/usr/bin/env python3
"""Seeded generator of a long-format survey export for cxsite's benchmarks.

usage: python3 benches/generate.py ROWS OUT_DIR [STORES]

Writes OUT_DIR/cxsite.yaml and OUT_DIR/data/survey.csv: ROWS rows over 24 months, 40
touchpoints in 5 stages, STORES stores (default 500), 4 channels, 6 segments (age bands and tiers as rule and
column segments), NPS 0-10, CSAT 1-5, CES 1-7, and a comment on 30% of rows in Chinese,
English or both, some with commas, quotes and embedded newlines. The same ROWS always give
the same bytes (random.Random(7)).
"""
import csv
import os
import random
import sys

STAGES = ["aware", "appeal", "ask", "act", "advocate"]
ZH = ["配送太慢了", "店员服务很好", "价格有点贵", "包装破损", "很新鲜，好吃", "APP经常闪退", "会员积分好用"]
EN = ["Delivery was slow", "Great staff", "A bit pricey", "Box was damaged, sadly", "Fresh and tasty", "The app crashes", "Love the points"]


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    stores = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    rnd = random.Random(7)
    tps = [(f"{STAGES[i // 8]}", f"tp{i:02d}") for i in range(40)]
    with open(os.path.join(out, "cxsite.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Benchmark\nmin_n: 30\ntimezone: Asia/Shanghai\njourney:\n  stages:\n")
        for s in STAGES:
            f.write(f"    - id: {s}\n      name: {s.title()}\n      touchpoints:\n")
            for st, tp in tps:
                if st == s:
                    f.write(f"        - {{ id: {tp}, name: Touchpoint {tp}, channel: c }}\n")
        # No `respondent:` column: the benchmark measures the pipeline without the check for
        # repeated respondent ids (16 bytes a row), which docs/PERFORMANCE.md measures apart.
        f.write("""segments:
  - { id: young, name: Under 30, when: "age < 30" }
  - { id: mid, name: 30-49, when: "age >= 30 and age < 50" }
  - { id: senior, name: 50+, when: "age >= 50" }
  - { id: premium, name: Gold and platinum, when: "tier in ['gold', 'platinum']" }
  - { from_column: tier, name: Tier }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { date: date, touchpoint: touchpoint, comment: comment }
    scores:
      nps: { column: nps, scale: [0, 10] }
      csat: { column: csat, scale: [1, 5] }
      ces: { column: ces, scale: [1, 7] }
    dimensions: [store, channel]
""")
    tiers = ["regular", "silver", "gold", "platinum"]
    channels = ["store", "app", "mini-program", "e-commerce"]
    with open(os.path.join(out, "data", "survey.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "date", "touchpoint", "store", "channel", "age", "tier", "nps", "csat", "ces", "comment"])
        for i in range(rows):
            r = rnd.random()
            tp = tps[int(r * 40) % 40][1]
            month = i % 24
            y, m = 2024 + (month + 10) // 12, (month + 10) % 12 + 1
            d = 1 + (i * 7) % 28
            nps = min(10, max(0, int(rnd.gauss(7.5, 2.2))))
            csat = min(5, max(1, int(rnd.gauss(3.9, 0.9) + 0.5)))
            ces = min(7, max(1, int(rnd.gauss(5.2, 1.2) + 0.5)))
            comment = ""
            c = rnd.random()
            if c < 0.3:
                k = rnd.randrange(7)
                if c < 0.15:
                    comment = ZH[k]
                elif c < 0.25:
                    comment = EN[k]
                else:
                    comment = f'{ZH[k]}, "{EN[k]}"\n{ZH[(k + 1) % 7]}'
            w.writerow([f"R{i}", f"{y}-{m:02d}-{d:02d} {i % 24:02d}:{i % 60:02d}:00", tp, f"S{rnd.randrange(stores):03d}",
                        channels[i % 4], 18 + rnd.randrange(60), tiers[int(rnd.random() ** 2 * 4)],
                        nps, csat, "" if i % 3 == 0 else ces, comment])


if __name__ == "__main__":
    main()
