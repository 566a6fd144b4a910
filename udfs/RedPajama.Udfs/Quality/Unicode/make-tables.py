#!/usr/bin/env python3
"""Writes python-unicode.bin: CPython's character classes and lower-case mapping for every code point.

PythonText (udfs/RedPajama.Udfs/Quality/PythonText.cs) reads this table instead of .NET's Unicode data, so the
quality signals, SimHash and CCNet's line hash follow the Python upstream ran on whatever .NET runtime executes them
(.NET 8 on Spark workers and .NET 10 in the CLI ship different Unicode versions).

Every bit is taken from CPython's own behaviour, not from the Unicode data files:
  str.isspace / isalpha / isdecimal / isdigit / isnumeric / isupper / islower / istitle, re's \\w, and
  str.splitlines; Cased and Case_Ignorable (not exposed by Python) are read off str.lower()'s final-sigma rule.
Relations PythonText relies on (\\s == isspace, \\d == isdecimal, isalnum == alpha or numeric, ...) are asserted.

Run with the Python whose Unicode version the table should follow (RedPajama-V2 ran python:3.11.5, Unicode 14.0.0):
    python3 make-tables.py [output]      (default: python-unicode.bin next to this script)

Format (little-endian):
  "PYUC" 1                           magic and format version
  str python, str unidata            each a byte length and UTF-8
  u8 combos, then per combo: u16 flags, i32 lower delta (lower(c) = c + delta; 0x7FFFFFFF = see long mappings)
  u32 runs, then per run: varint length, u8 combo     (runs cover 0..0x10FFFF in order)
  u16 long mappings, then per mapping: u32 code point, u8 length, u32 code points
"""

from __future__ import annotations

import re
import struct
import sys
import unicodedata
from pathlib import Path

# Bit order shared with PythonText.cs.
SPACE, WORD, ALPHA, UPPER, LOWER, NUMERIC, DECIMAL, DIGIT, TITLE, CASED, CASE_IGNORABLE, LINE_BREAK, LOWER_CHANGES = (
    1 << i for i in range(13))
LONG_MAPPING = 0x7FFFFFFF
LAST = 0x10FFFF

WORD_RE = re.compile(r"\w")
DIGIT_RE = re.compile(r"\d")
SPACE_RE = re.compile(r"\s")


def final_sigma(text: str, index: int) -> bool:
    """Whether str.lower() turns the capital sigma at index (of the lowered text) into the final form."""
    return text.lower()[index] == "\u03c2"


def classify(cp: int) -> tuple[int, str]:
    c = chr(cp)
    flags = 0
    if c.isspace():
        flags |= SPACE
    if WORD_RE.match(c):
        flags |= WORD
    if c.isalpha():
        flags |= ALPHA
    if c.isupper():
        flags |= UPPER
    if c.islower():
        flags |= LOWER
    if c.isnumeric():
        flags |= NUMERIC
    if c.isdecimal():
        flags |= DECIMAL
    if c.isdigit():
        flags |= DIGIT
    # A single character is istitle() when it is title case (Lt) or upper case.
    if c.istitle() and not c.isupper():
        flags |= TITLE
    if len(("a" + c + "b").splitlines()) == 2:
        flags |= LINE_BREAK

    # Final sigma: a cased letter before (case-ignorable ones skipped) and none after.
    # c + Σ: final exactly when c is cased and not skipped as case-ignorable.
    # AΣ + c + a: not final when c is cased, or when it is skipped so that the 'a' is seen.
    if final_sigma(c + "\u03a3", -1):
        cased, ignorable = True, False
    elif final_sigma("A\u03a3" + c + "a", 1):
        cased, ignorable = False, False
    else:
        # Skipped on both sides, so case-ignorable; whether it is also cased then never shows in lower().
        cased, ignorable = bool(flags & (UPPER | LOWER | TITLE)), True
    if cased:
        flags |= CASED
    if ignorable:
        flags |= CASE_IGNORABLE

    lower = c.lower()
    if lower != c:
        flags |= LOWER_CHANGES
    return flags, lower


def check(cp: int, flags: int) -> None:
    c = chr(cp)
    numeric_any = bool(flags & (DECIMAL | DIGIT | NUMERIC))
    assert bool(flags & WORD) == (c.isalnum() or c == "_"), hex(cp)
    assert c.isalnum() == (bool(flags & ALPHA) or numeric_any), hex(cp)
    assert not (flags & DECIMAL) or flags & DIGIT, hex(cp)
    assert not (flags & DIGIT) or flags & NUMERIC, hex(cp)
    assert bool(DIGIT_RE.match(c)) == bool(flags & DECIMAL), hex(cp)
    assert bool(SPACE_RE.match(c)) == bool(flags & SPACE), hex(cp)
    assert (len(("a" + c + "b").split()) == 2) == bool(flags & SPACE), hex(cp)
    assert ((c + "a" + c).strip() == "a") == bool(flags & SPACE), hex(cp)
    assert bool(flags & CASED) == bool(flags & (UPPER | LOWER | TITLE)), hex(cp)
    if flags & TITLE:
        assert not flags & (UPPER | LOWER), hex(cp)


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def short_string(text: str) -> bytes:
    data = text.encode("utf-8")
    return bytes([len(data)]) + data


def main() -> None:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("python-unicode.bin")
    combos: dict[tuple[int, int], int] = {}
    runs: list[list[int]] = []
    long_mappings: list[tuple[int, str]] = []
    for cp in range(LAST + 1):
        flags, lower = classify(cp)
        check(cp, flags)
        if len(lower) == 1:
            delta = ord(lower) - cp
        else:
            delta = LONG_MAPPING
            long_mappings.append((cp, lower))
        combo = combos.setdefault((flags, delta), len(combos))
        if runs and runs[-1][1] == combo:
            runs[-1][0] += 1
        else:
            runs.append([1, combo])
    assert len(combos) <= 255, len(combos)

    data = bytearray(b"PYUC\x01")
    data += short_string(sys.version.split()[0]) + short_string(unicodedata.unidata_version)
    data.append(len(combos))
    for (flags, delta) in combos:
        data += struct.pack("<Hi", flags, delta)
    data += struct.pack("<I", len(runs))
    for length, combo in runs:
        data += varint(length) + bytes([combo])
    data += struct.pack("<H", len(long_mappings))
    for cp, lower in long_mappings:
        data += struct.pack("<IB", cp, len(lower)) + b"".join(struct.pack("<I", ord(ch)) for ch in lower)
    output.write_bytes(bytes(data))
    print(f"{output}: Python {sys.version.split()[0]}, Unicode {unicodedata.unidata_version}, "
          f"{len(combos)} classes, {len(runs)} runs, {len(long_mappings)} long lower mappings, {len(data)} bytes")


if __name__ == "__main__":
    main()
