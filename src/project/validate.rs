//! The validator: every rule of cxsite.yaml, each error at its line and column. Project-wide
//! settings, the journey, segments and events here; datasets, scores and joins in
//! [`super::datasets`].

use std::path::Path;

use super::config::{Located, RawProject, RawSegment};
use super::*;

/// An absolute http(s) address with a host and nothing a link should not hold.
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

/// Why a web address cannot be the site's `base_url`, which every page writes before its own
/// path in the links for sharing: a user name or password in it would be published on every
/// page, and a query or a fragment would come before the page's path (`…?a=1#x/index.html`).
fn base_url_refusal(url: &str) -> Option<&'static str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    // (Only an address with `://` has a host and port; anything else is refused below as
    // no web address.)
    let port = host.rsplit_once(':').map(|(_, p)| p).filter(|p| url.contains("://") && !p.contains(']'));
    if host.contains('@') {
        Some("base_url holds a user name or password (`user:secret@`), which every page would publish in its links for sharing; give the site's public address, e.g. `https://cx.example.com/site`")
    } else if url.contains(['?', '#']) {
        Some("base_url must be the address of the site's folder, with no `?` query or `#` fragment: each page's path is written after it, e.g. `https://cx.example.com/site`")
    } else if port.is_some_and(|p| p.parse::<u16>().map_or(true, |n| n == 0)) {
        Some("base_url has a port that is no port (a port is a number from 1 to 65535, as in `https://cx.example.com:8443/site`)")
    } else {
        None
    }
}

pub(super) fn pos<T>(l: &serde_saphyr::Spanned<T>) -> Pos {
    Pos { line: l.referenced.line(), column: l.referenced.column() }
}

pub(super) fn column(l: &Located) -> ColumnName {
    ColumnName { name: crate::aggregate::redact::cell_value(&l.value).into_owned(), pos: pos(l) }
}

/// Ids taken so far, lower-cased, and how each was written ([`Validator::check_id`]).
pub(super) type IdsTaken = std::collections::BTreeMap<String, String>;

/// Collects every validation problem before failing, so one run shows them all.
#[derive(Default)]
pub(super) struct Validator {
    pub(super) errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Where each score is first declared, by id (a multi-select option's share: where its
    /// multi-select is), for clashes found after the datasets ([`Validator::theme_clashes`]).
    pub(super) score_at: std::collections::BTreeMap<String, Pos>,
    /// Where each theme the project declares is written, by id (built-in themes have none).
    theme_at: std::collections::BTreeMap<String, Pos>,
}

/// Below this `min_n`, a group's number can point at a handful of people.
pub const PRIVATE_MIN_N: u64 = 10;

/// The widest score scale: every value of a scale gets a counter in every group, so
/// `max - min` may be at most this (1,001 values, e.g. `[0, 1000]`).
pub const MAX_SCALE_WIDTH: i64 = 1000;

/// The ends of a score scale lie within ± this, so that sums over them cannot overflow.
pub const MAX_SCALE_END: i64 = 1_000_000;

/// The project-wide settings, validated; see [`Validator::settings`].
struct Settings {
    locale: Locale,
    min_n: u64,
    complementary_suppression: bool,
    confidence: f64,
    timezone: Tz,
    period: Period,
    base_url: Option<String>,
}

/// The datasets of a project, validated; see [`Validator::datasets`].
struct Responses {
    scores: Vec<ScoreDef>,
    dimensions: Vec<DimensionDef>,
    questions: Vec<Question>,
    multi_selects: Vec<MultiSelect>,
    datasets: Vec<Dataset>,
    lookups: Vec<Lookup>,
}

/// The longest site title or stage or touchpoint name, in characters: a title heads every
/// page several times over (its header, tab, link preview) and the names are in every page's
/// menu, so a megabyte pasted there would be written megabytes a page.
pub(super) const MAX_TITLE_CHARS: usize = 200;

/// The most segments defined by rules: nested ones (`spend >= 100`, `spend >= 200`, …) are
/// checked pair by pair for complementary suppression, which grows with their square (1,000
/// nested rules took 28 s and 1.9 GB; 100 take under a second).
const MAX_RULE_SEGMENTS: usize = 100;

/// Why a stage's or touchpoint's name is held to [`MAX_TITLE_CHARS`].
const MENU: &str = "the menu of every page lists it";
impl Validator {
    pub(super) fn error(&mut self, at: Pos, message: impl Into<String>) {
        self.errors.push(Diagnostic::at(PROJECT_FILE, at.line, at.column, message));
    }

    pub(super) fn warning(&mut self, at: Pos, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(PROJECT_FILE, at.line, at.column, message));
    }

    /// Checks an id of stage, touchpoint, dataset, segment or theme: its characters, its
    /// length ([`MAX_ID_LEN`]) and that it is not taken — in any case: ids name the site's
    /// files (`touchpoints/<id>.html`), and `Shop.html` and `shop.html` are one file on
    /// Windows and macOS and in a zip unpacked there. `seen` maps the ids taken, lower-cased,
    /// to their spelling.
    pub(super) fn check_id(&mut self, l: &Located, what: &str, seen: &mut IdsTaken) -> String {
        let id = crate::aggregate::redact::cell_value(&l.value).into_owned();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            self.error(
                pos(l),
                format!(
                    "{what} id `{id}` must be letters, digits, `_` or `-` (it is used in file names and column names)"
                ),
            );
        } else if let Some(why) = too_long_id(&id).or_else(|| device_name_id(&id)) {
            self.error(pos(l), format!("{what} id {why}"));
        } else if let Some(taken) = seen.get(&id.to_ascii_lowercase()) {
            let message = if *taken == id {
                format!("duplicate {what} id `{id}`")
            } else {
                format!("{what} id `{id}` differs from `{taken}` only in case: their pages would be one file on Windows and macOS; give it another id")
            };
            self.error(pos(l), message);
        } else {
            seen.insert(id.to_ascii_lowercase(), id.clone());
        }
        id
    }

    pub(super) fn project(mut self, mut raw: RawProject, root: &Path) -> Result<Project> {
        // The order of these calls is the order of the errors a run reports.
        let settings = self.settings(&raw);
        let (stages, touchpoints) = self.journey(&raw);
        let Responses { scores, dimensions, questions, multi_selects, mut datasets, lookups } =
            self.datasets(&raw, root, &touchpoints);
        self.joins(&raw, &mut datasets, &lookups);
        self.read_twice(&datasets, &scores);
        let segments = self.segments(&raw.segments, &datasets, &multi_selects);
        let loyalty = self.loyalty(&raw, &scores);
        let events = self.events(&raw);
        let stars = self.stars(&raw);
        let text = self.text_config(raw.text.take());
        // Themes write metrics only where comments are analysed.
        if analyses_comments(text.enabled, &datasets) {
            self.theme_clashes(&text.themes, &scores, &multi_selects);
        }
        if !self.errors.is_empty() {
            return Err(Error::Invalid(self.errors));
        }
        let Settings { locale, min_n, complementary_suppression, confidence, timezone, period, base_url } = settings;
        Ok(Project {
            root: root.to_path_buf(),
            title: raw.title.value,
            locale,
            min_n,
            complementary_suppression,
            confidence,
            timezone,
            period,
            loyalty,
            public: raw.public,
            base_url,
            stages,
            touchpoints,
            segments,
            scores,
            dimensions,
            questions,
            multi_selects,
            datasets,
            lookups,
            events,
            stars,
            text,
            files: files::ProjectFiles::default(),
            warnings: self.warnings,
        })
    }

    /// The project-wide settings (locale, privacy, statistics, dates and links), each checked
    /// and replaced by its default when refused.
    fn settings(&mut self, raw: &RawProject) -> Settings {
        let locale = match raw.locale.as_ref().map(|l| (l.value.as_str(), pos(l))) {
            None => Locale::EN,
            Some((tag, at)) => Locale::parse(tag).unwrap_or_else(|| {
                self.error(
                    at,
                    format!("unknown locale `{tag}`; expected `en`, `zh-CN` or the tag of a catalogue in locales/ (letters, digits and `-`)"),
                );
                Locale::EN
            }),
        };
        self.not_too_long(&raw.title, "the title", "it heads every page, its tab and its link preview");
        let (min_n, complementary_suppression) = self.privacy(raw);
        let base_url = raw.base_url.as_ref().map(|b| {
            if let Some(why) = base_url_refusal(&b.value) {
                self.error(pos(b), why);
            } else if !is_web_url(&b.value) {
                self.error(
                    pos(b),
                    "base_url must be an absolute `https://` or `http://` address such as \
                     `https://cx.example.com/site` (it is written into every page's links for sharing)",
                );
            }
            b.value.clone()
        });
        let confidence = match &raw.confidence {
            // Above 0.999 the normal quantile runs off to infinity in floating point (0.9999999999999999
            // gave intervals of NaN and a template error); no report needs more.
            Some(c) if !(c.value > 0.5 && c.value <= 0.999) => {
                let at = Pos { line: c.referenced.line(), column: c.referenced.column() };
                self.error(
                    at,
                    format!(
                        "confidence must be above 0.5 and at most 0.999 (e.g. 0.95), not {}",
                        short_number(c.value)
                    ),
                );
                0.95
            }
            Some(c) => c.value,
            None => 0.95,
        };
        let timezone = match &raw.timezone {
            None => Tz::UTC,
            Some(t) => t.value.parse::<Tz>().unwrap_or_else(|_| {
                self.error(
                    pos(t),
                    format!("unknown time zone `{}`; use an IANA name such as `Asia/Shanghai` or `UTC`", t.value),
                );
                Tz::UTC
            }),
        };
        let period = match raw.period.as_ref().map(|p| (p.value.as_str(), pos(p))) {
            None | Some(("month", _)) => Period::Month,
            Some(("quarter", _)) => Period::Quarter,
            Some(("week", _)) => Period::Week,
            Some((other, at)) => {
                self.error(
                    at,
                    format!(
                        "unknown period `{other}`{}; expected month, quarter or week",
                        hint(other, &["month", "quarter", "week"])
                    ),
                );
                Period::Month
            }
        };
        Settings { locale, min_n, complementary_suppression, confidence, timezone, period, base_url }
    }

    /// `min_n` and `complementary_suppression`: what keeps small groups from being identified.
    fn privacy(&mut self, raw: &RawProject) -> (u64, bool) {
        let min_n = match &raw.min_n {
            Some(m) if m.value == 0 => {
                self.error(
                    Pos { line: m.referenced.line(), column: m.referenced.column() },
                    "min_n must be at least 1",
                );
                1
            }
            Some(m) => {
                if m.value < PRIVATE_MIN_N {
                    self.warning(
                        Pos { line: m.referenced.line(), column: m.referenced.column() },
                        format!(
                            "min_n is {}: numbers of groups this small can identify the people in them; \
                             use at least {PRIVATE_MIN_N} (30 is the default) for a site others will read",
                            m.value
                        ),
                    );
                }
                m.value
            }
            None => 30,
        };
        let complementary_suppression = match &raw.complementary_suppression {
            Some(c) if !c.value => {
                self.warning(
                    Pos { line: c.referenced.line(), column: c.referenced.column() },
                    "complementary_suppression is off: a group below min_n can then be worked out by subtracting the published groups from their total; keep it on for a site others will read",
                );
                false
            }
            _ => true,
        };
        (min_n, complementary_suppression)
    }

    /// Every dataset: lookups (those with `key:`) apart from the response datasets, whose
    /// scores and dimensions are gathered across them all.
    fn datasets(&mut self, raw: &RawProject, root: &Path, touchpoints: &[Touchpoint]) -> Responses {
        let mut scores: Vec<ScoreDef> = Vec::new();
        let mut dimensions: Vec<DimensionDef> = Vec::new();
        let mut questions: Vec<Question> = Vec::new();
        let mut multi_selects: Vec<MultiSelect> = Vec::new();
        let mut lookups = Vec::new();
        let mut datasets = Vec::new();
        let mut dataset_ids = IdsTaken::new();
        for d in &raw.datasets {
            let id = self.check_id(&d.id, "dataset", &mut dataset_ids);
            let file = self.file_spec(d, root);
            if let Some(key) = &d.key {
                self.lookup_only(d);
                lookups.push(Lookup { id, file, key: column(key) });
            } else {
                let mut ds = self.dataset(d, id, file, touchpoints, &mut scores, &mut dimensions);
                ds.comments = self.comment_columns(d, &mut questions);
                ds.multi_selects = self.multi_selects(d, &mut scores, &mut multi_selects);
                datasets.push(ds);
            }
        }
        if datasets.is_empty() {
            self.error(
                Pos::default(),
                "no response dataset: add a dataset with `scores:` or `touchpoint_scores:` under `datasets:`",
            );
        }
        Responses { scores, dimensions, questions, multi_selects, datasets, lookups }
    }

    /// The index of the loyalty score: the one `loyalty:` names, else the first NPS.
    fn loyalty(&mut self, raw: &RawProject, scores: &[ScoreDef]) -> Option<usize> {
        match &raw.loyalty {
            Some(l) => {
                let found = scores.iter().position(|s| s.id == l.value);
                if found.is_none() {
                    let ids: Vec<&str> = scores.iter().map(|s| s.id.as_str()).collect();
                    self.error(
                        pos(l),
                        format!(
                            "loyalty score `{}` is not a score of any dataset{}; scores: {}",
                            l.value,
                            hint(&l.value, &ids),
                            ids.join(", ")
                        ),
                    );
                }
                found
            }
            None => scores.iter().position(|s| s.kind == ScoreKind::Nps),
        }
    }

    /// The star-rating thresholds, if `stars:` is given.
    fn stars(&mut self, raw: &RawProject) -> Option<Vec<f64>> {
        raw.stars.as_ref().map(|s| {
            let t = &s.thresholds.value;
            if t.len() != 4 || t.windows(2).any(|w| w[0] >= w[1]) || t.iter().any(|x| !x.is_finite()) {
                let at = Pos { line: s.thresholds.referenced.line(), column: s.thresholds.referenced.column() };
                self.error(
                    at,
                    "stars.thresholds must be four increasing numbers on the headline metric, e.g. [0, 15, 25, 35]",
                );
            }
            t.clone()
        })
    }

    /// Warns when two datasets read the same rows of one file (same file, sheet, header row
    /// and row filters) and count a score in common from the same column: each answer is then
    /// counted twice, and
    /// the intervals are narrower than the data allows. Two datasets may read one file for
    /// different scores, or for its different rows (`keep_rows:`), and are left alone.
    fn read_twice(&mut self, datasets: &[Dataset], scores: &[ScoreDef]) {
        let rows_read = |d: &Dataset| {
            let file = std::fs::canonicalize(&d.file.path).unwrap_or_else(|_| d.file.path.clone());
            (file, d.file.sheet.clone(), d.file.header_row, format!("{:?}", d.row_filters))
        };
        let read: Vec<_> = datasets.iter().map(rows_read).collect();
        for (j, b) in datasets.iter().enumerate() {
            let Some(i) = (0..j).find(|&i| read[i] == read[j]) else { continue };
            let a = &datasets[i];
            // The same score from the same column: a wide file split into two datasets by
            // touchpoint reads one score from different columns, and is fine.
            let same = |s: &&crate::project::model::ScoreColumn| {
                a.scores.iter().any(|t| t.score == s.score && t.column.name == s.column.name)
            };
            let Some(common) = b.scores.iter().find(same) else { continue };
            let at = b.file.path_at.map_or(Pos::default(), |(line, column)| Pos { line, column });
            self.warning(
                at,
                format!(
                    "datasets `{}` and `{}` both read {} — the same rows, as no `keep_rows:` or `drop_rows:` tells them apart — and both count `{}`: each answer is counted twice and its intervals are narrower than the data allows; read the score in one of them, or keep each one's rows with `keep_rows:`",
                    a.id, b.id, b.file.display, scores[common.score].id
                ),
            );
        }
    }

    /// Refuses a name or title longer than [`MAX_TITLE_CHARS`], saying `what` it is and `why`
    /// its length matters.
    fn not_too_long(&mut self, text: &super::config::Located, what: &str, why: &str) {
        let chars = text.value.chars().count();
        if chars > MAX_TITLE_CHARS {
            self.error(pos(text), format!("{what} is {chars} characters long; at most {MAX_TITLE_CHARS} ({why})"));
        }
    }

    fn journey(&mut self, raw: &RawProject) -> (Vec<Stage>, Vec<Touchpoint>) {
        let mut stages = Vec::new();
        let mut touchpoints = Vec::new();
        let mut stage_ids = IdsTaken::new();
        let mut tp_ids = IdsTaken::new();
        if raw.journey.stages.is_empty() {
            self.error(Pos::default(), "journey.stages is empty: list the stages of the customer journey in order");
        }
        for (si, s) in raw.journey.stages.iter().enumerate() {
            let id = self.check_id(&s.id, "stage", &mut stage_ids);
            self.not_too_long(&s.name, &format!("the name of stage `{id}`"), MENU);
            let mut members = Vec::new();
            for t in &s.touchpoints {
                let tid = self.check_id(&t.id, "touchpoint", &mut tp_ids);
                self.not_too_long(&t.name, &format!("the name of touchpoint `{tid}`"), MENU);
                members.push(touchpoints.len());
                touchpoints.push(Touchpoint {
                    id: tid,
                    name: t.name.value.clone(),
                    channel: t.channel.clone(),
                    owner: t.owner.clone(),
                    description: t.description.clone(),
                    stage: si,
                    implicit: false,
                });
            }
            // A stage without touchpoints is its own touchpoint: long data names it in the
            // touchpoint column, a dataset's `touchpoint:` or a wide column names its id.
            if s.touchpoints.is_empty() {
                let tid = self.check_id(&s.id, "touchpoint", &mut tp_ids);
                members.push(touchpoints.len());
                touchpoints.push(Touchpoint {
                    id: tid,
                    name: s.name.value.clone(),
                    channel: None,
                    owner: None,
                    description: s.description.clone(),
                    stage: si,
                    implicit: true,
                });
            }
            stages.push(Stage {
                id,
                name: s.name.value.clone(),
                description: s.description.clone(),
                touchpoints: members,
            });
        }
        self.touchpoint_names(raw, &touchpoints);
        (stages, touchpoints)
    }

    /// Long data names a touchpoint by its id or its name, matched as
    /// [`crate::aggregate::redact::name_key`] reads both: a name that reads as another
    /// touchpoint's name or id would send that touchpoint's rows to the wrong place, so it is an
    /// error at the name's line. (A touchpoint's name may be its own id.)
    fn touchpoint_names(&mut self, raw: &RawProject, touchpoints: &[Touchpoint]) {
        use crate::aggregate::redact::name_key;
        // Each touchpoint's name as written in cxsite.yaml, in the order of `touchpoints`.
        let names: Vec<&Located> = raw
            .journey
            .stages
            .iter()
            .flat_map(|s| {
                if s.touchpoints.is_empty() {
                    vec![&s.name]
                } else {
                    s.touchpoints.iter().map(|t| &t.name).collect()
                }
            })
            .collect();
        if names.len() != touchpoints.len() {
            return;
        }
        let ids: Vec<String> = touchpoints.iter().map(|t| name_key(&t.id)).collect();
        // Each id's touchpoints, in order: a name is checked against them by one look-up (a
        // walk of every id per name grew with the square of the touchpoints).
        let mut by_id: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (j, id) in ids.iter().enumerate() {
            by_id.entry(id.as_str()).or_default().push(j);
        }
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, l) in names.iter().enumerate() {
            let key = name_key(&l.value);
            if key.is_empty() {
                continue;
            }
            let (me, name) = (&touchpoints[i].id, l.value.trim());
            if let Some(&j) = by_id.get(key.as_str()).and_then(|js| js.iter().find(|j| **j != i)) {
                let other = &touchpoints[j].id;
                self.error(
                    pos(l),
                    format!(
                        "touchpoint `{me}` is named `{name}`, the id of touchpoint `{other}`: a row that says `{name}` could be either; give `{me}` another name"
                    ),
                );
            } else if let Some(&j) = seen.get(&key) {
                let other = &touchpoints[j].id;
                self.error(
                    pos(l),
                    format!(
                        "touchpoints `{other}` and `{me}` are both named `{name}`: a row that says `{name}` could be either; give each touchpoint its own name"
                    ),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    fn segments(&mut self, raw: &[RawSegment], datasets: &[Dataset], selects: &[MultiSelect]) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut ids = IdsTaken::new();
        let mut rules = 0;
        for s in raw {
            if let Some(w) = s.when.as_ref().filter(|_| s.from_column.is_none()) {
                rules += 1;
                if rules == MAX_RULE_SEGMENTS + 1 {
                    self.error(
                        pos(w),
                        format!("this is segment rule {rules}: a project has at most {MAX_RULE_SEGMENTS} segments defined by rules (`when:`), since each is compared with every other that may hold its customers (so that no hidden group is found by subtracting one from another), and more would take minutes and gigabytes; for one segment per value of a column use `from_column:`"),
                    );
                }
            }
            let (kind, at, default_id) = match (&s.when, &s.from_column) {
                (Some(w), None) => match rule::parse(&w.value) {
                    Ok(r) => (SegmentKind::Rule(r), pos(w), None),
                    Err(e) => {
                        self.error(pos(w), format!("segment rule `{}`: {e}", w.value));
                        continue;
                    }
                },
                (None, Some(c)) => (SegmentKind::FromColumn(column(c)), pos(c), Some(c.value.trim().to_string())),
                _ => {
                    let at = s.id.as_ref().map(pos).unwrap_or_default();
                    self.error(
                        at,
                        "a segment needs exactly one of `when:` (a rule) or `from_column:` (one segment per value)",
                    );
                    continue;
                }
            };
            let id = match (&s.id, default_id) {
                (Some(l), _) => self.check_id(l, "segment", &mut ids),
                (None, Some(col)) => {
                    // A column name may hold any text; keep the id to safe characters, and give a
                    // column with none of them (会员等级) an id from its position.
                    let safe: String = col
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '_' })
                        .collect();
                    let safe = safe.trim_matches('_').to_string();
                    // `$7` names a position, not a group: `segment3`, as a Chinese name gets.
                    let positional = col.starts_with('$');
                    let id = if safe.is_empty() || positional { format!("segment{}", out.len() + 1) } else { safe };
                    if ids.insert(id.to_ascii_lowercase(), id.clone()).is_some() {
                        self.error(at, format!("duplicate segment id `{id}`; give this segment an `id:`"));
                    }
                    id
                }
                (None, None) => {
                    self.error(at, "a segment with `when:` needs an `id:`");
                    continue;
                }
            };
            let applies: Vec<usize> = match &s.datasets {
                None => (0..datasets.len()).collect(),
                Some(list) => list
                    .iter()
                    .filter_map(|l| {
                        let found = datasets.iter().position(|d| d.id == l.value);
                        if found.is_none() {
                            let refs: Vec<&str> = datasets.iter().map(|d| d.id.as_str()).collect();
                            self.error(
                                pos(l),
                                format!(
                                    "segment `{id}` names dataset `{}`, which is not a response dataset{}",
                                    l.value,
                                    hint(&l.value, &refs)
                                ),
                            );
                        }
                        found
                    })
                    .collect(),
            };
            let mut kind = kind;
            if let (SegmentKind::Rule(rule), Some(w)) = (&mut kind, &s.when) {
                if rule.has_choices() {
                    let mut link = |q: &str, o: &str| choices::link(q, o, &applies, datasets, selects);
                    if let Err(e) = rule.link_choices(&mut link) {
                        self.error(pos(w), format!("segment rule `{}`: {e}", w.value));
                        continue;
                    }
                }
            }
            let max_pages = match (&s.max_pages, &kind) {
                (None, _) => DEFAULT_MAX_PAGES,
                (Some(m), SegmentKind::FromColumn(_)) => match m.value.trim().parse::<usize>() {
                    Ok(n) if n >= 1 => n,
                    _ => {
                        self.error(
                            pos(m),
                            format!("`max_pages` must be a whole number of 1 or more, not `{}`", m.value.trim()),
                        );
                        DEFAULT_MAX_PAGES
                    }
                },
                (Some(m), SegmentKind::Rule(_)) => {
                    self.error(pos(m), "`max_pages` is for a `from_column:` segment (a rule segment has one page)");
                    DEFAULT_MAX_PAGES
                }
            };
            let name = s.name.clone().unwrap_or_else(|| id.clone());
            let order = match (&s.order, &kind) {
                (Some(o), SegmentKind::Rule(_)) => {
                    self.error(
                        pos(o),
                        "`order:` lists the values of a `from_column:` segment; a `when:` rule has none",
                    );
                    Vec::new()
                }
                (Some(o), _) => o.value.iter().map(|v| v.0.trim().to_string()).collect(),
                (None, _) => Vec::new(),
            };
            let explicit_datasets = s.datasets.is_some();
            out.push(Segment { id, name, kind, datasets: applies, explicit_datasets, max_pages, order, pos: at });
        }
        out
    }

    fn events(&mut self, raw: &RawProject) -> Vec<Event> {
        let mut events: Vec<Event> = raw
            .events
            .iter()
            .filter_map(|e| match NaiveDate::parse_from_str(e.date.value.trim(), "%Y-%m-%d") {
                // As a data date: outside 1970–2100 a typo, which would stretch every trend's axis.
                Ok(date) if !(1970..=2100).contains(&chrono::Datelike::year(&date)) => {
                    self.error(
                        pos(&e.date),
                        format!(
                            "event date `{}` is outside the years 1970–2100 that data dates are read in: a typo?",
                            e.date.value.trim()
                        ),
                    );
                    None
                }
                Ok(_) if crate::aggregate::redact::cell_value(&e.name.value).is_empty() => {
                    self.error(
                        pos(&e.name),
                        "an event needs a name: the charts number it and the list under them says what happened by it",
                    );
                    None
                }
                Ok(date) => Some(Event { date, name: e.name.value.clone(), description: e.description.clone() }),
                Err(why) => {
                    // `2024-02-30` is written right and is no day: say which.
                    let message = if why.kind() == chrono::format::ParseErrorKind::OutOfRange {
                        format!("event date `{}` is no day of the calendar", e.date.value.trim())
                    } else {
                        format!("event date `{}` must be YYYY-MM-DD", e.date.value)
                    };
                    self.error(pos(&e.date), message);
                    None
                }
            })
            .collect();
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        events
    }

    /// The text settings: the built-in themes (unless dropped), a project's themes replacing
    /// those of the same id or added after them. A theme id names the theme's columns in
    /// metrics.csv (`<id>_share`) and its tags in comments.csv (joined by `;`), so it is held
    /// to the rule of every other id.
    fn text_config(&mut self, raw: Option<super::config::RawText>) -> crate::text::TextConfig {
        let Some(raw) = raw else { return crate::text::TextConfig::default() };
        let mut themes = if raw.default_themes { crate::text::default_themes() } else { Vec::new() };
        let mut seen = IdsTaken::new();
        for (id, t) in raw.themes {
            let located = id;
            let id = self.check_id(&located, "theme", &mut seen);
            self.theme_at.insert(id.clone(), pos(&located));
            if themes.len() == crate::text::MAX_THEMES && !themes.iter().any(|x| x.id == id) {
                self.error(
                    pos(&located),
                    format!(
                        "theme `{id}` is one too many: a project has at most {} themes, built-in ones included (`default_themes: false` drops those)",
                        crate::text::MAX_THEMES
                    ),
                );
                break;
            }
            self.blank_keywords(&id, pos(&located), &t.keywords);
            let t = crate::text::Theme { id: id.clone(), ..t };
            match themes.iter_mut().find(|x| x.id == id) {
                Some(x) => *x = t,
                None => themes.push(t),
            }
        }
        crate::text::TextConfig { enabled: true, dictionary: raw.dictionary, stop_words: raw.stop_words, themes }
    }
}

impl Validator {
    /// Refuses a theme with no keywords, or with a keyword that is blank once spaces and
    /// invisible characters are left out (as comments are read): it would match no comment,
    /// and the theme would show 0 mentions as if customers never raised it.
    fn blank_keywords(&mut self, id: &str, at: Pos, keywords: &[String]) {
        if keywords.is_empty() {
            self.error(at, format!("theme `{id}` has no keywords, so it would match no comment: list the words and phrases that raise it under `keywords:`"));
        }
        if let Some(i) = keywords.iter().position(|k| crate::aggregate::redact::cell_value(k).is_empty()) {
            self.error(
                at,
                format!("keyword {} of theme `{id}` is blank (or only spaces and invisible characters), so it matches nothing: remove it", i + 1),
            );
        }
    }

    /// Refuses a theme whose metrics (`<theme>_share`, …) would share a name in metrics.csv
    /// with a score's or a multi-select option's: at the theme's id when the project declares
    /// it, else (a built-in theme) at the score or multi-select, which is what can be renamed.
    fn theme_clashes(&mut self, themes: &[crate::text::Theme], scores: &[ScoreDef], selects: &[MultiSelect]) {
        for theme in themes {
            let Some((name, i)) = super::names::theme_metric_clash(&theme.id, scores) else { continue };
            let score = &scores[i];
            let whose = match score.choice {
                Some((sel, k)) => format!("option `{}` of multi-select `{}`", selects[sel].options[k], selects[sel].id),
                None => format!("score `{}`", score.id),
            };
            if let Some(at) = self.theme_at.get(&theme.id).copied() {
                self.error(at, format!("theme `{}` would write metric `{name}`, which clashes with a metric of {whose} in metrics.csv; give the theme another id", theme.id));
            } else if let Some(at) = self.score_at.get(&score.id).copied() {
                let rename = if score.choice.is_some() { "the multi-select" } else { "the score" };
                self.error(at, format!("{whose} would write metric `{name}`, which clashes with a metric of the built-in theme `{}` in metrics.csv; give {rename} another id, or drop the built-in themes with `default_themes: false` under `text:`", theme.id));
            }
        }
    }
}

/// The longest id (in characters, all ASCII) of anything that names a file or folder of the
/// site: a stage's or touchpoint's page is `stages/<id>.html`; a 300-character id passed
/// `check` and failed `build` with the system's "File name too long".
pub(super) const MAX_ID_LEN: usize = 64;

/// Why `id` is too long (the start of it shown), if it is.
pub(super) fn too_long_id(id: &str) -> Option<String> {
    (id.len() > MAX_ID_LEN).then(|| {
        let start: String = id.chars().take(24).collect();
        format!(
            "`{start}…` is {} characters long; an id names a file of the site and is at most {MAX_ID_LEN}",
            id.chars().count()
        )
    })
}

/// Why `id` cannot name a file of the site on Windows, if it cannot: `con`, `prn`, `aux`,
/// `nul`, `com0`–`com9` and `lpt0`–`lpt9` (any case) name devices there, whatever the
/// extension, so `stages/con.html` cannot be created, unzipped or copied onto such a machine.
pub fn device_name_id(id: &str) -> Option<String> {
    let low = id.to_ascii_lowercase();
    let numbered =
        |prefix: &str| low.strip_prefix(prefix).is_some_and(|d| d.len() == 1 && d.as_bytes()[0].is_ascii_digit());
    (matches!(low.as_str(), "con" | "prn" | "aux" | "nul") || numbered("com") || numbered("lpt")).then(|| {
        format!("`{id}` names a device on Windows, where a file of the site called `{id}.html` cannot be created or unzipped; give it another id")
    })
}

/// A number as a message quotes it: `95`, `0.9999`, `1e-300` (not three hundred zeros).
pub(super) fn short_number(v: f64) -> String {
    if v.is_finite() && v != 0.0 && !(1e-4..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}
