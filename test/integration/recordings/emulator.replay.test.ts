// Every recorded request of the official SDK and CLI to Azure ML, replayed against the emulator in the
// recorded order (one fresh world per cassette, the recorder's placeholders mapped onto the emulator's
// workspace and tokens): the emulator must answer with the status class Azure answered, and with every key
// path Azure's answers of that endpoint always carry. Driven by whatever cassettes the folder holds.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { loadCassettes, shapesOf, statusClass, type Cassette, type Recorded } from '../../helpers/recordings';
import { mapRequest, worldFor, type Target } from '../../helpers/replayWorld';
import { DEMO_SEED } from '../../../src/emulator/seed';

/** The demo workspace the seeds extend, and the demo user's compute instance for `fake-compute`. */
const t: Target = {
  subscriptionId: DEMO_SEED.subscriptionId,
  resourceGroup: DEMO_SEED.workspaces[0].resourceGroup,
  workspace: DEMO_SEED.workspaces[0].name,
  computeInstance: DEMO_SEED.computeInstances.find((c) => c.assignedUser === DEMO_SEED.users[0].alias)!.name,
};

/**
 * Calls of the SDK that the emulator does not model, each with the reason. Blob and file storage are
 * Azurite's (another server), Application Insights is telemetry; these do not reach the emulator at all.
 */
const NOT_EMULATED: { endpoint: RegExp; why: string }[] = [
  { endpoint: /^\w+ \/flow\/api\{WS\}\/Flows(\/|$)/, why: 'flow assets (pfazure flow create/show)' },
  { endpoint: /^\w+ \/content\/v2\.0\{WS\}\//, why: 'run snapshots (pfazure run download)' },
  { endpoint: /^\w+ \/data\/v1\.0\{WS\}\//, why: 'data versions (pfazure run download)' },
  { endpoint: /^\w+ \{WS\}\/data\//, why: 'ARM data assets (azureml:<name>:<version> data)' },
];

/** Fields the recorder removed from Azure's answers (README); never counted as missing. */
const RECORDER_REMOVED = [/^identity(\.|$)/, /^systemData(\.|$)/, /^continuationToken$/];

const emulated = (r: Recorded) => (r.plane === 'arm' || r.plane === 'dataPlane') && !NOT_EMULATED.some((n) => n.endpoint.test(r.endpoint));

let cassettes: Cassette[];
before(() => {
  cassettes = loadCassettes();
});

interface Outcome {
  where: string;
  recorded: number;
  emulator: number;
  missing: string[];
  body: string;
}

/** One emulator per cassette: nothing of one recording (a session still installing) reaches the next. */
async function replay(c: Cassette): Promise<Outcome[]> {
  const emu = await startTestEmulator({ seed: worldFor(c, t) });
  try {
    return await send(c, t, emu);
  } finally {
    await emu.stop();
  }
}

async function send(c: Cassette, t: Target, emu: TestEmulator): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const r of c.interactions) {
    if (!emulated(r)) continue;
    const { path, body } = mapRequest(c, r, t);
    const res = await emu.request(r.method, path, {
      body,
      // The recorder kept no Authorization or aml-user-token header; the product and the SDK send both.
      headers: r.plane === 'dataPlane' ? { 'aml-user-token': emu.mlToken } : {},
    });
    out.push({
      where: `${c.name}#${r.index} ${r.endpoint}`,
      recorded: r.status,
      emulator: res.status,
      missing: [],
      body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body),
    });
    const o = out[out.length - 1];
    const shape = shapes.get(`${r.endpoint} ${statusClass(r.status)}`);
    if (shape && statusClass(res.status) === statusClass(r.status) && res.body !== undefined) {
      o.missing = shape.missingIn(res.body).filter((p) => !RECORDER_REMOVED.some((x) => x.test(p)));
    }
  }
  return out;
}

let shapes: ReturnType<typeof shapesOf>;

test('the emulator answers every recorded request with Azure status class and every key path Azure always sends', async () => {
  shapes = shapesOf(cassettes, emulated);
  const outcomes: Outcome[] = [];
  for (const c of cassettes) outcomes.push(...(await replay(c)));

  assert.ok(outcomes.length > 0, 'no recorded request reached the emulator');
  const wrongStatus = outcomes
    .filter((o) => statusClass(o.recorded) !== statusClass(o.emulator))
    .map((o) => `${o.where}: Azure ${o.recorded}, emulator ${o.emulator} ${o.body.slice(0, 300)}`);
  assert.deepEqual(wrongStatus, [], `status classes differ for ${wrongStatus.length} of ${outcomes.length} requests`);

  // One line per endpoint and missing path, with how often it was missing.
  const missing = new Map<string, number>();
  for (const o of outcomes)
    for (const p of o.missing) {
      const key = `${o.where.replace(/^\S+ /, '')}: ${p}`;
      missing.set(key, (missing.get(key) ?? 0) + 1);
    }
  assert.deepEqual(
    [...missing].map(([k, n]) => `${k} (${n}x)`),
    [],
    'key paths Azure always returns are missing from the emulator',
  );

  // The check is not vacuous: every endpoint class recorded was answered and compared.
  const checked = new Set(outcomes.map((o) => o.where.replace(/^\S+ /, '')));
  const recorded = new Set(cassettes.flatMap((c) => c.interactions.filter(emulated).map((r) => r.endpoint)));
  assert.deepEqual(
    [...recorded].filter((e) => !checked.has(e)),
    [],
  );
});
