// Load on the emulator: N concurrent compute-session starts (POST FlowSessions + polling the
// azure-asyncoperation URL until Succeeded) against one emulator process (dist/emulator.js).
// Figures: throughput, p50/p99 start latency, and the emulator's peak RSS (from /proc).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchClient as client, startBenchEmulator } from './benchEmulator.mjs';

export const title = 'Emulator: concurrent compute-session starts';
/** Simulated delays at 5% of demo timing (compute provisioning 300 ms, container start 75 ms). */
const TIME_SCALE = 0.05;
const POLL_MS = 200;

function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startSession(c, id, body) {
  const t0 = performance.now();
  const r = await c.call('POST', `${c.base}/FlowSessions/${id}`, body);
  if (r.status !== 202) throw new Error(`start ${id}: ${r.status} ${JSON.stringify(r.body)}`);
  const url = r.headers['azure-asyncoperation'];
  for (;;) {
    const p = await c.call('GET', url);
    if (p.body.status === 'Succeeded') return performance.now() - t0;
    if (p.body.status !== 'InProgress') throw new Error(`start ${id} failed: ${JSON.stringify(p.body.error)}`);
    await new Promise((r2) => setTimeout(r2, POLL_MS));
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function wave(c, pid, n, tag, body) {
  let peak = rssMiB(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  const t0 = performance.now();
  const lat = await Promise.all(Array.from({ length: n }, (_, i) => startSession(c, `${tag}-${i}`, body)));
  const wall = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, rssMiB(pid));
  // Stop them all again (the compute goes with the last one) so waves do not add up.
  await Promise.all(Array.from({ length: n }, (_, i) => c.call('DELETE', `${c.base}/FlowSessions/${tag}-${i}`)));
  lat.sort((a, b) => a - b);
  return { n, wall, throughput: n / (wall / 1000), p50: pct(lat, 50), p99: pct(lat, 99), peak };
}

export async function run({ quick }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pfs-bench-emu-'));
  const { pid, ready, stop } = await startBenchEmulator(dataDir, TIME_SCALE);
  const c = client(ready);
  const figures = {};
  const rows = [];
  try {
    const idle = rssMiB(pid);
    // Warm-up (not measured): builds or loads the base image once.
    await startSession(c, 'warmup', {});
    const sizes = quick ? [100] : [100, 500];
    for (const n of sizes) {
      const r = await wave(c, pid, n, `s${n}`, {});
      rows.push([`${n} starts, no requirements`, r]);
      figures[`starts_${n}_per_s`] = Number(r.throughput.toFixed(1));
      figures[`starts_${n}_p50_ms`] = Math.round(r.p50);
      figures[`starts_${n}_p99_ms`] = Math.round(r.p99);
      figures[`starts_${n}_peak_rss_mib`] = Math.round(r.peak);
    }
    if (!quick) {
      // Real pip work per session: the cost is the interpreter, capped at max(2, cores) at a time.
      const r = await wave(c, pid, 8, 'pip', { pythonPipRequirements: ['pf-demo-utils'] });
      rows.push(['8 starts, one pip requirement each', r]);
      figures.starts_pip_8_per_s = Number(r.throughput.toFixed(2));
      figures.starts_pip_8_p50_ms = Math.round(r.p50);
    }
    const markdown = [
      `One emulator process (time scale ${TIME_SCALE}: a new serverless compute takes ${6000 * TIME_SCALE} ms, a container ${1500 * TIME_SCALE} ms), clients poll every ${POLL_MS} ms. Idle RSS ${idle.toFixed(0)} MiB; load average at the end ${loadavg()[0].toFixed(1)}.`,
      '',
      '| wave | wall | throughput | p50 latency | p99 latency | peak RSS |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        ([name, r]) =>
          `| ${name} | ${(r.wall / 1000).toFixed(2)} s | ${r.throughput.toFixed(1)} starts/s | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.peak.toFixed(0)} MiB |`,
      ),
    ].join('\n');
    return { markdown, figures };
  } finally {
    c.agent.destroy();
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await run({ quick: process.argv.includes('--quick') });
  console.log(r.markdown);
  console.log(JSON.stringify(r.figures));
}
