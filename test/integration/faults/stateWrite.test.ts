// Fault: the flow → session state cannot be written ("disk full while saving"), shown without an
// editor at the level the session service owns: its state file in stateDir. The write is made to fail
// in two ways root cannot bypass (tests may run as root, so a read-only folder would not stop them):
// the temp file the store writes first is taken by a folder, and stateDir itself is a regular file.
// Either way the previous state must stay intact on disk, and the start, which did succeed on the
// service, reports the session running with a clear warning that its binding could not be saved.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFixture, type Fixture } from '../../helpers/sessionFixture';
import type { SessionInfo } from '../../../src/core/session/types';

/** The warning a start carries when the binding could not be written: says so, where, and what to do. */
function assertSaveWarning(info: SessionInfo, where: string): void {
  assert.equal(info.state, 'running', 'the session runs on the service, so the start is not a failure');
  const w = info.error;
  assert.ok(w, 'the running session carries a warning about the failed save');
  assert.equal(w.kind, 'storage');
  // Clear = it says the local state could not be saved (an errno alone does not tell the user that the
  // session itself is running).
  assert.match(w.message, /\b(sav|writ)\w*\b[^.]*\b(state|binding|session list)/i, `the warning names the failed save: ${w.message}`);
  assert.ok(w.message.includes(where), `the warning says where: ${w.message}`);
  assert.doesNotMatch(w.message, /\[object Object\]|undefined|EISDIR|EEXIST/);
  assert.match(w.fix ?? '', /disk space/i);
  assert.match(w.fix ?? '', /write to this folder|permission/i);
}

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
    const started = (await svc.start(second)).session;
    assertSaveWarning(started, stateDir);
    assert.equal(readFileSync(file, 'utf8'), before, 'the previous state file is unchanged');
    // Memory and disk differ, and the service says so: this window still reaches the session.
    const here = await svc.status(second);
    assert.equal(here.state, 'running');
    assert.equal(here.error?.kind, 'storage', 'status keeps saying the binding is in memory only');

    // A fresh service (another window, the CLI) still finds the first flow's session.
    const reader = fx.service({ stateDir });
    const status = await reader.status(first);
    assert.equal(status.state, 'running', 'the earlier binding survives the failed save');
    // The unsaved record is not on disk, but the session is found where every front end finds it: on the service.
    assert.equal((await reader.status(second)).state, 'running', 'the service, asked, reports the session');

    // Once the obstacle is gone, starting again reuses the session and saves the list.
    rmdirSync(`${file}.${process.pid}.tmp`);
    const again = (await svc.start(second)).session;
    assert.equal(again.state, 'running');
    assert.equal(again.error, undefined, 'the warning is gone once the binding is saved');
    assert.equal(again.sessionId, started.sessionId, 'the same session is reused');
    assert.ok(readFileSync(file, 'utf8').includes('not-saved'), 'the binding is on disk now');
  });

  it('a state folder that is a file gives a clear error, not a crash', async () => {
    const notADir = join(fx.dir, 'state-is-a-file');
    writeFileSync(notADir, 'not a folder');
    const svc = fx.service({ stateDir: notADir });
    const flow = fx.flow('file-state');
    const started = (await svc.start(flow)).session;
    assertSaveWarning(started, notADir);
    assert.equal(readFileSync(notADir, 'utf8'), 'not a folder', 'the file in the way is left alone');
    // The in-memory binding still serves this window: stop reaches the session.
    const stopped = await svc.stop(flow);
    assert.equal(stopped.sessionId, started.sessionId);
    assert.equal((await svc.status(flow)).state, 'notStarted');
  });
});
