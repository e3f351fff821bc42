"""Reads the public evaluation data sets into one simple shape, with stable document ids.

Both eval/prepare.py (which writes the texts for the scanners) and eval/score.py (which compares
their findings with the labels) read the data through this module, so ids always agree.

Offsets are Unicode code points, as Python counts them, as `veil scan --jsonl` reports them.
Python 3 standard library only.
"""

import csv
import json
import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    label: str
    start: int
    end: int


@dataclass
class Doc:
    id: str
    text: str
    spans: list = field(default_factory=list)  # labelled spans (synth, wnut17)
    meta: dict = field(default_factory=dict)  # per-data-set facts (secrets, validators)


# Dataset label -> the group it is scored in. Groups are named after Veil's finding types;
# labels mapped to None are kept for the type-agnostic score but have no Veil type to compare.
SYNTH_LABELS = {
    "PERSON": "pii.person",
    "STREET_ADDRESS": "pii.street_address",
    "GPE": "pii.location",
    "ORGANIZATION": "pii.organization",
    "CREDIT_CARD": "financial.payment_card",
    "PHONE_NUMBER": "pii.phone",
    "EMAIL_ADDRESS": "pii.email",
    "IBAN_CODE": "financial.iban",
    "US_SSN": "gov_id.us_ssn",
    "IP_ADDRESS": "network.ip",
    "US_DRIVER_LICENSE": "gov_id.us_driver_license",
    "DATE_TIME": None,  # any date or time; Veil reports only dates of birth
    "TITLE": None,  # job titles and honorifics
    "AGE": "pii.age",
    "NRP": "pii.nationality/religion/political_affiliation",  # see TYPE_GROUPS
    "ZIP_CODE": None,  # a postcode alone; Veil reports it inside a street address
    "DOMAIN_NAME": None,
}

# WNUT-17 categories. "group" (bands, teams, parties...) is scored as an organization together
# with "corporation"; creative works and products are not personal data.
WNUT_LABELS = {
    "person": "pii.person",
    "location": "pii.location",
    "corporation": "pii.organization",
    "group": "pii.organization",
    "creative-work": None,
    "product": None,
}

# Formats Veil reports only next to a context word (a bare eight-letter BIC is as often a shouted
# word): each number is measured bare and once more after that word.
CONTEXT_REQUIRED = {"bic": "BIC "}

# python-stdnum format -> the Veil type that claims it. Formats Veil does not claim are skipped.
STDNUM_TYPES = {
    "iban": "financial.iban",
    "bic": "financial.swift_bic",
    "in_pan": "gov_id.in_pan",
    "it_codicefiscale": "gov_id.it_codice_fiscale",
    "de_idnr": "gov_id.de_tax_id",
    "es_dni": "gov_id.es_dni",
    "es_nie": "gov_id.es_nie",
    "fr_nir": "gov_id.fr_nir",
    "gb_nhs": "gov_id.uk_nhs",
    "in_aadhaar": "gov_id.in_aadhaar",
    "ca_sin": "gov_id.ca_sin",
    "us_ssn": "gov_id.us_ssn",
    "us_itin": "gov_id.us_itin",
    "us_rtn": "financial.us_aba_routing",
}


# Veil types scored together because one dataset label covers them all: IPv4 and IPv6 are both
# "an IP address"; presidio's NRP (nationality, religious or political group) is any of Veil's
# three special-category types.
TYPE_GROUPS = {
    "network.ipv4": "network.ip",
    "network.ipv6": "network.ip",
    "pii.nationality": "pii.nationality/religion/political_affiliation",
    "pii.religion": "pii.nationality/religion/political_affiliation",
    "pii.political_affiliation": "pii.nationality/religion/political_affiliation",
}


def veil_group(finding_type):
    """The scoring group of a finding type: its own name unless TYPE_GROUPS joins it to others."""
    return TYPE_GROUPS.get(finding_type, finding_type)


def is_span_type(finding_type):
    """Markers and topics label a whole document, not a value: they are not scored as spans."""
    return not (finding_type.startswith("topic.") or finding_type.startswith("marker."))


def _path(eval_dir, *parts):
    return os.path.join(eval_dir, *parts)


def synth(eval_dir):
    docs = []
    with open(_path(eval_dir, "presidio", "synth_dataset_v2.spans.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            spans = [Span(s["type"], s["start"], s["end"]) for s in row["spans"]]
            docs.append(Doc("synth-%d" % row["id"], row["text"], spans))
    return docs


def wnut17(eval_dir):
    """WNUT-17 test: tokens joined by single spaces; BIO tags become character spans."""
    docs = []
    tokens, tags = [], []

    def flush():
        if not tokens:
            return
        text, spans, pos = "", [], 0
        current = None  # [label, start, end]
        for token, tag in zip(tokens, tags):
            if text:
                text += " "
                pos += 1
            start, end = pos, pos + len(token)
            text += token
            pos = end
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != tag[2:])):
                if current:
                    spans.append(Span(*current))
                current = [tag[2:], start, end]
            elif tag.startswith("I-"):
                current[2] = end
            else:
                if current:
                    spans.append(Span(*current))
                current = None
        if current:
            spans.append(Span(*current))
        docs.append(Doc("wnut17-%d" % len(docs), text, spans))
        tokens.clear()
        tags.clear()

    with open(_path(eval_dir, "wnut17", "emerging.test.annotated"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            token, _, tag = line.rpartition("\t")
            tokens.append(token)
            tags.append(tag.strip() or "O")
    flush()
    return docs


def secrets(eval_dir):
    docs = []
    path = _path(eval_dir, "secrets", "noseyparker_rule_examples.jsonl")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            row = json.loads(line)
            docs.append(Doc("secret-%d" % n, row["text"], meta={
                "label": row["label"],
                "span": row["secret_span"],
                "rule": row["rule_name"],
                "categories": row["categories"],
            }))
    return docs


def validators(eval_dir):
    """Card numbers and the python-stdnum formats that Veil claims, each as a text on its own."""
    docs = []
    with open(_path(eval_dir, "cards", "test_card_numbers.csv"), encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f)):
            docs.append(Doc("card-%d" % n, row["number"], meta={
                "format": "card:" + row["brand"],
                "type": "financial.payment_card",
                "valid": row["luhn_valid"] == "True",
            }))
    with open(_path(eval_dir, "stdnum", "stdnum_doctest_numbers.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f):
            row = json.loads(line)
            veil_type = STDNUM_TYPES.get(row["stdnum_format"])
            if veil_type is None:
                continue
            docs.append(Doc("stdnum-%d" % n, row["number"], meta={
                "format": "stdnum:" + row["stdnum_format"],
                "type": veil_type,
                "valid": bool(row["valid"]),
            }))
            cue = CONTEXT_REQUIRED.get(row["stdnum_format"])
            if cue:
                # The same number after the word Veil requires: this measures the validator.
                docs.append(Doc("stdnum-%d-cued" % n, cue + row["number"], meta={
                    "format": "stdnum:%s after \"%s\"" % (row["stdnum_format"], cue.strip()),
                    "type": veil_type,
                    "valid": bool(row["valid"]),
                }))
    return docs


DATASETS = {
    "synth": synth,
    "wnut17": wnut17,
    "secrets": secrets,
    "validators": validators,
}
