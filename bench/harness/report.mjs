// Turns one run's results.jsonl (and machine.txt) into the Markdown tables of docs/benchmarks.md.
// Usage: node bench/harness/report.mjs bench/harness/results/<run>
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node report.mjs RESULTS_DIR');
  process.exit(2);
}
const rows = readFileSync(join(dir, 'results.jsonl'), 'utf8').split('\n').filter((l) => l.trim().startsWith('{'))
  .map((l) => JSON.parse(l));
const machine = existsSync(join(dir, 'machine.txt')) ? readFileSync(join(dir, 'machine.txt'), 'utf8') : '';

const TARGETS = ['direct', 'nginx', 'portkey', 'veil-off', 'veil-on'];
const NAMES = { direct: 'Direct', nginx: 'nginx', portkey: 'Portkey', 'veil-off': 'Veil, detectors off', 'veil-on': 'Veil, all detectors' };
const WL = { small: 'small 0.2 KB', typical: 'typical 1 KB → 10 KB', long: 'long 16 KB', stream: 'stream 64×20 ms' };

const find = (t, kind, pred = () => true) => rows.find((r) => r.target === t && r.kind === kind && pred(r));
const fmt = (v, digits = 0) => (v === undefined || v === null || Number.isNaN(v) ? '–'
  : Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ratio = (a, b) => (a === undefined || b === undefined || a === null || b === null || !(b > 0) || a < 0 ? '–'
  : `${(a / b).toFixed(2)}×`);

// One table row: the figure for every target, then Veil's ratios to direct, nginx and Portkey.
function row(label, values, digits, { direct = true } = {}) {
  const cells = TARGETS.map((t) => fmt(values[t], digits));
  const rOn = (other) => ratio(values['veil-on'], values[other]);
  const rOff = (other) => ratio(values['veil-off'], values[other]);
  const both = (other) => `${rOn(other)} (${rOff(other)})`;
  return `| ${label} | ${cells.join(' | ')} | ${direct ? both('direct') : '–'} | ${both('nginx')} | ${both('portkey')} |`;
}

const header = `| Figure | ${TARGETS.map((t) => NAMES[t]).join(' | ')} | Veil ÷ direct | Veil ÷ nginx | Veil ÷ Portkey |\n`
  + `|---|${TARGETS.map(() => '---:').join('|')}|---:|---:|---:|`;

const out = [];
const p = (s = '') => out.push(s);

p('Ratios are "all detectors (detectors off)": the Veil figure divided by the other path\'s.');
p();
p('### Throughput at a fixed p99 limit (requests/s, open loop)');
p();
p(header);
const tputKeys = [...new Set(rows.filter((r) => r.kind === 'throughput').map((r) => `${r.workload}|${r.delay_ms}|${r.p99_limit_ms}`))];
for (const k of tputKeys) {
  const [w, d, l] = k.split('|');
  const v = {};
  for (const t of TARGETS) v[t] = find(t, 'throughput', (r) => r.workload === w && `${r.delay_ms}` === d && `${r.p99_limit_ms}` === l)?.rps;
  p(row(`${WL[w]}, stub delay ${d} ms, p99 ≤ ${l} ms`, v, 0));
}
p();
p('### Latency at concurrency 1 (ms)');
p();
p('Added latency is the path\'s percentile minus the direct path\'s percentile for the same workload.');
p();
p(header);
const latKeys = [...new Set(rows.filter((r) => r.kind === 'latency_c1').map((r) => `${r.workload}|${r.delay_ms}`))];
for (const k of latKeys) {
  const [w, d] = k.split('|');
  for (const pc of ['p50', 'p99']) {
    const v = {};
    const direct = find('direct', 'latency_c1', (r) => r.workload === w && `${r.delay_ms}` === d)?.[`${pc}_ms`];
    for (const t of TARGETS) {
      const x = find(t, 'latency_c1', (r) => r.workload === w && `${r.delay_ms}` === d)?.[`${pc}_ms`];
      v[t] = x === undefined || direct === undefined ? undefined : x - direct;
    }
    p(row(`added ${pc}, ${WL[w]}, stub delay ${d} ms`, v, 3, { direct: false }));
  }
}
p();
p('### CPU per request of the proxy process (µs; whole process, all threads; fixed rate below saturation)');
p();
p(header);
for (const w of ['small', 'typical', 'long']) {
  const v = {};
  const rate = {};
  for (const t of TARGETS) {
    const r = find(t, 'cpu_fixed_rate', (x) => x.workload === w);
    if (r) { v[t] = t === 'direct' ? undefined : r.cpu_us_per_req; rate[t] = r.rate; }
  }
  if (Object.keys(rate).length) {
    p(row(`${WL[w]}`, v, 0, { direct: false }));
    p(`| ↳ at this rate (req/s) | ${TARGETS.map((t) => fmt(rate[t])).join(' | ')} | | | |`);
  }
}
p();
p('### Resident memory of the proxy process (MiB, VmRSS)');
p();
p(header);
{
  const idle = {}; const load = {};
  for (const t of TARGETS) {
    if (t === 'direct') continue;
    idle[t] = find(t, 'rss_idle')?.rss_mb;
    load[t] = find(t, 'rss_load')?.rss_mb;
  }
  p(row('idle, after start-up', idle, 0, { direct: false }));
  p(row(`peak under load (whole ${find('veil-on', 'rss_load')?.plan ?? ''} plan, streams included)`, load, 0, { direct: false }));
}
p();
p('### Streaming (64 chunks 20 ms apart, stub delay 0 ms)');
p();
p(header);
{
  const low = Object.fromEntries(TARGETS.map((t) => [t, find(t, 'streams_low')]));
  const direct = low.direct;
  for (const [key, label] of [['ttft_p50_ms', 'added time to first token p50 (ms), 20 streams arriving one by one'],
    ['ttft_p99_ms', 'added time to first token p99 (ms), 20 streams arriving one by one']]) {
    const v = {};
    for (const t of TARGETS) v[t] = low[t] && direct ? low[t][key] - direct[key] : undefined;
    p(row(label, v, 3, { direct: false }));
  }
  for (const [key, label] of [['gap_p50_ms', 'inter-chunk gap p50 (ms), 20 streams'], ['gap_p99_ms', 'inter-chunk gap p99 (ms), 20 streams']]) {
    const v = {};
    for (const t of TARGETS) v[t] = low[t]?.[key];
    p(row(label, v, 1));
  }
  const most = {};
  for (const t of TARGETS) {
    const levels = rows.filter((r) => r.target === t && r.kind === 'streams_concurrent');
    if (!levels.length) continue;
    let best = 0;
    for (const r of levels.sort((a, b) => a.concurrency - b.concurrency)) {
      if (r.stalls === 0 && r.errors === 0 && r.streams > 0) best = r.concurrency; else break;
    }
    most[t] = best;
  }
  p(row('most concurrent streams without a stall (levels tried: 250, 500 in full runs, 1,000)', most, 0));
}
p();
p('### Concurrent streams, per level');
p();
p('| Path | Streams open | Streams completed | Errors | Stalls (gap > 1 s) | TTFT p99 (ms) | Gap p99 (ms) | Gap max (ms) |');
p('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const t of TARGETS) {
  for (const r of rows.filter((x) => x.target === t && x.kind === 'streams_concurrent')) {
    p(`| ${NAMES[t]} | ${fmt(r.concurrency)} | ${fmt(r.streams)} | ${fmt(r.errors)} | ${fmt(r.stalls)} | ${fmt(r.ttft_p99_ms, 1)} | ${fmt(r.gap_p99_ms, 1)} | ${fmt(r.gap_max_ms, 1)} |`);
  }
}
p();

p('### Warm-up before the figures');
p();
p('Rounds of the mixed workload until the path\'s CPU per request stops falling (see "How each figure is measured").');
p();
p('| Path | Rounds | Seconds | Settled | CPU per request by round (µs) |');
p('|---|---:|---:|---|---|');
for (const t of TARGETS) {
  const r = find(t, 'warmup');
  if (!r) continue;
  const us = String(r.cpu_us_per_req_by_round).replace(/[[\]]/g, '').split(',').map((x) => Number(x))
    .map((x) => (x < 0 ? '–' : fmt(x))).join(', ');
  p(`| ${NAMES[t]} | ${fmt(r.rounds)} | ${fmt(r.seconds)} | ${r.settled ? 'yes' : 'no (time limit)'} | ${us} |`);
}
p();

// ------------------------------------------------------------------ goals
const g = [];
const tp = (t, l) => find(t, 'throughput', (r) => r.workload === 'typical' && r.delay_ms === 0 && r.p99_limit_ms === l)?.rps;
const yes = (ok) => (ok === undefined ? 'not measured' : ok ? '**met**' : '**not met**');
for (const l of [50, 200]) {
  const on = tp('veil-on', l); const ng = tp('nginx', l); const pk = tp('portkey', l); const off = tp('veil-off', l);
  if (on === undefined) continue;
  g.push(`| 1 KB, p99 ≤ ${l} ms: ≥ 0.5× nginx's throughput | ${ratio(on, ng)} | ${yes(ng > 0 ? on / ng >= 0.5 : undefined)} |`);
  g.push(`| 1 KB, p99 ≤ ${l} ms: ≥ 10× Portkey's throughput | ${ratio(on, pk)} | ${yes(pk > 0 ? on / pk >= 10 : (on > 0 ? true : (on === 0 ? false : undefined)))} |`);
  g.push(`| 1 KB, p99 ≤ ${l} ms: detectors cost ≤ 25% of throughput | ${off > 0 ? `${((1 - on / off) * 100).toFixed(0)}%` : '–'} | ${yes(off > 0 ? on / off >= 0.75 : undefined)} |`);
}
{
  const d = find('direct', 'latency_c1', (r) => r.workload === 'typical' && r.delay_ms === 0);
  const v = find('veil-on', 'latency_c1', (r) => r.workload === 'typical' && r.delay_ms === 0);
  if (d && v) g.push(`| added p99 at concurrency 1 ≤ 1 ms (1 KB, delay 0) | ${fmt(v.p99_ms - d.p99_ms, 3)} ms | ${yes(v.p99_ms - d.p99_ms <= 1)} |`);
  const ds = find('direct', 'streams_low'); const vs = find('veil-on', 'streams_low');
  if (ds && vs) g.push(`| added time to first token p99 ≤ 1 ms | ${fmt(vs.ttft_p99_ms - ds.ttft_p99_ms, 3)} ms | ${yes(vs.ttft_p99_ms - ds.ttft_p99_ms <= 1)} |`);
  const s1000 = find('veil-on', 'streams_concurrent', (r) => r.concurrency === 1000);
  g.push(`| 1,000 concurrent streams without a stall | ${s1000 ? `${s1000.stalls} stalls, ${s1000.errors} errors` : 'not run (quick mode)'} | ${yes(s1000 ? s1000.stalls === 0 && s1000.errors === 0 : undefined)} |`);
  const rss = find('veil-on', 'rss_load')?.rss_mb;
  if (rss !== undefined) g.push(`| resident memory under load ≤ 512 MB | ${fmt(rss)} MiB | ${yes(rss * 1.048576 <= 512)} |`);
}
p('### Goals (Veil with every detector on)');
p();
p('| Goal | Measured | |');
p('|---|---:|---|');
g.forEach((x) => p(x));
p();
p('### Machine and versions');
p();
p('```');
p(machine.trim());
p('```');
console.log(out.join('\n'));
