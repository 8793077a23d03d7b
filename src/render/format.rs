//! Turning numbers into text, colours and positions, and values into safe slugs.

use serde::Deserialize;

use crate::metrics::Measure;
use crate::project::ScoreDef;

/// How a locale writes numbers: the `numbers` section of its catalogue. Every number the site
/// shows is written here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    /// Between groups of three digits: "12,345".
    pub group: String,
    /// Between the whole and the fraction: "2.5".
    pub decimal: String,
    /// Before a negative number (a true minus sign, "−").
    pub minus: String,
    /// Before a positive change ("+").
    pub plus: String,
    /// A percentage, `{n}` the number: "{n}%".
    pub percent: String,
    /// A range, `{low}` and `{high}`: "{low} – {high}".
    pub range: String,
    /// A change in percentage points, `{n}` the signed number: "{n} pts".
    pub points: String,
    /// A change of one whole point, where the language says it otherwise: "{n} pt" ("+1 pt",
    /// not "+1 pts"). A catalogue without it writes `points`.
    #[serde(default)]
    pub point: Option<String>,
    /// Units for writing a large count short where space is tight ("1.2k", "1.2万"). A catalogue
    /// without them writes every count whole.
    #[serde(default)]
    pub compact: Vec<CompactUnit>,
}

/// One unit of a short count: counts from `from` up are written in it, `{n}` the number of
/// units with one decimal below ten ("1.2k") and none from ten ("12k", "124k").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompactUnit {
    /// The count one unit stands for: 1000 for "k", 10000 for "万".
    pub from: u64,
    /// How the number of units is written: "{n}k".
    pub pattern: String,
}

impl Numbers {
    /// A value for reading: NPS as a signed whole number, shares as "65%", means with 2 decimals.
    pub fn value(&self, v: f64, measure: Measure) -> String {
        match measure {
            Measure::Nps => self.signed(v, 0),
            Measure::TopBox => self.share(v),
            Measure::Mean => self.fixed(v, 2),
        }
    }

    /// A share of answers, comments or mentions for reading, in percent: whole ("21%"), as
    /// every share on the site is written (a distribution's bars and table, CSAT, themes);
    /// only its change carries a decimal (`change`).
    pub fn share(&self, v: f64) -> String {
        // Halves away from zero, as a distribution's bars are rounded (`f64::round`): Rust's
        // formatting rounds 12.5 to "12", and the bar labelled 13% would sit beside a table
        // row of 12%.
        self.percent(v.round(), 0)
    }

    /// A change for reading, always signed, in the unit the figure is kept in. The one rule
    /// of the site: NPS and a share move in percentage points, one decimal and the locale's
    /// points unit ("+1.1 pts", "−2.3 pts"; zh-CN "+1.1 个百分点"); a mean moves on its scale,
    /// two decimals and no unit ("−0.06"). Scores themselves are written by `value`: NPS whole
    /// and signed ("+29"), shares whole ("65%"), means with two decimals ("5.38").
    pub fn change(&self, d: f64, measure: Measure) -> String {
        match measure {
            Measure::Nps | Measure::TopBox => self.points.replace("{n}", &self.signed(d, 1)),
            Measure::Mean => self.signed(d, 2),
        }
    }

    /// A change or gap written beside the two figures it compares (a tile and its trend's
    /// previous row, a theme's score with and without it): the difference of the figures as
    /// `value` writes them, in the change's unit, so the figures shown subtract to it: NPS
    /// −20 against +19 is "−39 pts" (not the −38.4 computed from −20.2 and +18.2), 52% against
    /// 50% "+2 pts", means to two decimals. The one rule for such pairs (README, "Numbers on
    /// the site"); a change shown without its figures is written by `change`.
    pub fn change_between(&self, value: f64, previous: f64, measure: Measure) -> String {
        let d = as_written(value, measure) - as_written(previous, measure);
        let written = self.signed(d, value_decimals(measure));
        let unit = match &self.point {
            Some(one) if d.abs() == 1.0 => one,
            _ => &self.points,
        };
        match measure {
            Measure::Nps | Measure::TopBox => unit.replace("{n}", &written),
            Measure::Mean => written,
        }
    }

    /// A change as a bare signed number: the decimals of `change`, no unit, for the ends of
    /// an interval written right after its change ("−38.4 pts (−43.5 – −33.4)").
    pub fn change_bare(&self, d: f64, measure: Measure) -> String {
        self.signed(d, change_decimals(measure))
    }

    /// An interval for reading: "14 – 44".
    pub fn interval(&self, lo: f64, hi: f64, measure: Measure) -> String {
        match measure {
            Measure::Nps => self.range(&self.signed(lo, 0), &self.signed(hi, 0)),
            Measure::TopBox => self.range(&self.share(lo), &self.share(hi)),
            Measure::Mean => self.range(&self.fixed(lo, 2), &self.fixed(hi, 2)),
        }
    }

    /// The interval of a change, its ends written as the change is ("+7.3 pts (+4.1 – +10.5
    /// pts)", never "+7.3 (+4 – +11)"), a unit once: "+1.2 – +3.4 pts".
    pub fn change_interval(&self, lo: f64, hi: f64, measure: Measure) -> String {
        match measure {
            Measure::Nps | Measure::TopBox => {
                self.points.replace("{n}", &self.range(&self.signed(lo, 1), &self.signed(hi, 1)))
            }
            Measure::Mean => self.range(&self.signed(lo, 2), &self.signed(hi, 2)),
        }
    }

    /// The interval of a statistic that sits beside a verdict on whether it holds 0 (a
    /// segment "harsher" or "no different", a theme's gap "beyond chance"), signed, at
    /// `decimals` decimals or the few more [`verdict_ends`] needs, so that the interval as
    /// shown says what the verdict says: "−0.01 – +0.05" beside "no different", "+0.001 –
    /// +0.045" beside "more lenient" (both were "0.00 – +0.04").
    pub fn verdict_interval(&self, lo: f64, hi: f64, decimals: usize) -> String {
        let (lo, hi, decimals) = verdict_ends(lo, hi, decimals);
        self.range(&self.signed(lo, decimals), &self.signed(hi, decimals))
    }

    /// Two numbers as a range, in one piece: a line never breaks between its ends, whatever
    /// the catalogue's pattern writes between them. Its spaces become no-break spaces, and a
    /// word joiner follows a dash or tilde, after which a browser breaks even before a
    /// no-break space ("(−0.41 –" at a line's end, "−0.12)" on the next, in a sentence on a
    /// phone). The numbers themselves are inserted as they are.
    pub fn range(&self, low: &str, high: &str) -> String {
        let mut pattern = String::with_capacity(self.range.len() + 8);
        for c in self.range.chars() {
            match c {
                ' ' => pattern.push('\u{a0}'),
                '–' | '—' | '-' | '‒' | '~' | '～' | '〜' => {
                    pattern.push(c);
                    pattern.push('\u{2060}');
                }
                c => pattern.push(c),
            }
        }
        pattern.replace("{low}", low).replace("{high}", high)
    }

    /// A signed number with a true minus sign; zero has no sign.
    pub fn signed(&self, v: f64, decimals: usize) -> String {
        let s = self.fixed(v.abs(), decimals);
        let zero = format!("{:.*}", decimals, v.abs()).chars().all(|c| c == '0' || c == '.');
        if zero {
            s
        } else if v < 0.0 {
            format!("{}{s}", self.minus)
        } else {
            format!("{}{s}", self.plus)
        }
    }

    /// A number with `decimals` decimals and no sign of its own beyond the minus Rust writes
    /// (a hyphen-minus): for statistics quoted as they are computed.
    pub fn fixed(&self, v: f64, decimals: usize) -> String {
        let s = format!("{v:.decimals$}");
        if self.decimal == "." {
            s
        } else {
            s.replace('.', &self.decimal)
        }
    }

    /// A percentage that is no share, with `decimals` decimals: a confidence level ("95%").
    /// Shares are written by [`Numbers::share`].
    pub fn percent(&self, v: f64, decimals: usize) -> String {
        self.percent.replace("{n}", &self.fixed(v, decimals))
    }

    /// A count with digit groups: 12,345.
    pub fn count(&self, n: u64) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        out
    }

    /// A count written short by the catalogue's `compact` units: 1,248 → "1.2k", 12,480 →
    /// "12k", 1,248,000 → "1.2M" (in zh-CN 12,480 → "1.2万"). Counts below the smallest
    /// unit, or with no units, are written whole. Rounds to the nearest shown digit and moves
    /// up a unit when rounding reaches it (999,600 → "1M", not "1,000k").
    pub fn compact(&self, n: u64) -> String {
        let mut units: Vec<&CompactUnit> = self.compact.iter().filter(|u| u.from > 0).collect();
        units.sort_by_key(|u| u.from);
        let Some(mut i) = units.iter().rposition(|u| n >= u.from) else {
            return self.count(n);
        };
        loop {
            let from = u128::from(units[i].from);
            let tenths = (u128::from(n) * 10 + from / 2) / from;
            let (whole, decimal) =
                if tenths < 100 { (tenths / 10, Some(tenths % 10)) } else { ((u128::from(n) + from / 2) / from, None) };
            if let Some(next) = units.get(i + 1) {
                if whole * from >= u128::from(next.from) {
                    i += 1;
                    continue;
                }
            }
            let mut text = self.count(whole as u64);
            if let Some(d) = decimal.filter(|d| *d > 0) {
                text.push_str(&self.decimal);
                text.push_str(&d.to_string());
            }
            return units[i].pattern.replace("{n}", &text);
        }
    }
}

/// How many decimals a figure of `measure` is written with (`Numbers::value`): none for NPS
/// and shares, two for means.
pub fn value_decimals(measure: Measure) -> usize {
    match measure {
        Measure::Nps | Measure::TopBox => 0,
        Measure::Mean => 2,
    }
}

/// How many decimals a change of `measure` is written with (`Numbers::change`): one for
/// NPS and shares (points), two for means.
pub fn change_decimals(measure: Measure) -> usize {
    match measure {
        Measure::Nps | Measure::TopBox => 1,
        Measure::Mean => 2,
    }
}

/// At most this many decimals more than asked for when an end of an interval that excludes
/// 0 would be written as 0.
const VERDICT_EXTRA_DECIMALS: usize = 3;

/// The ends of an interval to write beside a verdict on whether it holds 0, and the decimals
/// to write them with. Rounded outward (the low end down, the high end up), so the interval as
/// shown holds the computed one: one that holds 0 is never shown clear of it ([−0.0005, 0.0432]
/// → −0.01 – +0.05). An interval clear of 0 whose end rounds to 0 takes one more decimal at a
/// time until it no longer does ([0.0012, 0.0444] → +0.001 – +0.045, not 0.00 – +0.05).
pub fn verdict_ends(lo: f64, hi: f64, decimals: usize) -> (f64, f64, usize) {
    let excludes_zero = lo > 0.0 || hi < 0.0;
    let mut d = decimals;
    loop {
        let (a, b) = (round_down(lo, d), round_up(hi, d));
        let touches_zero = a == 0.0 || b == 0.0;
        if !(excludes_zero && touches_zero) || d >= decimals + VERDICT_EXTRA_DECIMALS {
            return (a, b, d);
        }
        d += 1;
    }
}

/// Below this (in units of the last decimal) a value is taken to sit on a step: 0.07 stored as
/// 0.07000000000000001 is rounded up to 0.07, not 0.08.
const STEP_TOLERANCE: f64 = 1e-9;

/// `v` rounded down to `decimals` decimals.
fn round_down(v: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (v * scale + STEP_TOLERANCE).floor() / scale + 0.0
}

/// `v` rounded up to `decimals` decimals.
fn round_up(v: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    (v * scale - STEP_TOLERANCE).ceil() / scale + 0.0
}

/// Where a value sits on its measure's natural axis, 0…1 (NPS −100…100, shares 0…100 %,
/// means on the score's scale).
pub fn position(v: f64, measure: Measure, def: &ScoreDef) -> f64 {
    let (lo, hi) = axis(measure, def);
    ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// The natural axis of a measure.
pub fn axis(measure: Measure, def: &ScoreDef) -> (f64, f64) {
    match measure {
        Measure::Nps => (-100.0, 100.0),
        Measure::TopBox => (0.0, 100.0),
        Measure::Mean => def.range(),
    }
}

/// The neutral point of the colour scale: NPS 0, top-box 60 %, a mean's scale middle.
pub fn neutral(measure: Measure, def: &ScoreDef) -> f64 {
    match measure {
        Measure::Nps => 0.0,
        Measure::TopBox => 60.0,
        Measure::Mean => (def.range().0 + def.range().1) / 2.0,
    }
}

/// `v` rounded as [`Numbers::value`] writes it: NPS whole (as `{:.0}` rounds), shares whole
/// (halves away from zero), means to two decimals.
fn as_written(v: f64, measure: Measure) -> f64 {
    let fixed = |d: usize| format!("{v:.d$}").parse().unwrap_or(v);
    match measure {
        Measure::Nps => fixed(0),
        Measure::TopBox => v.round(),
        Measure::Mean => fixed(2),
    }
}

/// The class `s1`…`s7` of the diverging score scale (ColorBrewer RdYlBu, colour-blind safe):
/// s1 far below neutral, s4 neutral, s7 far above — "above" meaning better: a score declared
/// `better: lower` (complaint rate, waiting time) is read the other way round. The value is
/// classed as it is written ([`Numbers::value`]): a CSAT of 41.7 % reads "42%", and the key's
/// "below 42%" must not colour it.
pub fn score_class(v: f64, measure: Measure, def: &ScoreDef) -> &'static str {
    let v = as_written(v, measure);
    // Lower is better: the value is read mirrored on its axis, so 78 % negative reads as 22 %.
    let v = if def.lower_better {
        let (lo, hi) = axis(measure, def);
        lo + hi - v
    } else {
        v
    };
    let centre = neutral(measure, def);
    let half = match measure {
        Measure::Nps => 60.0,
        Measure::TopBox => 30.0,
        Measure::Mean => (def.range().1 - def.range().0) / 2.0,
    };
    let t = ((v - centre) / half).clamp(-1.0, 1.0);
    match t {
        t if t < -0.6 => "s1",
        t if t < -0.3 => "s2",
        t if t < -0.1 => "s3",
        t if t <= 0.1 => "s4",
        t if t <= 0.3 => "s5",
        t if t <= 0.6 => "s6",
        _ => "s7",
    }
}

/// A breakdown's axis: the measure's natural axis cut down to the values shown, widened to
/// round steps (NPS and shares 10 points; means 1 on a scale wider than 6, 0.5 on one of 4
/// to 6, else 0.25), at least one step wide. The whole axis when nothing is shown.
pub fn zoomed_axis(values: &[f64], measure: Measure, def: &ScoreDef) -> (f64, f64) {
    let (lo, hi) = axis(measure, def);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() || !max.is_finite() {
        return (lo, hi);
    }
    let step = match measure {
        Measure::Mean if hi - lo > 6.0 => 1.0,
        Measure::Mean if hi - lo >= 4.0 => 0.5,
        Measure::Mean => 0.25,
        _ => 10.0,
    };
    let a = ((min / step).floor() * step).max(lo);
    let b = ((max / step).ceil() * step).min(hi);
    if b - a < step {
        ((a - step).max(lo), (b + step).min(hi))
    } else {
        (a, b)
    }
}

/// The six values where `score_class` moves from one class to the next, in class order (the
/// bound between s1 and s2 first). For a score where lower is better they run downwards.
pub fn class_bounds(measure: Measure, def: &ScoreDef) -> [f64; 6] {
    let centre = neutral(measure, def);
    let half = match measure {
        Measure::Nps => 60.0,
        Measure::TopBox => 30.0,
        Measure::Mean => (def.range().1 - def.range().0) / 2.0,
    };
    let (lo, hi) = axis(measure, def);
    [-0.6, -0.3, -0.1, 0.1, 0.3, 0.6].map(|t| {
        let v = centre + t * half;
        if def.lower_better {
            lo + hi - v
        } else {
            v
        }
    })
}

/// Fill colour of each score class, for SVG that cxsite draws (same as the CSS).
pub fn class_colour(class: &str) -> (&'static str, &'static str) {
    // (fill, text colour with at least 4.5:1 contrast on it)
    match class {
        "s1" => ("#d73027", "#ffffff"),
        "s2" => ("#f4a582", "#1a1a1a"),
        "s3" => ("#fddbc7", "#1a1a1a"),
        "s4" => ("#f4f1e6", "#1a1a1a"),
        "s5" => ("#d1e5f0", "#1a1a1a"),
        "s6" => ("#92c5de", "#1a1a1a"),
        "s7" => ("#4575b4", "#ffffff"),
        _ => ("#eeeeee", "#555555"),
    }
}

/// A file-name-safe slug for any value: its ASCII letters and digits, then a hash of the whole
/// value so that two values never share a page and no value can steer a path.
pub fn slug(value: &str) -> String {
    let mut base = String::new();
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
        if base.len() >= 32 {
            break;
        }
    }
    let base = base.trim_end_matches('-');
    let hash = crate::aggregate::fnv1a(crate::aggregate::FNV_OFFSET, value.as_bytes()) & 0xff_ffff;
    if base.is_empty() {
        format!("g-{hash:06x}")
    } else {
        format!("{base}-{hash:06x}")
    }
}

/// Rough display width of text in ems for laying out SVG without a font: East Asian wide
/// characters take a full em, others about half.
pub fn text_width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if is_wide(c) {
                1.0
            } else if matches!(c, '\u{2060}' | '\u{200b}') {
                // A word joiner (inside a range) takes no room.
                0.0
            } else if c.is_ascii_uppercase() {
                0.65
            } else {
                0.55
            }
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Cuts text to at most `max_em` wide, adding "…" when cut.
pub fn fit(text: &str, max_em: f64) -> String {
    if text_width_em(text) <= max_em {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = text_width_em(&c.to_string());
        if w + cw > max_em - 0.6 {
            break;
        }
        w += cw;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Cuts text to at most `max_em` wide at a word boundary (a space, or after a hyphen or slash;
/// each East Asian character is a word), adding "…" when cut; empty when not even the first
/// word fits. A word, and so a number, is never cut in two.
pub fn fit_words(text: &str, max_em: f64) -> String {
    let text = text.trim();
    if text_width_em(text) <= max_em {
        return text.to_string();
    }
    let room = max_em - text_width_em("…");
    let mut best = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let next = text[end..].chars().next();
        let wide_edge = is_wide(c) || next.is_some_and(is_wide);
        let boundary = c == ' ' || c == '-' || c == '/' || wide_edge;
        if !boundary {
            continue;
        }
        let head = if c == ' ' { text[..i].trim_end() } else { &text[..end] };
        if text_width_em(head) > room {
            break;
        }
        if !head.is_empty() {
            best = Some(head);
        }
    }
    best.map(|h| format!("{h}…")).unwrap_or_default()
}

/// Splits text into at most two lines of `max_em`, breaking at spaces where possible: where
/// both lines fit whole, at the break that makes the longer line shortest ("社交广告 / Social
/// ad" rather than "社交广告 Social / ad", a word left alone on the second line).
pub fn two_lines(text: &str, max_em: f64) -> Vec<String> {
    if text_width_em(text) <= max_em {
        return vec![text.to_string()];
    }
    if let Some((first, second)) = balanced_break(text, max_em) {
        return vec![first.to_string(), second.to_string()];
    }
    let mut first = String::new();
    let mut w = 0.0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        let cw = text_width_em(&c.to_string());
        if w + cw > max_em {
            break;
        }
        if c == ' ' {
            last_space = Some(i);
        }
        w += cw;
        first.push(c);
    }
    let cut = match last_space {
        Some(i) if i > 0 && text_width_em(&text[..i]) > max_em * 0.4 => i,
        _ => first.len(),
    };
    let rest = text[cut..].trim_start();
    let second = match fit_words(rest, max_em) {
        s if s.is_empty() => fit(rest, max_em),
        s => s,
    };
    vec![text[..cut].trim_end().to_string(), second]
}

/// The two lines of `text`, both within `max_em`, broken at a space or where wide (Chinese)
/// and narrow (Latin) letters meet. A break between the scripts comes first (a bilingual name,
/// "APP结算 / App checkout", keeps each language whole); then the break whose longer line is
/// shortest (of equals, the one with the longer first line). `None` when no break leaves
/// both lines whole.
fn balanced_break(text: &str, max_em: f64) -> Option<(&str, &str)> {
    // (within the scripts, longer line, first line's width, the lines)
    let mut best: Option<(bool, f64, f64, &str, &str)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let meets = prev.is_some_and(|p| {
            p != ' ' && c != ' ' && is_wide(p) != is_wide(c) && p.is_alphanumeric() && c.is_alphanumeric()
        });
        prev = Some(c);
        if c != ' ' && !meets {
            continue;
        }
        let (first, second) = (text[..i].trim_end(), text[i..].trim_start());
        let (Some(last), Some(next)) = (first.chars().last(), second.chars().next()) else { continue };
        let (w1, w2) = (text_width_em(first), text_width_em(second));
        if w1 > max_em || w2 > max_em {
            continue;
        }
        let within = is_wide(last) == is_wide(next);
        let longer = w1.max(w2);
        let better = match best {
            None => true,
            Some((b_within, b_longer, b_w1, _, _)) => {
                (within, longer, -w1).partial_cmp(&(b_within, b_longer, -b_w1)) == Some(std::cmp::Ordering::Less)
            }
        };
        if better {
            best = Some((within, longer, w1, first, second));
        }
    }
    best.map(|(_, _, _, first, second)| (first, second))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ScoreKind;

    #[test]
    fn a_name_on_two_lines_is_broken_where_neither_line_is_left_with_one_short_word() {
        // 社交广告 is 4 em, "Social ad" 5.05, the whole 9.6: over 9 em, it breaks between the
        // Chinese and the English (longer line 5.05 em), not before "ad" (7.95 em).
        assert_eq!(two_lines("社交广告 Social ad", 9.0), ["社交广告", "Social ad"]);
        // Where the scripts meet without a space, too.
        assert_eq!(two_lines("小程序浏览Mini-program", 9.0), ["小程序浏览", "Mini-program"]);
        // Latin words: the more even of the breaks that fit ("Referral" 4.5 em, "program
        // rewards" 8.25; "Referral program" 8.9, "rewards" 3.85): the longer line is shortest
        // with the first.
        assert_eq!(two_lines("Referral program rewards", 9.0), ["Referral", "program rewards"]);
        // A journey-map card's room (9.18 em): the break at the space, not inside "App checkout".
        assert_eq!(two_lines("APP结算 App checkout", 9.18), ["APP结算", "App checkout"]);
        // Fits on one line: unchanged.
        assert_eq!(two_lines("配送 Delivery", 9.0), ["配送 Delivery"]);
        // No break leaves both lines whole: the old rule, the second line cut.
        let cut = two_lines("会员积分兑换中心服务台预约", 9.0);
        assert_eq!(cut.len(), 2);
        assert!(text_width_em(&cut[0]) <= 9.0 && text_width_em(&cut[1]) <= 9.0, "{cut:?}");
    }

    fn nps() -> ScoreDef {
        ScoreDef::new("nps", ScoreKind::Nps, 0, 10, 9)
    }

    /// A share is a whole percentage, halves rounded up as a distribution's bars are: the
    /// wide drawing labelled 1 of 8 answers "13%" while its table said "12.5%" and, written
    /// whole by Rust's formatting, would have said "12%".
    #[test]
    fn a_share_is_a_whole_percentage_with_halves_rounded_away_from_zero() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let num = en.numbers();
        assert_eq!(num.share(12.5), "13%");
        assert_eq!(num.share(62.5), "63%");
        assert_eq!(num.share(0.4), "0%");
        assert_eq!(num.share(99.6), "100%");
        assert_eq!(num.value(12.5, Measure::TopBox), num.share(12.5));
        assert_eq!(num.interval(12.5, 37.5, Measure::TopBox), "13%\u{a0}–\u{2060}\u{a0}38%");
    }

    /// Breakdown axes zoom to the data in round steps, worked out by hand.
    #[test]
    fn a_breakdown_axis_is_zoomed_to_the_values_in_round_steps() {
        let ces = ScoreDef::new("ces", ScoreKind::Rating, 1, 7, 6);
        assert_eq!(zoomed_axis(&[12.0, 31.0], Measure::Nps, &nps()), (10.0, 40.0));
        assert_eq!(zoomed_axis(&[-100.0, -95.0], Measure::Nps, &nps()), (-100.0, -90.0));
        assert_eq!(zoomed_axis(&[42.3, 77.9], Measure::TopBox, &nps()), (40.0, 80.0));
        assert_eq!(zoomed_axis(&[5.21, 5.45], Measure::Mean, &ces), (5.0, 5.5));
        assert_eq!(zoomed_axis(&[20.0, 20.0], Measure::Nps, &nps()), (10.0, 30.0));
        assert_eq!(zoomed_axis(&[], Measure::Nps, &nps()), (-100.0, 100.0));
    }

    /// The colour key's bounds are where the classes change: worked out by hand for NPS
    /// (neutral 0, half-width 60: cuts at ±6, ±18, ±36), and for every score a value just
    /// inside each band gets that band's class, also for a score where lower is better.
    #[test]
    fn the_colour_key_bounds_are_where_score_class_changes() {
        assert_eq!(class_bounds(Measure::Nps, &nps()), [-36.0, -18.0, -6.0, 6.0, 18.0, 36.0]);
        let mut ces = ScoreDef::new("ces", ScoreKind::Rating, 1, 7, 6);
        let mut waits = ScoreDef::new("wait", ScoreKind::Rating, 1, 5, 4);
        waits.lower_better = true;
        ces.lower_better = false;
        for (measure, def) in
            [(Measure::Nps, nps()), (Measure::Mean, ces), (Measure::TopBox, waits.clone()), (Measure::Mean, waits)]
        {
            let b = class_bounds(measure, &def);
            let (lo, hi) = axis(measure, &def);
            let edges: Vec<f64> = if def.lower_better {
                std::iter::once(hi).chain(b).chain(std::iter::once(lo)).collect()
            } else {
                std::iter::once(lo).chain(b).chain(std::iter::once(hi)).collect()
            };
            for k in 0..7 {
                let mid = (edges[k] + edges[k + 1]) / 2.0;
                assert_eq!(score_class(mid, measure, &def), format!("s{}", k + 1), "{measure:?} {mid} (bounds {b:?})");
            }
        }
    }

    #[test]
    fn values_read_with_true_minus_signs_and_units() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        assert_eq!(f.value(-12.4, Measure::Nps), "−12");
        assert_eq!(f.value(30.0, Measure::Nps), "+30");
        assert_eq!(f.value(0.2, Measure::Nps), "0");
        assert_eq!(f.value(65.4, Measure::TopBox), "65%");
        assert_eq!(f.change(-2.345, Measure::TopBox), "−2.3 pts");
        assert_eq!(f.interval(-3.0, 12.0, Measure::Nps), "−3\u{a0}–\u{2060}\u{a0}+12");
        assert_eq!(f.count(1234567), "1,234,567");
        // A change's interval has the change's decimals, and its unit once.
        assert_eq!(f.change_interval(4.14, 10.46, Measure::Nps), "+4.1\u{a0}–\u{2060}\u{a0}+10.5 pts");
        assert_eq!(f.change_interval(-1.23, 3.41, Measure::TopBox), "−1.2\u{a0}–\u{2060}\u{a0}+3.4 pts");
        assert_eq!(f.change_interval(-0.1, 0.256, Measure::Mean), "−0.10\u{a0}–\u{2060}\u{a0}+0.26");
    }

    /// An interval is one piece on a line: the catalogue's spaces do not break, and a word
    /// joiner holds its dash to the upper end (a browser breaks after a dash even before a
    /// no-break space), whatever pattern a catalogue writes; the numbers are untouched.
    #[test]
    fn a_range_never_breaks_between_its_ends_whatever_the_pattern() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        assert_eq!(en.numbers().range("−0.41", "−0.12"), "−0.41\u{a0}–\u{2060}\u{a0}−0.12");
        let zh = crate::render::catalogue::Catalogue::builtin("zh-CN").unwrap();
        assert_eq!(zh.numbers().range("12%", "38%"), "12%\u{a0}–\u{2060}\u{a0}38%");
        let mut own = en.numbers().clone();
        own.range = "{low} to {high}".into();
        assert_eq!(own.range("1 234", "5"), "1 234\u{a0}to\u{a0}5");
        own.range = "{low}~{high}".into();
        assert_eq!(own.range("1", "5"), "1~\u{2060}5");
        assert_eq!(text_width_em("1\u{2060}"), text_width_em("1"));
    }

    /// One rule per kind of figure, worked by hand: NPS whole and signed, its change in
    /// points with one decimal; shares whole, their change in points; means two decimals,
    /// their change signed on the scale; the same rule in zh-CN with its own points unit.
    #[test]
    fn each_kind_of_figure_has_one_written_form_in_both_locales() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        assert_eq!(f.value(-19.7, Measure::Nps), "−20");
        assert_eq!(f.value(18.7, Measure::Nps), "+19");
        assert_eq!(f.change(1.06, Measure::Nps), "+1.1 pts");
        assert_eq!(f.change(-38.44, Measure::Nps), "−38.4 pts");
        assert_eq!(f.change(-1.26, Measure::TopBox), "−1.3 pts");
        assert_eq!(f.change(-0.061, Measure::Mean), "−0.06");
        assert_eq!(f.change(0.04, Measure::Nps), "0.0 pts");
        assert_eq!(f.change_bare(-38.44, Measure::Nps), "−38.4");
        let zh = crate::render::catalogue::Catalogue::builtin("zh-CN").unwrap();
        let f = zh.numbers();
        assert_eq!(f.value(-19.7, Measure::Nps), "−20");
        assert_eq!(f.change(1.06, Measure::Nps), "+1.1 个百分点");
        assert_eq!(f.change(-1.26, Measure::TopBox), "−1.3 个百分点");
        assert_eq!(f.change_interval(4.14, 10.46, Measure::Nps), "+4.1\u{a0}–\u{2060}\u{a0}+10.5 个百分点");
        assert!(!f.change(3.0, Measure::Nps).contains("pts"));
    }

    #[test]
    fn an_interval_beside_a_verdict_on_zero_is_written_as_that_verdict_reads_it() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        // The audit's rows (CSAT harshness, sample project): both read "0.00 – +0.04", one
        // beside "no different", the other beside "more lenient".
        assert_eq!(f.verdict_interval(-0.0005, 0.0432, 2), "−0.01\u{a0}–\u{2060}\u{a0}+0.05");
        assert_eq!(f.verdict_interval(0.0012, 0.0444, 2), "+0.001\u{a0}–\u{2060}\u{a0}+0.045");
        // "−0.06 – 0.00" beside "harsher": the end below 0 gets its decimal.
        assert_eq!(verdict_ends(-0.0612, -0.0004, 2), (-0.0612, -0.0004, 4));
        // Outward, and a value that sits on a step stays on it.
        assert_eq!(verdict_ends(-0.2149, -0.1812, 2), (-0.22, -0.18, 2));
        assert_eq!(verdict_ends(0.07, 0.1 + 0.2, 2), (0.07, 0.3, 2));
        // A change in points, at its one decimal.
        assert_eq!(verdict_ends(-43.51, -33.44, 1), (-43.6, -33.4, 1));
        assert_eq!(verdict_ends(0.04, 9.96, 1), (0.04, 9.96, 2));
        // An interval that ends on 0 holds it, and reads so.
        assert_eq!(verdict_ends(0.0, 0.5, 2), (0.0, 0.5, 2));
        // However tiny an end, the decimals stop.
        assert_eq!(verdict_ends(1e-12, 0.5, 2).2, 2 + VERDICT_EXTRA_DECIMALS);
        for (lo, hi) in [(-0.0005, 0.0432), (0.0012, 0.0444), (-0.0612, -0.0004), (-3.21, 4.0), (0.001, 0.002)] {
            let (a, b, _) = verdict_ends(lo, hi, 2);
            assert!(a <= lo && hi <= b, "{lo}…{hi} is held by {a}…{b}");
            assert_eq!(lo > 0.0 || hi < 0.0, a > 0.0 || b < 0.0, "{lo}…{hi} shown {a}…{b}");
        }
    }

    #[test]
    fn a_change_beside_its_two_figures_is_their_difference_as_written() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        // The audit's "NPS −20 against +19 (−38.4 pts)": −20.2 and +18.2 written whole.
        let (with, without) = (-20.2, 18.2);
        assert_eq!(f.value(with, Measure::Nps), "−20");
        assert_eq!(f.value(without, Measure::Nps), "+18");
        assert_eq!(f.change_between(with, without, Measure::Nps), "−38 pts");
        assert_eq!(f.change_between(80.4, 15.5, Measure::Nps), "+64 pts");
        // Halves as each figure is written: NPS to even, shares away from zero.
        assert_eq!(f.change_between(20.5, 14.5, Measure::Nps), "+6 pts");
        assert_eq!(f.change_between(52.5, 50.4, Measure::TopBox), "+3 pts");
        assert_eq!(f.change_between(5.384, 5.372, Measure::Mean), "+0.01");
        assert_eq!(f.change_between(29.4, 28.6, Measure::Nps), "0 pts");
        // One point is one point.
        assert_eq!(f.change_between(29.4, 27.6, Measure::Nps), "+1 pt");
        assert_eq!(f.change_between(45.0, 46.0, Measure::TopBox), "−1 pt");
    }

    #[test]
    fn a_locale_writes_its_own_separators_and_signs() {
        let f = Numbers {
            group: ".".into(),
            decimal: ",".into(),
            minus: "-".into(),
            plus: "+".into(),
            percent: "{n} %".into(),
            range: "{low}…{high}".into(),
            points: "{n} Pkt.".into(),
            point: None,
            compact: vec![],
        };
        assert_eq!(f.count(1234567), "1.234.567");
        assert_eq!(f.value(4.256, Measure::Mean), "4,26");
        assert_eq!(f.change(-2.345, Measure::TopBox), "-2,3 Pkt.");
        assert_eq!(f.interval(40.0, 52.0, Measure::TopBox), "40 %…52 %");
    }

    #[test]
    fn the_colour_scale_is_neutral_at_nps_zero_and_sixty_percent() {
        let def = nps();
        assert_eq!(score_class(0.0, Measure::Nps, &def), "s4");
        // Classed as written: CSAT's key cuts at 42 % (60 − 0.6 × 30) and NPS's at −36; 41.7 %
        // reads "42%" and −36.4 reads "−36", so each takes the class its key gives "42%" and
        // "−36", while 41.4 % ("41%") and −36.6 ("−37") stay below.
        assert_eq!(score_class(41.7, Measure::TopBox, &def), "s2");
        assert_eq!(score_class(41.4, Measure::TopBox, &def), "s1");
        assert_eq!(score_class(-36.4, Measure::Nps, &def), "s2");
        assert_eq!(score_class(-36.6, Measure::Nps, &def), "s1");
        assert_eq!(score_class(60.0, Measure::TopBox, &def), "s4");
        assert_eq!(score_class(-80.0, Measure::Nps, &def), "s1");
        assert_eq!(score_class(80.0, Measure::Nps, &def), "s7");
    }

    #[test]
    fn slugs_never_carry_path_or_script_syntax_and_differ_for_different_values() {
        for v in ["../../x", "javascript:alert(1)", "上海徐汇店", "a/b", "<script>"] {
            let s = slug(v);
            assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{s}");
        }
        assert_ne!(slug("Store A"), slug("store a"));
        assert_eq!(slug("S001 上海徐汇店 Shanghai Xuhui"), slug("S001 上海徐汇店 Shanghai Xuhui"));
    }

    #[test]
    fn chinese_text_counts_double_width_when_fitting() {
        assert_eq!(text_width_em("配送"), 2.0);
        assert_eq!(fit("配送速度太慢了真的", 5.0), "配送速度…");
    }

    #[test]
    fn large_counts_are_written_short_by_the_locale_rule() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        for (n, short) in [
            (0, "0"),
            (999, "999"),
            (1000, "1k"),
            (1248, "1.2k"),
            (1250, "1.3k"),
            (9_949, "9.9k"),
            (9_960, "10k"),
            (12_480, "12k"),
            (999_499, "999k"),
            (999_500, "1M"),
            (1_248_000, "1.2M"),
            (1_500_000_000, "1,500M"),
        ] {
            assert_eq!(f.compact(n), short, "{n}");
        }
        let zh = crate::render::catalogue::Catalogue::builtin("zh-CN").unwrap();
        let f = zh.numbers();
        for (n, short) in
            [(9_999, "9,999"), (12_480, "1.2万"), (123_456, "12万"), (99_999_999, "1亿"), (250_000_000, "2.5亿")]
        {
            assert_eq!(f.compact(n), short, "{n}");
        }
    }

    #[test]
    fn text_is_fitted_by_whole_words_and_a_number_is_never_cut() {
        assert_eq!(fit_words("mini-program checkout", 20.0), "mini-program checkout");
        assert_eq!(fit_words("mini-program checkout", 8.0), "mini-program…");
        assert_eq!(fit_words("mini-program checkout", 4.0), "mini-…");
        assert_eq!(fit_words("配送速度太慢了真的", 5.0), "配送速度…");
        assert_eq!(fit_words("1234567 orders", 3.0), "");
        assert_eq!(fit_words("Store 1234567", 5.0), "Store…");
    }
}
