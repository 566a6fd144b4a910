#!/usr/bin/python3
"""Writes a bench dump for `redpajama bench wikipedia`: the article pages of the given MediaWiki dumps (real pages:
the samples under tests/RedPajama.Tests/fixtures/wikipedia-dumps), repeated under numbered titles until the wikitext
reaches MEGABYTES, as an enwiki-style multistream dump (a header stream, then streams of 100 pages, bzip2 level 9)
with its `-index.txt.bz2` (offset:page_id:title), as dumps.wikimedia.org publishes them.

Usage: /usr/bin/python3 make-dump.py OUT_DIR MEGABYTES DUMP...   (deterministic)
"""
import bz2
import os
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.41.0-wmf.1</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="6" case="first-letter">File</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
"""


def local(tag):
    return tag.rsplit("}", 1)[-1]


def articles(path):
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rb") as f:
        for _, elem in ET.iterparse(f, events=("end",)):
            if local(elem.tag) != "page":
                continue
            fields = {local(c.tag): c for c in elem}
            text = None
            for rev in elem:
                if local(rev.tag) == "revision":
                    for c in rev:
                        if local(c.tag) == "text":
                            text = c.text
            if fields.get("ns") is not None and fields["ns"].text == "0" and "redirect" not in fields and text:
                yield fields["title"].text, text
            elem.clear()


def page(page_id, title, text):
    return ("  <page>\n    <title>%s</title>\n    <ns>0</ns>\n    <id>%d</id>\n    <revision>\n      <id>%d</id>\n"
            "      <timestamp>2023-03-20T00:00:00Z</timestamp>\n      <text bytes=\"%d\" xml:space=\"preserve\">%s</text>\n"
            "    </revision>\n  </page>\n") % (escape(title), page_id, page_id, len(text.encode("utf-8")), escape(text))


def main():
    out_dir, megabytes, dumps = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    source = [a for path in dumps for a in articles(path)]
    os.makedirs(out_dir, exist_ok=True)
    name = os.path.join(out_dir, "enwiki-20230320-pages-articles-multistream.xml.bz2")
    index = []
    size, page_id, streams = 0, 0, [HEADER]
    with open(name, "wb") as out:
        out.write(bz2.compress(HEADER.encode("utf-8"), 9))
        while size < megabytes * 1e6:
            chunk = []
            offset = out.tell()
            for _ in range(100):
                title, text = source[page_id % len(source)]
                page_id += 1
                title = "%s (%d)" % (title, page_id // len(source)) if page_id > len(source) else title
                chunk.append(page(page_id, title, text))
                index.append("%d:%d:%s" % (offset, page_id, title))
                size += len(text.encode("utf-8"))
            out.write(bz2.compress("".join(chunk).encode("utf-8"), 9))
        out.write(bz2.compress(b"</mediawiki>\n", 9))
    with open(name.replace("multistream.xml.bz2", "multistream-index.txt.bz2"), "wb") as f:
        f.write(bz2.compress(("\n".join(index) + "\n").encode("utf-8"), 9))
    print("%d pages, %.1f MB of wikitext, %.1f MB of bz2" % (page_id, size / 1e6, os.path.getsize(name) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
