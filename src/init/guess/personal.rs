//! Column names that say the column holds personal data: a person's name or contact details.

/// A column name's words, lower-cased: split at anything but a letter or digit, and where
/// camelCase starts a word (`RecipientLastName`, `IPAddress`).
pub(super) fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        if !ch.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let starts = ch.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if starts && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(ch.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Words that may stand beside a personal-data word without changing what the column holds:
/// `Your name`, `Customer e-mail address`, `Phone number (optional)`, `WeChat ID`.
const PERSON_FILLER: &[&str] = &[
    "your",
    "the",
    "of",
    "respondent",
    "respondents",
    "customer",
    "customers",
    "client",
    "consumer",
    "buyer",
    "shopper",
    "caller",
    "visitor",
    "passenger",
    "patient",
    "requester",
    "requestor",
    "recipient",
    "contact",
    "user",
    "participant",
    "submitter",
    "member",
    "guest",
    "primary",
    "optional",
    "address",
    "number",
    "no",
    "nr",
    "home",
    "work",
    "business",
    "personal",
    "id",
    "full",
    "first",
    "last",
    "given",
    "family",
    "middle",
    "sur",
    "preferred",
    // French, Spanish, Portuguese, German, Dutch and Italian: `Nom du client`, `Nombre del
    // cliente`, `Name des Kunden`.
    "du",
    "de",
    "del",
    "des",
    "der",
    "la",
    "le",
    "do",
    "da",
    "van",
    "kunden",
    "kunde",
    "cliente",
    "klant",
];

/// Chinese headers of a person's name or contact details, and what each holds.
const NAMED_IN_CHINESE: &[(&str, &str)] = &[
    ("姓名", "a person's name"),
    ("名字", "a person's name"),
    ("称呼", "a person's name"),
    ("联系人", "a contact person"),
    // Who filled in the form, as 金数据 and 问卷 tools name it, and a shipping name.
    ("提交人", "a person's name"),
    ("填写人", "a person's name"),
    ("填表人", "a person's name"),
    ("答题人", "a person's name"),
    ("收货人", "a person's name"),
    // Who called or wrote in, as a hotline's (12345, 400) work orders name them.
    ("诉求人", "a person's name"),
    ("来电人", "a person's name"),
    ("反映人", "a person's name"),
    ("投诉人", "a person's name"),
    ("举报人", "a person's name"),
    ("求助人", "a person's name"),
    ("报修人", "a person's name"),
    ("来访人", "a person's name"),
    ("昵称", "a person's nickname"),
    // Who wrote a review or comment, as review exports (点评, 淘宝, 京东) name them.
    ("买家昵称", "a person's nickname"),
    ("买家名称", "a person's name"),
    ("买家账号", "a person's account"),
    ("买家旺旺", "a person's account"),
    // Japanese and Korean full names, mobile numbers and e-mail.
    ("氏名", "a person's name"),
    ("성명", "a person's name"),
    ("휴대폰", "a phone number"),
    ("핸드폰", "a phone number"),
    ("전화번호", "a phone number"),
    ("電話番号", "a phone number"),
    ("이메일", "an e-mail address"),
    ("メールアドレス", "an e-mail address"),
    ("评价人", "a person's name"),
    ("评论人", "a person's name"),
    ("点评人", "a person's name"),
    ("留言人", "a person's name"),
    ("发布人", "a person's name"),
    ("作者", "a person's name"),
    ("会员名", "a person's name"),
    ("用户名", "a person's name"),
    ("收货地址", "an address"),
    ("家庭地址", "an address"),
    ("联系地址", "an address"),
    ("详细地址", "an address"),
    ("住址", "an address"),
    ("联系方式", "contact details"),
    ("邮箱", "an e-mail address"),
    ("电子邮件", "an e-mail address"),
    ("邮件地址", "an e-mail address"),
    ("微信", "a WeChat account"),
    ("身份证", "an ID number"),
    ("IP地址", "an IP address"),
    // A customer's name, and who placed an order, in Chinese, Japanese and Korean.
    ("客户名", "a person's name"),
    ("顾客名", "a person's name"),
    ("お客様名", "a person's name"),
    ("担当者名", "a person's name"),
    ("下单人", "a person's name"),
    ("订购人", "a person's name"),
    ("购买人", "a person's name"),
    ("고객명", "a person's name"),
    ("고객 이름", "a person's name"),
    ("작성자", "a person's name"),
];

/// A header's core words (fillers dropped, run together) that name personal data, and what.
const PERSON_WORDS: &[(&[&str], &str)] = &[
    (
        &[
            "name",
            "names",
            "surname",
            "forename",
            "username",
            "submitter",
            "submittedby",
            "reviewer",
            "reviewername",
            "authorname",
            "nickname",
            "displayname",
            "author",
            // French, Spanish, Portuguese, Italian, German and Dutch.
            "nom",
            "prénom",
            "prenom",
            "auteur",
            "nombre",
            "apellido",
            "apellidos",
            "autor",
            "nome",
            "cognome",
            "sobrenome",
            "vorname",
            "nachname",
            "verfasser",
            "naam",
            "voornaam",
            "achternaam",
        ],
        "a person's name",
    ),
    (&["email", "mail", "courriel", "correo", "correoelectrónico", "correoelectronico"], "an e-mail address"),
    (
        &[
            "phone",
            "mobile",
            "telephone",
            "tel",
            "cellphone",
            "mobilephone",
            "cell",
            "whatsapp",
            "téléphone",
            "telefon",
            "telefonnummer",
            "handynummer",
            "teléfono",
            "telefono",
            "telefone",
            "telefoon",
            "handy",
            "portable",
            "celular",
            "móvil",
            "movil",
        ],
        "a phone number",
    ),
    (&["wechat", "weixin", "qq", "telegram", "skype"], "a messaging account"),
    (&["ip", "ipaddr"], "an IP address or what is worked out from it"),
];

/// What personal data a column's name says it holds — a person's name or contact details —
/// or `None`. Only a name made of such words counts: `Name` and `Customer e-mail` do, `Store
/// name`, `Mobile app` and `Phone support rating` do not.
pub(super) fn personal_header(name: &str) -> Option<&'static str> {
    // Traditional headers (`填寫人`, `顧客名`, `聯絡電話`) as their Simplified forms.
    let name = &*crate::text::simplified(name);
    if let Some((_, what)) = NAMED_IN_CHINESE.iter().find(|(w, _)| name.to_uppercase().contains(w)) {
        return Some(what);
    }
    let trimmed = name.trim().trim_end_matches(['：', ':', '*', ' ']);
    // Words that name a person only alone (`买家` is the buyer, `买家评价` what they wrote;
    // `이름` and `名前` are a name, `상품 이름` a product's).
    if ["买家", "買家", "이름", "名前", "お名前"].contains(&trimmed) {
        return Some("a person's name");
    }
    if ["手机", "电话", "手机号", "手机号码", "电话号码", "联系电话", "电话号"].iter().any(|w| trimmed.ends_with(w))
    {
        return Some("a phone number");
    }
    let mut w = words(name);
    // Each word once: a Qualtrics column is guessed from its name and its question together,
    // `RecipientLastName Recipient Last Name`, whose core would otherwise be `namename`.
    let mut seen = std::collections::HashSet::new();
    w.retain(|x| seen.insert(x.clone()));
    // The name's own words, fillers dropped, run together: `E-mail` and `Email address` are
    // `email`, `WeChat ID` is `wechat`, `Cell phone` is `cellphone`.
    let core: String = w.iter().map(String::as_str).filter(|x| !PERSON_FILLER.contains(x)).collect();
    if w.len() == 1 && ["requester", "requestor", "submitter", "reviewer", "nickname"].contains(&w[0].as_str()) {
        // Zendesk's requester, a form's submitter, a review's author: the customer's name.
        return Some("a person's name");
    }
    // Who wrote it, after what they wrote: `Review Author`, `Comment author`, Google's
    // `reviewer.displayName`, `Screen name` (`Reviewer language`, `Author type` are about them).
    const WRITERS: &[&str] = &["author", "reviewer", "submitter", "requester", "nickname", "username"];
    let tail: Vec<&str> = w.iter().rev().take(2).rev().map(String::as_str).collect();
    if w.last().is_some_and(|l| WRITERS.contains(&l.as_str()))
        || matches!(tail.as_slice(), ["display" | "screen" | "user" | "author" | "reviewer", "name"])
    {
        return Some("a person's name");
    }
    // `Business Name`, `Company name`: a place or firm, not a person (`Business phone` is one's).
    const FIRMS: &[&str] = &["business", "company", "merchant", "organisation", "organization", "firm"];
    if (core == "name" || core == "names") && w.iter().any(|x| FIRMS.contains(&x.as_str())) {
        return None;
    }
    // German runs its words together: `Kundenname`, `Kundentelefon`, `Gastemail` are the
    // customer's name, phone and e-mail (`Filialname`, a branch's, is not a person's).
    const GERMAN_PERSON: &[&str] = &["kunden", "kundin", "kunde", "gast", "besteller", "ansprechpartner"];
    let core = GERMAN_PERSON.iter().find_map(|p| core.strip_prefix(p).filter(|r| !r.is_empty())).unwrap_or(&core);
    if let Some((_, what)) = PERSON_WORDS.iter().find(|(set, _)| set.contains(&core)) {
        return Some(what);
    }
    if ["ansprechpartner", "ansprechperson", "kontaktperson"].contains(&core) {
        return Some("a contact person");
    }
    // `Address`, `Shipping address`, `Home address`: where a person lives or gets parcels
    // (`Store address` is a place of the business).
    const ADDRESS_KINDS: &[&str] =
        &["shipping", "home", "mailing", "postal", "street", "delivery", "billing", "residential"];
    if w.last().is_some_and(|l| l == "address")
        && w[..w.len() - 1].iter().all(|x| PERSON_FILLER.contains(&x.as_str()) || ADDRESS_KINDS.contains(&x.as_str()))
    {
        return Some("an address");
    }
    if w == ["network", "id"] {
        // Typeform's `Network ID` is worked out from the respondent's IP address.
        return Some("an IP address or what is worked out from it");
    }
    None
}

const ZH_COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "慕容", "尉迟", "夏侯", "令狐", "公孙", "端木", "独孤",
    "长孙", "宇文",
];
/// Last characters of place, shop and team names (`金华`, `武汉` pass as names; `苏州`, `万达店`,
/// `客服部` do not).
const ZH_PLACE_ENDS: &str = "店市区县省州路街镇村乡部组馆厅场站港湾城园门口山湖江河桥庄岛中院所局处司厂行楼号层室台色";
/// The most common Japanese surnames, in their usual characters.
const JA_SURNAMES: &[&str] = &[
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "清水",
    "山崎",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
    "斉藤",
    "斎藤",
    "福田",
    "太田",
    "西村",
    "藤井",
    "金子",
    "岡本",
    "藤原",
    "中野",
    "三浦",
    "原田",
    "中川",
    "松田",
    "竹内",
    "小野",
    "田村",
    "中山",
    "和田",
    "石田",
    "森田",
    "上田",
    "柴田",
    "酒井",
    "工藤",
    "横山",
    "宮崎",
    "宮本",
    "内田",
    "高木",
    "安藤",
    "島田",
    "谷口",
    "大野",
    "丸山",
    "今井",
    "高田",
    "藤本",
    "武田",
    "村田",
    "上野",
    "杉山",
    "増田",
];
/// The most common Korean surnames (a syllable each).
const KO_SURNAMES: &str = "김이박최정강조윤장임한오서신권황안송류홍";
/// Whether most of a column's values (at least six distinct ones, four in five) look like
/// people's names — a common surname and a given name in Chinese (`张伟`), Japanese (`山田太郎`)
/// or Korean (`김민준`), or a common given name and a surname (`Mary Johnson`, `Tom S.`) —
/// whatever its header: a column of customers' names under a header no list knows.
pub(super) fn values_are_names(p: &super::Profile) -> bool {
    let values: Vec<&str> = p.distinct.keys().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    let names = values.iter().filter(|v| looks_like_name(v)).count();
    values.len() >= 6 && names * 5 >= values.len() * 4
}

/// Whether one value looks like a person's name ([`values_are_names`]): a name of a common
/// form, or one a platform masked (`大***1`, `j***n`, `张*`): a review site's
/// masked user handle is still a customer's.
fn looks_like_name(v: &str) -> bool {
    if masked(v) {
        return true;
    }
    let chars: Vec<char> = v.chars().collect();
    let n = chars.len();
    if chars.iter().all(|c| crate::text::is_han(*c) || matches!(c, '々' | '\u{3040}'..='\u{30FF}')) {
        let last = chars[n - 1];
        if ZH_PLACE_ENDS.contains(last) {
            return false;
        }
        let japanese = JA_SURNAMES.iter().any(|s| v.starts_with(s) && (3..=6).contains(&n));
        // Traditional names (`張偉`) by their Simplified surnames.
        let simple = crate::text::simplified(v);
        // `周一`, `周末`: days of the week, not a Mr Zhou.
        let weekday = n == 2 && "一二三四五六日天末".contains(chars[1]);
        let chinese = !weekday
            && chars.iter().all(|c| crate::text::is_han(*c))
            && (((2..=3).contains(&n)
                && simple.chars().next().is_some_and(|c| crate::aggregate::redact::ZH_SURNAMES.contains(c)))
                || (n == 4 && ZH_COMPOUND_SURNAMES.iter().any(|s| simple.starts_with(s))));
        return japanese || chinese;
    }
    if chars.iter().all(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)) {
        return n == 3 && KO_SURNAMES.contains(chars[0]) && !['시', '구', '동', '점', '군', '도'].contains(&chars[2]);
    }
    let words: Vec<&str> = v.split_whitespace().collect();
    let capitalised = |w: &&str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && (cs.as_str() == "." || cs.clone().all(|c| c.is_lowercase() || c == '\'' || c == '-'))
    };
    (2..=3).contains(&words.len())
        && words.iter().all(capitalised)
        && crate::aggregate::redact::GIVEN_NAMES.contains(&words[0].to_lowercase().as_str())
}

/// A value a platform masked to hide who wrote it: a run of at least three `*` (or `＊`)
/// inside a short value (`大***1`, `j***n`, `t***8`), or a Chinese surname and one or two `*`
/// (`张*`, `欧阳**`). A product's spec (`500g*2袋`, `30*40cm`), a code (`A**B`), a grade in
/// stars (`4.5*`, `***`) or a starred-out word is no mask.
fn masked(v: &str) -> bool {
    let chars: Vec<char> = v.chars().collect();
    let star = |c: &char| *c == '*' || *c == '＊';
    if chars.len() > 24 || v.contains(' ') || !chars.first().is_some_and(|c| !star(c) && c.is_alphanumeric()) {
        return false;
    }
    let longest = chars.split(|c| !star(c)).map(<[char]>::len).max().unwrap_or(0);
    let head: Vec<char> = chars.iter().copied().take_while(|c| !star(c)).collect();
    let tail = &chars[head.len()..];
    let surname = (1..=2).contains(&head.len())
        && head.iter().all(|c| crate::text::is_han(*c))
        && (1..=2).contains(&tail.len())
        && tail.iter().all(star)
        && crate::aggregate::redact::ZH_SURNAMES.contains(head[0]);
    longest >= 3 || surname
}
