//! Labels of rows that are no answers: the totals and summaries reports and hand-kept sheets
//! end with, and the rows Excel's Data → Subtotal writes. Shared by the fold (which leaves such
//! rows out) and init (which leaves them out of its guesses).

/// Whether a cell is a database's or a statistics tool's mark for "no value": `NULL` (any case),
/// `(null)`, `<null>`, `\N` (MySQL and PostgreSQL text dumps), `NaN` (pandas), `#NULL!` (SPSS,
/// Excel). Such a cell is read as blank everywhere: a score column 30 % `NULL` is a score with
/// blanks, not a breakdown of six values, and `NULL` is no store or comment. (`None` and `NA`
/// are not: a tier may be called `None`, and `NA` is a not-applicable answer.)
#[inline]
pub fn null_marker(cell: &str) -> bool {
    let t = cell.as_bytes();
    // Cheap first: most cells are longer, shorter or start otherwise.
    if !(2..=8).contains(&t.len()) || !matches!(t[0], b'N' | b'n' | b'(' | b'<' | b'\\' | b'#' | b' ') {
        return false;
    }
    let t = cell.trim();
    ["null", "(null)", "<null>", "nan", "#null!"].iter().any(|m| t.eq_ignore_ascii_case(m)) || t == "\\N"
}

/// A label cell as the lists below hold it: invisible characters taken out, a note in brackets
/// and a colon after it dropped, lower case, and a Chinese label's padding (`合　计`) taken
/// out; `None` when that leaves nothing or more than `max` bytes.
fn label_key(text: &str, max: usize) -> Option<String> {
    let t = crate::aggregate::redact::cell_value(text);
    let t = t.split(['(', '（']).next().unwrap_or("").trim().trim_end_matches([':', '：']).trim();
    if t.is_empty() || t.len() > max {
        return None;
    }
    let mut low = t.to_lowercase();
    // `合 计`, `合　计`: Chinese reports pad a two-character label to line up with longer ones.
    if low.chars().any(crate::text::is_han) {
        low.retain(|c| !c.is_whitespace());
    }
    Some(low)
}

/// Whether `text` labels a totals or summary row, as exports and hand-kept sheets end with
/// one: `Total`, `Totals`, `Grand total`, `Subtotal`, `Sum`, `Average`, `Mean`, `Median`,
/// `合计`, `总计`, `小计`, `平均`, `平均值`, `均值`, `中位数`, `汇总`… (any case, a colon after it, or
/// a note in brackets after it: `Total (30 responses)`; Chinese padded to the width of a
/// longer label, `合　计`, as well), German, French, Spanish and Italian ones (`Durchschnitt`,
/// `Summe/Mittelwert`, `Moyenne`, `Promedio`), what Excel's Descriptive Statistics puts under a
/// column (`Mode`, `Minimum`, `Max`, `Std. Deviation`, `Variance`, `众数`, `最大值`…), or a count
/// of answers, `N = 1,234`.
pub fn totals_label(text: &str) -> bool {
    let Some(low) = label_key(text, 24) else { return false };
    if let Some(count) = low.strip_prefix(['n', 'ｎ']).map(str::trim_start).and_then(|r| r.strip_prefix(['=', '＝']))
    {
        let count = count.trim();
        return !count.is_empty() && count.chars().all(|c| c.is_ascii_digit() || c == ',');
    }
    labelled_by(&low, &[SUM_AND_MEAN_WORDS, OTHER_TOTALS_WORDS])
}

/// Whether a label key is made of the `lists`' words, or is a pivot table's or a period's
/// total ([`pivot_or_period_total`]).
fn labelled_by(low: &str, lists: &[&[&str]]) -> bool {
    // `Avg.`, `Std. dev.`: an abbreviation's point is no part of the label.
    let low = low.trim_end_matches('.');
    let listed = |part: &str| lists.iter().any(|l| l.contains(&part.trim().trim_end_matches('.')));
    // `Summe/Mittelwert`: a row of sums and means, labelled for both.
    low.split('/').all(listed) || pivot_or_period_total(low)
}

/// A label a pivot table or a Chinese report writes on its totals: `Count of NPS`, `Average
/// of Score` (Excel's pivot in English), `求和项:推荐`, `平均值项:满意度` (in Chinese), and a
/// period's or the whole's total, `本月合计`, `全年合计`, `总平均`, `总体平均` (a short Chinese label
/// ending in a totals word).
fn pivot_or_period_total(low: &str) -> bool {
    const PIVOT_EN: [&str; 6] = ["count of ", "average of ", "sum of ", "mean of ", "max of ", "min of "];
    const PIVOT_ZH: [&str; 6] = ["求和项", "计数项", "平均值项", "最大值项", "最小值项", "求和項"];
    const ZH_ENDS: [&str; 7] = ["合计", "合計", "总计", "總計", "小计", "平均", "汇总"];
    if PIVOT_EN.iter().any(|p| low.strip_prefix(p).is_some_and(|rest| !rest.trim().is_empty())) {
        return true;
    }
    if PIVOT_ZH.iter().any(|p| low.starts_with(p)) {
        return true;
    }
    low.chars().all(crate::text::is_han) && low.chars().count() <= 6 && ZH_ENDS.iter().any(|e| low.ends_with(e))
}

/// Whether a totals label names a sum or a mean (`Total`, `Subtotal`, `Sum`, `Average`, `Mean`,
/// `合计`, `小计`, `平均`, `均值`, `汇总`, `Durchschnitt`, `N = 30`, `Count of NPS`, `本月合计`): a
/// report's own line however often it comes (a sheet may close each day with `平均`), never a
/// value. A statistic or summary word a group or person may be called (`Max`, `Mode`,
/// `Promoter`) is not one.
pub fn sums_or_means(text: &str) -> bool {
    let Some(low) = label_key(text, 24) else { return false };
    if low.strip_prefix(['n', 'ｎ']).map(str::trim_start).is_some_and(|r| r.starts_with(['=', '＝'])) {
        return true;
    }
    labelled_by(&low, &[SUM_AND_MEAN_WORDS])
}

/// Whether a totals or summary label found on `count` of a file's `rows` rows is a value of
/// its column instead (a plan `Max`, an NPS group `Promoter` first on every row): on at least
/// five rows and one in twenty. A report's summary lines are a few, each label once or once a
/// section; a value repeats with the rows. (Sums and means, [`sums_or_means`], and rows of a
/// dataset with dates are never asked: a sheet may close each section with its average.)
pub fn label_of_many_rows(count: u64, rows: u64) -> bool {
    count >= 5 && count * 20 >= rows
}

/// Whether `text` labels a line of the summary a report puts after its data, in English,
/// Chinese, German, French or Spanish: the block's heading (`Summary`, `统计`), the groups of an
/// NPS (`Promoters`, `贬损者`), the score itself (`NPS Score`, `净推荐值`), a count of answers
/// (`Total responses`, `共计`, `n`) or all the groups together (`Overall`, `All stores`). Any
/// case, a colon or a note in brackets after it. A store may be called `Overall` or `All
/// Saints` (not listed): a reader also asks for the row's shape ([`summary_shape`]).
pub fn summary_label(text: &str) -> bool {
    let Some(low) = label_key(text, 40) else { return false };
    let low = low.trim_start_matches(['%', '#']).trim_end_matches(['%', '.']).trim();
    all_groups(low) || SUMMARY_WORDS.contains(&low)
}

/// Whether `text` is a [`summary_label`] that names all the groups together (`Overall`, `All`,
/// `All stores`, `总体`, `全部门店`): a word a journey's own rows use too (an aspect `Overall`
/// rated 9, a store `All`), so told from a response only where a date says which rows are
/// answers (see the fold's `totals_row`).
pub fn names_a_whole(text: &str) -> bool {
    const WHOLE: &[&str] =
        &["overall", "all", "overview", "alle", "insgesamt", "总体", "總體", "整体", "全部", "所有门店", "全部门店"];
    let Some(low) = label_key(text, 40) else { return false };
    let low = low.trim();
    WHOLE.contains(&low) || all_groups(low)
}

/// Whether a label key names all of some groups: `all stores`, `alle filialen`, `tous les
/// magasins`, `todas las tiendas`.
fn all_groups(low: &str) -> bool {
    ["all ", "alle ", "tous les ", "toutes les ", "todos los ", "todas las "]
        .iter()
        .find_map(|a| low.strip_prefix(a))
        .is_some_and(|rest| GROUPS.contains(&rest.trim()))
}

/// Whether the cells of a row besides its [`summary_label`] have a summary's shape: blank but
/// for at most one number (a count, a share or a score: `6`, `-55`, `42%`, `1,234`, `12.5`).
/// A response has its answers, a date, a comment: more than one filled cell, or words.
pub fn summary_shape<'a>(others: impl IntoIterator<Item = &'a str>) -> bool {
    let mut filled = others.into_iter().map(str::trim).filter(|c| !c.is_empty());
    let number = |c: &str| {
        c.chars().any(|ch| ch.is_ascii_digit())
            && c.chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '-' | '+' | '.' | ',' | '%' | ' '))
    };
    filled.next().is_none_or(number) && filled.next().is_none()
}

/// The group a label of Excel's Data → Subtotal names, in lower case: Excel writes the group's
/// value and the function under each group and at the end (`Central Total`, `Central
/// Average`, `Harbour Max`, `Grand Count`; `Central 汇总`, `Central 平均值`, `总计` in Chinese
/// Excel), on a row whose other label cells are blank. `None` for any other text. A product
/// called `AirPods Max` reads as one too, so a reader also asks for the row's shape (a blank
/// date, the group's rows just before it).
pub fn subtotal_group(text: &str) -> Option<String> {
    const EN: [&str; 11] =
        ["total", "average", "count", "max", "min", "sum", "product", "stddev", "stddevp", "var", "varp"];
    // Chinese, Japanese and Korean Excel write the function after the group (`华东 平均值`,
    // `東京 最大`, `서울 평균`), longer names first so that `データの個数` is not read as `個数`.
    const CJK: [&str; 31] = [
        "汇总",
        "彙總",
        "计数",
        "計數",
        "平均值",
        "最大值",
        "最小值",
        "乘积",
        "方差",
        "标准偏差",
        "总计",
        "データの個数",
        "数値の個数",
        "個数",
        "集計",
        "標本標準偏差",
        "標準偏差",
        "標本分散",
        "分散",
        "平均",
        "最大",
        "最小",
        "積",
        "숫자 개수",
        "개수",
        "요약",
        "표준 편차",
        "분산",
        "평균",
        "최대",
        "최소",
    ];
    let t = crate::aggregate::redact::cell_value(text);
    let low = t.trim().to_lowercase();
    if low.len() > 200 {
        return None;
    }
    // German Excel writes the function after the group (`Köln Ergebnis`, `Köln Mittelwert`);
    // French, Spanish, Italian and Dutch Excel before it (`Total Köln`, `Promedio Köln`).
    const DE: [&str; 6] = ["ergebnis", "mittelwert", "anzahl", "summe", "maximum", "minimum"];
    const BEFORE: [&str; 20] = [
        "total",
        "promedio",
        "recuento",
        "cuenta",
        "moyenne",
        "nombre",
        "totale",
        "totaal",
        "gemiddelde",
        "somme",
        "media",
        "conteggio",
        "aantal",
        "produit",
        "max",
        "min",
        "máx",
        "mín",
        "máximo",
        "mínimo",
    ];
    if let Some((head, last)) = low.rsplit_once(char::is_whitespace) {
        let last = last.trim_end_matches('.');
        if !head.trim().is_empty() && (EN.contains(&last) || DE.contains(&last)) {
            return Some(head.trim().to_string());
        }
    }
    if let Some((first, rest)) = low.split_once(char::is_whitespace) {
        if !rest.trim().is_empty() && BEFORE.contains(&first) {
            return Some(rest.trim().to_string());
        }
    }
    // The grand line: `全体の平均` (Japanese), `전체 평균` (Korean) name the whole `全体`, `전체`.
    CJK.iter()
        .find_map(|w| low.strip_suffix(w))
        .map(|head| head.trim().trim_end_matches('の').trim())
        .filter(|head| !head.is_empty())
        .map(str::to_string)
}

/// Whether a [`subtotal_group`] names the whole rather than one group: the grand line Excel's
/// Data → Subtotal ends with (`Grand Total`, `总计平均值`, `全体の平均`, `전체 평균`).
pub fn grand_subtotal(group: &str) -> bool {
    matches!(group, "grand" | "总计" | "總計" | "全体" | "전체" | "総計")
}

/// The groups a summary line names together after `all` (`All stores`, `Alle Filialen`, `Tous
/// les magasins`, `Todas las tiendas`).
const GROUPS: &[&str] = &[
    "stores",
    "shops",
    "locations",
    "branches",
    "regions",
    "sites",
    "channels",
    "segments",
    "groups",
    "responses",
    "respondents",
    "customers",
    "countries",
    "markets",
    "departments",
    "teams",
    "products",
    "touchpoints",
    "filialen",
    "standorte",
    "märkte",
    "antworten",
    "magasins",
    "réponses",
    "tiendas",
    "sucursales",
    "respuestas",
    "regionen",
];

/// The labels of a summary's lines ([`summary_label`]), in lower case.
const SUMMARY_WORDS: &[&str] = &[
    "summary",
    "overview",
    "overall",
    "overall score",
    "overall nps",
    "all",
    "total responses",
    "total respondents",
    "total response",
    "responses",
    "respondents",
    "response count",
    "number of responses",
    "no. of responses",
    "sample size",
    "n",
    "promoters",
    "passives",
    "neutrals",
    "detractors",
    "promoter",
    "passive",
    "detractor",
    "nps",
    "nps score",
    "net promoter score",
    "csat",
    "csat score",
    "共计",
    "共計",
    "总共",
    "总数",
    "總數",
    "总体",
    "總體",
    "整体",
    "全部",
    "所有门店",
    "全部门店",
    "样本量",
    "樣本量",
    "样本数",
    "有效样本",
    "有效样本数",
    "回复数",
    "答卷数",
    "有效答卷",
    "推荐者",
    "推薦者",
    "中立者",
    "被动者",
    "贬损者",
    "貶損者",
    "批评者",
    "净推荐值",
    "淨推薦值",
    "nps值",
    "统计",
    "統計",
    "总结",
    "小结",
    "zusammenfassung",
    "übersicht",
    "insgesamt",
    "gesamtergebnis",
    "alle",
    "anzahl",
    "anzahl antworten",
    "promotoren",
    "indifferente",
    "detraktoren",
    "kritiker",
    "nps-wert",
    "nps wert",
    "résumé",
    "synthèse",
    "ensemble",
    "global",
    "tous",
    "nombre de réponses",
    "promoteurs",
    "passifs",
    "neutres",
    "détracteurs",
    "score nps",
    "resumen",
    "en total",
    "todos",
    "número de respuestas",
    "total de respuestas",
    "promotores",
    "pasivos",
    "neutros",
    "detractores",
    "puntuación nps",
];

/// The words that label a sum or a mean ([`sums_or_means`]), in lower case; with
/// [`OTHER_TOTALS_WORDS`], the words of [`totals_label`].
const SUM_AND_MEAN_WORDS: &[&str] = &[
    "total",
    "totals",
    "grand total",
    "grand totals",
    "subtotal",
    "subtotals",
    "sub-total",
    "sub total",
    "sum",
    "average",
    "averages",
    "avg",
    "mean",
    "mean score",
    "overall average",
    "合计",
    "合計",
    "总计",
    "總計",
    "小计",
    "小計",
    "总和",
    "平均",
    "平均值",
    "平均分",
    "平均数",
    "平均得分",
    "均值",
    "汇总",
    "彙總",
    "durchschnitt",
    "mittelwert",
    "summe",
    "gesamt",
    "gesamtsumme",
    "moyenne",
    "somme",
    "total général",
    "promedio",
    "suma",
    "totale",
];

/// The other words and phrases that label a totals row ([`totals_label`]), in lower case:
/// longer names of a mean (`average score`), statistics a group or person may be called
/// (`Max`, `Mode`, `Count`), and other languages' totals.
const OTHER_TOTALS_WORDS: &[&str] = &[
    "average score",
    "average rating",
    "avg score",
    "count",
    "std dev",
    "std. dev",
    "standard deviation",
    "计数",
    "標準差",
    "标准差",
    "median",
    "中位数",
    // What Excel's Descriptive Statistics (and a hand-kept sheet) puts under a column.
    "mode",
    "minimum",
    "maximum",
    "min",
    "max",
    "range",
    "variance",
    "sample variance",
    "std deviation",
    "std. deviation",
    "stdev",
    "stddev",
    "standard error",
    "std error",
    "std. error",
    "kurtosis",
    "skewness",
    "众数",
    "最小值",
    "最大值",
    "方差",
    "标准偏差",
    "标准误差",
    "峰度",
    "偏度",
    "求和",
    "观测数",
    "médiane",
    "mediana",
    "varianz",
    "standardabweichung",
    "écart type",
    "écart-type",
    "varianza",
    "desviación estándar",
    // Grand totals and means as Excel and reports write them in other languages, and the
    // signs a German sheet puts for a mean (`Ø`) or a sum (`∑`).
    "gesamtergebnis",
    "insgesamt",
    "anzahl",
    "ø",
    "⌀",
    "∑",
    "σ",
    "total general",
    "total geral",
    "totaal",
    "eindtotaal",
    "gemiddelde",
    "totale complessivo",
    "totale generale",
    "somma",
    "soma",
    "总平均",
    "总分",
    // A Chinese report's count of answers under its table.
    "样本数",
    "样本量",
    "样本总数",
    "有效样本",
    "有效样本数",
    "回收数",
    // Japanese and Korean reports and Excel (its Subtotal's grand lines, its Descriptive
    // Statistics).
    "総計",
    "総合計",
    "全体平均",
    "全体の平均",
    "全体の合計",
    "全体の集計",
    "全体の最大",
    "全体の最小",
    "全体の個数",
    "平均値",
    "中央値",
    "最大",
    "最小",
    "最大値",
    "最小値",
    "標準偏差",
    "件数",
    "합계",
    "총합계",
    "총계",
    "소계",
    "평균",
    "전체 평균",
    "최대",
    "최소",
    "최대값",
    "최소값",
    "최댓값",
    "최솟값",
    "중앙값",
    "표준편차",
    "표준 편차",
    "개수",
    // SurveyMonkey's summary lines under a question.
    "answered",
    "skipped",
    "answered question",
    "skipped question",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_labels_and_shapes_are_told_from_stores_and_responses() {
        for label in [
            "Summary",
            "Promoters",
            "Passives:",
            "DETRACTORS",
            "NPS Score",
            "NPS",
            "Total responses",
            "Responses",
            "n",
            "Overall",
            "All stores",
            "All Stores (Q1)",
            "共计",
            "贬损者",
            "净推荐值",
            "Alle Filialen",
            "Insgesamt",
            "Détracteurs",
            "Tous les magasins",
            "Promotores",
            "Todas las tiendas",
            "% Promoters",
        ] {
            assert!(summary_label(label), "{label:?}");
        }
        for text in ["All Saints", "Allston", "North", "Store 12", "Promoter Road", "Nord", ""] {
            assert!(!summary_label(text), "{text:?}");
        }
        assert!(summary_shape(["6", ""]));
        assert!(summary_shape(["", "-55", "", ""]));
        assert!(summary_shape(["42%"]));
        assert!(summary_shape(["", ""]));
        // A response: a score and a date, a score and a comment, or words.
        assert!(!summary_shape(["9", "2024-01-03"]));
        assert!(!summary_shape(["9", "friendly staff"]));
        assert!(!summary_shape(["great"]));
    }

    #[test]
    fn null_markers_are_told_from_values() {
        for cell in ["NULL", "null", "Null", " NULL ", "(null)", "<NULL>", "\\N", "NaN", "nan", "#NULL!"] {
            assert!(null_marker(cell), "{cell:?}");
        }
        for cell in ["None", "NA", "N/A", "N", "\\n", "Nullarbor", "nano", "0", "", "Nan Shan"] {
            assert!(!null_marker(cell), "{cell:?}");
        }
    }

    #[test]
    fn excel_subtotal_labels_name_their_group() {
        for (label, group) in [
            ("Central Total", "central"),
            ("Central Average", "central"),
            ("Grand Count", "grand"),
            ("North  Max.", "north"),
            ("Shop 12 StdDev", "shop 12"),
            ("Central 汇总", "central"),
            ("华东 平均值", "华东"),
            ("总计平均值", "总计"),
            ("Köln Ergebnis", "köln"),
            ("Köln Mittelwert", "köln"),
            ("Total Köln", "köln"),
            ("Promedio Madrid", "madrid"),
            ("Totale Milano", "milano"),
            // French, Spanish, Italian and Dutch Excel write Max and Min before the group too.
            // (So a `Max Mustermann` reads as one: the reader asks for a blank date and no
            // comment on the row as well.)
            ("Max Berlin", "berlin"),
            ("Min München", "münchen"),
            ("Máx Sevilla", "sevilla"),
            // Japanese and Korean Excel, and their grand lines.
            ("東京 最大", "東京"),
            ("大阪 データの個数", "大阪"),
            ("名古屋 集計", "名古屋"),
            ("全体の最大", "全体"),
            ("서울 평균", "서울"),
            ("부산 숫자 개수", "부산"),
            ("전체 평균", "전체"),
        ] {
            assert_eq!(subtotal_group(label).as_deref(), Some(group), "{label:?}");
        }
        for text in ["Total", "Max", "Maximum", "汇总", "平均值", "Totally", "Central", "Maxime Dupont", ""] {
            assert_eq!(subtotal_group(text), None, "{text:?}");
        }
    }

    #[test]
    fn totals_and_summary_labels_are_told_from_names_and_answers() {
        for label in [
            "Total",
            "GRAND TOTAL",
            "Subtotal:",
            "Sub-total (north)",
            "Median",
            "合计",
            "合　计",
            "总 计：",
            "中位数",
            "样本数",
            "N = 1,234",
            "Average score",
            "Avg.",
            "Count",
            "Std. dev.",
            "n=30",
            "Ｎ＝30",
            "Durchschnitt",
            "Gesamtergebnis",
            "Ø",
            "∑",
            "Total general",
            "Totaal",
            "Eindtotaal",
            "Gemiddelde",
            "Totale complessivo",
            "Anzahl",
            "总平均",
            "总体平均",
            "本月合计",
            "全年合计",
            "总分",
            "Count of NPS",
            "Average of Satisfaction",
            "求和项:推荐意愿",
            "平均值项：满意度",
            "Answered",
            "Skipped",
            "Summe/Mittelwert",
            "Moyenne",
            "Promedio",
            "Mode",
            "Std. Deviation",
            "Minimum",
            "Max",
            "Sample Variance",
            "最大值",
            "标准偏差",
            "総計",
            "全体の平均",
            "中央値",
            "합계",
            "총합계",
            "평균",
            "표준 편차",
        ] {
            assert!(totals_label(label), "{label:?}");
        }
        // A store, a yes/no answer, a count with words, a name that starts like a label.
        for name in [
            "Total Wine",
            "N",
            "n = many",
            "n =",
            "Nanjing",
            "合计划",
            "Totalbank",
            "平均主义者",
            "Y",
            "n/a",
            "Summe/Filiale",
            "Maxim",
            "Model",
            "Mindestens",
        ] {
            assert!(!totals_label(name), "{name:?}");
        }
    }
}
