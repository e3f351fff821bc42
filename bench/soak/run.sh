#!/usr/bin/env bash
# Soak test: steady mixed load against `veil serve` (every detector on) for minutes, on loopback
# only, and a verdict: zero unexpected errors and flat memory.
#
#   bench/soak/run.sh                 5 minutes at 20 requests/s
#   bench/soak/run.sh --minutes 30    longer
#   bench/soak/run.sh --quick         1 minute
#   add --rate N to change the request rate (requests per second, open loop)
#
# The upstream is the benchmark harness's stub (bench/harness/FastStub.java: 1 KB answers after
# 20 ms, streams of 16 events 20 ms apart); the load is bench/soak/Soak.java (see its class comment
# for the mix and the pass criteria). The first third of the run is warm-up; memory is judged on the
# other two. Veil runs with a fixed, pre-touched heap (-Xms256m -Xmx256m -XX:+AlwaysPreTouch) so
# that its resident size measures everything but heap growth; VEIL_JAVA_OPTS adds options.
# Results go to bench/soak/results/<time>-<mode>/ (summary.txt, samples.csv, machine.txt, logs).
# Exits non-zero when the run fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
harness="$root/bench/harness"
minutes=5
rate=20
mode=full
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) minutes=1; mode=quick ;;
    --minutes) minutes="$2"; mode="${2}min"; shift ;;
    --rate) rate="$2"; shift ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (use --minutes N, --quick, --rate N)" >&2; exit 2 ;;
  esac
  shift
done
seconds=$((minutes * 60))

details="$minutes min at $rate requests/s"
client_timeout_ms=60000
stub_shape="answer_bytes=1024&delay_ms=20&chunks=16&gap_ms=20"
drivers=("$here/Soak.java")
# shellcheck source=common.sh
. "$here/common.sh"

log "soaking for $minutes min at $rate requests/s (first third is warm-up)"
status=0
timeout $((seconds + 180)) java -Xmx512m -cp "$cp" Soak --url "http://127.0.0.1:$veil_port" --pid "$veil_pid" \
  --rate "$rate" --seconds "$seconds" --out "$out" 2>"$out/soak.log" || status=$?
echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
if ! kill -0 "$veil_pid" 2>/dev/null; then
  echo "run.sh: Veil exited during the soak; see $out/veil.log" >&2
  status=1
fi
echo "veil_error_log_lines: $(grep -c ' ERROR ' "$out/veil.log" || true)" >>"$out/summary.txt"
log "results in $out"
exit "$status"
