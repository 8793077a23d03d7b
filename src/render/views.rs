//! View structs: what templates see. Every number arrives formatted and already gated by
//! min_n, so no template can compute a number differently. These are the contract for
//! people who override templates (see README "Templates").

use serde::Serialize;

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// Navigation: the journey's structure, then the other pages.
#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    pub stages: Vec<NavStage>,
    pub segments: Option<Link>,
    pub dimensions: Vec<Link>,
    pub pages: Vec<Link>,
    /// Whether the key-driver page exists.
    pub drivers: bool,
    /// Whether the trends page exists (undated data has none).
    pub trends: bool,
    /// Whether the themes page exists (comments were analysed).
    pub themes: bool,
    /// Whether each stage's touchpoints fold away under a disclosure (open on the stage's own
    /// pages): the journey has more touchpoints than `NAV_OPEN_MAX`.
    pub fold: bool,
    /// Whether each page lists only its own stage's touchpoints: the journey has more than
    /// `NAV_LIST_MAX`, and listing them all on every page would make the site grow with the
    /// square of their number (3,000 touchpoints: 750 MB of menus). Stage pages list theirs.
    pub own_stage_only: bool,
}

/// The most touchpoints the menu lists unfolded; a longer journey folds each stage's list.
pub const NAV_OPEN_MAX: usize = 12;

/// Touchpoints in the journey up to which every page's menu lists them all (see
/// [`Nav::own_stage_only`]); a stage with more than this lists none in the menu.
pub const NAV_LIST_MAX: usize = 150;

/// A stage in the navigation, with its touchpoints.
#[derive(Debug, Clone, Serialize)]
pub struct NavStage {
    pub link: Link,
    pub touchpoints: Vec<Link>,
    /// The name of the disclosure that folds its touchpoints ("Touchpoints of Aware").
    pub toggle: String,
}

/// What every page shares.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    /// The title as the masthead sets it: a range of years kept on one line.
    pub brand: String,
    pub lang: String,
    /// Relative prefix from this page to the site root (`""`, `"../"`, …).
    pub root: String,
    pub noindex: bool,
    pub nav: Nav,
    /// The dates the data spans; empty (and the line left out) for undated data.
    pub data_period: String,
    /// Whether the site shows an NPS anywhere (its trademark line is shown only then).
    pub nps: bool,
    /// Whether a dataset has comments (the footer links data/comments.csv only then: without,
    /// it holds its header alone).
    pub comments_csv: bool,
    /// Whether data/keywords.csv is written (the footer links it only then).
    pub keywords_csv: bool,
    pub version: String,
    /// "Built with cxsite 0.1.0", in the words and order of the site's language.
    pub built_with: String,
    /// `<title>` of this page.
    pub page_title: String,
    /// Open Graph description: the headline number.
    pub description: String,
    /// Absolute URL of this page, when `base_url` is set.
    pub url: Option<String>,
    /// Absolute URL of the link-preview image, when `base_url` is set (Open Graph takes
    /// no relative address).
    pub image: Option<String>,
    /// Path of this page from the root, for marking the current navigation entry.
    pub path: String,
    /// The page of the stage this page belongs to (the stage's own page or one of its
    /// touchpoints'), whose folded list of touchpoints is open here; empty for other pages.
    pub open_stage: String,
}

/// A KPI tile: number, interval, n, change — in that order of weight.
#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    pub label: String,
    /// Formatted value, or empty when suppressed.
    pub value: String,
    pub interval: String,
    pub n: String,
    /// "not enough answers (n = 12)" when suppressed.
    pub suppressed: Option<String>,
    /// Colour class `s1`…`s7`.
    pub class: String,
    /// The score's range and which way is better ("from −100 to +100 · higher is better").
    pub scale: String,
    /// What the number covers ("Oct 2026", "All responses").
    pub scope: String,
    pub change: Option<ChangeView>,
    /// On the summary, beside a period's figure: the whole data's ("All responses: 44% (n = 120)").
    pub whole: Option<String>,
    /// On the summary: the latest period when it is too thin to be the headline, and why.
    pub thin: Option<String>,
    /// `scope`, `whole` and `thin` as HTML, each period named in them ("Nov 2026",
    /// "2026年11月") kept on one line (see `Ctx::keep_periods`).
    pub scope_html: String,
    pub whole_html: Option<String>,
    pub thin_html: Option<String>,
}

/// A change and whether it is beyond chance.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub text: String,
    /// `up`, `down` or `flat` (flat when not significant).
    pub direction: String,
    /// The class that colours it: `up` (better), `down` (worse) or `flat`; the opposite of
    /// `direction` for a score where lower is better.
    pub tone: String,
    pub significant: bool,
    /// "significant" / "within noise", with the period compared against.
    pub note: String,
    /// `note` as HTML, its period kept on one line.
    pub note_html: String,
}

/// A row of a breakdown: a group's value drawn as a dot with its interval.
#[derive(Debug, Clone, Serialize)]
pub struct BarRow {
    pub label: String,
    pub href: Option<String>,
    pub n: String,
    /// Raw n for sorting.
    pub n_sort: u64,
    pub value: String,
    /// Raw value for sorting (empty when suppressed).
    pub value_sort: String,
    pub interval: String,
    pub class: String,
    /// Positions on the axis in percent (0–100).
    pub dot: f64,
    pub low: f64,
    pub high: f64,
    /// Why it has no figure ("withheld (n = 101): …"), its cell's tooltip.
    pub suppressed: Option<String>,
    /// The word its value cell shows instead of a figure: "no answers", "not asked", "not
    /// enough answers" or "withheld".
    pub hidden: String,
    /// Hidden although it has enough answers (complementary suppression).
    pub withheld: bool,
    pub pain_point: bool,
    pub note: String,
}

/// A breakdown: a titled list of rows on one axis.
#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    pub id: String,
    pub title: String,
    pub axis_low: String,
    pub axis_high: String,
    /// Where the reference (overall) value sits, in percent, and its label.
    pub reference: Option<f64>,
    pub reference_label: String,
    pub rows: Vec<BarRow>,
    pub sortable: bool,
    /// Its title is a section heading (h2) of the page (see `Table::heading`).
    pub heading: bool,
    /// Under a table with a withheld row: what "withheld" means.
    pub withheld_note: Option<String>,
    /// When no row shows a figure, all for one reason that the rows share (a multi-select
    /// question's options, which count the same respondents; a question asked nowhere): that
    /// reason in one line, shown instead of a table of empty rows.
    pub hidden: Option<String>,
    /// What the dots' colours mean.
    pub key: ColourKey,
}

/// The key of the score colour scale: each class with the values it covers.
#[derive(Debug, Clone, Serialize)]
pub struct ColourKey {
    /// "Colour: NPS".
    pub label: String,
    pub bands: Vec<KeyBand>,
}

/// One class of the colour scale and the values it covers ("−36 to −18").
#[derive(Debug, Clone, Serialize)]
pub struct KeyBand {
    pub class: String,
    pub text: String,
}

/// An event marked on a trend chart: its number on the chart and its name.
#[derive(Debug, Clone, Serialize)]
pub struct EventKey {
    pub number: String,
    pub name: String,
}

/// A chart from charts-rs with its accessible title, caption and numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// Its title is a section heading (h2) of the page (not on the summary, whose section
    /// heads its trend).
    pub heading: bool,
    pub caption: String,
    pub svg: String,
    pub table_head: Vec<String>,
    pub table: Vec<Vec<String>>,
    /// The events marked on the chart by number, named (the chart's key).
    pub events: Vec<EventKey>,
}

/// A finding of the summary, as data and as the sentence the catalogue makes of it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// The message key: `finding_rose`, `finding_weakest_pain`, …
    pub kind: String,
    /// Its named arguments, already formatted (plain text, escaped by the template).
    pub args: std::collections::BTreeMap<String, String>,
    /// The sentence.
    pub text: String,
    /// Link to the evidence.
    pub href: String,
}

/// A customer comment.
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub text: String,
    /// Its question, touchpoint, score, date and themes, joined by ` · ` (for a project's own
    /// templates; the built-in ones show [`CommentView::parts`]).
    pub meta: String,
    /// The same, one by one: each is kept on one line (a date does not break at its hyphen).
    pub parts: Vec<String>,
    pub class: String,
    /// The comment's language as a BCP 47 tag when it is not the page's (a Chinese comment on
    /// an English page), for the quote's `lang` attribute; empty when it is the page's own.
    pub lang: String,
}

/// Whether any of `comments` carries a score: the colour key of the comment dots explains
/// nothing, and the grey "no score" dots say nothing, where none does (a project of comments
/// alone), so both are shown only then.
pub fn any_scored(comments: &[CommentView]) -> bool {
    comments.iter().any(|c| c.class != "s0")
}

/// The page of one group (stage, touchpoint, segment, dimension value).
#[derive(Debug, Clone, Serialize)]
pub struct GroupPage {
    /// "What customers say": top themes and distinguishing keywords (see `render::themes`).
    pub themes: Vec<super::themes::ThemeBar>,
    pub keywords: Vec<super::themes::KeywordBar>,
    /// Comments by question, when a dataset has several comment columns.
    pub questions: Vec<super::themes::QuestionBar>,
    /// What customers of the group complain about most, in a sentence.
    pub complaint: Option<String>,
    /// Comments whose sentiment contradicts their score (touchpoint pages).
    pub worth_reading: Vec<CommentView>,
    pub kind: String,
    pub heading: String,
    pub description: Option<String>,
    pub facts: Vec<(String, String)>,
    pub tiles: Vec<Tile>,
    pub charts: Vec<Chart>,
    pub breakdowns: Vec<Breakdown>,
    pub comments: Vec<CommentView>,
    /// Whether a comment shown carries a score (see [`any_scored`]).
    pub comments_scored: bool,
    pub comment_count: String,
    pub up: Option<Link>,
    /// On a touchpoint's page without a single answer: a sentence that says so.
    pub empty: Option<String>,
}

/// A table of numbers, sortable by its headed columns without a framework.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub id: String,
    pub title: String,
    pub note: String,
    pub head: Vec<Head>,
    pub rows: Vec<Vec<Cell>>,
    pub sortable: bool,
    /// Its title is a section heading (h2) of the page, not only the table's caption: on a
    /// page of several tables under one h1.
    pub heading: bool,
    /// The key of the colours its cells' swatches use (a league's values), drawn under it.
    pub key: Option<ColourKey>,
}

impl Table {
    /// The table without the columns (after the first) that are empty in every row: a
    /// heading over nothing (a league's change column when no group has a last period to
    /// compare) is a question the page never answers.
    pub fn without_empty_columns(mut self) -> Self {
        if self.rows.is_empty() {
            return self;
        }
        let keep: Vec<bool> = (0..self.head.len())
            .map(|i| i == 0 || self.rows.iter().any(|r| r.get(i).is_some_and(|c| !c.text.is_empty())))
            .collect();
        let mut i = 0;
        self.head.retain(|_| (keep[i], i += 1).0);
        for row in &mut self.rows {
            let mut i = 0;
            row.retain(|_| (keep.get(i).copied().unwrap_or(true), i += 1).0);
        }
        self
    }
}

/// A column heading; `sort` is `text` or `num` for sortable columns.
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    pub text: String,
    pub sort: Option<&'static str>,
    pub num: bool,
    /// The order the rows are written in by this column, if they are (the heading's
    /// `aria-sort`): a screen reader tells it before any heading is activated, and the script
    /// sorts the other way first when this one is.
    pub order: Option<Order>,
}

/// Which way a column's values run down a table: as `aria-sort` writes it. Rows without a
/// figure (a blank cell, "withheld") come last either way, as the script sorts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Ascending,
    Descending,
}

/// A table cell.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
    /// The raw value to sort by.
    pub sort: Option<String>,
    /// Colour class of a swatch before the text.
    pub class: Option<String>,
    pub num: bool,
    /// Accessible text where the visible text is symbolic (stars).
    pub label: Option<String>,
    /// A tooltip: why a figure is not shown.
    pub title: Option<String>,
    /// Words in place of a number ("withheld", "below the minimum sample"): set in muted type.
    pub muted: bool,
}

impl Cell {
    /// A plain text cell.
    pub fn text(t: impl Into<String>) -> Self {
        Cell { text: t.into(), ..Default::default() }
    }
    /// A number cell sorted by `raw`.
    pub fn num(t: impl Into<String>, raw: Option<f64>) -> Self {
        Cell { text: t.into(), sort: raw.map(|v| format!("{v:.6}")), num: true, ..Default::default() }
    }
}

impl Head {
    /// A sortable heading.
    pub fn sorted(text: impl Into<String>, num: bool) -> Self {
        Head { text: text.into(), sort: Some(if num { "num" } else { "text" }), num, order: None }
    }
    /// A heading that does not sort.
    pub fn plain(text: impl Into<String>, num: bool) -> Self {
        Head { text: text.into(), sort: None, num, order: None }
    }
    /// The heading of the column the rows are written in `order` of.
    pub fn in_order(self, order: Order) -> Self {
        Head { order: Some(order), ..self }
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn a_column_empty_in_every_row_is_left_out_and_the_first_is_always_kept() {
        let t = Table {
            id: "t".into(),
            title: String::new(),
            note: String::new(),
            head: vec![Head::sorted("name", false), Head::sorted("n", true), Head::sorted("change", true)],
            rows: vec![
                vec![Cell::text(""), Cell::num("12", Some(12.0)), Cell::num("", None)],
                vec![Cell::text("b"), Cell::num("3", Some(3.0)), Cell::num("", None)],
            ],
            sortable: true,
            heading: false,
            key: None,
        }
        .without_empty_columns();
        let head: Vec<&str> = t.head.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(head, ["name", "n"]);
        assert!(t.rows.iter().all(|r| r.len() == 2));
    }
}
