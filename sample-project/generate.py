#!/usr/bin/env python3
"""Seeded generator for the cxsite sample project: "Crunchy Co. 脆脆食品".

Crunchy Co. is a fictional Chinese snack chain: 300 stores in 20 cities
(S001 上海徐汇店 Shanghai Xuhui ... S300), an app, a WeChat mini-program,
flagship shops on Tmall and JD, and a customer hotline. It sells five product
lines: 坚果 Nuts, 果干 Dried fruit, 肉脯 Meat snacks, 烘焙 Baked goods and
礼盒 Gift boxes. Everything here -- brand, stores, customers, phone numbers,
e-mail addresses, ID numbers -- is invented.

Regenerate (from any directory; paths are resolved next to this script):

    python3 sample-project/generate.py

The script uses only the Python 3.11 standard library and seeded generators
(random.Random(20261125), and for the columns added later -- forum.csv, the
second comment question and the products of relationship.csv -- their own
seeds), never the clock, so every run writes the same bytes.
It rewrites five files in sample-project/data/ (UTF-8 without BOM, comma
separated, "\\n" line ends, quoted by the csv module where needed):

survey.csv -- transactional survey in long form, one row per touchpoint rating,
    about 34,000 rows submitted 2024-11-01 .. 2026-10-31 (Asia/Shanghai).
    resp_id,customer_id,submitted_at,touchpoint,store,city,channel,
    product_line,recommend,satisfaction,effort,comment
    recommend is the 0-10 likelihood to recommend (NPS), satisfaction 1-5
    (CSAT), effort 1-7 (CES, 7 = very easy, so higher is better; blank where
    the question was not asked, about 30% of rows). A submission can rate one
    to three touchpoints; each rating is its own row with its own resp_id,
    numbered in submission order. store is "ID name"; it holds the store
    where a store touchpoint happened, otherwise the customer's home store
    (blank for online-only customers and some digital rows).

members.csv -- CRM lookup, one row per customer_id (9,000 members):
    customer_id,age,member_tier,preferred_channel,customer_type,
    purchases_12m,signup_date

relationship.csv -- annual relationship survey in wide form, two waves
    (June 2025, June 2026), 1,500 respondents: overall_nps 0-10, six 1-5
    ratings in which 0 means "not applicable", two comment questions and a
    multi-select question:
    like_most ("What do you like most?") praises the respondent's best-rated
        aspect, now and then with a mixed remark when nothing is rated
        above 3; about 40% answer it;
    improve ("What should we improve?") complains about the worst-rated
        aspect, or suggests, when even that is rated 4 or 5; about 45%;
    "Which of our products do you buy?" -- Google Forms style: the ticked
        options in form order joined with ", ", and one option, "坚果 Nuts,
        seeds", holds a comma itself. Young respondents tick meat snacks,
        baked goods and drinks more, older ones nuts and gift boxes, gold and
        platinum members gift boxes; everyone their usual product line. About
        4% skip it (blank); a handful add an "Other" answer (辣条, 果冻,
        Spicy strips) that is no listed option.
    The scores and like_most/improve's first comment come from the main
    generator as before; the rest from random.Random(SEED + 31).

reviews.csv -- 1,200 大众点评 (Dianping) store reviews in half stars:
    review_id,reviewed_at,store,aspect,星级,评价内容 (stars 1-5 in steps of 0.5;
    the ten worse stores rated lower, the ten better higher; random.Random(SEED + 41)).

forum.csv -- 1,590 community-forum posts, text only: post_id,posted_on,board,text
    (the last 90, of October 2026, about the new gift box's lid)
    (a board is a touchpoint; posts mostly complain).

Structure planted in survey.csv, which the analyses should find:

(a) Touchpoints. delivery and hotline are clearly the worst (NPS around -10
    while the rest sit between about +15 and +45). app_checkout is as good
    as the other app touchpoints except during the "checkout bug" from
    2025-05-06 until the fix on 2025-08-01, when its NPS drops far below
    zero (and effort scores and comments about 闪退/卡顿 follow); it
    recovers over the four weeks after the fix.
(b) Segments. Customers under 25 score about 12 NPS points and 0.4 CSAT
    points lower than older customers *at the same touchpoint*. They also
    use app, mini-program, e-commerce and delivery touchpoints more (which
    score lower), so a naive under-25 vs rest comparison overstates the gap.
    Platinum members are clearly happier (gold a little); new customers a
    little less happy than returning ones.
(c) Campaigns. The Spring Festival campaign (2025-01-15 .. 2025-02-12 and
    again 2026-01-30 .. 2026-02-27) lifts NPS by about 15 points while it
    runs, roughly 10 points on the months it covers, and brings in extra
    responses.
(d) Stores. Most stores sit close to the mean. Ten stores are clearly worse,
    ten clearly better (all with plenty of answers). Six stores opened in
    September 2026 have fewer than 10 answers each; three of them have
    only promoters, so a naive ranking would put them on top.
(e) Trend. A mild upward trend of about 8 NPS points over the two years.
(f) Seasonality. More responses in November (Double 11 双十一 peaks on
    11-11) and December (New Year); fewer in summer.

Comments: about a third of rows carry a verbatim, roughly 70% Chinese and 30%
English, built from templates per topic (price 价格, freshness 新鲜,
delivery 配送/快递, staff 店员服务, packaging 包装, app 闪退/卡顿, hotline,
rewards ...) whose tone follows the score: detractors complain, promoters
praise, passives are mixed.

Deliberate data-quality problems (small, so the tool's checks have something
to report):
  * ~2% of survey rows use a customer_id that is not in members.csv
    (unmatched join keys); ~1% of relationship rows too.
  * submitted_at formats: mostly "2025-03-05 14:22:10" (local time), ~10%
    "2025/3/5" (date only), ~5% "2025-03-05T06:22:10Z" (UTC);
    ~0.2% unparseable ("yesterday", "2025-13-40", "昨天", "2025-02-30 ...").
  * ~0.3% recommend values out of scale (11, -1, 99) or the text "N/A"
    (declared as not-applicable in cxsite.yaml); ~2% blank (not asked).
  * ~3% of satisfaction values written as labels 非常满意/满意/一般/不满意/
    非常不满意 (mapped to 5..1 in cxsite.yaml).
  * 5 rows with touchpoint "kiosk", which the journey does not define.
  * ~1% of comments contain personal data to be redacted (a mobile number,
    an e-mail address or an 18-digit ID-card-like number).
  * A handful of comments are hostile input that must be shown safely:
    <script>alert(1)</script>, =HYPERLINK("http://x"), "quoted, with
    comma", an embedded newline, and a few similar ones.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import math
import os
import random

SEED = 20261125
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

START = dt.date(2024, 11, 1)
END = dt.date(2026, 10, 31)  # inclusive
N_DAYS = (END - START).days + 1
N_SUBMISSIONS = 24_200  # gives about 34,000 rating rows
N_PROFILES = 9_150  # customer profiles; 150 are missing from members.csv
N_GHOSTS = 150
GHOST_SHARE = 0.02

BUG_START = dt.date(2025, 5, 6)
BUG_FIX = dt.date(2025, 8, 1)
BUG_RECOVERY_DAYS = 28
CAMPAIGNS = [
    (dt.date(2025, 1, 15), dt.date(2025, 2, 12)),
    (dt.date(2026, 1, 30), dt.date(2026, 2, 27)),
]

# ---------------------------------------------------------------------------
# Cities and stores
# ---------------------------------------------------------------------------

# (Chinese, English, number of stores, districts as (Chinese, English))
CITIES = [
    ("上海", "Shanghai", 30, [("徐汇", "Xuhui"), ("静安", "Jing'an"), ("黄浦", "Huangpu"), ("浦东", "Pudong"), ("长宁", "Changning"), ("普陀", "Putuo"), ("虹口", "Hongkou"), ("杨浦", "Yangpu"), ("闵行", "Minhang"), ("宝山", "Baoshan"), ("嘉定", "Jiading"), ("松江", "Songjiang")]),
    ("北京", "Beijing", 28, [("朝阳", "Chaoyang"), ("海淀", "Haidian"), ("东城", "Dongcheng"), ("西城", "Xicheng"), ("丰台", "Fengtai"), ("石景山", "Shijingshan"), ("通州", "Tongzhou"), ("昌平", "Changping"), ("大兴", "Daxing"), ("顺义", "Shunyi")]),
    ("广州", "Guangzhou", 22, [("天河", "Tianhe"), ("越秀", "Yuexiu"), ("海珠", "Haizhu"), ("荔湾", "Liwan"), ("白云", "Baiyun"), ("番禺", "Panyu"), ("黄埔", "Huangpu"), ("花都", "Huadu")]),
    ("深圳", "Shenzhen", 22, [("福田", "Futian"), ("南山", "Nanshan"), ("罗湖", "Luohu"), ("宝安", "Bao'an"), ("龙岗", "Longgang"), ("龙华", "Longhua"), ("盐田", "Yantian"), ("光明", "Guangming")]),
    ("杭州", "Hangzhou", 20, [("西湖", "Xihu"), ("上城", "Shangcheng"), ("拱墅", "Gongshu"), ("滨江", "Binjiang"), ("萧山", "Xiaoshan"), ("余杭", "Yuhang"), ("临平", "Linping")]),
    ("成都", "Chengdu", 18, [("锦江", "Jinjiang"), ("青羊", "Qingyang"), ("武侯", "Wuhou"), ("成华", "Chenghua"), ("金牛", "Jinniu"), ("高新", "Gaoxin"), ("双流", "Shuangliu")]),
    ("南京", "Nanjing", 16, [("鼓楼", "Gulou"), ("玄武", "Xuanwu"), ("秦淮", "Qinhuai"), ("建邺", "Jianye"), ("江宁", "Jiangning"), ("栖霞", "Qixia"), ("浦口", "Pukou")]),
    ("武汉", "Wuhan", 16, [("江汉", "Jianghan"), ("武昌", "Wuchang"), ("洪山", "Hongshan"), ("江岸", "Jiang'an"), ("硚口", "Qiaokou"), ("汉阳", "Hanyang"), ("青山", "Qingshan")]),
    ("重庆", "Chongqing", 15, [("渝中", "Yuzhong"), ("江北", "Jiangbei"), ("南岸", "Nan'an"), ("沙坪坝", "Shapingba"), ("九龙坡", "Jiulongpo"), ("渝北", "Yubei")]),
    ("苏州", "Suzhou", 14, [("姑苏", "Gusu"), ("园区", "Industrial Park"), ("吴中", "Wuzhong"), ("相城", "Xiangcheng"), ("虎丘", "Huqiu"), ("吴江", "Wujiang")]),
    ("西安", "Xi'an", 12, [("雁塔", "Yanta"), ("碑林", "Beilin"), ("新城", "Xincheng"), ("莲湖", "Lianhu"), ("未央", "Weiyang"), ("长安", "Chang'an")]),
    ("天津", "Tianjin", 12, [("和平", "Heping"), ("南开", "Nankai"), ("河西", "Hexi"), ("河东", "Hedong"), ("滨海", "Binhai"), ("西青", "Xiqing")]),
    ("长沙", "Changsha", 12, [("岳麓", "Yuelu"), ("芙蓉", "Furong"), ("天心", "Tianxin"), ("开福", "Kaifu"), ("雨花", "Yuhua")]),
    ("青岛", "Qingdao", 10, [("市南", "Shinan"), ("市北", "Shibei"), ("崂山", "Laoshan"), ("李沧", "Licang"), ("黄岛", "Huangdao")]),
    ("厦门", "Xiamen", 10, [("思明", "Siming"), ("湖里", "Huli"), ("集美", "Jimei"), ("海沧", "Haicang"), ("同安", "Tong'an")]),
    ("郑州", "Zhengzhou", 10, [("金水", "Jinshui"), ("二七", "Erqi"), ("中原", "Zhongyuan"), ("管城", "Guancheng"), ("惠济", "Huiji")]),
    ("合肥", "Hefei", 9, [("蜀山", "Shushan"), ("庐阳", "Luyang"), ("包河", "Baohe"), ("瑶海", "Yaohai")]),
    ("福州", "Fuzhou", 8, [("鼓楼", "Gulou"), ("台江", "Taijiang"), ("仓山", "Cangshan"), ("晋安", "Jin'an")]),
    ("昆明", "Kunming", 8, [("五华", "Wuhua"), ("盘龙", "Panlong"), ("官渡", "Guandu"), ("西山", "Xishan")]),
    ("沈阳", "Shenyang", 8, [("和平", "Heping"), ("沈河", "Shenhe"), ("皇姑", "Huanggu"), ("铁西", "Tiexi")]),
]
ZH_ORDINAL = ["", "二", "三", "四", "五", "六"]

N_TINY_STORES = 6
N_BAD_STORES = 10
N_GOOD_STORES = 10
TINY_ROWS = [4, 5, 7, 3, 6, 9]  # answers per tiny store
TINY_ALL_PROMOTERS = [True, True, True, False, False, False]

# ---------------------------------------------------------------------------
# Journey, channels, products
# ---------------------------------------------------------------------------

# id -> (channel, mean score on the 0-10 scale before segment effects,
#        relative frequency, effort offset, effort asked?)
TOUCHPOINTS = {
    "social_ad": ("online", 8.05, 3, 0.0, False),
    "kol_video": ("online", 8.25, 3, 0.0, False),
    "store_signage": ("store", 8.15, 3, 0.0, False),
    "app_home": ("app", 8.15, 5, 0.2, True),
    "miniprogram_browse": ("mini-program", 8.2, 5, 0.2, True),
    "store_display": ("store", 8.5, 5, 0.3, True),
    "hotline": ("hotline", 7.2, 4, -1.0, True),
    "online_chat": ("online", 8.0, 4, -0.3, True),
    "store_staff_advice": ("store", 8.65, 5, 0.5, True),
    "app_checkout": ("app", 8.2, 8, 0.3, True),
    "store_checkout": ("store", 8.45, 10, 0.4, True),
    "ecommerce_order": ("e-commerce", 8.2, 7, 0.3, True),
    "delivery": ("delivery", 7.2, 7, -0.4, True),
    "review_posting": ("online", 8.35, 3, 0.0, False),
    "referral_program": ("app", 8.05, 2, 0.0, True),
    "member_rewards": ("app", 8.7, 4, 0.0, False),
}
TP_IDS = list(TOUCHPOINTS)
STORE_TPS = [t for t in TP_IDS if TOUCHPOINTS[t][0] == "store"]
DIGITAL_CHANNELS = {"app", "mini-program", "e-commerce", "delivery"}

PRODUCT_LINES = ["坚果 Nuts", "果干 Dried fruit", "肉脯 Meat snacks", "烘焙 Baked goods", "礼盒 Gift boxes"]
PRODUCTS = {
    "坚果 Nuts": [("碧根果", "pecans"), ("夏威夷果", "macadamias"), ("每日坚果", "daily nut packs"), ("巴旦木", "almonds"), ("腰果", "cashews"), ("开心果", "pistachios")],
    "果干 Dried fruit": [("芒果干", "dried mango"), ("草莓干", "dried strawberries"), ("葡萄干", "raisins"), ("无花果干", "dried figs"), ("黄桃干", "dried peaches")],
    "肉脯 Meat snacks": [("猪肉脯", "pork jerky"), ("牛肉干", "beef jerky"), ("鸭脖", "duck necks"), ("鱿鱼丝", "shredded squid"), ("鸡肉肠", "chicken sausages")],
    "烘焙 Baked goods": [("蛋黄酥", "egg yolk pastries"), ("肉松饼", "pork floss cakes"), ("曲奇", "cookies"), ("麻薯", "mochi"), ("凤梨酥", "pineapple cakes")],
    "礼盒 Gift boxes": [("坚果礼盒", "nut gift box"), ("年货礼盒", "New Year gift box"), ("中秋礼盒", "Mid-Autumn gift box"), ("零食大礼包", "snack hamper")],
}

SAT_LABELS = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}

# ---------------------------------------------------------------------------
# Comment templates: topic -> language -> sentiment -> templates.
# Slots: {p} product name, {n} a small number, {m} minutes, {d} days.
# ---------------------------------------------------------------------------

T = {
    "price": {
        "zh": {
            "neg": ["{p}比超市贵太多了", "价格涨了，{p}一包少了好几颗", "优惠券根本用不了，价格不划算", "同样的{p}，天猫比店里便宜{n}块", "价格太贵，性价比低"],
            "neu": ["{p}味道可以，就是价格有点贵", "价格还能接受，希望多点满减", "活动价还行，原价偏贵", "价格一般，会员折扣力度小"],
            "pos": ["{p}价格实惠，活动很给力", "会员价很划算，囤了{n}包{p}", "性价比高，{p}比别家便宜", "满减叠加优惠券，很值"],
        },
        "en": {
            "neg": ["Way too expensive for the amount of {p}", "Price went up but the bag of {p} got smaller", "Coupon would not apply, felt like a rip-off", "Same {p} is {n} yuan cheaper on Tmall"],
            "neu": ["{p} taste fine but the price is a bit high", "OK value during the promo, pricey otherwise", "Decent, would like better member discounts"],
            "pos": ["Great value on the {p}, the promo was generous", "Member price is really good, stocked up on {p}", "Cheaper than other brands for the same quality"],
        },
    },
    "freshness": {
        "zh": {
            "neg": ["{p}不新鲜，有一股哈喇味", "收到的{p}快过期了，只剩{n}天", "{p}受潮了，一点都不脆", "{p}口感发软，怀疑是旧货"],
            "neu": ["{p}还算新鲜，口味一般", "新鲜度还行，偶尔有几颗不脆", "{p}味道正常，没有惊喜"],
            "pos": ["{p}很新鲜，特别脆", "{p}香脆可口，家里人都爱吃", "日期很新，{p}口感很好", "{p}新鲜又好吃，会回购"],
        },
        "en": {
            "neg": ["The {p} tasted stale and a bit rancid", "{p} were soft, not crunchy at all", "Got {p} that expire in {n} days"],
            "neu": ["{p} were fine, nothing special", "Mostly fresh, a few soft pieces in the bag"],
            "pos": ["Super fresh {p}, really crunchy", "The {p} were fresh and tasty, will buy again", "Love the {p}, always fresh"],
        },
    },
    "packaging": {
        "zh": {
            "neg": ["包装破了，{p}撒了一箱", "包装太过度了，一层又一层", "礼盒包装压坏了，没法送人", "密封条不好用，开了就受潮"],
            "neu": ["包装还行，就是有点浪费", "包装一般，小包装更方便", "包装普通，送礼稍微差点意思"],
            "pos": ["包装很精致，送人很有面子", "小包装设计很贴心，方便携带", "礼盒包装好看，{p}也好吃"],
        },
        "en": {
            "neg": ["Package arrived torn, {p} all over the box", "Way too much plastic packaging", "Gift box was crushed, could not give it to anyone"],
            "neu": ["Packaging is OK but a bit wasteful", "Packaging fine, resealable bags would help"],
            "pos": ["Beautiful gift box, great for Spring Festival", "Love the small single-serve packs"],
        },
    },
    "delivery": {
        "zh": {
            "neg": ["快递太慢了，等了{d}天才到", "配送延迟了{d}天，客服也没有解释", "快递员态度差，直接扔在门口", "说好次日达，结果{d}天后才收到", "物流信息{d}天不更新，配送太差了", "外卖配送超时{m}分钟"],
            "neu": ["配送速度一般，{d}天到货", "快递还行，就是包装有点压", "物流正常，没有什么惊喜"],
            "pos": ["配送很快，第二天就到了", "快递小哥很客气，送货上门", "下单当天就送到了，很满意", "配送准时，{p}完好无损"],
        },
        "en": {
            "neg": ["Delivery took {d} days, far too slow", "Courier left the parcel outside and it got wet", "Promised next-day delivery, arrived after {d} days", "Tracking did not update for {d} days"],
            "neu": ["Delivery took {d} days, acceptable", "Arrived on time but the box was dented"],
            "pos": ["Fast delivery, arrived the next day", "Courier was friendly and on time", "Same-day delivery, impressive"],
        },
    },
    "staff": {
        "zh": {
            "neg": ["店员服务态度很差，爱答不理", "店员一直在玩手机，问了{n}遍才理我", "推销太多了，很烦", "店员服务不专业，说不清{p}的保质期"],
            "neu": ["店员服务还可以，就是人太少", "店员态度一般，不热情也不冷淡", "服务正常，试吃可以多一点"],
            "pos": ["店员服务很热情，主动让我试吃{p}", "店员很专业，推荐的{p}很好吃", "店长人很好，帮我挑了礼盒", "店员服务周到，还帮忙打包"],
        },
        "en": {
            "neg": ["Staff were rude and ignored me", "Cashier was on the phone the whole time", "Too much upselling, very annoying"],
            "neu": ["Staff were OK, store was understaffed", "Service was fine, nothing memorable"],
            "pos": ["Friendly staff, let me try the {p}", "The staff recommended the {p}, great choice", "Very helpful staff, wrapped the gift box for me"],
        },
    },
    "queue": {
        "zh": {
            "neg": ["排队结账排了{m}分钟", "只开了一个收银台，太慢了", "自助收银机又坏了"],
            "neu": ["结账还行，高峰期要排队", "收银速度一般"],
            "pos": ["结账很快，扫码就走", "收银员很麻利，不用排队"],
        },
        "en": {
            "neg": ["Queued {m} minutes to pay", "Only one till open, ridiculous"],
            "neu": ["Checkout OK, a short queue at peak time"],
            "pos": ["Quick checkout, no queue", "Paying with the app at the till was fast"],
        },
    },
    "store_env": {
        "zh": {
            "neg": ["门店很乱，{p}的货架空了", "店里找不到价签", "招牌灯坏了，差点没找到店"],
            "neu": ["门店陈列一般，找东西有点难", "店面不大，品种还算齐全"],
            "pos": ["门店干净明亮，陈列很整齐", "新品陈列很显眼，一眼就看到{p}", "店里试吃区很棒"],
        },
        "en": {
            "neg": ["Store was messy and the {p} shelf was empty", "No price tags anywhere"],
            "neu": ["Store layout is a bit confusing", "Small store but decent range"],
            "pos": ["Clean, bright store and tidy shelves", "Loved the tasting counter"],
        },
    },
    "app": {
        "zh": {
            "neg": ["APP卡顿严重，首页加载半天", "APP老是闪退，根本用不了", "小程序打不开，一直转圈", "更新以后APP很卡", "找不到{p}，搜索功能太差"],
            "neu": ["APP还行，偶尔有点卡", "小程序能用，界面有点乱", "功能够用，推荐不太准"],
            "pos": ["APP很好用，找{p}很方便", "小程序下单很顺畅", "首页推荐的{p}正合我意", "界面清爽，领券方便"],
        },
        "en": {
            "neg": ["App keeps crashing on the home page", "Mini-program is so laggy", "Search can't even find {p}"],
            "neu": ["App is fine, a bit slow sometimes", "Mini-program works, layout is cluttered"],
            "pos": ["App is smooth and easy to use", "Found the {p} in seconds on the mini-program", "Nice clean app, coupons easy to claim"],
        },
    },
    "app_pay": {
        "zh": {
            "neg": ["付款的时候APP闪退，试了{n}次", "结算页面卡顿，订单提交不了", "支付失败但是扣款了", "APP闪退，购物车清空了", "下单一直卡在支付页面"],
            "neu": ["结算还行，优惠券选择有点麻烦", "付款正常，就是步骤有点多"],
            "pos": ["下单付款很快", "结算很顺畅，优惠自动抵扣", "一键下单很方便"],
        },
        "en": {
            "neg": ["App crashed at checkout {n} times", "Payment failed but I was charged", "Checkout page froze, lost my cart"],
            "neu": ["Checkout works, choosing coupons is fiddly", "Payment fine, too many steps"],
            "pos": ["Checkout was quick and smooth", "Coupons applied automatically, nice"],
        },
    },
    "service_phone": {
        "zh": {
            "neg": ["客服热线等了{m}分钟没人接", "电话转了{n}次人工，问题还是没解决", "客服只会说抱歉，不解决问题", "热线一直占线"],
            "neu": ["客服态度还行，就是等得久", "问题解决了，但花了不少时间"],
            "pos": ["客服很耐心，马上给我退款了", "电话一打就通，处理很快", "客服小姐姐态度很好"],
        },
        "en": {
            "neg": ["Waited {m} minutes on the hotline, nobody answered", "Transferred {n} times and still no solution", "Hotline agent just kept apologising"],
            "neu": ["Agent was polite but the wait was long"],
            "pos": ["Hotline agent sorted my refund right away", "Got through quickly and the agent was kind"],
        },
    },
    "service_chat": {
        "zh": {
            "neg": ["在线客服全是机器人，答非所问", "在线客服{m}分钟才回复", "问了半天，客服只会发链接"],
            "neu": ["在线客服回复还行", "机器人回答一般，转人工后解决了"],
            "pos": ["在线客服回复很快", "客服很快帮我改了地址"],
        },
        "en": {
            "neg": ["Chat bot did not understand anything", "Chat took {m} minutes to reply"],
            "neu": ["Chat was OK once I reached a human"],
            "pos": ["Chat support replied instantly", "Chat agent changed my address in a minute"],
        },
    },
    "ad": {
        "zh": {
            "neg": ["广告太多了，刷到{n}次", "广告夸大，实物和视频差太多", "直播间说的价格到店里没有"],
            "neu": ["广告还行，被种草了{p}", "视频挺有意思，不过有点长"],
            "pos": ["博主推荐的{p}真的好吃", "看了视频就去店里买了{p}", "广告很有创意"],
        },
        "en": {
            "neg": ["Saw the same ad {n} times today", "The video oversold it, {p} looked nothing like that"],
            "neu": ["Ad was fine, made me curious about the {p}"],
            "pos": ["Bought the {p} after the influencer video, worth it", "Fun ad, made me want to try it"],
        },
    },
    "review": {
        "zh": {
            "neg": ["写了评价说好的返现没有到", "差评被删了，很不舒服"],
            "neu": ["评价返现流程有点复杂", "晒单积分太少"],
            "pos": ["晒单送积分，很开心", "写评价还送了{p}小样"],
        },
        "en": {
            "neg": ["Never got the cashback promised for my review"],
            "neu": ["Review reward process is a bit confusing"],
            "pos": ["Got bonus points for posting a review, nice"],
        },
    },
    "referral": {
        "zh": {
            "neg": ["邀请好友的奖励一直没到账", "推荐规则太复杂，看不懂"],
            "neu": ["邀请奖励一般般", "拉新活动还行"],
            "pos": ["邀请了{n}个朋友，拿到了优惠券", "推荐好友送{p}，很划算"],
        },
        "en": {
            "neg": ["Referral bonus never arrived"],
            "neu": ["Referral rewards are just OK"],
            "pos": ["Invited {n} friends and got great coupons"],
        },
    },
    "rewards": {
        "zh": {
            "neg": ["积分突然清零了，没有任何提醒", "会员积分兑换不了东西"],
            "neu": ["积分能换的东西不多", "会员权益一般"],
            "pos": ["会员日积分翻倍，太棒了", "用积分换了{p}，很开心", "生日礼很贴心"],
        },
        "en": {
            "neg": ["My points expired without any warning"],
            "neu": ["Not much to redeem points on"],
            "pos": ["Double points on member day, love it", "Redeemed points for {p}, great perk"],
        },
    },
}

TOPICS = {
    "social_ad": ["ad", "ad", "price"],
    "kol_video": ["ad", "ad", "freshness"],
    "store_signage": ["store_env", "price"],
    "app_home": ["app", "app", "price"],
    "miniprogram_browse": ["app", "app", "freshness"],
    "store_display": ["store_env", "freshness", "price"],
    "hotline": ["service_phone"],
    "online_chat": ["service_chat"],
    "store_staff_advice": ["staff", "staff", "freshness"],
    "app_checkout": ["app_pay", "app_pay", "price"],
    "store_checkout": ["queue", "staff", "price", "freshness"],
    "ecommerce_order": ["price", "packaging", "freshness"],
    "delivery": ["delivery", "delivery", "packaging"],
    "review_posting": ["review"],
    "referral_program": ["referral"],
    "member_rewards": ["rewards"],
    "kiosk": ["queue", "app"],
}

ZH_TAILS = {
    "neg": ["", "", "。", "！", "，希望改进。", "，很失望。", "，不会再来了。", "！！", "，体验很差。"],
    "neu": ["", "", "。", "，还需努力。", "，总体还行。", "~"],
    "pos": ["", "", "。", "！", "，点赞👍", "，会回购的！", "，推荐给朋友了。", "，好评！"],
}
EN_TAILS = {
    "neg": ["", ".", "!", ". Very disappointed.", ". Please fix this.", ". Not coming back."],
    "neu": ["", ".", ". Overall fine.", ", could be better."],
    "pos": ["", ".", "!", ". Will buy again!", ". Recommended to friends.", " 👍"],
}

HOSTILE_COMMENTS = [
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    '"quoted, with comma"',
    "配送太慢了\n第二行：包装也破了",
    "Great snacks\nbut the app crashed twice",
    "<img src=x onerror=alert(1)> 好吃",
    "+SUM(1,2)",
    "@cmd|' /C calc'!A0",
    "[领取优惠券](javascript:alert(1))",
    "{{7*7}} ${7*7} 价格还行",
    "'; DROP TABLE survey; --",
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def clamp_round(x: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, math.floor(x + 0.5)))


def weighted_index(rng: random.Random, cum: list[float], hi: int | None = None) -> int:
    """Index drawn from cumulative weights cum[0:hi]."""
    hi = len(cum) if hi is None else hi
    x = rng.random() * cum[hi - 1]
    return min(bisect.bisect_right(cum, x, 0, hi), hi - 1)


def cumulative(weights: list[float]) -> list[float]:
    out, s = [], 0.0
    for w in weights:
        s += w
        out.append(s)
    return out


def campaign_on(d: dt.date) -> bool:
    return any(a <= d <= b for a, b in CAMPAIGNS)


def bug_effect(d: dt.date) -> float:
    """Shift of app_checkout scores caused by the 2025 checkout bug."""
    if BUG_START <= d < BUG_FIX:
        return -2.3
    days_after = (d - BUG_FIX).days
    if 0 <= days_after < BUG_RECOVERY_DAYS:
        return -2.3 * (1 - (days_after + 1) / (BUG_RECOVERY_DAYS + 1))
    return 0.0


def id_card_number(rng: random.Random) -> str:
    """An 18-digit number shaped like a resident ID (valid check digit, never X)."""
    region = rng.choice(["310104", "110105", "440106", "330106", "510107", "420106"])
    while True:
        born = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(0, 12_000))
        body = region + born.strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
        if check != "X":
            return body + check


def pii_fragment(rng: random.Random, zh: bool) -> str:
    kind = rng.choice(["phone", "phone", "email", "id"])
    if kind == "phone":
        phone = rng.choice(["138", "139", "136", "158", "186", "177"]) + f"{rng.randrange(0, 10**8):08d}"
        return rng.choice([f" 请打我电话{phone}", f"，联系方式：{phone}", f" 手机 {phone} 回电"]) if zh else rng.choice([f" Call me on {phone}", f" my number is {phone}"])
    if kind == "email":
        user = rng.choice(["wang.lei", "zhangmin", "li_na", "chen.jie", "amy.liu", "xiaoyu", "snackfan"]) + str(rng.randrange(1, 1000))
        mail = f"{user}@{rng.choice(['example.com', 'example.cn', 'mail.example.org'])}"
        return f"，邮箱{mail}" if zh else f" email me at {mail}"
    idn = id_card_number(rng)
    return f"，我的身份证号{idn}，请核实订单" if zh else f" (ID {idn} for the refund)"


def make_comment(rng: random.Random, touchpoint: str, sentiment: str, product_line: str) -> tuple[str, bool]:
    zh = rng.random() < 0.7
    lang = "zh" if zh else "en"
    topic = rng.choice(TOPICS[touchpoint])
    template = rng.choice(T[topic][lang][sentiment])
    p_zh, p_en = rng.choice(PRODUCTS[product_line])
    text = template.format(
        p=p_zh if zh else p_en,
        n=rng.randint(2, 6),
        m=rng.choice([5, 8, 10, 15, 20, 25, 30, 40, 45, 60]),
        d=rng.randint(3, 9) if sentiment == "neg" else rng.randint(2, 4),
    )
    if rng.random() < 0.25:  # a second, product-related clause
        extra_topic = rng.choice(["freshness", "price", "packaging"])
        extra = rng.choice(T[extra_topic][lang][sentiment]).format(p=p_zh if zh else p_en, n=rng.randint(2, 6), m=10, d=3)
        text += ("，" if zh else "; ") + (extra if zh else extra[0].lower() + extra[1:])
    text += rng.choice(ZH_TAILS[sentiment] if zh else EN_TAILS[sentiment])
    return text, zh


def sentiment_of(recommend: int) -> str:
    return "neg" if recommend <= 6 else ("neu" if recommend <= 8 else "pos")


def write_csv(name: str, header: list[str], rows: list[list]) -> None:
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


def build_stores(rng: random.Random) -> list[dict]:
    stores = []
    for city_zh, city_en, count, districts in CITIES:
        for k in range(count):
            dz, de = districts[k % len(districts)]
            nth = k // len(districts)
            name = f"{city_zh}{dz}{ZH_ORDINAL[nth]}店 {city_en} {de}" + (f" {nth + 1}" if nth else "")
            sid = f"S{len(stores) + 1:03d}"
            stores.append({
                "id": sid,
                "label": f"{sid} {name}",
                "city": f"{city_zh} {city_en}",
                "weight": math.exp(rng.gauss(0.0, 0.3)),
                "effect": rng.gauss(0.0, 0.05),
                "kind": "normal",
            })
    # Six stores opened in September 2026: the last store of six cities.
    last_of_city = []
    i = 0
    for _, _, count, _ in CITIES:
        i += count
        last_of_city.append(i - 1)
    for idx in [last_of_city[c] for c in (0, 2, 5, 8, 12, 16)]:
        stores[idx]["kind"] = "tiny"
        stores[idx]["weight"] = 0.0
    # Ten clearly worse and ten clearly better stores, chosen among the busier ones.
    busy = sorted((i for i, s in enumerate(stores) if s["kind"] == "normal" and s["weight"] > 0.95), key=lambda i: stores[i]["id"])
    chosen = rng.sample(busy, N_BAD_STORES + N_GOOD_STORES)
    for n, idx in enumerate(chosen):
        if n < N_BAD_STORES:
            stores[idx]["kind"], stores[idx]["effect"] = "worse", -rng.uniform(1.1, 1.4)
        else:
            stores[idx]["kind"], stores[idx]["effect"] = "better", rng.uniform(1.1, 1.3)
        stores[idx]["weight"] = max(stores[idx]["weight"], 1.1)
    return stores


def build_customers(rng: random.Random, stores: list[dict]) -> tuple[list[dict], dict[str, list[int]]]:
    store_cum = cumulative([s["weight"] for s in stores])
    city_stores: dict[str, list[int]] = {}
    for i, s in enumerate(stores):
        if s["kind"] != "tiny":
            city_stores.setdefault(s["city"], []).append(i)
    customers = []
    for n in range(N_PROFILES):
        band = rng.choices(["young", "mid", "old"], weights=[34, 42, 24])[0]
        if band == "young":
            age = rng.randint(16, 24)
        elif band == "mid":
            age = rng.randint(25, 39)
        else:
            age = int(rng.triangular(40, 71, 40))
        pref_weights = {
            "young": [15, 36, 30, 19],
            "mid": [30, 30, 20, 20],
            "old": [55, 15, 15, 15],
        }[band]
        preferred = rng.choices(["store", "app", "mini-program", "e-commerce"], weights=pref_weights)[0]
        purchases = min(40, int(rng.expovariate(1 / 7.0)))
        score = purchases + rng.gauss(0, 4)
        tier = "platinum" if score > 24 else "gold" if score > 14 else "silver" if score > 7 else "regular"
        if rng.random() < 0.22:
            signup = dt.date(2025, 11, 1) + dt.timedelta(days=rng.randrange(0, 365))
            ctype = "new"
        else:
            signup = dt.date(2017, 6, 1) + dt.timedelta(days=rng.randrange(0, (dt.date(2025, 10, 31) - dt.date(2017, 6, 1)).days + 1))
            ctype = "returning"
        online_only = preferred == "e-commerce" and rng.random() < 0.35
        home = stores[weighted_index(rng, store_cum)]
        customers.append({
            "id": f"C{n + 1:05d}",
            "age": age,
            "band": band,
            "tier": tier,
            "preferred": preferred,
            "type": ctype,
            "purchases": purchases,
            "signup": signup,
            "city": home["city"],
            "home": None if online_only else home,
            "line": rng.choice(PRODUCT_LINES),
            "activity": math.exp(rng.gauss(0, 0.6)) * (1 + purchases / 10),
            "ghost": False,
        })
    for idx in sorted(rng.sample(range(N_PROFILES), N_GHOSTS)):
        customers[idx]["ghost"] = True
    return customers, city_stores


def touchpoint_weights(c: dict) -> list[float]:
    out = []
    for tp in TP_IDS:
        channel, _, base, _, _ = TOUCHPOINTS[tp]
        w = float(base)
        pref = c["preferred"]
        if channel == pref or (pref == "e-commerce" and channel == "delivery"):
            w *= 2.5
        if c["band"] == "young" and channel in DIGITAL_CHANNELS:
            w *= 2.4
        if c["band"] == "old" and channel in ("store", "hotline"):
            w *= 1.6
        if c["home"] is None and channel == "store":
            w *= 0.1
        out.append(w)
    return out


def quality(tp: str, day: dt.date, c: dict, store: dict | None) -> float:
    """Mean of the 0-10 recommend score for one rating."""
    q = TOUCHPOINTS[tp][1] if tp in TOUCHPOINTS else 8.1
    if tp == "app_checkout":
        q += bug_effect(day)
    q += {"young": -0.34, "mid": 0.0, "old": 0.05}[c["band"]]
    q += {"regular": 0.0, "silver": 0.08, "gold": 0.18, "platinum": 0.5}[c["tier"]]
    q += -0.3 if c["type"] == "new" else 0.0
    if campaign_on(day):
        q += 0.42
    q += 0.3 * (day - START).days / N_DAYS - 0.15
    if store is not None:
        on_site = tp in STORE_TPS or tp == "kiosk"
        q += store["effect"] * (1.0 if on_site else 0.8)
    return q


def day_weights() -> list[float]:
    weights = []
    month_factor = {1: 1.05, 2: 0.9, 3: 0.95, 4: 0.95, 5: 1.0, 6: 0.95, 7: 0.85, 8: 0.85, 9: 1.0, 10: 1.05, 11: 1.5, 12: 1.35}
    for i in range(N_DAYS):
        d = START + dt.timedelta(days=i)
        w = month_factor[d.month] * (1 + 0.25 * i / N_DAYS)
        if d.weekday() >= 5:
            w *= 1.2
        if d.month == 11 and d.day <= 11:
            w *= 1.3 + (1.7 if d.day == 11 else 0.0) + (0.5 if d.day == 10 else 0.0)
        if d.month == 12 and d.day >= 24:
            w *= 1.3
        if campaign_on(d):
            w *= 2.0
        weights.append(w)
    return weights


def random_time(rng: random.Random) -> dt.time:
    hour = rng.choices(range(24), weights=[2, 1, 1, 0, 0, 0, 1, 3, 5, 6, 7, 8, 10, 9, 7, 7, 7, 8, 9, 11, 12, 12, 9, 5])[0]
    return dt.time(hour, rng.randrange(60), rng.randrange(60))


def build_survey(rng, stores, customers, city_stores):
    members = sorted((c for c in customers if not c["ghost"]), key=lambda c: (c["signup"], c["id"]))
    ghosts = [c for c in customers if c["ghost"]]
    member_signups = [c["signup"] for c in members]
    member_cum = cumulative([c["activity"] for c in members])
    ghost_cum = cumulative([c["activity"] for c in ghosts])
    days = [START + dt.timedelta(days=i) for i in range(N_DAYS)]
    day_cum = cumulative(day_weights())

    # (datetime, customer, [(touchpoint, store, forced)], kind)
    submissions = []
    for _ in range(N_SUBMISSIONS):
        day = days[weighted_index(rng, day_cum)]
        if rng.random() < GHOST_SHARE:
            c = ghosts[weighted_index(rng, ghost_cum)]
        else:
            k = bisect.bisect_right(member_signups, day)
            c = members[weighted_index(rng, member_cum, k)]
        tw = touchpoint_weights(c)
        n_tp = 1 + (rng.random() < 0.30) + (rng.random() < 0.10)
        tps: list[str] = []
        while len(tps) < n_tp:
            tp = rng.choices(TP_IDS, weights=tw)[0]
            if tp not in tps:
                tps.append(tp)
        submissions.append((dt.datetime.combine(day, random_time(rng)), c, [(tp, None) for tp in tps], "normal"))

    # Tiny stores: a few answers each, all in Sept/Oct 2026 after the opening.
    tiny = [s for s in stores if s["kind"] == "tiny"]
    for s, n_rows, promoters in zip(tiny, TINY_ROWS, TINY_ALL_PROMOTERS):
        locals_ = [c for c in members if c["city"] == s["city"] and c["signup"] <= dt.date(2026, 9, 1)]
        for _ in range(n_rows):
            day = dt.date(2026, 9, 12) + dt.timedelta(days=rng.randrange(0, 50))
            c = rng.choice(locals_)
            tp = rng.choice(STORE_TPS)
            submissions.append((dt.datetime.combine(day, random_time(rng)), c, [(tp, s)], "promoter" if promoters else "tiny"))

    # Five ratings of a self-service kiosk the journey does not define.
    for _ in range(5):
        day = dt.date(2026, 3, 1) + dt.timedelta(days=rng.randrange(0, 120))
        k = bisect.bisect_right(member_signups, day)
        c = members[weighted_index(rng, member_cum, k)]
        submissions.append((dt.datetime.combine(day, random_time(rng)), c, [("kiosk", c["home"] or stores[city_stores[c["city"]][0]])], "kiosk"))

    submissions.sort(key=lambda s: (s[0], s[1]["id"]))

    rows = []
    meta = []  # per row: (sentiment, touchpoint, product_line, zh?, protected)
    for when, c, items, kind in submissions:
        fmt = rng.random()
        mood = rng.gauss(0, 1)
        line = c["line"] if rng.random() < 0.55 else rng.choice(PRODUCT_LINES)
        if when.month in (1, 2, 9) and rng.random() < 0.3:
            line = "礼盒 Gift boxes"  # Spring Festival and Mid-Autumn gifting
        for tp, forced_store in items:
            channel = TOUCHPOINTS[tp][0] if tp in TOUCHPOINTS else "store"
            if forced_store is not None:
                store = forced_store
            elif channel == "store":
                if c["home"] is not None and rng.random() < 0.85:
                    store = c["home"]
                else:
                    store = stores[rng.choice(city_stores[c["city"]])]
            elif c["home"] is not None and rng.random() > 0.10:
                store = c["home"]
            else:
                store = None
            q = quality(tp, when.date(), c, store)
            rec = clamp_round(q + 1.1 * mood + 1.45 * rng.gauss(0, 1), 0, 10)
            sat_mu = 4.05 + 0.55 * (q - 8.25) + (-0.24 if c["band"] == "young" else 0.0)
            sat = clamp_round(sat_mu + 0.35 * mood + 0.25 * (rec - q) + 0.5 * rng.gauss(0, 1), 1, 5)
            effort_off = TOUCHPOINTS[tp][3] if tp in TOUCHPOINTS else -0.5
            if tp == "app_checkout":
                effort_off += 0.8 * bug_effect(when.date())
            eff = clamp_round(5.3 + 0.55 * (q - 8.25) + effort_off + 0.4 * mood + 0.9 * rng.gauss(0, 1), 1, 7)
            asked_effort = (TOUCHPOINTS[tp][4] if tp in TOUCHPOINTS else True) and rng.random() > 0.16
            if kind == "promoter":
                rec = rng.choice([9, 10, 10])
                sat = rng.choice([4, 5, 5])
                eff = rng.choice([6, 7])
            if fmt < 0.05:
                stamp = (when - dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
            elif fmt < 0.15:
                stamp = f"{when.year}/{when.month}/{when.day}"
            else:
                stamp = when.strftime("%Y-%m-%d %H:%M:%S")
            sentiment = sentiment_of(rec)
            comment = ""
            zh = True
            if rng.random() < (0.42 if sentiment == "neg" else 0.30):
                comment, zh = make_comment(rng, tp, sentiment, line)
            rows.append([
                "",  # resp_id, numbered below
                c["id"],
                stamp,
                tp,
                store["label"] if store else "",
                store["city"] if store else c["city"],
                channel,
                line,
                str(rec),
                str(sat),
                str(eff) if asked_effort else "",
                comment,
            ])
            meta.append((kind != "normal", zh))

    # Deliberate data-quality noise, on ordinary rows only.
    for i, row in enumerate(rows):
        protected, zh = meta[i]
        if protected:
            continue
        u = rng.random()
        if u < 0.003:
            row[8] = rng.choice(["11", "-1", "99", "N/A", "N/A"])
        elif u < 0.023:
            row[8] = ""
        if rng.random() < 0.03:
            row[9] = SAT_LABELS[int(row[9])]
        if rng.random() < 0.002:
            row[2] = rng.choice(["yesterday", "2025-13-40", "昨天", "2025-02-30 09:15:00"])
        if row[11] and rng.random() < 0.01:
            row[11] += pii_fragment(rng, zh)
    candidates = [i for i in range(len(rows)) if rows[i][11] and not meta[i][0]]
    for i, text in zip(sorted(rng.sample(candidates, len(HOSTILE_COMMENTS))), HOSTILE_COMMENTS):
        rows[i][11] = text

    for i, row in enumerate(rows):
        row[0] = f"R{i + 1:06d}"
    return rows


def build_members(customers):
    rows = []
    for c in customers:
        if c["ghost"]:
            continue
        rows.append([c["id"], str(c["age"]), c["tier"], c["preferred"], c["type"], str(c["purchases"]), c["signup"].isoformat()])
    return rows


REL_ITEMS = [
    # column, mean, spread, weight in overall_nps, share "not applicable", topic for comments
    ("product_quality", 4.15, 0.7, 0.35, 0.02, "freshness"),
    ("value_for_money", 3.75, 0.8, 0.35, 0.03, "price"),
    ("store_experience", 4.0, 0.75, 0.25, 0.10, "staff"),
    ("app_experience", 3.85, 0.8, 0.2, 0.10, "app"),
    ("delivery_speed", 3.05, 1.0, 0.95, 0.15, "delivery"),
    ("customer_service", 3.2, 1.0, 0.85, 0.10, "service_phone"),
]


# The multi-select question "Which of our products do you buy?": options in form order, the
# base chance of ticking each, and its shift by age band (young customers snack on meat, baked
# goods and drinks; older ones buy nuts and gift boxes).
PRODUCT_QUESTION = "Which of our products do you buy?"
PRODUCT_OPTIONS = ["坚果 Nuts, seeds", "果干 Dried fruit", "肉脯 Meat snacks", "烘焙 Baked goods", "礼盒 Gift boxes", "饮品 Drinks"]
PRODUCT_BASE = [0.5, 0.3, 0.3, 0.35, 0.12, 0.12]
PRODUCT_LIFT = {
    "young": [-0.2, 0.0, 0.2, 0.15, -0.08, 0.2],
    "mid": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    "old": [0.2, 0.1, -0.15, -0.05, 0.15, -0.08],
}
OTHER_PRODUCTS = ["辣条", "果冻", "Spicy strips"]  # "Other" answers, no listed option
# relationship.csv's second comment question and its products column come from their own
# generator, so adding them left every score (and the other files) as they were.
REL_SEED = SEED + 31


def build_relationship(rng, customers):
    extra = random.Random(REL_SEED)
    members = [c for c in customers if not c["ghost"]]
    ghosts = [c for c in customers if c["ghost"]]
    rows = []
    waves = [(dt.date(2025, 6, 3), 700, 0.0), (dt.date(2026, 6, 2), 800, 0.12)]
    n = 0
    for start, size, lift in waves:
        answered = []
        for _ in range(size):
            c = rng.choice(ghosts) if rng.random() < 0.01 else rng.choice(members)
            answered.append((start + dt.timedelta(days=rng.randrange(0, 26)), c))
        answered.sort(key=lambda a: (a[0], a[1]["id"]))
        for day, c in answered:
            n += 1
            g = rng.gauss(0, 1)
            ratings = []
            nps_mu = 7.85 + (-0.35 if c["band"] == "young" else 0.0) + (0.4 if c["tier"] == "platinum" else 0.0)
            for col, mean, spread, weight, na_share, _ in REL_ITEMS:
                na = rng.random() < na_share
                if col == "store_experience" and c["home"] is None:
                    na = rng.random() < 0.6
                if col == "app_experience" and c["preferred"] == "store":
                    na = rng.random() < 0.25
                x = mean + lift + spread * (0.6 * g + 0.8 * rng.gauss(0, 1))
                r = clamp_round(x, 1, 5)
                ratings.append(0 if na else r)
                nps_mu += weight * (x - mean - lift)
            nps_mu += lift * 2
            overall = clamp_round(nps_mu + 1.0 * rng.gauss(0, 1), 0, 10)
            # One comment from the main generator, as before the questionnaire had two comment
            # questions: praise answers "like most", a complaint or a mixed remark "improve".
            like, improve = "", ""
            rated = [(r, i) for i, r in enumerate(ratings) if r > 0]
            if rng.random() < 0.4:
                sentiment = sentiment_of(overall)
                if rated:
                    r, i = min(rated) if sentiment != "pos" else max(rated)
                    topic = REL_ITEMS[i][5]
                else:
                    topic = "price"
                if sentiment == "pos":
                    like = rel_comment(rng, topic, sentiment, c["line"])
                else:
                    improve = rel_comment(rng, topic, sentiment, c["line"])
            # The other question and the products, from their own generator (see REL_SEED).
            products = products_bought(extra, c)
            if not like and rated and max(rated)[0] >= 3 and extra.random() < (0.45 if overall >= 9 else 0.3 if overall >= 7 else 0.15):
                r, i = max(rated)
                like = rel_comment(extra, REL_ITEMS[i][5], "pos" if r >= 4 else "neu", c["line"])
            if not improve and rated and extra.random() < (0.2 if overall >= 9 else 0.35):
                r, i = min(rated)
                improve = rel_comment(extra, REL_ITEMS[i][5], "neg" if r <= 3 else "neu", c["line"])
            rows.append([f"RS{n:05d}", c["id"], day.isoformat(), str(overall)] + [str(r) for r in ratings] + [like, improve, products])
    return rows


def rel_comment(rng: random.Random, topic: str, sentiment: str, line: str) -> str:
    """A relationship-survey comment on one topic: 70% Chinese, a product of the customer's line."""
    zh = rng.random() < 0.7
    lang = "zh" if zh else "en"
    p_zh, p_en = rng.choice(PRODUCTS[line])
    text = rng.choice(T[topic][lang][sentiment]).format(p=p_zh if zh else p_en, n=rng.randint(2, 6), m=rng.choice([10, 20, 30]), d=rng.randint(3, 8))
    return text + rng.choice(ZH_TAILS[sentiment] if zh else EN_TAILS[sentiment])


def products_bought(rng: random.Random, c: dict) -> str:
    """The multi-select answer as Google Forms writes it: the chosen options in form order,
    joined with ", " (one option holds a comma itself); blank when skipped; now and then an
    "Other" answer that is no listed option."""
    if rng.random() < 0.04:
        return ""
    chosen = []
    for k, option in enumerate(PRODUCT_OPTIONS):
        p = PRODUCT_BASE[k] + PRODUCT_LIFT[c["band"]][k]
        if c["tier"] in ("gold", "platinum") and option.startswith("礼盒"):
            p += 0.2
        if k < len(PRODUCT_LINES) and PRODUCT_LINES[k] == c["line"]:
            p += 0.35
        if rng.random() < p:
            chosen.append(option)
    if not chosen:
        chosen.append(PRODUCT_OPTIONS[PRODUCT_LINES.index(c["line"])])
    if rng.random() < 0.006:
        chosen.append(rng.choice(OTHER_PRODUCTS))
    return ", ".join(chosen)


# Forum boards of the text-only dataset (forum.csv) and how negative their posts run: people
# post mostly to complain, most of all about delivery and the app checkout.
FORUM_BOARDS = [("delivery", 0.65), ("app_checkout", 0.6), ("store_checkout", 0.35), ("hotline", 0.5), ("member_rewards", 0.3)]


def build_forum() -> list[list[str]]:
    """Posts on the brand's community forum: text, a board (a touchpoint) and a date, no score.

    Its own seeded generator, so adding it changed none of the other files."""
    rng = random.Random(SEED + 17)
    rows = []
    days = (END - START).days + 1
    for n in range(1, 1501):
        board, neg = rng.choice(FORUM_BOARDS)
        r = rng.random()
        sentiment = "neg" if r < neg else ("neu" if r < neg + 0.15 else "pos")
        text, _ = make_comment(rng, board, sentiment, rng.choice(PRODUCT_LINES))
        day = START + dt.timedelta(days=rng.randrange(days))
        rows.append([f"P{n:05d}", day.isoformat(), board, text])
    rows.extend(gift_box_posts(len(rows)))
    return rows


# October 2026: the new gift box's lid is hard to open, and forum posters say so -- the story
# behind the themes page's "words that set Oct 2026 apart".
GIFT_BOX_POSTS = [
    "新款礼盒的盖子太难打开了，包装好看但不实用",
    "新款礼盒很难打开，指甲都掰断了",
    "新礼盒密封太紧，家里老人根本打不开",
    "新款礼盒盖子太紧，拆个包装要用剪刀",
    "坚果还是那么好吃，就是新款礼盒太难打开",
    "The new gift box lid is far too hard to open",
    "New gift box looks nice but the lid is impossible to open",
    "Love the nuts, hate the new gift box lid, took me ten minutes to open",
    "新款礼盒 lid 太紧了, hard to open",
    "送人的新款礼盒，对方说盖子打不开，有点尴尬",
]


def gift_box_posts(first: int) -> list[list[str]]:
    """90 posts of 8-31 October 2026 about the new gift box (their own seeded generator, so
    the posts before them are unchanged)."""
    rng = random.Random(SEED + 29)
    rows = []
    for n in range(first + 1, first + 91):
        day = dt.date(2026, 10, 8) + dt.timedelta(days=rng.randrange(24))
        rows.append([f"P{n:05d}", day.isoformat(), "delivery", rng.choice(GIFT_BOX_POSTS)])
    return rows


# Dianping (大众点评) reviews of the stores, as its merchant back office exports them: the
# reviewer's stars in halves (4.5), the part of the visit the review is about, and its text.
REVIEW_ASPECTS = ["store_display", "store_staff_advice", "store_checkout", "store_signage"]


def build_reviews(stores: list[dict]) -> list[list[str]]:
    """1,200 store reviews rated 1-5 in half stars; the worse stores rated lower, the better
    ones higher, the text following the stars. Its own seeded generator. About one in thirty
    is hidden by the platform's moderation (审核状态 已屏蔽: paid or fake reviews), which the
    project's `keep_rows:` leaves out; the status has a generator of its own, so the reviews
    themselves are what they were before it."""
    rng = random.Random(SEED + 41)
    moderation = random.Random(SEED + 43)
    open_stores = [s for s in stores if s["kind"] != "tiny"]
    rows = []
    days = (END - START).days + 1
    for n in range(1, 1201):
        store = rng.choice(open_stores)
        aspect = rng.choice(REVIEW_ASPECTS)
        centre = 4.0 + {"worse": -1.3, "better": 0.5}.get(store["kind"], 0.0)
        stars = min(5.0, max(1.0, round(rng.gauss(centre, 0.9) * 2) / 2))
        sentiment = "pos" if stars >= 4 else ("neu" if stars >= 3 else "neg")
        text, _ = make_comment(rng, aspect, sentiment, rng.choice(PRODUCT_LINES))
        day = START + dt.timedelta(days=rng.randrange(days))
        when = f"{day.isoformat()} {rng.randrange(9, 22):02d}:{rng.randrange(60):02d}"
        status = "已屏蔽" if moderation.random() < 1 / 30 else "已通过"
        rows.append([f"R{n:05d}", when, store["label"], aspect, f"{stars:g}", text, status])
    return rows


def main() -> None:
    rng = random.Random(SEED)
    os.makedirs(DATA, exist_ok=True)
    stores = build_stores(rng)
    customers, city_stores = build_customers(rng, stores)
    survey = build_survey(rng, stores, customers, city_stores)
    relationship = build_relationship(rng, customers)
    members = build_members(customers)
    write_csv("survey.csv", ["resp_id", "customer_id", "submitted_at", "touchpoint", "store", "city", "channel", "product_line", "recommend", "satisfaction", "effort", "comment"], survey)
    write_csv("members.csv", ["customer_id", "age", "member_tier", "preferred_channel", "customer_type", "purchases_12m", "signup_date"], members)
    write_csv("relationship.csv", ["respondent", "customer_id", "answered_on", "overall_nps"] + [item[0] for item in REL_ITEMS] + ["like_most", "improve", PRODUCT_QUESTION], relationship)
    reviews = build_reviews(stores)
    write_csv("reviews.csv", ["review_id", "reviewed_at", "store", "aspect", "星级", "评价内容", "审核状态"], reviews)
    print(f"reviews.csv: {len(reviews)} reviews")
    forum = build_forum()
    write_csv("forum.csv", ["post_id", "posted_on", "board", "text"], forum)
    print(f"forum.csv: {len(forum)} posts")
    print(f"survey.csv: {len(survey)} rows; members.csv: {len(members)} rows; relationship.csv: {len(relationship)} rows -> {DATA}")


if __name__ == "__main__":
    main()
