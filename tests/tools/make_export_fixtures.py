#!/usr/bin/env python3
"""Writes the binary data files of the `tests/fixtures/exports_*` projects, byte for byte as
the tools that make them in real life would: Excel on Chinese Windows ("CSV (逗号分隔)", GBK,
no BOM), Excel's "Unicode text" (UTF-16LE with a BOM, tab-separated, CRLF) and an .xlsx
workbook with a report title, a blank row, a notes sheet and real date cells.

The text fixtures (UTF-8 CSV) are plain files in the fixture folders; only these three need a
program. The expected numbers of tests/exports/*.rs do not come from here: they are worked out
by hand in the tests' comments and checked by tests/tools/expected_exports.py.

Needs openpyxl (`pip install openpyxl`). Run from the repository root:

    python3 tests/tools/make_export_fixtures.py
"""
import datetime
import os

FIX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def write(rel, data):
    path = os.path.join(FIX, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"wrote {rel} ({len(data)} bytes)")


# 1. GBK, as Excel on Chinese Windows saves "CSV (逗号分隔)": no BOM, CRLF, Chinese header.
#    喆 is in GBK but not in GB2312. One comment holds an ASCII comma and is quoted.
GBK_ROWS = [
    ["编号", "提交时间", "门店", "触点", "推荐意愿", "满意度", "评论"],
    ["1001", "2024/3/1 09:15", "上海南京路店", "门店收银", "10", "非常满意", "收银很快"],
    ["1002", "2024/3/2 12:40", "上海南京路店", "门店收银", "9", "满意", '"服务好,下次再来"'],
    ["1003", "2024/3/5 18:02", "北京三里屯店", "门店收银", "6", "一般", "排队太久"],
    ["1004", "2024/3/9 10:00", "北京三里屯店", "外卖配送", "3", "不满意", "送到时已经凉了"],
    ["1005", "2024/3/28 20:30", "上海南京路店", "外卖配送", "8", "满意", ""],
    ["1006", "2024/4/3 19:30", "北京三里屯店", "外卖配送", "10", "非常满意", "骑手喆哥很贴心"],
    ["1007", "2024/4/8 08:05", "上海南京路店", "门店收银", "9", "4", ""],
    ["1008", "2024/4/9 21:45", "北京三里屯店", "门店收银", "5", "非常不满意", "价格涨了，不开心"],
    ["1009", "2024/4/12 13:00", "北京三里屯店", "外卖配送", "7", "满意", "包装破了"],
]
gbk_text = "".join(",".join(r) + "\r\n" for r in GBK_ROWS)
write("exports_gbk/data/survey.csv", gbk_text.encode("gbk"))
# The same answers under an English header: the first byte that is not UTF-8 is on line 2.
en_header = "id,submitted,store,touchpoint,recommend,satisfaction,comment\r\n"
write("exports_gbk/data/survey_en_header.csv", (en_header + "".join(",".join(r) + "\r\n" for r in GBK_ROWS[1:])).encode("gbk"))

# 2. Excel "Unicode text (*.txt)": UTF-16LE with a BOM, tabs, CRLF; a field holding a double
#    quote is quoted with the quote doubled, a comma needs no quoting.
UTF16_ROWS = [
    ["Response ID", "Submitted", "Hotel", "Touchpoint", "Likelihood to recommend (0-10)",
     "Overall satisfaction (1-5)", "Comments"],
    ["H-0001", "2024/5/3 14:20", "Hangzhou West Lake", "Check-in", "9", "5", "Fast, friendly check-in"],
    ["H-0002", "2024/5/4 09:02", "Hangzhou West Lake", "Check-in", "7", "4",
     '"The ""express"" check-in took 20 minutes"'],
    ["H-0003", "2024/5/6 22:15", "Hangzhou West Lake", "Room", "10", "5", "房间很干净"],
    ["H-0004", "2024/5/9 07:40", "Suzhou Garden", "Room", "4", "2", "Noisy air conditioning, no sleep"],
    ["H-0005", "2024/5/11 12:00", "Suzhou Garden", "Check-in", "8", "3", ""],
    ["H-0006", "2024/5/15 18:30", "Suzhou Garden", "room", "10", "4", "Great view"],
    ["H-0007", "2024/5/20 11:11", "Suzhou Garden", "Check-in", "2", "1", "Lost our booking"],
]
utf16_text = "".join("\t".join(r) + "\r\n" for r in UTF16_ROWS)
write("exports_utf16/data/survey.txt", b"\xff\xfe" + utf16_text.encode("utf-16-le"))

# 3. An .xlsx export: sheet 说明 (notes) first, then 原始数据 (raw data) with a merged title
#    row, a blank row 2, the header on row 3 and real Excel date cells; then 数值日期, the same
#    answers with the dates as bare serial numbers (General format), as some tools write them.
try:
    import openpyxl
except ImportError:
    raise SystemExit("pip install openpyxl")

wb = openpyxl.Workbook()
notes = wb.active
notes.title = "说明"
notes["A1"] = "本文件由问卷系统导出。数据见“原始数据”工作表。"
notes["A2"] = "满意度：非常满意 / 满意 / 一般 / 不满意 / 非常不满意"

HEADER = ["序号", "提交时间", "门店", "触点", "推荐意愿", "整体满意度", "评论"]
D = datetime.datetime
# (序号, date value, Excel number format, 门店, 触点, 推荐意愿, 整体满意度, 评论)
XLSX_ROWS = [
    (1, D(2024, 4, 2, 10, 15), "yyyy/m/d h:mm", "徐汇店", "点餐", 10, "非常满意", "点餐很方便"),
    (2, D(2024, 4, 15, 19, 40), "yyyy/m/d h:mm", "徐汇店", "点餐", 8, "满意", None),
    (3, datetime.date(2024, 4, 28), 'yyyy"年"m"月"d"日"', "静安店", "取餐", 6, "一般", "等了很久"),
    (4, D(2024, 5, 6, 12, 30), "yyyy/m/d h:mm", "静安店", "取餐", 9, "非常满意", None),
    (5, datetime.date(2024, 5, 18), 'yyyy"年"m"月"d"日"', "徐汇店", "取餐", 3, "非常不满意", "餐品洒了"),
    (6, D(2024, 5, 31, 21, 5), "yyyy/m/d h:mm", "静安店", "点餐", 9, "满意", None),
    # A bare serial in a General cell: 45450 days after 1899-12-30 is 2024-06-07.
    (7, 45450, "General", "徐汇店", "点餐", 7, "不满意", None),
    # A number where the other answers are labels.
    (8, D(2024, 6, 20, 8, 0), "yyyy/m/d h:mm", "静安店", "取餐", 10, 5, None),
]


def excel_serial(v):
    if isinstance(v, (int, float)):
        return v
    if not isinstance(v, datetime.datetime):
        v = datetime.datetime(v.year, v.month, v.day)
    delta = v - datetime.datetime(1899, 12, 30)
    return round(delta.days + delta.seconds / 86400, 6)


def data_sheet(title, serials, book=None):
    ws = (book or wb).create_sheet(title)
    ws["A1"] = "2024年第二季度 顾客满意度调研 原始数据"
    ws.merge_cells("A1:G1")
    # Row 2 stays blank.
    for c, h in enumerate(HEADER, start=1):
        ws.cell(3, c, h)
    for i, (no, date, fmt, store, tp, rec, sat, comment) in enumerate(XLSX_ROWS):
        r = 4 + i
        ws.cell(r, 1, no)
        cell = ws.cell(r, 2, excel_serial(date) if serials else date)
        cell.number_format = "General" if serials else fmt
        ws.cell(r, 3, store)
        ws.cell(r, 4, tp)
        ws.cell(r, 5, rec)
        ws.cell(r, 6, sat)
        if comment is not None:
            ws.cell(r, 7, comment)


data_sheet("原始数据", serials=False)
data_sheet("数值日期", serials=True)
fixed = datetime.datetime(2024, 7, 1, 9, 0, 0)
wb.properties.created = fixed
wb.properties.modified = fixed
path = os.path.join(FIX, "exports_xlsx", "data", "survey_export.xlsx")
os.makedirs(os.path.dirname(path), exist_ok=True)
wb.save(path)
print(f"wrote exports_xlsx/data/survey_export.xlsx ({os.path.getsize(path)} bytes)")

# 3b. The same answers behind a hidden first sheet of option lists (as a workbook's data
#     validation lists are often kept): without `sheet:`, the first visible sheet is read.
hidden_wb = openpyxl.Workbook()
lists = hidden_wb.active
lists.title = "选项"
lists["A1"] = "非常满意"
lists["A2"] = "满意"
lists.sheet_state = "hidden"
data_sheet("原始数据", serials=False, book=hidden_wb)
hidden_wb.properties.created = fixed
hidden_wb.properties.modified = fixed
path = os.path.join(FIX, "exports_xlsx", "data", "hidden_first_sheet.xlsx")
hidden_wb.save(path)
print(f"wrote exports_xlsx/data/hidden_first_sheet.xlsx ({os.path.getsize(path)} bytes)")
