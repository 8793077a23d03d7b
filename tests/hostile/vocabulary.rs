//! Text no customer wrote: comments whose every word is new. Past the keyword budget (made
//! small here with `CXSITE_KEYWORD_BUDGET`, as a 64 MB file of random words reaches the real
//! one) keywords are counted for a sample fixed by a hash of the keyword, so memory stays
//! bounded; the sample, its level and every count must not depend on the thread count, and
//! the counts of the keywords kept must be exact.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{csv_bytes, snapshot, Proj};

const YAML: &str = "title: Vocabulary
min_n: 5
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints:
        - { id: web, name: Website }
        - { id: store, name: Store }
datasets:
  - id: forum
    path: data/forum.csv
    columns: { date: date, touchpoint: touchpoint, comment: comment }
";

/// Words and phrases held at most: (words, phrases).
const BUDGET: (usize, usize) = (12_000, 24_000);

/// FNV-1a 64 then MurmurHash3's fmix64, written here apart from `src/` (docs/methodology).
fn hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The lowest level at which at most `budget` of `keywords` have that many low zero bits.
fn level(keywords: &BTreeSet<String>, budget: usize) -> u32 {
    (0..64).find(|l| keywords.iter().filter(|k| hash(k).trailing_zeros() >= *l).count() <= budget).unwrap()
}

/// A word of `n` consonants (no vowel: no stop word, sentiment word or English word).
fn word(x: &mut u64, n: usize) -> String {
    const LETTERS: &[u8] = b"bcdfghjklmnpqrstvwxz";
    (0..n)
        .map(|_| {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            LETTERS[(*x % LETTERS.len() as u64) as usize] as char
        })
        .collect()
}

/// 6,000 comments (2.5 MB: three of the reader's chunks) of 30 new words each, three of
/// their touchpoint's 80 frequent words in a row, and stop words after; with each comment's
/// keywords (words and adjacent pairs) by touchpoint.
#[allow(clippy::type_complexity)]
fn data() -> (Vec<u8>, BTreeMap<&'static str, Vec<BTreeSet<String>>>) {
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let frequent: BTreeMap<&str, Vec<String>> =
        ["web", "store"].into_iter().map(|tp| (tp, (0..80).map(|_| word(&mut x, 7)).collect())).collect();
    let mut rows = Vec::new();
    let mut keywords: BTreeMap<&str, Vec<BTreeSet<String>>> = BTreeMap::new();
    for i in 0..6000usize {
        let tp = ["web", "store"][i % 2];
        let mut words: Vec<String> = (0..30).map(|_| word(&mut x, 5)).collect();
        let f = &frequent[tp];
        words.splice(i % 30..i % 30, (0..3).map(|k| f[(i / 2 + k * 7) % 80].clone()));
        let mut kw: BTreeSet<String> = words.iter().cloned().collect();
        kw.extend(words.windows(2).map(|w| format!("{} {}", w[0], w[1])));
        keywords.entry(tp).or_default().push(kw);
        let text = format!("{} {}", words.join(" "), "and the of to in it is was for on ".repeat(20));
        rows.push(vec![format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28), tp.to_string(), text]);
    }
    (csv_bytes(&["date", "touchpoint", "comment"], &rows), keywords)
}

#[test]
fn past_the_budget_keywords_are_a_hash_sample_with_exact_counts_whatever_the_threads() {
    let (csv, by_tp) = data();
    assert!(csv.len() > 2 << 20, "more than two of the reader's 1 MB chunks: {}", csv.len());
    let p = Proj::new(YAML, &[("data/forum.csv", &csv)]);
    let budget = format!("{},{}", BUDGET.0, BUDGET.1);
    let build = |threads: &str| {
        let out = p.tmp().join(format!("site-{threads}"));
        let run = p.build_env(&out, &[("CXSITE_KEYWORD_BUDGET", &budget), ("RAYON_NUM_THREADS", threads)]);
        run.expect(0);
        (run.stderr.clone(), snapshot(&out))
    };
    let (said, one) = build("1");
    for threads in ["2", "3"] {
        let (_, other) = build(threads);
        assert!(one == other, "RAYON_NUM_THREADS=1 and {threads} give different sites");
    }

    // The levels, worked out on the whole data: the lowest at which each kind fits.
    let all: BTreeSet<String> = by_tp.values().flatten().flatten().cloned().collect();
    let (words, phrases): (BTreeSet<String>, BTreeSet<String>) = all.into_iter().partition(|k| !k.contains(' '));
    let levels = [level(&words, BUDGET.0), level(&phrases, BUDGET.1)];
    assert!(levels[0] >= 3 && levels[1] >= 2, "the data passes the budget well: {levels:?}");
    let warning =
        format!("keywords were counted for one word in {} and one phrase in {}", 1 << levels[0], 1 << levels[1]);
    assert!(said.contains(&warning), "{warning:?} in {said}");
    let quality = String::from_utf8(one["quality.html"].clone().unwrap()).unwrap();
    assert!(quality.contains(&warning), "the quality page says so");

    // Every keyword listed passes its level and is counted in every comment that uses it.
    let listed = String::from_utf8(one["data/keywords.csv"].clone().unwrap()).unwrap();
    let mut shown = BTreeMap::<&str, usize>::new();
    for line in listed.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let [dim, group, _rank, keyword, count, _z] = cells[..] else { panic!("{line}") };
        if dim != "touchpoint" {
            continue;
        }
        let kind = usize::from(keyword.contains(' '));
        assert!(hash(keyword).trailing_zeros() >= levels[kind], "{keyword} does not pass level {}", levels[kind]);
        let tp = if group == "Website" || group == "web" { "web" } else { "store" };
        let want = by_tp[tp].iter().filter(|c| c.contains(keyword)).count();
        assert_eq!(count.parse::<usize>().unwrap(), want, "{tp}: {keyword}");
        *shown.entry(tp).or_default() += 1;
    }
    assert!(shown.values().all(|n| *n >= 3) && shown.len() == 2, "keywords listed per touchpoint: {shown:?}");
}
