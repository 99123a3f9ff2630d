// The recorded real Azure traffic (../shared/reference/recordings/azure): the contract tests compare the
// emulator's answers with what Azure answered there.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './validation';

export const recordingsRoot = resolve(repoRoot, '../shared/reference/recordings/azure');

export interface RecordedInteraction {
  method: string;
  uri: string;
  status: number;
  /** The answer's JSON body, when it was JSON. */
  body: unknown;
}

/** The interactions of one cassette, with bodies parsed. */
export function cassette(file: string): RecordedInteraction[] {
  // Two layouts occur: vcrpy's (`status.code`, `body.string`) and httpx's (`status_code`, `content`).
  const doc = parse(readFileSync(resolve(recordingsRoot, file), 'utf8')) as {
    interactions: {
      request: { method: string; uri: string };
      response: { status?: { code: number }; status_code?: number; body?: { string?: string }; content?: string };
    }[];
  };
  return doc.interactions.map((i) => {
    let body: unknown = i.response.body?.string ?? i.response.content;
    try {
      body = typeof body === 'string' ? JSON.parse(body) : body;
    } catch {
      // not JSON: keep the text
    }
    return { method: i.request.method, uri: i.request.uri, status: i.response.status?.code ?? i.response.status_code ?? 0, body };
  });
}

/** The sorted keys of an object (for comparing shapes, not values). */
export const keysOf = (v: unknown): string[] => (v && typeof v === 'object' ? Object.keys(v).sort() : []);
