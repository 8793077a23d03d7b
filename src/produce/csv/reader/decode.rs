//! Decoding a CSV file to a UTF-8 stream.
//!
//! A file in a declared encoding (or UTF-16 named by its BOM) is decoded without replacement:
//! each sequence that is not valid in its encoding becomes the byte [`UNDECODABLE`], which is
//! never part of UTF-8, so the cell holding it is found by the fold and counted on the
//! data-quality page with its row and column — never turned into U+FFFD silently.

use std::fs::File;
use std::io::{Cursor, Read};

use encoding_rs::{DecoderResult, Encoding};

use crate::error::{Diagnostic, Error, Result};
use crate::project::{Export, FileSpec};

/// Written in place of each undecodable sequence.
pub const UNDECODABLE: u8 = 0xff;

/// A file opened as UTF-8 text.
pub(super) struct Decoded {
    pub reader: Box<dyn Read + Send>,
    /// The encoding decoded from (`None`: UTF-8 read as it is, where invalid bytes are an
    /// error pointing at `encoding:`).
    pub encoding: Option<&'static Encoding>,
    /// A byte-order mark that contradicts the declared encoding, and won; or bytes that
    /// plainly read as another encoding than the one decoded.
    pub warning: Option<String>,
    /// Said of the bytes after a message about a column the header lacks: the decoding that
    /// garbled the header would explain it.
    pub header_note: Option<String>,
}

/// The file as a UTF-8 stream: a BOM names the encoding (a declared one that disagrees gets
/// a warning: the BOM is what the file is); else a declared encoding is decoded; else the
/// bytes pass through, so invalid UTF-8 is reported by row.
pub(super) fn decoded(spec: &FileSpec) -> Result<Decoded> {
    let mut file = File::open(&spec.path)
        .map(crate::progress::Counted)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {e}"))))?;
    // Enough of the file to tell UTF-8 from GBK when the tool's own encoding is a guess, and
    // to check a declared single- or double-byte encoding against the bytes.
    let sniff = spec.export == Some(Export::Wenjuanxing) || spec.encoding.is_some();
    let mut head = vec![0u8; if sniff { SNIFF_BYTES } else { 3 }];
    let n = read_up_to(&mut file, &mut head)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot read the file: {e}"))))?;
    head.truncate(n);
    let mut bom = Encoding::for_bom(&head);
    let mut warning = None;
    // A UTF-16 mark is checked against the text after it: some tools write the mark of one
    // byte order before text in the other, which read as the mark says is all CJK-looking
    // nonsense (`椀搀Ⰰ搀愀琀攀` for `id,date`). ASCII in UTF-16 has a NUL beside each letter:
    // after it (little-endian) or before it (big-endian).
    if let Some((found, len)) = bom.filter(|(e, _)| *e == encoding_rs::UTF_16LE || *e == encoding_rs::UTF_16BE) {
        let had = head.len();
        head.resize(had.max(SNIFF_BYTES), 0);
        let more = if had < SNIFF_BYTES { read_up_to(&mut file, &mut head[had..]).unwrap_or(0) } else { 0 };
        head.truncate(had + more);
        if let Some(text) = utf16_order(&head[len..]).filter(|t| *t != found) {
            warning = Some(format!(
                "{} starts with a {} byte-order mark, but its text is {}: it was read as its text is; save it again as UTF-8 to be sure",
                spec.display,
                found.name(),
                text.name()
            ));
            bom = Some((text, len));
        }
    }
    let encoding = match (bom, spec.encoding) {
        (Some((found, _)), Some(declared)) if found != declared => {
            warning = Some(format!(
                "{} starts with a {} byte-order mark but is declared `encoding: {}`: it was read as {}, as the mark says; remove `encoding:` for this dataset",
                spec.display,
                found.name(),
                declared.name().to_lowercase(),
                found.name()
            ));
            Some(found)
        }
        (Some((found, _)), _) => Some(found),
        // 问卷星 writes GBK, read as its superset GB18030; a file saved again as UTF-8 stays
        // UTF-8 (GBK text with Chinese in it is almost never valid UTF-8).
        (None, None) if spec.export == Some(Export::Wenjuanxing) && !is_utf8_prefix(&head) => {
            Some(encoding_rs::GB18030)
        }
        (None, declared) => declared,
    };
    let mut header_note = None;
    if let (None, Some(read)) = (bom, encoding) {
        if let Some((label, other)) = mismatch(read, &head) {
            warning = Some(format!(
                "{} is read as {label}, but its bytes look like {other}; if its names or comments look garbled on the site, set `encoding: {other}`",
                spec.display
            ));
            header_note = Some(format!(
                "; the file is read as {label}, but its bytes look like {other}: set `encoding: {other}`"
            ));
        }
    }
    let rest = Cursor::new(head[bom.map_or(0, |b| b.1)..].to_vec()).chain(file);
    let reader: Box<dyn Read + Send> = match encoding {
        // The common case, UTF-8 undeclared: the bytes as they are (no decoder copying each).
        Some(e) if e == encoding_rs::UTF_8 && spec.encoding.is_none() => Box::new(rest),
        None => Box::new(rest),
        Some(e) => Box::new(Decode::new(e, rest)),
    };
    let encoding = encoding.filter(|e| *e != encoding_rs::UTF_8 || spec.encoding.is_some());
    Ok(Decoded { reader, encoding, warning, header_note })
}

/// How many NUL bytes fall on even places of `bytes` and how many on odd ones: UTF-16 text has
/// one beside each ASCII character, all on one side (after it in little-endian).
pub(super) fn nul_places(bytes: &[u8]) -> (usize, usize) {
    let odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let all = memchr::memchr_iter(0, bytes).count();
    (all - odd, odd)
}

/// The byte order of UTF-16 text by where its NUL bytes fall (a NUL beside each ASCII letter,
/// digit and comma): little-endian when nine in ten fall on odd places, big-endian when on even
/// ones; `None` when the text has too few to tell.
fn utf16_order(text: &[u8]) -> Option<&'static Encoding> {
    let (even, odd) = nul_places(text);
    if odd >= 8 && odd >= 9 * even {
        Some(encoding_rs::UTF_16LE)
    } else if even >= 8 && even >= 9 * odd {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A stream decoded to UTF-8, undecodable sequences marked with [`UNDECODABLE`].
struct Decode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    done: bool,
    output: Vec<u8>,
    pos: usize,
    len: usize,
}

impl<R: Read> Decode<R> {
    fn new(encoding: &'static Encoding, inner: R) -> Self {
        Decode {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 1 << 16],
            start: 0,
            end: 0,
            eof: false,
            done: false,
            output: vec![0; 3 << 16],
            pos: 0,
            len: 0,
        }
    }

    /// Decodes the next piece into `output`; false at the end.
    fn fill(&mut self) -> std::io::Result<bool> {
        self.pos = 0;
        self.len = 0;
        while self.len == 0 {
            if self.done {
                return Ok(false);
            }
            if self.start == self.end && !self.eof {
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        r => break r?,
                    }
                };
                self.start = 0;
                self.end = n;
                self.eof = n == 0;
            }
            // Room for the marker after whatever the decoder writes.
            let room = self.output.len() - 1;
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output[self.len..room],
                self.eof,
            );
            self.start += read;
            self.len += written;
            match result {
                DecoderResult::InputEmpty => self.done = self.eof,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(..) => {
                    self.output[self.len] = UNDECODABLE;
                    self.len += 1;
                }
            }
        }
        Ok(true)
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.pos >= self.len && !self.fill()? {
            return Ok(0);
        }
        let n = out.len().min(self.len - self.pos);
        out[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The encoding the bytes of a file that is not UTF-8 seem to be in, as a label for
/// `encoding:`, and why: NUL bytes every other byte are UTF-16 without a byte-order mark
/// (the NUL after each ASCII letter: little-endian; before: big-endian); else the candidate
/// whose reading of the bytes scores best (see `score`): GB18030 (Excel on Chinese
/// Windows), Shift-JIS (Japanese Windows), Big5 (Traditional Chinese Windows) or single-byte
/// Western text (Windows-1252, the superset of Latin-1). `None`: no guess.
pub fn guess_encoding(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let (even_nul, odd_nul) = nul_places(bytes);
    if (even_nul + odd_nul) * 4 >= bytes.len() && bytes.len() >= 4 {
        return Some(if odd_nul >= even_nul {
            ("utf-16le", "it has a NUL byte after each letter: UTF-16 (little-endian) without a byte-order mark")
        } else {
            ("utf-16be", "it has a NUL byte before each letter: UTF-16 (big-endian) without a byte-order mark")
        });
    }
    if bytes.iter().all(u8::is_ascii) {
        return None;
    }
    // Firefox's detector tells the legacy encodings apart on models of each language's
    // bytes, Korean from Chinese among them, which share their lead bytes. The sample is
    // cut after its last line, so that a character cut at its end does not count against
    // the right encoding.
    let whole = bytes.iter().rposition(|b| *b == b'\n').map_or(bytes, |p| &bytes[..=p]);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(whole, true);
    let found = detector.guess(None, chardetng::Utf8Detection::Deny);
    if found == encoding_rs::WINDOWS_1252 {
        // Excel for Mac's Mac OS Roman is no browser's legacy encoding, so the detector does
        // not know it: its accented letters sit where Windows-1252 has punctuation.
        let mac = score(bytes, Kind::MacRoman) > score(bytes, Kind::Western);
        let c = &CANDIDATES[if mac { 4 } else { 3 }];
        return Some((c.1, c.2));
    }
    let known = |kind: Kind| CANDIDATES.iter().find(|c| c.0 == kind).map(|c| (c.1, c.2));
    match found.name() {
        "gb18030" | "GBK" => known(Kind::Gb),
        "Shift_JIS" | "EUC-JP" => known(Kind::ShiftJis)
            .filter(|_| found == encoding_rs::SHIFT_JIS)
            .or(Some(("euc-jp", "its bytes read as Japanese in EUC-JP, as older Unix systems save it"))),
        "Big5" => known(Kind::Big5),
        "EUC-KR" => {
            Some(("euc-kr", "its bytes read as Korean in EUC-KR (Windows-949), as Excel saves a CSV on Korean Windows"))
        }
        _ => Some((
            found.name(),
            "its bytes read as text in this single-byte encoding (guessed by chardetng, the detector of Firefox)",
        )),
    }
}

/// The kinds of text a guess chooses between.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Gb,
    ShiftJis,
    Big5,
    Western,
    MacRoman,
}

/// Each candidate with its `encoding:` label and why it is guessed, in order of preference.
const CANDIDATES: [(Kind, &str, &str); 5] = [
    (Kind::Gb, "gb18030", "its bytes read as Chinese in GB18030, as Excel saves a CSV on Chinese Windows"),
    (Kind::ShiftJis, "shift_jis", "its bytes read as Japanese in Shift-JIS, as Excel saves a CSV on Japanese Windows"),
    (
        Kind::Big5,
        "big5",
        "its bytes read as Traditional Chinese in Big5, as Excel saves a CSV on Traditional Chinese Windows",
    ),
    (Kind::Western, "windows-1252", "its bytes read as single-byte Western European text (Windows-1252 / Latin-1)"),
    (
        Kind::MacRoman,
        "macintosh",
        "its bytes read as single-byte Western European text in Mac OS Roman, as Excel for Mac saves a CSV",
    ),
];

/// Whether byte `b` is a letter in Windows-1252 (À–ÿ but × and ÷; Š Œ Ž š œ ž Ÿ).
fn windows_1252_letter(b: u8) -> bool {
    (b >= 0xc0 && b != 0xd7 && b != 0xf7) || matches!(b, 0x8a | 0x8c | 0x8e | 0x9a | 0x9c | 0x9e | 0x9f)
}

/// Whether byte `b` is a letter in Mac OS Roman (Ä … ü at 0x80–0x9F, ß Æ Ø æ ø, À Ã Õ Œ œ ÿ Ÿ,
/// Â Ê Á Ë È Í Î Ï Ì Ó Ô Ò Ú Û Ù): where Windows-1252 has punctuation and symbols, and
/// the other way round, so the two tell apart on the accented letters of a few words.
fn mac_roman_letter(b: u8) -> bool {
    matches!(b, 0x80..=0x9f | 0xa7 | 0xae | 0xaf | 0xbe | 0xbf | 0xcb..=0xcf | 0xd8 | 0xd9 | 0xe5..=0xee | 0xf1..=0xf4)
}

/// How well `bytes` read as `kind`: each character outside ASCII that is common in such text
/// scores one (GB2312's first level and punctuation; Shift-JIS kana, punctuation and JIS
/// level-1 kanji; Big5's punctuation and common characters; a lone accented letter inside a
/// Western word), each other one loses one, and each byte that does not decode loses four.
fn score(bytes: &[u8], kind: Kind) -> i64 {
    let (mut common, mut rare, mut bad) = (0i64, 0i64, 0i64);
    let mut i = 0;
    let at = |i: usize| bytes.get(i).copied();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let t = at(i + 1);
        let (len, is_common) = match kind {
            Kind::Gb => match t {
                Some(0x30..=0x39) if (0x81..=0xfe).contains(&b) => (4, false),
                Some(t @ 0x40..=0xfe) if (0x81..=0xfe).contains(&b) && t != 0x7f => {
                    (2, (matches!(b, 0xa1..=0xa3) || matches!(b, 0xb0..=0xd7)) && t >= 0xa1)
                }
                _ => (0, false),
            },
            Kind::Big5 => match t {
                Some(0x40..=0x7e | 0xa1..=0xfe) if (0x81..=0xfe).contains(&b) => (2, matches!(b, 0xa1..=0xc6)),
                _ => (0, false),
            },
            Kind::ShiftJis => match (b, t) {
                (0xa1..=0xdf, _) => (1, false),
                (0x81..=0x9f | 0xe0..=0xfc, Some(0x40..=0x7e | 0x80..=0xfc)) => {
                    (2, matches!(b, 0x81..=0x83 | 0x88..=0x98))
                }
                _ => (0, false),
            },
            Kind::Western | Kind::MacRoman => {
                let run_end = bytes[i..].iter().position(|b| *b < 0x80).map_or(bytes.len(), |p| i + p);
                let letter_beside = |j: Option<u8>| j.is_some_and(|c| c.is_ascii_alphabetic());
                let in_word = run_end - i <= 2 && (i > 0 && letter_beside(at(i - 1)) || letter_beside(at(run_end)));
                let letter = if kind == Kind::Western { windows_1252_letter } else { mac_roman_letter };
                // Windows-1252's typographic punctuation alone among ASCII (“Great”, didn’t,
                // 5 – 6, wait…) is as common in Western text as an accented letter: Mac OS
                // Roman reads the same bytes as ì î í ñ, which this tells it from.
                let punctuation = kind == Kind::Western
                    && run_end - i == 1
                    && matches!(bytes[i], 0x80 | 0x85 | 0x91..=0x94 | 0x96 | 0x97);
                for b in &bytes[i..run_end] {
                    if in_word && letter(*b) || punctuation {
                        common += 1;
                    } else {
                        rare += 1;
                    }
                }
                // Bytes Windows-1252 leaves undefined.
                if kind == Kind::Western {
                    bad += bytes[i..run_end].iter().filter(|b| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d)).count()
                        as i64;
                }
                i = run_end;
                continue;
            }
        };
        match len {
            0 => {
                bad += 1;
                i += 1;
            }
            n => {
                if is_common {
                    common += 1;
                } else {
                    rare += 1;
                }
                i += n;
            }
        }
    }
    // Sequences the tokens above let through but the encoding does not map.
    let encoding = match kind {
        Kind::Gb => Some(encoding_rs::GB18030),
        Kind::ShiftJis => Some(encoding_rs::SHIFT_JIS),
        Kind::Big5 => Some(encoding_rs::BIG5),
        Kind::Western | Kind::MacRoman => None,
    };
    if let Some(e) = encoding {
        let whole = bytes.iter().rposition(|b| *b == b'\n').map_or(bytes, |p| &bytes[..=p]);
        let (text, _) = e.decode_without_bom_handling(whole);
        bad += text.chars().filter(|c| *c == '\u{fffd}').count() as i64;
    }
    common - rare - 4 * bad
}

/// How a file's bytes read as UTF-8: the characters outside ASCII that decode, and the
/// sequences that do not (a character cut at the very end not counted).
pub fn utf8_profile(bytes: &[u8]) -> (usize, usize) {
    let (mut multi, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multi += s.chars().filter(|c| !c.is_ascii()).count();
                return (multi, invalid);
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                multi += std::str::from_utf8(ok).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let Some(n) = e.error_len() else { return (multi, invalid) };
                invalid += 1;
                rest = &after[n..];
            }
        }
    }
}

/// Whether bytes that are not all valid UTF-8 are plainly UTF-8 all the same: at least three
/// characters outside ASCII decode, ten for each sequence that does not.
pub fn plainly_utf8(profile: (usize, usize)) -> bool {
    let (multi, invalid) = profile;
    multi >= 3 && multi >= 10 * invalid
}

/// The runs of bytes outside ASCII that read as something else than Chinese (a word's accented
/// letter in a single-byte encoding), and those that read as common Chinese in GB18030.
fn non_ascii_runs(bytes: &[u8]) -> (usize, usize) {
    let (mut western, mut chinese) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] >= 0x80 {
            i += 1;
        }
        let run = &bytes[start..i];
        let common_han = run.len().is_multiple_of(2)
            && run.chunks(2).all(|p| {
                // GB2312's punctuation rows and its first level, the 3,755 commonest characters.
                (matches!(p[0], 0xa1..=0xa3) || matches!(p[0], 0xb0..=0xd7)) && matches!(p[1], 0xa1..=0xfe)
            })
            && encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(run).is_some();
        if common_han {
            chinese += 1;
        } else {
            western += 1;
        }
    }
    (western, chinese)
}

/// The encoding read and the one the bytes look like, when a file is decoded as GB18030
/// (declared, or 问卷星's default) and its bytes plainly read as Western text, or decoded as
/// Windows-1252 and they plainly read as Chinese: either decodes any bytes, so the text would
/// be garbled without an error. Plainly: at least three runs of bytes outside ASCII, three
/// times as many of one kind as of the other.
fn mismatch(read: &'static Encoding, head: &[u8]) -> Option<(&'static str, &'static str)> {
    // Decoded as GB18030, Shift-JIS, Big5 or Windows-1252, text that is UTF-8 turns every
    // character outside ASCII into two or three wrong ones, without an error.
    let utf = [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE];
    if !utf.contains(&read) && plainly_utf8(utf8_profile(head)) {
        return Some((label(read), "utf-8"));
    }
    // Japanese or Traditional Chinese read as GB18030 or Windows-1252: garbled, no error.
    if read == encoding_rs::GB18030 || read == encoding_rs::WINDOWS_1252 {
        let gb = score(head, Kind::Gb);
        let own = if read == encoding_rs::GB18030 { gb } else { score(head, Kind::Western) };
        let (sjis, big5) = (score(head, Kind::ShiftJis), score(head, Kind::Big5));
        let (best, name) = if sjis >= big5 { (sjis, "shift_jis") } else { (big5, "big5") };
        if best >= 3 && best > 3 * own.max(0) && best > gb {
            return Some((label(read), name));
        }
    }
    let (western, chinese) = non_ascii_runs(head);
    if read == encoding_rs::GB18030 && western >= 3 && western >= 3 * chinese {
        Some(("gb18030", "windows-1252"))
    } else if read == encoding_rs::WINDOWS_1252 && chinese >= 3 && chinese >= 3 * western {
        Some(("windows-1252", "gb18030"))
    } else {
        None
    }
}

/// The label of `encoding` as `encoding:` takes it.
fn label(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "gb18030" => "gb18030",
        "windows-1252" => "windows-1252",
        "Shift_JIS" => "shift_jis",
        "Big5" => "big5",
        _ => "the declared encoding",
    }
}

/// What to do about text that is not valid UTF-8, from a sample of its bytes: the
/// `encoding:` to set and why; the encodings to consider when no guess fits.
pub fn encoding_advice(bytes: &[u8]) -> String {
    match guess_encoding(bytes) {
        Some((label, why)) => format!("{why}: set `encoding: {label}`"),
        None => "set `encoding:` to the file's encoding (windows-1252, gb18030, utf-16le…)".to_string(),
    }
}

/// The first 64 KiB of the file at `path` (for [`guess_encoding`]); empty if unreadable.
pub fn sample(path: &std::path::Path) -> Vec<u8> {
    head(path, 1 << 16)
}

/// How much of a file is read to tell whether it is UTF-8 but for a few bad sequences.
pub const PROFILE_BYTES: usize = 16 << 20;

/// The first `n` bytes of the file at `path` (fewer if it is shorter); empty if unreadable.
pub fn head(path: &std::path::Path, n: usize) -> Vec<u8> {
    let mut buf = Vec::new();
    let _ = File::open(path).and_then(|f| f.take(n as u64).read_to_end(&mut buf));
    buf
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
/// How much of a 问卷星 export is read to tell its encoding.
const SNIFF_BYTES: usize = 1 << 16;

/// Whether `head`, the start of a file, is UTF-8 (a character cut at its end allowed).
fn is_utf8_prefix(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(encoding: &'static Encoding, bytes: &[u8], piece: usize) -> Vec<u8> {
        let mut d = Decode::new(encoding, bytes);
        let mut out = Vec::new();
        let mut buf = vec![0; piece];
        loop {
            let n = d.read(&mut buf).unwrap();
            if n == 0 {
                return out;
            }
            out.extend_from_slice(&buf[..n]);
        }
    }

    #[test]
    fn a_decoding_that_plainly_contradicts_the_bytes_is_warned_of() {
        let gbk =
            encoding_rs::GBK.encode("门店,评论\n上海南京路店,服务很好，下次再来\n北京店,排队太久\n").0.into_owned();
        let latin = b"Laden,Kommentar\nCaf\xe9 M\xfcller,Sch\xf6n\nGare,Tr\xe8s bien\n".to_vec();
        let (gb, w1252) = (encoding_rs::GB18030, encoding_rs::WINDOWS_1252);
        assert_eq!(mismatch(gb, &gbk), None);
        assert_eq!(mismatch(w1252, &latin), None);
        assert_eq!(mismatch(gb, &latin), Some(("gb18030", "windows-1252")));
        assert_eq!(mismatch(w1252, &gbk), Some(("windows-1252", "gb18030")));
        // One accented name among Chinese text, or two in all, is no plain contradiction.
        let mixed = [gbk.as_slice(), b"Caf\xe9\n"].concat();
        assert_eq!(mismatch(gb, &mixed), None);
        assert_eq!(mismatch(gb, b"Caf\xe9,M\xfcller\n"), None);
        // Other encodings are not second-guessed.
        assert_eq!(mismatch(encoding_rs::BIG5, &latin), None);
        // Japanese or Traditional Chinese read as GB18030 or Windows-1252, UTF-8 read as
        // anything else: each garbles without an error.
        let sjis = encoding_rs::SHIFT_JIS.encode("店舗,コメント\nとても良い,また来ます。\n待ち時間が長い,親切\n").0;
        assert_eq!(mismatch(gb, &sjis), Some(("gb18030", "shift_jis")));
        assert_eq!(mismatch(w1252, &sjis), Some(("windows-1252", "shift_jis")));
        let utf8 = "门店,评论\n上海,服务很好，下次再来\n".as_bytes();
        assert_eq!(mismatch(w1252, utf8), Some(("windows-1252", "utf-8")));
        assert_eq!(mismatch(gb, utf8), Some(("gb18030", "utf-8")));
    }

    #[test]
    fn each_undecodable_sequence_becomes_one_marker_byte() {
        // 你好 in GBK, then a lone 0xFF, then "ok".
        let got = decode(encoding_rs::GBK, b"\xc4\xe3\xba\xc3,\xff,ok\n", 7);
        let mut want = "你好,".as_bytes().to_vec();
        want.push(UNDECODABLE);
        want.extend_from_slice(b",ok\n");
        assert_eq!(got, want);
    }

    #[test]
    fn the_encoding_of_text_that_is_not_utf8_is_guessed_from_its_bytes() {
        let guess = |b: &[u8]| guess_encoding(b).map(|g| g.0);
        // Latin-1 / Windows-1252: accented letters alone between ASCII ones, or pairs that
        // GB18030 would read as rare characters (Grüße → Gr鲞e).
        let (latin, _, _) =
            encoding_rs::WINDOWS_1252.encode("Zufriedenheit;Kommentar\nSehr zufrieden;Très bien, Grüße, schön\n");
        assert_eq!(guess(&latin), Some("windows-1252"));
        assert_eq!(guess(b"Gr\xfc\xdfe"), Some("windows-1252"));
        assert_eq!(guess(b"caf\xe9 cr\xe8me"), Some("windows-1252"));
        // Mac OS Roman (Excel for Mac): its accented letters sit where Windows-1252 has
        // punctuation (é 0x8E is Ž there, è 0x8F undefined), and the other way round.
        let (mac, _, _) = encoding_rs::MACINTOSH.encode("Magasin;Qualité;Commentaire\rGenève;4;Prix élevé à déçu\r");
        assert_eq!(guess(&mac), Some("macintosh"));
        assert_eq!(guess(b"caf\x8e cr\x8fme"), Some("macintosh"));
        let (german, _, _) = encoding_rs::MACINTOSH.encode("Filiale;Kommentar\nKöln;Grüße, schön, süß\n");
        assert_eq!(guess(&german), Some("macintosh"));
        // Windows-1252's curly quotes, apostrophe and dash are Mac OS Roman's ì î í ñ: they
        // must not make a French export Mac.
        let (quoted, _, _) =
            encoding_rs::WINDOWS_1252.encode("Note;Commentaire\nTrès satisfait;“Très bien” – c’est rapide\n");
        assert_eq!(guess(&quoted), Some("windows-1252"));
        // Korean (EUC-KR, Excel on Korean Windows): its Hangul share GB18030's lead bytes.
        let (korean, _, _) =
            encoding_rs::EUC_KR.encode("만족도,의견\n매우 만족,배송이 빨라서 좋았습니다\n보통,포장이 아쉬웠어요\n");
        assert_eq!(guess(&korean), Some("euc-kr"));
        // GBK / GB18030: common Chinese.
        let (gbk, _, _) = encoding_rs::GBK.encode("门店,评分,评论\n上海,9,送货太慢，包装破损\n北京,10,很满意\n");
        assert_eq!(guess(&gbk), Some("gb18030"));
        // UTF-16 without a byte-order mark.
        let le: Vec<u8> = "date\tnps\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "date\tnps\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(guess(&le), Some("utf-16le"));
        assert_eq!(guess(&be), Some("utf-16be"));
        assert_eq!(guess(b"plain ascii"), None);
        // Shift-JIS and Big5: kana and common kanji, common Traditional characters.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("回答ID,推奨度,コメント\n1,9,とても良いサービスでした。\n");
        assert_eq!(guess(&sjis), Some("shift_jis"));
        let (big5, _, _) = encoding_rs::BIG5.encode("編號,推薦意願,意見\n1,9,服務很好，下次還會再來\n");
        assert_eq!(guess(&big5), Some("big5"));
        // Each guess, followed, reads the text back.
        let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&latin);
        assert!(!bad && text.contains("Grüße"));
        assert!(encoding_advice(&latin).ends_with("set `encoding: windows-1252`"));
    }

    #[test]
    fn valid_text_decodes_as_with_replacement() {
        let text = "门店,评分\n上海,9\n".repeat(5000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        assert_eq!(decode(encoding_rs::GBK, &gbk, 1000), text.as_bytes());
        // A truncated last character is marked too.
        let mut cut = gbk.to_vec();
        cut.push(0xc4);
        assert_eq!(decode(encoding_rs::GBK, &cut, 333).last(), Some(&UNDECODABLE));
    }
}
