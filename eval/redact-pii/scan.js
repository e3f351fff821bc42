#!/usr/bin/env node
// Runs the npm library redact-pii (the version pinned in package.json) over JSON Lines
// {"id", "text"} and writes {"id", "findings": [{"type", "start", "end", "score", "detector"}]},
// the same shape as `veil scan --jsonl`, so that eval/score.py scores both the same way.
//
// redact-pii only returns redacted text, not spans: each value it finds is replaced by a token
// such as PHONE_NUMBER. This script runs the library's default SyncRedactor unchanged, then aligns
// the redacted text with the original to find the span each token stands for. (A token may also
// swallow an earlier token, e.g. "675 ZIPCODE" becoming PHONE_NUMBER; the alignment then gives the
// whole original span "675 62314", which is what the library redacted.)
//
// Usage: node scan.js IN.jsonl > OUT.jsonl
'use strict';

const fs = require('fs');
const readline = require('readline');
const { SyncRedactor } = require('redact-pii');
const patterns = require('redact-pii/lib/built-ins/simple-regexp-patterns');
const { snakeCase } = require('lodash');

// redact-pii's redactor names mapped to Veil's type names. Names without a Veil counterpart keep
// a redact_pii.* type: they still count as redactions for the type-agnostic score.
const TYPES = {
  creditCardNumber: 'financial.payment_card',
  streetAddress: 'pii.street_address',
  zipcode: 'redact_pii.zipcode',
  phoneNumber: 'pii.phone',
  ipAddress: 'network.ipv4',
  usSocialSecurityNumber: 'gov_id.us_ssn',
  emailAddress: 'pii.email',
  username: 'redact_pii.username',
  password: 'secret.password_assignment',
  credentials: 'secret.password_assignment',
  digits: 'redact_pii.digits',
  url: 'redact_pii.url',
  names: 'pii.person',
};

const names = [...Object.keys(patterns).filter((k) => k !== '__esModule'), 'names'];
const tokenType = {};
for (const n of names) {
  if (!(n in TYPES)) {
    throw new Error('redact-pii redactor without a type mapping: ' + n);
  }
  const token = n === 'names' ? 'PERSON_NAME' : snakeCase(n).toUpperCase();
  tokenType[token] = n;
}
const redactor = new SyncRedactor();

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Longest first, so that PHONE_NUMBER is not read as a shorter token.
const TOKENS = new RegExp(Object.keys(tokenType).sort((a, b) => b.length - a.length)
  .map(escapeRegExp).join('|'), 'g');

// Finds, in the original text, the substring each token of the redacted text stands for. A token
// that is also in the original at that place (say, the word PASSWORD) is read as plain text.
function spans(original, redacted) {
  const parts = [];
  const kinds = [];
  let last = 0;
  for (const m of redacted.matchAll(TOKENS)) {
    parts.push(escapeRegExp(redacted.slice(last, m.index)));
    parts.push('(?:' + escapeRegExp(m[0]) + '|([\\s\\S]+?))');
    kinds.push(tokenType[m[0]]);
    last = m.index + m[0].length;
  }
  parts.push(escapeRegExp(redacted.slice(last)));
  if (kinds.length === 0) {
    return [];
  }
  const m = new RegExp('^' + parts.join('') + '$', 'd').exec(original);
  if (m === null) {
    throw new Error('could not align redacted text');
  }
  const out = [];
  for (let i = 0; i < kinds.length; i++) {
    if (m.indices[i + 1] !== undefined) {
      const [s, e] = m.indices[i + 1];
      out.push({ kind: kinds[i], start: s, end: e });
    }
  }
  return out;
}

// JavaScript strings count UTF-16 units; scorers count code points.
function codePoints(text, utf16Index) {
  return Array.from(text.slice(0, utf16Index)).length;
}

async function main() {
  const input = process.argv[2] ? fs.createReadStream(process.argv[2]) : process.stdin;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let unaligned = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') {
      continue;
    }
    const { id, text } = JSON.parse(line);
    const redacted = redactor.redact(text);
    let findings;
    try {
      findings = spans(text, redacted).map((s) => ({
        type: TYPES[s.kind],
        start: codePoints(text, s.start),
        end: codePoints(text, s.end),
        score: 1.0,
        detector: 'redact-pii.' + s.kind,
      }));
    } catch (e) {
      process.stderr.write(`redact-pii scan: line ${lineNumber}: ${e.message}\n`);
      unaligned++;
      findings = [];
    }
    process.stdout.write(JSON.stringify({ id, findings }) + '\n');
  }
  process.stderr.write(`redact-pii scan: ${lineNumber} lines, ${unaligned} not aligned`
    + ' (scored as no findings)\n');
}

main().catch((e) => {
  process.stderr.write('redact-pii scan: ' + e.message + '\n');
  process.exit(2);
});
