#!/usr/bin/env python3
"""Scores scanners' findings against the labelled evaluation data and prints Markdown tables.

Usage:
  python3 eval/score.py EVAL_DIR --system NAME=DIR [--system NAME=DIR ...] [--details]
                        [--show-errors GROUP]

Each DIR holds the scanner's output for the files eval/prepare.py wrote: synth.jsonl,
wnut17.jsonl, secrets.jsonl, validators.jsonl, each line {"id", "findings": [{"type", "start",
"end", ...}]} with offsets in Unicode code points (the shape of `veil scan --jsonl`). A missing
file skips that data set for that system.

How it counts (see eval/README.md for the reasons):
- Spans match one to one, best overlap first. A match at IoU t means
  |gold & found| / |gold | found| >= t; "exact" means same start and end.
- Overlapping findings of the same group are merged first (two detectors reporting the same
  value are one redaction); for "any PII" all findings are merged regardless of type.
- topic.* and marker.* findings label a whole text, not a value, and are not scored as spans.
- Typed scores compare a finding's group (its type; network.ipv4/ipv6 -> network.ip) with the
  group its dataset label maps to (evaldata.SYNTH_LABELS, evaldata.WNUT_LABELS).
- --show-errors GROUP prints the missed and spurious spans of one group with their text, for
  looking at locally. It prints evaluation sentences: never paste its output into the project.

Python 3 standard library only.
"""

import argparse
import json
import os
import sys
from collections import Counter, defaultdict

import evaldata

THRESHOLDS = (0.5, 0.9)


# ---------------------------------------------------------------- spans and matching

def merge(spans):
    """Unions overlapping (start, end) spans."""
    out = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [tuple(x) for x in out]


def iou(a, b):
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union


def match(gold, found, threshold):
    """Number of one-to-one matches: threshold is an IoU, or None for exact boundaries."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(found):
            if threshold is None:
                if g == p:
                    pairs.append((1.0, i, j))
            else:
                v = iou(g, p)
                if v >= threshold:
                    pairs.append((v, i, j))
    pairs.sort(reverse=True)
    used_g, used_p = set(), set()
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return len(used_g), used_g, used_p


class Counts:
    """True positives, gold and found totals at each threshold."""

    def __init__(self):
        self.gold = 0
        self.found = 0
        self.tp = Counter()  # threshold (or "exact") -> matches

    def add(self, gold, found, keys=THRESHOLDS + ("exact",)):
        self.gold += len(gold)
        self.found += len(found)
        for k in keys:
            n, _, _ = match(gold, found, None if k == "exact" else k)
            self.tp[k] += n

    def prf(self, key, beta=1.0):
        tp = self.tp[key]
        p = tp / self.found if self.found else 0.0
        r = tp / self.gold if self.gold else 0.0
        b2 = beta * beta
        f = (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0
        return p, r, f


# ---------------------------------------------------------------- reading findings

def read_findings(path):
    """id -> list of (type, start, end); None if the file is missing."""
    if not os.path.exists(path):
        return None
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out[row["id"]] = [(x["type"], int(x["start"]), int(x["end"]))
                                  for x in row["findings"]]
            except (ValueError, KeyError, TypeError) as e:
                raise SystemExit("%s:%d: not a findings line (%s)" % (path, n, e))
    return out


def findings_for(found, docs, name, system):
    missing = sum(1 for d in docs if d.id not in found)
    if missing:
        print("warning: %s has no output for %d of %d %s texts (counted as no findings)"
              % (system, missing, len(docs), name), file=sys.stderr)
    return lambda doc: [f for f in found.get(doc.id, []) if evaldata.is_span_type(f[0])]


# ---------------------------------------------------------------- labelled spans

def score_labelled(docs, found_of, label_map, show=None):
    """Typed counts per group, typed micro counts, and type-agnostic counts."""
    per_group = defaultdict(Counts)
    typed = Counts()
    any_all = Counts()  # every gold span, whatever its label
    any_mapped = Counts()  # only gold spans whose label Veil has a type for
    chars = Counter()  # non-space characters: gold, found, both
    for doc in docs:
        found = found_of(doc)
        all_found = merge([(s, e) for _, s, e in found])
        gold_chars = _chars(doc.text, [(s.start, s.end) for s in doc.spans])
        found_chars = _chars(doc.text, all_found)
        chars["gold"] += len(gold_chars)
        chars["found"] += len(found_chars)
        chars["both"] += len(gold_chars & found_chars)
        any_all.add([(s.start, s.end) for s in doc.spans], all_found)
        any_mapped.add([(s.start, s.end) for s in doc.spans if label_map.get(s.label)], all_found)
        gold_by_group = defaultdict(list)
        for s in doc.spans:
            group = label_map.get(s.label)
            if group:
                gold_by_group[group].append((s.start, s.end))
        found_by_group = defaultdict(list)
        for t, s, e in found:
            found_by_group[evaldata.veil_group(t)].append((s, e))
        for group in set(gold_by_group) | set(found_by_group):
            gold = sorted(gold_by_group.get(group, []))
            merged = merge(found_by_group.get(group, []))
            per_group[group].add(gold, merged)
            typed.add(gold, merged)
            if show == group:
                _show(doc, gold, merged)
    return per_group, typed, any_all, any_mapped, chars


def _chars(text, spans):
    """Indexes of the non-whitespace characters inside spans."""
    return {i for s, e in spans for i in range(s, min(e, len(text))) if not text[i].isspace()}


def _show(doc, gold, found):
    _, mg, mf = match(gold, found, 0.5)
    for i, g in enumerate(gold):
        if i not in mg:
            print("MISSED   %-12s %r   in: %r" % (doc.id, doc.text[g[0]:g[1]], doc.text))
    for j, p in enumerate(found):
        if j not in mf:
            print("SPURIOUS %-12s %r   in: %r" % (doc.id, doc.text[p[0]:p[1]], doc.text))


# ---------------------------------------------------------------- secrets and validators

def score_secrets(docs, found_of):
    r = {"pos": 0, "covered": 0, "overlapped": 0, "flagged": 0, "neg": 0, "neg_hit": 0,
         "neg_other": 0, "neg_other_hit": 0,
         "missed_rules": Counter(), "fp_rules": Counter(),
         "by_kind": defaultdict(lambda: [0, 0])}
    # Some negatives (negative for their own rule) are word for word a positive example of
    # another rule, e.g. a token of a sibling kind: they are counted apart.
    positive_texts = {d.text for d in docs if d.meta["label"] == "positive"}
    for doc in docs:
        spans = merge([(s, e) for t, s, e in found_of(doc) if t.startswith("secret.")])
        if doc.meta["label"] == "positive":
            s, e = doc.meta["span"]
            covered = any(a <= s and e <= b for a, b in spans)
            overlapped = any(a < e and s < b for a, b in spans)
            r["pos"] += 1
            r["covered"] += covered
            r["overlapped"] += overlapped
            r["flagged"] += bool(spans)
            kind = "secret" if "secret" in doc.meta["categories"] else "identifier only"
            r["by_kind"][kind][0] += 1
            r["by_kind"][kind][1] += covered
            if not covered:
                r["missed_rules"][doc.meta["rule"]] += 1
        elif doc.text in positive_texts:
            r["neg_other"] += 1
            r["neg_other_hit"] += bool(spans)
        else:
            r["neg"] += 1
            if spans:
                r["neg_hit"] += 1
                r["fp_rules"][doc.meta["rule"]] += 1
    return r


def score_validators(docs, found_of):
    """format -> [valid, accepted, invalid, rejected], and the formats that failed."""
    per_format = defaultdict(lambda: [0, 0, 0, 0])
    for doc in docs:
        fmt, veil_type, valid = doc.meta["format"], doc.meta["type"], doc.meta["valid"]
        accepted = any(t == veil_type for t, _, _ in found_of(doc))
        row = per_format[(fmt, veil_type)]
        if valid:
            row[0] += 1
            row[1] += accepted
        else:
            row[2] += 1
            row[3] += not accepted
    return per_format


# ---------------------------------------------------------------- output

def f3(x):
    return "%.3f" % x


def table(header, rows):
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    print()


def goals():
    """(description, function of one system's results -> "value, met/missed" text)."""

    def verdict(value, ok):
        return "%s %s" % (f3(value), "met" if ok else "**missed**")

    def synth_any(r, i):
        if "synth" not in r:
            return "-"
        v = r["synth"][2].prf(0.5, beta=2.0)[i]
        return verdict(v, v >= 0.90)

    def synth_f1(group):
        def fn(r):
            if "synth" not in r:
                return "-"
            v = r["synth"][0][group].prf(0.5)[2] if group in r["synth"][0] else 0.0
            return verdict(v, v >= (0.85 if group == "pii.person" else 0.97))
        return fn

    def secrets_recall(r):
        if "secrets" not in r:
            return "-"
        s = r["secrets"]
        v = s["covered"] / s["pos"]
        return verdict(v, v >= 0.90)

    def secrets_fp(r):
        if "secrets" not in r:
            return "-"
        s = r["secrets"]
        return "%d/%d %s" % (s["neg_hit"], s["neg"], "met" if s["neg_hit"] == 0 else "**missed**")

    out = [("synth any-PII precision >= 0.90 (IoU >= 0.5)", lambda r: synth_any(r, 0)),
           ("synth any-PII recall >= 0.90 (IoU >= 0.5)", lambda r: synth_any(r, 1))]
    for g in ("pii.email", "financial.payment_card", "financial.iban", "gov_id.us_ssn",
              "network.ip", "pii.phone"):
        out.append(("synth %s F1 >= 0.97" % g, synth_f1(g)))
    out.append(("synth pii.person F1 >= 0.85", synth_f1("pii.person")))
    out.append(("secrets recall >= 0.90 (all positives, span covered)", secrets_recall))
    out.append(("secrets: no finding on negatives", secrets_fp))
    return out


def main(argv):
    ap = argparse.ArgumentParser(description="Score scanners on the evaluation data.")
    ap.add_argument("eval_dir")
    ap.add_argument("--system", action="append", required=True, metavar="NAME=DIR")
    ap.add_argument("--details", action="store_true",
                    help="also list missed secret rules and validator formats with errors")
    ap.add_argument("--show-errors", metavar="GROUP",
                    help="print missed/spurious spans of GROUP with their text (local use only)")
    args = ap.parse_args(argv[1:])

    data = {name: load(args.eval_dir) for name, load in evaldata.DATASETS.items()}
    systems = []
    for spec in args.system:
        name, _, d = spec.partition("=")
        if not d:
            ap.error("--system takes NAME=DIR")
        systems.append((name, d))

    results = {}
    for name, d in systems:
        res = {}
        for ds in ("synth", "wnut17", "secrets", "validators"):
            found = read_findings(os.path.join(d, ds + ".jsonl"))
            if found is None:
                continue
            found_of = findings_for(found, data[ds], ds, name)
            show = args.show_errors if len(systems) == 1 else None
            if ds == "synth":
                res[ds] = score_labelled(data[ds], found_of, evaldata.SYNTH_LABELS, show)
            elif ds == "wnut17":
                res[ds] = score_labelled(data[ds], found_of, evaldata.WNUT_LABELS, show)
            elif ds == "secrets":
                res[ds] = score_secrets(data[ds], found_of)
            else:
                res[ds] = score_validators(data[ds], found_of)
        results[name] = res

    names = [n for n, _ in systems]
    print("## Summary\n")
    rows = []

    def add(label, fn):
        rows.append([label] + [fn(results[n]) if fn(results[n]) is not None else "-"
                               for n in names])

    def get(ds, f):
        return lambda r: f(r[ds]) if ds in r else None

    for t in THRESHOLDS:
        add("synth any-PII P / R / F2, IoU >= %.1f" % t, get("synth", lambda x, t=t: " / ".join(
            f3(v) for v in x[2].prf(t, beta=2.0))))
    add("synth any-PII P / R / F2, IoU >= 0.5, labels with a Veil type",
        get("synth", lambda x: " / ".join(f3(v) for v in x[3].prf(0.5, beta=2.0))))
    add("synth any-PII, characters: P / R",
        get("synth", lambda x: "%s / %s" % (f3(x[4]["both"] / max(1, x[4]["found"])),
                                             f3(x[4]["both"] / max(1, x[4]["gold"])))))
    add("synth typed P / R / F1, IoU >= 0.5",
        get("synth", lambda x: " / ".join(f3(v) for v in x[1].prf(0.5))))
    for g in ("pii.person", "pii.location", "pii.organization"):
        add("wnut17 %s P / R / F1, IoU >= 0.5" % g, get("wnut17", lambda x, g=g: " / ".join(
            f3(v) for v in x[0][g].prf(0.5)) if g in x[0] else None))
    add("secrets recall (secret span covered)",
        get("secrets", lambda x: "%s (%d/%d)" % (f3(x["covered"] / x["pos"]), x["covered"], x["pos"])))
    add("secrets recall (any secret.* finding in the example)",
        get("secrets", lambda x: "%s (%d/%d)" % (f3(x["flagged"] / x["pos"]), x["flagged"], x["pos"])))
    add("secrets negatives with a secret.* finding",
        get("secrets", lambda x: "%d/%d" % (x["neg_hit"], x["neg"])))
    add("validators: valid accepted",
        get("validators", lambda x: "%d/%d" % (sum(v[1] for v in x.values()), sum(v[0] for v in x.values()))))
    add("validators: invalid rejected",
        get("validators", lambda x: "%d/%d" % (sum(v[3] for v in x.values()), sum(v[2] for v in x.values()))))
    table(["measure"] + names, rows)

    print("## Goals (issue 3)\n")
    rows = []
    for goal, fn in goals():
        rows.append([goal] + [fn(results[n]) for n in names])
    table(["goal"] + names, rows)

    if len(names) > 1:
        for ds, title in (("synth", "presidio synth_dataset_v2"), ("wnut17", "wnut17 test")):
            have = [n for n in names if ds in results[n]]
            if len(have) < 2:
                continue
            print("## %s, per type, side by side (P / R / F1 at IoU >= 0.5)\n" % title)
            groups = set()
            for n in have:
                groups |= set(results[n][ds][0])
            gold = {g: max(results[n][ds][0][g].gold if g in results[n][ds][0] else 0
                           for n in have) for g in groups}
            rows = []
            for g in sorted(groups, key=lambda g: (-gold[g], g)):
                row = [g, gold[g]]
                for n in have:
                    c = results[n][ds][0].get(g)
                    row.append(" / ".join(f3(v) for v in c.prf(0.5)) + " (%d)" % c.found
                               if c else "-")
                rows.append(row)
            table(["type", "labelled"] + ["%s (found)" % n for n in have], rows)

    for name in names:
        res = results[name]
        print("## %s\n" % name)
        for ds, title in (("synth", "presidio synth_dataset_v2"), ("wnut17", "wnut17 test")):
            if ds not in res:
                continue
            per_group, typed, _, _, _ = res[ds]
            print("### %s, per type\n" % title)
            rows = []
            for g in sorted(per_group, key=lambda g: (-per_group[g].gold, g)):
                c = per_group[g]
                p, r, f = c.prf(0.5)
                pe, re_, fe = c.prf("exact")
                rows.append([g, c.gold, c.found, f3(p), f3(r), f3(f), f3(pe), f3(re_), f3(fe)])
            p, r, f = typed.prf(0.5)
            pe, re_, fe = typed.prf("exact")
            rows.append(["**all (micro)**", typed.gold, typed.found, f3(p), f3(r), f3(f),
                         f3(pe), f3(re_), f3(fe)])
            table(["type", "gold", "found", "P@0.5", "R@0.5", "F1@0.5",
                   "P exact", "R exact", "F1 exact"], rows)
        if "secrets" in res:
            s = res["secrets"]
            print("### secrets (noseyparker rule examples)\n")
            rows = [["positives, secret span covered by a secret.* finding",
                     "%d/%d" % (s["covered"], s["pos"])],
                    ["positives, secret span overlapped", "%d/%d" % (s["overlapped"], s["pos"])],
                    ["positives with any secret.* finding in the example",
                     "%d/%d" % (s["flagged"], s["pos"])]]
            for kind, (n, c) in sorted(s["by_kind"].items()):
                rows.append(["positives (%s), covered" % kind, "%d/%d" % (c, n)])
            rows.append(["negatives with any secret.* finding", "%d/%d" % (s["neg_hit"], s["neg"])])
            rows.append(["negatives that are another rule's positive example, with a finding",
                         "%d/%d" % (s["neg_other_hit"], s["neg_other"])])
            table(["measure", "count"], rows)
            if args.details:
                print("Missed (rule: examples): " + ", ".join(
                    "%s: %d" % kv for kv in sorted(s["missed_rules"].items())) + "\n")
                print("False positives on negatives (rule: examples): " + ", ".join(
                    "%s: %d" % kv for kv in sorted(s["fp_rules"].items())) + "\n")
        if "validators" in res:
            print("### validators (cards, python-stdnum)\n")
            by_type = defaultdict(lambda: [0, 0, 0, 0])
            for (fmt, t), v in res["validators"].items():
                for i in range(4):
                    by_type[(fmt.split(":")[0] if fmt.startswith("card") else fmt, t)][i] += v[i]
            rows = [[fmt, t, "%d/%d" % (v[1], v[0]), "%d/%d" % (v[3], v[2]) if v[2] else "-"]
                    for (fmt, t), v in sorted(by_type.items())]
            table(["format", "Veil type", "valid accepted", "invalid rejected"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
