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

/// `html` with the policy's `<meta>` before anything a browser could run or load: after a
/// leading doctype, `<html …>` and `<head …>` tag if the file begins with them, else at that
/// point (a parser makes the head the `<meta>` goes into). Only a policy already standing
/// exactly there counts as present: one inside a comment, an attribute, or after a script is
/// no protection (`<!-- <head> -->`, `<head data-x="<head>">`, a `<script>` before `<html>`).
pub fn with_policy(html: &str) -> Cow<'_, str> {
    let at = insertion_point(html);
    if starts_with_policy(&html[at..]) {
        return Cow::Borrowed(html);
    }
    // Self-closed, so that an XHTML file stays well-formed XML.
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\"/>");
    Cow::Owned(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// Whether a file of `static/` is an HTML page a browser opens (and so gets the policy): by
/// the names servers give `text/html` or XHTML (nginx and Apache serve `.shtml` as HTML).
pub fn is_page(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".html", ".htm", ".xhtml", ".xht", ".shtml", ".shtm"].iter().any(|e| lower.ends_with(e))
}

/// Whether a file of `static/` is markup a browser may open as a document: a page, an SVG
/// image (which runs its scripts when opened on its own) or XML.
pub fn is_markup(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    is_page(rel) || [".svg", ".xml", ".xsl", ".xslt"].iter().any(|e| lower.ends_with(e))
}

/// The offset at which the policy goes: past white space (and a byte-order mark), comments and
/// an XML declaration, then each of a doctype, an `<html>` tag and a `<head>` tag that comes
/// next, in that order (each may be left out). Anything else (a script, text, another tag)
/// stops the walk, so the policy precedes it.
fn insertion_point(html: &str) -> usize {
    let skip_space = |at: usize| {
        at + (html[at..].len() - html[at..].trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r', '\x0c']).len())
    };
    // Comments, and an XHTML file's XML declaration, run nothing and may come first; the
    // policy put before them would take the doctype's place at the start (quirks mode) or
    // the XML's well-formedness.
    let skip_inert = |mut at: usize| loop {
        at = skip_space(at);
        match inert_end(&html[at..]) {
            Some(e) => at += e,
            None => return at,
        }
    };
    let mut at = skip_inert(0);
    if starts_with_ignore_case(&html[at..], "<!doctype") {
        // A doctype ends at its first `>`, even inside a quoted identifier (the tokenizer's
        // "abrupt" doctype).
        match html[at..].find('>') {
            Some(e) => at = skip_inert(at + e + 1),
            None => return at,
        }
    }
    // Just after the last of the tags, when there is one (white space after it stays after the
    // policy).
    let mut after_tag = None;
    for tag in ["<html", "<head"] {
        let Some(e) = tag_end(&html[at..], tag) else { continue };
        after_tag = Some(at + e);
        at = skip_inert(at + e);
    }
    after_tag.unwrap_or(at)
}

/// The length of a comment or an XML declaration at the start of `t`, as an HTML parser ends
/// it: a comment at the first `-->` or `--!>` (`<!-->` and `<!--->` end at once), a `<?xml …?>`
/// declaration at its `?>` when that is its first `>`. `None` for anything else, or one that
/// does not end.
fn inert_end(t: &str) -> Option<usize> {
    if let Some(body) = t.strip_prefix("<!--") {
        if body.starts_with('>') {
            return Some(5);
        }
        if body.starts_with("->") {
            return Some(6);
        }
        let close = [body.find("-->").map(|i| i + 3), body.find("--!>").map(|i| i + 4)].into_iter().flatten().min()?;
        return Some(4 + close);
    }
    if starts_with_ignore_case(t, "<?xml") {
        let end = t.find('>')?;
        return (t.as_bytes()[end - 1] == b'?').then_some(end + 1);
    }
    None
}

/// The length of a start tag named `name` (`<html`, with its `<`) at the start of `t`, up to
/// and with its `>`: attribute values in quotes may hold `>`. `None` when `t` does not start
/// with that tag, or the tag does not end.
fn tag_end(t: &str, name: &str) -> Option<usize> {
    if !starts_with_ignore_case(t, name) {
        return None;
    }
    let bytes = t.as_bytes();
    if !matches!(bytes.get(name.len()), Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')) {
        return None;
    }
    let mut i = name.len();
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i + 1),
            b'=' => after_equals = true,
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {}
            q @ (b'"' | b'\'') if after_equals => {
                i += 1 + t[i + 1..].find(q as char)?;
                after_equals = false;
            }
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

fn starts_with_ignore_case(t: &str, prefix: &str) -> bool {
    t.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Whether `t` starts (after white space) with the policy's `<meta>`, as `base.html` and
/// [`with_policy`] write it.
fn starts_with_policy(t: &str) -> bool {
    let t = t.trim_start();
    let open = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    starts_with_ignore_case(t, open)
        && t[open.len()..].strip_prefix(POLICY).is_some_and(|rest| rest.starts_with("\">") || rest.starts_with("\"/>"))
}

/// Errors for what a markup file of `static/` would run that the policy cannot stop: an SVG
/// or XML document opened on its own carries no `<meta>` policy, so a script in it, or an
/// event handler, could fetch from anywhere. Each is named at its line and column.
pub fn unguarded_scripts(file: &str, text: &str) -> Vec<crate::error::Diagnostic> {
    use std::sync::LazyLock;
    static SCRIPT: LazyLock<regex::Regex> = LazyLock::new(|| {
        // A script element, an event handler, or a `javascript:` address (a link, or an
        // `<animate>`/`<set>` that makes one), which runs when followed.
        regex::Regex::new(
            r"(?i)<(?:[a-z0-9_.-]+:)?script\b|<[a-z][^<>]*?[\s/]on[a-z]+\s*=|=\s*[\x22']?\s*javascript\s*:",
        )
        .expect("valid")
    });
    if is_page(file) || !is_markup(file) {
        return Vec::new();
    }
    SCRIPT
        .find_iter(text)
        .map(|m| {
            let before = &text[..m.start()];
            let line = 1 + before.matches('\n').count() as u64;
            let column = 1 + before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() as u64;
            crate::error::Diagnostic::at(
                file,
                line,
                column,
                "a script, an event handler or a `javascript:` address in an SVG or XML file: opened on its own, it runs outside the site's Content-Security-Policy and could load from anywhere; remove it (the site's pages need no script from static/)",
            )
        })
        .collect()
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
        assert!(is_page("ssi.SHTML") && is_markup("logo.svg") && !is_markup("s.css"));
    }

    /// A policy a browser never reads as the page's first is no policy: one in a comment or an
    /// attribute, or after a script, and `<head>` written inside either, are passed over.
    #[test]
    fn the_policy_goes_before_anything_that_runs_whatever_precedes_or_imitates_it() {
        let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\"/>");
        let cases = [
            // A script before any tag: the policy goes before it.
            ("", "<script>new Image().src='http://e/1'</script><html><head>"),
            // `<head>` inside a comment is no head: the policy follows the real one.
            ("<!doctype html><!-- <head> --><html><head>", "<script>x</script>"),
            // `<head>` inside an attribute of the real one: after the whole tag.
            ("<head data-x=\"<head>\" b='>'>", "<script>x</script>"),
            ("<!DOCTYPE html>\n<html lang=\"a>b\">\n<head>", "\n<title>t</title>"),
            // The policy's own text in a comment is no policy: it goes after the comment.
            (&format!("<!doctype html><!-- {meta} -->"), "<script>x</script>"),
            // A comment, even one holding `<head>`, is passed over; one that ends at once
            // (`<!-->`) does not hide what follows.
            ("<!-- © us -->\n<!DOCTYPE html>\n<html><head>", "<title>t</title>"),
            ("<!--><html><head>", "<script>x</script>"),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head>",
                "<title>t</title>",
            ),
            // A byte-order mark and white space first.
            ("\u{feff}\n<!doctype html>\n", "<p>x</p>"),
        ];
        for (before, after) in cases {
            let html = format!("{before}{after}");
            assert_eq!(with_policy(&html), format!("{before}{meta}{after}"), "{html}");
        }
        // Standing where it goes, it is kept as it is.
        let kept = format!("<!doctype html>\n<html>\n<head>\n{meta}\n<title>t</title>");
        assert!(matches!(with_policy(&kept), Cow::Borrowed(_)));
    }

    #[test]
    fn scripts_and_event_handlers_in_an_svg_are_named_at_their_line_and_column() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <SCRIPT>fetch('x')</SCRIPT>\n<rect onload=\"x()\"/><h:script/>\n<text>onion = 3</text></svg>";
        let found = unguarded_scripts("static/f.svg", svg);
        let at: Vec<_> = found.iter().map(|d| (d.line, d.column.clone())).collect();
        assert_eq!(at, [(Some(2), Some("3".into())), (Some(3), Some("1".into())), (Some(3), Some("21".into()))]);
        // A `javascript:` address, in a link or one an animation sets.
        let links = "<svg>\n<a xlink:href=\"javascript:alert(1)\"><text>x</text></a>\n<set attributeName=\"href\" to=' JavaScript:x'/></svg>";
        let at: Vec<_> = unguarded_scripts("static/l.svg", links).iter().map(|d| d.line).collect();
        assert_eq!(at, [Some(2), Some(3)]);
        // A page is guarded by the policy; a stylesheet runs nothing.
        assert!(unguarded_scripts("static/a.html", "<script>x</script>").is_empty());
        assert!(unguarded_scripts("static/a.css", "<script>").is_empty());
    }
}
