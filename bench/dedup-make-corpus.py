#!/usr/bin/env python3
"""Writes the near-dedup benchmark corpus: N JSON-lines documents of about 2 KB.

80% synthetic (300 words drawn by frequency from real text: unrelated to each other), 10% real 2 KB windows of the
books and the quality corpus, 10% near-duplicates of earlier documents (1-5% of words replaced). Usage:
  /usr/bin/python3 bench/dedup-make-corpus.py OUT.jsonl [N] [SOURCE.txt|.jsonl ...]
"""
import json, random, re, sys

out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
sources = sys.argv[3:] or ["samples/books/11-0.txt", "samples/books/pg1342.txt", "samples/books/pg1661.txt"]
text = ""
for path in sources:
    raw = open(path, encoding="utf-8", errors="replace").read()
    text += " ".join(json.loads(l)["text"] for l in raw.splitlines() if l.strip()) if path.endswith(".jsonl") else raw
words = re.findall(r"\S+", text)
random.seed(0)
docs = []
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        r = random.random()
        if r < 0.8 or i < 100:
            doc = " ".join(random.choices(words, k=300))
        elif r < 0.9:
            start = random.randrange(0, len(text) - 2048)
            doc = text[start:start + 2048]
        else:
            base = docs[random.randrange(len(docs))].split(" ")
            edit = random.uniform(0.01, 0.05)
            doc = " ".join("x%d" % random.randrange(10**6) if random.random() < edit else w for w in base)
        if i % 100 == 0 or r >= 0.8:
            docs.append(doc) if len(docs) < 20000 else None
        f.write(json.dumps({"id": i, "text": doc}) + "\n")
print(out, n)
