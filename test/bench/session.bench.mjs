// The session service's own cost while it starts and watches a session, measured against the
// emulator (dist/emulator.js) through the shipped bundle (dist/session.js) with its default polling:
// requests per session start, requests per minute of watching, and how late the service reports
// Running after the emulator's session became ready.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchService, control, startBenchEmulator } from './benchEmulator.mjs';

export const title = 'Session service: requests and reporting delay';

/** Polls of the service's schedule for an operation of `minutes` (5 s for a minute, then slowly up to 30 s). */
function modelledPolls(minutes) {
  let t = 0;
  let n = 0;
  while (t < minutes * 60_000) {
    const grown = t < 60_000 ? 5000 : Math.min(30_000, Math.round(5000 * (1 + (t - 60_000) / 120_000)));
    t += grown;
    n++;
  }
  return n;
}

export async function run({ quick }) {
  const timeScale = quick ? 0.2 : 1;
  const starts = quick ? 2 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'pfs-session-bench-'));
  const { ready, stop } = await startBenchEmulator(join(dir, 'emu'), timeScale);
  const rows = [];
  try {
    for (let i = 0; i < starts; i++) {
      const flow = join(dir, `flow${i}`);
      mkdirSync(flow, { recursive: true });
      writeFileSync(join(flow, 'flow.dag.yaml'), 'environment:\n  python_requirements_txt: requirements.txt\nnodes: []\n');
      writeFileSync(join(flow, 'requirements.txt'), '');
      const svc = benchService(ready, join(dir, 'state'));
      // The bench watches the emulator's own state (not the service) to learn when the session is ready.
      let readyAt;
      let sessionId;
      svc.onDidChange((e) => (sessionId ??= e.session?.sessionId || undefined));
      let watching = true;
      const observer = (async () => {
        while (watching && readyAt === undefined) {
          const st = await control(ready, 'GET', '/state');
          if (sessionId && st.sessions.some((s) => s.sessionId === sessionId && s.ready)) readyAt = Date.now();
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const t0 = Date.now();
      const before = svc.requestCount;
      await svc.start(flow);
      const reportedAt = Date.now();
      watching = false;
      await observer;
      const requests = svc.requestCount - before;
      const minutes = (reportedAt - t0) / 60_000;
      rows.push({
        seconds: (reportedAt - t0) / 1000,
        requests,
        perMinute: requests / minutes,
        delayMs: readyAt ? reportedAt - readyAt : NaN,
      });
      await svc.stop(flow);
      svc.dispose();
    }
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
  const avg = (k) => rows.reduce((s, r) => s + r[k], 0) / rows.length;
  const figures = {
    requestsPerStart: Math.round(avg('requests') * 10) / 10,
    requestsPerMinuteWatching: Math.round(avg('perMinute') * 10) / 10,
    reportDelayMs: Math.round(avg('delayMs')),
    modelledPollsFor10MinStart: modelledPolls(10),
    modelledPollsFor30MinStart: modelledPolls(30),
  };
  const markdown = [
    `Emulator time scale ${timeScale}; default poll schedule (5 s for the first minute, then growing to 30 s); ${starts} starts.`,
    '',
    '| start | seconds | requests | requests/min | Running → reported (ms) |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r, i) =>
        `| ${i + 1} | ${r.seconds.toFixed(1)} | ${r.requests} | ${r.perMinute.toFixed(1)} | ${Number.isNaN(r.delayMs) ? 'n/a' : r.delayMs} |`,
    ),
    '',
    `Requests include the workspace read, the prerequisite checks that precede every start (role assignments, default datastore, working directory: 3 requests, kept for 2 min by a service that starts again; each start here is a new service, as a CLI process is), the existing-session check, the POST, every poll and the final read.`,
    `For long starts the schedule gives ${figures.modelledPollsFor10MinStart} polls over 10 min and ${figures.modelledPollsFor30MinStart} over 30 min (≤ 2 polls/min after the ramp); the reporting delay is at most one poll interval.`,
  ].join('\n');
  return { markdown, figures };
}
