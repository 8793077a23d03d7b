//! Builds and measures the sentiment lexicon (see benches/sentiment/README.md).
//!
//! `sentiment train TRAIN.tsv [VADER_LEXICON]` prints `word<TAB>weight` learned from a
//! `label<TAB>text` file; `sentiment eval TEST.tsv` classifies each text with the compiled-in
//! lexicon and prints accuracy and the neutral share.

use std::collections::HashMap;
use std::io::Write;

use cxsite::text::{tokenize, Lexicon, Sentiment, Token};
use jieba_rs::Jieba;

fn read(path: &str) -> Vec<(u8, String)> {
    let text = std::fs::read_to_string(path).expect("read the labelled file");
    text.lines().filter_map(|l| l.split_once('\t')).map(|(label, t)| (u8::from(label == "1"), t.to_string())).collect()
}

fn words(jieba: &Jieba, text: &str) -> Vec<String> {
    let mut toks = Vec::new();
    tokenize(jieba, text, &mut toks);
    toks.into_iter().filter_map(|t| if let Token::Word(w) = t { Some(w) } else { None }).collect()
}

/// Document frequencies per class → smoothed log-odds of presence, for words seen at least
/// five times and weighing at least 0.3; VADER valences (halved) for words the corpus lacks.
fn train(path: &str, vader: Option<&str>) {
    let jieba = Jieba::new();
    let rules = Lexicon::from_tables(&[]);
    let rows = read(path);
    let mut df: HashMap<String, [f64; 2]> = HashMap::new();
    let mut n = [0f64; 2];
    for (label, text) in &rows {
        n[*label as usize] += 1.0;
        let mut ws = words(&jieba, text);
        ws.sort();
        ws.dedup();
        for w in ws {
            if !rules.is_rule_word(&w) && !w.starts_with("http") && !w.chars().all(|c| c.is_ascii_digit()) {
                df.entry(w).or_default()[*label as usize] += 1.0;
            }
        }
    }
    let a = 1.0;
    let mut out: Vec<(String, f64)> = df
        .into_iter()
        .filter(|(_, c)| c[0] + c[1] >= 3.0)
        .map(|(w, c)| {
            let lo = ((c[1] + a) / (n[1] + 2.0 * a)).ln() - ((c[0] + a) / (n[0] + 2.0 * a)).ln();
            (w, lo)
        })
        .filter(|(_, v)| v.abs() >= 0.1)
        .collect();
    if let Some(v) = vader {
        let known: std::collections::HashSet<String> = out.iter().map(|(w, _)| w.clone()).collect();
        for line in std::fs::read_to_string(v).expect("read VADER lexicon").lines() {
            let mut f = line.split('\t');
            if let (Some(w), Some(val)) = (f.next(), f.next().and_then(|x| x.parse::<f64>().ok())) {
                if w.chars().all(|c| c.is_ascii_lowercase() || c == '\'' || c == '-')
                    && !known.contains(w)
                    && !rules.is_rule_word(w)
                {
                    out.push((w.to_string(), val / 2.0));
                }
            }
        }
    }
    out.sort_by(|x, y| x.0.cmp(&y.0));
    let mut stdout = std::io::stdout().lock();
    for (w, v) in out {
        let _ = writeln!(stdout, "{w}\t{v:.3}");
    }
}

fn eval(path: &str) {
    let jieba = Jieba::new();
    let lex = Lexicon::default();
    let rows = read(path);
    let (mut right, mut wrong, mut neutral) = (0usize, 0usize, 0usize);
    for (label, text) in &rows {
        let mut toks = Vec::new();
        tokenize(&jieba, text, &mut toks);
        match (lex.classify(&toks), label) {
            (Sentiment::Neutral, _) => neutral += 1,
            (Sentiment::Positive, 1) | (Sentiment::Negative, 0) => right += 1,
            _ => wrong += 1,
        }
    }
    let n = rows.len() as f64;
    println!(
        "{path}: n={} binary accuracy {:.3} (of those called positive or negative), {:.3} counting neutral as wrong; neutral {:.1} %",
        rows.len(),
        right as f64 / (right + wrong) as f64,
        right as f64 / n,
        100.0 * neutral as f64 / n
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("train") => train(&args[2], args.get(3).map(String::as_str)),
        Some("eval") => eval(&args[2]),
        _ => eprintln!("usage: sentiment train TRAIN.tsv [VADER] | sentiment eval TEST.tsv"),
    }
}
