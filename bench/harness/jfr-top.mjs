// Summarises the CPU samples of a JDK Flight Recorder file: the hottest methods by self time (top
// frame), by inclusive time (anywhere on the stack), the first Veil method on each stack, and the
// threads that were running.
// Usage: jfr print --json --stack-depth 200 --events jdk.ExecutionSample FILE.jfr | node bench/harness/jfr-top.mjs [N]
import { readFileSync } from 'node:fs';

const limit = Number(process.argv[2] ?? 30);
const events = JSON.parse(readFileSync(0, 'utf8')).recording.events;
const name = (f) => `${f.method.type.name.replaceAll('/', '.')}.${f.method.name}`;
const self = new Map(); const incl = new Map(); const veil = new Map(); const threads = new Map();
const bump = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
for (const e of events) {
  const frames = e.values.stackTrace?.frames ?? [];
  bump(threads, (e.values.sampledThread?.javaName ?? '?').replace(/-\d+$/, '-N'));
  if (!frames.length) continue;
  bump(self, name(frames[0]));
  for (const k of new Set(frames.map(name))) bump(incl, k);
  const first = frames.find((f) => name(f).startsWith('dev.veil.'));
  bump(veil, first ? name(first) : '(no Veil frame)');
}
const n = events.length;
const show = (title, m, k = limit) => {
  console.log(`\n${title}`);
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k)
    .forEach(([key, c]) => console.log(`${String(c).padStart(6)} ${(100 * c / n).toFixed(1).padStart(5)}%  ${key}`));
};
console.log(`${n} execution samples`);
show('threads', threads, 12);
show('self (top frame)', self);
show('first Veil method on the stack', veil);
show('inclusive (anywhere on the stack)', incl, limit * 2);
