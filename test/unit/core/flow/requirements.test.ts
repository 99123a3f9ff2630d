import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePackageName, parseRequirements } from '../../../../src/core/flow';

describe('parseRequirements', () => {
  const lines = parseRequirements(
    [
      '# header',
      '',
      'promptflow[azure]==1.2.0 ; python_version >= "3.9"  # pinned',
      'requests',
      '-i https://{private}@pkgs.dev.azure.com/o/_packaging/f/pypi/simple/',
      '--extra-index-url=https://example.org/simple',
      '-rother.txt',
      './dist/pkg-1.0-py3-none-any.whl',
      'git+https://github.com/org/repo.git#egg=repo',
      'pkg @ https://example.org/pkg.zip',
      'numpy>=1.0,<2 --hash=sha256:abc',
      'pandas \\',
      '  ==2.0',
      '==1.0',
    ].join('\n'),
  );

  it('classifies every line', () => {
    assert.deepEqual(
      lines.map((l) => l.kind),
      [
        'comment',
        'blank',
        'requirement',
        'requirement',
        'option',
        'option',
        'option',
        'path',
        'url',
        'url',
        'requirement',
        'requirement',
        'invalid',
      ],
    );
  });

  it('reads names, specifiers, markers and their ranges', () => {
    const pf = lines[2];
    assert.equal(pf.name, 'promptflow');
    assert.equal(pf.spec, '==1.2.0');
    assert.equal(pf.marker, 'python_version >= "3.9"');
    assert.deepEqual(pf.nameRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } });
    assert.deepEqual(pf.specRange, { start: { line: 2, character: 17 }, end: { line: 2, character: 24 } });
    assert.equal(lines[3].spec, undefined);
    assert.equal(lines[10].spec, '>=1.0,<2');
    assert.deepEqual(lines[10].options, [
      { name: '--hash', value: 'sha256:abc', valueRange: { start: { line: 10, character: 21 }, end: { line: 10, character: 31 } } },
    ]);
  });

  it('reads options in short, long and joined forms', () => {
    assert.equal(lines[4].options[0].name, '--index-url');
    assert.match(lines[4].options[0].value!, /^https:\/\/\{private\}@/);
    assert.deepEqual(lines[4].options[0].valueRange?.start, { line: 4, character: 3 });
    assert.deepEqual(lines[5].options[0], {
      name: '--extra-index-url',
      value: 'https://example.org/simple',
      valueRange: { start: { line: 5, character: 18 }, end: { line: 5, character: 44 } },
    });
    assert.deepEqual([lines[6].options[0].name, lines[6].options[0].value], ['--requirement', 'other.txt']);
  });

  it('joins continuation lines', () => {
    assert.equal(lines[11].name, 'pandas');
    assert.equal(lines[11].spec, '==2.0');
    assert.equal(lines[11].range.end.line, 12);
  });

  it('normalizes package names like pip', () => {
    assert.equal(normalizePackageName('PromptFlow_Tools'), 'promptflow-tools');
    assert.equal(normalizePackageName('promptflow.tools'), 'promptflow-tools');
  });
});
