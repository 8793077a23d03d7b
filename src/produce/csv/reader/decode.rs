//! Decoding a CSV file to a UTF-8 stream.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};

use crate::error::{Diagnostic, Error, Result};
use crate::project::FileSpec;

/// The file as a UTF-8 stream: a declared encoding is decoded; otherwise a UTF-8 or UTF-16
/// BOM is honoured and anything else passes through, so invalid bytes are reported by row.
pub(super) fn decoded(spec: &FileSpec) -> Result<Box<dyn Read + Send>> {
    let mut file = File::open(&spec.path)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {e}"))))?;
    if spec.encoding.is_none() {
        // The common case, UTF-8: read the file as it is (no decoder copying every byte),
        // after its BOM if it has one. A UTF-16 BOM goes to the decoder.
        let mut bom = [0u8; 3];
        let n = read_up_to(&mut file, &mut bom)
            .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot read the file: {e}"))))?;
        let utf16 = n >= 2 && (bom[..2] == [0xff, 0xfe] || bom[..2] == [0xfe, 0xff]);
        if !utf16 {
            let keep = if bom[..n] == [0xef, 0xbb, 0xbf] { &[][..] } else { &bom[..n] };
            return Ok(Box::new(Cursor::new(keep.to_vec()).chain(file)));
        }
        let head = Cursor::new(bom[..n].to_vec());
        return Ok(Box::new(decoder(None, head.chain(file))));
    }
    Ok(Box::new(decoder(spec.encoding, file)))
}

/// A stream decoded from `encoding` (or the encoding its BOM names) to UTF-8.
fn decoder<R: Read>(encoding: Option<&'static encoding_rs::Encoding>, inner: R) -> impl Read {
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .strip_bom(true)
        .utf8_passthru(true)
        .build(BufReader::with_capacity(1 << 16, inner))
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
