//! Text for pages and drawings: file-name-safe slugs, and names fitted to a width (in em,
//! Chinese counted double) on one line or two.

/// A file-name-safe slug for any value: its ASCII letters and digits, then a hash of the whole
/// value so that two values never share a page and no value can steer a path. The hash has
/// 40 bits: with 24, two of a chain's 5,000 Chinese store names (no ASCII to tell them
/// apart) shared a file about half the time (`门店一五三三` and `门店二二九九`), and the build
/// could only fail; with 40, one chain in twenty thousand with 5,000 such names would.
pub fn slug(value: &str) -> String {
    let mut base = String::new();
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
        if base.len() >= 32 {
            break;
        }
    }
    let base = base.trim_end_matches('-');
    let hash = crate::aggregate::fnv1a(crate::aggregate::FNV_OFFSET, value.as_bytes()) & 0xff_ffff_ffff;
    if base.is_empty() {
        format!("g-{hash:010x}")
    } else {
        format!("{base}-{hash:010x}")
    }
}

/// Rough display width of text in ems for laying out SVG without a font: East Asian wide
/// characters take a full em, others about half.
pub fn text_width_em(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if is_wide(c) {
                1.0
            } else if matches!(c, '\u{2060}' | '\u{200b}') {
                // A word joiner (inside a range) takes no room.
                0.0
            } else if c.is_ascii_uppercase() {
                0.65
            } else {
                0.55
            }
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Cuts text to at most `max_em` wide, adding "…" when cut.
pub fn fit(text: &str, max_em: f64) -> String {
    if text_width_em(text) <= max_em {
        return text.to_string();
    }
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = text_width_em(&c.to_string());
        if w + cw > max_em - 0.6 {
            break;
        }
        w += cw;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Cuts text to at most `max_em` wide at a word boundary (a space, or after a hyphen or slash;
/// each East Asian character is a word), adding "…" when cut; empty when not even the first
/// word fits. A word, and so a number, is never cut in two.
pub fn fit_words(text: &str, max_em: f64) -> String {
    let text = text.trim();
    if text_width_em(text) <= max_em {
        return text.to_string();
    }
    let room = max_em - text_width_em("…");
    let mut best = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let next = text[end..].chars().next();
        let wide_edge = is_wide(c) || next.is_some_and(is_wide);
        let boundary = c == ' ' || c == '-' || c == '/' || wide_edge;
        if !boundary {
            continue;
        }
        let head = if c == ' ' { text[..i].trim_end() } else { &text[..end] };
        if text_width_em(head) > room {
            break;
        }
        if !head.is_empty() {
            best = Some(head);
        }
    }
    best.map(|h| format!("{h}…")).unwrap_or_default()
}

/// Splits text into at most two lines of `max_em`, breaking at spaces where possible: where
/// both lines fit whole, at the break that makes the longer line shortest ("社交广告 / Social
/// ad" rather than "社交广告 Social / ad", a word left alone on the second line).
pub fn two_lines(text: &str, max_em: f64) -> Vec<String> {
    if text_width_em(text) <= max_em {
        return vec![text.to_string()];
    }
    if let Some((first, second)) = balanced_break(text, max_em) {
        return vec![first.to_string(), second.to_string()];
    }
    let mut first = String::new();
    let mut w = 0.0;
    let mut last_space = None;
    for (i, c) in text.char_indices() {
        let cw = text_width_em(&c.to_string());
        if w + cw > max_em {
            break;
        }
        if c == ' ' {
            last_space = Some(i);
        }
        w += cw;
        first.push(c);
    }
    let cut = match last_space {
        Some(i) if i > 0 && text_width_em(&text[..i]) > max_em * 0.4 => i,
        _ => first.len(),
    };
    let rest = text[cut..].trim_start();
    let second = match fit_words(rest, max_em) {
        s if s.is_empty() => fit(rest, max_em),
        s => s,
    };
    vec![text[..cut].trim_end().to_string(), second]
}

/// The two lines of `text`, both within `max_em`, broken at a space or where wide (Chinese)
/// and narrow (Latin) letters meet. A break between the scripts comes first (a bilingual name,
/// "APP结算 / App checkout", keeps each language whole); then the break whose longer line is
/// shortest (of equals, the one with the longer first line). `None` when no break leaves
/// both lines whole.
fn balanced_break(text: &str, max_em: f64) -> Option<(&str, &str)> {
    // (within the scripts, longer line, first line's width, the lines)
    let mut best: Option<(bool, f64, f64, &str, &str)> = None;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let meets = prev.is_some_and(|p| {
            p != ' ' && c != ' ' && is_wide(p) != is_wide(c) && p.is_alphanumeric() && c.is_alphanumeric()
        });
        prev = Some(c);
        if c != ' ' && !meets {
            continue;
        }
        let (first, second) = (text[..i].trim_end(), text[i..].trim_start());
        let (Some(last), Some(next)) = (first.chars().last(), second.chars().next()) else { continue };
        let (w1, w2) = (text_width_em(first), text_width_em(second));
        if w1 > max_em || w2 > max_em {
            continue;
        }
        let within = is_wide(last) == is_wide(next);
        let longer = w1.max(w2);
        let better = match best {
            None => true,
            Some((b_within, b_longer, b_w1, _, _)) => {
                (within, longer, -w1).partial_cmp(&(b_within, b_longer, -b_w1)) == Some(std::cmp::Ordering::Less)
            }
        };
        if better {
            best = Some((within, longer, w1, first, second));
        }
    }
    best.map(|(_, _, _, first, second)| (first, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_on_two_lines_is_broken_where_neither_line_is_left_with_one_short_word() {
        // 社交广告 is 4 em, "Social ad" 5.05, the whole 9.6: over 9 em, it breaks between the
        // Chinese and the English (longer line 5.05 em), not before "ad" (7.95 em).
        assert_eq!(two_lines("社交广告 Social ad", 9.0), ["社交广告", "Social ad"]);
        // Where the scripts meet without a space, too.
        assert_eq!(two_lines("小程序浏览Mini-program", 9.0), ["小程序浏览", "Mini-program"]);
        // Latin words: the more even of the breaks that fit ("Referral" 4.5 em, "program
        // rewards" 8.25; "Referral program" 8.9, "rewards" 3.85): the longer line is shortest
        // with the first.
        assert_eq!(two_lines("Referral program rewards", 9.0), ["Referral", "program rewards"]);
        // A journey-map card's room (9.18 em): the break at the space, not inside "App checkout".
        assert_eq!(two_lines("APP结算 App checkout", 9.18), ["APP结算", "App checkout"]);
        // Fits on one line: unchanged.
        assert_eq!(two_lines("配送 Delivery", 9.0), ["配送 Delivery"]);
        // No break leaves both lines whole: the old rule, the second line cut.
        let cut = two_lines("会员积分兑换中心服务台预约", 9.0);
        assert_eq!(cut.len(), 2);
        assert!(text_width_em(&cut[0]) <= 9.0 && text_width_em(&cut[1]) <= 9.0, "{cut:?}");
    }

    #[test]
    fn slugs_never_carry_path_or_script_syntax_and_differ_for_different_values() {
        for v in ["../../x", "javascript:alert(1)", "上海徐汇店", "a/b", "<script>"] {
            let s = slug(v);
            assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{s}");
        }
        assert_ne!(slug("Store A"), slug("store a"));
        assert_eq!(slug("S001 上海徐汇店 Shanghai Xuhui"), slug("S001 上海徐汇店 Shanghai Xuhui"));
        // Two names that shared a 24-bit hash (a probe's 5,000 Chinese store names).
        assert_ne!(slug("门店一五三三"), slug("门店二二九九"));
        let names: std::collections::HashSet<String> =
            (0..20_000).map(|i| slug(&format!("门店{}", char::from_u32(0x4e00 + i).unwrap()))).collect();
        assert_eq!(names.len(), 20_000);
    }

    #[test]
    fn chinese_text_counts_double_width_when_fitting() {
        assert_eq!(text_width_em("配送"), 2.0);
        assert_eq!(fit("配送速度太慢了真的", 5.0), "配送速度…");
    }

    #[test]
    fn text_is_fitted_by_whole_words_and_a_number_is_never_cut() {
        assert_eq!(fit_words("mini-program checkout", 20.0), "mini-program checkout");
        assert_eq!(fit_words("mini-program checkout", 8.0), "mini-program…");
        assert_eq!(fit_words("mini-program checkout", 4.0), "mini-…");
        assert_eq!(fit_words("配送速度太慢了真的", 5.0), "配送速度…");
        assert_eq!(fit_words("1234567 orders", 3.0), "");
        assert_eq!(fit_words("Store 1234567", 5.0), "Store…");
    }
}
