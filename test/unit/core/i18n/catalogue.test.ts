// The one message catalogue (src/core/i18n): every entry is complete in both languages, ids are
// unique and carry their domain, and rendering fills parameters, nested messages and the locale.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeholders } from '../../../../src/core/i18n/catalogue';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAINS, loadCatalogue, msg, processLocale, render, t, toLocale } from '../../../../src/core/i18n';

const { catalogue, domains } = loadCatalogue();

describe('message catalogue', () => {
  it('every entry has English and Japanese naming the same parameters', () => {
    const problems: string[] = [];
    for (const [id, entry] of Object.entries(catalogue) as [string, { en: string; ja: string }][]) {
      if (!entry.en?.trim()) problems.push(`${id}: no English`);
      if (!entry.ja?.trim()) problems.push(`${id}: no Japanese`);
      const en = placeholders(entry.en ?? '')
        .sort()
        .join(',');
      const ja = placeholders(entry.ja ?? '')
        .sort()
        .join(',');
      if (en !== ja) problems.push(`${id}: English names {${en}}, Japanese names {${ja}}`);
    }
    assert.deepEqual(problems, []);
  });

  it('every id is defined once, in the domain its prefix names', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const [domain, table] of Object.entries(domains)) {
      for (const id of Object.keys(table)) {
        if (!id.startsWith(`${domain}.`)) problems.push(`${id} is in domain ${domain}`);
        const before = seen.get(id);
        if (before) problems.push(`${id} is defined in ${before} and ${domain}`);
        seen.set(id, domain);
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(seen.size, Object.keys(catalogue).length);
  });

  it('every id is used by the code, by its name or by a prefix the code completes', () => {
    // A text removed from the product leaves no entry behind. An id the code builds (`cli.state.${state}`)
    // counts as used when a template literal of src/ starts with its prefix and the rest is one segment.
    const src = join(__dirname, '../../../../src');
    const messagesDir = join(src, 'core/i18n/messages');
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) return p === messagesDir ? [] : sources(p);
        return name.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
      });
    const code = sources(src).join('\n');
    const prefixes = [...code.matchAll(/`([a-z]\w*(?:\.\w+)*\.)\$\{/g)].map((m) => m[1]);
    const unused = Object.keys(catalogue).filter(
      (id) => !code.includes(`'${id}'`) && !prefixes.some((p) => id.startsWith(p) && !id.slice(p.length).includes('.')),
    );
    assert.deepEqual(unused, [], 'remove these entries from src/core/i18n/messages/, or use them');
  });

  it('every domain has its file, and every table file of messages/ is a domain', async () => {
    const dir = join(__dirname, '../../../../src/core/i18n/messages');
    const tables: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const name = file.slice(0, -3);
      const mod = (await import(join(dir, file))) as Record<string, unknown>;
      if (`${name}Messages` in mod) tables.push(name);
    }
    assert.deepEqual([...DOMAINS].sort(), tables.sort());
    for (const d of DOMAINS) assert.ok(Object.keys(domains[d]).length > 0, `domain ${d} has entries`);
  });

  it('renders in the locale asked for, with parameters and nested messages', () => {
    assert.equal(t('en', 'cli.state.running'), 'running');
    assert.equal(t('ja', 'cli.state.running'), '実行中');
    assert.equal(render('ja', msg('cli.check.pass')), '合格');
    assert.equal(render('en', 'plain text'), 'plain text');
    assert.equal(render('en', { id: 'no.such.id' }), 'no.such.id');
  });

  it('one detector picks the locale from a flag, then POSIX variables, then VS Code', () => {
    assert.equal(toLocale('ja-JP'), 'ja');
    assert.equal(toLocale('ja_JP.UTF-8'), 'ja');
    assert.equal(toLocale('en-US'), 'en');
    assert.equal(toLocale(undefined), 'en');
    assert.equal(processLocale({ LANG: 'ja_JP.UTF-8' }), 'ja');
    assert.equal(processLocale({ LANG: 'ja_JP.UTF-8', LC_ALL: 'en_US.UTF-8' }), 'en');
    assert.equal(processLocale({ LANG: 'en_US.UTF-8' }, 'ja'), 'ja');
    assert.equal(processLocale({ LANG: 'C.UTF-8', VSCODE_NLS_CONFIG: '{"locale":"ja"}' }), 'ja');
    assert.equal(processLocale({ VSCODE_NLS_CONFIG: 'not json' }), 'en');
    assert.equal(processLocale({}), 'en');
  });
});

describe('fill', () => {
  it('fills named parameters, renders nested messages, and leaves a missing one visible', async () => {
    const { fill, joinList } = await import('../../../../src/core/i18n/catalogue');
    const inner = (m: { id: string }) => `<${m.id}>`;
    assert.equal(fill('{a} and {b} and {a}', { a: 1, b: 'x' }, inner), '1 and x and 1');
    assert.equal(fill('because {why}', { why: { id: 'cli.check.pass' } }, inner), 'because <cli.check.pass>');
    assert.equal(fill('{missing}', {}, inner), '{missing}');
    assert.equal(joinList('ja', ['a', 'b']), 'a、b');
    assert.equal(joinList('en', ['a', 'b']), 'a, b');
  });
});
