// `npm test`: every layer in order: build, type check, lint, unit tests, then the host suite
// in a real VS Code extension host (its one-time setup is idempotent).
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', ['node', 'esbuild.mjs']],
  ['typecheck', ['npx', 'tsc', '--noEmit', '-p', '.']],
  ['lint', ['npx', 'eslint', '--max-warnings', '0', 'src', 'test']],
  // Before the unit step: a unit test drives the host runner to prove a failed activation fails the run.
  ['host-setup', ['node', 'test/host/setup.mjs']],
  ['unit', ['node', 'test/run-unit.mjs']],
  ['host', ['node', 'test/host/runTest.mjs']],
];
const only = process.env.TEST_STEPS?.split(',');
for (const [name, cmd] of steps) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
