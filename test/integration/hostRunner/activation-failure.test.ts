// Proves the host test can fail: a throw-away extension whose activate() throws is run through the same
// runner and the same activation suite as the real extension, and the run must come back non-zero.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '../../..');
const runner = path.join(root, 'test/integration/host/code-server-runner.mjs');
const suiteIndex = path.join(root, 'out/test/integration/host/suite/index.js');
const SENTINEL = 'probe: activation failed on purpose';

function writeProbeExtension(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'activation-probe',
      publisher: 'pfstest',
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
      main: './extension.js',
      contributes: { commands: [{ command: 'activationProbe.hello', title: 'Hello' }] },
    }),
  );
  fs.writeFileSync(path.join(dir, 'extension.js'), `exports.activate = () => { throw new Error(${JSON.stringify(SENTINEL)}); };\n`);
}

/** Runs the activation suite against the probe, capturing everything the host prints. */
async function runProbe(env: Record<string, string>): Promise<{ code: number; output: string }> {
  let output = '';
  const sink = { write: (chunk: string | Buffer) => ((output += chunk), true) };
  try {
    await runTests({
      vscodeExecutablePath: runner,
      extensionDevelopmentPath: extensionDir,
      extensionTestsPath: suiteIndex,
      launchArgs: [workspace, `--user-data-dir=${path.join(temp, 'user-data')}`],
      extensionTestsEnv: {
        HOST_TEST_SCENARIO: 'activation-failure',
        HOST_TEST_SUITE_DIR: path.dirname(suiteIndex),
        HOST_TEST_GREP: 'activation',
        PFS_HOST_EXTENSION_DIR: extensionDir,
        ...env,
      },
      stdout: sink as unknown as NodeJS.WriteStream,
      stderr: sink as unknown as NodeJS.WriteStream,
    });
    return { code: 0, output };
  } catch (err) {
    return { code: (err as { code?: number }).code ?? -1, output };
  }
}

let temp: string;
let extensionDir: string;
let workspace: string;

describe('host test harness', () => {
  before(() => {
    assert.ok(fs.existsSync(suiteIndex), `${suiteIndex} is missing: build first (node esbuild.mjs)`);
    // Idempotent and quick once done; `npm test` runs it before the unit tests anyway.
    const setup = spawnSync(process.execPath, [path.join(root, 'test/integration/host/setup.mjs')], { encoding: 'utf8' });
    assert.equal(setup.status, 0, `host setup failed:\n${setup.stdout}${setup.stderr}`);
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-probe-'));
    extensionDir = path.join(temp, 'extension');
    workspace = path.join(temp, 'workspace');
    writeProbeExtension(extensionDir);
    fs.mkdirSync(workspace);
  });

  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('fails the host run when the extension fails to activate', async () => {
    const { code, output } = await runProbe({});
    assert.equal(code, 1, `expected exit 1, got ${code}:\n${output}`);
    assert.match(output, /^0 passed, 3 failed$/m, output);
    assert.ok(output.includes(SENTINEL), `the activation error did not reach the output:\n${output}`);
  });

  it('gives up with exit 124 when the host never reports a result', async () => {
    const { code, output } = await runProbe({ HOST_TEST_TIMEOUT: '2' });
    assert.equal(code, 124, output);
    assert.match(output, /no result after 2 s/);
  });
});
