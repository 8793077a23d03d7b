//! The Content-Security-Policy every HTML file of the site carries: nothing is loaded from
//! another host, no inline script runs, no form is sent. The built-in `base.html` writes it
//! first in `<head>`; a page whose template override left it out, and an HTML file of
//! `static/`, get it added, so that an address a template builds at run time
//! (`src="{{ cdn }}/x.js"`), which no check of the template's text can read, is still never
//! fetched. A policy a page writes of its own is kept: a browser enforces every policy a page
//! has, so the strictest holds.

use std::borrow::Cow;

/// The policy (as `base.html` writes it in its `<meta http-equiv>`).
pub const POLICY: &str =
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; base-uri 'none'; form-action 'none'";

/// `html` with the policy's `<meta>` first in its `<head>` (or, with no `<head>` tag, after
/// its doctype, where a parser puts it in the head it makes), unless it has it already.
pub fn with_policy(html: &str) -> Cow<'_, str> {
    if html.contains(POLICY) {
        return Cow::Borrowed(html);
    }
    // Self-closed, so that an XHTML file stays well-formed XML.
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\"/>");
    let at = head_end(html).or_else(|| doctype_end(html)).unwrap_or(0);
    Cow::Owned(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// Whether a file of `static/` is an HTML page a browser opens (and so gets the policy).
pub fn is_page(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".html", ".htm", ".xhtml"].iter().any(|e| lower.ends_with(e))
}

/// Just after the first `<head>` tag (any case, with attributes).
fn head_end(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<head").map(|i| from + i) {
        let next = lower.as_bytes().get(i + 5).copied();
        if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return lower[i..].find('>').map(|e| i + e + 1);
        }
        from = i + 5;
    }
    None
}

/// Just after a leading `<!doctype …>` (white space before it allowed).
fn doctype_end(html: &str) -> Option<usize> {
    let start = html.len() - html.trim_start().len();
    html[start..]
        .get(..9)
        .filter(|d| d.eq_ignore_ascii_case("<!doctype"))
        .and(html[start..].find('>'))
        .map(|e| start + e + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_layout_writes_the_policy_itself() {
        let base = crate::render::BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| *n == "base.html")
            .map(|(_, t)| *t)
            .expect("base.html");
        assert!(base.contains(&format!("content=\"{POLICY}\"")));
        assert!(matches!(with_policy(base), Cow::Borrowed(_)));
    }

    #[test]
    fn a_page_without_the_policy_gets_it_first_in_its_head() {
        let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\"/>");
        assert_eq!(
            with_policy("<!DOCTYPE html><html><HEAD lang=en><script src=\"https://cdn.example/x.js\"></script>"),
            format!("<!DOCTYPE html><html><HEAD lang=en>{meta}<script src=\"https://cdn.example/x.js\"></script>")
        );
        // `<header>` is no head; without one the policy follows the doctype.
        assert_eq!(
            with_policy("\n<!doctype html><header>x</header>"),
            format!("\n<!doctype html>{meta}<header>x</header>")
        );
        assert_eq!(with_policy("<p>x</p>"), format!("{meta}<p>x</p>"));
        assert!(is_page("a/B.HTM") && is_page("x.xhtml") && !is_page("s.css") && !is_page("logo.svg"));
    }
}
