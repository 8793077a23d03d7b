//! A dataset's plan: its mapping, joins and segments resolved against its file's header,
//! once, before any row is read.

use std::collections::HashMap;

use super::screens::Screens;
use super::{reader, LoadedLookup};
use crate::aggregate::redact;
use crate::error::Diagnostic;
use crate::project::{ChoiceForm, Dataset, Project, RowFilter, ScoreColumn, SegmentKind};
/// Where a column used by a response dataset lives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ColRef {
    Own(usize),
    /// (index into the dataset's joins, column of the lookup).
    Joined(usize, usize),
}

/// A segment as evaluated on one dataset.
pub(super) enum SegPlan<'p> {
    Rule {
        id: &'p str,
        rule: &'p crate::project::Rule,
        refs: Vec<ColRef>,
        /// The rule's columns it compares with a number by order ([`crate::project::Rule::ordered_columns`]),
        /// found once rather than for every row.
        ordered: Vec<usize>,
        /// The columns it compares with a date by order ([`crate::project::Rule::dated_columns`]).
        dated: Vec<usize>,
    },
    /// `column`: the column's name, for messages.
    FromColumn {
        prefix: &'p str,
        name: &'p str,
        /// Between the family's name and a value: `: `, or `：` on a Chinese site.
        sep: &'static str,
        col: ColRef,
        column: &'p str,
    },
}

/// A dataset's mapping resolved against its file's header.
pub(super) struct Plan<'p> {
    pub(super) ds: &'p Dataset,
    /// Index of the dataset in `Project::datasets`.
    pub(super) dataset_index: usize,
    pub(super) header: Vec<String>,
    /// Each column as messages and the data-quality page name it: its header, or `$7` under a
    /// blank header cell, or `rating ($3)` where two columns share a name (see [`column_labels`]).
    pub(super) labels: Vec<String>,
    /// The file's header rows as written (see `reader::Table::header_rows`).
    pub(super) header_rows: Vec<Vec<String>>,
    /// The names of the first header row, to tell cheaply a row that may name the columns
    /// again (see the fold's `refuse_reordered_header`).
    pub(super) header_names: std::collections::HashSet<String>,
    /// The first line under the header rows (`reader::Table::first_data_line`); 0 until read.
    pub(super) first_data_line: u64,
    /// Columns the mapping reads, reported on the data-quality page: sorted, each once.
    pub(super) used_columns: Vec<usize>,
    /// Every column a row's fold reads (checked for UTF-8).
    pub(super) read_columns: Vec<usize>,
    pub(super) touchpoint: Option<usize>,
    pub(super) date: Option<usize>,
    /// The zone the date column's local times are in when the file declares one (see
    /// `reader::Table::declared_zones`); `None`: the project's.
    pub(super) date_zone: Option<chrono_tz::Tz>,
    /// `date_format` names a month and no day (`%Y-%m`): its dates are months alone.
    pub(super) date_format_month: bool,
    /// (column, index into `Project::questions`) of each comment column.
    pub(super) comments: Vec<(usize, usize)>,
    /// The dataset's multi-select questions, their columns resolved.
    pub(super) choices: Vec<PlanChoice<'p>>,
    /// `columns.respondent`: its ids are checked for repeats.
    pub(super) respondent: Option<usize>,
    pub(super) scores: Vec<(usize, &'p ScoreColumn)>,
    /// Per score reading, the name its counts go under on the data-quality page when its
    /// column is read by more than one score (`recommend → nps`): each reading counts once
    /// per row, so no count says more answers than rows. `None`: the column's own name.
    pub(super) reading_names: Vec<Option<String>>,
    pub(super) dims: Vec<(usize, usize)>,
    pub(super) joins: Vec<(usize, usize)>,
    pub(super) segments: Vec<SegPlan<'p>>,
    /// Columns in which the tool marks its test and incomplete responses.
    pub(super) screens: Screens,
    /// `keep_rows:` and `drop_rows:`, each with its column.
    pub(super) filters: Vec<(usize, &'p RowFilter)>,
}

impl Plan<'_> {
    /// Whether column `c` holds the names of groups: the touchpoint, a dimension, a join's key
    /// or a segment family's column.
    pub(super) fn names_groups(&self, c: usize) -> bool {
        self.touchpoint == Some(c)
            || self.dims.iter().any(|(_, col)| *col == c)
            || self.joins.iter().any(|(col, _)| *col == c)
            || self.segments.iter().any(|s| matches!(s, SegPlan::FromColumn { col: ColRef::Own(col), .. } if *col == c))
    }
}

/// Diagnostics for segments whose columns a file lacks, by segment index.
pub(super) type SegmentMisses = Vec<(usize, Diagnostic)>;

/// The zone the file declares for the plan's date column, if it declares one: an IANA name
/// (`America/Denver`), or `Z` for UTC (as Qualtrics writes it for exports in UTC). One that is
/// neither is an error naming the file, the declaration's line, the column and the value.
pub(super) fn date_zone(plan: &Plan, table: &reader::Table) -> Result<Option<chrono_tz::Tz>, Vec<Diagnostic>> {
    let Some(c) = plan.date else { return Ok(None) };
    if let Some(tz) = plan.ds.date_timezone {
        return Ok(Some(tz));
    }
    let Some((_, line, zone)) = table.declared_zones.iter().find(|(col, _, _)| *col == c) else {
        return Ok(plan.header.get(c).and_then(|h| zone_in_header(h)));
    };
    let name = zone.trim();
    if name == "Z" {
        return Ok(Some(chrono_tz::UTC));
    }
    name.parse::<chrono_tz::Tz>().map(Some).map_err(|_| {
        let col = plan.labels.get(c).map_or("?", String::as_str);
        vec![Diagnostic {
            file: plan.ds.file.display.clone(),
            line: Some(*line),
            column: Some(col.to_string()),
            message: format!(
                "the export's ImportId row gives date column `{col}` the timeZone {:?}, which is no time zone cxsite knows; expected an IANA name such as `America/Denver` or `Asia/Shanghai` (or `Z` for UTC): export the file again, or correct the value in that row",
                redact::redact(zone)
            ),
        }]
    })
}

/// The zone a date column's header names in brackets, as Typeform (`Submit Date (UTC)`),
/// Trustpilot (`Review Created (UTC)`) and help desks write it: `UTC`, `GMT`, `Z`, a whole-hour
/// offset (`UTC+8`, `GMT-05:00`) or an IANA name (`(America/Denver)`). Its times are in that
/// zone, whatever the project's `timezone` (into which they are converted). `None` for any
/// other header, and for an offset of part of an hour (no fixed zone of chrono-tz has one).
pub(crate) fn zone_in_header(header: &str) -> Option<chrono_tz::Tz> {
    let open = header.rfind(['(', '（', '['])?;
    let inner = header[open..].trim_start_matches(['(', '（', '[']);
    let close = inner.find([')', '）', ']'])?;
    let name = inner[..close].trim();
    if matches!(name.to_ascii_uppercase().as_str(), "UTC" | "GMT" | "Z" | "UTC+0" | "GMT+0" | "UTC+00:00" | "GMT+00:00")
    {
        return Some(chrono_tz::UTC);
    }
    let offset = name.strip_prefix("UTC").or_else(|| name.strip_prefix("GMT"));
    if let Some(off) = offset.map(str::trim) {
        let (sign, rest) = match off.chars().next()? {
            '+' => (1, &off[1..]),
            '-' | '−' => (-1, off.trim_start_matches(['-', '−'])),
            _ => return None,
        };
        let (hours, minutes) = rest.split_once(':').unwrap_or((rest, "00"));
        let hours: i32 = hours.parse().ok().filter(|h| (0..=14).contains(h))?;
        if minutes != "00" {
            return None;
        }
        // The Etc zones are named with POSIX's sign, the other way round: UTC+8 is Etc/GMT-8.
        return match sign * hours {
            0 => Some(chrono_tz::UTC),
            h => format!("Etc/GMT{:+}", -h).parse().ok(),
        };
    }
    name.contains('/').then(|| name.parse().ok()).flatten()
}

/// What each column is called in messages and on the data-quality page, one name per column:
/// its header; `$N` (its position, as cxsite.yaml names it) under a blank header cell; and
/// `name ($N)` for each of two or more columns of one name, whose counts would otherwise be
/// shown as one column's.
pub(super) fn column_labels(header: &[String]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for h in header {
        *seen.entry(h.trim()).or_default() += 1;
    }
    header
        .iter()
        .enumerate()
        .map(|(i, h)| match h.trim() {
            "" => format!("${}", i + 1),
            t if seen[t] > 1 => format!("{t} (${})", i + 1),
            _ => h.clone(),
        })
        .collect()
}

/// Resolves every column a dataset's mapping, joins and segments name; reports all that are
/// missing. Segments whose columns this file lacks come back apart, by segment index: whether
/// that is an error depends on the other datasets (see `produce`).
pub(super) fn plan<'p>(
    project: &'p Project,
    ds: &'p Dataset,
    header: &[String],
    questions: &[String],
    lookups: &[LoadedLookup],
) -> (Result<Plan<'p>, Vec<Diagnostic>>, SegmentMisses) {
    let (mapped, mut errors) = resolve_mapped(ds, header, questions);
    let ds_index = project.datasets.iter().position(|d| d.id == ds.id).unwrap_or(0);
    let (segments, seg_missing, ambiguous) =
        plan_segments(project, ds, ds_index, (header, questions), &mapped.joins, lookups);
    errors.extend(ambiguous);
    if !errors.is_empty() {
        return (Err(errors), seg_missing);
    }
    let screens = Screens::of(ds, header);
    let read_columns = read_columns(&mapped, &screens, &segments);
    let used_columns = used_columns(&mapped);
    let reading_names = reading_names(project, header, &mapped.scores);
    let Mapped { touchpoint, date, comments, choices, respondent, scores, dims, joins, filters } = mapped;
    let plan = Plan {
        ds,
        dataset_index: ds_index,
        header: header.to_vec(),
        labels: column_labels(header),
        header_rows: Vec::new(),
        header_names: Default::default(),
        first_data_line: 0,
        used_columns,
        read_columns,
        touchpoint,
        date,
        date_zone: None,
        date_format_month: ds.date_format.as_deref().is_some_and(|f| f != "excel" && !crate::project::names_day(f)),
        comments,
        choices,
        respondent,
        scores,
        reading_names,
        dims,
        joins,
        segments,
        screens,
        filters,
    };
    (Ok(plan), seg_missing)
}

/// The name each score reading's counts go under when its column is read by more than one
/// score reading (`recommend → nps`, and in wide data `q7 → csat · wifi`); `None` for a column
/// read once.
pub(super) fn reading_names(
    project: &Project,
    header: &[String],
    scores: &[(usize, &ScoreColumn)],
) -> Vec<Option<String>> {
    scores
        .iter()
        .map(|(c, sc)| {
            if scores.iter().filter(|(o, _)| o == c).count() < 2 {
                return None;
            }
            let col = header.get(*c).map(String::as_str).unwrap_or("?");
            let score = &project.scores[sc.score].id;
            Some(match sc.touchpoint {
                Some(t) => format!("{col} → {score} · {}", project.touchpoints[t].id),
                None => format!("{col} → {score}"),
            })
        })
        .collect()
}

/// A multi-select question of a dataset, resolved against its header.
pub(super) struct PlanChoice<'p> {
    /// Index into `Project::multi_selects`.
    pub(super) select: usize,
    /// One column of joined answers and what joins them, or a column per option.
    pub(super) joined: Option<(usize, &'p str)>,
    pub(super) columns: Vec<usize>,
}

/// The dataset's own mapped columns (not its segments'), resolved against its header.
pub(super) struct Mapped<'p> {
    pub(super) touchpoint: Option<usize>,
    pub(super) date: Option<usize>,
    /// (column, question) of each comment column.
    pub(super) comments: Vec<(usize, usize)>,
    pub(super) choices: Vec<PlanChoice<'p>>,
    pub(super) respondent: Option<usize>,
    pub(super) scores: Vec<(usize, &'p ScoreColumn)>,
    pub(super) dims: Vec<(usize, usize)>,
    /// (join column, lookup index).
    pub(super) joins: Vec<(usize, usize)>,
    pub(super) filters: Vec<(usize, &'p RowFilter)>,
}

/// Resolves the columns the dataset's mapping names, collecting a diagnostic for each one
/// missing, in the mapping's order (touchpoint, date, comment, respondent, scores,
/// dimensions, joins).
pub(super) fn resolve_mapped<'p>(
    ds: &'p Dataset,
    header: &[String],
    questions: &[String],
) -> (Mapped<'p>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let file = ds.file.display.as_str();
    let names = reader::HeaderNames::new(header, questions);
    let mut own = |c: &crate::project::ColumnName| match reader::resolve_in(&names, c, &ds.id, file) {
        Ok(i) => Some(i),
        Err(d) => {
            errors.push(d);
            None
        }
    };
    let touchpoint = ds.touchpoint_column.as_ref().and_then(&mut own);
    let date = ds.date.as_ref().and_then(&mut own);
    let comments: Vec<_> = ds.comments.iter().filter_map(|c| own(&c.column).map(|i| (i, c.question))).collect();
    let choices: Vec<_> = ds
        .multi_selects
        .iter()
        .filter_map(|c| match &c.form {
            ChoiceForm::Joined { column, separator } => own(column).map(|i| PlanChoice {
                select: c.select,
                joined: Some((i, separator.as_str())),
                columns: vec![i],
            }),
            ChoiceForm::Columns(cols) => {
                let found: Vec<usize> = cols.iter().filter_map(&mut own).collect();
                (found.len() == cols.len()).then_some(PlanChoice { select: c.select, joined: None, columns: found })
            }
        })
        .collect();
    let respondent = ds.respondent.as_ref().and_then(&mut own);
    let scores: Vec<_> = ds.scores.iter().filter_map(|s| own(&s.column).map(|i| (i, s))).collect();
    let dims: Vec<_> = ds.dimensions.iter().filter_map(|(d, c)| own(c).map(|i| (*d, i))).collect();
    let joins: Vec<_> = ds.joins.iter().filter_map(|j| own(&j.column).map(|i| (i, j.lookup))).collect();
    let filters: Vec<_> = ds.row_filters.iter().filter_map(|f| own(&f.column).map(|i| (i, f))).collect();
    (Mapped { touchpoint, date, comments, choices, respondent, scores, dims, joins, filters }, errors)
}

/// Plans each segment that applies to the dataset; a segment naming a column neither the file
/// nor its joined lookups have comes back as a miss, by segment index, and one naming a column
/// that both have (a survey's own `tier` beside the CRM's) as an error: which is meant is
/// written `survey.tier` or `crm.tier`.
pub(super) fn plan_segments<'p>(
    project: &'p Project,
    ds: &Dataset,
    ds_index: usize,
    (header, questions): (&[String], &[String]),
    joins: &[(usize, usize)],
    lookups: &[LoadedLookup],
) -> (Vec<SegPlan<'p>>, SegmentMisses, Vec<Diagnostic>) {
    let file = ds.file.display.as_str();
    // A rule with `'option' in question` reads the question's column as the dataset's
    // `multi_select:` names it (question text, position, prefix).
    let named = |name: &str| {
        let c = crate::project::ColumnName { name: name.to_string(), pos: Default::default() };
        reader::resolve(header, questions, &c, &ds.id, file).ok().map(ColRef::Own)
    };
    // A rule column is looked up in the dataset, then in each joined lookup (not its key,
    // which holds what the dataset's join column holds); `crm.tier` names the lookup's, and
    // `survey.tier` the dataset's own.
    let in_lookup = |name: &str| -> Vec<ColRef> {
        joins
            .iter()
            .enumerate()
            .filter_map(|(ji, (_, li))| {
                let key = project.lookups.get(*li).map(|l| l.key.name.as_str());
                let c = lookups[*li].header.iter().position(|h| h == name)?;
                (Some(name) != key).then_some(ColRef::Joined(ji, c))
            })
            .collect()
    };
    let qualified = |name: &str| -> Option<ColRef> {
        let (id, col) = name.split_once('.')?;
        if id == ds.id {
            return header.iter().position(|h| h == col).map(ColRef::Own);
        }
        joins.iter().enumerate().find_map(|(ji, (_, li))| {
            (project.lookups.get(*li)?.id == id)
                .then(|| lookups[*li].header.iter().position(|h| h == col))?
                .map(|c| ColRef::Joined(ji, c))
        })
    };
    let find = |name: &str| -> Option<ColRef> {
        let own = header.iter().position(|h| h == name).map(ColRef::Own);
        own.or_else(|| in_lookup(name).into_iter().next()).or_else(|| qualified(name))
    };
    // Where a name is both the dataset's and a lookup's, or two lookups', which is meant.
    let which = |name: &str| -> Option<String> {
        let own = header.iter().any(|h| h == name).then_some(ds.id.as_str());
        let joined = in_lookup(name).into_iter().filter_map(|r| match r {
            ColRef::Joined(ji, _) => joins.get(ji).and_then(|(_, li)| project.lookups.get(*li)).map(|l| l.id.as_str()),
            ColRef::Own(_) => None,
        });
        let places: Vec<String> = own.into_iter().chain(joined).map(|id| format!("`{id}.{name}`")).collect();
        (places.len() > 1).then(|| places.join(" or "))
    };
    let ambiguity = |seg: &crate::project::Segment, name: &str, places: &str| {
        let mut d = Diagnostic::file(
            crate::project::PROJECT_FILE,
            format!("segment `{}`: `{name}` is a column of dataset `{}` ({file}) and of a lookup joined to it: write {places}, to say which is meant", seg.id, ds.id),
        );
        d.line = Some(seg.pos.line);
        d
    };
    let mut ambiguous = Vec::new();
    let missing = |seg: &crate::project::Segment, col: &crate::project::ColumnName| {
        let mut d = reader::missing_column(all_columns(header, joins, lookups), col, &ds.id, file);
        d.message = format!("segment `{}`: {}", seg.id, d.message);
        d
    };
    let mut segments = Vec::new();
    let mut seg_missing = Vec::new();
    for (si, seg) in project.segments.iter().enumerate().filter(|(_, s)| s.datasets.contains(&ds_index)) {
        match &seg.kind {
            SegmentKind::Rule(rule) => {
                for name in &rule.columns {
                    ambiguous.extend(which(name).map(|places| ambiguity(seg, name, &places)));
                }
                let refs: Vec<Option<ColRef>> = rule
                    .columns
                    .iter()
                    .map(|c| find(c).or_else(|| if rule.has_choices() { named(c) } else { None }))
                    .collect();
                if refs.iter().all(Option::is_some) {
                    segments.push(SegPlan::Rule {
                        id: &seg.id,
                        rule,
                        refs: refs.into_iter().flatten().collect(),
                        ordered: rule.ordered_columns(),
                        dated: rule.dated_columns(),
                    });
                } else {
                    let name = rule
                        .columns
                        .iter()
                        .zip(&refs)
                        .find(|(_, r)| r.is_none())
                        .map(|(c, _)| c.clone())
                        .unwrap_or_default();
                    let col = crate::project::ColumnName { name, pos: seg.pos };
                    seg_missing.push((si, missing(seg, &col)));
                }
            }
            // Named as scores and dimensions are: `$6`, a question's text, any case.
            SegmentKind::FromColumn(c) if which(&c.name).is_some() => {
                ambiguous.extend(which(&c.name).map(|places| ambiguity(seg, &c.name, &places)))
            }
            SegmentKind::FromColumn(c) => match find(&c.name).or_else(|| named(&c.name)) {
                Some(col) => {
                    let sep = family_separator(project.locale.tag(), &seg.name);
                    segments.push(SegPlan::FromColumn { prefix: &seg.id, name: &seg.name, sep, col, column: &c.name })
                }
                None => seg_missing.push((si, missing(seg, c))),
            },
        }
    }
    (segments, seg_missing, ambiguous)
}

/// Every column name a segment may use: the file's, then each joined lookup's (the candidates
/// a missing column's "did you mean" picks from).
pub(super) fn all_columns<'a>(
    header: &'a [String],
    joins: &'a [(usize, usize)],
    lookups: &'a [LoadedLookup],
) -> impl Iterator<Item = &'a str> + Clone {
    header
        .iter()
        .map(String::as_str)
        .chain(joins.iter().flat_map(|(_, li)| lookups[*li].header.iter().map(String::as_str)))
}

/// Every own column a row's fold reads, for the UTF-8 check: sorted, without repeats.
pub(super) fn read_columns(m: &Mapped, screens: &Screens, segments: &[SegPlan]) -> Vec<usize> {
    let mut read: Vec<usize> = m
        .touchpoint
        .into_iter()
        .chain(screens.columns())
        .chain(m.date)
        .chain(m.comments.iter().map(|c| c.0))
        .chain(m.choices.iter().flat_map(|c| c.columns.iter().copied()))
        .chain(m.respondent)
        .chain(m.joins.iter().map(|j| j.0))
        .chain(m.scores.iter().map(|s| s.0))
        .chain(m.dims.iter().map(|d| d.1))
        .chain(m.filters.iter().map(|f| f.0))
        .chain(segments.iter().flat_map(own_segment_columns))
        .collect();
    read.sort_unstable();
    read.dedup();
    read
}

/// The dataset's own columns a segment reads (not those of joined lookups).
pub(super) fn own_segment_columns(s: &SegPlan) -> Vec<usize> {
    match s {
        SegPlan::Rule { refs, .. } => refs
            .iter()
            .filter_map(|r| match r {
                ColRef::Own(i) => Some(*i),
                ColRef::Joined(..) => None,
            })
            .collect(),
        SegPlan::FromColumn { col: ColRef::Own(i), .. } => vec![*i],
        SegPlan::FromColumn { .. } => Vec::new(),
    }
}

/// The columns the mapping reads, as the data-quality page reports them: sorted, without repeats.
pub(super) fn used_columns(m: &Mapped) -> Vec<usize> {
    let mut used: Vec<usize> = m
        .touchpoint
        .into_iter()
        .chain(m.date)
        .chain(m.respondent)
        .chain(m.joins.iter().map(|j| j.0))
        .chain(m.scores.iter().map(|s| s.0))
        .chain(m.choices.iter().flat_map(|c| c.columns.iter().copied()))
        .collect();
    used.sort_unstable();
    used.dedup();
    used
}

/// What joins a `from_column` family's name to a value (`Tier: gold`): on a Chinese site a
/// full-width colon after a name that ends in a CJK character (`会员等级：金卡`), which
/// Chinese typesetting wants; after a Latin name (`Tier: gold`, `NPS 组: A`) the Latin colon and
/// space, so a project that named its segments in English does not get `Tier：gold`.
fn family_separator(locale: &str, name: &str) -> &'static str {
    let cjk_end = name.trim_end().chars().next_back().is_some_and(|c| {
        crate::text::is_han(c)
            || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{3040}'..='\u{30FF}')
    });
    if locale.starts_with("zh") && cjk_end {
        "："
    } else {
        ": "
    }
}

#[cfg(test)]
mod tests {
    use super::{family_separator, zone_in_header};

    #[test]
    fn a_family_name_and_its_value_are_joined_by_the_colon_of_the_names_script() {
        assert_eq!(family_separator("zh-CN", "会员等级"), "：");
        assert_eq!(family_separator("zh-CN", "会员（等级）"), "：");
        assert_eq!(family_separator("zh-CN", "Tier"), ": ");
        assert_eq!(family_separator("zh-CN", "会员 Tier"), ": ");
        assert_eq!(family_separator("en", "会员等级"), ": ");
        assert_eq!(family_separator("en", "Tier"), ": ");
    }

    #[test]
    fn a_date_header_names_its_zone_in_brackets() {
        for (header, zone) in [
            ("Submit Date (UTC)", Some("UTC")),
            ("Review Created (utc)", Some("UTC")),
            ("Created at [GMT]", Some("UTC")),
            ("提交时间（UTC+8）", Some("Etc/GMT-8")),
            ("Opened (GMT-05:00)", Some("Etc/GMT+5")),
            ("Date (America/Denver)", Some("America/Denver")),
            ("Date (UTC+5:30)", None),
            ("Date (local)", None),
            ("Date (dd/mm/yyyy)", None),
            ("Date", None),
        ] {
            assert_eq!(zone_in_header(header).map(|z| z.name().to_string()).as_deref(), zone, "{header}");
        }
    }
}
