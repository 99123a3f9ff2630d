// Reading a run's lines is bounded whatever the service does: a run of 10,000 lines pages through (400
// pages of 25), and a service that never answers an empty page is left after the page limit. The real
// client over HTTPS against a server answering childRuns as the test says (the rest as recorded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSessionService } from '../../../../src/core/session/bundle';
import { LINES_PER_PAGE, MAX_PAGES } from '../../../../src/core/session/runLines';
import type { ISessionService } from '../../../../src/core/session/types';
import { RECORDED_GROUP, RECORDED_SUBSCRIPTION, RECORDED_WORKSPACE, loadCassettes } from '../../../helpers/recordings';
import { replayToken, startReplayServer, type StandIn } from '../../../helpers/replayServer';

const cassettes = loadCassettes();

async function withChildRuns(answer: (start: number, end: number) => unknown[], fn: (svc: ISessionService) => Promise<void>) {
  let pages = 0;
  const standIn: StandIn = (_method, endpoint, _path, query) => {
    if (endpoint !== 'GET /flow/api{WS}/BulkRuns/{id}/childRuns') return undefined;
    pages++;
    return { status: 200, body: answer(Number(query.get('startIndex')), Number(query.get('endIndex'))) };
  };
  const server = await startReplayServer({ name: 'childRuns', interactions: [] }, standIn, cassettes);
  const token = replayToken({ oid: '11111111-2222-3333-4444-555555555555' });
  const svc = createSessionService({
    workspace: { subscriptionId: RECORDED_SUBSCRIPTION, resourceGroup: RECORDED_GROUP, workspace: RECORDED_WORKSPACE },
    credential: { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
    armEndpoint: server.endpoint,
    caPem: server.caPem,
    stateDir: mkdtempSync(join(tmpdir(), 'pfs-lines-')),
  });
  try {
    await fn(svc);
  } finally {
    svc.dispose();
    await server.stop();
  }
  return pages;
}

const child = (i: number) => ({
  run_id: `big_${i}`,
  index: i,
  status: 'Completed',
  inputs: { n: i, line_number: i },
  output: { twice: 2 * i },
});

test('a run of 10,000 lines is read whole, 25 lines a page, pages answered in reverse order', async () => {
  const total = 10_000;
  const pages = await withChildRuns(
    (start, end) => {
      const page: unknown[] = [];
      for (let i = Math.min(end, total - 1); i >= start; i--) page.push(child(i));
      return page;
    },
    async (svc) => {
      const lines = await svc.runOutputs('big');
      assert.equal(lines.length, total);
      assert.ok(lines.every((l, i) => l.index === i && l.inputs.n === i && l.outputs?.twice === 2 * i));
    },
  );
  assert.equal(pages, total / LINES_PER_PAGE + 1, 'every page, then the empty one');
});

test('a service that never answers an empty page is left after the page limit, with a message that says so', async () => {
  const pages = await withChildRuns(
    (start) => [child(start)],
    async (svc) => {
      await assert.rejects(svc.runOutputs('endless'), (e: Error) => /more than 100000 lines/.test(e.message));
    },
  );
  assert.equal(pages, MAX_PAGES);
});
