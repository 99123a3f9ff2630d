// Fault: the flow → session state cannot be written ("disk full while saving"), shown without an
// editor at the level the session service owns: its state file in stateDir. The write is made to fail
// in two ways root cannot bypass (tests may run as root, so a read-only folder would not stop them):
// the temp file the store writes first is taken by a folder, and stateDir itself is a regular file.
// Either way the previous state must stay intact on disk and the user must get a clear error.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFixture, type Fixture } from '../session/fixture';

describe('saving the session state fails', () => {
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => {
    await fx?.stop();
  });

  const stateFile = (dir: string) => {
    const files = readdirSync(dir).filter((f) => /^sessions-.*\.json$/.test(f));
    assert.equal(files.length, 1, `one state file in ${dir}: ${readdirSync(dir).join(', ')}`);
    return join(dir, files[0]);
  };

  it('a failed write keeps the previous state file intact and the error says what happened', async () => {
    const stateDir = join(fx.dir, 'state-blocked');
    const first = fx.flow('kept');
    const svc = fx.service({ stateDir });
    await svc.start(first);
    const file = stateFile(stateDir);
    const before = readFileSync(file, 'utf8');
    assert.ok(before.includes('kept'), 'the first binding is on disk');

    // The store writes `<file>.<pid>.tmp` and renames it; a folder in its place makes the write fail.
    mkdirSync(`${file}.${process.pid}.tmp`);
    const second = fx.flow('not-saved');
    const failure = await svc.start(second).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(failure, 'start reports that the state could not be saved');
    assert.equal(readFileSync(file, 'utf8'), before, 'the previous state file is unchanged');

    // A fresh service (another window, the CLI) still finds the first flow's session.
    const reader = fx.service({ stateDir });
    const status = await reader.status(first);
    assert.equal(status.state, 'running', 'the earlier binding survives the failed save');
    // Clear = it says the local state could not be saved (an errno alone does not tell the user that the
    // session itself may be running).
    assert.match(failure.message, /\b(sav|writ)\w*\b[^.]*\b(state|binding|session list)/i, `the error names the failed save: ${failure.message}`);
    assert.doesNotMatch(failure.message, /\[object Object\]|undefined/);
  });

  it('a state folder that is a file gives a clear error, not a crash', async () => {
    const notADir = join(fx.dir, 'state-is-a-file');
    writeFileSync(notADir, 'not a folder');
    const svc = fx.service({ stateDir: notADir });
    const failure = await svc.start(fx.flow('file-state')).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(failure, 'start reports that the state could not be saved');
    assert.equal(readFileSync(notADir, 'utf8'), 'not a folder', 'the file in the way is left alone');
    assert.match(failure.message, /\b(sav|writ)\w*\b[^.]*\b(state|binding|session list)/i, `the error names the failed save: ${failure.message}`);
  });
});
