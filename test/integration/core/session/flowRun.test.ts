// A run of a flow folder over a local data file, without a run file (`submitFlowRun`, what `migrate verify`
// submits): the same upload and submit as run.yml's, with each flow input the data has mapped from its column.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AzureMlError } from '../../../../src/core/azure/errors';
import { startFixture, type Fixture } from '../../../helpers/sessionFixture';

let fx: Fixture;
before(async () => {
  fx = await startFixture({ azurite: true });
});
after(async () => {
  await fx?.stop();
});

interface EmulatorRuns {
  runs: { runId: string; sessionId?: string; request: Record<string, unknown> }[];
}

test('submits a flow folder with a data file to the flow session, each input the data has mapped from its column', async () => {
  // Inputs q (in the data) and extra (not in the data: it keeps its default).
  const flow = fx.flow('flow-run');
  writeFileSync(
    join(flow, 'flow.dag.yaml'),
    'environment:\n  python_requirements_txt: requirements.txt\ninputs:\n  q:\n    type: string\n  extra:\n    type: string\n    default: x\noutputs:\n  a:\n    type: string\n    reference: ${inputs.q}\nnodes: []\n',
  );
  const data = join(fx.dir, 'lines.jsonl');
  writeFileSync(data, '{"q": "hi", "unused": 1}\n\n{"q": "bye"}\n');
  const svc = fx.service();
  const session = (await svc.start(flow)).session;
  const phases: string[] = [];
  const r = await svc.submitFlowRun(flow, data, { onProgress: (p) => p.phase && phases.push(p.phase) });
  assert.equal(r.sessionId, session.sessionId, 'the run goes to the flow session, as a run.yml run does');
  assert.ok(phases.includes('Uploading the data'), phases.join(' | '));
  const state = await fx.control<EmulatorRuns>('GET', '/state');
  const request = state.runs.find((x) => x.runId === r.runId)?.request;
  assert.ok(request, 'the emulator has the run');
  assert.deepEqual(request.inputsMapping, { q: '${data.q}' });
  assert.match(String((request.batchDataInput as { dataUri?: string }).dataUri), /\/paths\/LocalUpload\/[^/]+\/data\/lines\.jsonl$/);
  assert.match(String(request.flowDefinitionBlobPath), /\/flow-run\/flow\.dag\.yaml$/);
  assert.equal(request.runtimeName, 'automatic');
});

test('refuses a data file that is missing or not JSON Lines, before anything is uploaded', async () => {
  const flow = fx.flow('flow-run-bad');
  const svc = fx.service();
  const bad = join(fx.dir, 'bad.jsonl');
  writeFileSync(bad, '{"q": "hi"}\n[1, 2]\n');
  const before = (await fx.control<EmulatorRuns>('GET', '/state')).runs.length;
  await assert.rejects(svc.submitFlowRun(flow, bad), (e: unknown) => {
    assert.ok(e instanceof AzureMlError);
    assert.equal(e.info.kind, 'validation');
    assert.equal(e.info.message, `Line 2 of ${bad} is not a JSON object.`);
    assert.match(e.info.fix ?? '', /one JSON object per line/);
    return true;
  });
  await assert.rejects(svc.submitFlowRun(flow, join(fx.dir, 'none.jsonl')), /The data file .*none\.jsonl does not exist\./);
  assert.equal((await fx.control<EmulatorRuns>('GET', '/state')).runs.length, before, 'nothing was submitted');
});
