// The TextMate grammars in syntaxes/, loaded with VS Code's own tokenizer (vscode-textmate + oniguruma):
// `${…}` references in YAML and the parts of requirements.txt lines get the intended scopes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { repoRoot } from '../../helpers/lspClient';

const syntaxes = join(repoRoot, 'syntaxes');
// A minimal YAML host grammar shaped like VS Code's: keys, double-quoted strings as begin/end rules,
// and plain scalars as one match starting at the value (the injection wins ties at the same column).
const yamlHost = JSON.stringify({
  scopeName: 'source.yaml',
  patterns: [
    { match: '(?:^|\\s)#.*$', name: 'comment.line.number-sign.yaml' },
    { match: '^\\s*(?:-\\s+)?([\\w$-]+)(:)(?=\\s|$)', captures: { 1: { name: 'entity.name.tag.yaml' } } },
    { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
    { match: '[^\\s#"][^#]*', name: 'string.unquoted.plain.out.yaml' },
  ],
});

async function registry(): Promise<Registry> {
  const wasm = readFileSync(join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const files: Record<string, string> = {
    'source.pip-requirements': join(syntaxes, 'pip-requirements.tmLanguage.json'),
    'promptflow.references.injection': join(syntaxes, 'promptflow-references.injection.tmLanguage.json'),
  };
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'source.yaml') return parseRawGrammar(yamlHost, 'yaml.json');
      const file = files[scope];
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scope) => (scope === 'source.yaml' ? ['promptflow.references.injection'] : undefined),
  });
}

/** Scopes of the token covering each `needle` in `line`. */
function scopesOf(grammar: IGrammar, line: string, needle: string): string[] {
  const { tokens } = grammar.tokenizeLine(line, INITIAL);
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${line}`);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
  return token?.scopes ?? [];
}

describe('grammars', () => {
  let yaml: IGrammar;
  let requirements: IGrammar;
  before(async () => {
    const r = await registry();
    yaml = (await r.loadGrammar('source.yaml'))!;
    requirements = (await r.loadGrammar('source.pip-requirements'))!;
  });

  it('highlights ${…} references in YAML values', () => {
    const line = '    text: ${summarize.output.text}';
    assert.ok(scopesOf(yaml, line, 'summarize').includes('entity.name.function.node.promptflow'));
    assert.ok(scopesOf(yaml, line, 'output').includes('support.variable.property.output.promptflow'));
    assert.ok(scopesOf(yaml, line, 'text}').includes('variable.other.property.promptflow'));
    const quoted = '    q: "${inputs.question} asks"';
    assert.ok(scopesOf(yaml, quoted, 'inputs').includes('variable.language.inputs.promptflow'));
    assert.ok(scopesOf(yaml, line, '${').includes('punctuation.definition.template-expression.begin.promptflow'));
    const run = '  question: "${run.outputs.answer} ${data.col}"';
    assert.ok(scopesOf(yaml, run, 'run').includes('variable.language.run.promptflow'));
    assert.ok(scopesOf(yaml, run, 'data').includes('variable.language.data.promptflow'));
    assert.ok(!scopesOf(yaml, '# ${inputs.x} in a comment', 'inputs').includes('variable.language.inputs.promptflow'));
  });

  it('highlights requirements lines: options, names, specifiers, markers, placeholders, comments', () => {
    const idx = '--extra-index-url https://{private}@pkgs.dev.azure.com/org/_packaging/feed/pypi/simple/';
    assert.ok(scopesOf(requirements, idx, '--extra').includes('keyword.other.option.pip-requirements'));
    assert.ok(scopesOf(requirements, idx, '{private}').includes('variable.other.placeholder.pip-requirements'));
    assert.ok(scopesOf(requirements, '-r base.txt', 'base.txt').includes('string.unquoted.path.pip-requirements'));
    const req = 'promptflow[azure]==1.2.0 ; python_version >= "3.9"  # pinned';
    assert.ok(scopesOf(requirements, req, 'promptflow').includes('entity.name.type.package.pip-requirements'));
    assert.ok(scopesOf(requirements, req, 'azure').includes('variable.parameter.extras.pip-requirements'));
    assert.ok(scopesOf(requirements, req, '==').includes('keyword.operator.comparison.version.pip-requirements'));
    assert.ok(scopesOf(requirements, req, '1.2.0').includes('constant.numeric.version.pip-requirements'));
    assert.ok(scopesOf(requirements, req, 'python_version').includes('variable.language.marker.pip-requirements'));
    assert.ok(scopesOf(requirements, req, '"3.9"').includes('string.quoted.marker.pip-requirements'));
    assert.ok(scopesOf(requirements, req, '# pinned').includes('comment.line.number-sign.pip-requirements'));
    assert.ok(scopesOf(requirements, './wheels/my_pkg-1.0-py3-none-any.whl', 'wheels').includes('string.unquoted.path.pip-requirements'));
  });
});
