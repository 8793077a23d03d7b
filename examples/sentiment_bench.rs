//! Times sentiment per comment: `sentiment_bench FILE.tsv...` (label<TAB>text lines) prints
//! the time per comment of jieba tokenising and of the lexicon's score alone.

use std::time::Instant;

use cxsite::text::{tokenize, Lexicon, Sentiment};
use jieba_rs::Jieba;

fn main() {
    let jieba = Jieba::new();
    let lex = Lexicon::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("read the labelled file");
        let texts: Vec<&str> = text.lines().filter_map(|l| l.split_once('\t')).map(|(_, t)| t).collect();
        let t0 = Instant::now();
        let toks: Vec<_> = texts
            .iter()
            .map(|t| {
                let mut out = Vec::new();
                tokenize(&jieba, t, &mut out);
                out
            })
            .collect();
        let tokenise = t0.elapsed().as_nanos() as f64 / texts.len() as f64;
        let rounds = 20;
        let t1 = Instant::now();
        let mut pos = 0usize;
        for _ in 0..rounds {
            pos += toks.iter().filter(|t| lex.classify(t) == Sentiment::Positive).count();
        }
        let score = t1.elapsed().as_nanos() as f64 / (rounds * texts.len()) as f64;
        let words: usize = toks.iter().map(Vec::len).sum();
        println!(
            "{path}: {} comments, {:.1} tokens each; tokenise {:.0} ns, score {:.0} ns per comment ({pos} positive)",
            texts.len(),
            words as f64 / texts.len() as f64,
            tokenise,
            score
        );
    }
}
