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
    let bom = Encoding::for_bom(&head);
    let mut warning = None;
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
/// (the NUL after each ASCII letter: little-endian; before: big-endian); bytes that pair into
/// common Chinese characters in GB18030 are GB18030 (Excel on Chinese Windows); bytes that
/// stand alone between ASCII letters, or do not decode as GB18030, are single-byte Western
/// text (Windows-1252, the superset of Latin-1). `None`: no guess.
pub fn guess_encoding(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i.is_multiple_of(2) {
                even_nul += 1;
            } else {
                odd_nul += 1;
            }
        }
    }
    if (even_nul + odd_nul) * 4 >= bytes.len() && bytes.len() >= 4 {
        return Some(if odd_nul >= even_nul {
            ("utf-16le", "it has a NUL byte after each letter: UTF-16 (little-endian) without a byte-order mark")
        } else {
            ("utf-16be", "it has a NUL byte before each letter: UTF-16 (big-endian) without a byte-order mark")
        });
    }
    let (western, chinese) = non_ascii_runs(bytes);
    if chinese == 0 && western == 0 {
        None
    } else if chinese >= western {
        Some(("gb18030", "its bytes read as Chinese in GB18030, as Excel saves a CSV on Chinese Windows"))
    } else {
        Some(("windows-1252", "its bytes read as single-byte Western European text (Windows-1252 / Latin-1)"))
    }
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
    let (western, chinese) = non_ascii_runs(head);
    if read == encoding_rs::GB18030 && western >= 3 && western >= 3 * chinese {
        Some(("gb18030", "windows-1252"))
    } else if read == encoding_rs::WINDOWS_1252 && chinese >= 3 && chinese >= 3 * western {
        Some(("windows-1252", "gb18030"))
    } else {
        None
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
    let mut buf = vec![0; 1 << 16];
    let n = File::open(path).and_then(|mut f| read_up_to(&mut f, &mut buf)).unwrap_or(0);
    buf.truncate(n);
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
        // GBK / GB18030: common Chinese.
        let (gbk, _, _) = encoding_rs::GBK.encode("门店,评分,评论\n上海,9,送货太慢，包装破损\n北京,10,很满意\n");
        assert_eq!(guess(&gbk), Some("gb18030"));
        // UTF-16 without a byte-order mark.
        let le: Vec<u8> = "date\tnps\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "date\tnps\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(guess(&le), Some("utf-16le"));
        assert_eq!(guess(&be), Some("utf-16be"));
        assert_eq!(guess(b"plain ascii"), None);
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
