// The extension host inherits the environment of whoever started the host: scenarios and the emulator's
// ready line reach the tests that way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { takeScreenshot } from '../../../helpers/host/screenshot';

describe('host environment', () => {
  it('sees the variables the test runner set', () => {
    assert.ok(process.env.HOST_TEST_SCENARIO, 'HOST_TEST_SCENARIO did not reach the extension host');
  });

  it('opened the workspace copy with the flows in it', async () => {
    const found = await vscode.workspace.findFiles('**/flow.dag.yaml');
    assert.ok(found.length >= 2, `expected the fixture flows, found ${found.length}`);
  });

  it('gets a well-formed emulator ready line', function () {
    // The session suites need the emulator: a run where it could not start fails here first, by name.
    const raw = process.env.PFS_TEST_EMULATOR;
    assert.ok(raw, 'PFS_TEST_EMULATOR is unset: the emulator did not start (see the runner warning above)');
    const ready = JSON.parse(raw) as { ready: boolean; endpoint: string; ca: string };
    assert.equal(ready.ready, true);
    assert.match(ready.endpoint, /^https:\/\/127\.0\.0\.1:\d+/);
  });
});

describe('screenshots', () => {
  it('answers a screenshot request from inside the host', async () => {
    const dir = process.env.HOST_TEST_SCREENSHOTS;
    await takeScreenshot('workbench');
    if (!dir) return; // desktop host: nothing to check (takeScreenshot said so)
    const { size } = fs.statSync(path.join(dir, 'workbench.png'));
    assert.ok(size > 1000, `screenshot is only ${size} bytes`);
  });
});
