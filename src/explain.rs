//! `cxsite explain METRIC`: a metric's definition, formula and source, in the words of the
//! methodology page. The texts live in `docs/explain/<locale>.md`, embedded at compile time.

use std::path::Path;

use crate::error::{Error, Result};
use crate::project::Locale;

const EN: &str = include_str!("../docs/explain/en.md");
const ZH_CN: &str = include_str!("../docs/explain/zh-CN.md");

/// One explained metric: the words that name it, and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// The first word is the metric's id; the rest are aliases.
    pub names: Vec<&'a str>,
    /// The text, from its title line on.
    pub text: &'a str,
}

/// The entries of a catalogue: sections starting with `## id alias…`.
pub fn entries(catalogue: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let mut rest = catalogue;
    while let Some(at) = rest.find("\n## ") {
        let body = &rest[at + 4..];
        let (head, after) = body.split_once('\n').unwrap_or((body, ""));
        let end = after.find("\n## ").unwrap_or(after.len());
        out.push(Entry { names: head.split_whitespace().collect(), text: after[..end].trim() });
        rest = &after[end..];
    }
    out
}

/// The catalogue of a locale (English for a locale without explanations of its own).
pub fn catalogue(locale: Locale) -> &'static str {
    if locale == Locale::ZH_CN {
        ZH_CN
    } else {
        EN
    }
}

/// The locale named on the command line, or the one of `./cxsite.yaml`, or English.
pub fn resolve_locale(flag: Option<&str>, cwd: &Path) -> Result<Locale> {
    match flag {
        Some("en") => return Ok(Locale::EN),
        Some("zh-CN") | Some("zh-cn") | Some("zh") => return Ok(Locale::ZH_CN),
        Some(other) => return Err(Error::Usage(format!("--locale `{other}`: use `en` or `zh-CN`"))),
        None => {}
    }
    Ok(project_settings(cwd).0)
}

/// The locale, min_n and confidence of the project in `cwd`, with the defaults when there is
/// none. A project that does not load still lends its `locale:` line.
fn project_settings(cwd: &Path) -> (Locale, u64, f64) {
    let yaml = cwd.join(crate::project::PROJECT_FILE);
    if !yaml.is_file() {
        return (Locale::EN, 30, 0.95);
    }
    if let Ok(p) = crate::project::load(cwd) {
        return (p.locale, p.min_n, p.confidence);
    }
    let text = std::fs::read_to_string(&yaml).unwrap_or_default();
    let zh = text.lines().any(|l| {
        let l = l.trim();
        l.strip_prefix("locale:").is_some_and(|v| v.trim().trim_matches(['"', '\'']).starts_with("zh"))
    });
    (if zh { Locale::ZH_CN } else { Locale::EN }, 30, 0.95)
}

/// The text `cxsite explain METRIC` prints.
pub fn explain(metric: &str, locale: Locale, cwd: &Path) -> Result<String> {
    let (_, min_n, confidence) = project_settings(cwd);
    let all = entries(catalogue(locale));
    let wanted = metric.trim().to_lowercase().replace('_', "-");
    if wanted == "list" || wanted.is_empty() {
        let mut out = String::new();
        for e in &all {
            let title = e.text.lines().next().unwrap_or("");
            out.push_str(&format!("  {:<12} {title}\n", e.names[0]));
        }
        out.push_str("\ncxsite explain METRIC prints one of them.\n");
        return Ok(out);
    }
    let found = all.iter().find(|e| e.names.iter().any(|n| n.to_lowercase().replace('_', "-") == wanted));
    match found {
        Some(e) => Ok(format!(
            "{}\n",
            e.text.replace("{min_n}", &min_n.to_string()).replace("{confidence}", &confidence.to_string())
        )),
        None => {
            let ids: Vec<&str> = all.iter().map(|e| e.names[0]).collect();
            Err(Error::Usage(format!(
                "no explanation of `{metric}`{}; known: {}",
                crate::error::hint(metric, &ids),
                ids.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_explain_the_same_metrics() {
        let ids = |c| entries(c).iter().map(|e| e.names.clone()).collect::<Vec<_>>();
        assert_eq!(ids(EN), ids(ZH_CN));
        for must in ["nps", "csat", "mean", "ces", "change", "drivers", "harshness", "stars", "themes", "min_n"] {
            assert!(entries(EN).iter().any(|e| e.names[0] == must), "{must}");
        }
    }

    #[test]
    fn aliases_and_placeholders_resolve() {
        let dir = Path::new("/nonexistent-cxsite-dir");
        let text = explain("shrinkage", Locale::EN, dir).unwrap();
        assert!(text.contains("m = 30"), "{text}");
        assert!(explain("NPS", Locale::ZH_CN, dir).unwrap().contains("推荐者"));
        assert!(explain("npz", Locale::EN, dir).is_err());
    }
}
