import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyTextEdit } from '../../../../src/core/flow/imageEdit';
import { LineIndex } from '../../../../src/core/flow/lineIndex';
import type { FlowDiagnostic } from '../../../../src/core/validation';
import { codes, find, fixtures, validateFixture } from '../../../helpers/validation';

/** The text after a diagnostic's one-edit fix. */
function fixed(rel: string, d: FlowDiagnostic): string {
  const text = readFileSync(resolve(fixtures, rel), 'utf8');
  const [edit] = d.fix!.edits;
  const lines = new LineIndex(text);
  return applyTextEdit(text, { start: lines.offset(edit.range.start), end: lines.offset(edit.range.end), newText: edit.newText });
}

describe('requirements.txt rules', () => {
  const d = validateFixture('req/requirements.txt');

  it('reports each problem on its line', () => {
    assert.deepEqual(codes(d), [
      '1:PF2001',
      '2:PF2001',
      '4:PF2002',
      '5:PF2002',
      '6:PF2003',
      '7:PF2004',
      '10:PF2005',
      '11:PF2006',
      '12:PF2006',
      '13:PF2006',
    ]);
  });

  it('PF2001: a pinned promptflow is a warning with a quick fix that removes the specifier only', () => {
    const pin = find(d, 'PF2001', 2)!;
    assert.equal(pin.severity, 'warning');
    // `promptflow-tools[azure] >= 1.4 ; python_version > "3.8"`: extras and marker stay.
    assert.deepEqual(pin.fix!.edits, [{ range: { start: { line: 2, character: 24 }, end: { line: 2, character: 30 } }, newText: '' }]);
  });

  it('PF2003: a {private} feed is information about the user-assigned identity', () => {
    const info = find(d, 'PF2003')!;
    assert.equal(info.severity, 'information');
    assert.match(info.message, /user-assigned managed identity.*session settings/);
  });

  it('files without problems give nothing', () => {
    assert.deepEqual(validateFixture('req/other-requirements.txt'), []);
    assert.deepEqual(validateFixture('dag-valid/requirements.txt'), []);
  });

  it('applies to any requirements file a flow names, whatever its name', () => {
    assert.deepEqual(codes(validateFixture('req-flow/deps/reqs.txt')), ['0:PF2001', '1:PF2002']);
  });

  describe('feeds (S9)', () => {
    const feeds = validateFixture('req-feeds/requirements.txt');

    it('a public index needs nothing; credentials warn; a malformed {private} is an error; {private} needs the identity', () => {
      assert.deepEqual(codes(feeds), ['4:PF2007', '5:PF2007', '7:PF2008', '8:PF2008', '9:PF2008', '11:PF2003']);
      assert.equal(find(feeds, 'PF2007')!.severity, 'warning');
      assert.equal(find(feeds, 'PF2008')!.severity, 'error');
      assert.equal(find(feeds, 'PF2003')!.severity, 'information');
    });

    it('credentials never reach a message; the fix puts {private} in their place', () => {
      for (const d of feeds) assert.doesNotMatch(d.message, /alice|not-a-real-password|notarealtoken/);
      const line = (n: number, text: string) => text.split('\n')[n];
      assert.equal(
        line(4, fixed('req-feeds/requirements.txt', find(feeds, 'PF2007', 4)!)),
        '--extra-index-url https://{private}@pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/',
      );
      assert.equal(
        line(5, fixed('req-feeds/requirements.txt', find(feeds, 'PF2007', 5)!)),
        '--index-url https://{private}@pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/',
      );
    });

    it('a bad index URL with credentials in it does not show them', () => {
      const d = validateFixture('req-feeds/requirements.txt', { text: '-i htps//bob:hunter2secret@feed/simple\n' });
      assert.deepEqual(codes(d), ['0:PF2004']);
      assert.doesNotMatch(d[0].message, /hunter2secret/);
    });

    it('Japanese messages and fix titles', () => {
      const ja = validateFixture('req-feeds/requirements.txt', { locale: 'ja' });
      for (const d of ja) assert.match(d.message, /[\u3040-\u30ff\u4e00-\u9fff]/, d.message);
      assert.match(find(ja, 'PF2007')!.fix!.title, /資格情報/);
    });
  });

  describe('a requirements.txt the flow does not name', () => {
    it('is reported on the flow, with a fix that names it, and on the requirements file', () => {
      const flow = validateFixture('req-unused/flow.dag.yaml');
      const d = find(flow, 'PF1024', 0)!;
      assert.equal(d.severity, 'warning');
      assert.match(fixed('req-unused/flow.dag.yaml', d), /\nenvironment:\n {2}python_requirements_txt: requirements.txt\n$/);
      const req = validateFixture('req-unused/requirements.txt');
      assert.deepEqual(codes(req), ['0:PF2009']);
      assert.match(req[0].message, /flow\.dag\.yaml beside this file does not name it/);
    });

    it('the fix adds a line to an environment block, or an item to a flow mapping', () => {
      const block = find(validateFixture('req-unused-block/flow.dag.yaml'), 'PF1024', 0)!;
      assert.match(
        fixed('req-unused-block/flow.dag.yaml', block),
        /^environment:\n {2}python_requirements_txt: requirements.txt\n {2}image: /,
      );
      const flex = find(validateFixture('req-unused-flex/flow.flex.yaml'), 'PF1024', 1)!;
      assert.match(fixed('req-unused-flex/flow.flex.yaml', flex), /^environment: \{python_requirements_txt: requirements.txt\}\n/m);
      assert.deepEqual(codes(validateFixture('req-unused-flex/requirements.txt')), ['0:PF2009']);
    });

    it('once named, neither file reports it', () => {
      const text =
        readFileSync(resolve(fixtures, 'req-unused/flow.dag.yaml'), 'utf8') + 'environment:\n  python_requirements_txt: requirements.txt\n';
      assert.equal(find(validateFixture('req-unused/flow.dag.yaml', { text }), 'PF1024'), undefined);
      assert.equal(find(validateFixture('dag-valid/flow.dag.yaml'), 'PF1024'), undefined);
      assert.deepEqual(validateFixture('dag-valid/requirements.txt'), []);
    });
  });
});
