#!/usr/bin/env python3
"""The DuckDB baseline: the metric set cxsite computes, in SQL, on the benchmark CSV.

usage: python3 benches/duckdb_metrics.py DATA.csv

Counts, NPS, CSAT (top-2 box), CSAT mean and CES mean for overall, touchpoint, stage,
segment (age bands and tiers, as the benchmark project defines them), store, channel and
month, and two crosses (touchpoint × month, touchpoint × segment) — the numbers alone, with
no intervals, site or data-quality report. Prints the wall time of the query and the number of
result rows. DuckDB uses all cores.
"""
import sys
import time

import duckdb

SQL = """
WITH r AS (
  SELECT touchpoint AS tp, substr(touchpoint, 3, 2)::INT // 8 AS stage, store, channel,
         strftime(CAST(date AS TIMESTAMP), '%Y-%m') AS month,
         CASE WHEN age < 30 THEN 'young' WHEN age < 50 THEN 'mid' ELSE 'senior' END AS band,
         tier, nps, csat, ces
  FROM read_csv('{path}', header = true, quote = '"', escape = '"')
), g AS (
  SELECT 'overall' AS dim, 'all' AS grp, * FROM r
  UNION ALL SELECT 'touchpoint', tp, * FROM r
  UNION ALL SELECT 'stage', stage::VARCHAR, * FROM r
  UNION ALL SELECT 'segment', band, * FROM r
  UNION ALL SELECT 'segment', 'tier:' || tier, * FROM r
  UNION ALL SELECT 'segment', 'premium', * FROM r WHERE tier IN ('gold', 'platinum')
  UNION ALL SELECT 'store', store, * FROM r
  UNION ALL SELECT 'channel', channel, * FROM r
  UNION ALL SELECT 'period', month, * FROM r
  UNION ALL SELECT 'touchpoint_period', tp || '|' || month, * FROM r
  UNION ALL SELECT 'touchpoint_segment', tp || '|' || band, * FROM r
)
SELECT dim, grp,
       count(nps) AS n_nps,
       100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / count(nps) AS nps,
       count(csat) AS n_csat,
       100.0 * count(*) FILTER (WHERE csat >= 4) / count(csat) AS csat,
       avg(csat) AS csat_mean, stddev_samp(csat) AS csat_sd,
       count(ces) AS n_ces, avg(ces) AS ces, stddev_samp(ces) AS ces_sd
FROM g GROUP BY dim, grp
"""


def main():
    path = sys.argv[1]
    con = duckdb.connect()
    t = time.perf_counter()
    rows = con.execute(SQL.format(path=path)).fetchall()
    elapsed = time.perf_counter() - t
    print(f"duckdb {elapsed:.3f} s, {len(rows)} groups")


if __name__ == "__main__":
    main()
