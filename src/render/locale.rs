//! Names the site gives to ids and keys, from the locale's catalogue: metrics (`nps` → "NPS"),
//! periods (`2025-03` → "Mar 2025"), and the data-quality reasons ingest writes.

use super::catalogue::Catalogue;
use crate::project::ScoreDef;

/// The display name of a metric id (`nps` → "NPS", `csat` → "CSAT", `ces` → "CES",
/// `x_mean` → "X mean").
///
/// A score's display name in the site's locale (`name:` in cxsite.yaml) comes first; then the
/// catalogue's names of NPS, CSAT and CES; any other id is shown as written, its `_` read as
/// spaces and its first letter capitalised (`positive_rate` → "Positive rate"), never
/// upper-cased into a code.
pub fn metric_label(metric: &str, scores: &[ScoreDef], cat: &Catalogue) -> String {
    let named = |id: &str| scores.iter().find(|s| s.id == id).and_then(|s| s.name_in(cat.locale()));
    if let Some(n) = named(metric) {
        return n.to_string();
    }
    if let Some(n) = metric.strip_suffix("_mean").and_then(named) {
        return cat.format("metric_mean", &[("metric", n)]);
    }
    // The ids `cxsite init` gives a grid of ratings (`rating`, `ease`) have names in each
    // locale too: a Chinese site read "Rating".
    let generic = |id: &str| matches!(id, "rating" | "ease").then(|| cat.text(&format!("metric_{id}")).to_string());
    match metric {
        "nps" | "csat" | "csat_mean" | "ces" => cat.text(&format!("metric_{metric}")).to_string(),
        other => match other.strip_suffix("_mean") {
            Some(base) => cat.format("metric_mean", &[("metric", &generic(base).unwrap_or_else(|| humanize(base)))]),
            None => generic(other).unwrap_or_else(|| cat.format("metric_other", &[("metric", &humanize(other))])),
        },
    }
}

/// An id for people: `_` read as a space, the first letter capitalised.
fn humanize(id: &str) -> String {
    let spaced = id.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// A period key for people: `2025-03` → "Mar 2025" / "2025年3月", `2025-Q1` → "Q1 2025" /
/// "2025年第1季度", `2025-W07` → "Week 7 2025" / "2025年第7周".
pub fn period_label(key: &str, cat: &Catalogue) -> String {
    period_in(key, cat, "period_week")
}

/// A period key as a trend chart's axis names it: like [`period_label`], weeks shorter
/// (`2025-W07` → "W7 2025").
pub fn axis_period_label(key: &str, cat: &Catalogue) -> String {
    period_in(key, cat, "period_week_axis")
}

/// A period key as a table's column heading names it: like [`period_label`], with a place
/// to break between the year and the rest that holds in Chinese too ("2026年" over "10月",
/// never "2026 / 年 / 10月"; the stylesheet keeps the words whole).
pub fn column_period_label(key: &str, cat: &Catalogue) -> String {
    period_with(key, cat, ["period_month_column", "period_quarter_column", "period_week"])
}

/// A period key in words, weeks by the catalogue's `week` message.
fn period_in(key: &str, cat: &Catalogue, week: &str) -> String {
    period_with(key, cat, ["period_month", "period_quarter", week])
}

/// A period key in words by the catalogue's messages for a month, a quarter and a week.
fn period_with(key: &str, cat: &Catalogue, [month, quarter, week]: [&str; 3]) -> String {
    if let Some((y, m)) = key.split_once('-') {
        if let Ok(m) = m.parse::<usize>() {
            if (1..=12).contains(&m) {
                let name = cat.text(&format!("month_{m}"));
                return cat.format(month, &[("year", y), ("month", &m.to_string()), ("month_name", name)]);
            }
        }
        let number = |n: &str| n.parse::<u32>().ok().map(|n| n.to_string());
        if let Some(q) = m.strip_prefix('Q').and_then(number) {
            return cat.format(quarter, &[("year", y), ("quarter", &q)]);
        }
        if let Some(w) = m.strip_prefix('W').and_then(number) {
            return cat.format(week, &[("year", y), ("week", &w)]);
        }
    }
    key.to_string()
}

/// The phrases ingest writes in data-quality reasons, examples and warnings (in English), with
/// their catalogue keys; longer phrases before the shorter ones they contain. `{name}` stands
/// for an argument (a dataset id, an encoding, a line number: kept as written): the text up to
/// the words that follow it, or up to the next space when it ends the phrase. The English
/// catalogue holds each phrase as written here, so an English site reads as ingest wrote it.
const REASONS: [(&str, &str); 47] = [
    ("not a number for segment `{segment}`", "reason_not_a_number_for_segment"),
    ("not a date for segment `{segment}`", "reason_not_a_date_for_segment"),
    ("not a number, so segment `{segment}` cannot tell", "reason_not_a_number_segment_cannot_tell"),
    ("no score could be used and there is no comment", "reason_no_score_no_comment"),
    ("every score is blank or not applicable and there is no comment", "reason_no_answer_example"),
    ("touchpoint not in the journey", "reason_touchpoint_not_in_journey"),
    ("not a touchpoint id or name of the journey", "reason_not_a_touchpoint"),
    ("unreadable date", "reason_unreadable_date"),
    ("no match in", "reason_no_match_in"),
    ("no row of `{dataset}` has this key", "reason_no_row_with_key"),
    ("outside the scale", "reason_outside_scale"),
    ("not a number and not a listed label (add it under `labels:` or `na:`)", "reason_not_a_number_hint"),
    ("not a number and not a listed label", "reason_not_a_number"),
    ("not a whole number on the scale", "reason_not_whole_number"),
    ("a percentage, read as its number only on `scale: [0, 100]`", "reason_percent_off_scale"),
    (
        "not an option of multi-select `{question}` (counted as answered; add it to `options:` to count it)",
        "reason_not_an_option_of",
    ),
    ("not a listed option", "reason_not_a_listed_option"),
    ("no usable score or comment", "reason_no_usable_score"),
    ("no answer", "reason_no_answer"),
    (
        "a line of one cell under a header of {width} columns: a report's title, total or footer, not a response",
        "reason_lone_cell_example",
    ),
    ("a line of one cell", "reason_lone_cell"),
    (
        "the file ends inside this row ({fields} of the header's {width} fields, and no line end): was the export cut off?",
        "reason_cut_at_end_example",
    ),
    ("the file ends inside the row", "reason_cut_at_end"),
    ("wrong number of fields", "reason_wrong_field_count"),
    ("the row has a different number of fields than the header", "reason_width_example"),
    ("quoted cell swallows rows", "reason_stray_quote"),
    (
        "the quote opened on this line closes only on line {close_line}, taking in {rows} lines that read as rows",
        "reason_stray_quote_example",
    ),
    ("blank key", "reason_blank_key"),
    ("not a date", "reason_not_a_date"),
    ("not a day of the calendar", "reason_no_such_day"),
    ("bytes that are not valid {encoding} (shown as �); the cell is skipped", "reason_bytes_not_valid"),
    ("not valid {encoding}", "reason_not_valid"),
    ("preview or test response", "reason_preview"),
    ("spam response", "reason_spam"),
    ("incomplete response", "reason_incomplete"),
    ("empty row", "reason_empty_row"),
    ("repeats the header: files joined together? The line is left out", "reason_repeated_header_example"),
    ("repeated header", "reason_repeated_header"),
    ("names the columns again (a second header row, in other words), not a response", "reason_second_header_example"),
    ("second header row", "reason_second_header"),
    ("a totals or summary row (the export's own sums or averages), not a response", "reason_totals_row_example"),
    ("totals row", "reason_totals_row"),
    ("left out by `keep_rows`", "reason_keep_rows"),
    ("left out by `drop_rows`", "reason_drop_rows"),
    ("not listed under `keep_rows`", "reason_keep_rows_example"),
    ("listed under `drop_rows`", "reason_drop_rows_example"),
    (", left out (see docs/exports.md)", "reason_left_out"),
];

/// What the reader warns of on the data-quality page (after the file's name), like [`REASONS`].
const WARNINGS: [(&str, &str); 18] = [
    (
        "`order:` of segment family `{family}` lists {values}, which no row has; check the spelling (case and runs of spaces do not matter)",
        "warning_order_family",
    ),
    (
        "`order:` of dimension `{dimension}` lists {values}, which no row has; check the spelling (case and runs of spaces do not matter)",
        "warning_order_dimension",
    ),
    (
        ": row filter `{rule}` lists {values} in column `{column}`, which no row has; check the spelling (case and runs of spaces do not matter)",
        "warning_row_filter",
    ),
    (
        "segment family `{family}` has {total} values: pages are made for the {shown} with the most answers; the other {rest} have no page and are in data/metrics.csv only (`max_pages:` on the segment raises the cap)",
        "warning_capped_family",
    ),
    (
        " has short rows that look like the rest of the row before them, cut in two by a line break in a cell that is not quoted (the first at line {line}: {fields} of the header's {width} fields, after line {previous_line}'s {previous}; {count} in all); quote cells that hold line breaks, as spreadsheet programs do when they save CSV",
        "warning_cut_records",
    ),
    (
        " has a quoted cell at line {line} that runs on over a line break into what reads as a whole row ({count} in all): a quote left open takes in the row after it, which is then no row of its own; close the quote, or write a quote inside a cell as \"\"",
        "warning_open_quotes",
    ),
    (
        " starts with a {bom} byte-order mark but is declared `encoding: {declared}`: it was read as {read}, as the mark says; remove `encoding:` for this dataset",
        "warning_bom_declared",
    ),
    (" has a header and no rows; nothing of it is on the site", "warning_header_only"),
    (
        " has cells merged down over several rows (the first {first}, {count} in all): each row such a cell covers is read with its value, as the sheet shows it",
        "warning_merged_cells",
    ),
    (
        "the comments hold more distinct keywords than text analysis keeps ({words} words and {phrases} two-word phrases): keywords were counted for one word in {word_share} and one phrase in {phrase_share}, chosen by a fixed hash of the keyword, so lists of keywords cover that sample only; comment, theme and sentiment counts are complete",
        "warning_sampled_keywords",
    ),
    (
        " has {missed} of {total} keys in column `{column}` that find no row of `{lookup}`",
        "warning_unmatched_keys",
    ),
    (" (`{lookup}` has keys like {key})", "warning_unmatched_theirs"),
    (" (`{lookup}` has no keys)", "warning_unmatched_no_keys"),
    ("; e.g. {example}; are the ids written the same way in both files?", "warning_unmatched_example"),
    ("; are the ids written the same way in both files?", "warning_unmatched_ask"),
    (
        " is read as {read}, but its bytes look like {other}; if its names or comments look garbled on the site, set `encoding: {other}`",
        "warning_encoding_mismatch",
    ),
    (
        " repeats score `{score}` (column `{column}`) on every row of a respondent: {constant} of the {several} respondents with more than one row give it one value on all their rows ({rows} rows from {respondents} respondents); it is counted once per row, so a respondent with more touchpoint rows weighs more; a respondent-level score belongs in its own dataset of one row per respondent (a wide export or the survey's response-level file)",
        "warning_repeated_score",
    ),
    (
        " repeats its header at line {line} ({count} in all): files joined together, or an export that writes the header on each page? Those lines are left out and the rows after them read as usual; check that no response is in the file twice",
        "warning_repeated_header",
    ),
];

/// A data-quality reason in the site's language. Reasons are written by ingest in English as
/// `column: why` or `why`; the known phrases are translated, the column names kept.
pub fn reason_label(reason: &str, cat: &Catalogue) -> String {
    let mut out = reason.to_string();
    for (pattern, key) in REASONS {
        out = replace_phrase(&out, pattern, key, cat);
    }
    // `column: why` with the locale's colon (Chinese `：`).
    out.replace(": ", cat.text("colon"))
}

/// A reader's warning in the site's language (file names and encodings kept); a reason it
/// quotes in its example (an unmatched join's key) is translated too.
pub fn warning_label(warning: &str, cat: &Catalogue) -> String {
    WARNINGS
        .iter()
        .chain(REASONS.iter())
        .fold(warning.to_string(), |out, (pattern, key)| replace_phrase(&out, pattern, key, cat))
}

/// One piece of a phrase: words, or the name of an argument.
enum Piece<'p> {
    Words(&'p str),
    Arg(&'p str),
}

/// A phrase cut at its `{name}`s.
fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            out.push(Piece::Words(&rest[..open]));
        }
        out.push(Piece::Arg(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Words(rest));
    }
    out
}

/// `text` with each place that reads as `pattern` replaced by the message `key` of `cat`, its
/// arguments filled with what stood in their places. A place whose argument would be empty or
/// span lines is no match.
fn replace_phrase(text: &str, pattern: &str, key: &str, cat: &Catalogue) -> String {
    let pieces = pieces(pattern);
    let Some(Piece::Words(first)) = pieces.first() else { return text.to_string() };
    let mut out = String::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(first).map(|i| from + i) {
        match match_at(text, found + first.len(), &pieces[1..]) {
            Some((end, args)) => {
                out.push_str(&text[from..found]);
                let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, *v)).collect();
                out.push_str(&cat.format(key, &args));
                from = end;
            }
            None => {
                let next = found + first.chars().next().map_or(1, char::len_utf8);
                out.push_str(&text[from..next]);
                from = next;
            }
        }
    }
    out.push_str(&text[from..]);
    out
}

/// Where the rest of a phrase (`pieces`, after its first words) ends when it starts at byte
/// `at` of `text`, and its arguments.
fn match_at<'t, 'p>(text: &'t str, mut at: usize, pieces: &[Piece<'p>]) -> Option<(usize, Vec<(&'p str, &'t str)>)> {
    let mut args = Vec::new();
    let mut k = 0;
    while k < pieces.len() {
        match pieces[k] {
            Piece::Words(w) => {
                if !text[at..].starts_with(w) {
                    return None;
                }
                at += w.len();
            }
            Piece::Arg(name) => {
                let end = match pieces.get(k + 1) {
                    Some(Piece::Words(w)) => at + text[at..].find(w)?,
                    _ => text[at..].find(char::is_whitespace).map_or(text.len(), |i| at + i),
                };
                let value = &text[at..end];
                if value.is_empty() || value.contains('\n') {
                    return None;
                }
                args.push((name, value));
                at = end;
            }
        }
        k += 1;
    }
    Some((at, args))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The metric ids `cxsite init` gives a grid of ratings read in the site's language; any
    /// other id is shown as written.
    #[test]
    fn a_grids_generic_metric_ids_are_named_in_each_locale() {
        let (en, zh) = (Catalogue::builtin("en").unwrap(), Catalogue::builtin("zh-CN").unwrap());
        assert_eq!(metric_label("rating", &[], &zh), "评分");
        assert_eq!(metric_label("rating_mean", &[], &zh), "评分 均分");
        assert_eq!(metric_label("ease", &[], &zh), "容易程度");
        assert_eq!(metric_label("rating", &[], &en), "Rating");
        assert_eq!(metric_label("positive_rate", &[], &zh), "Positive rate");
    }

    #[test]
    fn data_quality_reasons_are_translated_and_column_names_kept() {
        let (en, zh) = (Catalogue::builtin("en").unwrap(), Catalogue::builtin("zh-CN").unwrap());
        assert_eq!(reason_label("recommend: outside the scale 0–10", &zh), "recommend：超出量表范围 0–10");
        assert_eq!(reason_label("customer_id: no match in members", &zh), "customer_id：未匹配到 members");
        assert_eq!(reason_label("unreadable date", &en), "unreadable date");
        // A row that answered nothing, as the fold writes its example.
        assert_eq!(
            reason_label("data/s.csv:9: every score is blank or not applicable and there is no comment", &zh),
            "data/s.csv:9：评分均为空或不适用，也没有评论"
        );
        // Examples carry the reason after the place and the value.
        assert_eq!(
            reason_label("data/s.csv:11:推荐: \"11\" — outside the scale 0–10", &zh),
            "data/s.csv:11:推荐：\"11\" — 超出量表范围 0–10"
        );
        assert_eq!(
            reason_label("data/s.csv:121: no score could be used and there is no comment", &zh),
            "data/s.csv:121：没有可用的评分，也没有评论"
        );
    }

    /// Every phrase ingest writes (as it writes it, in src/produce) reads in Chinese on a
    /// Chinese site, its names and values kept; an English site shows it unchanged.
    #[test]
    fn every_data_quality_phrase_ingest_writes_is_translated() {
        let (en, zh) = (Catalogue::builtin("en").unwrap(), Catalogue::builtin("zh-CN").unwrap());
        let cases = [
            (
                "data/s.csv:7:tp: \"kiosk\" — not a touchpoint id or name of the journey",
                "data/s.csv:7:tp：\"kiosk\" — 不是旅程中触点的编号或名称",
            ),
            (
                "data/s.csv:12:customer_id: \"C01\" — no row of `members` has this key",
                "data/s.csv:12:customer_id：\"C01\" — members 中没有此键的行",
            ),
            ("Which products?: not a listed option", "Which products?：不是已列出的选项"),
            (
                "data/r.csv:6:Which products?: \"果冻\" — not an option of multi-select `products` (counted as answered; add it to `options:` to count it)",
                "data/r.csv:6:Which products?：\"果冻\" — 不是多选题 products 的选项（仍计为已回答；加到 `options:` 下即可计入该选项）",
            ),
            (
                "data/s.csv:3:nps: \"great\" — not a number and not a listed label (add it under `labels:` or `na:`)",
                "data/s.csv:3:nps：\"great\" — 既不是数字也不是已列出的标签（可加到 `labels:` 或 `na:` 下）",
            ),
            ("nps: not a number and not a listed label", "nps：既不是数字也不是已列出的标签"),
            ("comment: not valid GBK", "comment：不是有效的 GBK"),
            (
                "data/s.csv:9:comment: \"a�\" — bytes that are not valid GBK (shown as �); the cell is skipped",
                "data/s.csv:9:comment：\"a�\" — 不是有效的 GBK 字节（显示为 �），已跳过该单元格",
            ),
            ("preview or test response", "预览或测试回答"),
            ("data/q.csv:9: spam response, left out (see docs/exports.md)", "data/q.csv:9：垃圾回答，已剔除（见 docs/exports.md）"),
            (
                "data/s.csv:4: incomplete response, left out (see docs/exports.md)",
                "data/s.csv:4：未完成的回答，已剔除（见 docs/exports.md）",
            ),
            ("quoted cell swallows rows", "带引号的单元格吞并了多行"),
            (
                "data/s.csv:5: the quote opened on this line closes only on line 9, taking in 3 lines that read as rows",
                "data/s.csv:5：此行开始的引号到第 9 行才闭合，吞并了 3 行本应是数据行的内容",
            ),
            (
                "data/s.csv:8: the row has a different number of fields than the header",
                "data/s.csv:8：该行的字段数与表头不同",
            ),
            ("data/m.csv:2:id: blank key", "data/m.csv:2:id：键为空"),
            ("data/s.csv:9: empty row", "data/s.csv:9：空行"),
            ("a line of one cell", "只有一个单元格的行"),
            (
                "data/s.csv:204: \"Grand Totals (200 records)\" — a line of one cell under a header of 6 columns: a report's title, total or footer, not a response",
                "data/s.csv:204：\"Grand Totals (200 records)\" — 表头有 6 列，此行只有一个单元格：是报表的标题、合计或页脚，不是回答",
            ),
            ("empty row", "空行"),
        ];
        for (english, chinese) in cases {
            assert_eq!(reason_label(english, &zh), chinese);
            assert_eq!(reason_label(english, &en), english);
        }
        let warning = "data/s.csv starts with a UTF-8 byte-order mark but is declared `encoding: gbk`: it was read as UTF-8, as the mark says; remove `encoding:` for this dataset";
        assert_eq!(
            warning_label(warning, &zh),
            "data/s.csv 以 UTF-8 字节顺序标记开头，但声明的编码为 gbk：已按标记读作 UTF-8；请删除此数据集的 encoding 设置"
        );
        assert_eq!(warning_label(warning, &en), warning);
        let warning = "data/s.csv has a header and no rows; nothing of it is on the site";
        assert_eq!(warning_label(warning, &zh), "data/s.csv 只有表头，没有数据行；网站上没有它的任何数据");
        assert_eq!(warning_label(warning, &en), warning);
        let warning = "data/survey.csv has 6 of 6 keys in column `customer_id` that find no row of `members` (`members` has keys like \"C1\"); e.g. data/survey.csv:2:customer_id: \"CUST-1\" — no row of `members` has this key; are the ids written the same way in both files?";
        assert_eq!(
            warning_label(warning, &zh),
            "data/survey.csv 的 customer_id 列中，6 个键有 6 个在 members 中找不到对应的行（members 的键形如 \"C1\"）；例如 data/survey.csv:2:customer_id: \"CUST-1\" — members 中没有此键的行；两个文件中的编号写法是否一致？"
        );
        assert_eq!(warning_label(warning, &en), warning);
        let warning = "data/s.csv has 3 of 4 keys in column `id` that find no row of `m` (`m` has no keys); are the ids written the same way in both files?";
        assert_eq!(
            warning_label(warning, &zh),
            "data/s.csv 的 id 列中，4 个键有 3 个在 m 中找不到对应的行（m 没有任何键）；两个文件中的编号写法是否一致？"
        );
        // A phrase whose argument is missing is left as it is.
        assert_eq!(reason_label("no row of `` has this key", &zh), "no row of `` has this key");
    }

    #[test]
    fn periods_read_naturally_in_both_languages() {
        let (en, zh) = (Catalogue::builtin("en").unwrap(), Catalogue::builtin("zh-CN").unwrap());
        assert_eq!(period_label("2025-03", &en), "Mar 2025");
        assert_eq!(period_label("2025-03", &zh), "2025年3月");
        assert_eq!(period_label("2025-Q1", &en), "Q1 2025");
        assert_eq!(period_label("2025-Q1", &zh), "2025年第1季度");
        // Weeks without a leading zero; shorter on a chart's axis in English.
        assert_eq!(period_label("2024-W05", &en), "Week 5 2024");
        assert_eq!(period_label("2024-W05", &zh), "2024年第5周");
        assert_eq!(axis_period_label("2024-W05", &en), "W5 2024");
        assert_eq!(axis_period_label("2024-W05", &zh), "2024年第5周");
        assert_eq!(axis_period_label("2024-11", &en), "Nov 2024");
        assert_eq!(axis_period_label("2024-11", &zh), "2024年11月");
        assert_eq!(axis_period_label("2024-Q1", &en), "Q1 2024");
        assert_eq!(metric_label("csat_mean", &[], &zh), "满意度均分");
        // Never an upper-cased code: the id as written, `_` as spaces, a capital first letter.
        assert_eq!(metric_label("effort_mean", &[], &en), "Effort mean");
        assert_eq!(metric_label("positive_rate", &[], &en), "Positive rate");
        // A name given per locale wins, for the score and its mean.
        let mut s = ScoreDef::new("好评率", crate::project::ScoreKind::Rating, 1, 5, 4);
        s.names = vec![("en".into(), "Positive rate".into()), ("zh-CN".into(), "好评率".into())];
        assert_eq!(metric_label("好评率", std::slice::from_ref(&s), &en), "Positive rate");
        assert_eq!(metric_label("好评率_mean", std::slice::from_ref(&s), &zh), "好评率 均分");
    }
}
