#!/usr/bin/python3
"""The reference of `redpajama bench wikipedia`: the HuggingFace `wikipedia` builder's own code on each dump — its
`_extract_content(filepath)` (bz2 file → (id, title, wikitext) of the namespace-0, non-redirect pages) and
`_clean_content` (mwparserfromhell, `_parse_and_clean_wikicode`, drops) taken out of `Wikipedia._build_pcollection`
by tests/RedPajama.Tests/fixtures/wikipedia/make_golden.py — then RedPajama's convert_format.py record, one process,
as the builder ran per file. mwparserfromhell is Debian's python3-mwparserfromhell.

Usage: /usr/bin/python3 reference.py BUILDER_PY OUT.jsonl LANGUAGE DUMP.xml.bz2...
BUILDER_PY is the builder's wikipedia.py (not committed; its URL and commit are in tests/RedPajama.Tests/fixtures/wikipedia/README.md).
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "make_golden", os.path.join(HERE, "..", "..", "tests", "RedPajama.Tests", "fixtures", "wikipedia", "make_golden.py"))
make_golden = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_golden)


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    builder, out_path, language, dumps = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    extract, clean = make_golden.builder_steps(builder, language)
    with open(out_path, "w", encoding="utf-8") as out:
        for path in dumps:
            for page in extract(path):
                for _, row in clean(page):
                    meta = {"title": row["title"], "url": row["url"], "language": language, "timestamp": "20230320"}
                    out.write(json.dumps({"text": row["text"], "meta": meta}) + "\n")


if __name__ == "__main__":
    main()
