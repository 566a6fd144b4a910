#!/usr/bin/env python3
"""Writes a bench corpus for `redpajama bench github`: BigQuery github_repos-layout rows (jsonl.gz) of real source
files found on this machine (CPython's standard library, /usr/include headers, this repository), one repository per
top-level folder. The licence column is synthetic (nine in ten repositories `mit`, the rest `gpl-2.0`) so that the
licence step has work; about a twentieth of the files appear again in another repository (vendored copies).

Usage: python3 make-corpus.py OUT_DIR MEGABYTES [FILES]   (deterministic)
"""
import gzip
import hashlib
import json
import os
import random
import sys

ROOTS = ["/usr/lib/python3.11", "/usr/include", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")]
SUFFIXES = (".py", ".h", ".hpp", ".c", ".cc", ".cs", ".md", ".sh", ".txt", ".json", ".xml", ".html", ".js", "Makefile")


def files():
    for root in ROOTS:
        root = os.path.normpath(root)
        for directory, names, found in os.walk(root):
            names[:] = sorted(n for n in names if not n.startswith(".") and n not in ("bin", "obj", "node_modules", "__pycache__"))
            for name in sorted(found):
                if name.endswith(SUFFIXES):
                    path = os.path.join(directory, name)
                    relative = os.path.relpath(path, root)
                    top = relative.split(os.sep)[0] if os.sep in relative else "root"
                    yield os.path.basename(root) + "/" + top, relative, path


def main():
    out_dir, megabytes = sys.argv[1], float(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    os.makedirs(out_dir, exist_ok=True)
    rng = random.Random(1)
    rows = []
    for repo, relative, path in files():
        try:
            with open(path, encoding="utf-8") as f:
                content = f.read()
        except (UnicodeDecodeError, OSError):
            continue
        if len(content) > 1_000_000:
            continue
        license_key = "mit" if int(hashlib.md5(repo.encode()).hexdigest(), 16) % 10 else "gpl-2.0"
        rows.append((repo, relative, content, license_key))
    rng.shuffle(rows)
    target = megabytes * 1e6
    out = []
    size = 0
    i = 0
    while size < target:
        repo, relative, content, license_key = rows[i % len(rows)]
        if i >= len(rows) or rng.random() < 0.05:
            repo = repo + "-fork%d" % (i // len(rows) + 1)
        data = len(content.encode("utf-8"))
        out.append({
            "id": hashlib.sha1(("%d:%s:%s" % (i, repo, relative)).encode()).hexdigest(), "size": str(data),
            "content": content, "binary": False, "copies": "1", "repo_name": repo, "ref": "refs/heads/main",
            "path": relative, "mode": "33188", "symlink_target": None, "license": license_key,
            "language": [{"name": "C", "bytes": str(data)}],
        })
        size += data
        i += 1
    per = (len(out) + count - 1) // count
    for n in range(count):
        with gzip.open(os.path.join(out_dir, "github_%03d.jsonl.gz" % n), "wt", encoding="utf-8", compresslevel=6) as f:
            for row in out[n * per:(n + 1) * per]:
                f.write(json.dumps(row) + "\n")
    print("%d rows, %.1f MB of content" % (len(out), size / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
