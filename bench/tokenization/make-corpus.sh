#!/usr/bin/env bash
# Write a mixed real-text corpus (>= 24 MiB, LF lines, valid UTF-8) for tokenizer benchmarks.
#
#   bench/tokenization/make-corpus.sh [OUT]        (default /tmp/tokenizer-bench-corpus.txt)
#
# Byte shares, roughly: 40 % prose/web, 20 % wikitext/multilingual, 40 % code.
#   prose/web:   the Gutenberg books (samples/books), StackExchange post bodies and comments
#                (HTML entities decoded, markup kept), cc_net texts from the dolma jsonl.gz, WET
#                plain-text records, the arXiv LaTeX sample; then filled from /usr/share/doc text
#                files, /usr/share/common-licenses and Debian changelogs.
#   wiki/multi:  wikitext of the dbpedia and gensim Wikipedia dumps, Candide (French), the CJK and
#                emoji/rare-script tokenizer fixtures (wagahaiwa, Chinese, Korean, ...); then
#                filled from translated strings in /usr/share/locale/*/LC_MESSAGES/*.mo.
#   code:        Python sources under /usr/lib/python3*/ (60 %) and C headers under /usr/include (40 %).
# Sources come from ../shared/data beside the repository when it is there; without it the
# system files fill each share. Every file is used at most once; documents of the three kinds
# are interleaved so any prefix of the corpus has about the same mix. Deterministic for a
# given machine (files are taken in sorted order). Prints the byte and line counts at the end.
set -euo pipefail
out="${1:-/tmp/tokenizer-bench-corpus.txt}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_DATA:-$repo/../shared/data}"

python3 - "$out" "$repo" "$shared" <<'PY'
import bz2, glob, gettext, gzip, html, io, json, os, re, sys, tarfile
import xml.etree.ElementTree as ET

out, repo, shared = sys.argv[1:4]
TOTAL = 24 * 1024 * 1024 + 64 * 1024           # a little over 24 MiB
SHARE = {"prose": 0.40, "wiki": 0.20, "code": 0.40}
used = set()                                   # each file once


def clean(text):
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text if text.endswith("\n") else text + "\n"


def read(path, opener=open):
    try:
        with opener(path, "rb") as f:
            return f.read().decode("utf-8")
    except (UnicodeDecodeError, OSError, EOFError):
        return None


def files(pattern):
    return sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))


def file_docs(paths, opener=open):
    for p in paths:
        real = os.path.realpath(p)
        if real in used:
            continue
        t = read(p, opener)
        if t and t.strip():
            used.add(real)
            yield clean(t)


def wiki_docs(path):
    root = ET.fromstring(bz2.decompress(open(path, "rb").read()))
    ns = root.tag[:root.tag.index("}") + 1]
    for page in root.iter(ns + "page"):
        t = page.find(f"{ns}revision/{ns}text").text
        if t:
            yield clean(t)


def se_docs(path):
    t = read(path)
    if t is None:
        return
    for m in re.finditer(r'(?:Body|Text)="([^"]*)"', t):
        body = html.unescape(m.group(1))       # the XML attribute; the HTML markup stays
        if body.strip():
            yield clean(body)


def jsonl_docs(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in f:
            yield clean(json.loads(row)["text"])


def wet_docs(path, opener=open):
    t = read(path, opener)
    if t is None:
        return
    for rec in t.split("WARC/1.0\r\n" if "WARC/1.0\r\n" in t else "WARC/1.0\n"):
        parts = re.split(r"\r?\n\r?\n", rec, 1)
        if len(parts) == 2 and "conversion" in parts[0] and parts[1].strip():
            yield clean(parts[1])


def tar_tex_docs(path):
    with tarfile.open(path) as tf:
        for m in sorted(tf.getmembers(), key=lambda m: m.name):
            name = os.path.basename(m.name)
            if m.isfile() and not name.startswith("._") and name.endswith((".tex", ".bbl", ".sty")):
                t = tf.extractfile(m).read().decode("utf-8", "replace")
                yield clean(t)


def mo_docs(paths):
    for p in paths:
        try:
            with open(p, "rb") as f:
                cat = gettext.GNUTranslations(f)._catalog
        except Exception:
            continue
        vals = [v for k, v in sorted(cat.items(), key=lambda kv: str(kv[0])) if k and isinstance(v, str)]
        if vals:
            yield clean("\n".join(vals))


def chain(*gens):
    for g in gens:
        yield from g


books = [b for b in files(f"{repo}/samples/books/*.txt")] or files(f"{shared}/books/gutenberg/*.txt")
fixtures = f"{repo}/tests/RedPajama.Tests/fixtures/tokenization"
sources = {
    "prose": chain(
        file_docs([b for b in books if "Candide" not in b]),
        chain(*(se_docs(p) for p in files(f"{shared}/stackexchange/*/Posts.xml")
                + files(f"{shared}/stackexchange/*/Comments.xml")
                + files(f"{shared}/stackexchange/*/PostHistory.xml"))),
        chain(*(jsonl_docs(p) for p in files(f"{shared}/commoncrawl/*.jsonl.gz"))),
        chain(*(wet_docs(p) for p in files(f"{shared}/commoncrawl/*.wet"))),
        chain(*(wet_docs(p, gzip.open) for p in files(f"{shared}/commoncrawl/*.wet.gz"))),
        chain(*(tar_tex_docs(p) for p in files(f"{shared}/arxiv/**/*.tar.gz"))),
        file_docs([p for p in files("/usr/share/doc/**/*")
                   if re.search(r"(\.(txt|md|rst)|/README[^/]*|/NEWS|/FAQ|/TODO)$", p)
                   and not p.endswith(".gz")]),
        file_docs(files("/usr/share/common-licenses/*")),
        file_docs(files("/usr/share/doc/*/changelog*.gz"), gzip.open),
    ),
    "wiki": chain(
        chain(*(wiki_docs(p) for p in files(f"{shared}/wikipedia/**/*.xml.bz2"))),
        file_docs([b for b in books if "Candide" in b]),
        file_docs([f"{fixtures}/cjk.txt", f"{fixtures}/emoji-rare-scripts.txt"]),
        mo_docs(files("/usr/share/locale/*/LC_MESSAGES/*.mo")),
    ),
    "python": file_docs(files("/usr/lib/python3*/**/*.py")),
    "c": file_docs(files("/usr/include/**/*.h")),
}
budget = {"prose": SHARE["prose"] * TOTAL, "wiki": SHARE["wiki"] * TOTAL,
          "python": 0.6 * SHARE["code"] * TOTAL, "c": 0.4 * SHARE["code"] * TOTAL}
written = {k: 0 for k in budget}
done = set()
with open(out, "wb") as f:
    while len(done) < len(budget):
        # next document from the kind furthest below its share so far
        kind = min((k for k in budget if k not in done), key=lambda k: written[k] / budget[k])
        doc = next(sources[kind], None)
        if doc is None:
            print(f"note: {kind} sources ran out at {written[kind]} bytes", file=sys.stderr)
            done.add(kind)
            continue
        data = doc.encode("utf-8")
        f.write(data)
        written[kind] += len(data)
        if written[kind] >= budget[kind]:
            done.add(kind)
for k, v in written.items():
    print(f"{k}: {v} bytes", file=sys.stderr)
PY

bytes=$(wc -c < "$out")
lines=$(wc -l < "$out")
echo "$out: $bytes bytes, $lines lines"
