#!/usr/bin/python3
"""Builds a multistream MediaWiki dump for the bzip2 decompression benchmark, shaped like Wikimedia's
*-pages-articles-multistream.xml.bz2: stream 0 = <mediawiki> start tag and <siteinfo>; then one bzip2 stream per 100
pages; a last stream with </mediawiki>; plus the companion *-multistream-index.txt.bz2 (offset:page_id:title).

Page texts come from the sample dumps in /work/shared/data/wikipedia (CC BY-SA 3.0), cut into pieces of ~4 KB
(Wikimedia's streams average ~400 KB of XML for 100 pages). The samples hold only ~3 MB of text, so copy k of a piece
has its Latin letters rotated by k (a Caesar shift): bzip2's 900 kB blocks then do not see the same bytes again, while
the letter statistics stay those of text. Each stream is compressed by the Debian `bzip2 -9` command.

usage: build_multistream.py OUT_DIR [UNCOMPRESSED_MB=100]
"""
import bz2
import glob
import html
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

out_dir = sys.argv[1]
target = int(sys.argv[2]) * 1_000_000 if len(sys.argv) > 2 else 100_000_000
os.makedirs(out_dir, exist_ok=True)
name = os.path.join(out_dir, "benchwiki-20230320-pages-articles-multistream")


def texts():
    for path in sorted(glob.glob("/work/shared/data/wikipedia/**/*.bz2", recursive=True)):
        with bz2.open(path, "rb") as f:
            for _, elem in ET.iterparse(f):
                if elem.tag.rsplit("}", 1)[-1] == "text" and elem.text:
                    yield elem.text
                    elem.clear()


pieces = []
for text in texts():
    for i in range(0, len(text), 4000):
        pieces.append(text[i:i + 4000])

upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
lower = upper.lower()


def rotate(text, k):
    k %= 26
    table = str.maketrans(upper + lower, upper[k:] + upper[:k] + lower[k:] + lower[:k])
    return text.translate(table)


def bzip2(data):
    return subprocess.run(["bzip2", "-9", "-c"], input=data, stdout=subprocess.PIPE, check=True).stdout


header = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="6" case="first-letter">File</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
"""

written = 0
page_id = 0
copy = 0
index = []
with open(name + ".xml.bz2", "wb") as dump:
    dump.write(bzip2(header.encode("utf-8")))
    written += len(header)
    batch, titles = [], []
    while written < target:
        copy += 1
        for n, piece in enumerate(pieces):
            page_id += 1
            title = f"Bench {copy} {n}"
            batch.append(f"  <page>\n    <title>{title}</title>\n    <ns>0</ns>\n    <id>{page_id}</id>\n    <revision>\n"
                         f"      <id>{page_id * 10}</id>\n      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                         f"      <text bytes=\"{len(piece)}\" xml:space=\"preserve\">{html.escape(rotate(piece, copy), quote=False)}</text>\n"
                         f"    </revision>\n  </page>\n")
            titles.append((page_id, title))
            if len(batch) == 100:
                data = "".join(batch).encode("utf-8")
                offset = dump.tell()
                dump.write(bzip2(data))
                index += [f"{offset}:{pid}:{t}\n" for pid, t in titles]
                written += len(data)
                batch, titles = [], []
                if written >= target:
                    break
    if batch:
        data = "".join(batch).encode("utf-8")
        offset = dump.tell()
        dump.write(bzip2(data))
        index += [f"{offset}:{pid}:{t}\n" for pid, t in titles]
        written += len(data)
    dump.write(bzip2(b"</mediawiki>\n"))
    size = dump.tell()

with open(name.replace("multistream", "multistream-index") + ".txt.bz2", "wb") as f:
    f.write(bz2.compress("".join(index).encode("utf-8"), 9))
print(f"{name}.xml.bz2: {size} bytes compressed, {written} bytes of XML, {page_id} pages, {len(set(i.split(':')[0] for i in index))} page streams")
