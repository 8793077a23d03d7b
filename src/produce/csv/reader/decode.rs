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
use crate::project::FileSpec;

/// Written in place of each undecodable sequence.
pub const UNDECODABLE: u8 = 0xff;

/// A file opened as UTF-8 text.
pub(super) struct Decoded {
    pub reader: Box<dyn Read + Send>,
    /// The encoding decoded from (`None`: UTF-8 read as it is, where invalid bytes are an
    /// error pointing at `encoding:`).
    pub encoding: Option<&'static Encoding>,
    /// A byte-order mark that contradicts the declared encoding, and won.
    pub warning: Option<String>,
}

/// The file as a UTF-8 stream: a BOM names the encoding (a declared one that disagrees gets
/// a warning: the BOM is what the file is); else a declared encoding is decoded; else the
/// bytes pass through, so invalid UTF-8 is reported by row.
pub(super) fn decoded(spec: &FileSpec) -> Result<Decoded> {
    let mut file = File::open(&spec.path)
        .map(crate::progress::Counted)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {e}"))))?;
    let mut head = [0u8; 3];
    let n = read_up_to(&mut file, &mut head)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot read the file: {e}"))))?;
    let bom = Encoding::for_bom(&head[..n]);
    let rest = Cursor::new(head[bom.map_or(0, |b| b.1)..n].to_vec()).chain(file);
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
        (None, declared) => declared,
    };
    let reader: Box<dyn Read + Send> = match encoding {
        // The common case, UTF-8 undeclared: the bytes as they are (no decoder copying each).
        Some(e) if e == encoding_rs::UTF_8 && spec.encoding.is_none() => Box::new(rest),
        None => Box::new(rest),
        Some(e) => Box::new(Decode::new(e, rest)),
    };
    let encoding = encoding.filter(|e| *e != encoding_rs::UTF_8 || spec.encoding.is_some());
    Ok(Decoded { reader, encoding, warning })
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

/// Reads until `buf` is full or the input ends; the number of bytes read.
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
    fn each_undecodable_sequence_becomes_one_marker_byte() {
        // 你好 in GBK, then a lone 0xFF, then "ok".
        let got = decode(encoding_rs::GBK, b"\xc4\xe3\xba\xc3,\xff,ok\n", 7);
        let mut want = "你好,".as_bytes().to_vec();
        want.push(UNDECODABLE);
        want.extend_from_slice(b",ok\n");
        assert_eq!(got, want);
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
