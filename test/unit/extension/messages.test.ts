// The extension's domain of the message catalogue holds only what the extension shows: every
// `extension.*` id is used by a module of src/extension, so a text removed from the UI leaves no entry.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extensionMessages } from '../../../src/core/i18n/messages/extension';

const EXTENSION = join(__dirname, '../../../src/extension');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : name.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('catalogue domain extension', () => {
  it('every id is used by the extension', () => {
    const code = sources(EXTENSION).join('\n');
    const unused = Object.keys(extensionMessages).filter((id) => !code.includes(`'${id}'`));
    assert.deepEqual(unused, [], 'remove these entries from src/core/i18n/messages/extension.ts, or use them');
  });
});
