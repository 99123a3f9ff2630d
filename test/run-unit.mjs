// Runs every test/unit/**/*.test.ts with Node's own test runner (TypeScript through tsx).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, filter) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p, filter));
    else if (name.endsWith('.test.ts') && p.includes(filter)) out.push(p);
  }
  return out.sort();
}

const filter = process.argv[2] ?? '';
const files = find('test/unit', filter);
if (files.length === 0) {
  console.error(`no unit tests match "${filter}"`);
  process.exit(1);
}
const concurrency = process.env.UNIT_CONCURRENCY ?? '2';
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
