use super::profile::{is_email, is_phone, leading_int};
use super::*;

#[test]
fn numbers_followed_by_labels_read_as_their_number() {
    assert_eq!(leading_int("10 - Extremely likely"), Some(10));
    assert_eq!(leading_int("5分"), Some(5));
    assert_eq!(leading_int("7.0"), Some(7));
    assert_eq!(leading_int("2024-03-05"), None);
    assert_eq!(leading_int("12 Main St 3"), None);
    // Review sites' ratings: a zero decimal and the scale's top after the number.
    assert_eq!(leading_int("4.0 of 5 bubbles"), Some(4));
    assert_eq!(leading_int("4.0 star rating"), Some(4));
    assert_eq!(leading_int("3 out of 5 stars"), Some(3));
    assert_eq!(leading_int("4/5"), Some(4));
    assert_eq!(leading_int("4.5 of 5 bubbles"), None);
    assert_eq!(leading_int("3 to 5"), None);
}

#[test]
fn half_points_are_told_from_other_decimals() {
    use super::profile::half_point;
    assert_eq!(half_point("4.5"), Some(9));
    assert_eq!(half_point("4,5"), Some(9));
    assert_eq!(half_point("0.5星"), Some(1));
    assert_eq!(half_point("3.50"), Some(7));
    assert_eq!(half_point("4.3"), None);
    assert_eq!(half_point("45"), None);
    assert_eq!(half_point("100.5"), None);
    assert_eq!(half_point("4.5 of 5 bubbles"), Some(9));
    assert_eq!(half_point("3.5/5"), Some(7));
    assert_eq!(half_point("4.5 out of 5 stars"), Some(9));
    assert_eq!(half_point("4.5 stars"), Some(9));
    assert_eq!(half_point("4.5/10"), None);
    assert_eq!(half_point("4.5 - 5"), None);
    // Half stars, as review exports draw them.
    assert_eq!(half_point("★★★★½"), Some(9));
    assert_eq!(half_point("★★⯪☆☆"), Some(5));
    assert_eq!(half_point("★★★★☆"), None);
}

#[test]
fn names_of_people_and_contact_details_are_personal_but_names_of_things_are_not() {
    for h in [
        "Name",
        "Full name",
        "First Name",
        "RecipientLastName",
        // A Qualtrics column as it is guessed: its name, then its question.
        "RecipientLastName Recipient Last Name",
        "RecipientFirstName Recipient First Name",
        "Customer name",
        "Requester",
        "Email",
        "E-mail",
        "Email address",
        "RecipientEmail",
        "Phone",
        "Mobile",
        "Phone number (optional)",
        "WeChat ID",
        "IP Address",
        "IPAddress",
        "Network ID",
        "姓名",
        "您的名字",
        "联系人",
        "手机",
        "手机号码",
        "联系电话",
        "邮箱",
        "微信号",
        "提交人",
        "填写人",
        "微信昵称",
        "收货地址",
        "Submitted by",
        "Submitter",
        "Reviewer",
        "Nickname",
        "Address",
        "Shipping address",
        "Customer address",
        "Nom",
        "Nom du client",
        "Prénom",
        "Nombre del cliente",
        "Name des Kunden",
        "Vorname",
        "Téléphone",
        "Telefonnummer",
        "Courriel",
        "Author",
        "Naam klant",
        // German compounds.
        "Kundenname",
        "Kundentelefon",
        "Kunden-E-Mail",
        "Ansprechpartner",
    ] {
        assert!(personal_header(h).is_some(), "{h}");
    }
    for h in [
        "Store name",
        "Product Name",
        "Mobile app",
        "Phone support rating",
        "Email opt-in",
        "Package Name",
        "手机型号",
        "门店",
        "Requester type",
        "Store address",
        "填写地区",
        "门店地址",
        "Reviewer language",
        "Nom du magasin",
        "Nombre de visites",
        "Product name",
        "Filialname",
        "Kundentyp",
    ] {
        assert_eq!(personal_header(h), None, "{h}");
    }
}

#[test]
fn label_scales_keep_their_whole_range() {
    let v: Vec<String> = ["Agree", "Somewhat agree", "Strongly disagree"].iter().map(|s| s.to_string()).collect();
    assert_eq!(label_role(v.iter()).unwrap().1, (1, 7));
    let v: Vec<String> = ["Good", "Fair", "Poor"].iter().map(|s| s.to_string()).collect();
    assert_eq!(label_role(v.iter()).unwrap().1, (1, 4));
    let v: Vec<String> = ["Good", "Bad"].iter().map(|s| s.to_string()).collect();
    assert_eq!(label_role(v.iter()).unwrap().1, (0, 1));
    assert_eq!(leading_int("非常满意(5)"), Some(5));
}

#[test]
fn seven_point_and_three_point_wordings_and_more_languages_are_read_on_their_own_points() {
    let role = |labels: &[&str]| {
        let v: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let (used, range) = label_role(v.iter()).unwrap();
        (used.into_iter().map(|(_, n)| n).collect::<Vec<_>>(), range)
    };
    // `Very` and `Extremely` both used: seven points, not two answers at the top of five.
    let ease = [
        "Extremely easy",
        "Very easy",
        "Somewhat easy",
        "Neither easy nor difficult",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ];
    assert_eq!(role(&ease), (vec![7, 6, 5, 4, 3, 2, 1], (1, 7)));
    // Five points of the same words still read on five.
    assert_eq!(role(&["Very easy", "Somewhat easy", "Somewhat difficult", "Very difficult"]).1, (1, 5));
    let sat = [
        "Extremely satisfied",
        "Very satisfied",
        "Somewhat satisfied",
        "Neutral",
        "Somewhat dissatisfied",
        "Very dissatisfied",
        "Extremely dissatisfied",
    ];
    assert_eq!(role(&sat), (vec![7, 6, 5, 4, 3, 2, 1], (1, 7)));
    let completely = [
        "Completely satisfied",
        "Mostly satisfied",
        "Somewhat satisfied",
        "Neither satisfied nor dissatisfied",
        "Somewhat dissatisfied",
        "Mostly dissatisfied",
        "Completely dissatisfied",
    ];
    assert_eq!(role(&completely), (vec![7, 6, 5, 4, 3, 2, 1], (1, 7)));
    // Effort labels run best-first: very low effort is 5.
    let effort = ["Very low effort", "Low effort", "Neither high nor low effort", "High effort", "Very high effort"];
    assert_eq!(role(&effort), (vec![5, 4, 3, 2, 1], (1, 5)));
    assert_eq!(role(&["Exceeded expectations", "Met expectations", "Below expectations"]), (vec![3, 2, 1], (1, 3)));
    for five in [
        ["Очень доволен", "Доволен", "Нейтрально", "Недоволен", "Очень недоволен"],
        ["راضٍ جدًا", "راضٍ", "محايد", "غير راضٍ", "غير راضٍ جدًا"],
        ["พอใจมาก", "พอใจ", "เฉยๆ", "ไม่พอใจ", "ไม่พอใจมาก"],
        ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"],
        ["Sangat puas", "Puas", "Netral", "Tidak puas", "Sangat tidak puas"],
        ["Bardzo zadowolony", "Zadowolony", "Neutralny", "Niezadowolony", "Bardzo niezadowolony"],
        ["Çok memnunum", "Memnunum", "Kararsızım", "Memnun değilim", "Hiç memnun değilim"],
    ] {
        assert_eq!(role(&five), (vec![5, 4, 3, 2, 1], (1, 5)), "{five:?}");
    }
}

#[test]
fn happy_scales_are_read_on_the_points_their_words_name() {
    let role = |labels: &[&str]| {
        let v: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let (used, range) = label_role(v.iter()).unwrap();
        (used.into_iter().map(|(l, n)| format!("{l}={n}")).collect::<Vec<_>>().join(" "), range)
    };
    // Three points, and five without `Extremely`: not the middle of 1–5 or 1–7.
    assert_eq!(role(&["Happy", "Neutral", "Unhappy"]), ("Happy=3 Neutral=2 Unhappy=1".into(), (1, 3)));
    assert_eq!(
        role(&["Very Happy", "Happy", "Neutral", "Unhappy", "Very Unhappy"]),
        ("Very Happy=5 Happy=4 Neutral=3 Unhappy=2 Very Unhappy=1".into(), (1, 5))
    );
    // Freshdesk's scales, known by `Extremely`.
    assert_eq!(role(&["Extremely happy", "Happy", "Unhappy"]).1, (1, 5));
    assert_eq!(role(&["Extremely happy", "Very happy", "Unhappy"]).1, (1, 7));
}

#[test]
fn five_point_scales_whose_second_answer_is_somewhat_are_on_one_to_five() {
    // SurveyMonkey's and Qualtrics' wording: five answers, `Somewhat` second and fourth.
    for (labels, want) in [
        (
            [
                "Very satisfied",
                "Somewhat satisfied",
                "Neither satisfied nor dissatisfied",
                "Somewhat dissatisfied",
                "Very dissatisfied",
            ],
            [5, 4, 3, 2, 1],
        ),
        (
            [
                "Extremely satisfied",
                "Somewhat satisfied",
                "Neither satisfied nor dissatisfied",
                "Somewhat dissatisfied",
                "Extremely dissatisfied",
            ],
            [5, 4, 3, 2, 1],
        ),
        (
            [
                "Strongly agree",
                "Somewhat agree",
                "Neither agree nor disagree",
                "Somewhat disagree",
                "Strongly disagree",
            ],
            [5, 4, 3, 2, 1],
        ),
        // Ease: Qualtrics' scale, and SurveyMonkey's, all of whose words say "easy".
        (
            [
                "Extremely easy",
                "Somewhat easy",
                "Neither easy nor difficult",
                "Somewhat difficult",
                "Extremely difficult",
            ],
            [5, 4, 3, 2, 1],
        ),
        (["Extremely easy", "Very easy", "Somewhat easy", "Not so easy", "Not at all easy"], [5, 4, 3, 2, 1]),
    ] {
        let v: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let (used, range) = label_role(v.iter()).unwrap();
        assert_eq!(range, (1, 5), "{labels:?}");
        let values: Vec<i64> = labels.iter().map(|l| used.iter().find(|u| u.0 == *l).unwrap().1).collect();
        assert_eq!(values, want, "{labels:?}");
    }
    // Google Business Profile's star ratings, upper case as its API writes them; the same
    // words written by hand are no scale.
    let v: Vec<String> = ["FIVE", "TWO", "ONE", "FOUR"].iter().map(|s| s.to_string()).collect();
    let (used, range) = label_role(v.iter()).unwrap();
    assert_eq!((used[0].clone(), used[3].clone(), range), (("FIVE".into(), 5), ("ONE".into(), 1), (1, 5)));
    let v: Vec<String> = ["one", "two", "three"].iter().map(|s| s.to_string()).collect();
    assert_eq!(label_role(v.iter()), None);
    // With a plain `Satisfied` beside `Somewhat satisfied`, the scale has seven points.
    let v: Vec<String> = ["Very satisfied", "Satisfied", "Somewhat satisfied", "Very dissatisfied"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(label_role(v.iter()).unwrap().1, (1, 7));
}

#[test]
fn personal_data_is_recognised() {
    assert!(is_email("a.b@example.com"));
    assert!(is_phone("13812345678"));
    assert!(is_phone("+86 138 1234 5678"));
    assert!(!is_phone("45356"));
}

#[test]
fn anchors_in_a_header_say_which_way_its_scale_runs() {
    assert!(reversed_by_anchors("Gesamtzufriedenheit (1 = sehr zufrieden, 5 = sehr unzufrieden)", (1, 5)));
    assert!(reversed_by_anchors("Overall satisfaction (1 = Very satisfied and 5 = Very dissatisfied)", (1, 5)));
    assert!(reversed_by_anchors("总体满意度（1分=非常满意，5分=非常不满意）", (1, 5)));
    assert!(!reversed_by_anchors("Overall satisfaction (1 = Very dissatisfied, 5 = Very satisfied)", (1, 5)));
    assert!(!reversed_by_anchors("Overall satisfaction (1-5)", (1, 5)));
    // One anchor alone says nothing of the other end.
    assert!(!reversed_by_anchors("Satisfaction (1 = very satisfied)", (1, 5)));
}

#[test]
fn keys_of_what_respondents_share_are_told_by_whole_words() {
    for shared in ["Account ID", "store_id", "StoreNo", "agentId", "Site ID", "Locations", "门店编号", "坐席工号"]
    {
        assert!(!named_id(shared), "{shared}");
    }
    // A word that holds one inside it names something else.
    for id in ["Website ID", "Workshop_ID", "Response ID", "respondent", "Storey id", "id_user"] {
        assert!(named_id(id), "{id}");
    }
}

#[test]
fn more_tools_answer_scales_are_read_as_their_values() {
    let role = |v: &[&str]| {
        let v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        label_role(v.iter()).map(|(labels, scale)| (labels.into_iter().map(|l| l.1).collect::<Vec<_>>(), scale))
    };
    // Jotform: Very Poor is 1 of 5, not an unknown word.
    assert_eq!(role(&["Excellent", "Average", "Very Poor"]), Some((vec![5, 3, 1], (1, 5))));
    // Excellent … Very poor with Fair in the middle, and Very good … Very poor; with Very
    // good among them and no Very poor, Excellent tops the five points it did before.
    assert_eq!(role(&["Excellent", "Good", "Fair", "Poor", "Very poor"]), Some((vec![5, 4, 3, 2, 1], (1, 5))));
    assert_eq!(role(&["Very good", "Fair", "Very poor"]), Some((vec![5, 3, 1], (1, 5))));
    assert_eq!(role(&["Excellent", "Very good", "Fair"]), Some((vec![5, 4, 2], (1, 5))));
    // Hotjar's emotions; 大众点评's 超赞 … 差 (很好 is 4 there, under 超赞).
    assert_eq!(role(&["Love", "Neutral", "Hate"]), Some((vec![5, 3, 1], (1, 5))));
    assert_eq!(role(&["超赞", "很好", "差"]), Some((vec![5, 4, 1], (1, 5))));
    // Without 超赞, 很好 keeps its place at the top of the 非常好 scale.
    assert_eq!(role(&["很好", "好", "差"]), Some((vec![5, 4, 2], (1, 5))));
    // French four points, with its "no opinion" not applicable.
    assert_eq!(role(&["Très satisfait", "Plutôt pas satisfait", "Ne se prononce pas"]), Some((vec![4, 2], (1, 4))));
    assert_eq!(role(&["Très bonne", "Moyenne", "Très mauvaise", "NSP"]), Some((vec![5, 3, 1], (1, 5))));
    // A hotline's callbacks that reached no one are no rating.
    assert_eq!(role(&["满意", "基本满意", "不满意", "未接通", "拒绝回访"]), Some((vec![3, 2, 1], (1, 3))));
}

#[test]
fn a_scale_the_header_states_and_votes_and_people_by_other_words() {
    assert_eq!(stated_range("beratung (schulnote 1-6)"), Some((1, 6)));
    assert_eq!(stated_range("service (1 to 7)"), Some((1, 7)));
    assert_eq!(stated_range("服务评分（1～4分）"), Some((1, 4)));
    assert_eq!(stated_range("rate us 1 to 10"), Some((1, 10)));
    assert_eq!(stated_range("overall satisfaction (0-100)"), Some((0, 100)));
    assert_eq!(stated_range("how likely are you to recommend us? (1-10)"), Some((1, 10)));
    assert_eq!(stated_out_of("quality (out of 10)"), Some(10));
    assert_eq!(stated_out_of("note globale (sur 10)"), Some(10));
    assert_eq!(stated_out_of("服务评分（满分10分）"), Some(10));
    assert_eq!(stated_out_of("口味（5分制）"), Some(5));
    // A comma or full stop ending the phrase, as questions are written.
    assert_eq!(stated_range("on a scale of 1-10, how satisfied were you?"), Some((1, 10)));
    assert_eq!(stated_range("rate us 1 to 10."), Some((1, 10)));
    assert_eq!(stated_range("rate 1-10, 10 = best"), Some((1, 10)));
    assert_eq!(stated_range("rate 1-7 answer honestly"), Some((1, 7)));
    for none in [
        "version 1.5",
        "q11-5",
        "q1-10",
        "q 1-10",
        "no. 1-10",
        "section 1a3",
        "overall",
        "1-3 days",
        "1-3 business days",
        "0-5 yrs",
        "1-5 wks",
        "1-10 km",
        "0-3 months",
        "spend ($0-100)",
        "discount 0-100%",
        "1 to 20",
    ] {
        assert_eq!(stated_range(none), None, "{none}");
    }
    assert!(school_grade_named("Beratung (Schulnote 1-6)") && reversed_by_anchors("Beratung (Schulnote 1-6)", (1, 6)));
    // Keys listed as IVR prompts and questionnaires list them, best first.
    for header in [
        "满意度：1.非常满意 2.满意 3.一般 4.不满意 5.非常不满意",
        "满意度（1非常满意 2满意 3一般 4不满意 5非常不满意）",
        "满意度（1-非常满意，5-非常不满意）",
        "请按键评价：按1非常满意，按5非常不满意",
        "Press 1 if very satisfied ... 5 very dissatisfied",
    ] {
        assert!(reversed_by_anchors(header, (1, 5)), "{header}");
    }
    // Worst first, or a range alone, is read as it stands.
    for header in
        ["满意度：1.非常不满意 5.非常满意", "Satisfaction (1-5)", "Press 1 if very dissatisfied, 5 if very satisfied"]
    {
        assert!(!reversed_by_anchors(header, (1, 5)), "{header}");
    }
    for votes in ["Useful", "Funny", "Cool"] {
        assert!(counted_named(votes, false), "{votes}");
    }
    for person in [
        "Consumer Name",
        "Reviewer name",
        "诉求人",
        "来电人姓名",
        "Review Author",
        "reviewer.displayName",
        "Comment author",
        "Screen Name",
        "评价人",
        "买家会员名",
    ] {
        assert!(personal_header(person).is_some(), "{person}");
    }
    for place in ["Business Name", "Company name", "Store name", "Reviewer rating", "Author type", "Display type"] {
        assert_eq!(personal_header(place), None, "{place}");
    }
}

#[test]
fn effort_and_rating_are_told_by_whole_words_in_latin_script() {
    for h in
        ["Customer effort", "Ease of use", "CES", "How easy was it?", "办理是否容易", "是否费力", "CustomerEffortScore"]
    {
        assert!(effort_named(h), "{h}");
    }
    // `ease` in Please, `ces` in services, prices and process are no effort.
    for h in ["Please rate [Checkout]", "Customer services", "Our prices", "Checkout process", "Release notes"] {
        assert!(!effort_named(h), "{h}");
    }
    assert!(worded("Overall rating", &["rating"]) && worded("评分", &["评分"]));
    assert!(!worded("Separate visits", &["rate"]) && !worded("Corporate accounts", &["rate"]));
}

#[test]
fn points_with_an_end_label_read_as_the_build_reads_them() {
    for (cell, v) in
        [("10分（非常愿意）", Some(10)), ("0分-非常不愿意", Some(0)), ("10 pts (Extremely likely)", Some(10))]
    {
        assert_eq!(leading_int(cell), v, "{cell}");
    }
    // Minutes are no points, for init as for the build.
    assert_eq!(leading_int("5分钟"), None);
}

#[test]
fn times_with_a_zone_abbreviation_get_a_date_format_ending_in_z() {
    let cells = ["03/31/2024 09:10:00 PM EDT", "03/10/2024 09:10:00 AM EST", "12/01/2024 11:00:00 AM EST"];
    let (format, _) = dates::date_role(&cells, false).unwrap();
    assert_eq!(format.as_deref(), Some("%m/%d/%Y %I:%M:%S %p %Z"));
}

#[test]
fn a_header_s_anchors_state_its_scale() {
    assert_eq!(stated_anchors("how satisfied are you? (0 = very dissatisfied, 5 = very satisfied)"), Some((0, 5)));
    assert_eq!(stated_anchors("satisfaction: 1 (very satisfied) to 5 (very dissatisfied)"), Some((1, 5)));
    assert_eq!(stated_anchors("总体满意度（1分=非常满意，4分=非常不满意）"), Some((1, 4)));
    // One anchor, numbers of no scale, a price.
    assert_eq!(stated_anchors("satisfaction (1 = very satisfied)"), None);
    assert_eq!(stated_anchors("q3 (2 = no, 3 = yes)"), None);
    assert_eq!(stated_anchors("price ($1 = cheap, $9 = dear)"), None);
    // An IVR prompt's keys with no sign between number and label.
    assert_eq!(stated_anchors("满意度(1满意2一般3不满意)"), Some((1, 3)));
    assert_eq!(stated_anchors("请评价：1非常满意 2满意 3一般 4不满意 5非常不满意"), Some((1, 5)));
    // Measures and keys out of order are none.
    assert_eq!(stated_anchors("等待1次2人3天"), None);
    assert_eq!(stated_anchors("套餐(2满意1一般3不满意)"), None);
    assert_eq!(stated_anchors("评价(5非常满意4满意3一般2不满意1非常不满意)"), Some((1, 5)));
    assert_eq!(stated_anchors("学历(1初中2高中3本科4研究生)"), None);
    assert_eq!(stated_anchors("业务类型(1开户2转账3挂失)"), None);
}

/// People's names are told by their values under any header; places, shops, products and
/// plans are not, and neither are staff under a header that names them.
#[test]
fn columns_of_peoples_names_are_told_by_their_values() {
    let profile = |values: &[&str]| {
        let mut p = super::profile::Profile::default();
        for v in values {
            p.add(v);
        }
        p
    };
    let names: [&[&str]; 6] = [
        &["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "欧阳娜娜"],
        // Review platforms' masked handles (大众点评, 淘宝).
        &["大***1", "小***猫", "j***n", "张*", "t***8", "吃***家", "m***y"],
        &["山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健", "伊藤さくら"],
        &["김민준", "이서연", "박지훈", "최수아", "정우진", "강하은"],
        &["Mary Johnson", "John Smith", "Emma Brown", "David Lee", "Sarah Davis", "Tom W."],
        &["張偉", "王芳", "李娜", "劉洋", "陳靜", "楊磊"],
    ];
    for values in names {
        assert!(super::personal::values_are_names(&profile(values)), "{values:?}");
    }
    let others: [&[&str]; 11] = [
        &["1*", "2*", "3*", "4*", "5*", "10**", "9**"],
        // Specs and codes with a star: no mask.
        &["500g*2袋", "30*40cm", "60*90cm", "2L*6瓶", "A**B", "4.5*", "1kg*3"],
        &["北京", "上海", "广州", "深圳", "杭州", "武汉", "成都", "苏州", "南京", "重庆"],
        &["王府井店", "徐家汇店", "万达店", "金沙店", "龙华店", "江北店"],
        &["客服部", "销售部", "市场部", "技术部", "财务部", "人事部"],
        &["薯片", "饼干", "坚果", "果冻", "糖果", "饮料"],
        &["Gold", "Silver", "Bronze", "Platinum", "Basic", "None"],
        &["Main Street", "Union Square", "Harbour City", "Grand Plaza", "Jordan Mall", "Canal Walk"],
        &["서울시", "부산시", "인천시", "대구시", "광주시", "대전시"],
        &["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        &["白色", "金色", "黄色", "蓝色", "红色", "黑色"],
    ];
    for values in others {
        assert!(!super::personal::values_are_names(&profile(values)), "{values:?}");
    }
    // Who served is a breakdown of the service, not customers' personal data.
    for staff in ["Agent", "客服", "Assignee", "AgentName", "assignedTo", "Served by", "Provider", "客户经理"] {
        assert!(super::staff_header(staff), "{staff}");
    }
    assert!(!super::staff_header("Customer") && !super::staff_header("推荐人"));
}
