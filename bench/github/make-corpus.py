#!/usr/bin/env python3
"""Writes a bench corpus for `redpajama bench github`: BigQuery github_repos-layout rows (jsonl.gz) of real source
files found on this machine (CPython's standard library, /usr/include headers, this repository), one repository per
top-level folder. The licence column is synthetic (nine in ten repositories `mit`, the rest `gpl-2.0`) so that the
licence step has work; about a twentieth of the files appear again in another repository (vendored copies).

With --archives DIR it also writes the same files as repositories, one `owner__name.tar.gz` per repository (GitHub's
layout: everything under `name-main/`, entries in row order) with a root LICENSE holding the full text of its licence
(models/licenses, MIT or GPL-2.0 as the rows say), so that `redpajama bench github --input DIR` also reads archives
and detects licences.

Usage: python3 make-corpus.py OUT_DIR MEGABYTES [FILES] [--archives DIR]   (deterministic)
"""
import gzip
import hashlib
import json
import os
import random
import sys
import tarfile
import io

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


LICENSES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "models", "licenses")


def license_text(key):
    """The licence's text without choosealicense.com's front matter, its fields filled in as a project would."""
    with open(os.path.join(LICENSES, key + ".txt"), encoding="utf-8") as f:
        text = f.read()
    if text.startswith("---"):
        text = text[text.index("\n---", 3) + 4:].lstrip("\n")
    return text.replace("[year]", "2024").replace("[fullname]", "The Authors")


def write_archives(directory, rows):
    os.makedirs(directory, exist_ok=True)
    by_repo = {}
    for row in rows:
        by_repo.setdefault(row["repo_name"], []).append(row)
    for repo, files in by_repo.items():
        owner, _, name = repo.partition("/")
        top = name.replace("/", "-") + "-main/"
        path = os.path.join(directory, "%s__%s.tar.gz" % (owner, name.replace("/", "-")))
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
            entries = [("LICENSE", license_text(files[0]["license"]))] + [(f["path"], f["content"]) for f in files]
            seen = set()
            for member, text in entries:
                if member in seen:
                    continue
                seen.add(member)
                data = text.encode("utf-8")
                info = tarfile.TarInfo(top + member)
                info.size, info.mtime, info.mode = len(data), 1700000000, 0o644
                tar.addfile(info, io.BytesIO(data))
        with open(path, "wb") as f:
            f.write(gzip.compress(buffer.getvalue(), compresslevel=6, mtime=0))


def main():
    archives = None
    if "--archives" in sys.argv:
        at = sys.argv.index("--archives")
        archives = sys.argv[at + 1]
        del sys.argv[at:at + 2]
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
    if archives is not None:
        write_archives(archives, out)
    print("%d rows, %.1f MB of content" % (len(out), size / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
