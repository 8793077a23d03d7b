#!/usr/bin/env python3
"""Seeded generator of a long-format survey export for cxsite's benchmarks.

usage: python3 benches/generate.py [--text] ROWS OUT_DIR [STORES]

Writes OUT_DIR/cxsite.yaml and OUT_DIR/data/survey.csv: ROWS rows over 24 months, 40
touchpoints in 5 stages, STORES stores (default 500), 4 channels, 6 segments (age bands and tiers as rule and
column segments), NPS 0-10, CSAT 1-5, CES 1-7, and a comment on 30% of rows in Chinese,
English or both, some with commas, quotes and embedded newlines. The same ROWS always give
the same bytes (random.Random(7)).

With --text, the comments are varied (almost every one distinct, 5-80 characters, composed
from clause templates and product, store, staff and time words of both languages by a second
seeded generator, the Chinese words half from hand lists and half drawn by Zipf from jieba's
dictionary, so clauses repeat about as often as in real reviews, so every other column is byte-identical to the run without --text), the
project asks for text analysis (`text: {}`), and OUT_DIR/off/ is the same project without the
`text:` section over the same data (a hard link), for measuring text analysis on against off.
"""
import csv
import os
import random
import sys

STAGES = ["aware", "appeal", "ask", "act", "advocate"]
ZH = ["配送太慢了", "店员服务很好", "价格有点贵", "包装破损", "很新鲜，好吃", "APP经常闪退", "会员积分好用"]
EN = ["Delivery was slow", "Great staff", "A bit pricey", "Box was damaged, sadly", "Fresh and tasty", "The app crashes", "Love the points"]

# Varied comments (--text): clause templates filled with words; {p} product, {s} store place,
# {f} staff, {t} time, {a} positive and {n} negative adjectives, {d} degree, {x} number.
ZH_P = ["牛奶", "面包", "草莓", "酸奶", "咖啡", "鸡蛋", "大米", "苹果", "蛋糕", "牛排", "洗发水", "纸巾",
        "矿泉水", "橙汁", "饺子", "香蕉", "三文鱼", "巧克力", "薯片", "沙拉", "蔬菜", "水饺", "面条", "火锅底料"]
ZH_S = ["门店", "收银台", "停车场", "生鲜区", "熟食柜台", "自助结账机", "会员中心", "小程序", "外卖", "APP", "超市", "仓库店"]
ZH_F = ["店员", "收银员", "快递员", "客服", "导购", "保安", "配送小哥", "店长", "理货员"]
ZH_T = ["今天", "昨天晚上", "周末", "早上", "中午", "上周", "节假日", "下班后", "这个月", "每次"]
ZH_A = ["新鲜", "好吃", "热情", "耐心", "干净", "方便", "实惠", "周到", "专业", "整齐"]
ZH_N = ["不新鲜", "太贵", "很慢", "态度差", "很脏", "太挤", "难用", "缺货", "过期", "混乱"]
ZH_D = ["很", "非常", "特别", "有点", "比较", "太", "挺", "超级"]
ZH_TPL = ["{t}在{s}买的{p}{d}{a}", "{s}的{f}{d}{a}", "{p}{n}，{d}失望", "{t}去{s}，{f}{n}", "{p}{d}{a}，下次还来",
          "{s}排队{x}分钟，{d}{n}", "{f}{d}{a}，帮我找到了{p}", "{t}的{p}{n}了", "希望{s}多进点{p}", "{p}价格{d}{a}",
          "{s}{d}{n}，{f}也不管", "{f}给我推荐了{p}，{d}{a}", "等了{x}分钟{p}才送到", "{t}{s}的{p}又{n}"]
EN_P = ["milk", "bread", "strawberries", "yogurt", "coffee", "eggs", "rice", "apples", "cake", "steak", "shampoo",
        "tissues", "water", "orange juice", "dumplings", "bananas", "salmon", "chocolate", "chips", "salad", "noodles"]
EN_S = ["store", "checkout", "car park", "fresh aisle", "deli counter", "self checkout", "member desk", "mini program",
        "delivery", "app", "website", "warehouse store"]
EN_F = ["cashier", "staff", "driver", "agent", "manager", "guard", "courier", "assistant", "team"]
EN_T = ["today", "last night", "on the weekend", "this morning", "at lunch", "last week", "on holidays", "after work",
        "this month", "every time"]
EN_A = ["fresh", "tasty", "friendly", "patient", "clean", "easy", "cheap", "helpful", "quick", "tidy"]
EN_N = ["stale", "pricey", "slow", "rude", "dirty", "crowded", "confusing", "out of stock", "expired", "messy"]
EN_D = ["very", "really", "quite", "a bit", "so", "too", "super", "rather"]
EN_TPL = ["The {p} I bought {t} was {d} {a}", "The {f} at the {s} was {d} {a}", "{p} {n}, {d} disappointed",
          "{t} the {s} {f} was {n}", "{p} was {d} {a}, will come back", "Waited {x} minutes at the {s}, {d} {n}",
          "The {f} helped me find {p}", "{p} {n} again {t}", "Please stock more {p} in the {s}",
          "Price of {p} is {d} {a}", "The {s} is {d} {n} and the {f} did nothing", "{p} arrived after {x} minutes"]


def jieba_words():
    """Nouns, adjectives and time words of jieba's dictionary (the copy cargo fetched for the
    build, jieba-rs as pinned in Cargo.lock), most frequent first: the benchmark's Chinese
    comments draw from thousands of real words, so their clauses are as varied as real
    comments' (a few dozen fill words made nine clauses in ten repeat, which a cache of
    segmented clauses made free). Returns ([], [], []) when the file is not found."""
    import glob
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    found = sorted(glob.glob(os.path.join(home, "registry/src/*/jieba-rs-0.11.0/src/data/dict.txt")))
    nouns, adjectives, times = [], [], []
    if not found:
        return nouns, adjectives, times
    entries = []
    with open(found[0], encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 4 and int(parts[1]) >= 20:
                entries.append((-int(parts[1]), parts[0], parts[2]))
    entries.sort()
    for _, w, pos in entries:
        if pos == "n" and len(nouns) < 6000:
            nouns.append(w)
        elif pos == "a" and len(adjectives) < 800:
            adjectives.append(w)
        elif pos == "t" and len(times) < 300:
            times.append(w)
    return nouns, adjectives, times


def zipf(rnd, words):
    """A word, the n-th most frequent with weight 1/n (a Zipf draw)."""
    # Inverse of the harmonic CDF, roughly: exp of a uniform draw over log ranks.
    i = int(len(words) ** rnd.random()) - 1
    return words[min(max(i, 0), len(words) - 1)]


def clause(rnd, tpl, p, s, f, t, a, n, d):
    return rnd.choice(tpl).format(p=rnd.choice(p), s=rnd.choice(s), f=rnd.choice(f), t=rnd.choice(t),
                                  a=rnd.choice(a), n=rnd.choice(n), d=rnd.choice(d), x=rnd.randrange(3, 90))


def zh(rnd):
    if not REAL_NOUNS:
        return clause(rnd, ZH_TPL, ZH_P, ZH_S, ZH_F, ZH_T, ZH_A, ZH_N, ZH_D)
    # A quarter of the slots from the hand lists (the words of retail comments), the rest from jieba's
    # dictionary by Zipf: a long tail of products, places, times and adjectives.
    pick = lambda own, real: rnd.choice(own) if rnd.random() < 0.25 else zipf(rnd, real)
    negative = rnd.choice(ZH_N) if rnd.random() < 0.6 else "不" + zipf(rnd, REAL_ADJECTIVES)
    return rnd.choice(ZH_TPL).format(p=pick(ZH_P, REAL_NOUNS), s=pick(ZH_S, REAL_NOUNS), f=rnd.choice(ZH_F),
                                     t=pick(ZH_T, REAL_TIMES), a=pick(ZH_A, REAL_ADJECTIVES), n=negative,
                                     d=rnd.choice(ZH_D), x=rnd.randrange(3, 90))


def en(rnd):
    return clause(rnd, EN_TPL, EN_P, EN_S, EN_F, EN_T, EN_A, EN_N, EN_D)


REAL_NOUNS, REAL_ADJECTIVES, REAL_TIMES = [], [], []


def varied(rnd, c):
    """A comment of 5-80 characters: 1-3 clauses of one language, or both (c from the row)."""
    if c < 0.15:
        parts, sep = [zh(rnd) for _ in range(rnd.choice([1, 1, 2, 2, 3]))], "，"
    elif c < 0.25:
        parts, sep = [en(rnd) for _ in range(rnd.choice([1, 1, 2, 2]))], ". "
    else:
        parts, sep = [zh(rnd), f'"{en(rnd)}"\n' + zh(rnd)], ", "
    text = sep.join(parts)
    while len(text) > 80:
        parts.pop()
        text = sep.join(parts) if parts else text[:80]
    return text


def main():
    args = [a for a in sys.argv[1:] if a != "--text"]
    text = len(args) < len(sys.argv) - 1
    rows = int(args[0])
    out = args[1]
    if text:
        global REAL_NOUNS, REAL_ADJECTIVES, REAL_TIMES
        REAL_NOUNS, REAL_ADJECTIVES, REAL_TIMES = jieba_words()
        if not REAL_NOUNS:
            sys.exit("generate.py --text: jieba's dictionary not found under $CARGO_HOME; run `cargo build` first")
    stores = int(args[2]) if len(args) > 2 else 500
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    rnd = random.Random(7)
    words = random.Random(11)
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
    if text:
        os.makedirs(os.path.join(out, "off", "data"), exist_ok=True)
        with open(os.path.join(out, "cxsite.yaml"), encoding="utf-8") as f:
            config = f.read()
        with open(os.path.join(out, "off", "cxsite.yaml"), "w", encoding="utf-8") as f:
            f.write(config)
        with open(os.path.join(out, "cxsite.yaml"), "a", encoding="utf-8") as f:
            f.write("text: {}\n")
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
                if text:
                    comment = varied(words, c)
                elif c < 0.15:
                    comment = ZH[k]
                elif c < 0.25:
                    comment = EN[k]
                else:
                    comment = f'{ZH[k]}, "{EN[k]}"\n{ZH[(k + 1) % 7]}'
            w.writerow([f"R{i}", f"{y}-{m:02d}-{d:02d} {i % 24:02d}:{i % 60:02d}:00", tp, f"S{rnd.randrange(stores):03d}",
                        channels[i % 4], 18 + rnd.randrange(60), tiers[int(rnd.random() ** 2 * 4)],
                        nps, csat, "" if i % 3 == 0 else ces, comment])
    if text:
        # A hard link: cxsite refuses a data file that links out of its project directory.
        link = os.path.join(out, "off", "data", "survey.csv")
        if os.path.exists(link):
            os.remove(link)
        os.link(os.path.join(out, "data", "survey.csv"), link)


if __name__ == "__main__":
    main()
