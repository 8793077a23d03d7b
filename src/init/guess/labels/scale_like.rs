//! Whether an answer reads like a point of a rating scale cxsite does not know, so that init
//! can say how to score a breakdown of such answers.

use super::label_value;

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
