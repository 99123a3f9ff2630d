// A line-level reading of block YAML, enough to answer "which key path is the cursor on" and
// "where are the nodes, inputs, environment keys" without parsing the document. It never resolves
// aliases or recurses, so hostile files (alias bombs, deep nesting, binary bytes) cost one linear scan.

export interface LineShape {
  /** Columns of `- ` sequence markers, left to right. */
  dashes: number[];
  key?: string;
  keyCol: number;
  /** Text after `key:` (trimmed, comment kept out when obvious), or the item text after `- `. */
  value: string;
  valueCol: number;
}

const isBlank = (c: number) => c === 32 || c === 9;
/** Characters that cannot start a plain key (flow collections, block scalars, anchors, tags…). */
const NOT_KEY_START = new Set('[]{}>|&*!%@`?,#'.split('').map((c) => c.charCodeAt(0)));

/** Hand-written rather than a regex: it runs on every line of 10,000-line files. */
export function shapeOf(line: string): LineShape | undefined {
  const n = line.length;
  let col = 0;
  while (col < n && isBlank(line.charCodeAt(col))) col++;
  if (col >= n || line.charCodeAt(col) === 35 /* # */) return undefined;
  const dashes: number[] = [];
  while (line.charCodeAt(col) === 45 /* - */ && (col + 1 === n || isBlank(line.charCodeAt(col + 1)))) {
    dashes.push(col);
    col++;
    while (col < n && isBlank(line.charCodeAt(col))) col++;
  }
  let keyEnd = -1;
  let colon = -1;
  const first = line.charCodeAt(col);
  if (first === 34 || first === 39) {
    const close = line.indexOf(line[col], col + 1);
    if (close > 0) {
      let j = close + 1;
      while (j < n && isBlank(line.charCodeAt(j))) j++;
      if (line.charCodeAt(j) === 58 && (j + 1 === n || isBlank(line.charCodeAt(j + 1)))) [keyEnd, colon] = [close + 1, j];
    }
  } else if (col < n && !NOT_KEY_START.has(first)) {
    for (let j = col; j < n; j++) {
      const c = line.charCodeAt(j);
      if (c === 58 && (j + 1 === n || isBlank(line.charCodeAt(j + 1)))) {
        colon = j;
        keyEnd = j;
        while (keyEnd > col && isBlank(line.charCodeAt(keyEnd - 1))) keyEnd--;
        break;
      }
      if (c === 35 && j > col && isBlank(line.charCodeAt(j - 1))) break;
    }
  }
  if (colon < 0) return { dashes, keyCol: col, value: stripComment(line, col), valueCol: col };
  let key = line.slice(col, keyEnd);
  if (first === 34 || first === 39) key = key.slice(1, -1);
  let valueCol = colon + 1;
  while (valueCol < n && isBlank(line.charCodeAt(valueCol))) valueCol++;
  return { dashes, key, keyCol: col, value: stripComment(line, valueCol), valueCol };
}

function stripComment(line: string, from: number): string {
  if (from >= line.length) return '';
  let end = line.length;
  for (let j = from; j < line.length; j++) {
    if (line.charCodeAt(j) === 35 && (j === from || isBlank(line.charCodeAt(j - 1)))) {
      end = j;
      break;
    }
  }
  return line.slice(from, end).trim();
}

export function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0] ? s.slice(1, -1) : s;
}

export interface PathAt {
  /** Keys from the root, `[]` for list items, ending with the key of the cursor's line when on it. */
  path: string[];
  /** The cursor is on a key (or where a key would go); false when it is in a value. */
  onKey: boolean;
  /** The key text under the cursor, when on one. */
  key?: string;
}

/** The key path at a position, found by walking back over less-indented lines. */
export function pathAt(lines: readonly string[], line: number, character: number): PathAt {
  const text = lines[line] ?? '';
  const shape = shapeOf(text);
  const own: string[] = [];
  let col: number;
  let isItem = false;
  let onKey = true;
  let key: string | undefined;
  if (!shape) {
    col = Math.min(character, text.length - text.trimStart().length || character);
  } else {
    const dashesBefore = shape.dashes.filter((d) => d < character);
    if (shape.key !== undefined && character > shape.keyCol + shape.key.length) {
      // In the value of `key:` (or just after the colon).
      own.push(...dashesBefore.map(() => '[]'), shape.key);
      onKey = false;
    } else if (shape.key !== undefined && character >= shape.keyCol) {
      own.push(...dashesBefore.map(() => '[]'));
      key = shape.key;
    } else {
      // No colon yet: a key being typed (`  ty|`, `- na|`); lists of plain scalars simply get no keys.
      own.push(...dashesBefore.map(() => '[]'));
    }
    col = dashesBefore.length ? shape.dashes[0] : Math.min(shape.keyCol, character);
    isItem = dashesBefore.length > 0;
  }
  const parents = ancestors(lines, line, col, isItem);
  return { path: [...parents, ...own], onKey, key };
}

function ancestors(lines: readonly string[], line: number, startCol: number, startIsItem: boolean): string[] {
  const out: string[] = [];
  let col = startCol;
  let isItem = startIsItem;
  for (let i = line - 1; i >= 0 && (col > 0 || isItem); i--) {
    const text = lines[i];
    let indent = 0;
    while (indent < text.length && isBlank(text.charCodeAt(indent))) indent++;
    // Cheap skips: deeper lines, and siblings at the same column, cannot be ancestors.
    if (indent >= text.length || indent > col || (indent === col && (!isItem || text.charCodeAt(indent) === 45))) continue;
    const s = shapeOf(text);
    if (!s) continue;
    const entries: { col: number; name: string; bare: boolean }[] = s.dashes.map((d) => ({ col: d, name: '[]', bare: false }));
    // Only a key without an inline scalar can own deeper lines (block scalars and anchors aside).
    if (s.key !== undefined && (s.value === '' || /^[|>&!]/.test(s.value))) entries.push({ col: s.keyCol, name: s.key, bare: true });
    for (let e = entries.length - 1; e >= 0; e--) {
      const entry = entries[e];
      // A list may sit at the same column as its parent key (`nodes:` / `- name: x`).
      if (entry.col < col || (isItem && entry.bare && entry.col === col)) {
        out.push(entry.name);
        col = entry.col;
        isItem = entry.name === '[]';
      }
    }
    if (col === 0 && !isItem) break;
  }
  return out.reverse();
}
