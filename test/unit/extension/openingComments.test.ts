// Every module of the extension opens with a line saying what it is for: the folder names say little,
// and the first line is what a reader (and a code search) sees.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const EXTENSION = join(__dirname, '../../../src/extension');

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? modules(p) : name.endsWith('.ts') ? [p] : [];
  });
}

describe('src/extension', () => {
  it('every module opens with a comment saying what it is for', () => {
    const files = modules(EXTENSION);
    assert.ok(files.length > 20);
    const silent = files.filter((f) => !/^\/\/ \S.{20,}/.test(readFileSync(f, 'utf8'))).map((f) => relative(EXTENSION, f));
    assert.deepEqual(silent, [], 'these modules do not open with a `// what it is for` line');
  });
});
