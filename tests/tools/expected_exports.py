#!/usr/bin/env python3
"""Independent oracle for tests/exports/*.rs: reads each `tests/fixtures/exports_*` data file
with Python's own decoders (codecs `gbk` and `utf-16`, the csv module, openpyxl), restates the
fixture's cxsite.yaml mapping by hand (labels, na values, scales, touchpoints, segments), and
prints every figure with the formulas of tests/tools/expected_metrics.py (adjusted-Wald NPS,
Wilson top box, Student t mean). Shares no code with cxsite.

Needs mpmath and openpyxl (`pip install mpmath openpyxl`). Usage, from the repository root:

    python3 tests/tools/expected_exports.py            # every fixture
    python3 tests/tools/expected_exports.py wide xlsx  # some

prints `dimension,group,metric,n,value,ci_low,ci_high` rows (4 decimals, blank below min_n).
"""
import csv
import datetime
import io
import os
import re
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from expected_metrics import mean, mp, nps, wilson  # noqa: E402

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def fmt(x):
    if x is None:
        return ""
    d = Decimal(mp.nstr(x, 25, min_fixed=-30, max_fixed=30)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return f"{abs(d) if d == 0 else d}"


def rows_of(rel, encoding="utf-8-sig", delimiter=","):
    with open(os.path.join(FIX, rel), "rb") as f:
        text = f.read().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def score(raw, lo, hi, labels=None, na=()):
    """The reading rules of docs/config.md, restated: None for blank, N/A, unknown or off-scale."""
    t = (raw or "").strip()
    if not t or t.lower() in [x.lower() for x in na]:
        return None
    for k, v in (labels or {}).items():
        if t.lower() == k.lower():
            return v if lo <= v <= hi else None
    t = t.removesuffix("分").strip()
    m = re.fullmatch(r"(-?\d+)(?:\.0+)?", t) or re.match(r"(-?\d+)[\s\-–—:=(（.、]", t)
    if not m:
        return None
    v = int(m.group(1))
    return v if lo <= v <= hi else None


class Groups:
    def __init__(self, min_n, clip):
        self.g = defaultdict(lambda: defaultdict(list))
        self.min_n = min_n
        self.clip = clip  # metric -> (lo, hi) of its scale, for means

    def add(self, keys, metric, v):
        if v is not None:
            for k in keys:
                self.g[k][metric].append(v)

    def show(self, top_box):
        for (dim, grp), ms in sorted(self.g.items(), key=lambda kv: (kv[0][0].encode(), kv[0][1].encode())):
            for m in sorted(ms, key=str.encode):
                vals = ms[m]
                if m == "nps":
                    v, lo, hi, how = nps(vals)
                elif m.endswith("_mean"):
                    v, lo, hi, how = mean(vals)
                    a, b = self.clip[m]
                    lo = None if lo is None else max(lo, a)
                    hi = None if hi is None else min(hi, b)
                else:
                    v, lo, hi, how = wilson(vals, top_box[m])
                shown = len(vals) >= self.min_n
                cells = [fmt(v), fmt(lo), fmt(hi)] if shown else ["", "", ""]
                print(f"{dim},{grp},{m},{len(vals)},{','.join(cells)}    # {sorted(vals)}; {how}")


def month(d):
    return f"{d.year:04d}-{d.month:02d}"


def long_fixture(name, rel, min_n, tps, stages, cols, nps_spec, csat_spec, date_of, dims=(), **read):
    g = Groups(min_n, {"csat_mean": (1, 5)})
    for r in rows_of(rel, **read):
        tp = tps.get(r[cols["touchpoint"]].strip().lower())
        d = date_of(r[cols["date"]])
        keys = [("overall", "all"), ("touchpoint", tp), ("stage", stages[tp])]
        keys += [(dim, r[c].strip()) for dim, c in dims]
        if d:
            keys += [("period", month(d)), ("touchpoint_period", f"{tp}|{month(d)}")]
        if nps_spec:
            g.add(keys, "nps", score(r[nps_spec[0]], 0, 10, **nps_spec[1]))
        if csat_spec:
            v = score(r[csat_spec[0]], 1, 5, **csat_spec[1])
            g.add(keys, "csat", v)
            g.add(keys, "csat_mean", v)
    print(f"== {name}")
    g.show({"csat": 4})


def ymd(raw):
    m = re.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", raw.strip())
    return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


SAT5 = {"非常满意": 5, "满意": 4, "一般": 3, "不满意": 2, "非常不满意": 1}


def gbk():
    long_fixture("gbk", "exports_gbk/data/survey.csv", 3, {"门店收银": "checkout", "外卖配送": "delivery"},
                 {"checkout": "act", "delivery": "act"},
                 {"touchpoint": "触点", "date": "提交时间"}, ("推荐意愿", {}), ("满意度", {"labels": SAT5}), ymd,
                 dims=[("store", "门店")], encoding="gbk")


def utf16():
    long_fixture("utf16", "exports_utf16/data/survey.txt", 3, {"check-in": "checkin", "room": "room"},
                 {"checkin": "stay", "room": "stay"}, {"touchpoint": "Touchpoint", "date": "Submitted"},
                 ("Likelihood to recommend (0-10)", {}), ("Overall satisfaction (1-5)", {}), ymd,
                 dims=[("hotel", "Hotel")], encoding="utf-16", delimiter="\t")


def semicolon():
    long_fixture("semicolon", "exports_semicolon/data/feedback.csv", 3, {"app": "app", "web": "web"},
                 {"app": "buy", "web": "buy"}, {"touchpoint": "Channel", "date": "Date"},
                 ("How likely, on a scale of 0-10, are you to recommend us?", {}), ("Satisfaction", {}), ymd,
                 dims=[("Store", "Store")], delimiter=";")


def labels():
    na = {"na": ["不适用", "N/A"]}
    long_fixture("labels", "exports_labels/data/responses.csv", 3, {"app": "app", "web": "web"},
                 {"app": "use", "web": "use"}, {"touchpoint": "Channel", "date": "Recorded Date"},
                 ("Q1 推荐意愿 How likely are you to recommend us?", na), ("Q2 满意度", na), ymd)


def dates(day_first=True):
    def dmy(raw):
        m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", raw.strip())
        if m:
            return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if day_first else None
        return ymd(raw)
    long_fixture("dates" if day_first else "dates, no date_format", "exports_dates/data/responses.csv", 3,
                 {"web": "web"}, {"web": "buy"}, {"touchpoint": "Touchpoint", "date": "Submitted"},
                 ("NPS", {}), None, dmy)


def malformed():
    g = Groups(3, {"csat_mean": (1, 5)})
    with open(os.path.join(FIX, "exports_malformed/data/tickets.csv"), encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        for r in reader:
            # A short row is padded with empty cells (Excel leaves trailing empty fields out);
            # only a row with something past the header's fields is skipped.
            if len(r) > len(header) and any(c.strip() for c in r[len(header):]):
                print(f"# skipped, {len(r)} fields: {r}")
                continue
            r = dict(zip(header, r + [""] * (len(header) - len(r))))
            keys = [("overall", "all"), ("touchpoint", r["channel"]), ("period", month(ymd(r["opened"])))]
            v = score(r["csat"], 1, 5)
            g.add(keys, "csat", v)
            g.add(keys, "csat_mean", v)
    print("== malformed")
    g.show({"csat": 4})


def joins():
    crm = {r["会员编号"].strip(): r for r in rows_of("exports_joins/data/crm.csv") if r["会员编号"].strip()}
    g = Groups(3, {})
    for r in rows_of("exports_joins/data/survey.csv"):
        m = crm.get(r["member_id"].strip())
        keys = [("overall", "all"), ("touchpoint", r["touchpoint"])]
        if m:
            if m["会员等级"] == "金卡":
                keys.append(("segment", "gold"))
            if float(m["累计消费次数"]) >= 5:
                keys.append(("segment", "repeat_buyers"))
            keys.append(("segment", "tier:" + m["会员等级"]))
        g.add(keys, "nps", score(r["nps"], 0, 10))
    print("== joins")
    g.show({})


def wide():
    tps = {"boarding": ("Online boarding", "ground"), "baggage": ("Baggage handling", "ground"),
           "wifi": ("Inflight wifi service", "inflight"), "seat": ("Seat comfort", "inflight"),
           "entertainment": ("Inflight entertainment", "inflight")}
    g = Groups(5, {"csat_mean": (1, 5), "satisfied_mean": (0, 1)})
    na = defaultdict(int)
    for r in rows_of("exports_wide/data/passengers.csv"):
        segs = ["class:" + r["Class"]] + (["business_travel"] if r["Type of Travel"] == "Business travel" else [])
        row_keys = [("overall", "all")] + [("segment", s) for s in segs]
        out = score(r["satisfaction"], 0, 1, labels={"satisfied": 1, "neutral or dissatisfied": 0})
        g.add(row_keys, "satisfied", out)
        g.add(row_keys, "satisfied_mean", out)
        for tp, (col, stage) in tps.items():
            if r[col].strip() == "0":
                na[col] += 1
            v = score(r[col], 1, 5, na=["0"])
            keys = row_keys + [("touchpoint", tp), ("stage", stage)]
            keys += [("touchpoint_segment", f"{tp}|{s}") for s in segs]
            g.add(keys, "csat", v)
            g.add(keys, "csat_mean", v)
    print("== wide")
    print(f"# not applicable (0) per column: {dict(na)}")
    g.show({"csat": 4, "satisfied": 1})


def xlsx(sheet="原始数据"):
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(FIX, "exports_xlsx/data/survey_export.xlsx"))
    ws = wb[sheet]
    header = [c.value for c in ws[3]]
    g = Groups(3, {"csat_mean": (1, 5)})
    for row in ws.iter_rows(min_row=4, values_only=True):
        r = dict(zip(header, row))
        d = r["提交时间"]
        if isinstance(d, (int, float)):
            d = datetime.datetime(1899, 12, 30) + datetime.timedelta(days=d)
        tp = {"点餐": "order", "取餐": "pickup"}[r["触点"]]
        keys = [("overall", "all"), ("touchpoint", tp), ("stage", "visit"), ("store", r["门店"]),
                ("period", month(d)), ("touchpoint_period", f"{tp}|{month(d)}")]
        g.add(keys, "nps", score(str(r["推荐意愿"]), 0, 10))
        v = score(str(r["整体满意度"]), 1, 5, labels=SAT5)
        g.add(keys, "csat", v)
        g.add(keys, "csat_mean", v)
    print(f"== xlsx, sheet {sheet}")
    g.show({"csat": 4})


ALL = {"gbk": gbk, "utf16": utf16, "semicolon": semicolon, "xlsx": xlsx, "wide": wide, "labels": labels,
       "joins": joins, "dates": dates, "malformed": malformed}

if __name__ == "__main__":
    for name in sys.argv[1:] or ALL:
        ALL[name]()
    if len(sys.argv) == 1:
        dates(day_first=False)
        xlsx("数值日期")
