#!/usr/bin/python3
"""The reference of `redpajama bench wikipedia`: the HuggingFace `wikipedia` builder's page loop and cleaning on
mwparserfromhell (the restatement in tests/RedPajama.Tests/fixtures/wikipedia/make_golden.py, Debian's
python3-mwparserfromhell), then RedPajama's convert_format.py record, one process, as the builder ran per file.

Usage: /usr/bin/python3 reference.py OUT.jsonl LANGUAGE DUMP...
"""
import bz2
import importlib.util
import json
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "builder", os.path.join(HERE, "..", "..", "tests", "RedPajama.Tests", "fixtures", "wikipedia", "make_golden.py"))
builder = importlib.util.module_from_spec(spec)
spec.loader.exec_module(builder)


def local(tag):
    return tag.rsplit("}", 1)[-1]


def main():
    out_path, language, dumps = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(out_path, "w", encoding="utf-8") as out:
        for path in dumps:
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
                        title = fields["title"].text
                        cleaned = builder.clean(text, language)
                        if cleaned:
                            url = "https://%s.wikipedia.org/wiki/%s" % (language, urllib.parse.quote(title))
                            out.write(json.dumps({"text": cleaned, "meta": {"title": title, "url": url, "language": language, "timestamp": "20230320"}}) + "\n")
                    elem.clear()


if __name__ == "__main__":
    main()
