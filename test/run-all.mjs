// `npm test`: every layer in order: build, type check, lint, format, unit tests, then the integration
// tests (emulator, bundles, host runner) and the host suites in a real VS Code extension host (its
// one-time setup is idempotent).
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', ['node', 'esbuild.mjs']],
  ['typecheck', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npx', 'eslint', '--max-warnings', '0', 'src', 'test']],
  ['format', ['npx', 'prettier', '--check', '--log-level', 'warn', '.']],
  ['unit', ['node', 'test/run-node-tests.mjs', 'unit']],
  // Before the integration step: a test there drives the host runner to prove a failed activation fails the run.
  ['host-setup', ['node', 'test/integration/host/setup.mjs']],
  ['integration', ['node', 'test/run-node-tests.mjs', 'integration'], { PFS_SKIP_BUILD: '1' }],
  ['host', ['node', '--import', 'tsx', 'test/integration/host/runTest.mjs']],
];
const only = process.env.TEST_STEPS?.split(',');
for (const [name, cmd, env] of steps) {
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${cmd.join(' ')}`);
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
