//! Answer scales written as words (`很满意` … `很不满意`, `Very likely` … `Very unlikely`,
//! Zendesk's `Good`/`Bad`, Taobao's `好评`/`中评`/`差评`): which known scale a column's text values belong to.

use super::profile::{is_na_word, Profile};
use super::{Role, NA_LABEL};

/// Known answer scales: label → value. A column whose answers all belong to one set is read as
/// a score on that set's range (`LABEL_SETS` is tried in order, so a narrower set goes before
/// the wider one that shares its words: 5-point before 7-point, Good/Bad before Excellent…Poor).
const LABEL_SETS: &[&[(&str, i64)]] = &[
    // Two answers only, satisfied or not (美团's and 饿了么's order ratings, a hotline's
    // follow-up call): a yes/no outcome, not the middle two points of a five-point scale —
    // whose mean it would pull to 2–4 and with whose other answers it would be pooled.
    &[("满意", 1), ("不满意", 0)],
    &[("satisfied", 1), ("dissatisfied", 0), ("unsatisfied", 0), ("not satisfied", 0)],
    &[
        ("非常满意", 5),
        ("很满意", 5),
        ("完全满意", 5),
        ("十分满意", 5),
        ("满意", 4),
        ("比较满意", 4),
        ("较满意", 4),
        ("一般", 3),
        ("不满意", 2),
        ("不太满意", 2),
        ("比较不满意", 2),
        ("较不满意", 2),
        ("非常不满意", 1),
        ("很不满意", 1),
        ("完全不满意", 1),
        ("十分不满意", 1),
    ],
    &[
        ("非常同意", 5),
        ("完全同意", 5),
        ("同意", 4),
        ("比较同意", 4),
        ("一般", 3),
        ("不确定", 3),
        ("中立", 3),
        ("不同意", 2),
        ("不太同意", 2),
        ("比较不同意", 2),
        ("非常不同意", 1),
        ("完全不同意", 1),
    ],
    &[
        ("非常容易", 5),
        ("很容易", 5),
        ("容易", 4),
        ("比较容易", 4),
        ("非常简单", 5),
        ("很简单", 5),
        ("简单", 4),
        ("比较简单", 4),
        ("一般", 3),
        ("不太容易", 2),
        ("比较困难", 2),
        ("困难", 2),
        ("比较难", 2),
        ("难", 2),
        ("非常困难", 1),
        ("很困难", 1),
        ("非常难", 1),
        ("很难", 1),
    ],
    // Effort as Chinese CES questions word it: 省力 (little effort) … 费力 (much).
    &[
        ("非常省力", 5),
        ("很省力", 5),
        ("毫不费力", 5),
        ("省力", 4),
        ("比较省力", 4),
        ("一般", 3),
        ("比较费力", 2),
        ("费力", 2),
        ("有点费力", 2),
        ("非常费力", 1),
        ("很费力", 1),
    ],
    // Ease in German, French and Spanish (`sehr einfach` … `sehr schwierig`), as a header's
    // anchors name a CES scale's ends (`1 = sehr einfach, 7 = sehr schwierig`).
    &[
        ("sehr einfach", 5),
        ("sehr leicht", 5),
        ("einfach", 4),
        ("leicht", 4),
        ("eher einfach", 4),
        ("weder noch", 3),
        ("teils teils", 3),
        ("eher schwierig", 2),
        ("schwierig", 2),
        ("schwer", 2),
        ("sehr schwierig", 1),
        ("sehr schwer", 1),
    ],
    &[
        ("très facile", 5),
        ("facile", 4),
        ("plutôt facile", 4),
        ("ni facile ni difficile", 3),
        ("plutôt difficile", 2),
        ("difficile", 2),
        ("très difficile", 1),
    ],
    &[
        ("muy fácil", 5),
        ("muy facil", 5),
        ("fácil", 4),
        ("facil", 4),
        ("ni fácil ni difícil", 3),
        ("difícil", 2),
        ("dificil", 2),
        ("muy difícil", 1),
        ("muy dificil", 1),
    ],
    &[
        ("非常好", 5),
        ("很好", 5),
        ("好", 4),
        ("比较好", 4),
        ("较好", 4),
        ("一般", 3),
        ("较差", 2),
        ("比较差", 2),
        ("差", 2),
        ("非常差", 1),
        ("很差", 1),
    ],
    &[
        ("very satisfied", 5),
        ("satisfied", 4),
        ("neutral", 3),
        ("neither satisfied nor dissatisfied", 3),
        ("dissatisfied", 2),
        ("very dissatisfied", 1),
        // Zoho Survey's wording.
        ("unsatisfied", 2),
        ("very unsatisfied", 1),
    ],
    // Japanese satisfaction scales: 満足 … 不満 (満足 the top), then 大変満足 … 大変不満 (満足
    // the second answer).
    &[
        ("満足", 5),
        ("やや満足", 4),
        ("どちらともいえない", 3),
        ("ふつう", 3),
        ("普通", 3),
        ("やや不満", 2),
        ("不満", 1),
    ],
    &[
        ("大変満足", 5),
        ("非常に満足", 5),
        ("とても満足", 5),
        ("満足", 4),
        ("やや満足", 4),
        ("どちらともいえない", 3),
        ("普通", 3),
        ("ふつう", 3),
        ("やや不満", 2),
        ("不満", 2),
        ("大変不満", 1),
        ("非常に不満", 1),
        ("とても不満", 1),
    ],
    // Satisfaction in the other languages exports come in: French, German, Spanish, Italian,
    // Portuguese, Dutch, Korean and Traditional Chinese.
    &[
        ("très satisfait", 5),
        ("très satisfaite", 5),
        ("satisfait", 4),
        ("satisfaite", 4),
        ("plutôt satisfait", 4),
        ("ni satisfait ni insatisfait", 3),
        ("neutre", 3),
        ("plutôt insatisfait", 2),
        ("peu satisfait", 2),
        ("pas satisfait", 2),
        ("insatisfait", 2),
        ("insatisfaite", 2),
        ("très insatisfait", 1),
        ("très insatisfaite", 1),
        ("pas du tout satisfait", 1),
    ],
    &[
        ("sehr zufrieden", 5),
        ("zufrieden", 4),
        ("eher zufrieden", 4),
        ("teils/teils", 3),
        ("teils, teils", 3),
        ("weder zufrieden noch unzufrieden", 3),
        ("neutral", 3),
        ("eher unzufrieden", 2),
        ("unzufrieden", 2),
        ("sehr unzufrieden", 1),
        ("gar nicht zufrieden", 1),
        ("überhaupt nicht zufrieden", 1),
    ],
    &[
        ("muy satisfecho", 5),
        ("muy satisfecha", 5),
        ("satisfecho", 4),
        ("satisfecha", 4),
        ("ni satisfecho ni insatisfecho", 3),
        ("neutral", 3),
        ("neutro", 3),
        ("poco satisfecho", 2),
        ("insatisfecho", 2),
        ("insatisfecha", 2),
        ("muy insatisfecho", 1),
        ("muy insatisfecha", 1),
        ("nada satisfecho", 1),
    ],
    &[
        ("molto soddisfatto", 5),
        ("soddisfatto", 4),
        ("né soddisfatto né insoddisfatto", 3),
        ("neutrale", 3),
        ("poco soddisfatto", 2),
        ("insoddisfatto", 2),
        ("molto insoddisfatto", 1),
        ("per niente soddisfatto", 1),
    ],
    &[
        ("muito satisfeito", 5),
        ("satisfeito", 4),
        ("nem satisfeito nem insatisfeito", 3),
        ("neutro", 3),
        ("insatisfeito", 2),
        ("muito insatisfeito", 1),
    ],
    &[("zeer tevreden", 5), ("tevreden", 4), ("neutraal", 3), ("ontevreden", 2), ("zeer ontevreden", 1)],
    &[("매우 만족", 5), ("만족", 4), ("보통", 3), ("불만족", 2), ("매우 불만족", 1)],
    &[
        ("非常滿意", 5),
        ("很滿意", 5),
        ("滿意", 4),
        ("普通", 3),
        ("尚可", 3),
        ("不滿意", 2),
        ("非常不滿意", 1),
        ("很不滿意", 1),
    ],
    &[
        ("tout à fait d'accord", 5),
        ("plutôt d'accord", 4),
        ("ni d'accord ni pas d'accord", 3),
        ("plutôt pas d'accord", 2),
        ("pas du tout d'accord", 1),
    ],
    &[
        ("stimme voll zu", 5),
        ("stimme voll und ganz zu", 5),
        ("stimme eher zu", 4),
        ("teils/teils", 3),
        ("stimme eher nicht zu", 2),
        ("stimme nicht zu", 2),
        ("stimme überhaupt nicht zu", 1),
    ],
    &[
        ("totalmente de acuerdo", 5),
        ("de acuerdo", 4),
        ("ni de acuerdo ni en desacuerdo", 3),
        ("en desacuerdo", 2),
        ("totalmente en desacuerdo", 1),
    ],
    // Purchase or return intent as market research asks it: `Definitely will` … `Definitely
    // will not` (or `would`), `Might or might not` in the middle.
    &[
        ("definitely will", 5),
        ("probably will", 4),
        ("might or might not", 3),
        ("may or may not", 3),
        ("not sure", 3),
        ("probably will not", 2),
        ("probably won't", 2),
        ("definitely will not", 1),
        ("definitely won't", 1),
        ("definitely would", 5),
        ("probably would", 4),
        ("might or might not", 3),
        ("probably would not", 2),
        ("probably wouldn't", 2),
        ("definitely would not", 1),
        ("definitely wouldn't", 1),
    ],
    // Intercom's conversation ratings (written with their emoji, `🤩 Amazing`: compared without).
    &[("amazing", 5), ("great", 4), ("ok", 3), ("okay", 3), ("bad", 2), ("terrible", 1)],
    // SurveyMonkey's and Qualtrics' five-point scales: `Somewhat` is the second answer, with no
    // plain `Satisfied` or `Agree` (with one, the column is on the seven-point scale below).
    &[
        ("very satisfied", 5),
        ("extremely satisfied", 5),
        ("somewhat satisfied", 4),
        ("neither satisfied nor dissatisfied", 3),
        ("neutral", 3),
        ("somewhat dissatisfied", 2),
        ("very dissatisfied", 1),
        ("extremely dissatisfied", 1),
    ],
    &[
        ("strongly agree", 5),
        ("somewhat agree", 4),
        ("neither agree nor disagree", 3),
        ("neutral", 3),
        ("somewhat disagree", 2),
        ("strongly disagree", 1),
    ],
    &[
        ("extremely satisfied", 7),
        ("very satisfied", 7),
        ("moderately satisfied", 6),
        ("satisfied", 6),
        ("slightly satisfied", 5),
        ("somewhat satisfied", 5),
        ("neither satisfied nor dissatisfied", 4),
        ("neutral", 4),
        ("slightly dissatisfied", 3),
        ("somewhat dissatisfied", 3),
        ("moderately dissatisfied", 2),
        ("dissatisfied", 2),
        ("extremely dissatisfied", 1),
        ("very dissatisfied", 1),
    ],
    &[
        ("strongly agree", 5),
        ("agree", 4),
        ("neither agree nor disagree", 3),
        ("neutral", 3),
        ("disagree", 2),
        ("strongly disagree", 1),
    ],
    &[
        ("strongly agree", 7),
        ("agree", 6),
        ("somewhat agree", 5),
        ("neither agree nor disagree", 4),
        ("neutral", 4),
        ("somewhat disagree", 3),
        ("disagree", 2),
        ("strongly disagree", 1),
    ],
    &[
        ("very likely", 5),
        ("extremely likely", 5),
        ("likely", 4),
        ("somewhat likely", 4),
        ("neither likely nor unlikely", 3),
        ("neutral", 3),
        ("unlikely", 2),
        ("somewhat unlikely", 2),
        ("very unlikely", 1),
        ("extremely unlikely", 1),
    ],
    // Ease, as Alchemer (`Very Easy` … `Very Difficult`) and Qualtrics (`Extremely easy`,
    // `Somewhat easy` … `Extremely difficult`) write it.
    &[
        ("very easy", 5),
        ("extremely easy", 5),
        ("easy", 4),
        ("somewhat easy", 4),
        ("neither easy nor difficult", 3),
        ("neither easy nor hard", 3),
        ("neutral", 3),
        ("difficult", 2),
        ("somewhat difficult", 2),
        ("very difficult", 1),
        ("extremely difficult", 1),
        ("hard", 2),
        ("somewhat hard", 2),
        ("very hard", 1),
        ("extremely hard", 1),
    ],
    // SurveyMonkey's ease scale, all of it on the easy side of the words.
    &[("extremely easy", 5), ("very easy", 4), ("somewhat easy", 3), ("not so easy", 2), ("not at all easy", 1)],
    &[
        ("far exceeded expectations", 5),
        ("exceeded expectations", 4),
        ("met expectations", 3),
        ("below expectations", 2),
        ("far below expectations", 1),
    ],
    &[("much better", 5), ("somewhat better", 4), ("about the same", 3), ("somewhat worse", 2), ("much worse", 1)],
    // Against expectations, as Qualtrics' and SurveyMonkey's templates word it.
    &[
        ("much better than expected", 5),
        ("better than expected", 4),
        ("somewhat better than expected", 4),
        ("as expected", 3),
        ("about as expected", 3),
        ("about what i expected", 3),
        ("worse than expected", 2),
        ("somewhat worse than expected", 2),
        ("much worse than expected", 1),
    ],
    &[("satisfied", 1), ("neutral or dissatisfied", 0)],
    // Zendesk's satisfaction rating (its "Offered" and "Unoffered" are no rating: NA_WORDS).
    &[
        ("good", 1),
        ("bad", 0),
        ("good, i'm satisfied", 1),
        ("bad, i'm unsatisfied", 0),
        ("good with comment", 1),
        ("bad with comment", 0),
    ],
    // Freshdesk's satisfaction surveys: its 5-point and 7-point smiley scales (the 7-point one
    // adds `Very happy` and `Very unhappy`), and the classic 3-point one.
    &[("extremely happy", 5), ("happy", 4), ("neutral", 3), ("unhappy", 2), ("extremely unhappy", 1)],
    &[
        ("extremely happy", 7),
        ("very happy", 6),
        ("happy", 5),
        ("neutral", 4),
        ("unhappy", 3),
        ("very unhappy", 2),
        ("extremely unhappy", 1),
    ],
    &[("awesome", 3), ("just okay", 2), ("just ok", 2), ("not good", 1)],
    // Help Scout's ratings, and a plain three-point scale.
    &[("great", 3), ("okay", 2), ("ok", 2), ("not good", 1)],
    &[("good", 3), ("okay", 2), ("ok", 2), ("neutral", 2), ("bad", 1)],
    // A hotline's or service ticket's three-point satisfaction (400 热线, 工单回访).
    &[("满意", 3), ("基本满意", 2), ("一般", 2), ("不满意", 1)],
    // The review grades of Taobao, Tmall, JD and Meituan (好评 / 中评 / 差评).
    &[("好评", 3), ("中评", 2), ("差评", 1)],
    &[("excellent", 4), ("good", 3), ("fair", 2), ("poor", 1)],
    &[("excellent", 5), ("very good", 4), ("good", 3), ("fair", 2), ("poor", 1)],
    // Jotform's and other form builders' rating choices.
    // SurveyMonkey's Excellent … Terrible, and Trustpilot's Excellent … Bad (its 1 star).
    &[("excellent", 5), ("good", 4), ("average", 3), ("poor", 2), ("very poor", 1), ("terrible", 1), ("awful", 1)],
    &[("excellent", 5), ("great", 4), ("average", 3), ("poor", 2), ("bad", 1), ("terrible", 1)],
    // Very good … Very bad, with Okay, Average or Neutral for its middle.
    &[
        ("very good", 5),
        ("good", 4),
        ("okay", 3),
        ("ok", 3),
        ("average", 3),
        ("neutral", 3),
        ("neither good nor bad", 3),
        ("bad", 2),
        ("very bad", 1),
    ],
    // The classic five-point quality scale of paper and web surveys (SurveyMonkey's and
    // Google Forms' templates), with Fair for its middle, and its Very good … Very poor twin.
    &[("excellent", 5), ("good", 4), ("fair", 3), ("poor", 2), ("very poor", 1)],
    &[("very good", 5), ("good", 4), ("fair", 3), ("poor", 2), ("very poor", 1)],
    // Hotjar's feedback widget: how the visitor feels.
    &[("love", 5), ("like", 4), ("neutral", 3), ("dislike", 2), ("hate", 1)],
    // 大众点评's ratings of taste, setting and service.
    &[("超赞", 5), ("很好", 4), ("好", 3), ("一般", 2), ("差", 1)],
    // French four-point satisfaction (no middle) and five-point quality.
    &[
        ("très satisfait", 4),
        ("tout à fait satisfait", 4),
        ("plutôt satisfait", 3),
        ("plutôt pas satisfait", 2),
        ("plutôt insatisfait", 2),
        ("pas du tout satisfait", 1),
        ("pas satisfait du tout", 1),
    ],
    &[
        ("très bonne", 5),
        ("très bon", 5),
        ("bonne", 4),
        ("bon", 4),
        ("moyenne", 3),
        ("moyen", 3),
        ("mauvaise", 2),
        ("mauvais", 2),
        ("très mauvaise", 1),
        ("très mauvais", 1),
    ],
];

/// Labels as written in the data, with their values.
type Labels = Vec<(String, i64)>;

/// Faces on a five-point scale of feeling, as smiley scales rate (`😀 😐 😞`, Freshdesk and
/// kiosk surveys write the face alone).
const FACES: &[(char, i64)] = &[
    ('😡', 1),
    ('😠', 1),
    ('😭', 1),
    ('😖', 1),
    ('😞', 2),
    ('🙁', 2),
    ('☹', 2),
    ('😟', 2),
    ('😕', 2),
    ('😢', 2),
    ('😐', 3),
    ('😑', 3),
    ('😶', 3),
    ('🙂', 4),
    ('😊', 4),
    ('☺', 4),
    ('😀', 5),
    ('😃', 5),
    ('😄', 5),
    ('😁', 5),
    ('😍', 5),
    ('🤩', 5),
];

/// A column of faces alone: each face's place among the faces the column uses, on a scale of
/// as many points (`😀 😐 😞` are 3, 2, 1); `None` unless every value is one known face (a
/// variation selector allowed) and two faces never share a feeling.
fn face_scale<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    let mut used: Vec<(String, i64)> = Vec::new();
    for v in values {
        let t = v.trim();
        if is_na_word(&t.to_lowercase()) {
            continue;
        }
        let mut chars = t.chars().filter(|c| *c != '\u{fe0f}');
        let (Some(face), None) = (chars.next(), chars.next()) else { return None };
        let (_, feeling) = FACES.iter().find(|(f, _)| *f == face)?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), *feeling));
        }
    }
    let mut feelings: Vec<i64> = used.iter().map(|u| u.1).collect();
    feelings.sort_unstable();
    let n = feelings.len();
    feelings.dedup();
    if n < 2 || feelings.len() != n {
        return None;
    }
    // The faces in order of feeling are the scale's points, 1 the worst.
    let mut labels: Labels =
        used.iter().map(|(t, f)| (t.clone(), feelings.iter().position(|x| x == f).unwrap_or(0) as i64 + 1)).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    Some((labels, (1, n as i64)))
}

/// Degrees of a unipolar scale (SurveyMonkey's `Extremely helpful` … `Not at all helpful`,
/// `Completely satisfied` … `Not at all satisfied`, `Extremely`, `Moderately`, `Slightly`):
/// the degree's place on 1–5.
const DEGREES: &[(&str, i64)] = &[
    ("extremely", 5),
    ("completely", 5),
    ("totally", 5),
    ("very", 4),
    ("mostly", 4),
    ("quite", 4),
    ("somewhat", 3),
    ("moderately", 3),
    ("fairly", 3),
    ("slightly", 2),
    ("a little", 2),
    ("not so", 2),
    ("not very", 2),
    ("not too", 2),
    ("not at all", 1),
];

/// A column whose every answer is one degree word and one adjective, the same adjective
/// throughout (`Extremely helpful`, `Very helpful`, `Somewhat helpful`, `Not so helpful`, `Not
/// at all helpful`): a unipolar 1–5 scale whatever it rates. `None` unless at least two degrees
/// are used and one of them is above the middle and one below (`Very` and `Somewhat` alone could
/// be any two points).
fn degree_scale<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    let mut adjective: Option<String> = None;
    let mut used: Labels = Vec::new();
    for v in values {
        let t = v.trim();
        let low = t.to_lowercase();
        if is_na_word(&low) {
            continue;
        }
        let (degree, rest) = DEGREES.iter().find_map(|(d, n)| {
            let rest = low.strip_prefix(d)?.strip_prefix(' ')?;
            Some((*n, rest.trim()))
        })?;
        if rest.is_empty() || !rest.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        match &adjective {
            Some(a) if a != rest => return None,
            Some(_) => {}
            None => adjective = Some(rest.to_string()),
        }
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), degree));
        }
    }
    let (lo, hi) = (used.iter().map(|u| u.1).min()?, used.iter().map(|u| u.1).max()?);
    if used.len() < 2 || lo >= 3 || hi <= 3 {
        return None;
    }
    used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some((used, (1, 5)))
}

/// Answers of a question of fact answered in three steps (`Was your issue resolved?` `Yes`,
/// `Partially`, `No`; 已解决 / 部分解决 / 未解决): a 1–3 scale whose top box is the full yes.
/// `None` unless both ends and the middle are used (yes and no alone are a yes/no outcome).
fn yes_partly_no<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    const STEPS: &[(&str, i64)] = &[
        ("yes", 3),
        ("yes, completely", 3),
        ("yes, fully", 3),
        ("somewhat", 2),
        ("partially", 2),
        ("partly", 2),
        ("yes, partially", 2),
        ("to some extent", 2),
        ("no", 1),
        ("not at all", 1),
        ("是", 3),
        ("已解决", 3),
        ("完全解决", 3),
        ("部分", 2),
        ("部分解决", 2),
        ("基本解决", 2),
        ("否", 1),
        ("未解决", 1),
        ("没有解决", 1),
    ];
    let mut used: Labels = Vec::new();
    for v in values {
        let t = v.trim();
        let low = t.trim_end_matches(['.', '。', '!', '！']).to_lowercase();
        if is_na_word(&low) {
            continue;
        }
        let (_, n) = STEPS.iter().find(|(w, _)| *w == low)?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), *n));
        }
    }
    let has = |n: i64| used.iter().any(|u| u.1 == n);
    if !(has(1) && has(2) && has(3)) {
        return None;
    }
    used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some((used, (1, 3)))
}

/// A star rating as Google Business Profile's API writes it, `ONE` … `FIVE` (upper case, as
/// the API's enum: a column of `one`, `two` written by hand may count anything): 1–5.
fn star_enum<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    const STARS: [(&str, i64); 5] = [("FIVE", 5), ("FOUR", 4), ("THREE", 3), ("TWO", 2), ("ONE", 1)];
    let mut used: Labels = Vec::new();
    for v in values {
        let t = v.trim();
        if is_na_word(t) {
            continue;
        }
        let (_, n) = STARS.iter().find(|(w, _)| *w == t)?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), *n));
        }
    }
    if used.len() < 2 {
        return None;
    }
    used.sort_by_key(|l| std::cmp::Reverse(l.1));
    Some((used, (1, 5)))
}

/// The end labels of a 0–10 likelihood-to-recommend question, as a choice-text export writes
/// the two anchored answers in place of their numbers.
const NPS_ANCHORS: &[(&str, i64)] = &[
    ("not at all likely", 0),
    ("not likely at all", 0),
    ("extremely unlikely", 0),
    ("extremely likely", 10),
    ("完全不可能", 0),
    ("非常不可能", 0),
    ("不可能", 0),
    ("极不可能", 0),
    ("极有可能", 10),
    ("非常可能", 10),
    ("极可能", 10),
    ("非常有可能", 10),
    ("一定会", 10),
];

/// A 0–10 question whose two ends are written as their anchor labels and the answers between
/// as numbers (`Not at all likely`, `1` … `9`, `Extremely likely`): the labels with 0 and 10.
/// `None` unless every text value is such a label (or not applicable) and every number is on 0–10.
pub(super) fn nps_anchor_labels(p: &Profile) -> Option<Labels> {
    if p.int_count == 0 || p.ints.keys().any(|k| !(0..=10).contains(k)) {
        return None;
    }
    let mut used = Vec::new();
    for v in p.other.keys() {
        let low = v.trim().to_lowercase();
        if is_na_word(&low) {
            continue;
        }
        used.push((v.trim().to_string(), NPS_ANCHORS.iter().find(|(l, _)| *l == low)?.1));
    }
    (!used.is_empty()).then(|| {
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        used
    })
}

/// Words of an answer on a rating scale in any wording (`Somewhat better than expected`,
/// `Quite poor`, `还算满意`): what tells a scale cxsite does not know from a set of groups.
const SCALE_WORDS: &[&str] = &[
    "excellent",
    "good",
    "great",
    "poor",
    "bad",
    "terrible",
    "awful",
    "average",
    "fair",
    "okay",
    "mediocre",
    "decent",
    "superb",
    "outstanding",
    "horrible",
    "acceptable",
    "adequate",
    "satisf",
    "agree",
    "likely",
    "easy",
    "difficult",
    "expect",
    "better",
    "worse",
    "满意",
    "同意",
    "容易",
    "困难",
    "好",
    "差",
    "一般",
];

/// Whether an answer reads like a point of a rating scale: a label of a known scale or a
/// scale's word in it.
pub(in crate::init) fn scale_like(answer: &str) -> bool {
    // Every Latin word a scale's or a degree's (`Rather poor`; not `Bad Homburg` nor `Great
    // Wall`, places); a short Chinese answer holding a scale's word (`还算满意`).
    const DEGREE: &[&str] = &[
        "very",
        "extremely",
        "somewhat",
        "quite",
        "rather",
        "fairly",
        "pretty",
        "really",
        "slightly",
        "not",
        "so",
        "at",
        "all",
        "neither",
        "nor",
        "than",
        "much",
        "completely",
        "totally",
        "as",
        "about",
        "more",
        "less",
    ];
    let low = answer.trim().to_lowercase();
    if label_value(&low).is_some() {
        return true;
    }
    if !low.is_ascii() {
        return low.chars().count() <= 6 && SCALE_WORDS.iter().any(|w| !w.is_ascii() && low.contains(w));
    }
    let words: Vec<&str> = low.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let scale_word = |x: &str| {
        SCALE_WORDS
            .iter()
            .any(|w| w.is_ascii() && (x == *w || ((*w == "satisf" || *w == "expect") && x.starts_with(w))))
    };
    words.iter().any(|x| scale_word(x)) && words.iter().all(|x| scale_word(x) || DEGREE.contains(x))
}

/// The value of one label on the first known scale that has it (`sehr zufrieden` → 5), as a
/// header's anchors name the ends of its scale (`1 = sehr zufrieden, 5 = sehr unzufrieden`).
pub(super) fn label_value(label: &str) -> Option<i64> {
    let low = label.trim().to_lowercase();
    LABEL_SETS.iter().find_map(|set| set.iter().find(|(l, _)| *l == low).map(|(_, n)| *n))
}

/// The values of `labels` on the first known scale that has every one of them (`Satisfied` is
/// 4 beside `Very satisfied`, where alone it would be the top of a two-point scale).
pub(super) fn values_on_one_scale(labels: &[&str]) -> Option<Vec<i64>> {
    let low: Vec<String> = labels.iter().map(|l| l.trim().to_lowercase()).collect();
    LABEL_SETS.iter().find_map(|set| {
        low.iter().map(|l| set.iter().find(|(w, _)| w == l).map(|(_, n)| *n)).collect::<Option<Vec<i64>>>()
    })
}

/// The labelled scale that every given text value belongs to, if any: the labels used, and
/// the whole scale's range (a sample without `Extremely dissatisfied` is still on 1–7).
pub(super) fn label_role<'a>(values: impl Iterator<Item = &'a String> + Clone) -> Option<(Labels, (i64, i64))> {
    if let Some(faces) = face_scale(values.clone()) {
        return Some(faces);
    }
    if let Some(stars) = star_enum(values.clone()) {
        return Some(stars);
    }
    if let Some(steps) = yes_partly_no(values.clone()) {
        return Some(steps);
    }
    'sets: for set in LABEL_SETS {
        let mut used = Vec::new();
        for v in values.clone() {
            // Without a leading emoji or symbol (Intercom's `🤩 Amazing`); written out as it is.
            if is_na_word(&v.trim().to_lowercase()) {
                continue;
            }
            let low = v.trim().trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_lowercase();
            if is_na_word(&low) {
                continue;
            }
            match set.iter().find(|(l, _)| *l == low) {
                Some((_, n)) => used.push((v.trim().to_string(), *n)),
                None => continue 'sets,
            }
        }
        if used.is_empty() {
            return None;
        }
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let lo = set.iter().map(|l| l.1).min().unwrap_or(0);
        let hi = set.iter().map(|l| l.1).max().unwrap_or(0);
        return Some((used, (lo, hi)));
    }
    degree_scale(values)
}

/// Labels of a five-point scale that use both of its sides and never its middle, over 20
/// answers or more (`Very satisfied`, `Satisfied`, `Dissatisfied`, `Very dissatisfied`): a
/// four-point scale without a midpoint, forced choice, read on 1–4. On 1–5 its top two box is
/// the same, but its mean would stand between points no one could answer.
fn without_midpoint(labels: Labels, scale: (i64, i64), answered: usize) -> (Labels, (i64, i64)) {
    let mut points: Vec<i64> = labels.iter().map(|l| l.1).collect();
    points.sort_unstable();
    points.dedup();
    if scale != (1, 5) || points != [1, 2, 4, 5] || answered < 20 {
        return (labels, scale);
    }
    let labels = labels.into_iter().map(|(l, n)| (l, if n > 3 { n - 1 } else { n })).collect();
    (labels, (1, 4))
}

/// A column whose every answer is a label of one known scale (`很满意` … `很不满意`,
/// `Very likely` … `Very unlikely`, Zendesk's `Good`/`Bad`): a score on that scale, the labels
/// written out, not-applicable words under `na:`.
pub(super) fn labelled_score(p: &Profile) -> Option<Role> {
    // Numbers among the labels are read by the mixed path; a label column never holds all
    // its distinct values in a sample this short only when they are too many to be a scale.
    if p.int_count > 0 || p.unique() || p.other.len() < p.distinct_count() {
        return None;
    }
    let (labels, scale) = label_role(p.other.keys())?;
    // One label on every row (`good` throughout) tells nothing: left out as the same value on
    // every row, like a constant number, not taken for a yes/no outcome.
    if labels.len() < 2 {
        return None;
    }
    let (labels, scale) = without_midpoint(labels, scale, p.filled - p.na);
    let (top, bottom) = (labels.first()?.0.clone(), labels.last()?.0.clone());
    let na = p.na_words();
    let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
    let why = if scale == (0, 1) {
        format!("text labels ({top} = 1, {bottom} = 0): a yes/no outcome, 1 counted as positive{na_note}")
    } else {
        format!("text labels of a {}-point scale ({top} … {bottom}){na_note}", scale.1 - scale.0 + 1)
    };
    let mut labels = labels;
    labels.extend(na.into_iter().map(|w| (w, NA_LABEL)));
    Some(Role::Score { scale, na_zero: false, labels, half: false, reverse: false, why })
}
