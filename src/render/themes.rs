//! "What customers say": a group's top themes with their sentiment, its distinguishing
//! keywords (weighted log-odds with an informative Dirichlet prior, Monroe, Colaresi & Quinn
//! 2008) and a verbatim sample balanced by sentiment that covers its top themes.

use serde::Serialize;

use super::clean_text;
use super::format::Numbers;
use super::routes;
use super::views::CommentView;
use super::Ctx;
use crate::aggregate::{verbatims, Dim, GroupKey, SampleKey};
use crate::metrics::keywords::KeywordScore;
use crate::text::members;

/// Themes and keywords shown per group.
const TOP: usize = 8;

/// One theme of a group.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeBar {
    pub name: String,
    pub mentions: u64,
    /// Share of the group's comments, percent (rounded).
    pub share: u64,
    /// Negative and positive shares of the theme's mentions, percent (the bar's lengths); 0
    /// under `min_n` mentions.
    pub negative: u64,
    pub positive: u64,
    /// The numbers above as the site writes numbers (`1,125`, `12%`); the sentiment shares
    /// `–` under `min_n` mentions.
    pub mentions_text: String,
    pub share_text: String,
    pub negative_text: String,
    pub positive_text: String,
    /// Whether the theme has `min_n` mentions, so its sentiment shares are shown.
    pub felt: bool,
}

/// One distinguishing keyword.
#[derive(Debug, Clone, Serialize)]
pub struct KeywordBar {
    pub word: String,
    pub count: u64,
    /// `count` as the site writes numbers (`1,184`).
    pub count_text: String,
    /// z-score of the weighted log-odds, one decimal.
    pub z: String,
    /// Bar length, percent of the largest z shown.
    pub width: u64,
    /// The word's language when it is not the page's (see `Ctx::foreign_language`).
    pub lang: String,
}

/// One comment question of a group (datasets with several comment columns).
#[derive(Debug, Clone, Serialize)]
pub struct QuestionBar {
    /// The question's label in the site's locale.
    pub label: String,
    /// Comments answering the question, as the site writes numbers (`1,125`).
    pub comments: String,
    /// Share of the group's comments (`12%`).
    pub share: String,
    /// Negative and positive shares (`12%`) and the top themes (names joined); `–` and blank
    /// under `min_n` comments.
    pub negative: String,
    pub positive: String,
    pub themes: String,
}

/// Theme names listed per question.
const QUESTION_THEMES: usize = 3;

/// A keyword as a reader writes it: a phrase of two Chinese words without the space that
/// joins every two-word phrase (`配送 速度` is read 配送速度; `app crashes` and `配送 app`
/// keep theirs). keywords.csv keeps the phrase as counted.
fn shown_keyword(word: &str) -> std::borrow::Cow<'_, str> {
    match word.split_once(' ') {
        Some((a, b))
            if !b.contains(' ')
                && a.chars().next_back().is_some_and(crate::text::is_han)
                && b.chars().next().is_some_and(crate::text::is_han) =>
        {
            format!("{a}{b}").into()
        }
        _ => word.into(),
    }
}

/// `a` of `b` as the site writes a whole percent (`12%`), or `–` when not `shown`.
fn share(num: &Numbers, shown: bool, a: u64, b: u64) -> String {
    if shown {
        num.share(pct(a, b) as f64)
    } else {
        "–".into()
    }
}

fn pct(a: u64, b: u64) -> u64 {
    if b == 0 {
        0
    } else {
        (100.0 * a as f64 / b as f64).round() as u64
    }
}

impl Ctx<'_> {
    /// The first [`TOP`] distinguishing keywords of a group (none for all customers over all
    /// periods, or under `min_n` comments), as bars scaled to the first's z.
    pub(super) fn keyword_bars(&self, key: &GroupKey) -> Vec<KeywordBar> {
        let Some(row) = self.metrics.themes.keywords_of(key) else { return vec![] };
        let words: Vec<(&KeywordScore, f64)> = row.words.iter().take(TOP).filter_map(|k| k.z.map(|z| (k, z))).collect();
        let max = words.first().map_or(1.0, |k| k.1);
        words
            .into_iter()
            .map(|(k, z)| KeywordBar {
                lang: self.foreign_language(&k.word),
                word: clean_text(&shown_keyword(&k.word)),
                count: k.count,
                count_text: self.num().count(k.count),
                z: format!("{z:.1}"),
                width: (100.0 * z / max).round() as u64,
            })
            .collect()
    }

    /// A theme's name in the site's language.
    pub(super) fn theme_name(&self, t: usize) -> String {
        self.project.text.themes.get(t).map_or_else(String::new, |th| clean_text(th.display(self.project.locale.tag())))
    }

    /// Where a theme's section is, from the site root.
    pub(super) fn theme_route(&self, t: usize) -> String {
        self.project.text.themes.get(t).map_or_else(|| routes::THEMES.to_string(), |th| routes::theme(&th.id))
    }

    /// The themes mentioned (most first) and distinguishing keywords of a group (none under
    /// min_n comments).
    pub(super) fn voc(&self, dim: Dim, group: &str) -> (Vec<ThemeBar>, Vec<KeywordBar>) {
        let text = &self.ingested.text;
        let Some(g) = text.group(dim, group).filter(|g| g.comments >= self.project.min_n) else {
            return (vec![], vec![]);
        };
        let mut themes: Vec<(usize, &crate::aggregate::ThemeCounts)> = g.themes.iter().map(|(t, c)| (*t, c)).collect();
        themes.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
        let num = self.num();
        // Every theme mentioned, not the first few: a table cut short with no word left out
        // themes a quote card on the same page is tagged with (the audit found three).
        let bars = themes
            .into_iter()
            .filter(|(_, c)| c.mentions > 0)
            .map(|(t, c)| {
                // Sentiment shares from min_n mentions, as the themes page and the table of
                // questions show them: "67% negative" of 3 comments is one comment's mood.
                let big = c.mentions >= self.project.min_n;
                let (negative, positive) =
                    if big { (pct(c.sentiment[0], c.mentions), pct(c.sentiment[2], c.mentions)) } else { (0, 0) };
                let share_of_comments = pct(c.mentions, g.comments);
                ThemeBar {
                    name: self.theme_name(t),
                    mentions: c.mentions,
                    share: share_of_comments,
                    negative,
                    positive,
                    mentions_text: num.count(c.mentions),
                    share_text: num.share(share_of_comments as f64),
                    negative_text: share(num, big, c.sentiment[0], c.mentions),
                    positive_text: share(num, big, c.sentiment[2], c.mentions),
                    felt: big,
                }
            })
            .collect();
        (bars, self.keyword_bars(&GroupKey::all(dim, group)))
    }

    /// Each comment question's counts in a group, when comments are shown with their question
    /// (see [`crate::project::Project::shows_questions`]), the group has `min_n` comments and
    /// they answer more than one question (one question's row would only say 100%).
    pub(super) fn voc_questions(&self, dim: Dim, group: &str) -> Vec<QuestionBar> {
        let min_n = self.project.min_n;
        let Some(g) = self.ingested.text.group(dim, group).filter(|g| g.comments >= min_n) else {
            return vec![];
        };
        if !self.project.shows_questions() || g.questions.len() < 2 {
            return vec![];
        }
        g.questions
            .iter()
            .map(|(q, c)| {
                let big = c.comments >= min_n;
                let mut themes: Vec<(usize, u64)> = c.themes.iter().map(|(t, n)| (*t, *n)).collect();
                themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let names: Vec<String> =
                    themes.into_iter().take(QUESTION_THEMES).map(|(t, _)| self.theme_name(t)).collect();
                let num = self.num();
                QuestionBar {
                    label: self.question_label(*q),
                    comments: num.count(c.comments),
                    share: share(num, true, c.comments, g.comments),
                    negative: share(num, big, c.sentiment[0], c.comments),
                    positive: share(num, big, c.sentiment[2], c.comments),
                    themes: if big { names.join(" · ") } else { String::new() },
                }
            })
            .collect()
    }

    /// A comment question's label in the site's locale.
    pub(super) fn question_label(&self, q: usize) -> String {
        self.project.questions.get(q).map_or_else(String::new, |x| clean_text(x.label(self.project.locale.tag())))
    }

    /// Up to `k` verbatims of a touchpoint: its sentiment mix, covering its top themes (see
    /// [`verbatims`]).
    pub(super) fn balanced(&self, tp: usize, k: usize) -> Vec<&crate::aggregate::Comment> {
        let c = &self.ingested.comments;
        let id = &self.project.touchpoints[tp].id;
        let Some(g) = self.ingested.text.group(Dim::Touchpoint, id).filter(|g| g.sentiment.iter().sum::<u64>() > 0)
        else {
            // No text analysis (the project has no `text:`): the plain uniform sample.
            return verbatims::distinct(c.sample(Some(tp))).into_iter().take(k).collect();
        };
        let cover = verbatims::covers(&g.themes, verbatims::COVERED_THEMES);
        verbatims::pick(g.sentiment, k, [0, 1, 2].map(|s| c.voc.get(&SampleKey::Touchpoint(Some(tp), s))), &cover)
    }

    /// Up to `k` verbatims of a segment or dimension value, like a touchpoint's (none under
    /// min_n comments).
    pub(super) fn group_verbatims(&self, dim: Dim, group: &str, k: usize) -> Vec<CommentView> {
        let Some(g) = self.ingested.text.group(dim, group).filter(|g| g.comments >= self.project.min_n) else {
            return vec![];
        };
        let key = crate::aggregate::GroupKey::all(dim, group);
        let pools = [0, 1, 2].map(|s| self.ingested.comments.groups.get(&(key.clone(), s)));
        let cover = verbatims::covers(&g.themes, verbatims::COVERED_THEMES);
        verbatims::pick(g.sentiment, k, pools, &cover).into_iter().map(|c| self.comment_view(c)).collect()
    }

    /// Up to `k` verbatims of a theme across all comments, by its sentiment mix (each mentions
    /// the theme: no other theme to cover).
    pub(super) fn theme_verbatims(&self, theme: usize, k: usize) -> Vec<&crate::aggregate::Comment> {
        let mix = self
            .ingested
            .text
            .group(Dim::Overall, crate::aggregate::ALL)
            .and_then(|g| g.themes.get(&theme))
            .map_or([0; 3], |c| c.sentiment);
        let pools = [0, 1, 2].map(|s| self.ingested.comments.voc.get(&SampleKey::Theme(theme, s)));
        verbatims::pick(mix, k, pools, &[])
    }

    /// "Customers at X complain most about A (38% of comments, 71% negative) and B": of the
    /// themes the group's page shows (its [`TOP`] most mentioned, each with min_n mentions or
    /// more, so that its negative share is shown beside it), the two with most negative
    /// mentions, [`Ctx::min_complaints`] at least, in a group of min_n comments or more. Most
    /// negative mentions, whatever the theme's positive ones: a theme with fewer complaints
    /// but a larger negative share is not what customers complain about most; and a theme of
    /// a handful of comments ("Delivery, 0% of comments, 100% of them negative") is no finding.
    pub(super) fn complaint(&self, dim: Dim, group: &str, who: &str) -> Option<String> {
        let g = self.ingested.text.group(dim, group).filter(|g| g.comments >= self.project.min_n)?;
        let mut shown: Vec<(usize, &crate::aggregate::ThemeCounts)> = g.themes.iter().map(|(t, c)| (*t, c)).collect();
        shown.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
        let mut themes: Vec<(usize, &crate::aggregate::ThemeCounts)> = shown
            .into_iter()
            .take(TOP)
            .filter(|(_, c)| c.mentions >= self.project.min_n && c.sentiment[0] >= self.min_complaints())
            .collect();
        themes.sort_by(|a, b| b.1.sentiment[0].cmp(&a.1.sentiment[0]).then(a.0.cmp(&b.0)));
        let (first, c) = themes.first()?;
        let num = self.num();
        let share = num.share(100.0 * c.mentions as f64 / g.comments as f64);
        let negative = num.share(100.0 * c.sentiment[0] as f64 / c.mentions as f64);
        let more = match themes.get(1) {
            Some((t, _)) => self.msg("complaint_more", &[("theme", &self.theme_name(*t))]),
            None => String::new(),
        };
        let theme = self.theme_name(*first);
        let args = [("who", who), ("theme", &theme), ("share", &share), ("negative", &negative), ("more", &more)];
        // "Customers at Delivery complain most about Delivery" reads as if it said nothing: where
        // the touchpoint is named after the theme, the complaint is about the step itself.
        let itself = dim == Dim::Touchpoint
            && self.project.touchpoints.iter().find(|t| t.id == group).is_some_and(|t| {
                let (name, theme) = (t.name.to_lowercase(), theme.to_lowercase());
                !theme.is_empty() && name.contains(&theme)
            });
        Some(self.msg(if itself { "complaint_itself" } else { "complaint" }, &args))
    }

    /// The fewest negative mentions a theme needs to be named as a complaint: [`MIN_COMPLAINTS`],
    /// or `min_n` where the project publishes smaller groups.
    pub(super) fn min_complaints(&self) -> u64 {
        MIN_COMPLAINTS.min(self.project.min_n)
    }

    /// The theme names of a comment, joined.
    pub(super) fn theme_tags(&self, themes: u64) -> Vec<String> {
        members(themes).map(|t| self.theme_name(t)).collect()
    }
}

/// The fewest negative mentions of a theme that the "complain most about" sentence names.
pub(super) const MIN_COMPLAINTS: u64 = 5;

/// Makes a comment view's extra tags (themes) part of its meta line.
pub(super) fn tag(view: &mut CommentView, tags: Vec<String>) {
    if !tags.is_empty() {
        view.parts.extend(tags);
        view.meta = view.parts.join(" · ");
    }
}

#[cfg(test)]
mod tests {
    use super::shown_keyword;

    #[test]
    fn a_phrase_of_two_chinese_words_is_shown_without_its_space() {
        assert_eq!(shown_keyword("配送 速度"), "配送速度");
        assert_eq!(shown_keyword("App很 卡"), "App很卡");
        for kept in ["app crashes", "配送 app", "送货", "delivery"] {
            assert_eq!(shown_keyword(kept), kept);
        }
    }
}
