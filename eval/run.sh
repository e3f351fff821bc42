#!/usr/bin/env bash
# Measures Veil's detectors on the public evaluation data, side by side with the npm library
# redact-pii when node and npm are installed, and prints the tables.
#
# Usage: eval/run.sh EVAL_DIR [--details]
#
# Builds proxy/target/veil.jar first if it is missing or older than the sources. Exits 0 with a
# message when EVAL_DIR does not exist, so CI can call it unconditionally. The texts handed to
# the scanners go to a temporary directory that is removed at the end (set VEIL_EVAL_OUT=DIR to
# keep them there instead; keep it outside the repository).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: eval/run.sh EVAL_DIR [--details]" >&2
  exit 2
fi
eval_dir=$1
shift
if [[ ! -d "$eval_dir" ]]; then
  echo "eval: skipped, no evaluation data at $eval_dir"
  exit 0
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=proxy/target/veil.jar

if [[ ! -f $jar ]] || [[ -n $(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -type f -print -quit) ]]; then
  echo "eval: building $jar" >&2
  mvn -B -q -pl proxy -am package -DskipTests >&2
fi

if [[ -n ${VEIL_EVAL_OUT:-} ]]; then
  out=$VEIL_EVAL_OUT
  mkdir -p "$out"
else
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi

python3 eval/prepare.py "$eval_dir" "$out/input"
datasets=(synth wnut17 secrets validators)

systems=()
mkdir -p "$out/veil"
for d in "${datasets[@]}"; do
  start=$(date +%s%N)
  status=0
  java -jar "$jar" scan --jsonl "$out/input/$d.jsonl" > "$out/veil/$d.jsonl" || status=$?
  if [[ $status -eq 1 ]]; then
    echo "eval: WARNING a detector failed on some $d texts; findings may be incomplete" >&2
  elif [[ $status -ne 0 ]]; then
    echo "eval: veil scan failed on $d (exit $status)" >&2
    exit 1
  fi
  echo "eval: veil scanned $d in $((($(date +%s%N) - start) / 1000000)) ms" >&2
done
systems+=(--system "veil=$out/veil")

if command -v node > /dev/null && command -v npm > /dev/null; then
  rp=eval/redact-pii
  if [[ ! -d $rp/node_modules/redact-pii ]]; then
    echo "eval: installing redact-pii (npm ci)" >&2
    (cd "$rp" && npm ci --no-audit --no-fund --loglevel=error >&2) || true
  fi
  if [[ -d $rp/node_modules/redact-pii ]]; then
    mkdir -p "$out/redact-pii"
    for d in "${datasets[@]}"; do
      node "$rp/scan.js" "$out/input/$d.jsonl" > "$out/redact-pii/$d.jsonl"
    done
    systems+=(--system "redact-pii=$out/redact-pii")
  else
    echo "eval: redact-pii could not be installed; comparing nothing" >&2
  fi
else
  echo "eval: node/npm not found; skipping the redact-pii comparison" >&2
fi

python3 eval/score.py "$eval_dir" "${systems[@]}" "$@"
