#!/usr/bin/env bash
# Side-by-side benchmark of Veil against the direct path, nginx and the Portkey gateway.
#
#   bench/harness/run.sh            full run (about 15-20 minutes)
#   bench/harness/run.sh --quick    short run (about 5-7 minutes): 1 KB workload, 250 and 1,000 streams
#   add --profile to also profile Veil (all detectors) under the 1 KB and 16 KB workloads with JDK
#   Flight Recorder, after and apart from the measurements (about 2 more minutes)
#
# Everything listens on 127.0.0.1 only. One path at a time runs between the load generator and
# the stub upstream: the stub directly, nginx (plain reverse proxy), Veil with detectors off, Veil
# with every detector on, and the Portkey gateway. The process under test is pinned to one core
# (BENCH_PROXY_CPU, default 0); the load generator and the stub share the other (BENCH_LOAD_CPU,
# default 1), the same for every path. Results go to bench/harness/results/<time>-<mode>/
# (results.jsonl, report.md and every process's log). Installs nginx (Debian) and the gateway (npm)
# if they are missing; builds Veil if its jar is missing or stale.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mode=full
profile=0
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --profile) profile=1 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $arg (use --quick, --profile or nothing)" >&2; exit 2 ;;
  esac
done

proxy_cpu="${BENCH_PROXY_CPU:-0}"
load_cpu="${BENCH_LOAD_CPU:-1}"
stub_port="${BENCH_PORT_BASE:-18080}"
nginx_port=$((stub_port + 1))
veil_port=$((stub_port + 2))
portkey_port=$((stub_port + 3))
# Bound on each path's whole plan; a hung path fails the run instead of hanging it.
if [ "$mode" = quick ]; then plan_timeout=240; else plan_timeout=480; fi

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# ------------------------------------------------------------------ prerequisites
if ! command -v nginx >/dev/null 2>&1; then
  log "installing nginx (Debian package nginx-light)"
  if [ "$(id -u)" != 0 ]; then echo "run.sh: nginx is missing; install it (apt-get install nginx-light) or run as root" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
fi
command -v node >/dev/null || { echo "run.sh: node (18 or later) is required for the Portkey gateway" >&2; exit 1; }
gateway="$here/node_modules/@portkey-ai/gateway/build/start-server.js"
if [ ! -f "$gateway" ]; then
  log "installing the Portkey gateway (npm ci in bench/harness)"
  (cd "$here" && timeout 300 npm ci --no-audit --no-fund --loglevel=error >&2)
fi
log "checking the Veil jar (builds it if missing or stale)"
"$root/veil" --version >/dev/null
jar="$root/proxy/target/veil.jar"
for p in "$stub_port" "$nginx_port" "$veil_port" "$portkey_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "run.sh: port $p is in use; set BENCH_PORT_BASE to a free range" >&2; exit 1
  fi
done

out="$here/results/$(date -u +%Y%m%dT%H%M%SZ)-$mode"
mkdir -p "$out"
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

log "compiling the harness"
javac -nowarn -cp "$jar" -d "$work/classes" "$here"/FastStub.java "$here"/LoadGen.java "$here"/VeilNoDetectors.java
cp="$work/classes:$jar"

# Waits until 127.0.0.1:$1 accepts connections (at most $2 seconds) while process $3 lives.
wait_port() {
  local port=$1 limit=$2 pid=$3 i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: the process for port $port exited; see $out" >&2; return 1; }
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $port after ${limit}s; see $out" >&2
  return 1
}

stop() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Runs the whole plan against one path: run_plan LABEL URL PIDS [--header H]...
run_plan() {
  local label=$1 url=$2 probe=$3
  shift 3
  log "measuring $label"
  timeout "$plan_timeout" taskset -c "$load_cpu" java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$cp" LoadGen \
    --url "$url" --stub "http://127.0.0.1:$stub_port" --label "$label" --plan "$mode" --pids "$probe" "$@" \
    >>"$out/results.jsonl" 2>>"$out/loadgen.log"
}

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "mode: $mode"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "kernel: $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "node: $(node --version)"
  echo "portkey: $(node -p "require('$here/node_modules/@portkey-ai/gateway/package.json').version")"
  echo "veil: $("$root/veil" --version 2>/dev/null | head -1)"
  echo "veil_commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load_before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "pinning: proxy on cpu $proxy_cpu; load generator and stub on cpu $load_cpu"
} >"$out/machine.txt"

# ------------------------------------------------------------------ the stub upstream
log "starting the stub upstream on port $stub_port (cpu $load_cpu)"
taskset -c "$load_cpu" java -Xms256m -Xmx512m -cp "$cp" FastStub --port "$stub_port" >"$out/stub.log" 2>&1 &
stub_pid=$!
pids+=("$stub_pid")
wait_port "$stub_port" 30 "$stub_pid"

# ------------------------------------------------------------------ 1. direct
run_plan direct "http://127.0.0.1:$stub_port/v1/chat/completions" ""

# ------------------------------------------------------------------ 2. nginx
mkdir -p "$work/nginx/logs"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
worker_rlimit_nofile 20000;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  client_max_body_size 8m;
  client_body_buffer_size 1m;
  keepalive_requests 1000000;
  upstream stub {
    server 127.0.0.1:$stub_port;
    keepalive 1024;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://stub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
EOF
log "starting nginx on port $nginx_port (cpu $proxy_cpu)"
taskset -c "$proxy_cpu" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' >"$out/nginx.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
wait_port "$nginx_port" 10 "$nginx_pid"
nginx_pids="$nginx_pid,$(pgrep -P "$nginx_pid" | paste -sd, -)"
run_plan nginx "http://127.0.0.1:$nginx_port/v1/chat/completions" "$nginx_pids"
stop "$nginx_pid"
cp "$work/nginx/logs/error.log" "$out/nginx-error.log" 2>/dev/null || true

# ------------------------------------------------------------------ 3 and 4. Veil
"$root/veil" audit keygen --out "$work/keys" >"$out/keygen.log" 2>&1
officer_pub="$(ls "$work"/keys/*x25519*.pub | head -1)"
signing_key="$(ls "$work"/keys/*ed25519*.key | head -1)"
cat >"$work/allow-all.yaml" <<EOF
version: 1
description: Benchmark policy for Veil with detectors off; no rule, everything goes to the default upstream.
default: allow
on_detector_error: route local
rules: []
EOF
veil_config() { # veil_config NAME POLICY
  cat >"$work/$1.yaml" <<EOF
listen: 127.0.0.1:$veil_port
policy: $2
default_upstream: openai
audit:
  dir: $work/$1-audit
  officer_keys:
    - $officer_pub
  signing_key: $signing_key
upstreams:
  openai:
    url: http://127.0.0.1:$stub_port/v1
    trust: external
    api_key_env: BENCH_UPSTREAM_KEY
  local:
    url: http://127.0.0.1:$stub_port/v1
    trust: internal
    models:
      "*": llama3.1
EOF
}
export BENCH_UPSTREAM_KEY=sk-bench-not-a-real-key

veil_config veil-off "$work/allow-all.yaml"
log "starting Veil with detectors off on port $veil_port (cpu $proxy_cpu)"
taskset -c "$proxy_cpu" java ${VEIL_JAVA_OPTS:-} -cp "$cp" VeilNoDetectors "$work/veil-off.yaml" >"$out/veil-off.log" 2>&1 &
veil_pid=$!
pids+=("$veil_pid")
wait_port "$veil_port" 90 "$veil_pid"
run_plan veil-off "http://127.0.0.1:$veil_port/v1/chat/completions" "$veil_pid" --header "Authorization: Bearer sk-client"
stop "$veil_pid"

veil_config veil-on "$root/policies/default.yaml"
log "starting Veil with every detector on (default policy) on port $veil_port (cpu $proxy_cpu)"
taskset -c "$proxy_cpu" java ${VEIL_JAVA_OPTS:-} -jar "$jar" serve --config "$work/veil-on.yaml" >"$out/veil-on.log" 2>&1 &
veil_pid=$!
pids+=("$veil_pid")
wait_port "$veil_port" 120 "$veil_pid"
run_plan veil-on "http://127.0.0.1:$veil_port/v1/chat/completions" "$veil_pid" --header "Authorization: Bearer sk-client"
stop "$veil_pid"

# ------------------------------------------------------------------ 5. Portkey
log "starting the Portkey gateway on port $portkey_port (cpu $proxy_cpu)"
NODE_ENV=production taskset -c "$proxy_cpu" node "$gateway" --port="$portkey_port" --headless >"$out/portkey.log" 2>&1 &
portkey_pid=$!
pids+=("$portkey_pid")
wait_port "$portkey_port" 60 "$portkey_pid"
run_plan portkey "http://127.0.0.1:$portkey_port/v1/chat/completions" "$portkey_pid" \
  --header "x-portkey-provider: openai" \
  --header "x-portkey-custom-host: http://127.0.0.1:$stub_port/v1" \
  --header "Authorization: Bearer sk-bench-not-a-real-key"
stop "$portkey_pid"

echo "load_after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/machine.txt"

# ------------------------------------------------------------------ profiles (apart from the figures)
if [ "$profile" = 1 ]; then
  for wl in typical long; do
    log "profiling Veil (all detectors) under the $wl workload with JDK Flight Recorder"
    taskset -c "$proxy_cpu" java ${VEIL_JAVA_OPTS:-} \
      -XX:StartFlightRecording=delay=15s,duration=30s,settings=profile,filename="$out/veil-on-$wl.jfr" \
      -jar "$jar" serve --config "$work/veil-on.yaml" >"$out/veil-on-profile-$wl.log" 2>&1 &
    veil_pid=$!
    pids+=("$veil_pid")
    wait_port "$veil_port" 120 "$veil_pid"
    # 15 s of warm-up (not recorded), 30 s recorded; closed loop, 4 connections (enough to keep one core busy).
    timeout 120 taskset -c "$load_cpu" java -cp "$cp" LoadGen --url "http://127.0.0.1:$veil_port/v1/chat/completions" \
      --stub "http://127.0.0.1:$stub_port" --label veil-on-profile --plan "soak:47:$wl:4" \
      --header "Authorization: Bearer sk-client" >>"$out/profile.jsonl" 2>>"$out/loadgen.log"
    stop "$veil_pid"
    jfr print --json --stack-depth 200 --events jdk.ExecutionSample "$out/veil-on-$wl.jfr" | node "$here/jfr-top.mjs" 30 \
      >"$out/veil-on-$wl-profile.txt"
  done
fi
node "$here/report.mjs" "$out" >"$out/report.md"
log "done: $out/report.md"
cat "$out/report.md"
