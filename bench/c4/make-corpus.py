#!/usr/bin/env python3
"""Writes a c4 benchmark input: FILES files in allenai/c4's layout (c4-train.NNNNN-of-01024.json.gz, one compact
{"text", "timestamp", "url"} object a line, non-ASCII as UTF-8, gzip level 6), about MB megabytes of JSON in all,
from real text: the web pages of dolma's cc_net sample and the C4 fixture, and the Gutenberg books of samples/books cut
into 0.5-5 KB chunks at blank lines (C4's pages average about 2 KB). Shuffled with seed 0 and repeated, each copy's
URL made distinct, until the size is reached.

Usage: /usr/bin/python3 bench/c4/make-corpus.py OUT_DIR [MB=100] [FILES=4]
"""
import glob, gzip, json, os, random, re, sys

out = sys.argv[1]
target = int(sys.argv[2]) * 1_000_000 if len(sys.argv) > 2 else 100_000_000
files = int(sys.argv[3]) if len(sys.argv) > 3 else 4
repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
rng = random.Random(0)
docs = []  # (text, url)

for book in sorted(glob.glob(f"{repo}/samples/books/*.txt")):
    text = open(book, encoding="utf-8-sig").read().replace("\r\n", "\n")
    chunk, cut, name = "", rng.randint(500, 5000), os.path.basename(book)
    for para in re.split(r"(?<=\n\n)", text):
        chunk += para
        if len(chunk.encode()) >= cut:
            docs.append((chunk.strip(), f"https://books.example/{name}/{len(docs)}"))
            chunk, cut = "", rng.randint(500, 5000)
for path in [f"{repo}/tests/RedPajama.Tests/fixtures/commoncrawl/dolma-ccnet-cc_en_head-0091.jsonl.gz",
             f"{repo}/../shared/data/commoncrawl/dolma-ccnet-cc_en_head-0091.jsonl.gz"]:
    if os.path.exists(path):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            docs += [(d["text"], d["metadata"]["url"]) for d in map(json.loads, f)]
        break
with gzip.open(f"{repo}/tests/RedPajama.Tests/fixtures/c4/c4-train.00000-of-01024.json.gz", "rt", encoding="utf-8") as f:
    for line in f:
        try:
            d = json.loads(line)
            docs.append((d["text"], d["url"]))
        except Exception:
            pass
# allenai/c4 is valid UTF-8: a lone surrogate (the fixture has one) would make an invalid line.
docs = [(t, u) for t, u in docs if not re.search("[\ud800-\udfff]", t + u)]
rng.shuffle(docs)

lines, size, copy = [], 0, 0
while size < target:
    for text, url in docs:
        ts = f"2019-04-{1 + rng.randrange(28):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}Z"
        line = json.dumps({"text": text, "timestamp": ts, "url": f"{url}#{copy}" if copy else url},
                          ensure_ascii=False, separators=(",", ":"))
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
        if size >= target:
            break
    copy += 1

os.makedirs(out, exist_ok=True)
per = -(-len(lines) // files)
for i in range(files):
    with gzip.open(os.path.join(out, f"c4-train.{i:05d}-of-01024.json.gz"), "wb", compresslevel=6) as f:
        f.write(("\n".join(lines[i * per:(i + 1) * per]) + "\n").encode("utf-8"))
print(f"{out}: {len(lines)} documents, {size / 1e6:.1f} MB of JSON in {files} files")
