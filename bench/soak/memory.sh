#!/usr/bin/env bash
# Memory per idle connection and per active stream of `veil serve` (every detector on), on
# loopback: opens 2,000 idle keep-alive connections, then 500 concurrent slow streams (the stub
# sends one event every 100 ms), and prints the growth of Veil's resident set size and of its heap
# after a full GC, per connection and per stream (bench/soak/ConnectionMemory.java).
#
#   bench/soak/memory.sh                          2,000 idle connections, 500 streams
#   bench/soak/memory.sh --idle 5000 --streams 1000
#
# Veil runs with a fixed, pre-touched heap (-Xms256m -Xmx256m -XX:+AlwaysPreTouch), so the RSS
# figure is memory outside the heap (direct buffers, native); the heap figure is Java objects.
# Results go to bench/soak/results/<time>-memory/ (memory.txt, machine.txt, logs). About 2 minutes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
harness="$root/bench/harness"
idle=2000
streams=500
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle="$2"; shift ;;
    --streams) streams="$2"; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "memory.sh: unknown argument $1 (use --idle N, --streams N)" >&2; exit 2 ;;
  esac
  shift
done
need=$((idle * 2 + streams * 4 + 512))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -n "$need" 2>/dev/null || { echo "memory.sh: needs $need open files (ulimit -n)" >&2; exit 1; }
fi
mode=memory
details="$idle idle connections, then $streams streams"
client_timeout_ms=600000
stub_shape="answer_bytes=300&delay_ms=0&chunks=6000&gap_ms=100"
drivers=("$here/ConnectionMemory.java")
# shellcheck source=common.sh
. "$here/common.sh"

log "measuring: $idle idle connections, then $streams active streams"
timeout 900 java -Xmx512m -cp "$cp" ConnectionMemory --pid "$veil_pid" --port "$veil_port" --idle "$idle" \
  --streams "$streams" | tee "$out/memory.txt"
echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"
echo "command: bench/soak/memory.sh --idle $idle --streams $streams" >>"$out/machine.txt"
log "results in $out"
