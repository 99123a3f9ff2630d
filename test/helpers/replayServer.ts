// A local HTTPS server that answers the product's clients with what Azure answered in one recorded
// cassette: the request's endpoint (and run) picks the recorded answer, the last one recorded (the state at
// the end of the recording). The workspace's discoveryUrl points back here, so ARM and the data plane are
// this server, trusted through the product's own CA option. Calls nothing was recorded for answer 404.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { endpointOf, type Cassette, type Recorded } from './recordings';

export interface ServedRequest {
  method: string;
  path: string;
  /** The query, as sent (`?startIndex=0&endIndex=24`), or ''. */
  search: string;
  endpoint: string;
  runId?: string;
  body?: unknown;
  /** True when the answer came from the recording. */
  recorded: boolean;
}

/** Answers for calls the recordings hold none of (e.g. FlowSessions, 0 recorded), given by the test. */
export type StandIn = (
  method: string,
  endpoint: string,
  path: string,
  query: URLSearchParams,
) => { status: number; body: unknown } | undefined;

export interface ReplayServer {
  endpoint: string;
  caPem: string;
  requests: ServedRequest[];
  stop(): Promise<void>;
}

const keyOf = (endpoint: string, runId: string | undefined, skip: unknown) =>
  `${endpoint} ${runId ?? ''} ${skip === undefined ? '' : String(skip)}`;

/** Where a paged request starts: the index's `skip` (in the body), childRuns' `startIndex` (in the query). */
function pageOf(endpoint: string, url: URL, body: unknown): unknown {
  if (endpoint.endsWith('/entities')) return (body as { skip?: unknown } | undefined)?.skip ?? 0;
  if (endpoint.endsWith('/childRuns')) return url.searchParams.get('startIndex') ?? '0';
  return undefined;
}

/** The recorded run-history 404, for calls with nothing recorded. */
function notRecorded(path: string) {
  return {
    error: {
      code: 'UserError',
      severity: null,
      message: `Nothing was recorded for ${path}`,
      messageFormat: null,
      messageParameters: {},
      referenceCode: null,
      detailsUri: null,
      target: null,
      details: [],
      innerError: { code: 'NotFoundError', innerError: null },
      debugInfo: null,
      additionalInfo: null,
    },
    correlation: { operation: '0', request: '0' },
    environment: 'replay',
    location: 'replay',
    time: new Date().toISOString(),
    componentName: 'replay',
    statusCode: 404,
  };
}

/**
 * `others`: the rest of the recordings, for the workspace-wide answers (the workspace itself, its
 * datastores) that a cassette recorded against the same workspace did not happen to record.
 */
export async function startReplayServer(c: Cassette, standIn?: StandIn, others: Cassette[] = []): Promise<ReplayServer> {
  const pems = await generate([{ name: 'commonName', value: 'recorded Azure ML replay (127.0.0.1)' }], {
    notBeforeDate: new Date(Date.now() - 86_400_000),
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const answers = new Map<string, Recorded>();
  for (const r of others.flatMap((o) => o.interactions)) {
    if (r.plane === 'arm' && !r.runId && r.status < 300) answers.set(keyOf(r.endpoint, undefined, undefined), r);
  }
  for (const r of c.interactions) {
    if (r.plane !== 'arm' && r.plane !== 'dataPlane') continue;
    answers.set(keyOf(r.endpoint, r.runId, pageOf(r.endpoint, r.url, r.requestJson)), r);
  }
  const requests: ServedRequest[] = [];
  let endpoint = '';
  const server: Server = createServer({ cert: pems.cert, key: pems.private }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', endpoint);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const { endpoint: ep, runId } = endpointOf(method, url, body);
      const hit = answers.get(keyOf(ep, runId, pageOf(ep, url, body)));
      requests.push({ method, path: url.pathname, search: url.search, endpoint: ep, runId, body, recorded: !!hit });
      const send = (status: number, out: string) => {
        res.writeHead(status, out ? { 'content-type': 'application/json; charset=utf-8' } : {});
        res.end(out);
      };
      if (hit) {
        let out = hit.responseText;
        // The workspace's discoveryUrl names the data-plane host: here, this server.
        if (hit.plane === 'arm' && /\/workspaces\/[^/]+$/.test(url.pathname))
          out = out.replace(/"discoveryUrl":\s*"[^"]*"/, `"discoveryUrl": "${endpoint}/discovery"`);
        return send(hit.status, out);
      }
      const stood = standIn?.(method, ep, url.pathname, url.searchParams);
      if (stood) return send(stood.status, JSON.stringify(stood.body));
      send(404, JSON.stringify(notRecorded(url.pathname)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    caPem: pems.cert,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An unsigned JWT-shaped token: the product decodes `oid` and `upn` from it, nobody checks a signature here. */
export function replayToken(claims: { oid: string; upn?: string; tid?: string }): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, exp: now + 3600, iat: now })}.`;
}
