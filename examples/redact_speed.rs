//! Times [`redact`] on one comment of each hostile kind — digits and separators, e-mail and
//! keyword look-alikes — at four lengths, best of three measures, and prints nanoseconds (of CPU
//! time) per byte:
//! the same figure at every length is linear time, and the figure is the constant
//! (docs/PERFORMANCE.md, "Redaction of digit-heavy comments"):
//!
//! `cargo run --release --example redact_speed [KIND]` (kinds whose name starts with KIND)
//!
//! With `--dump`, it redacts each line of stdin instead (`\n` written in a line stands for a
//! line break) and prints the result, to compare two builds with `cmp`.

use std::io::{BufRead, Write};
use std::time::Instant;

use cxsite::aggregate::redact::redact;

/// `n` bytes or so of `piece(i)` for i = 0, 1, … joined by `sep`.
fn joined(n: usize, sep: &str, piece: impl Fn(usize) -> String) -> String {
    let mut s = String::with_capacity(n + 16);
    let mut i = 0;
    while s.len() < n {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(&piece(i));
        i += 1;
    }
    s
}

type Kind = (&'static str, fn(usize) -> String);

const KINDS: [Kind; 17] = [
    ("spaced digits", |n| joined(n, " ", |i| (i % 10).to_string())),
    ("dashed pairs", |n| joined(n, "-", |i| format!("{:02}", i % 100))),
    ("dotted digits", |n| joined(n, ".", |i| (i % 10).to_string())),
    ("bracketed pairs", |n| joined(n, " ", |i| format!("({:02})", i % 100))),
    ("zeros", |n| joined(n, " ", |_| "0".into())),
    ("block of digits", |n| joined(n, "", |i| (i % 10).to_string())),
    ("plus signs", |n| joined(n, " ", |i| format!("+{}", i % 10))),
    ("at signs", |n| joined(n, "@", |i| (i % 10).to_string())),
    ("arabic-indic spaced", |n| joined(n, " ", |i| char::from_u32(0x660 + (i % 10) as u32).unwrap_or('0').into())),
    ("full-width", |n| joined(n, "\u{3000}", |i| char::from_u32(0xFF10 + (i % 10) as u32).unwrap_or('0').into())),
    ("e-mails", |n| joined(n, "", |_| "a.1@b.c".into())),
    ("cjk at signs", |n| joined(n, "", |_| "张三@".into())),
    ("qq keywords", |n| joined(n, "", |_| "QQ 12 ".into())),
    ("wechat keywords", |n| joined(n, "", |_| "微信 a1".into())),
    ("invisible", |n| joined(n, "", |_| "a\u{200d}1\u{200b}".into())),
    ("plus brackets", |n| joined(n, "", |_| "+1 (2".into())),
    ("mixed", |n| joined(n, "", |i| format!("1{} 3-{}.", i % 10, i % 7))),
];

/// Nanoseconds this thread has run on a CPU (Linux's scheduler statistics), so that time
/// the thread waited for a core on a busy host is not counted; wall time elsewhere.
fn cpu_ns() -> u128 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_nanos())
}

fn main() {
    let arg = std::env::args().nth(1);
    let mut out = std::io::BufWriter::new(std::io::stdout());
    if arg.as_deref() == Some("--dump") {
        for line in std::io::stdin().lock().lines() {
            let line = line.expect("stdin").replace("\\n", "\n");
            writeln!(out, "{}", redact(&line).replace('\n', "\\n")).expect("stdout");
        }
        return;
    }
    for (name, make) in KINDS {
        if arg.as_ref().is_some_and(|k| !name.starts_with(k.as_str())) {
            continue;
        }
        write!(out, "{name:20}").expect("stdout");
        for n in [10_000, 100_000, 1_000_000, 10_000_000] {
            let text = make(n);
            // Each measure redacts the text as many times as 100 ms of CPU takes (the scheduler's
            // count of CPU time moves in steps of a few milliseconds).
            let per_byte = || {
                let (start, mut times) = (cpu_ns(), 0u32);
                while times == 0 || cpu_ns() - start < 100_000_000 {
                    std::hint::black_box(redact(std::hint::black_box(&text)));
                    times += 1;
                }
                (cpu_ns() - start) as f64 / f64::from(times) / text.len() as f64
            };
            let best = (0..3).map(|_| per_byte()).fold(f64::INFINITY, f64::min);
            write!(out, "  {:>8} B: {best:5.1} ns/B", text.len()).expect("stdout");
        }
        writeln!(out).expect("stdout");
        out.flush().expect("stdout");
    }
}
