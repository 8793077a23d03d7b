//! The link-preview image (`assets/preview.png`, 1200 × 630): the headline tiles drawn as an
//! SVG and rasterised at build time by resvg, in pure Rust, with no browser and no system
//! font. Two fonts are compiled in: Roboto (Apache 2.0), which charts-rs already carries, for
//! Latin letters, digits and punctuation, and a subset of Noto Sans CJK SC (SIL OFL 1.1,
//! `assets/fonts/`, made by `scripts/subset-cjk-font.sh`) for Chinese: every hanzi of GB2312
//! (the 3,755 common characters of level 1 and the 3,008 of level 2), CJK and full-width
//! punctuation and every character of the Chinese catalogue. Both have one weight, so the
//! `font-weight` of the SVG's texts draws all of them regular. A
//! character neither font has (a rare hanzi, an emoji) is left out, with a gap where it was,
//! never drawn as an empty box.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;
use resvg::{tiny_skia, usvg};

use super::escape_html as esc;
use super::format::class_colour;

/// The Chinese font: a subset of Noto Sans CJK SC Regular made by `scripts/subset-cjk-font.sh`
/// (licence: `assets/fonts/OFL.txt`). Regular only, as Roboto has no bold either.
static CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular.subset.otf");

/// The SVG's font list: Latin from Roboto, the rest from the Chinese font.
const FONT_FAMILY: &str = "Roboto, 'Noto Sans CJK SC'";

/// The compiled-in fonts, loaded once: resvg's database, and the same faces parsed for
/// asking which characters they have.
struct Fonts {
    db: Arc<fontdb::Database>,
    faces: Vec<ttf_parser::Face<'static>>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let data: [&'static [u8]; 2] = [charts_rs::DEFAULT_FONT_DATA, CJK_FONT];
        let mut db = fontdb::Database::new();
        for d in data {
            db.load_font_source(fontdb::Source::Binary(Arc::new(d)));
        }
        let faces = data.iter().filter_map(|d| ttf_parser::Face::parse(d, 0).ok()).collect();
        Fonts { db: Arc::new(db), faces }
    })
}

/// Whether one of the compiled-in fonts draws `c`.
pub fn covered(c: char) -> bool {
    fonts().faces.iter().any(|f| f.glyph_index(c).is_some())
}

/// Size of the image, the one link unfurlers ask for.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// One headline figure as the image shows it.
pub struct PreviewTile {
    /// The metric's name (`NPS`).
    pub label: String,
    /// What the figure covers, the period in the site's words (`Oct 2026`), or empty.
    pub scope: String,
    /// The value as the site writes it (`+18`, `68%`), or empty when suppressed.
    pub value: String,
    pub interval: String,
    pub n: String,
    /// Colour class `s1`…`s7` (`s0` when there is no value).
    pub class: String,
}

/// The text cut down to the characters the compiled-in fonts draw (see [`covered`]); anything
/// else (a rare hanzi, an emoji, a control character) becomes a space, and runs of spaces are
/// closed up.
pub fn drawable(text: &str) -> String {
    let kept: String = text.chars().map(|c| if !c.is_control() && covered(c) { c } else { ' ' }).collect();
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

/// The characters of `text` that neither compiled-in font draws, each once, in order of
/// first appearance (empty when the image can draw all of it).
pub fn undrawable(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().filter(|&c| !c.is_control() && !c.is_whitespace() && !covered(c)) {
        if !out.contains(c) {
            out.push(c);
        }
    }
    out
}

/// Width of `c` in em: a Chinese character or full-width form is square; Roboto's figures and
/// letters average about 0.56 em.
fn em(c: char) -> f64 {
    if wide(c) {
        1.0
    } else {
        0.56
    }
}

/// Whether `c` is drawn a full em wide (CJK ideographs, symbols and full-width forms).
fn wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' | '\u{20000}'..)
}

/// The pieces a text may be cut between: words (each with the space before it), and single
/// Chinese characters, which need no space to be cut between.
fn pieces(text: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if i > 0 && (c == ' ' || (prev != ' ' && (wide(prev) || wide(c)))) {
            cuts.push(i);
        }
        prev = c;
    }
    cuts.push(text.len());
    cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

/// A text cut to about `max_px` wide at `px`, whole words (or Chinese characters) first;
/// never cut inside a number.
fn fit(text: &str, px: f64, max_px: f64) -> String {
    let width = |s: &str| s.chars().map(em).sum::<f64>() * px;
    if width(text) <= max_px {
        return text.to_string();
    }
    let mut out = String::new();
    for piece in pieces(text) {
        if width(&out) + width(piece) + px * 0.6 > max_px {
            break;
        }
        out.push_str(piece);
    }
    let out = out.trim_end();
    if out.is_empty() {
        return String::new();
    }
    format!("{out}…")
}

/// The image as SVG: the report's title and data period on a dark band, then up to four
/// tiles with their colour, name, value, interval and count.
pub fn svg(title: &str, period: &str, tiles: &[PreviewTile]) -> String {
    let (w, h) = (WIDTH as f64, HEIGHT as f64);
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}"><rect width="{w}" height="{h}" fill="#fbfaf7"/><rect width="{w}" height="150" fill="#1a1a1a"/>"##
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

/// Rasterises `svg` to PNG bytes with the compiled-in fonts only (no system fonts are read,
/// so every machine draws the same pixels). `None` if the SVG does not parse.
pub fn png(svg: &str) -> Option<Vec<u8>> {
    pixmap(svg)?.encode_png().ok()
}

/// `svg` rasterised, as [`png`] does, before encoding.
fn pixmap(svg: &str) -> Option<tiny_skia::Pixmap> {
    let opt = usvg::Options { font_family: "Roboto".into(), fontdb: fonts().db.clone(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &opt).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT)?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Some(pixmap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_fonts_draw_is_kept_and_separators_left_alone_go() {
        assert_eq!(
            drawable("Crunchy Co. 脆脆食品 · Customer experience 2024–2026"),
            "Crunchy Co. 脆脆食品 · Customer experience 2024–2026"
        );
        assert_eq!(drawable("净推荐值 NPS（全年）"), "净推荐值 NPS（全年）");
        // U+20BB7 (𠮷) is in no GB2312 level; emoji are in neither font: each leaves a gap,
        // and a separator left alone goes.
        assert_eq!(drawable("脆𠮷食品"), "脆 食品");
        assert_eq!(drawable("😀 · 满意度"), "满意度");
        assert_eq!(drawable("𠮷 · 😀"), "");
        assert_eq!(drawable("a\u{7}b"), "a b");
        assert_eq!(drawable("−12.5 – +3"), "−12.5 – +3");
        assert_eq!(undrawable("脆𠮷食品 😀 𠮷\t"), "𠮷😀");
        assert_eq!(undrawable("Crunchy Co. 脆脆食品 · 2024–2026"), "");
    }

    /// Every hanzi of GB2312 level 1 (bytes B0A1–D7F9, decoded here by encoding_rs, not by
    /// the Python that made the subset) and level 2 (D8A1–F7FE).
    fn gb2312_hanzi(rows: std::ops::RangeInclusive<u8>) -> Vec<char> {
        let mut bytes = Vec::new();
        for hi in rows {
            for lo in 0xA1..=0xFE_u8 {
                bytes.extend([hi, lo]);
            }
        }
        let (text, _, _) = encoding_rs::GBK.decode(&bytes);
        text.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).collect()
    }

    #[test]
    fn the_fonts_cover_gb2312_the_chinese_catalogue_and_full_width_punctuation() {
        let level1 = gb2312_hanzi(0xB0..=0xD7);
        let level2 = gb2312_hanzi(0xD8..=0xF7);
        assert_eq!((level1.len(), level2.len()), (3755, 3008));
        // The catalogue's methodology formulas use subscript digits (SE₁), which Noto Sans CJK
        // does not have; they are never in the image.
        let catalogue = include_str!("../../locales/zh-CN.yaml");
        let punctuation = "，。、；：？！“”‘’（）《》〈〉「」『』【】…—·～￥％＋－";
        let missing: String = level1
            .iter()
            .chain(&level2)
            .copied()
            .chain(catalogue.chars().filter(|c| !c.is_control() && !('\u{2080}'..='\u{2089}').contains(c)))
            .chain(punctuation.chars())
            .filter(|&c| !covered(c))
            .collect();
        assert_eq!(missing, "");
        assert!(!covered('𠮷') && !covered('😀'));
    }

    /// Pixels of the title band (the top 150 px) that differ between two pictures.
    fn title_band_changes(a: &tiny_skia::Pixmap, b: &tiny_skia::Pixmap) -> usize {
        let band = (WIDTH * 150) as usize;
        a.pixels()[..band].iter().zip(&b.pixels()[..band]).filter(|(x, y)| x != y).count()
    }

    #[test]
    fn each_chinese_character_of_a_title_is_drawn_with_its_own_glyph() {
        let blank = pixmap(&svg("", "", &[])).unwrap();
        let band = (WIDTH * 150) as usize;
        let mut seen = std::collections::HashMap::new();
        for c in "脆食品满意度费力净推荐值客户体验报告，（）「」".chars() {
            let one = pixmap(&svg(&c.to_string(), "", &[])).unwrap();
            assert!(title_band_changes(&one, &blank) > 40, "{c} drew nothing");
            // A missing glyph is drawn as the same empty box whatever the character: each
            // character must look different from every other.
            if let Some(other) = seen.insert(one.data()[..band * 4].to_vec(), c) {
                panic!("{c} is drawn as {other} is: a box, not its glyph");
            }
        }
        // A character neither font has is left out, not drawn as a box.
        assert_eq!(title_band_changes(&pixmap(&svg("𠮷", "", &[])).unwrap(), &blank), 0);
    }

    #[test]
    fn a_long_title_is_cut_by_words_and_a_short_one_is_whole() {
        assert_eq!(fit("NPS", 34.0, 200.0), "NPS");
        let cut = fit("Customer experience report for the whole year", 40.0, 400.0);
        assert!(cut.ends_with('…') && cut.len() < 40, "{cut}");
        assert!(!cut.contains("yea"), "{cut}");
        // Chinese is cut between characters, each a full em wide; a number stays whole.
        assert_eq!(fit("脆脆食品客户体验报告", 40.0, 240.0), "脆脆食品客…");
        assert_eq!(fit("脆脆食品2024年客户体验报告", 40.0, 250.0), "脆脆食品…");
        assert_eq!(fit("脆脆食品2024年客户体验报告", 40.0, 400.0), "脆脆食品2024年客户…");
        assert_eq!(fit("脆脆食品2024年", 40.0, 400.0), "脆脆食品2024年");
        assert_eq!(pieces("Co. 脆脆 2024年"), ["Co.", " 脆", "脆", " 2024", "年"]);
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
        let a = png(&svg("Report 脆脆食品", "2024-11-01 – 2026-10-31", &tiles)).unwrap();
        let b = png(&svg("Report 脆脆食品", "2024-11-01 – 2026-10-31", &tiles)).unwrap();
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
