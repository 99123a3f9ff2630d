// Runs the Node test files of one tier with Node's own test runner (TypeScript through tsx):
//   node test/run-node-tests.mjs unit [filter]          in-process tests, nothing built first
//   node test/run-node-tests.mjs integration [filter]   emulator, bundle and host-runner tests, built first
// The host suites under test/integration/host/ run inside VS Code (test/integration/host/runTest.mjs), not here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TIERS = { unit: 'test/unit', integration: 'test/integration' };
const IN_HOST = join('test', 'integration', 'host');

function find(dir, filter) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (p === IN_HOST) continue;
    if (statSync(p).isDirectory()) out.push(...find(p, filter));
    else if (name.endsWith('.test.ts') && p.includes(filter)) out.push(p);
  }
  return out.sort();
}

const [tier, filter = ''] = process.argv.slice(2);
if (!TIERS[tier]) {
  console.error(`usage: node test/run-node-tests.mjs ${Object.keys(TIERS).join('|')} [filter]`);
  process.exit(2);
}
const files = find(TIERS[tier], filter);
if (files.length === 0) {
  console.error(`no ${tier} tests match "${filter}"`);
  process.exit(1);
}
// Integration tests start the built server and CLI: build them first (npm test has built already).
if (tier === 'integration' && !process.env.PFS_SKIP_BUILD) {
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const concurrency = process.env.UNIT_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
