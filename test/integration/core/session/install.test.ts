// Installing requirements says what really happens (S7, S8): a flow that names no requirements file has
// nothing installed and is told so plainly, and a failed install is framed as the install it is, with
// pip's reason in the message, in English and in Japanese.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { startFixture, type EmulatorState, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.stop();
});

const CONFLICT = 'pf-demo-utils==1.0.0\npf-demo-text==1.1.0\n';

test('a flow that names no requirements file: install says so, packages compare with what the session installs', async () => {
  const svc = fx.service();
  // requirements.txt sits beside the flow, but environment.python_requirements_txt does not name it.
  const flow = fx.flow('unnamed', 'pf-demo-text==1.0.0\n', '', { environment: false });
  const s = (await svc.start(flow)).session;
  assert.equal(s.state, 'running');
  const ops = (await fx.control<EmulatorState>('GET', '/state')).operations.length;
  await assert.rejects(svc.installRequirements(flow), (e: AzureMlError) => {
    assert.equal(e.kind, 'validation');
    assert.match(e.message, /names no requirements file/);
    assert.match(e.message, /requirements\.txt is not named by the flow/);
    assert.match(e.info.fix!, /python_requirements_txt/);
    return true;
  });
  assert.equal((await fx.control<EmulatorState>('GET', '/state')).operations.length, ops, 'nothing was asked of the service');
  const report = await svc.packages(flow);
  assert.deepEqual(report.missing, [], 'nothing is "missing": the session was never asked to install it');
  assert.equal(report.requirementsFile, undefined);
  assert.equal(report.unusedRequirementsFile, join(flow, 'requirements.txt'));
  assert.ok(!report.installed.some((p) => p.name === 'pf-demo-text'));
  await svc.stop(flow);
});

test("an install failure is the install's, with pip's last lines in the message", async () => {
  const svc = fx.service();
  const flow = fx.flow('pip-fails', CONFLICT);
  await assert.rejects(svc.start(flow), (e: AzureMlError) => {
    assert.equal(e.kind, 'packageConflict');
    assert.match(e.message, /^Installing requirements failed: pip exited with code \d+: /);
    assert.match(e.message, /pf-demo-text|ResolutionImpossible|conflict/i, "pip's reason is in the message itself");
    assert.doesNotMatch(e.message, /Starting the session/);
    return true;
  });
  writeFileSync(join(flow, 'requirements.txt'), 'pf-demo-text==1.0.0\n');
  await svc.reset(flow);
  writeFileSync(join(flow, 'requirements.txt'), CONFLICT);
  await assert.rejects(svc.installRequirements(flow), (e: AzureMlError) => {
    assert.equal(e.kind, 'packageConflict');
    assert.match(e.message, /^Installing requirements failed: pip exited with code \d+: .*(pf-demo|ResolutionImpossible|conflict)/i);
    return true;
  });
  await svc.stop(flow);
});

test('in Japanese every phase of a start and a stop is Japanese, as is the not-applied stop', async () => {
  const svc = fx.service({ locale: 'ja' });
  const flow = fx.flow('phases-ja');
  const phases = new Set<string>();
  const onProgress = (p: { phase?: string }) => p.phase && phases.add(p.phase);
  const { session } = await svc.start(flow, { onProgress });
  await fx.control('POST', '/faults', { kind: 'keepSession', path: `FlowSessions/${session.sessionId}$`, count: 1 });
  await assert.rejects(svc.stop(flow, { onProgress }), (e: AzureMlError) => {
    assert.match(e.message, new RegExp(`^セッション ${session.sessionId} の停止は受け付けられましたが`));
    assert.match(e.info.fix!, /もう一度停止/);
    return true;
  });
  await svc.stop(flow, { onProgress });
  assert.ok(phases.has('セッションを要求しています') && phases.has('セッションを削除しています'), [...phases].join(' | '));
  // The emulator's operations name no phase of their own, so every phase is the product's.
  const english = [...phases].filter((p) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(p));
  assert.deepEqual(english, [], 'phases left in English');
});

test('in Japanese the framing, the reason and the fix are all Japanese', async () => {
  const svc = fx.service({ locale: 'ja' });
  const flow = fx.flow('pip-fails-ja', CONFLICT);
  await assert.rejects(svc.start(flow), (e: AzureMlError) => {
    assert.match(e.message, /^要件のインストールに失敗しました: pip が終了コード \d+ で終了しました: /);
    assert.doesNotMatch(e.message, /Starting the session|Installing requirements/);
    assert.match(e.info.fix!, /requirements\.txt/);
    assert.match(e.info.fix!, /[\u3040-\u30ff]/);
    return true;
  });
  // A failure the service raises below the session verbs is framed in Japanese too.
  await fx.control('POST', '/faults', { kind: 'error', status: 400, path: '/FlowSessions/[0-9a-f]+$', method: 'POST', count: 1 });
  const other = fx.flow('fails-ja');
  await assert.rejects(svc.start(other), (e: AzureMlError) => {
    assert.match(e.message, /^セッションの開始に失敗しました: /);
    assert.match(e.info.fix!, /[\u3040-\u30ff]/);
    return true;
  });
  await svc.stop(flow);
});
