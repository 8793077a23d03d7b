//! The raw shape of `cxsite.yaml`, exactly as written: serde structs that reject unknown keys.
//! `super::validate` turns this into the checked [`super::Project`].

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

/// A string with the line and column it was written at.
pub type Located = Spanned<String>;

/// The top level of `cxsite.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    /// Site title, shown on every page.
    pub title: Located,
    /// Interface language of the site: `en` or `zh-CN`.
    #[serde(default)]
    pub locale: Option<Located>,
    /// Groups with fewer answers than this show no number (default 30).
    #[serde(default)]
    pub min_n: Option<Spanned<u64>>,
    /// `false` turns off complementary suppression (default on): published figures may then
    /// give a small group's number away by subtraction. For internal, trusted readers only.
    #[serde(default)]
    pub complementary_suppression: Option<Spanned<bool>>,
    /// Confidence level of every interval (default 0.95).
    #[serde(default)]
    pub confidence: Option<Spanned<f64>>,
    /// IANA time zone in which dates are cut into periods (default UTC).
    #[serde(default)]
    pub timezone: Option<Located>,
    /// Reporting period: `month` (default), `quarter` or `week`.
    #[serde(default)]
    pub period: Option<Located>,
    /// The score id that measures loyalty (default `nps` when a dataset has one).
    #[serde(default)]
    pub loyalty: Option<Located>,
    /// `true` drops the `noindex` robots tag. Customer data is private by default.
    #[serde(default)]
    pub public: bool,
    /// Absolute `https://` or `http://` URL the site will be published at; only used for
    /// Open Graph links.
    #[serde(default)]
    pub base_url: Option<Located>,
    /// The customer journey: ordered stages with ordered touchpoints.
    pub journey: RawJourney,
    /// Customer segments: rules on columns, or one segment per value of a column.
    #[serde(default)]
    pub segments: Vec<RawSegment>,
    /// The data files.
    pub datasets: Vec<RawDataset>,
    /// Lookups joined onto response datasets by key.
    #[serde(default)]
    pub joins: Vec<RawJoin>,
    /// Dated annotations drawn on trend charts.
    #[serde(default)]
    pub events: Vec<RawEvent>,
    /// Star ratings of league tables.
    #[serde(default)]
    pub stars: Option<RawStars>,
    /// Comment text analysis: dictionary, stop words and themes.
    #[serde(default)]
    pub text: Option<RawText>,
}

/// `text:` — how comments are read (docs/config.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    /// Words the Chinese segmenter keeps whole: brand and product names.
    #[serde(default)]
    pub dictionary: Vec<String>,
    /// Words never shown as keywords, besides the built-in stop words.
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Themes: id → `name:` (per locale) and `keywords:`. They extend the built-in themes (a
    /// theme of the same id replaces the built-in one) unless `default_themes: false`.
    #[serde(default)]
    pub themes: IndexMap<Located, crate::text::Theme>,
    /// `false` drops the built-in themes.
    #[serde(default = "yes")]
    pub default_themes: bool,
}

fn yes() -> bool {
    true
}

/// `stars:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStars {
    /// Four increasing scores on the headline metric: reaching the first earns 2 stars, …,
    /// the fourth 5 stars. Default: the quintiles of the shrunk scores.
    pub thresholds: Spanned<Vec<f64>>,
}

/// `journey:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJourney {
    /// Stages in journey order.
    pub stages: Vec<RawStage>,
}

/// One journey stage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    /// Identifier used in data and URLs (letters, digits, `_`, `-`).
    pub id: Located,
    /// Display name (a stage without touchpoints is its own touchpoint, read by this name too).
    pub name: Located,
    /// Optional description shown on the stage page.
    #[serde(default)]
    pub description: Option<String>,
    /// Touchpoints in journey order.
    #[serde(default)]
    pub touchpoints: Vec<RawTouchpoint>,
}

/// One touchpoint inside a stage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTouchpoint {
    /// Identifier used in data and URLs.
    pub id: Located,
    /// Display name; long data may name the touchpoint by it.
    pub name: Located,
    /// Channel (store, app, online…), shown on the journey map.
    #[serde(default)]
    pub channel: Option<String>,
    /// Team that owns the touchpoint.
    #[serde(default)]
    pub owner: Option<String>,
    /// What happens at this touchpoint.
    #[serde(default)]
    pub description: Option<String>,
}

/// One segment: either `when:` (a rule) or `from_column:` (one segment per value).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    /// Identifier (required with `when:`; with `from_column:` it prefixes the value).
    #[serde(default)]
    pub id: Option<Located>,
    /// Display name (with `from_column:`, the name of the family).
    #[serde(default)]
    pub name: Option<String>,
    /// A rule such as `age < 30 and tier in ['gold', 'platinum']`.
    #[serde(default)]
    pub when: Option<Located>,
    /// A column whose every distinct value becomes a segment.
    #[serde(default)]
    pub from_column: Option<Located>,
    /// With `from_column:`, the order its values are listed in (tiers: bronze, silver, gold);
    /// values not listed follow, largest first.
    #[serde(default)]
    pub order: Option<Spanned<Vec<Scalar>>>,
    /// Datasets the segment applies to (default: every response dataset that can evaluate it).
    #[serde(default)]
    pub datasets: Option<Vec<Located>>,
    /// With `from_column:`, the most values that get a page (those with the most answers).
    #[serde(default)]
    pub max_pages: Option<Located>,
}

/// One data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// Identifier.
    pub id: Located,
    /// Path relative to the project directory.
    pub path: Located,
    /// `long` (one row per rating, default) or `wide` (one row per respondent).
    #[serde(default)]
    pub format: Option<Located>,
    /// A lookup table (CRM, orders) keyed by this column, joined onto responses.
    #[serde(default)]
    pub key: Option<Located>,
    /// Text encoding: `utf-8` (default, BOM allowed).
    #[serde(default)]
    pub encoding: Option<Located>,
    /// Field delimiter: one character or `tab`; detected from the header line when left out.
    #[serde(default)]
    pub delimiter: Option<Located>,
    /// Workbooks: the sheet, by name or 1-based position (default the first); a sheet whose
    /// name is exactly this wins over a position.
    #[serde(default)]
    pub sheet: Option<Spanned<Scalar>>,
    /// The row that names the columns (1-based; rows above it, such as titles, are skipped).
    #[serde(default)]
    pub header_row: Option<Spanned<u64>>,
    /// The survey tool that wrote the file, read in its own layout: `qualtrics`,
    /// `surveymonkey`, `google_forms` or `wenjuanxing` (docs/exports.md).
    #[serde(default)]
    pub export: Option<Located>,
    /// Read the rows the tool marks incomplete (Qualtrics `Finished` = 0); left out by default.
    #[serde(default)]
    pub include_incomplete: bool,
    /// Read the tool's preview and test responses; left out by default.
    #[serde(default)]
    pub include_test_responses: bool,
    /// How to read ambiguous dates, e.g. `DD/MM/YYYY` or a chrono pattern `%d/%m/%Y`.
    #[serde(default)]
    pub date_format: Option<Located>,
    /// The IANA zone the date column's local times are in (a US help desk's `CST` and `CDT`:
    /// `America/Chicago`), when it is not the project's `timezone`.
    #[serde(default)]
    pub date_timezone: Option<Located>,
    /// Only rows whose column holds one of the listed values are read (a review export's
    /// `Moderation Status: [APPROVED]`); the rest are left out and counted.
    #[serde(default)]
    pub keep_rows: IndexMap<String, Spanned<Listed>>,
    /// Rows whose column holds one of the listed values are left out and counted.
    #[serde(default)]
    pub drop_rows: IndexMap<String, Spanned<Listed>>,
    /// Skip (and count) rows with the wrong number of fields instead of failing.
    #[serde(default)]
    pub skip_malformed_rows: bool,
    /// Allow breakdown (`dimensions`, `from_column`) columns whose values look like personal
    /// identifiers (e-mails, phone or ID numbers); refused otherwise.
    #[serde(default)]
    pub allow_identifiers: bool,
    /// Label of the voice-of-customer source (survey, hotline, reviews…); default the id.
    #[serde(default)]
    pub source: Option<String>,
    /// Every row belongs to this touchpoint (e.g. hotline tickets).
    #[serde(default)]
    pub touchpoint: Option<Located>,
    /// Column mapping.
    #[serde(default)]
    pub columns: RawColumns,
    /// Scores by id (`nps`, `csat`, `ces`, or your own), each from one column.
    #[serde(default)]
    pub scores: IndexMap<Located, RawScore>,
    /// Wide format: one rating column per touchpoint.
    #[serde(default)]
    pub touchpoint_scores: Option<TouchpointScoreGroups>,
    /// Extra columns to break results down by (store, channel, product…).
    #[serde(default)]
    pub dimensions: Vec<Spanned<RawDimension>>,
    /// Multi-select questions, each read as one yes/no indicator per option.
    #[serde(default)]
    pub multi_select: Vec<RawMultiSelect>,
}

/// One multi-select question: a column of joined answers (`column`, `options`) or a column
/// per option (`columns: { option: column }`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMultiSelect {
    /// The question's id: metric names start with it, segment rules name it.
    pub id: Located,
    /// The question as the site shows it: one for every locale or one per locale tag.
    #[serde(default)]
    pub name: Option<ScoreName>,
    /// Joined form: the column holding the chosen options joined by `separator`.
    #[serde(default)]
    pub column: Option<Located>,
    /// Joined form: every option, as the tool writes it.
    #[serde(default)]
    pub options: Vec<Located>,
    /// Joined form: what joins the chosen options (default `,`; `┋` for 问卷星).
    #[serde(default)]
    pub separator: Option<Located>,
    /// Per-option form: option → its column (chosen when the cell is neither blank nor `0`).
    #[serde(default)]
    pub columns: IndexMap<String, Located>,
}

/// `columns:` of a dataset.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumns {
    /// Respondent id column.
    #[serde(default)]
    pub respondent: Option<Located>,
    /// Date (or date-time) column.
    #[serde(default)]
    pub date: Option<Located>,
    /// Touchpoint column (long format).
    #[serde(default)]
    pub touchpoint: Option<Located>,
    /// Free-text comment column, or several (`[like_best, like_least]`, or items
    /// `{ column, label, id }`).
    #[serde(default)]
    pub comment: Option<Spanned<RawComments>>,
}

/// `columns.comment:` — one column, or a list of columns, each a name or
/// `{ column, label, id }`.
///
/// Read by hand (as [`RawDimension`]) so that every name keeps its line and column.
#[derive(Debug)]
pub enum RawComments {
    /// `comment: text` — one column; its place is the enclosing span.
    One(String),
    /// `comment: [...]`.
    List(Vec<Spanned<RawComment>>),
}

/// One item of a `comment:` list.
#[derive(Debug)]
pub enum RawComment {
    /// Just the column, labelled with its name.
    Column(String),
    /// Full form (boxed: it is much larger than a name).
    Full(Box<RawCommentFull>),
}

/// `{ column, label, id }` of a `comment:` list.
#[derive(Debug)]
pub struct RawCommentFull {
    /// The column.
    pub column: Located,
    /// The question as the site shows it: one for every locale or one per locale tag.
    pub label: Option<ScoreName>,
    /// The question's id in `comments.csv` (default: the column as written).
    pub id: Option<Located>,
}

impl<'de> Deserialize<'de> for RawComments {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawComments;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column name, or a list of columns (names or { column, label, id })")
            }
            fn visit_str<E>(self, v: &str) -> Result<RawComments, E> {
                Ok(RawComments::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawComments, A::Error> {
                let mut all = Vec::new();
                while let Some(c) = seq.next_element::<Spanned<RawComment>>()? {
                    all.push(c);
                }
                Ok(RawComments::List(all))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawComment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawComment;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column name or { column, label, id }")
            }
            fn visit_str<E>(self, v: &str) -> Result<RawComment, E> {
                Ok(RawComment::Column(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawComment, A::Error> {
                const FIELDS: &[&str] = &["column", "label", "id"];
                let (mut column, mut label, mut id) = (None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "column" => column = Some(map.next_value::<Located>()?),
                        "label" => label = Some(map.next_value::<ScoreName>()?),
                        "id" => id = Some(map.next_value::<Located>()?),
                        other => return Err(serde::de::Error::unknown_field(other, FIELDS)),
                    }
                }
                let column = column.ok_or_else(|| serde::de::Error::missing_field("column"))?;
                Ok(RawComment::Full(Box::new(RawCommentFull { column, label, id })))
            }
        }
        d.deserialize_any(V)
    }
}

/// One score of a dataset.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScore {
    /// Column holding the score.
    pub column: Located,
    /// `[min, max]` of the scale, integers.
    #[serde(default)]
    pub scale: Option<Spanned<Vec<i64>>>,
    /// `nps`, `rating` (top-box % and mean) or `mean`; default from the id.
    #[serde(default, rename = "type")]
    pub kind: Option<Located>,
    /// Lowest value counted as positive for a rating (default: the top two boxes; the top box
    /// alone on a scale of three points).
    #[serde(default)]
    pub top_box: Option<Spanned<f64>>,
    /// The scale's step when answers are not whole points: `0.5` for half stars (4.5星).
    #[serde(default)]
    pub step: Option<Spanned<f64>>,
    /// Cell values meaning "not applicable".
    #[serde(default)]
    pub na: Vec<Scalar>,
    /// Text values and the score they stand for.
    #[serde(default)]
    pub labels: IndexMap<String, f64>,
    /// Display name: one for every locale (`name: 好评率`), or one per locale tag
    /// (`name: { en: Positive rate, zh-CN: 好评率 }`).
    #[serde(default)]
    pub name: Option<ScoreName>,
    /// `higher` (default) or `lower`: whether a lower value is the better one.
    #[serde(default)]
    pub better: Option<Located>,
    /// The column's scale runs the other way (1 = strongly agree): each value v is read as
    /// min + max − v, so that higher is better before any statistic.
    #[serde(default)]
    pub reverse: bool,
}

/// A score's display name: one for all locales, or one per locale tag.
#[derive(Debug)]
pub enum ScoreName {
    All(String),
    PerLocale(IndexMap<String, String>),
}

impl<'de> Deserialize<'de> for ScoreName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ScoreName;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name, or one name per locale: `{ en: …, zh-CN: … }`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ScoreName, E> {
                Ok(ScoreName::All(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<ScoreName, E> {
                Ok(ScoreName::All(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ScoreName, A::Error> {
                IndexMap::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ScoreName::PerLocale)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ScoreName, E> {
                Ok(ScoreName::All(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ScoreName, E> {
                Ok(ScoreName::All(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ScoreName, E> {
                Ok(ScoreName::All(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<ScoreName, E> {
                Err(E::custom(YES_NO_NAME))
            }
        }
        d.deserialize_any(V)
    }
}

/// Plain words YAML reads as yes/no rather than as text (compared in lower case).
pub const YES_NO_WORDS: [&str; 8] = ["yes", "no", "on", "off", "y", "n", "true", "false"];

/// A name that YAML reads as yes/no: its spelling is gone by then (`yes`, `On`, `Y`), so the
/// loader quotes it in the text and reads it again ([`super::load`]); this is said only where
/// that cannot be done.
pub const YES_NO_NAME: &str =
    "YAML reads this name as yes/no (`yes`, `no`, `on`, `off`, `y`, `n`, `true`, `false`); put it in quotes to show it as written: `name: \"yes\"`";

/// `touchpoint_scores:` — one group of rating columns, or a list of groups when columns differ
/// in scale or not-applicable codes (a 1–5 block and a 0–10 block in one questionnaire).
#[derive(Debug)]
pub struct TouchpointScoreGroups(pub Vec<RawTouchpointScores>);

impl<'de> Deserialize<'de> for TouchpointScoreGroups {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = TouchpointScoreGroups;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a group of rating columns, or a list of such groups")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let one = RawTouchpointScores::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(TouchpointScoreGroups(vec![one]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(g) = seq.next_element::<RawTouchpointScores>()? {
                    all.push(g);
                }
                Ok(TouchpointScoreGroups(all))
            }
        }
        d.deserialize_any(V)
    }
}

/// Wide format: one group of `touchpoint_scores:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTouchpointScores {
    /// Score id these ratings count towards (default `csat`).
    #[serde(default)]
    pub metric: Option<Located>,
    /// Touchpoint id → column.
    pub columns: IndexMap<String, Located>,
    /// `[min, max]` of the scale, integers.
    #[serde(default)]
    pub scale: Option<Spanned<Vec<i64>>>,
    /// `nps`, `rating` (top-box % and mean) or `mean`; default from the id.
    #[serde(default, rename = "type")]
    pub kind: Option<Located>,
    /// Lowest value counted as positive for a rating (default: the top two boxes; the top box
    /// alone on a scale of three points).
    #[serde(default)]
    pub top_box: Option<Spanned<f64>>,
    /// The scale's step when answers are not whole points: `0.5` for half stars (4.5星).
    #[serde(default)]
    pub step: Option<Spanned<f64>>,
    /// Cell values meaning "not applicable".
    #[serde(default)]
    pub na: Vec<Scalar>,
    /// Text values and the score they stand for.
    #[serde(default)]
    pub labels: IndexMap<String, f64>,
    /// The column's scale runs the other way (1 = strongly agree): each value v is read as
    /// min + max − v, so that higher is better before any statistic.
    #[serde(default)]
    pub reverse: bool,
}

/// A dimension: a column name, or `{ id, column, name, order }`.
///
/// Read by hand rather than as an untagged enum: serde buffers untagged content, which
/// would lose the line and column of every name and let unknown keys pass.
#[derive(Debug)]
pub enum RawDimension {
    /// Just the column; the dimension is named after it.
    Column(String),
    /// Full form.
    Full {
        /// Identifier used in metrics.csv.
        id: Located,
        /// Column in this dataset (default: the id).
        column: Option<Located>,
        /// Display name.
        name: Option<String>,
        /// The order its values are listed in (regions north to south, store formats by
        /// size); values not listed follow in their usual order. Boxed: the bare-column form
        /// stays small.
        order: Option<Box<Spanned<Vec<Scalar>>>>,
    },
}

impl<'de> Deserialize<'de> for RawDimension {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawDimension;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a column name or { id, column, name, order }")
            }
            fn visit_str<E>(self, v: &str) -> Result<RawDimension, E> {
                Ok(RawDimension::Column(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawDimension, A::Error> {
                const FIELDS: &[&str] = &["id", "column", "name", "order"];
                let (mut id, mut column, mut name, mut order) = (None, None, None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => id = Some(map.next_value::<Located>()?),
                        "column" => column = Some(map.next_value::<Located>()?),
                        "name" => name = Some(map.next_value::<String>()?),
                        "order" => order = Some(Box::new(map.next_value::<Spanned<Vec<Scalar>>>()?)),
                        other => return Err(serde::de::Error::unknown_field(other, FIELDS)),
                    }
                }
                let id = id.ok_or_else(|| serde::de::Error::missing_field("id"))?;
                Ok(RawDimension::Full { id, column, name, order })
            }
        }
        d.deserialize_any(V)
    }
}

/// `joins:` entry: attach the lookup `to` onto `dataset` where `column` equals the lookup key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawJoin {
    /// Response dataset id.
    pub dataset: Located,
    /// Column of the response dataset holding the key.
    pub column: Located,
    /// Lookup dataset id.
    pub to: Located,
}

/// A dated annotation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// `YYYY-MM-DD`.
    pub date: Located,
    /// What happened.
    pub name: Located,
    /// Optional longer text.
    #[serde(default)]
    pub description: Option<String>,
}

/// One scalar or a list of them (`keep_rows: { Status: APPROVED }` or `[APPROVED, LIVE]`).
///
/// A list's items are read as written ([`Scalar`]). A lone value is told from a list only by
/// YAML's reading of it, so a lone `yes`, `no`, `true` or `false` (which YAML reads as a
/// boolean, whatever the cell holds) is an error asking for quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed(pub Vec<Scalar>);

impl<'de> Deserialize<'de> for Listed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Listed;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value or a list of values, as the cells hold them")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Listed, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element::<Scalar>()? {
                    values.push(v);
                }
                Ok(Listed(values))
            }
            fn visit_str<E>(self, v: &str) -> Result<Listed, E> {
                Ok(Listed(vec![Scalar(v.to_string())]))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Listed, E> {
                Ok(Listed(vec![Scalar(v.to_string())]))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Listed, E> {
                Ok(Listed(vec![Scalar(v.to_string())]))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Listed, E> {
                Ok(Listed(vec![Scalar(v.to_string())]))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Listed, E> {
                Err(E::custom(
                    "YAML reads an unquoted yes, no, true or false as a boolean, not as the text a cell holds: write the value in quotes as the cells hold it (\"yes\", \"TRUE\")",
                ))
            }
        }
        d.deserialize_any(V)
    }
}

/// A YAML scalar kept as written, the text a CSV cell would hold: `007`, `1.10`, `yes` and
/// `0x1F` stay as they are, not the number or boolean YAML would read (7, 1.1, true, 31).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Asked for a string, the parser gives a plain scalar's own text.
        String::deserialize(d).map(Scalar)
    }
}
