//! Line ends and chunking: CSV text normalised and cut into runs of whole records.

use std::io::Read;

use super::MAX_RECORD_BYTES;

/// A quote that opens a cell and is never closed, or not within the most a record may hold.
#[derive(Debug)]
pub(super) struct UnclosedQuote {
    pub(super) line: u64,
    /// The limit it ran past, in bytes, when the input went on past it (the quote may still
    /// close further on); `None` when the input ended inside the cell.
    pub(super) within: Option<usize>,
}

impl std::fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.within {
            None => write!(
                f,
                "the quote (\") opened on this line is never closed, so the rest of the file would be one cell; close it, or check the delimiter and quoting"
            ),
            Some(bytes) => write!(
                f,
                "the quoted cell opened on this line runs on for more than {}, more than cxsite reads of one row: the quote is never closed, or the cell holds far more than any comment; check the quoting, or shorten the cell",
                if bytes >= 1 << 20 { format!("{} MB", bytes >> 20) } else { format!("{bytes} bytes") }
            ),
        }
    }
}

impl std::error::Error for UnclosedQuote {}

/// Normalises line ends outside quoted cells and finds unclosed quotes.
///
/// - CRLF and lone CR line ends become LF, and every blank line gets a space. The csv crate
///   counts lines by LF only, so without this every row of a Windows (CRLF) file after the
///   first is reported one line too early (rust-csv issue 395) and a CR-only file is all
///   "line 1"; it also skips blank lines without counting them into the next record's position,
///   while a line holding a space is an ordinary empty record, which the table skips.
/// - Inside a quoted cell nothing is changed: a comment's own line breaks are its text.
/// - The csv crate reads an unclosed quote as one cell running to the end of the file; here it
///   is an error naming the line where the quote opened.
pub(super) struct LineEnds<R> {
    inner: R,
    delimiter: u8,
    buf: Vec<u8>,
    /// Converted bytes not yet handed out, from `pos` on.
    ready: Vec<u8>,
    pos: usize,
    /// The last chunk ended in CR (outside quotes): its LF, if any, starts the next chunk.
    pending_cr: bool,
    /// Nothing but a line end was written on the current line yet.
    at_line_start: bool,
    /// The next byte starts a cell (a quote there opens a quoted cell).
    at_field_start: bool,
    in_quotes: bool,
    /// A quote just closed a quoted cell; a second one means a literal quote inside it.
    after_quote: bool,
    pub(super) line: u64,
    quote_line: u64,
    /// Chunking: `ready[..boundary]` ends on a line end outside quotes, a record boundary,
    /// and `boundary_line` is the line that starts there.
    boundary: usize,
    boundary_line: u64,
    /// The line `ready` starts on.
    ready_line: u64,
    /// See [`MAX_RECORD_BYTES`].
    max_record: usize,
}

impl<R: Read> LineEnds<R> {
    pub(super) fn new(inner: R, delimiter: u8) -> Self {
        LineEnds {
            inner,
            delimiter,
            buf: vec![0; 1 << 17],
            ready: Vec::new(),
            pos: 0,
            pending_cr: false,
            at_line_start: true,
            at_field_start: true,
            in_quotes: false,
            after_quote: false,
            line: 1,
            quote_line: 0,
            boundary: 0,
            boundary_line: 1,
            ready_line: 1,
            max_record: MAX_RECORD_BYTES,
        }
    }

    /// The error for a record past [`MAX_RECORD_BYTES`].
    fn record_too_long(&self) -> std::io::Error {
        if self.in_quotes {
            let within = Some(self.max_record);
            return std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                UnclosedQuote { line: self.quote_line, within },
            );
        }
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "line {} runs on for more than {} MB without a line end; is this a CSV file?",
                self.boundary_line,
                self.max_record >> 20
            ),
        )
    }

    /// Moves the next run of whole records, at least `target` bytes unless the input ends,
    /// into `out`; returns the line it starts on, or `None` at the end of the input.
    pub(super) fn next_chunk(&mut self, out: &mut Vec<u8>, target: usize) -> std::io::Result<Option<u64>> {
        while self.boundary < target {
            let n = match self.inner.read(&mut self.buf) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                if self.in_quotes {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        UnclosedQuote { line: self.quote_line, within: None },
                    ));
                }
                // A run of NUL bytes (a file padded to a block size) or a Ctrl-Z (the end
                // of file mark of DOS tools) at the very end is no text of the file.
                self.strip_end_padding();
                // The last record may have no line end.
                self.boundary = self.ready.len();
                self.boundary_line = self.line;
                break;
            }
            self.convert(n);
            if self.ready.len() - self.boundary > self.max_record {
                return Err(self.record_too_long());
            }
        }
        if self.boundary == 0 {
            return Ok(None);
        }
        // Hand over the whole buffer and keep only the unfinished record after the boundary.
        out.clear();
        std::mem::swap(out, &mut self.ready);
        self.ready.extend_from_slice(&out[self.boundary..]);
        out.truncate(self.boundary);
        let first = self.ready_line;
        self.ready_line = self.boundary_line;
        self.boundary = 0;
        Ok(Some(first))
    }

    /// Drops NUL bytes and Ctrl-Z (0x1A) from the end of the converted text, after its last
    /// line end: nothing but padding follows the last row.
    fn strip_end_padding(&mut self) {
        let tail = &self.ready[self.boundary..];
        let keep = tail.iter().rposition(|b| !matches!(b, 0 | 0x1a)).map_or(0, |i| i + 1);
        self.ready.truncate(self.boundary + keep);
    }

    /// Reads and converts the next chunk; false at the end of the input.
    fn fill(&mut self) -> std::io::Result<bool> {
        self.ready.clear();
        self.pos = 0;
        while self.ready.is_empty() {
            let n = self.inner.read(&mut self.buf)?;
            if n == 0 {
                if self.in_quotes {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        UnclosedQuote { line: self.quote_line, within: None },
                    ));
                }
                return Ok(false);
            }
            self.convert(n);
        }
        Ok(true)
    }

    /// Converts `buf[..n]` into `ready`, copying runs without quotes or line ends in bulk.
    fn convert(&mut self, n: usize) {
        let mut i = 0;
        while i < n {
            let chunk = &self.buf[i..n];
            // Inside quotes only quotes and LFs (for the line count) matter; outside, CRs too.
            let next = if self.in_quotes {
                memchr::memchr2(b'"', b'\n', chunk)
            } else {
                memchr::memchr3(b'"', b'\n', b'\r', chunk)
            };
            let run = next.unwrap_or(chunk.len());
            if run > 0 {
                self.pending_cr = false;
                if !self.in_quotes {
                    self.after_quote = false;
                    self.at_line_start = false;
                    self.at_field_start = chunk[run - 1] == self.delimiter;
                }
                self.ready.extend_from_slice(&chunk[..run]);
                i += run;
                continue;
            }
            let b = chunk[0];
            self.step(b);
            i += 1;
        }
    }

    fn step(&mut self, b: u8) {
        // CR LF: the LF was already written for the CR. Whatever else follows a CR — a quote
        // too — ends the wait, or a later LF would be swallowed (`\r""\n` lost a line).
        if std::mem::take(&mut self.pending_cr) && b == b'\n' {
            return;
        }
        if self.in_quotes {
            if b == b'"' {
                self.in_quotes = false;
                self.after_quote = true;
            } else if b == b'\n' {
                self.line += 1;
            }
            self.ready.push(b);
            return;
        }
        if b == b'"' {
            if self.after_quote {
                // `""` inside a quoted cell: a literal quote, still inside.
                self.in_quotes = true;
            } else if self.at_field_start {
                self.in_quotes = true;
                self.quote_line = self.line;
            }
            self.after_quote = false;
            self.at_field_start = false;
            self.at_line_start = false;
            self.ready.push(b);
            return;
        }
        self.after_quote = false;
        let byte = if b == b'\r' {
            self.pending_cr = true;
            b'\n'
        } else {
            b
        };
        if byte == b'\n' {
            if self.at_line_start {
                self.ready.push(b' ');
            }
            self.at_line_start = true;
            self.at_field_start = true;
            self.line += 1;
            self.ready.push(byte);
            self.boundary = self.ready.len();
            self.boundary_line = self.line;
            return;
        }
        self.at_line_start = false;
        self.at_field_start = byte == self.delimiter;
        self.ready.push(byte);
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.pos >= self.ready.len() && !self.fill()? {
            return Ok(0);
        }
        let n = out.len().min(self.ready.len() - self.pos);
        out[..n].copy_from_slice(&self.ready[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod line_end_tests {
    use super::*;

    fn convert(input: &[u8]) -> String {
        let mut out = Vec::new();
        LineEnds::new(input, b',').read_to_end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn crlf_and_cr_become_lf_and_blank_lines_hold_a_space() {
        assert_eq!(convert(b"a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(convert(b"Title\r\n\r\nid;x\r\n"), "Title\n \nid;x\n");
        assert_eq!(convert(b"\nfirst"), " \nfirst");
        // A line that starts with a quote after a lone CR keeps its own LF.
        assert_eq!(convert(b"a\r\"\"\nb"), "a\n\"\"\nb");
    }

    #[test]
    fn line_ends_inside_quoted_cells_are_left_as_written() {
        assert_eq!(convert(b"a,\"x\r\ny\n\nz\"\r\nb"), "a,\"x\r\ny\n\nz\"\nb");
        assert_eq!(convert(b"a,\"say \"\"hi\"\"\r\n\"\r\n"), "a,\"say \"\"hi\"\"\r\n\"\n");
        // A quote in the middle of a cell is an ordinary character.
        assert_eq!(convert(b"5\" screen,ok\r\nnext"), "5\" screen,ok\nnext");
    }

    #[test]
    fn an_unclosed_quote_is_an_error_naming_its_line() {
        let mut out = Vec::new();
        let e = LineEnds::new(&b"id,c\n1,ok\n2,\"never closed\n3,x\n"[..], b',').read_to_end(&mut out).unwrap_err();
        let q = e.get_ref().and_then(|i| i.downcast_ref::<UnclosedQuote>()).map(|q| q.line);
        assert_eq!(q, Some(3), "{e}");
    }

    #[test]
    fn nul_padding_and_a_ctrl_z_at_the_end_are_dropped() {
        let chunked = |input: &[u8]| {
            let mut r = LineEnds::new(input, b',');
            let (mut out, mut buf) = (Vec::new(), Vec::new());
            while r.next_chunk(&mut buf, 1).unwrap().is_some() {
                out.extend_from_slice(&buf);
            }
            String::from_utf8(out).unwrap()
        };
        assert_eq!(chunked(b"a,b\n1,2\n\0\0\0\0"), "a,b\n1,2\n");
        assert_eq!(chunked(b"a,b\r\n1,2\r\n\x1a"), "a,b\n1,2\n");
        assert_eq!(chunked(b"a,b\n1,2\x1a"), "a,b\n1,2");
        // Inside the text they stay, for the reader to report.
        assert_eq!(chunked(b"a,b\n1,\x002\n"), "a,b\n1,\x002\n");
    }

    #[test]
    fn a_reader_asking_one_byte_at_a_time_gets_everything() {
        let mut r = LineEnds::new(&b"ab\r\ncd"[..], b',');
        let mut out = Vec::new();
        let mut one = [0u8; 1];
        while r.read(&mut one).unwrap() == 1 {
            out.push(one[0]);
        }
        assert_eq!(out, b"ab\ncd");
    }
}

#[cfg(test)]
mod chunk_tests {
    use super::super::{CsvShape, Malformed, Row, TextChunk};
    use super::*;
    use csv::ByteRecord;

    /// Hands out its input one byte per read, as a slow pipe might.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
            out[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    /// Every chunk of `input` cut with a `target` of a few bytes, with its first line.
    fn chunks(input: &[u8], target: usize) -> Vec<(u64, String)> {
        let mut r = LineEnds::new(Trickle(input), b',');
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(line) = r.next_chunk(&mut buf, target).unwrap() {
            out.push((line, String::from_utf8(buf.clone()).unwrap()));
        }
        out
    }

    #[test]
    fn chunks_end_on_record_boundaries_never_inside_quotes() {
        let input = b"a,\"x\ny\",1\nb,2\r\nc,\"p\r\n\"\"q\"\"\",3\n\nd,4";
        let got = chunks(input, 1);
        assert_eq!(
            got,
            vec![
                (1, "a,\"x\ny\",1\n".to_string()),
                (3, "b,2\n".to_string()),
                (4, "c,\"p\r\n\"\"q\"\"\",3\n".to_string()),
                (6, " \n".to_string()),
                (7, "d,4".to_string()),
            ]
        );
        // Whatever the chunk size, the chunks join up to the whole normalised text.
        for target in [2, 5, 13, 1000] {
            let joined: String = chunks(input, target).into_iter().map(|(_, t)| t).collect();
            assert_eq!(joined, "a,\"x\ny\",1\nb,2\nc,\"p\r\n\"\"q\"\"\",3\n \nd,4");
        }
    }

    #[test]
    fn an_unclosed_quote_fails_the_chunk_with_its_line() {
        let mut r = LineEnds::new(&b"id,c\n1,\"open\n2,x\n"[..], b',');
        let e = r.next_chunk(&mut Vec::new(), 1 << 20).unwrap_err();
        let q = e.get_ref().and_then(|i| i.downcast_ref::<UnclosedQuote>()).map(|q| q.line);
        assert_eq!(q, Some(2));
    }

    #[test]
    fn a_record_past_the_limit_is_an_error_not_a_buffer_of_the_whole_file() {
        let mut input = b"id,c\n1,\"open\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        let mut r = LineEnds::new(Trickle(&input), b',');
        r.max_record = 1000;
        let e = r.next_chunk(&mut Vec::new(), 1 << 20).unwrap_err();
        let q = e.get_ref().and_then(|i| i.downcast_ref::<UnclosedQuote>()).map(|q| q.line);
        assert_eq!(q, Some(2));
        assert!(r.ready.len() < 1100, "{} bytes held", r.ready.len());
        // Said as a cell too long, which it may be: its quote may close past the limit.
        assert!(e.to_string().contains("runs on for more than 1000 bytes"), "{e}");
        assert!(!e.to_string().contains("never closed, so"), "{e}");

        let mut r = LineEnds::new(Trickle(&[b'y'; 5000]), b',');
        r.max_record = 1000;
        let e = r.next_chunk(&mut Vec::new(), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("line 1 runs on for more than"), "{e}");
    }

    /// Records of CSV text, as the csv crate reads them.
    fn records(text: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let shape = CsvShape { delimiter: b',', width: 0, skip_malformed: true, display: String::new() };
        let mut reader = shape.reader(text);
        let mut rec = ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut rec).unwrap() {
            out.push(rec.iter().map(<[u8]>::to_vec).collect());
        }
        out
    }

    proptest::proptest! {
        /// Whatever the text and the chunk size: the chunks join up to the text normalised in
        /// one go, each starts on the line that text says, and parsing them one by one gives
        /// the records of parsing the whole — no cut falls inside a record.
        #[test]
        fn chunks_never_split_a_record(input in "[ab,\"\r\n]{0,120}", target in 1usize..40) {
            let mut whole = Vec::new();
            let read = LineEnds::new(input.as_bytes(), b',').read_to_end(&mut whole);
            let mut r = LineEnds::new(Trickle(input.as_bytes()), b',');
            let mut chunks = Vec::new();
            let mut buf = Vec::new();
            loop {
                match r.next_chunk(&mut buf, target) {
                    Ok(Some(line)) => chunks.push((line, buf.clone())),
                    Ok(None) => break,
                    Err(_) => {
                        proptest::prop_assert!(read.is_err(), "only the one-go read may succeed");
                        return Ok(());
                    }
                }
            }
            proptest::prop_assert!(read.is_ok());
            let joined: Vec<u8> = chunks.iter().flat_map(|(_, c)| c.clone()).collect();
            proptest::prop_assert_eq!(&joined, &whole);
            let mut at = 0;
            let mut parts = Vec::new();
            for (line, c) in &chunks {
                let expected = 1 + whole[..at].iter().filter(|b| **b == b'\n').count() as u64;
                proptest::prop_assert_eq!(*line, expected);
                at += c.len();
                parts.extend(records(c));
            }
            proptest::prop_assert_eq!(parts, records(&whole));
        }
    }

    #[test]
    fn rows_of_a_chunk_carry_their_file_line() {
        let shape = CsvShape { delimiter: b',', width: 2, skip_malformed: true, display: "t.csv".into() };
        let chunk = TextChunk { first_line: 10, bytes: b"a,\"x\ny\"\n \n,\nb,1,extra\nc,2\n".to_vec() };
        let mut seen = Vec::new();
        shape
            .for_each_row(&chunk, &mut ByteRecord::new(), |row| {
                seen.push(match row {
                    Row::Data(line, r) => format!("{line}:{}", String::from_utf8_lossy(r.get(0).unwrap())),
                    Row::Malformed(line, _) => format!("{line}:malformed"),
                    Row::Empty(line) => format!("{line}:empty"),
                    Row::Cut(c) => format!("{}:cut after {}", c.line, c.previous_line),
                    Row::OpenQuote(q) => format!("{}:open quote", q.quote_line),
                });
                Ok(())
            })
            .unwrap();
        // The blank line (12) and the row of empty cells (13) are empty rows, each at its line.
        assert_eq!(seen, ["10:a", "12:empty", "13:empty", "14:malformed", "15:c"]);
    }

    #[test]
    fn a_file_that_ends_inside_a_row_rejects_that_row() {
        let shape = CsvShape { delimiter: b',', width: 4, skip_malformed: false, display: "t.csv".into() };
        let seen = |text: &[u8]| {
            let chunk = TextChunk { first_line: 2, bytes: text.to_vec() };
            let mut seen = Vec::new();
            shape
                .for_each_row(&chunk, &mut ByteRecord::new(), |row| {
                    seen.push(match row {
                        Row::Data(line, r) => format!("{line}:{}", r.len()),
                        Row::Malformed(line, Malformed::CutAtEnd { fields, width }) => {
                            format!("{line}:cut at end {fields}/{width}")
                        }
                        Row::Malformed(line, _) => format!("{line}:malformed"),
                        _ => String::new(),
                    });
                    Ok(())
                })
                .unwrap();
            seen
        };
        // The score cut from 10 to 1 with the rest of the row: no line end, 3 of 4 fields.
        assert_eq!(seen(b"1,a,9,ok\n2,b,1"), ["2:4", "3:cut at end 3/4"]);
        // With its line end, or with its last cells left empty (Excel's short rows), or whole,
        // the last row is a row.
        assert_eq!(seen(b"1,a,9,ok\n2,b,1\n"), ["2:4", "3:4"]);
        assert_eq!(seen(b"1,a,9,ok\n2,b,"), ["2:4", "3:4"]);
        assert_eq!(seen(b"1,a,9,ok\n2,b,1,fine"), ["2:4", "3:4"]);
    }

    #[test]
    fn a_short_record_that_completes_the_one_before_is_told_as_cut() {
        let shape = CsvShape { delimiter: b',', width: 4, skip_malformed: false, display: "t.csv".into() };
        let seen = |text: &[u8]| {
            let chunk = TextChunk { first_line: 2, bytes: text.to_vec() };
            let mut seen = Vec::new();
            shape
                .for_each_row(&chunk, &mut ByteRecord::new(), |row| {
                    if let Row::Cut(c) = row {
                        seen.push((c.line, c.fields, c.previous_line, c.previous_fields));
                    }
                    Ok(())
                })
                .unwrap();
            seen
        };
        // A break in the last cell (4 fields, then 1), and in a middle one (2, then 3).
        assert_eq!(seen(b"1,a,9,good service\nbut slow\n2,b,3,ok\n"), [(3, 1, 2, 4)]);
        assert_eq!(seen(b"1,2024-01-03\nshop,9,bad\n2,b,3,ok\n"), [(3, 3, 2, 2)]);
        // A quoted break is one record; short rows whose fields do not add up, a short row
        // after a blank line, and full rows are not cut records.
        assert!(seen(b"1,a,9,\"good\nbut slow\"\n2,b,3,ok\n").is_empty());
        assert!(seen(b"1,a,9,x\n2,b\n3,c\n").is_empty());
        // (The chunker gives a blank line a space, so that the csv crate counts it.)
        assert!(seen(b"1,a,9,x\n \nlast\n").is_empty());
        assert!(seen(b"1,a,9,x\n2,b,3,y\n").is_empty());
    }
}
