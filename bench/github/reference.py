#!/usr/bin/env python3
"""RedPajama-1T's own GitHub scripts (rp_v1 data_prep/github, loaded unmodified from RP_GIT, a git directory of
togethercomputer/RedPajama-Data) as the reference of `redpajama bench github`, in one process each:

  reference.py clean OUT_RECORDS OUT_TEXTS IN...
                                               github_clean_dedup_local.preprocess_source over every input, one hash
                                               table (the global dedup of one chunk), records as its run file holds them;
                                               OUT_TEXTS: the texts of the records the filter will tokenize (those that
                                               pass discard_record's rules 1-5), in order, for counts.mjs
  reference.py filter RECORDS COUNTS OUT       github_run_filter.filter_line on each record line, transformers'
                                               tokenize answering the GPT-NeoX counts that counts.mjs wrote

transformers is not installed here: the counts come from the HuggingFace tokenizers library (node), timed in the
same run by reference.sh, which chains the three steps.
"""
import json
import os
import pathlib
import subprocess
import sys
import types

git_dir = os.environ["RP_GIT"]


def load(name):
    source = subprocess.run(["git", "--git-dir", git_dir, "show", "rp_v1:data_prep/github/" + name], check=True, capture_output=True).stdout.decode("utf-8")
    saved, sys.argv = sys.argv, [name]
    module = types.ModuleType(name[:-3])
    exec(compile(source, name, "exec"), module.__dict__)
    sys.argv = saved
    return module


def main():
    counts = iter([])

    class NeedsTokens(Exception):
        pass

    class Tokenizer:
        def tokenize(self, text):
            count = next(counts, None)
            if count is None:
                raise NeedsTokens()
            return [None] * count

    transformers = types.ModuleType("transformers")
    transformers.AutoTokenizer = types.SimpleNamespace(from_pretrained=lambda *a, **k: Tokenizer())
    sys.modules["transformers"] = transformers
    run_filter = load("github_run_filter.py")

    if sys.argv[1] == "clean":
        clean = load("github_clean_dedup_local.py")
        table = {}
        with open(sys.argv[2], "w", encoding="utf-8") as out, open(sys.argv[3], "w", encoding="utf-8") as texts:
            for path in sys.argv[4:]:
                _, records = clean.preprocess_source(pathlib.Path(path), table)
                for record in records:
                    out.write(json.dumps(record) + "\n")
                    try:
                        run_filter.discard_record(record)
                    except NeedsTokens:
                        texts.write(json.dumps(record["text"]) + "\n")
        return

    # Only records that pass rules 1-5 ask for tokens, in the order counts.mjs counted them.
    counts = iter([int(line) for line in open(sys.argv[3], encoding="utf-8")])
    kept = 0
    with open(sys.argv[2], encoding="utf-8") as records, open(sys.argv[4], "w", encoding="utf-8") as out:
        for line in records:
            result = run_filter.filter_line(line)
            if result is not None:
                out.write(result)
                kept += 1
    print("kept %d" % kept, file=sys.stderr)


if __name__ == "__main__":
    main()
