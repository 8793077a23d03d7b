//! Validation of `datasets:`: files, columns, scores and their scales, lookups and joins.

use std::path::{Component, Path};

use super::config::{self, Located, RawDataset, RawProject};
use super::validate::{column, pos, Validator};
use super::*;
use crate::aggregate::redact::{cell_value, spaced};

impl Validator {
    /// The file of a dataset and how to read it. Each part's errors come in the order of
    /// these calls.
    pub(super) fn file_spec(&mut self, d: &RawDataset, root: &Path) -> FileSpec {
        let rel = d.path.value.trim();
        let rel_path = Path::new(rel);
        self.check_dataset_path(d, rel, root);
        let export = self.export(d);
        let encoding = self.encoding(d);
        let delimiter = self.delimiter(d);
        let header_row = self.header_row(d);
        let workbook = self.workbook(d, rel);
        FileSpec {
            path: root.join(rel_path),
            // Shown on the quality page, in metrics.json and in messages: without invisible or
            // direction characters, which would turn round the row and value shown after it.
            display: crate::aggregate::redact::strip_invisible(rel).into_owned(),
            path_at: Some((d.path.referenced.line(), d.path.referenced.column())),
            encoding,
            delimiter,
            header_row,
            header_row_at: d.header_row.as_ref().map(|h| (h.referenced.line(), h.referenced.column())),
            sheet: d.sheet.as_ref().map(|s| s.value.0.clone()),
            sheet_at: d.sheet.as_ref().map(|s| (s.referenced.line(), s.referenced.column())),
            workbook,
            skip_malformed: d.skip_malformed_rows,
            root: Some(root.to_path_buf()),
            export,
        }
    }

    /// `path:` must be a file inside the project: no URL, no absolute path, no `..`.
    fn check_dataset_path(&mut self, d: &RawDataset, rel: &str, root: &Path) {
        let rel_path = Path::new(rel);
        if rel.is_empty() {
            self.error(
                pos(&d.path),
                "dataset path is empty; name a CSV or XLSX file inside the project, such as `data/survey.csv`",
            );
        } else if rel.contains("://") {
            self.error(pos(&d.path), format!("dataset path `{rel}` is a URL; cxsite reads files inside the project only (download it into data/)"));
        } else if rel_path.is_absolute() || rel_path.components().any(|c| matches!(c, Component::ParentDir)) {
            self.error(
                pos(&d.path),
                format!("dataset path `{rel}` must stay inside the project directory (no absolute path, no `..`)"),
            );
        } else if root.join(rel_path).is_dir() {
            self.error(
                pos(&d.path),
                format!(
                    "dataset path `{rel}` is a folder; name a CSV or XLSX file in it, such as `{}/survey.csv`",
                    rel.trim_end_matches('/')
                ),
            );
        }
    }

    /// `export:`, the survey tool the file comes from, if given and known.
    fn export(&mut self, d: &RawDataset) -> Option<Export> {
        let e = d.export.as_ref()?;
        let found = Export::parse(e.value.trim());
        if found.is_none() {
            self.error(
                pos(e),
                format!(
                    "unknown export `{}`{}; expected one of: {}",
                    e.value,
                    hint(&e.value, &Export::NAMES),
                    Export::NAMES.join(", ")
                ),
            );
        }
        found
    }

    /// `encoding:`; `None` reads UTF-8 (or by the BOM), or for a 问卷星 export GBK unless the
    /// file is UTF-8 (the reader tells).
    fn encoding(&mut self, d: &RawDataset) -> Option<&'static encoding_rs::Encoding> {
        match &d.encoding {
            None => None,
            Some(e) => {
                match encoding_rs::Encoding::for_label(e.value.trim().as_bytes()) {
                    // GBK files often hold GB18030-only characters; decoding as GB18030 is a superset.
                    Some(enc) if enc == encoding_rs::GBK => Some(encoding_rs::GB18030),
                    Some(enc) => Some(enc),
                    None => {
                        self.error(pos(e), format!("unknown encoding `{}`; expected utf-8, gbk, gb18030, utf-16le, utf-16be, big5, shift_jis…", e.value));
                        None
                    }
                }
            }
        }
    }

    /// `delimiter:`, one ASCII character or `tab`; `None` guesses it from the file.
    fn delimiter(&mut self, d: &RawDataset) -> Option<u8> {
        d.delimiter.as_ref().and_then(|l| match l.value.as_str() {
            "\\t" | "\t" | "tab" => Some(b'\t'),
            // The quote and line ends are CSV's own syntax: a file split at them is one cell.
            s @ ("\"" | "\n" | "\r") => {
                let shown = s.escape_default();
                self.error(
                    pos(l),
                    format!("delimiter `{shown}` cannot split a CSV file: the quote and line ends are CSV's own syntax; use `,`, `;`, `|` or `tab`"),
                );
                None
            }
            s if s.len() == 1 && s.is_ascii() => Some(s.as_bytes()[0]),
            s => {
                self.error(pos(l), format!("delimiter `{s}` must be one ASCII character (`,`, `;`, `|`) or `tab`"));
                None
            }
        })
    }

    /// `header_row:`, counted from 1 (the first row, also when it is 0 by mistake).
    fn header_row(&mut self, d: &RawDataset) -> u64 {
        match &d.header_row {
            Some(h) if h.value == 0 => {
                self.error(
                    Pos { line: h.referenced.line(), column: h.referenced.column() },
                    "header_row counts from 1 (the first row)",
                );
                1
            }
            Some(h) => h.value,
            None => 1,
        }
    }

    /// Whether the file is a workbook (by its extension); `sheet:` is for workbooks only.
    fn workbook(&mut self, d: &RawDataset, rel: &str) -> bool {
        let ext = Path::new(rel).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let workbook = WORKBOOK_EXTENSIONS.contains(&ext.as_str());
        if !workbook && d.sheet.is_some() {
            self.error(pos(&d.path), format!("`sheet:` applies to workbooks (xlsx, xls, ods), not to `{rel}`"));
        }
        workbook
    }

    pub(super) fn lookup_only(&mut self, d: &RawDataset) {
        let extra = [
            (!d.scores.is_empty(), "scores"),
            (d.touchpoint_scores.is_some(), "touchpoint_scores"),
            (!d.dimensions.is_empty(), "dimensions"),
            (d.format.is_some(), "format"),
            (d.touchpoint.is_some(), "touchpoint"),
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
            fixed_touchpoint,
            scores: score_columns,
            dimensions: dims,
            joins: Vec::new(),
            allow_identifiers: d.allow_identifiers,
            include_incomplete: d.include_incomplete,
            include_tests: d.include_test_responses,
        }
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

    /// The columns of `scores:`, each score defined (or matched) in `scores`.
    fn score_columns(&mut self, d: &RawDataset, scores: &mut Vec<ScoreDef>) -> Vec<ScoreColumn> {
        let mut score_columns = Vec::new();
        for (sid, s) in &d.scores {
            let def = ScoreInput {
                id: sid,
                at: pos(&s.column),
                scale: &s.scale,
                kind: &s.kind,
                top_box: &s.top_box,
                step: &s.step,
                name: s.name.as_ref(),
                better: s.better.as_ref(),
            };
            if let Some(score) = self.score_def(def, scores) {
                self.check_na_labels(sid, &s.na, &s.labels, pos(&s.column));
                let labels = self.labels_in_steps(sid, &s.labels, &scores[score], pos(&s.column));
                let mut reading = reading(&s.na, labels, s.reverse);
                reading.range = self.nps_one_to_ten(&scores[score], &s.scale, pos(&s.column));
                score_columns.push(ScoreColumn { score, column: column(&s.column), reading, touchpoint: None });
            }
        }
        score_columns
    }

    /// A value listed under both `na:` and `labels:` of a score is an error: it cannot be both
    /// no answer and an answer (compared as cells are, trimmed and in any case).
    fn check_na_labels(
        &mut self,
        score: &str,
        na: &[config::Scalar],
        labels: &indexmap::IndexMap<String, f64>,
        at: Pos,
    ) {
        for v in na {
            let key = spaced(&cell_value(&v.0)).to_lowercase();
            if let Some((label, n)) = labels.iter().find(|(l, _)| spaced(&cell_value(l)).to_lowercase() == key) {
                self.error(
                    at,
                    format!("score `{score}`: `{label}` is listed under both `na:` (not an answer) and `labels:` (read as {n}); a value is one or the other"),
                );
            }
        }
    }

    /// The columns of `touchpoint_scores:` (a wide dataset), one per touchpoint named.
    fn touchpoint_score_columns(
        &mut self,
        d: &RawDataset,
        touchpoints: &[Touchpoint],
        scores: &mut Vec<ScoreDef>,
    ) -> Vec<ScoreColumn> {
        let tp_ids: Vec<&str> = touchpoints.iter().map(|t| t.id.as_str()).collect();
        let mut score_columns = Vec::new();
        for ts in d.touchpoint_scores.iter().flat_map(|g| &g.0) {
            let metric = ts.metric.as_ref().map(|m| m.value.clone()).unwrap_or_else(|| "csat".into());
            let at = ts.metric.as_ref().map(pos).unwrap_or(pos(&d.id));
            let def = ScoreInput {
                id: &metric,
                at,
                scale: &ts.scale,
                kind: &ts.kind,
                top_box: &ts.top_box,
                step: &ts.step,
                name: None,
                better: None,
            };
            if let Some(score) = self.score_def(def, scores) {
                self.check_na_labels(&metric, &ts.na, &ts.labels, at);
                let labels = self.labels_in_steps(&metric, &ts.labels, &scores[score], at);
                let mut r = reading(&ts.na, labels, ts.reverse);
                r.range = self.nps_one_to_ten(&scores[score], &ts.scale, at);
                for (tp, col) in &ts.columns {
                    match touchpoints.iter().position(|t| &t.id == tp) {
                        Some(ti) => score_columns.push(ScoreColumn {
                            score,
                            column: column(col),
                            reading: r.clone(),
                            touchpoint: Some(ti),
                        }),
                        None => self.error(
                            pos(col),
                            format!(
                                "`touchpoint_scores.columns` names touchpoint `{tp}`, which is not in the journey{}",
                                hint(tp, &tp_ids)
                            ),
                        ),
                    }
                }
            }
        }
        score_columns
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
            if let Some(why) = super::validate::too_long_id(&did) {
                self.error(pos(idl), format!("dimension id {why}"));
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

    /// The column's own range for an NPS declared `scale: [1, 10]` (with a warning that says how
    /// it is scored); `None` for every other score.
    fn nps_one_to_ten(
        &mut self,
        def: &ScoreDef,
        scale: &Option<serde_saphyr::Spanned<Vec<i64>>>,
        at: Pos,
    ) -> Option<(i64, i64)> {
        let declared = scale.as_ref().map(|s| s.value.as_slice());
        (def.kind == ScoreKind::Nps && declared == Some(&[1, 10][..])).then(|| {
            self.warning(
                at,
                format!(
                    "score `{}` is an NPS asked on 1–10: it is scored as on 0–10 without the 0 (9–10 promoters, 1–6 detractors), which is not exactly comparable with an NPS asked on 0–10",
                    def.id
                ),
            );
            (1, 10)
        })
    }

    /// Registers a score id (or checks it agrees with an earlier dataset's) and returns its index.
    /// The first error found ends the checks, in the order of these calls.
    pub(super) fn score_def(&mut self, s: ScoreInput, scores: &mut Vec<ScoreDef>) -> Option<usize> {
        self.check_score_id(&s)?;
        let kind = self.score_kind(&s)?;
        let (min, max) = self.score_scale(&s, kind)?;
        let per_point = self.per_point(&s, kind, min, max)?;
        let top_box = self.top_box(&s, min, max, per_point)?;
        let lower_better = self.lower_better(&s)?;
        let names = locale_names(s.name);
        // Counted in steps (see `ScoreDef`): the scale's ends are whole points.
        let (min, max) = (min * per_point, max * per_point);
        let def = ScoreDef { names, lower_better, per_point, ..ScoreDef::new(s.id, kind, min, max, top_box) };
        self.register_score(&s, def, scores)
    }

    /// A score id is letters (of any script, as in 好评率: it names a metric, never a file),
    /// digits or `_`.
    fn check_score_id(&mut self, s: &ScoreInput) -> Option<()> {
        if s.id.is_empty() || !s.id.chars().all(|c| c.is_alphanumeric() || c == '_') {
            self.error(s.at, format!("score id `{}` must be letters, digits or `_`", s.id));
            return None;
        }
        Some(())
    }

    /// `type:`, or by the id when not given: `nps` is an NPS, `ces` a mean, the rest ratings.
    fn score_kind(&mut self, s: &ScoreInput) -> Option<ScoreKind> {
        match s.kind.as_ref().map(|k| (k.value.as_str(), pos(k))) {
            Some(("nps", _)) => Some(ScoreKind::Nps),
            Some(("rating", _)) => Some(ScoreKind::Rating),
            Some(("mean", _)) => Some(ScoreKind::Mean),
            Some((other, at)) => {
                self.error(
                    at,
                    format!(
                        "unknown score type `{other}`{}; expected nps, rating or mean",
                        hint(other, &["nps", "rating", "mean"])
                    ),
                );
                None
            }
            None => Some(match s.id {
                "nps" => ScoreKind::Nps,
                "ces" => ScoreKind::Mean,
                _ => ScoreKind::Rating,
            }),
        }
    }

    /// The scale the score is counted on: `scale:`, or 0–10 for an NPS, which must be on
    /// 0–10 (1–10 is read as 0–10).
    fn score_scale(&mut self, s: &ScoreInput, kind: ScoreKind) -> Option<(i64, i64)> {
        let (min, max) = match (s.scale, kind) {
            (Some(sc), _) => self.written_scale(s, sc)?,
            (None, ScoreKind::Nps) => (0, 10),
            (None, _) => {
                self.error(s.at, format!("score `{}` needs a `scale: [min, max]`", s.id));
                return None;
            }
        };
        // An NPS asked on 1–10 is scored on 0–10; the column keeps its own range in its reading.
        let (min, max) = if kind == ScoreKind::Nps && (min, max) == (1, 10) { (0, 10) } else { (min, max) };
        if kind == ScoreKind::Nps && (min, max) != (0, 10) {
            self.error(s.at, format!("score `{}` is an NPS and so must use the 0–10 scale (or 1–10 where the survey tool drops the 0), not [{min}, {max}]", s.id));
            return None;
        }
        Some((min, max))
    }

    /// A written `scale: [min, max]`: two values, min < max, within what cxsite counts.
    fn written_scale(&mut self, s: &ScoreInput, sc: &serde_saphyr::Spanned<Vec<i64>>) -> Option<(i64, i64)> {
        let at = Pos { line: sc.referenced.line(), column: sc.referenced.column() };
        match sc.value.as_slice() {
            [a, b]
                if a < b
                    && (a.abs_diff(*b) > MAX_SCALE_WIDTH as u64
                        || a.abs_diff(0).max(b.abs_diff(0)) > MAX_SCALE_END as u64) =>
            {
                self.error(
                    at,
                    format!(
                        "scale of `{}` is [{a}, {b}], wider than cxsite supports: every value of a scale is counted, so max − min may be at most {MAX_SCALE_WIDTH} and both ends must lie between −{MAX_SCALE_END} and {MAX_SCALE_END}",
                        s.id
                    ),
                );
                None
            }
            [a, b] if a < b => Some((*a, *b)),
            _ => {
                self.error(at, format!("scale of `{}` must be `[min, max]` with min < max, e.g. [1, 5]", s.id));
                None
            }
        }
    }

    /// Steps per point from `step:` (1 when not given): a step that divides a point evenly
    /// (0.5, 0.25, 0.2, 0.1, down to 0.01), not for an NPS, with no more steps on the scale than
    /// cxsite counts.
    fn per_point(&mut self, s: &ScoreInput, kind: ScoreKind, min: i64, max: i64) -> Option<i64> {
        let Some(step) = s.step else { return Some(1) };
        let at = Pos { line: step.referenced.line(), column: step.referenced.column() };
        let v = step.value;
        let per_point = (1.0 / v).round();
        if !(v > 0.0 && v <= 1.0) || per_point > 100.0 || (per_point * v - 1.0).abs() > 1e-9 {
            self.error(
                at,
                format!("`step: {v}` of `{}` must divide a point evenly: 1, 0.5 (half stars), 0.25, 0.2 or 0.1, down to 0.01", s.id),
            );
            return None;
        }
        let per_point = per_point as i64;
        if kind == ScoreKind::Nps && per_point != 1 {
            self.error(
                at,
                format!("score `{}` is an NPS, which is asked in whole points 0–10; leave out `step:`", s.id),
            );
            return None;
        }
        if (max - min) * per_point > MAX_SCALE_WIDTH {
            self.error(
                at,
                format!(
                    "`{}` on [{min}, {max}] in steps of {v} has {} values, more than the {MAX_SCALE_WIDTH} cxsite counts (every value of a scale is counted); use a larger step",
                    s.id,
                    (max - min) * per_point + 1
                ),
            );
            return None;
        }
        Some(per_point)
    }

    /// `top_box:` in steps (see `ScoreDef`), within the scale and on a step (`4.5` with
    /// `step: 0.5`); when not given, the top-two box, or the top box alone on a scale of three
    /// points.
    fn top_box(&mut self, s: &ScoreInput, min: i64, max: i64, per_point: i64) -> Option<i64> {
        let k = per_point;
        match s.top_box {
            Some(t) if t.value < min as f64 || t.value > max as f64 => {
                let at = Pos { line: t.referenced.line(), column: t.referenced.column() };
                self.error(at, format!("top_box {} is outside the scale [{min}, {max}]", t.value));
                None
            }
            Some(t) => {
                let def = ScoreDef { per_point: k, ..ScoreDef::new(s.id, ScoreKind::Rating, min * k, max * k, 0) };
                let steps = steps_of(t.value, &def);
                if steps.is_none() {
                    let at = Pos { line: t.referenced.line(), column: t.referenced.column() };
                    self.error(at, format!("top_box {} is {}", t.value, off_step(t.value, &def)));
                }
                steps
            }
            // Top-two box: 4–5 of 1–5, 6–7 of 1–7. A 0–1 outcome counts 1 as positive. Of
            // three points (好评 / 中评 / 差评, Awesome / Just okay / Not good) the top two are
            // all but the worst, the middle "neutral" counted as satisfied: the top box alone.
            None if max - min == 2 => Some(max * k),
            None => Some((max - 1).max(min + 1) * k),
        }
    }

    /// A score's `labels:` with their values in its steps (`{ 四星半: 4.5 }` is step 9 of a
    /// half-point scale); a value between steps is an error at the score.
    fn labels_in_steps(
        &mut self,
        score: &str,
        labels: &indexmap::IndexMap<String, f64>,
        def: &ScoreDef,
        at: Pos,
    ) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for (label, v) in labels {
            match steps_of(*v, def) {
                Some(steps) => out.push((label.clone(), steps)),
                None => {
                    self.error(at, format!("score `{score}`: label `{label}` is {v}, which is {}", off_step(*v, def)))
                }
            }
        }
        out
    }

    /// `better: lower` (as for effort); higher is better otherwise.
    fn lower_better(&mut self, s: &ScoreInput) -> Option<bool> {
        match s.better.map(|b| (b.value.as_str(), pos(b))) {
            None | Some(("higher", _)) => Some(false),
            Some(("lower", _)) => Some(true),
            Some((other, at)) => {
                self.error(at, format!("unknown `better: {other}`; expected `higher` or `lower`"));
                None
            }
        }
    }

    /// Adds `def` to `scores`, or finds the earlier dataset's score of the same id, which must
    /// be read the same way; a new id must not write a metric name another score writes.
    fn register_score(&mut self, s: &ScoreInput, def: ScoreDef, scores: &mut Vec<ScoreDef>) -> Option<usize> {
        let Some(i) = scores.iter().position(|x| x.id == def.id) else {
            if let Some((name, other)) = metric_name_clash(&def.id, def.kind, scores) {
                self.error(s.at, format!("score `{}` would write metric `{name}`, which clashes with a metric of score `{other}` in metrics.csv; give it another id", s.id));
                return None;
            }
            scores.push(def);
            return Some(scores.len() - 1);
        };
        let x = &scores[i];
        if x.choice.is_some() {
            self.error(
                s.at,
                format!("score `{}` has the id of a multi-select option's share; give it another id", s.id),
            );
            return None;
        }
        if (x.kind, x.min, x.max, x.top_box, x.per_point) != (def.kind, def.min, def.max, def.top_box, def.per_point) {
            self.error(s.at, format!("score `{}` is read differently here than in an earlier dataset (type, scale, step or top_box differ); give it another id", s.id));
            return None;
        }
        Some(i)
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

/// The parts of a score definition shared by `scores:` and `touchpoint_scores:`.
pub(super) struct ScoreInput<'a> {
    id: &'a str,
    at: Pos,
    scale: &'a Option<serde_saphyr::Spanned<Vec<i64>>>,
    kind: &'a Option<Located>,
    top_box: &'a Option<serde_saphyr::Spanned<f64>>,
    step: &'a Option<serde_saphyr::Spanned<f64>>,
    name: Option<&'a config::ScoreName>,
    better: Option<&'a Located>,
}

/// What 问卷星 writes for a question skipped by logic and for an empty answer (brackets as
/// it writes them, and full-width as a re-saved file may have them): no answer, in score
/// columns as in comments.
pub const WENJUANXING_NA: [&str; 4] = ["(跳过)", "(空)", "（跳过）", "（空）"];

/// A score's reading of its `na:` words and labels, each as a cell is read ([`cell_value`]:
/// a zero-width space or a bidirectional mark written as an escape is no part of it), its
/// spaces evened out ([`spaced`]) and in lower case.
pub(super) fn reading(na: &[config::Scalar], labels: Vec<(String, i64)>, reverse: bool) -> Reading {
    Reading {
        range: None,
        reverse,
        na: na.iter().map(|s| spaced(&cell_value(&s.0)).to_lowercase()).collect(),
        labels: labels.into_iter().map(|(k, v)| (spaced(&cell_value(&k)).to_lowercase(), v)).collect(),
    }
}

/// `v` points in the score's steps (4.5 is step 9 of a half-point scale), if it is on one.
fn steps_of(v: f64, def: &ScoreDef) -> Option<i64> {
    let steps = v * def.per_point as f64;
    (v.is_finite() && (steps - steps.round()).abs() < 1e-9 && steps.abs() < 1e15).then_some(steps.round() as i64)
}

/// Why `v` points is no value of the score (to follow "is"): between its steps, with the
/// setting to add for half points.
fn off_step(v: f64, def: &ScoreDef) -> String {
    if def.per_point == 1 {
        let half = if (v * 2.0).fract() == 0.0 { "; add `step: 0.5` to the score to count half points" } else { "" };
        format!("not a whole point of the scale{half}")
    } else {
        format!("not on the scale's steps of {}", def.show(1))
    }
}

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
fn locale_names(name: Option<&config::ScoreName>) -> Vec<(String, String)> {
    match name {
        None => Vec::new(),
        Some(config::ScoreName::All(n)) => vec![(String::new(), n.clone())],
        Some(config::ScoreName::PerLocale(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    }
}
