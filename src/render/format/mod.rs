//! Turning numbers into text, colours and positions, and values into safe slugs: how a
//! locale writes each kind of figure and how figures are rounded (here), where a score sits
//! on its scale and its colour (`scale.rs`), and slugs and names fitted to a width (`text.rs`).

use serde::Deserialize;

use crate::metrics::Measure;

mod scale;
mod text;

pub use scale::{axis, class_bounds, class_colour, neutral, position, score_class, zoomed_axis};
pub use text::{fit, fit_words, slug, text_width_em, two_lines};

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
    /// A change of NPS, where the language does not count it in percentage points: zh-CN
    /// "{n} 分" (NPS moves in points of its −100…100 scale; a share moves in 个百分点). A
    /// catalogue without it writes NPS as it writes shares (`points`, `point`).
    #[serde(default)]
    pub nps_points: Option<String>,
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
    /// The patterns of a number and its unit ("{n} pts", "{n} %") with a no-break space for
    /// any space, so that a line never breaks between "−39" and "pts" (a phone's narrow
    /// column did). A range's spaces stay breakable: a long range may go onto two lines.
    pub fn with_units_unbroken(mut self) -> Self {
        let unbroken = |p: &str| p.replace(' ', "\u{a0}");
        self.points = unbroken(&self.points);
        self.point = self.point.as_deref().map(unbroken);
        self.nps_points = self.nps_points.as_deref().map(unbroken);
        self.percent = unbroken(&self.percent);
        self
    }

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
            Measure::Nps | Measure::TopBox => self.points_of(measure, false).replace("{n}", &self.signed(d, 1)),
            Measure::Mean => self.signed(d, 2),
        }
    }

    /// The unit of a change of `measure` in points (`one`: a change of exactly one point).
    fn points_of(&self, measure: Measure, one: bool) -> &str {
        match (&self.nps_points, &self.point) {
            (Some(nps), _) if measure == Measure::Nps => nps,
            (_, Some(point)) if one => point,
            _ => &self.points,
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
        let unit = self.points_of(measure, d.abs() == 1.0);
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
                self.points_of(measure, false).replace("{n}", &self.range(&self.signed(lo, 1), &self.signed(hi, 1)))
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
        let zero = half_away(v.abs(), decimals).chars().all(|c| c == '0' || c == '.');
        if zero {
            s
        } else if v < 0.0 {
            format!("{}{s}", self.minus)
        } else {
            format!("{}{s}", self.plus)
        }
    }

    /// A number with `decimals` decimals and no sign of its own beyond the minus Rust writes
    /// (a hyphen-minus): for statistics quoted as they are computed. Halves away from zero,
    /// as shares are ([`Numbers::share`]) and as Excel rounds: NPS 2.5 is "+3".
    pub fn fixed(&self, v: f64, decimals: usize) -> String {
        let digits = half_away(v.abs(), decimals);
        let negative = v < 0.0 && digits.chars().any(|c| c.is_ascii_digit() && c != '0');
        let s = if negative { format!("-{digits}") } else { digits };
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

pub(crate) use crate::metrics::written::{as_written, half_away};

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Every figure rounds a value exactly halfway away from zero, as shares do and as Excel
    /// does; Rust's formatting alone writes NPS 2.5 as "+2" beside a share of 12.5 % as "13%".
    #[test]
    fn a_value_exactly_halfway_is_rounded_away_from_zero_as_excel_does() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        for (v, want) in
            [(0.5, "+1"), (1.5, "+2"), (2.5, "+3"), (3.5, "+4"), (-2.5, "−3"), (-0.5, "−1"), (99.5, "+100")]
        {
            assert_eq!(f.value(v, Measure::Nps), want, "{v}");
        }
        assert_eq!(f.value(-0.4, Measure::Nps), "0");
        // Two decimals: 0.125 and 4.625 are exact halves; 1.005 and a mean of 1,079 over 200
        // answers (5.395) are halves the double stores a hair below (1.00499…, 5.39499…).
        assert_eq!(f.fixed(0.125, 2), "0.13");
        assert_eq!(f.fixed(4.625, 2), "4.63");
        assert_eq!(f.fixed(9.995, 2), "10.00");
        assert_eq!(f.fixed(1.005, 2), "1.01");
        assert_eq!(f.fixed(1079.0 / 200.0, 2), "5.40");
        assert_eq!(f.value(1079.0 / 200.0, Measure::Mean), "5.40");
        // Near a half but not one: rounded as they are.
        assert_eq!(f.fixed(4138.0 / 767.0, 2), "5.40");
        assert_eq!(f.fixed(5.394_96, 2), "5.39");
        assert_eq!(f.fixed(5.394_999_9, 2), "5.39");
        // A mean of a million answers a hair under a half, and large values near one.
        assert_eq!(f.fixed(5_335_016.0 / 1_000_003.0, 2), "5.33");
        assert_eq!(f.fixed(600_000_000.2, 0), "600000000");
        assert_eq!(f.fixed(999_999.004_6, 2), "999999.00");
        assert_eq!(f.fixed(2_012.124_999_9, 2), "2012.12");
        assert_eq!(f.fixed(2_012.125, 2), "2012.13");
        assert_eq!(f.fixed(-0.125, 2), "-0.13");
        assert_eq!(f.fixed(-0.001, 2), "0.00");
        assert_eq!(f.signed(-0.001, 2), "0.00");
        assert_eq!(f.change(0.25, Measure::Nps), "+0.3\u{a0}pts");
        let zh = crate::render::catalogue::Catalogue::builtin("zh-CN").unwrap();
        assert_eq!(zh.numbers().value(2.5, Measure::Nps), "+3");
    }

    #[test]
    fn values_read_with_true_minus_signs_and_units() {
        let en = crate::render::catalogue::Catalogue::builtin("en").unwrap();
        let f = en.numbers();
        assert_eq!(f.value(-12.4, Measure::Nps), "−12");
        assert_eq!(f.value(30.0, Measure::Nps), "+30");
        assert_eq!(f.value(0.2, Measure::Nps), "0");
        assert_eq!(f.value(65.4, Measure::TopBox), "65%");
        assert_eq!(f.change(-2.345, Measure::TopBox), "−2.3\u{a0}pts");
        assert_eq!(f.interval(-3.0, 12.0, Measure::Nps), "−3\u{a0}–\u{2060}\u{a0}+12");
        assert_eq!(f.count(1234567), "1,234,567");
        // A change's interval has the change's decimals, and its unit once.
        assert_eq!(f.change_interval(4.14, 10.46, Measure::Nps), "+4.1\u{a0}–\u{2060}\u{a0}+10.5\u{a0}pts");
        assert_eq!(f.change_interval(-1.23, 3.41, Measure::TopBox), "−1.2\u{a0}–\u{2060}\u{a0}+3.4\u{a0}pts");
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
        assert_eq!(f.change(1.06, Measure::Nps), "+1.1\u{a0}pts");
        assert_eq!(f.change(-38.44, Measure::Nps), "−38.4\u{a0}pts");
        assert_eq!(f.change(-1.26, Measure::TopBox), "−1.3\u{a0}pts");
        assert_eq!(f.change(-0.061, Measure::Mean), "−0.06");
        assert_eq!(f.change(0.04, Measure::Nps), "0.0\u{a0}pts");
        assert_eq!(f.change_bare(-38.44, Measure::Nps), "−38.4");
        let zh = crate::render::catalogue::Catalogue::builtin("zh-CN").unwrap();
        let f = zh.numbers();
        assert_eq!(f.value(-19.7, Measure::Nps), "−20");
        // NPS moves in points of its scale (分), a share in percentage points (个百分点).
        assert_eq!(f.change(1.06, Measure::Nps), "+1.1\u{a0}分");
        assert_eq!(f.change(-1.26, Measure::TopBox), "−1.3\u{a0}个百分点");
        assert_eq!(f.change_interval(4.14, 10.46, Measure::Nps), "+4.1\u{a0}–\u{2060}\u{a0}+10.5\u{a0}分");
        assert_eq!(f.change_interval(4.14, 10.46, Measure::TopBox), "+4.1\u{a0}–\u{2060}\u{a0}+10.5\u{a0}个百分点");
        assert_eq!(f.change_between(-20.2, 18.2, Measure::Nps), "−38\u{a0}分");
        assert_eq!(f.change_between(46.0, 45.0, Measure::TopBox), "+1\u{a0}个百分点");
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
        assert_eq!(f.change_between(with, without, Measure::Nps), "−38\u{a0}pts");
        assert_eq!(f.change_between(80.4, 15.5, Measure::Nps), "+64\u{a0}pts");
        // Halves as each figure is written: NPS to even, shares away from zero.
        assert_eq!(f.change_between(20.5, 14.5, Measure::Nps), "+6\u{a0}pts");
        assert_eq!(f.change_between(52.5, 50.4, Measure::TopBox), "+3\u{a0}pts");
        assert_eq!(f.change_between(5.384, 5.372, Measure::Mean), "+0.01");
        assert_eq!(f.change_between(29.4, 28.6, Measure::Nps), "0\u{a0}pts");
        // One point is one point.
        assert_eq!(f.change_between(29.4, 27.6, Measure::Nps), "+1\u{a0}pt");
        assert_eq!(f.change_between(45.0, 46.0, Measure::TopBox), "−1\u{a0}pt");
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
            nps_points: None,
            compact: vec![],
        };
        assert_eq!(f.count(1234567), "1.234.567");
        assert_eq!(f.value(4.256, Measure::Mean), "4,26");
        assert_eq!(f.change(-2.345, Measure::TopBox), "-2,3 Pkt.");
        assert_eq!(f.interval(40.0, 52.0, Measure::TopBox), "40 %…52 %");
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
}
