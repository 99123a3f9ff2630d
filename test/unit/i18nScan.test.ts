// Production code builds no user-facing sentence outside the message catalogue (src/core/i18n): every
// string and template literal under src/ is read with the TypeScript parser, and one that looks like an
// English sentence, holds Japanese, or picks a language by hand (`isJapanese(…)`, `locale === 'ja' ? …`),
// and any use of `vscode.l10n`, fails the test with its file and line. The emulator is exempt (its texts
// are the service's), and so are the catalogue's tables and its locale detector. Lines written to the log
// stay English, for whoever reads the log with us.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

/** Folders whose texts are not ours to translate, or which are the catalogue itself. */
const EXEMPT = ['src/emulator/', 'src/core/i18n/'];

/** Calls whose string arguments are for the log (English, for whoever reads it with us), not the UI. */
const LOG_CALL = /(^|\.)(log|logger|console)\.(trace|debug|info|warn|error|write|log)$|^(log|logTo|trace)$/;

export interface Offence {
  file: string;
  line: number;
  kind: 'sentence' | 'japanese' | 'language choice' | 'vscode.l10n';
  text: string;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]/;

/** The text of a literal, with every `${…}` of a template as a `{}` placeholder. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  return undefined;
}

/**
 * A user-facing English sentence, as opposed to an identifier, a path, a pattern or a format: it starts
 * with a capital letter (or a placeholder and a lower-case word: "{file} changed."), has at least three
 * words of letters, and ends like a sentence ('.', '!', '?', ':') or runs on after a comma.
 */
export function looksLikeSentence(text: string): boolean {
  const s = text.trim();
  if (!/^([A-Z][a-z]|\{\} [a-z])/.test(s)) return false;
  if ((s.match(/(^|\s)[A-Za-z][a-z']*[,.:;!?]?(?=\s|$)/g) ?? []).length < 3) return false;
  return /[.!?:]$/.test(s) || /[a-z], [a-z]/.test(s);
}

/** True when the node is (inside) an argument of a log call, an import, or a type. */
function exempt(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isImportTypeNode(p) || ts.isLiteralTypeNode(p)) return true;
    if (ts.isCallExpression(p) && LOG_CALL.test(p.expression.getText())) return true;
    if (ts.isBlock(p) || ts.isSourceFile(p)) return false;
  }
  return false;
}

/** A choice of language made by hand: `isJapanese(…)`, `….startsWith('ja')`, or a comparison with 'ja'. */
function languageChoice(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) {
    const callee = node.expression.getText();
    if (/(^|\.)isJapanese$/.test(callee)) return true;
    // A locale detected by hand (`tag.startsWith('ja')`): the one detector is toLocale in src/core/i18n.
    const [arg] = node.arguments;
    return /\.startsWith$/.test(callee) && !!arg && ts.isStringLiteral(arg) && arg.text === 'ja';
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return false;
    return [node.left, node.right].some((side) => ts.isStringLiteral(side) && side.text === 'ja');
  }
  return false;
}

export function scanSource(file: string, text: string): Offence[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Offence[] = [];
  const add = (node: ts.Node, kind: Offence['kind'], shown: string) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, kind, text: shown });
  const visit = (node: ts.Node): void => {
    if (languageChoice(node)) add(node, 'language choice', node.getText(sf));
    // The extension's texts are catalogue entries; vscode.l10n has no bundle and would show English.
    if (ts.isPropertyAccessExpression(node) && node.getText(sf) === 'vscode.l10n') add(node, 'vscode.l10n', node.parent.getText(sf));
    const literal = literalText(node);
    if (literal !== undefined) {
      if (JAPANESE.test(literal)) add(node, 'japanese', literal);
      else if (looksLikeSentence(literal) && !exempt(node)) add(node, 'sentence', literal);
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function productionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...productionFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const rel = (p: string) => relative(ROOT, p).split(sep).join('/');

function scanAll(): Map<string, Offence[]> {
  const found = new Map<string, Offence[]>();
  for (const file of productionFiles(SRC)) {
    const name = rel(file);
    if (EXEMPT.some((e) => name.startsWith(e))) continue;
    const offences = scanSource(name, readFileSync(file, 'utf8'));
    if (offences.length) found.set(name, offences);
  }
  return found;
}

describe('user-facing text lives in the message catalogue', () => {
  const found = scanAll();

  it('no production file builds a sentence, writes Japanese or picks a language outside src/core/i18n', () => {
    const report = [...found].flatMap(([, offences]) => offences.map((o) => `${o.file}:${o.line}: ${o.kind}: ${JSON.stringify(o.text)}`));
    assert.deepEqual(report, [], `texts outside the catalogue (move them into src/core/i18n/messages/):\n${report.join('\n')}`);
  });

  it('the rules catch what they are for, and pass names, paths and patterns', () => {
    const kinds = (src: string) => scanSource('x.ts', src).map((o) => o.kind);
    assert.deepEqual(kinds(`show('The session of {0} is already running.');`), ['sentence']);
    assert.deepEqual(kinds('show(`Run ${id} submitted, see the logs`);'), ['sentence']);
    assert.deepEqual(kinds('show(`${file} is too large to be a flow file.`);'), ['sentence']);
    assert.deepEqual(kinds(`show('セッション');`), ['japanese']);
    assert.deepEqual(kinds(`const s = locale === 'ja' ? a : b;`), ['language choice']);
    assert.deepEqual(kinds(`const s = isJapanese(l) ? a : b;`), ['language choice']);
    assert.deepEqual(kinds(`const ja = env.LANG.startsWith('ja');`), ['language choice']);
    assert.deepEqual(kinds(`const label = vscode.l10n.t('Stop');`), ['vscode.l10n']);
    assert.deepEqual(kinds(`this.log.info('No Microsoft account provider here; using the chain instead.');`), []);
    assert.deepEqual(kinds(`import x from 'Some Module Name.';`), []);
    assert.deepEqual(
      kinds(
        `const a = ['flow.dag.yaml', 'Standard_D4s_v3', '**/flow.{dag,flex}.yaml', 'application/json', 'Microsoft.MachineLearningServices'];`,
      ),
      [],
    );
  });
});
