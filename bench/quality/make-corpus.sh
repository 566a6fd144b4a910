#!/usr/bin/env bash
# Write a quality-signal benchmark corpus (>= 20 MB of JSONL, {"text", "language"} per line) of real documents:
# cc_net texts (dolma jsonl.gz), WET conversion records, Wikipedia article wikitext (dbpedia minidumps, gensim
# dumps), StackExchange post bodies (HTML as is), and the Gutenberg books of samples/books cut into 2-8 KB chunks
# at blank lines. Shuffled with seed 0, then the whole list is repeated until it holds >= 20 MB of text.
#
#   bench/quality/make-corpus.sh [OUT]      (default /tmp/quality-corpus.jsonl)
#
# Data comes from ../shared/data beside the repository (or $SHARED_DATA); without it, from the repository's quality
# fixtures and samples/books, with a warning.
set -euo pipefail
out="${1:-/tmp/quality-corpus.jsonl}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SHARED_DATA:-$repo/../shared/data}"

/usr/bin/python3 - "$out" "$repo" "$shared" <<'PY'
import bz2, glob, gzip, json, os, random, re, sys
import xml.etree.ElementTree as ET

out, repo, shared = sys.argv[1:4]
docs, rng = [], random.Random(0)  # docs: (text, language)

for book in sorted(glob.glob(f"{repo}/samples/books/*.txt")):
    text = open(book, encoding="utf-8-sig").read().replace("\r\n", "\n")
    lang, chunk, cut = ("fr" if "Candide" in book else "en"), "", rng.randint(2000, 8000)
    for para in re.split(r"(?<=\n\n)", text):  # chunks of >= cut bytes (2-8 KB), ending at a blank line
        chunk += para
        if len(chunk.encode()) >= cut:
            docs.append((chunk, lang)); chunk, cut = "", rng.randint(2000, 8000)
    if chunk.strip():
        docs.append((chunk, lang))

if os.path.isdir(shared):
    with gzip.open(f"{shared}/commoncrawl/dolma-ccnet-cc_en_head-0091.jsonl.gz", "rt", encoding="utf-8") as f:
        docs += [(json.loads(line)["text"], "en") for line in f]
    for wet in sorted(glob.glob(f"{shared}/commoncrawl/*.wet*")):
        data = (gzip.open if wet.endswith(".gz") else open)(wet, "rb").read().decode("utf-8")
        for block in re.split(r"WARC/1\.0\r?\n", data)[1:]:
            head, body = re.split(r"\r?\n\r?\n", block, maxsplit=1)
            hdr = dict(ln.rstrip("\r").split(": ", 1) for ln in head.split("\n") if ": " in ln)
            if hdr.get("WARC-Type") == "conversion":
                tld = hdr["WARC-Target-URI"].split("/")[2].rsplit(".", 1)[-1]
                lang = {"eng": "en", "spa": "es"}.get(hdr.get("WARC-Identified-Content-Language", "")[:3])
                docs.append((body.rstrip("\r\n"), lang or {"com": "en", "org": "en"}.get(tld, tld)))
    for dump in sorted(glob.glob(f"{shared}/wikipedia/*.bz2") + glob.glob(f"{shared}/wikipedia/*/*.bz2")):
        lang = re.search(r"(?:^|-)([a-z]{2})wiki", os.path.basename(dump)).group(1)
        for _, el in ET.iterparse(bz2.open(dump)):
            if el.tag.endswith("}page"):
                ns = el.tag[:-4]
                text = el.findtext(f"{ns}revision/{ns}text") or ""
                if el.findtext(ns + "ns") == "0" and el.find(ns + "redirect") is None and text.strip():
                    docs.append((text, lang))
                el.clear()
    for posts in sorted(glob.glob(f"{shared}/stackexchange/*/Posts.xml")):
        docs += [(el.get("Body"), "en") for _, el in ET.iterparse(posts) if el.tag == "row" and el.get("Body")]
else:
    print(f"warning: {shared} not found; using the repository's quality fixtures and samples/books only",
          file=sys.stderr)
    with open(f"{repo}/tests/RedPajama.Tests/fixtures/quality/documents.jsonl", encoding="utf-8") as f:
        docs += [(d["text"], d["language"]) for d in map(json.loads, f) if d["text"].strip()]

random.Random(0).shuffle(docs)
size = lambda ds: sum(len(t.encode("utf-8", "surrogatepass")) for t, _ in ds)
corpus = docs * -(-20_000_000 // size(docs))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for text, lang in corpus:
        s = json.dumps({"text": text, "language": lang}, ensure_ascii=False)
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (fixtures only): write escaped
            s = json.dumps({"text": text, "language": lang})
        f.write(s.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
print(f"{out}: {len(corpus)} documents ({len(docs)} distinct), {size(corpus) / 1e6:.1f} MB of text, "
      f"{os.path.getsize(out) / 1e6:.1f} MB file")
PY
