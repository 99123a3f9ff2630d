// The snapshot a run uploads: regular files only, no link out of the folder it lies in, includes as
// prompt flow merges them, and Azure ML's limits checked before anything is sent.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FlowError } from '../../../../src/core/flow/errors';
import { flowSnapshot, SNAPSHOT_MAX_BYTES, SNAPSHOT_MAX_FILES, snapshotSummary } from '../../../../src/core/flow/snapshot';
import { render } from '../../../../src/core/i18n';

function flowFolder(): { root: string; flow: string } {
  const root = mkdtempSync(join(tmpdir(), 'pfs-snap-'));
  const flow = join(root, 'f');
  mkdirSync(join(flow, 'sub'), { recursive: true });
  writeFileSync(join(flow, 'flow.dag.yaml'), 'nodes: []\n');
  writeFileSync(join(flow, 'sub', 'a.py'), 'x = 1\n');
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(root, 'shared', 'util.py'), 'y = 2\n');
  return { root, flow };
}

const refused = (re: RegExp) => (e: unknown) => e instanceof FlowError && re.test(e.message);

describe('flow snapshot', () => {
  it('takes the flow folder and its relative includes, and says how much it uploads', () => {
    const { flow } = flowFolder();
    const snap = flowSnapshot(flow, 'f', ['../shared/util.py']);
    assert.deepEqual(snap.files.map((f) => f.name).sort(), ['f/flow.dag.yaml', 'f/sub/a.py', 'f/util.py']);
    assert.equal(snap.bytes, 10 + 6 + 6);
    assert.match(render('en', snapshotSummary(snap, flow)), /Uploading 3 file\(s\), 22 B, from /);
  });

  it('refuses an absolute include, a link out of the flow and a special file, before anything is sent', () => {
    const a = flowFolder();
    assert.throws(() => flowSnapshot(a.flow, 'f', ['/etc/passwd']), refused(/absolute path/));
    const b = flowFolder();
    symlinkSync('/etc/passwd', join(b.flow, 'passwd'));
    assert.throws(() => flowSnapshot(b.flow, 'f', []), refused(/symbolic link that leads outside/));
    const c = flowFolder();
    symlinkSync(join(c.root, 'shared'), join(c.flow, 'linked'));
    assert.throws(() => flowSnapshot(c.flow, 'f', ['linked']), refused(/leads outside/));
    const d = flowFolder();
    execFileSync('mkfifo', [join(d.flow, 'pipe')]);
    assert.throws(() => flowSnapshot(d.flow, 'f', []), refused(/named pipe/));
    // A link that stays inside the flow is followed.
    const e = flowFolder();
    symlinkSync(join(e.flow, 'sub', 'a.py'), join(e.flow, 'b.py'));
    assert.equal(flowSnapshot(e.flow, 'f', []).files.length, 3);
  });

  it("checks Azure ML's snapshot limits: 2000 files, 300 MB", () => {
    assert.equal(SNAPSHOT_MAX_FILES, 2000);
    assert.equal(SNAPSHOT_MAX_BYTES, 300 * 1024 * 1024);
    const many = flowFolder();
    for (let i = 0; i < SNAPSHOT_MAX_FILES; i++) writeFileSync(join(many.flow, `d${i}.txt`), '');
    assert.throws(() => flowSnapshot(many.flow, 'f', []), refused(/at most 2000/));
    const big = flowFolder();
    // A sparse 1 GiB file: nothing is read, only its size counts.
    writeFileSync(join(big.flow, 'big.bin'), '');
    truncateSync(join(big.flow, 'big.bin'), 1024 ** 3);
    assert.throws(() => flowSnapshot(big.flow, 'f', []), refused(/is 1.0 GB; Azure ML takes at most 300 MB/));
  });
});
