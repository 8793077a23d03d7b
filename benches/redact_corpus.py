"""Lines of text dense in what redaction reads — digits of several scripts in every grouping,
phone, card and ID numbers valid and not, brackets, plus signs, keywords, e-mail addresses,
Chinese numerals, invisible characters — glued together at random: a corpus to compare two
builds' redaction line by line (docs/PERFORMANCE.md, "Redaction of digit-heavy comments"):

    python3 benches/redact_corpus.py 300000 1 > /tmp/corpus.txt
    target/release/examples/redact_speed --dump < /tmp/corpus.txt > /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt    # the same from the other build

Arguments: number of lines, seed.
"""
import random, sys
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
N = int(sys.argv[1])
def luhn_digit(body):
    s = 0
    for i, c in enumerate(reversed(body)):
        v = int(c)
        if i % 2 == 0:
            v *= 2
            if v > 9: v -= 9
        s += v
    return str((10 - s % 10) % 10)
def id_check(b):
    W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return "10X98765432"[sum(int(c)*w for c, w in zip(b, W)) % 11]
def digits(n, first=None):
    s = "".join(random.choice("0123456789") for _ in range(n))
    return (first + s[len(first):]) if first else s
def group(s, sizes, sep):
    out, i = [], 0
    for z in sizes:
        out.append(s[i:i+z]); i += z
    if i < len(s): out.append(s[i:])
    return sep.join(x for x in out if x)
def piece():
    r = random.random()
    seps = [" ", "-", ".", "/", "", " - ", "  ", "\u00a0", "\u3000", "－", " . "]
    if r < 0.15:
        s = "1" + random.choice("3456789") + digits(9)
    elif r < 0.25:
        b = digits(random.choice([13, 14, 15, 16, 18]), random.choice(["4", "62", "37", "34", "36", "30", "5"]))
        s = b + luhn_digit(b)
    elif r < 0.32:
        b = random.choice(["110105", "440304", "310104"]) + random.choice(["1990", "1985", "2001"]) + "0101" + digits(3)
        s = b + id_check(b)
    elif r < 0.36:
        s = random.choice(["310104850712123", "110105491231002"])
    elif r < 0.5:
        s = random.choice(["0", "02", "03", "010", "021", "0755", "07700", "0151", "090", "86", "0086", "+86", "+1", "+44", "1"]) + digits(random.randint(4, 11))
    elif r < 0.6:
        s = digits(random.randint(1, 25))
    elif r < 0.7:
        s = random.choice(["(021) ", "（010）", "(415) ", "(02) ", "(11) ", "(138)", "(12) ", "(0)"]) + digits(random.randint(3, 9))
    elif r < 0.75:
        s = random.choice(["QQ ", "qq号：", "微信号 ", "wechat: ", "vx:", "护照 ", "wxid_", "企鹅"]) + random.choice([digits(8), "abc" + digits(4), "G" + digits(8)])
    elif r < 0.8:
        s = random.choice(["li.na@example.com", "张三@example.com", "1.2.3@x.co", "a＠b．cn", "12@34.56", "x@y"])
    elif r < 0.85:
        s = "".join(random.choice("一二三四五六七八九零幺〇十百") for _ in range(random.randint(3, 13)))
    elif r < 0.9:
        s = random.choice(["A123456(3)", "A123456789", "AB9876543", "X", "x", "ABC", "card", "订单"]) 
    else:
        s = random.choice(["2024-03-05", "10:00", "9000 8000", "2130-2245", "98765 43210", "9123 4567", "11 98765-4321", "01 23 45 67 89", "123-45-6789", "415-555-0132", "1-800-555-0199"])
    if s and random.random() < 0.6 and s[0] not in "+(（QqwWv微护企":
        sizes = [random.choice([1, 2, 3, 4, 5]) for _ in range(10)]
        s = group(s, sizes, random.choice(seps))
    if random.random() < 0.1:
        s = "".join(chr(0xFF10 + int(c)) if c.isdigit() and random.random() < 0.5 else c for c in s)
    if random.random() < 0.05:
        s = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in s)
    if random.random() < 0.05:
        s = s.replace("3", "3\u200b", 1)
    return s
glue = [" ", "", "，", "谢谢", "x", "X", "A", "\\n", " ", ", ", "(", ")", "电话", "+", "-", ".", "@", "[phone]"]
for _ in range(N):
    n = random.randint(1, 6)
    print("".join(random.choice(glue) + piece() for _ in range(n)) + random.choice(glue))
