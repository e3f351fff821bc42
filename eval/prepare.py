#!/usr/bin/env python3
"""Writes the texts of the evaluation data as JSON Lines {"id", "text"}, one file per data set.

Usage: python3 eval/prepare.py EVAL_DIR OUT_DIR

OUT_DIR then holds synth.jsonl, wnut17.jsonl, secrets.jsonl and validators.jsonl, ready for
`veil scan --jsonl` (or any scanner that writes the same shape). The files contain evaluation
sentences: keep OUT_DIR outside the repository.
"""

import json
import os
import sys

import evaldata


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    eval_dir, out_dir = argv[1], argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for name, load in evaldata.DATASETS.items():
        docs = load(eval_dir)
        with open(os.path.join(out_dir, name + ".jsonl"), "w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps({"id": doc.id, "text": doc.text}, ensure_ascii=False) + "\n")
        print("%-10s %6d texts" % (name, len(docs)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
