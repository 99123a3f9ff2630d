// Recorded real Azure ML traffic (the vcrpy cassettes beside the repository, see their README): loading both
// recorder layouts, naming each request's endpoint, and the shape of Azure's answers as key paths that are
// present every time. Everything is driven by whatever cassettes the folder holds, so more of them (or other
// ones, through PFS_RECORDINGS_DIR) are measured the same way.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const RECORDINGS_DIR = process.env.PFS_RECORDINGS_DIR ?? resolve(__dirname, '../../../shared/reference/recordings/azure');

/** What the recorder put in place of the real workspace (README: zeros and `00000`). */
export const RECORDED_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
export const RECORDED_GROUP = '00000';
export const RECORDED_WORKSPACE = '00000';
/** Request-body placeholders the recorder wrote (README), mapped back by the replays. */
export const RUNTIME_PLACEHOLDER = 'fake-runtime-name';
export const COMPUTE_PLACEHOLDER = 'fake-compute';

export type Plane = 'arm' | 'dataPlane' | 'storage' | 'telemetry';

export interface Recorded {
  cassette: string;
  index: number;
  method: string;
  url: URL;
  requestText?: string;
  requestJson?: unknown;
  status: number;
  responseText: string;
  responseJson?: unknown;
  plane: Plane;
  /** Method and path template, e.g. `GET {WS}/BulkRuns/{id}` or `POST /history/v1.0{WS}/rundata`. */
  endpoint: string;
  /** The run a run call is about (from the path, or the body of `rundata`). */
  runId?: string;
}

export interface Cassette {
  name: string;
  interactions: Recorded[];
}

const WS_PATH = /\/subscriptions\/[^/]+\/resource[gG]roups\/[^/]+\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[^/?]+/;

/** Variable path segments, in the order they are tried; the first match names the endpoint. */
const TEMPLATES: [RegExp, string][] = [
  [/\/BulkRuns\/(?!submit$|resume$)([^/]+)/, '/BulkRuns/{id}'],
  [/\/runs\/([^/]+)/, '/runs/{id}'],
  [/\/datastores\/([^/]+)/, '/datastores/{name}'],
  [/\/connections\/([^/]+)/, '/connections/{name}'],
  [/\/FlowSessions\/(?!standbypools$)([^/]+)/, '/FlowSessions/{id}'],
  [/\/FlowRuntimes\/(?!checkCiAvailability$|latestConfig$)([^/]+)/, '/FlowRuntimes/{name}'],
  [/\/Flows\/([^/]+)/, '/Flows/{id}'],
  [/\/data\/([^/]+)\/versions\/([^/]+)/, '/data/{name}/versions/{version}'],
];

function text(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return JSON.stringify(v);
}

function json(t: string | undefined): unknown {
  if (!t) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** The recorder sometimes wrote `/workspaces/00000/api-version=…` for `…/workspaces/00000?api-version=…`. */
export function repairUri(uri: string): URL {
  return new URL(uri.replace(/(\/workspaces\/[^/?]+)\/(api-version=)/, '$1?$2'));
}

export function planeOf(url: URL): Plane {
  if (/(^|\.)management\.azure\.com$/i.test(url.host)) return 'arm';
  if (/\.api\.azureml\.ms$/i.test(url.host)) return 'dataPlane';
  if (/\.(blob|file|queue|table)\.core\.windows\.net$/i.test(url.host)) return 'storage';
  return 'telemetry';
}

/** `GET {WS}/BulkRuns/{id}` style names, and the run id the path (or a rundata body) names. */
export function endpointOf(method: string, url: URL, body?: unknown): { endpoint: string; runId?: string } {
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(WS_PATH, '{WS}');
  let runId: string | undefined;
  for (const [re, template] of TEMPLATES) {
    const m = re.exec(path);
    if (!m) continue;
    if (template === '/BulkRuns/{id}' || template === '/runs/{id}') runId = decodeURIComponent(m[1]);
    path = path.replace(re, template);
    break;
  }
  if (/\/rundata$/.test(path)) {
    const id = (body as { runId?: unknown } | undefined)?.runId;
    if (typeof id === 'string') runId = id;
  }
  return { endpoint: `${method.toUpperCase()} ${path}`, runId };
}

function load(file: string): Cassette {
  const doc = parse(readFileSync(file, 'utf8')) as { interactions?: Record<string, unknown>[] } | null;
  const name = file
    .split(/[\\/]/)
    .pop()!
    .replace(/\.ya?ml$/, '');
  const interactions: Recorded[] = [];
  for (const [index, it] of (doc?.interactions ?? []).entries()) {
    const req = (it.request ?? {}) as { method?: string; uri?: string; body?: unknown };
    const res = (it.response ?? {}) as {
      status?: { code?: number };
      status_code?: number;
      body?: { string?: unknown } | null;
      content?: unknown;
    };
    if (!req.uri || !req.method) continue;
    const url = repairUri(req.uri);
    const requestText = text(req.body);
    const requestJson = json(requestText);
    // vcrpy writes `status.code` and `body.string`; the httpx recorder `status_code` and `content`.
    const status = Number(res.status?.code ?? res.status_code ?? 0);
    const responseText = text(res.body?.string ?? res.content) ?? '';
    const method = req.method.toUpperCase();
    interactions.push({
      cassette: name,
      index,
      method,
      url,
      requestText,
      requestJson,
      status,
      responseText,
      responseJson: json(responseText),
      plane: planeOf(url),
      ...endpointOf(method, url, requestJson),
    });
  }
  return { name, interactions };
}

/** One cassette by file name (with its request bodies). */
export const loadCassette = (file: string): Cassette => load(join(RECORDINGS_DIR, file));

/** Every cassette in the folder, in name order. */
export function loadCassettes(dir = RECORDINGS_DIR): Cassette[] {
  if (!existsSync(dir)) throw new Error(`No recordings at ${dir} (set PFS_RECORDINGS_DIR to the folder of cassettes).`);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => load(join(dir, f)));
}

export const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;

/** Keys that are ids (a workspace GUID keying a map) are one key: `{guid}`. */
const keyOf = (k: string): string => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(k) ? '{guid}' : k);

/**
 * The shape of many answers of one endpoint: for each object path (`value[]`, `runMetadata`, …) how often
 * an object stood there and how often each of its keys did. A key is "always returned" when it was present
 * in every object at its path; array items count one by one, so a key that only some items carry (a
 * metric name, a node's name) is not taken for part of the shape.
 */
export class Shape {
  private readonly objects = new Map<string, number>();
  private readonly keys = new Map<string, Map<string, number>>();

  add(value: unknown, path = ''): void {
    if (Array.isArray(value)) {
      for (const v of value) this.add(v, `${path}[]`);
      return;
    }
    if (!value || typeof value !== 'object') return;
    this.objects.set(path, (this.objects.get(path) ?? 0) + 1);
    let counts = this.keys.get(path);
    if (!counts) this.keys.set(path, (counts = new Map()));
    for (const [k, v] of Object.entries(value)) {
      const key = keyOf(k);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      this.add(v, path ? `${path}.${key}` : key);
    }
  }

  /** Keys present in every object seen at `path`. */
  always(path: string): string[] {
    const n = this.objects.get(path) ?? 0;
    return [...(this.keys.get(path) ?? new Map<string, number>()).entries()].filter(([, c]) => c === n && n > 0).map(([k]) => k);
  }

  /** Key paths of `answer` missing against this shape: for every object in it, each always-returned key. */
  missingIn(answer: unknown, path = ''): string[] {
    if (Array.isArray(answer)) return answer.flatMap((v) => this.missingIn(v, `${path}[]`));
    if (!answer || typeof answer !== 'object') return [];
    const present = new Map(Object.entries(answer).map(([k, v]) => [keyOf(k), v] as const));
    const out: string[] = [];
    for (const k of this.always(path)) {
      if (!present.has(k)) out.push(path ? `${path}.${k}` : k);
    }
    for (const [k, v] of present) out.push(...this.missingIn(v, path ? `${path}.${k}` : k));
    return out;
  }
}

/** One Shape per endpoint and status class, over every JSON answer recorded. */
export function shapesOf(cassettes: Cassette[], pick: (r: Recorded) => boolean = () => true): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const c of cassettes) {
    for (const r of c.interactions) {
      if (!pick(r) || r.responseJson === undefined) continue;
      const key = `${r.endpoint} ${statusClass(r.status)}`;
      let s = shapes.get(key);
      if (!s) shapes.set(key, (s = new Shape()));
      s.add(r.responseJson);
    }
  }
  return shapes;
}

/** The run ids a cassette submits itself (anything else it reads existed before the recording). */
export function submittedRuns(c: Cassette): Set<string> {
  const out = new Set<string>();
  for (const r of c.interactions) {
    if (!/\/BulkRuns\/(submit|resume)$/.test(r.endpoint)) continue;
    const id = (r.requestJson as { runId?: unknown } | undefined)?.runId;
    if (typeof id === 'string') out.add(id);
    const answered = json(r.responseText);
    if (typeof answered === 'string') out.add(answered);
  }
  return out;
}

/** The last recorded 2xx answer of an endpoint for one run in a cassette. */
export function lastAnswer(c: Cassette, endpoint: string, runId: string): Recorded | undefined {
  return c.interactions.filter((r) => r.endpoint === endpoint && r.runId === runId && r.status < 300).pop();
}

export const BULK_RUN = 'GET /flow/api{WS}/BulkRuns/{id}';
export const RUN_DATA = 'POST /history/v1.0{WS}/rundata';
export const RUN_INDEX = 'POST /index/v1.0{WS}/entities';
export const RUN_LOG = 'GET /flow/api{WS}/BulkRuns/{id}/logContent';
export const RUN_CANCEL = 'POST /flow/api{WS}/BulkRuns/{id}/cancel';

/** One cassette's answers by file name, the body parsed when it is JSON (contract tests compare shapes). */
export function cassette(file: string): { method: string; uri: string; status: number; body: unknown }[] {
  return load(join(RECORDINGS_DIR, file)).interactions.map((i) => ({
    method: i.method,
    uri: i.url.toString(),
    status: i.status,
    body: i.responseJson ?? i.responseText,
  }));
}

/** The sorted keys of an object (for comparing shapes, not values). */
export const keysOf = (v: unknown): string[] => (v && typeof v === 'object' ? Object.keys(v).sort() : []);
