//! The link-preview image (`assets/preview.png`, 1200 × 630): the headline tiles drawn as an
//! SVG and rasterised at build time by resvg, in pure Rust, with no browser and no system
//! font. The one font is Roboto (Apache 2.0), which charts-rs already carries: it has Latin
//! letters, digits and punctuation but no Chinese, so every text is cut down to the characters
//! it can draw (a Chinese title keeps its Latin words and numbers; a text with none is left out).

use std::fmt::Write as _;

use resvg::{tiny_skia, usvg};

use super::escape_html as esc;
use super::format::class_colour;

/// Size of the image, the one link unfurlers ask for.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// One headline figure as the image shows it.
pub struct PreviewTile {
    /// The metric's name (`NPS`).
    pub label: String,
    /// What the figure covers, as an ASCII period key (`2026-10`), or empty.
    pub scope: String,
    /// The value as the site writes it (`+18`, `68%`), or empty when suppressed.
    pub value: String,
    pub interval: String,
    pub n: String,
    /// Colour class `s1`…`s7` (`s0` when there is no value).
    pub class: String,
}

/// The characters Roboto draws: Latin (with its accents), digits, the general punctuation
/// block (dashes, `·`, `…`) and the minus sign. Anything else is dropped and the spaces left
/// behind are closed up.
pub fn drawable(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| {
            let ok = (c as u32) < 0x0250 || ('\u{2010}'..='\u{2027}').contains(&c) || c == '\u{2212}';
            if ok && !c.is_control() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    // Separators left with nothing on one side ("· Customer") go too.
    let mut out: Vec<&str> = Vec::new();
    for w in words {
        let sep = matches!(w, "·" | "-" | "–" | "—" | "|" | ":" | "/");
        if sep && out.last().is_none_or(|l| matches!(*l, "·" | "-" | "–" | "—" | "|" | ":" | "/")) {
            continue;
        }
        out.push(w);
    }
    while out.last().is_some_and(|l| matches!(*l, "·" | "-" | "–" | "—" | "|" | ":" | "/")) {
        out.pop();
    }
    out.join(" ")
}

/// A text cut to about `max_px` wide at `px` (Roboto's figures and letters average about
/// 0.56 em), whole words first; never cut inside a number.
fn fit(text: &str, px: f64, max_px: f64) -> String {
    let width = |s: &str| s.chars().count() as f64 * px * 0.56;
    if width(text) <= max_px {
        return text.to_string();
    }
    let mut out = String::new();
    for w in text.split(' ') {
        let next = if out.is_empty() { w.to_string() } else { format!("{out} {w}") };
        if width(&next) + px * 0.6 > max_px {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        return String::new();
    }
    out + "…"
}

/// The image as SVG: the report's title and data period on a dark band, then up to four
/// tiles with their colour, name, value, interval and count.
pub fn svg(title: &str, period: &str, tiles: &[PreviewTile]) -> String {
    let (w, h) = (WIDTH as f64, HEIGHT as f64);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Roboto"><rect width="{w}" height="{h}" fill="#fbfaf7"/><rect width="{w}" height="150" fill="#1a1a1a"/>"##
    );
    let _ = write!(
        s,
        r##"<text x="48" y="74" font-size="40" font-weight="700" fill="#ffffff">{}</text><text x="48" y="118" font-size="26" fill="#c8c8c8">{}</text>"##,
        esc(&fit(&drawable(title), 40.0, w - 96.0)),
        esc(&drawable(period))
    );
    let shown = &tiles[..tiles.len().min(4)];
    let cols = shown.len().max(1) as f64;
    let gap = 28.0;
    let tw = (w - 96.0 - (cols - 1.0) * gap) / cols;
    for (i, t) in shown.iter().enumerate() {
        draw_tile(&mut s, t, 48.0 + i as f64 * (tw + gap), 190.0, tw, 390.0);
    }
    s.push_str("</svg>");
    s
}

/// One tile at (`x`, `y`), `w` by `h`: a card with its class's colour along the top.
fn draw_tile(s: &mut String, t: &PreviewTile, x: f64, y: f64, w: f64, h: f64) {
    let (fill, _) = class_colour(&t.class);
    let _ = write!(
        s,
        r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="14" fill="#ffffff" stroke="#dedbd3" stroke-width="2"/><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="14" rx="7" fill="{fill}" stroke="#00000033"/>"##
    );
    let inner = w - 56.0;
    let label = fit(&drawable(&t.label), 34.0, inner);
    let scope = fit(&drawable(&t.scope), 24.0, inner);
    let mut line = |yy: f64, px: f64, weight: u32, colour: &str, text: &str| {
        if !text.is_empty() {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="{px}" font-weight="{weight}" fill="{colour}">{}</text>"##,
                x + 28.0,
                y + yy,
                esc(text)
            );
        }
    };
    line(74.0, 34.0, 700, "#1a1a1a", &label);
    line(110.0, 24.0, 400, "#5c5c5c", &scope);
    // The value is sized to the tile so that it is always whole.
    let value = drawable(&t.value);
    let value_px = (inner / (value.chars().count().max(1) as f64 * 0.58)).min(110.0);
    line(230.0, value_px.floor(), 700, "#1a1a1a", &value);
    let interval = drawable(&t.interval);
    let small = (inner / (interval.chars().count().max(1) as f64 * 0.56)).min(28.0).floor();
    line(290.0, small, 400, "#333333", &interval);
    let n = drawable(&format!("n = {}", t.n));
    line(340.0, 28.0_f64.min((inner / (n.chars().count() as f64 * 0.56)).floor()), 400, "#5c5c5c", &n);
}

/// Rasterises `svg` to PNG bytes with the built-in font only (no system fonts are read, so
/// every machine draws the same pixels). `None` if the SVG does not parse.
pub fn png(svg: &str) -> Option<Vec<u8>> {
    let mut opt = usvg::Options { font_family: "Roboto".into(), ..usvg::Options::default() };
    opt.fontdb_mut().load_font_data(charts_rs::DEFAULT_FONT_DATA.to_vec());
    let tree = usvg::Tree::from_str(svg, &opt).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_font_draws_is_kept_and_separators_left_alone_go() {
        assert_eq!(
            drawable("Crunchy Co. 脆脆食品 · Customer experience 2024–2026"),
            "Crunchy Co. · Customer experience 2024–2026"
        );
        assert_eq!(drawable("净推荐值 NPS"), "NPS");
        assert_eq!(drawable("满意度"), "");
        assert_eq!(drawable("脆脆 · 食品"), "");
        assert_eq!(drawable("−12.5 – +3"), "−12.5 – +3");
    }

    #[test]
    fn a_long_title_is_cut_by_words_and_a_short_one_is_whole() {
        assert_eq!(fit("NPS", 34.0, 200.0), "NPS");
        let cut = fit("Customer experience report for the whole year", 40.0, 400.0);
        assert!(cut.ends_with('…') && cut.len() < 40, "{cut}");
        assert!(!cut.contains("yea"), "{cut}");
    }

    #[test]
    fn the_image_is_a_1200_by_630_png_with_ink_where_the_tiles_are_and_the_same_bytes_each_time() {
        let tiles = vec![PreviewTile {
            label: "NPS".into(),
            scope: "2026-10".into(),
            value: "+18".into(),
            interval: "+15 – +21".into(),
            n: "1,248".into(),
            class: "s6".into(),
        }];
        let a = png(&svg("Report 脆", "2024-11-01 – 2026-10-31", &tiles)).unwrap();
        let b = png(&svg("Report 脆", "2024-11-01 – 2026-10-31", &tiles)).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with(b"\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, at bytes 16..24.
        assert_eq!(u32::from_be_bytes(a[16..20].try_into().unwrap()), 1200);
        assert_eq!(u32::from_be_bytes(a[20..24].try_into().unwrap()), 630);
        // Text was drawn: the same picture without its texts compresses smaller.
        let blank = png(&svg("", "", &[])).unwrap();
        assert!(a.len() > blank.len() + 2_000, "{} vs {}", a.len(), blank.len());
    }
}
