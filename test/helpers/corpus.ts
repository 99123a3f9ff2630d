// The shared corpus and its MANIFEST (columns: path, kind, expected, note).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './validation';

export const corpusRoot = resolve(repoRoot, '../shared/corpus');

export interface CorpusEntry {
  path: string;
  abs: string;
  kind: string;
  expected: string;
  note: string;
}

export function corpusEntries(): CorpusEntry[] {
  const lines = readFileSync(resolve(corpusRoot, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .filter((l) => l.trim())
    .map((l) => {
      const [path, kind, expected, note = ''] = l.split('\t');
      return { path, abs: resolve(corpusRoot, path), kind, expected, note };
    });
}
