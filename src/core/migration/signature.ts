// What a python node's source says about its tool function, read from the text without running it:
// which function is the tool, which of its parameters take a connection, and whether it is a class tool.

export interface ToolSignature {
  /** The tool function's name, when one was found. */
  fn?: string;
  /** Parameter name → connection class named in its annotation. */
  connections: Record<string, string>;
  /** The tool is a method of a class (a `ToolProvider` or a class with `@tool` methods). */
  inClass: boolean;
  /** The function is `async def`. */
  isAsync: boolean;
}

const DEF = /^([ \t]*)(async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm;

/** The tool function of a python file: `functionName` when given, else the first function decorated with `@tool`. */
export function readToolSignature(source: string, functionName?: string): ToolSignature {
  const lines = source.split('\n');
  for (const m of source.matchAll(DEF)) {
    const name = m[3];
    const lineNo = source.slice(0, m.index).split('\n').length - 1;
    const decorated = isToolDecorated(lines, lineNo, m[1]);
    if (functionName ? name !== functionName : !decorated) continue;
    const params = paramsFrom(source, (m.index ?? 0) + m[0].length);
    const connections: Record<string, string> = {};
    for (const p of params) {
      const pm = /^\**([A-Za-z_]\w*)\s*:\s*([A-Za-z_][\w.]*)/.exec(p.trim());
      if (pm && /Connection$/.test(pm[2])) connections[pm[1]] = pm[2].split('.').pop()!;
    }
    return { fn: name, connections, inClass: m[1].length > 0, isAsync: Boolean(m[2]) };
  }
  return { connections: {}, inClass: false, isAsync: false };
}

/** True when the decorators above a `def` (same indentation) include `@tool`. */
function isToolDecorated(lines: string[], defLine: number, indent: string): boolean {
  for (let i = defLine - 1; i >= 0; i--) {
    const l = lines[i];
    if (!l.startsWith(indent + '@')) return false;
    if (/^\s*@(\w+\.)*tool\b/.test(l)) return true;
  }
  return false;
}

/** The parameters between the parenthesis opened at `at` and its match, split on top-level commas. */
function paramsFrom(source: string, at: number): string[] {
  const out: string[] = [];
  let depth = 1;
  let cur = '';
  for (let i = at; i < source.length && depth > 0; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (depth === 0) break;
    if (c === ',' && depth === 1) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out;
}
