# Shared by bench/soak/run.sh and bench/soak/memory.sh (sourced, not run): checks ports, builds
# the jar if needed, compiles the harness's stub and the driver classes, records the machine, and
# starts the stub upstream and `veil serve` (every detector, the soak policy) on loopback.
#
# Expects: here, root, harness, mode, details (for machine.txt), client_timeout_ms, stub_shape
# (the stub's /control query) and drivers (the Java files to compile besides the harness's).
# Sets: out, work, cp, jar, stub_port, veil_port, veil_pid,
# and a trap that stops every process it started.

stub_port="${SOAK_PORT_BASE:-18180}"
veil_port=$((stub_port + 1))
admin_port=$((stub_port + 2))
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v jcmd >/dev/null || { echo "run.sh: jcmd (from the JDK) is required" >&2; exit 1; }
log "checking the Veil jar (builds it if missing or stale)"
"$root/veil" --version >/dev/null
jar="$root/proxy/target/veil.jar"
for p in "$stub_port" "$veil_port" "$admin_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "run.sh: port $p is in use; set SOAK_PORT_BASE to a free range" >&2; exit 1
  fi
done

out="$here/results/$(date -u +%Y%m%dT%H%M%SZ)-$mode"
mkdir -p "$out"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() { # wait_port PORT SECONDS PID
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "run.sh: the process for port $1 exited; see $out" >&2; return 1; }
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $1 after $2 s; see $out" >&2
  return 1
}

log "compiling the soak driver with the harness"
javac -nowarn -cp "$jar" -d "$work/classes" "$harness/FastStub.java" "$harness/LoadGen.java" "${drivers[@]}"
cp="$work/classes:$jar"

{
  echo "date_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "mode: $mode ($details)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "veil_commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load_before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out/machine.txt"

log "starting the stub upstream on port $stub_port"
java -Xms128m -Xmx256m -cp "$cp" FastStub --port "$stub_port" >"$out/stub.log" 2>&1 &
stub_pid=$!
pids+=("$stub_pid")
wait_port "$stub_port" 30 "$stub_pid"
exec 3<>"/dev/tcp/127.0.0.1/$stub_port"
printf 'POST /control?%s HTTP/1.1\r\nHost: stub\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' "$stub_shape" >&3
head -1 <&3 | grep -q ' 200 ' || { echo "run.sh: the stub refused its shape" >&2; exit 1; }
exec 3<&-

"$root/veil" audit keygen --out "$work/keys" >"$out/keygen.log" 2>&1
cat >"$work/soak-policy.yaml" <<'POLICY_END'
version: 1
description: Soak policy. E-mail addresses are pseudonymized, government ids stay internal, credentials are blocked.
default: allow
on_detector_error: route local
rules:
  - id: emails-pseudonymized
    description: E-mail addresses leave as tokens and come back re-hydrated.
    when:
      findings: pii.email
    action: redact
    redact:
      types: [pii.email]
      mode: pseudonymize
  - id: government-ids-internal
    description: Government ids stay on the internal upstream.
    when:
      findings: "gov_id.*"
    action: route local
  - id: credentials-block
    description: Credentials never leave.
    when:
      findings: "secret.*"
    action: block
    message: "Blocked by policy: the request contains a credential."
POLICY_END
cat >"$work/veil.yaml" <<CONFIG_END
listen: 127.0.0.1:$veil_port
policy: $work/soak-policy.yaml
default_upstream: openai
client_timeout_ms: $client_timeout_ms
admin:
  listen: 127.0.0.1:$admin_port
audit:
  dir: $work/audit
  officer_keys:
    - $(ls "$work"/keys/*x25519*.pub | head -1)
  signing_key: $(ls "$work"/keys/*ed25519*.key | head -1)
upstreams:
  openai:
    url: http://127.0.0.1:$stub_port/v1
    trust: external
    api_key_env: SOAK_UPSTREAM_KEY
  local:
    url: http://127.0.0.1:$stub_port/v1
    trust: internal
    models:
      "*": llama3.1
CONFIG_END
export SOAK_UPSTREAM_KEY=sk-soak-not-a-real-key
export VEIL_PSEUDONYM_KEY=soak-pseudonym-key-0123456789abcdef0123

log "starting Veil (every detector, soak policy) on port $veil_port"
java -Xms256m -Xmx256m -XX:+AlwaysPreTouch ${VEIL_JAVA_OPTS:-} -jar "$jar" serve --config "$work/veil.yaml" \
  >"$out/veil.log" 2>&1 &
veil_pid=$!
pids+=("$veil_pid")
wait_port "$veil_port" 120 "$veil_pid"

