// A host suite that drives the browser cannot run where no runner answers its requests (the desktop
// host): the run must fail and say why, not go green on suites that registered nothing. The real main
// suites are run without a screenshot folder, which is how the desktop host looks to them.
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

let temp: string;

async function runWithoutBrowser(env: Record<string, string>): Promise<{ code: number; output: string }> {
  let output = '';
  const sink = { write: (chunk: string | Buffer) => ((output += chunk), true) };
  try {
    await runTests({
      vscodeExecutablePath: runner,
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteIndex,
      // An empty folder: nothing activates the extension, and no emulator is needed.
      launchArgs: [path.join(temp, 'workspace'), `--user-data-dir=${path.join(temp, 'user-data')}`],
      extensionTestsEnv: {
        HOST_TEST_SCENARIO: 'main',
        HOST_TEST_SUITE_DIR: path.dirname(suiteIndex),
        HOST_TEST_GREP: 'needs the browser runner',
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

describe('host suites without a browser', () => {
  before(() => {
    assert.ok(fs.existsSync(suiteIndex), `${suiteIndex} is missing: build first (node esbuild.mjs)`);
    const setup = spawnSync(process.execPath, [path.join(root, 'test/integration/host/setup.mjs')], { encoding: 'utf8' });
    assert.equal(setup.status, 0, `host setup failed:\n${setup.stdout}${setup.stderr}`);
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pfs-nobrowser-'));
    fs.mkdirSync(path.join(temp, 'workspace'));
  });

  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('fail the run, each saying that it needs the browser runner', async () => {
    const { code, output } = await runWithoutBrowser({});
    assert.notEqual(code, 0, output);
    const titles = [
      'parity with Agent Framework (emulator)',
      'runs (emulator)',
      'session commands (emulator)',
      'session settings, instances and prerequisites (emulator)',
    ];
    assert.match(output, new RegExp(`^0 passed, ${titles.length} failed$`, 'm'), output);
    for (const title of titles) {
      assert.ok(output.includes(`"${title}" drives the browser, and this host has no browser runner`), `${title}:\n${output}`);
    }
  });

  it('are passed over, saying so, only when HOST_TEST_ALLOW_NO_BROWSER=1', async () => {
    const { output } = await runWithoutBrowser({ HOST_TEST_ALLOW_NO_BROWSER: '1' });
    assert.match(output, /not run: "runs \(emulator\)" drives the browser/, output);
    assert.doesNotMatch(output, /needs the browser runner/, output);
  });
});
