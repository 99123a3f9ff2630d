// The runtime imports of a source file, read with the TypeScript parser: what the file loads when it
// runs (static, dynamic, and the lazy `require` of a bundle), type-only imports left out.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
}

export interface Use {
  from: string;
  to: string;
  line: number;
}

/** The runtime imports of one file: what it loads when it runs, type-only imports left out. */
export function runtimeImports(file: string, text: string, bundles: Map<string, string>): Use[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Use[] = [];
  const add = (node: ts.Node, target: string | undefined) => {
    if (target) out.push({ from: file, to: target, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const local = (node: ts.Node, spec: string) => spec.startsWith('.') && add(node, resolveModule(file, spec));
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named?.length && named.every((e) => e.isTypeOnly)));
      if (!typeOnly) local(node, node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      if (!(node.isTypeOnly || (!!named?.length && named.every((e) => e.isTypeOnly)))) local(node, node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const [arg] = node.arguments;
      const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((dynamic || required) && ts.isStringLiteral(arg)) local(node, arg.text);
      // require(path.join(__dirname, 'session.js')): a bundle of its own, which is its entry module.
      if (required && ts.isCallExpression(arg) && /(^|\.)join$/.test(arg.expression.getText(sf))) {
        const name = arg.arguments[arg.arguments.length - 1];
        if (name && ts.isStringLiteral(name)) add(node, bundles.get(name.text));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
