//! Times comment analysis ([`Analyzer::analyze_ids`]) single-threaded, as the fold calls it
//! (a reused `Scratch`, an interner like the fold's), over the `comment` column of a CSV:
//!
//! `cargo run --release --example text_speed -- target/bench/1000000-text/data/survey.csv [LIMIT] [--dump]`
//!
//! prints the time per non-empty comment and a checksum of the results; with `--dump` it
//! prints each comment's sentiment, theme set and keywords instead (to compare two builds).
//! `LIMIT` analyses the first that many non-empty comments (for `valgrind --tool=callgrind`).

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::time::Instant;

use cxsite::text::{Analyzer, Keyword, Scratch, TextConfig};
use rustc_hash::{FxHashMap, FxHasher};

/// Interns words and phrases the way the fold does.
#[derive(Default)]
struct Words {
    ids: FxHashMap<String, u32>,
    values: Vec<String>,
    pairs: FxHashMap<(u32, u32), u32>,
}

impl Words {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(id) = self.ids.get(w) {
            return *id;
        }
        let id = self.values.len() as u32;
        self.values.push(w.to_string());
        self.ids.insert(w.to_string(), id);
        id
    }

    fn intern(&mut self, k: Keyword) -> u32 {
        match k {
            Keyword::Word(w) => self.id(w),
            Keyword::Phrase { ids: (a, b), .. } => {
                if let Some(id) = self.pairs.get(&(a, b)) {
                    return *id;
                }
                let phrase = format!("{} {}", self.values[a as usize], self.values[b as usize]);
                let id = self.id(&phrase);
                self.pairs.insert((a, b), id);
                id
            }
        }
    }
}

fn comments(path: &str, limit: usize) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).expect("open the CSV");
    let col = r.headers().expect("a header").iter().position(|h| h == "comment").expect("a comment column");
    r.records().map(|rec| rec.expect("a CSV record")[col].to_string()).filter(|c| !c.is_empty()).take(limit).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: text_speed FILE.csv [LIMIT] [--dump]");
    let limit = args.iter().skip(1).find_map(|a| a.parse().ok()).unwrap_or(usize::MAX);
    let dump = args.iter().any(|a| a == "--dump");
    let texts = comments(path, limit);
    let analyzer = Analyzer::new(&TextConfig::default());
    let mut words = Words::default();
    let mut scratch = Scratch::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut sum = FxHasher::default();
    let t0 = Instant::now();
    for text in &texts {
        let (sentiment, themes) = analyzer.analyze_ids(text, &mut scratch, &mut |k| words.intern(k));
        (sentiment.index(), themes).hash(&mut sum);
        if dump {
            let mut kw: Vec<&str> = scratch.ids.iter().map(|i| words.values[*i as usize].as_str()).collect();
            kw.sort_unstable();
            writeln!(out, "{}\t{themes:x}\t{}", sentiment.index(), kw.join("|")).expect("write");
        } else {
            for i in &scratch.ids {
                words.values[*i as usize].hash(&mut sum);
            }
        }
    }
    let ns = t0.elapsed().as_nanos() as f64 / texts.len().max(1) as f64;
    if !dump {
        println!("{} comments: {ns:.0} ns per comment (checksum {:016x})", texts.len(), sum.finish());
    }
}
