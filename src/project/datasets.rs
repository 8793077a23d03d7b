//! Validation of `datasets:`: a dataset's columns, comments, dimensions and shape, lookups and
//! joins. How its file is read is in `file_spec`, its scores and their scales in `scores`.

use super::config::{self, Located, RawDataset, RawProject};
use super::validate::{column, pos, Validator};
use super::*;
use crate::aggregate::redact::cell_value;

impl Validator {
    pub(super) fn lookup_only(&mut self, d: &RawDataset) {
        let extra = [
            (!d.scores.is_empty(), "scores"),
            (d.touchpoint_scores.is_some(), "touchpoint_scores"),
            (!d.dimensions.is_empty(), "dimensions"),
            (d.format.is_some(), "format"),
            (d.touchpoint.is_some(), "touchpoint"),
            (!d.keep_rows.is_empty(), "keep_rows"),
            (!d.drop_rows.is_empty(), "drop_rows"),
        ];
        for (present, key) in extra {
            if present {
                self.error(
                    pos(&d.id),
                    format!(
                        "dataset `{}` has `key:` (a lookup joined onto responses) and so cannot have `{key}:`",
                        d.id.value
                    ),
                );
            }
        }
    }

    /// A response dataset: its format, scores, dimensions and columns. Each part's errors come
    /// in the order of these calls.
    pub(super) fn dataset(
        &mut self,
        d: &RawDataset,
        id: String,
        file: FileSpec,
        touchpoints: &[Touchpoint],
        scores: &mut Vec<ScoreDef>,
        dimensions: &mut Vec<DimensionDef>,
    ) -> Dataset {
        let format = self.format(d);
        let fixed_touchpoint = self.fixed_touchpoint(d, touchpoints);
        let mut score_columns = self.score_columns(d, scores);
        score_columns.extend(self.touchpoint_score_columns(d, touchpoints, scores));
        self.check_shape(d, &id, format, &score_columns);
        let dims = self.dimensions(d, dimensions);
        let export = file.export;
        if export == Some(Export::Wenjuanxing) {
            for c in &mut score_columns {
                for w in WENJUANXING_NA {
                    if !c.reading.na.iter().any(|n| n == w) {
                        c.reading.na.push(w.to_string());
                    }
                }
            }
        }
        Dataset {
            source: d.source.clone().unwrap_or_else(|| id.clone()),
            id,
            file,
            format,
            respondent: d.columns.respondent.as_ref().map(column),
            date: d.columns.date.as_ref().map(column),
            touchpoint_column: d.columns.touchpoint.as_ref().map(column),
            comments: Vec::new(),
            multi_selects: Vec::new(),
            date_format_written: d
                .date_format
                .as_ref()
                .map(|f| f.value.clone())
                .or_else(|| export_date_format(export).map(str::to_string)),
            date_format: self.date_format(d, export),
            date_timezone: self.date_timezone(d),
            fixed_touchpoint,
            scores: score_columns,
            dimensions: dims,
            joins: Vec::new(),
            allow_identifiers: d.allow_identifiers,
            include_incomplete: d.include_incomplete,
            include_tests: d.include_test_responses,
            row_filters: self.row_filters(d),
        }
    }

    /// `keep_rows:` then `drop_rows:`: each column with the values it lists (none is an error).
    fn row_filters(&mut self, d: &RawDataset) -> Vec<RowFilter> {
        let mut out = Vec::new();
        for (keep, map) in [(true, &d.keep_rows), (false, &d.drop_rows)] {
            for (col, listed) in map {
                let values: Vec<String> = listed.value.0.iter().map(|v| v.0.trim().to_string()).collect();
                let key = if keep { "keep_rows" } else { "drop_rows" };
                if values.iter().all(String::is_empty) {
                    self.error(
                        pos(listed),
                        format!("`{key}:` lists no value for column `{col}`; expected the values to {} (`{col}: [APPROVED]`)", if keep { "keep" } else { "leave out" }),
                    );
                    continue;
                }
                let column = ColumnName { name: cell_value(col).into_owned(), pos: pos(listed) };
                out.push(RowFilter::new(keep, column, values));
            }
        }
        out
    }

    /// `format:`, `long` unless `wide` is given.
    fn format(&mut self, d: &RawDataset) -> Format {
        match d.format.as_ref().map(|f| (f.value.as_str(), pos(f))) {
            None | Some(("long", _)) => Format::Long,
            Some(("wide", _)) => Format::Wide,
            Some((other, at)) => {
                self.error(at, format!("unknown format `{other}`{}; expected `long` (a row per rating) or `wide` (a row per respondent)", hint(other, &["long", "wide"])));
                Format::Long
            }
        }
    }

    /// The touchpoint `touchpoint:` gives every row of the dataset, if any.
    fn fixed_touchpoint(&mut self, d: &RawDataset, touchpoints: &[Touchpoint]) -> Option<usize> {
        let tp_index = |v: &Located| touchpoints.iter().position(|t| t.id == cell_value(&v.value));
        let tp_ids: Vec<&str> = touchpoints.iter().map(|t| t.id.as_str()).collect();
        d.touchpoint.as_ref().and_then(|t| {
            let found = tp_index(t);
            if found.is_none() {
                self.error(
                    pos(t),
                    format!("touchpoint `{}` is not in the journey{}", t.value, hint(&t.value, &tp_ids)),
                );
            }
            found
        })
    }

    /// A dataset must have something to read, and its score layout must fit its format.
    fn check_shape(&mut self, d: &RawDataset, id: &str, format: Format, score_columns: &[ScoreColumn]) {
        // A dataset of comments alone (forum posts, reviews, hotline notes) needs no score;
        // scores that were written but refused have their own errors.
        if score_columns.is_empty()
            && d.scores.is_empty()
            && d.touchpoint_scores.is_none()
            && d.columns.comment.is_none()
        {
            self.error(pos(&d.id), format!("dataset `{id}` has no `scores:` or `touchpoint_scores:`; add them, give it `columns.comment` to read its comments alone, or give it `key:` to make it a lookup"));
        }
        if format == Format::Long && d.touchpoint_scores.is_some() {
            self.error(pos(&d.id), format!("dataset `{id}` has `touchpoint_scores:`, which needs `format: wide`"));
        }
        if format == Format::Wide && d.columns.touchpoint.is_some() {
            self.error(pos(&d.id), format!("dataset `{id}` is wide: its touchpoints come from `touchpoint_scores.columns`, not from `columns.touchpoint`"));
        }
    }

    /// The dataset's comment columns (`columns.comment`), each joined to the project's
    /// question of its id (added when new).
    pub(super) fn comment_columns(&mut self, d: &RawDataset, questions: &mut Vec<Question>) -> Vec<CommentColumn> {
        let Some(raw) = &d.columns.comment else { return Vec::new() };
        let items: Vec<CommentItem> = match &raw.value {
            config::RawComments::One(c) => {
                let c = ColumnName { name: cell_value(c).into_owned(), pos: pos(raw) };
                vec![(c.clone(), c.name, Vec::new())]
            }
            config::RawComments::List(list) => list.iter().map(comment_item).collect(),
        };
        if items.is_empty() {
            self.error(pos(raw), "`comment: []` names no column; name one or more columns, or leave `comment:` out");
        }
        let mut out: Vec<CommentColumn> = Vec::new();
        for (column, id, labels) in items {
            if id.is_empty() || column.name.is_empty() {
                self.error(column.pos, "a comment column needs a name");
                continue;
            }
            let question = match questions.iter().position(|q| q.id == id) {
                Some(i) => {
                    if questions[i].labels.is_empty() {
                        questions[i].labels = labels;
                    }
                    i
                }
                None => {
                    questions.push(Question { id: id.clone(), labels });
                    questions.len() - 1
                }
            };
            if out.iter().any(|c| c.question == question) {
                self.error(
                    column.pos,
                    format!("comment question `{id}` is named twice in this dataset; give one an `id:`"),
                );
                continue;
            }
            out.push(CommentColumn { column, question });
        }
        out
    }

    /// The dataset's `dimensions:`, each added to (or matched in) the project's `dimensions`.
    fn dimensions(&mut self, d: &RawDataset, dimensions: &mut Vec<DimensionDef>) -> Vec<(usize, ColumnName)> {
        let mut dims = Vec::new();
        for raw in &d.dimensions {
            let bare;
            let (idl, col, name, order) = match &raw.value {
                config::RawDimension::Column(c) => {
                    bare = Located::new(c.clone(), raw.referenced, raw.defined);
                    (&bare, &bare, None, None)
                }
                config::RawDimension::Full { id, column, name, order } => {
                    (id, column.as_ref().unwrap_or(id), name.clone(), order.as_deref())
                }
            };
            let did = idl.value.trim().to_string();
            if RESERVED_DIMENSIONS.contains(&did.as_str()) {
                self.error(pos(idl), format!("`{did}` is a dimension cxsite computes itself; give this dimension another id with `{{ id: my_{did}, column: {} }}`", col.value));
                continue;
            }
            // A dimension's trend is the dimension `<id>_period`, so `x` and `x_period` cannot both be.
            let clash = did
                .strip_suffix("_period")
                .filter(|stem| RESERVED_DIMENSIONS.contains(stem) || dimensions.iter().any(|x| x.id == *stem))
                .map(|stem| (stem.to_string(), did.clone()))
                .or_else(|| {
                    let trend = format!("{did}_period");
                    dimensions.iter().any(|x| x.id == trend).then(|| (did.clone(), trend))
                });
            if let Some((stem, trend)) = clash {
                self.error(pos(idl), format!("dimension `{did}` clashes in metrics.csv: the trend of `{stem}` is written as dimension `{trend}`; give this dimension another id"));
                continue;
            }
            if did.is_empty() || !did.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                self.error(pos(idl), format!("dimension id `{did}` must be letters, digits, `_` or `-`; write `{{ id: store, column: \"{}\" }}` to read a column with another name", col.value));
                continue;
            }
            if let Some(why) = super::validate::too_long_id(&did).or_else(|| super::validate::device_name_id(&did)) {
                self.error(pos(idl), format!("dimension id {why}"));
                continue;
            }
            // One dimension is one folder (`dimensions/<id>/`): `Store` beside `store` would be
            // one folder on Windows and macOS.
            if let Some(other) = dimensions.iter().find(|x| x.id != did && x.id.eq_ignore_ascii_case(&did)) {
                self.error(pos(idl), format!("dimension id `{did}` differs from `{}` only in case: their pages would be one folder on Windows and macOS; write it as `{}` to read the same dimension, or give it another id", other.id, other.id));
                continue;
            }
            let di = match dimensions.iter().position(|x| x.id == did) {
                Some(i) => i,
                None => {
                    dimensions.push(DimensionDef {
                        id: did.clone(),
                        name: name.clone().unwrap_or_else(|| did.clone()),
                        order: Vec::new(),
                    });
                    dimensions.len() - 1
                }
            };
            if let Some(n) = name {
                dimensions[di].name = n;
            }
            if let Some(o) = order {
                let listed: Vec<String> = o.value.iter().map(|v| v.0.trim().to_string()).collect();
                // One dimension read from two datasets has one order: a second, different one
                // would leave which of them holds to the order of the datasets.
                if !dimensions[di].order.is_empty() && dimensions[di].order != listed {
                    self.error(
                        pos(o),
                        format!("dimension `{did}` is given another `order:` by an earlier dataset; give its order once, or the same in each"),
                    );
                } else {
                    dimensions[di].order = listed;
                }
            }
            dims.push((di, column(col)));
        }
        dims
    }

    /// The checked `date_timezone:`: an IANA name, as `timezone:` is.
    fn date_timezone(&mut self, d: &RawDataset) -> Option<chrono_tz::Tz> {
        let t = d.date_timezone.as_ref()?;
        match t.value.trim().parse::<chrono_tz::Tz>() {
            Ok(tz) => Some(tz),
            Err(_) => {
                self.error(
                    pos(t),
                    format!(
                        "unknown time zone `{}` in `date_timezone`; use an IANA name such as `America/Chicago` or `Asia/Shanghai` (not an abbreviation such as CST, which names several zones)",
                        t.value
                    ),
                );
                None
            }
        }
    }

    /// The checked `date_format:`, else the export's own.
    fn date_format(&mut self, d: &RawDataset, export: Option<Export>) -> Option<String> {
        match &d.date_format {
            Some(f) => match date_pattern(&f.value) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.error(pos(f), e);
                    None
                }
            },
            None => export_date_format(export).map(str::to_string),
        }
    }

    pub(super) fn joins(&mut self, raw: &RawProject, datasets: &mut [Dataset], lookups: &[Lookup]) {
        let ds_ids: Vec<String> = datasets.iter().map(|d| d.id.clone()).collect();
        let lk_ids: Vec<String> = lookups.iter().map(|d| d.id.clone()).collect();
        for j in &raw.joins {
            let di = ds_ids.iter().position(|d| *d == j.dataset.value);
            let li = lk_ids.iter().position(|d| *d == j.to.value);
            if di.is_none() {
                let refs: Vec<&str> = ds_ids.iter().map(String::as_str).collect();
                self.error(
                    pos(&j.dataset),
                    format!(
                        "join names dataset `{}`, which is not a response dataset{}",
                        j.dataset.value,
                        hint(&j.dataset.value, &refs)
                    ),
                );
            }
            if li.is_none() {
                let refs: Vec<&str> = lk_ids.iter().map(String::as_str).collect();
                self.error(
                    pos(&j.to),
                    format!(
                        "join target `{}` is not a lookup dataset (one with `key:`){}",
                        j.to.value,
                        hint(&j.to.value, &refs)
                    ),
                );
            }
            if let (Some(di), Some(li)) = (di, li) {
                if datasets[di].joins.iter().any(|x| x.lookup == li) {
                    self.error(pos(&j.to), format!("`{}` is joined onto `{}` twice", j.to.value, j.dataset.value));
                }
                datasets[di].joins.push(Join { column: column(&j.column), lookup: li });
            }
        }
    }
}

/// What 问卷星 writes for a question skipped by logic and for an empty answer (brackets as
/// it writes them, and full-width as a re-saved file may have them): no answer, in score
/// columns as in comments.
pub const WENJUANXING_NA: [&str; 4] = ["(跳过)", "(空)", "（跳过）", "（空）"];

/// The date form a tool writes that the general reader cannot tell apart from another:
/// SurveyMonkey's default `03/01/2024 09:15:22 AM` is month first.
fn export_date_format(export: Option<Export>) -> Option<&'static str> {
    match export {
        Some(Export::SurveyMonkey) => Some("%m/%d/%Y %I:%M:%S %p"),
        _ => None,
    }
}

/// A comment column, its question id and labels (by locale tag).
type CommentItem = (ColumnName, String, Vec<(String, String)>);

/// One item of a `comment:` list: its column, question id and labels.
fn comment_item(item: &serde_saphyr::Spanned<config::RawComment>) -> CommentItem {
    match &item.value {
        config::RawComment::Column(c) => {
            let c = ColumnName { name: cell_value(c).into_owned(), pos: pos(item) };
            (c.clone(), c.name, Vec::new())
        }
        config::RawComment::Full(full) => {
            let config::RawCommentFull { column: c, label, id } = &**full;
            let c = column(c);
            let id = id.as_ref().map_or_else(|| c.name.clone(), |i| i.value.trim().to_string());
            (c, id, locale_names(label.as_ref()))
        }
    }
}

/// A `name:` or `label:` as (locale tag, text) pairs; one text for every locale has the tag "".
pub(super) fn locale_names(name: Option<&config::ScoreName>) -> Vec<(String, String)> {
    match name {
        None => Vec::new(),
        Some(config::ScoreName::All(n)) => vec![(String::new(), n.clone())],
        Some(config::ScoreName::PerLocale(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    }
}
