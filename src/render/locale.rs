//! Interface text in each supported language. Templates read these as `t.KEY`.

use std::collections::BTreeMap;

use crate::project::Locale;

/// (key, English, Simplified Chinese).
const STRINGS: &[(&str, &str, &str)] = &[
    ("summary", "Summary", "摘要"),
    ("executive_summary", "Executive summary", "管理层摘要"),
    ("journey", "Journey", "旅程"),
    ("journey_map", "Journey map", "旅程地图"),
    ("trends", "Trends", "趋势"),
    ("drivers", "Key drivers", "关键驱动因素"),
    ("importance", "Driver importance", "驱动重要性"),
    ("harshness", "Harshness", "严苛度"),
    ("segments", "Segments", "客群"),
    ("segment", "Segment", "客群"),
    ("stage", "Stage", "阶段"),
    ("stages", "Stages", "阶段"),
    ("touchpoint", "Touchpoint", "触点"),
    ("touchpoints", "Touchpoints", "触点"),
    ("dimensions", "Breakdowns", "维度"),
    ("methodology", "Methodology", "方法说明"),
    ("data_quality", "Data quality", "数据质量"),
    ("pages", "Notes", "说明"),
    ("menu", "Menu", "菜单"),
    ("skip", "Skip to content", "跳到正文"),
    ("not_enough", "not enough answers", "样本不足"),
    ("n", "n", "样本量"),
    ("answers", "answers", "份回答"),
    ("interval", "95% interval", "95% 置信区间"),
    ("interval_short", "interval", "区间"),
    ("value", "Value", "数值"),
    ("change", "Change", "变化"),
    ("vs", "vs", "对比"),
    ("significant", "significant", "显著"),
    ("not_significant", "within noise", "不显著"),
    ("no_change_data", "no earlier period to compare", "无可比较的上期数据"),
    ("all_time", "All responses", "全部回答"),
    ("latest_period", "Latest period", "最新周期"),
    ("lowest_touchpoints", "Lowest-scoring touchpoints", "得分最低的触点"),
    ("fix_first", "Fix first", "优先改进"),
    ("pain_point", "pain point", "痛点"),
    ("findings", "Key findings", "关键发现"),
    ("journey_at_a_glance", "The journey at a glance", "旅程概览"),
    ("emotion_curve", "Emotion curve", "情绪曲线"),
    ("rank", "Rank", "排名"),
    ("name", "Name", "名称"),
    ("channel", "Channel", "渠道"),
    ("owner", "Owner", "负责团队"),
    ("distribution", "Distribution of answers", "回答分布"),
    ("by_segment", "By segment", "按客群"),
    ("by_touchpoint", "By touchpoint", "按触点"),
    ("comments", "What customers say", "客户原声"),
    ("comments_sample", "A random sample of comments; personal data is redacted.", "随机抽取的评论样本；个人信息已隐去。"),
    ("comments_count", "comments", "条评论"),
    ("no_comments", "No comments for this group.", "暂无评论。"),
    ("all_groups", "All groups", "全部分组"),
    ("groups", "groups", "个分组"),
    ("unrated", "below the minimum sample", "低于最小样本量"),
    ("events", "Events", "事件"),
    ("period", "Period", "周期"),
    ("event_lines", "Numbered dashed lines mark the events listed in the table of numbers and on the Trends page.", "带编号的虚线标出事件，详见数据表与趋势页。"),
    ("table_of_numbers", "The numbers", "数据表"),
    ("downloads", "Downloads", "下载"),
    ("dataset", "Dataset", "数据集"),
    ("rows_read", "Rows read", "读取行数"),
    ("rows_used", "Rows used", "使用行数"),
    ("rows_rejected", "Rows rejected", "拒绝行数"),
    ("values_skipped", "Values skipped", "跳过的值"),
    ("reason", "Reason", "原因"),
    ("count", "Count", "数量"),
    ("examples", "Examples", "示例"),
    ("column", "Column", "列"),
    ("valid", "Valid", "有效"),
    ("blank", "Blank", "空白"),
    ("not_applicable", "Not applicable", "不适用"),
    ("invalid", "Invalid", "无效"),
    ("source", "Source", "来源"),
    ("data_period", "Data period", "数据周期"),
    ("built_with", "Built with cxsite", "由 cxsite 生成"),
    ("trademark", "Net Promoter, Net Promoter Score and NPS are registered trademarks of Bain & Company, Inc., Satmetrix Systems, Inc. and Fred Reichheld.", "Net Promoter、Net Promoter Score 和 NPS 是 Bain & Company, Inc.、Satmetrix Systems, Inc. 和 Fred Reichheld 的注册商标。"),
    ("sort_hint", "Select a column heading to sort.", "点击列标题排序。"),
    ("zoomed", "axis zoomed to the data", "纵轴已按数据缩放"),
    ("significant_move", "significant change from the previous period", "较上期显著变化"),
    ("legend_value", "value", "数值"),
    ("legend_band", "95% interval", "95% 置信区间"),
    ("score", "Score", "得分"),
    ("share", "Share of answers", "回答占比"),
    ("overall", "All customers", "全体客户"),
    ("gap", "Gap to all customers", "与全体差距"),
    ("more", "more", "更多"),
    ("up", "up", "上升"),
    ("down", "down", "下降"),
    ("previous", "previous", "上期"),
    ("min_n_note", "Groups with fewer answers than the minimum show no number.", "回答数低于最小样本量的分组不显示数值。"),
];

/// The interface strings of a locale, by key.
pub fn strings(locale: Locale) -> BTreeMap<&'static str, &'static str> {
    STRINGS.iter().map(|(k, en, zh)| (*k, if locale == Locale::ZH_CN { *zh } else { *en })).collect()
}

/// A data-quality reason in the site's language. Reasons are written by ingest in English as
/// `column: why` or `why`; the known phrases are translated, the column names kept.
pub fn reason_label(reason: &str, locale: Locale) -> String {
    if locale != Locale::ZH_CN {
        return reason.to_string();
    }
    const PHRASES: [(&str, &str); 9] = [
        ("touchpoint not in the journey", "触点不在旅程中"),
        ("unreadable date", "无法识别的日期"),
        ("no match in", "未匹配到"),
        ("outside the scale", "超出量表范围"),
        ("not a number and not a listed label", "既不是数字也不是已列出的标签"),
        ("not a whole number on the scale", "不是量表上的整数"),
        ("no usable score or comment", "没有可用的评分或评论"),
        ("wrong number of fields", "字段数与表头不符"),
        ("blank key", "键为空"),
    ];
    let mut out = reason.to_string();
    for (en, zh) in PHRASES {
        out = out.replace(en, zh);
    }
    out
}

/// The display name of a metric id (`nps` → "NPS", `csat` → "CSAT", `ces` → "CES").
pub fn metric_label(metric: &str, locale: Locale) -> String {
    let zh = locale == Locale::ZH_CN;
    match metric {
        "nps" => "NPS".into(),
        "csat" => {
            if zh {
                "满意度 CSAT".into()
            } else {
                "CSAT".into()
            }
        }
        "csat_mean" => {
            if zh {
                "满意度均分".into()
            } else {
                "CSAT mean".into()
            }
        }
        "ces" => {
            if zh {
                "费力度 CES".into()
            } else {
                "CES".into()
            }
        }
        other => match other.strip_suffix("_mean") {
            Some(base) => format!("{} {}", base.to_uppercase(), if zh { "均分" } else { "mean" }),
            None => other.to_uppercase(),
        },
    }
}

/// A period key for people: `2025-03` → "Mar 2025" / "2025年3月".
pub fn period_label(key: &str, locale: Locale) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    if let Some((y, m)) = key.split_once('-') {
        if let Ok(m) = m.parse::<usize>() {
            if (1..=12).contains(&m) {
                return if locale == Locale::ZH_CN {
                    format!("{y}年{m}月")
                } else {
                    format!("{} {y}", MONTHS[m - 1])
                };
            }
        }
        if let Some(q) = m.strip_prefix('Q') {
            return if locale == Locale::ZH_CN { format!("{y}年第{q}季度") } else { format!("Q{q} {y}") };
        }
        if let Some(w) = m.strip_prefix('W') {
            return if locale == Locale::ZH_CN { format!("{y}年第{w}周") } else { format!("Week {w} {y}") };
        }
    }
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate key");
        assert!(STRINGS.iter().all(|(_, en, zh)| !en.is_empty() && !zh.is_empty()));
    }

    #[test]
    fn data_quality_reasons_are_translated_and_column_names_kept() {
        assert_eq!(reason_label("recommend: outside the scale 0–10", Locale::ZH_CN), "recommend: 超出量表范围 0–10");
        assert_eq!(reason_label("customer_id: no match in members", Locale::ZH_CN), "customer_id: 未匹配到 members");
        assert_eq!(reason_label("unreadable date", Locale::EN), "unreadable date");
    }

    #[test]
    fn periods_read_naturally_in_both_languages() {
        assert_eq!(period_label("2025-03", Locale::EN), "Mar 2025");
        assert_eq!(period_label("2025-03", Locale::ZH_CN), "2025年3月");
        assert_eq!(period_label("2025-Q1", Locale::EN), "Q1 2025");
    }
}
