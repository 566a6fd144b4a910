#!/bin/sh
# The reference of `redpajama bench github`: RedPajama's own scripts (reference.py) with GPT-NeoX counts from the
# HuggingFace tokenizers library (counts.mjs), chained as upstream runs them; the bench times the whole chain.
#   RP_GIT=<RedPajama-Data git dir> bench/github/reference.sh WORK_DIR TOKENIZER_JSON INPUT...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$1; tokenizer=$2; shift 2
mkdir -p "$work"
/usr/bin/python3 "$here/reference.py" clean "$work/records.jsonl" "$work/texts.jsonl" "$@"
node "$here/counts.mjs" "$tokenizer" "$work/texts.jsonl" "$work/counts.txt"
/usr/bin/python3 "$here/reference.py" filter "$work/records.jsonl" "$work/counts.txt" "$work/filtered.jsonl"
