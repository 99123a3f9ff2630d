// Where a YAML construct that the parser found unclosed opens: a string or a bracket left open is shown
// at its opening, not where the parser gave up (often the end of the file). Used by the validator's
// diagnostics (core/validation/yamlTools.ts) and by the messages of a start or a run on a broken file.
/** Parser messages about a construct left open, and the character that opens it. */
const LEFT_OPEN: [RegExp, string][] = [
  [/^Missing closing "quote/, '"'],
  [/^Missing closing 'quote/, "'"],
  [/^Flow sequence (in block collection|must end)/, '['],
  [/^Flow map (in block collection|must end)/, '{'],
];

const CLOSER: Record<string, string> = { '[': ']', '{': '}' };

/**
 * Where the search for an opening bracket stops: the start of the line, at or before `from`, that begins a
 * top-level entry or a block list item. A flow collection cannot hold either, and the editor parses pieces
 * that start at such lines, so the editor (one piece) and the CLI (the whole file) search the same text.
 */
function searchFloor(text: string, from: number): number {
  let start = text.lastIndexOf('\n', text[from] === '\n' ? from - 1 : from) + 1;
  while (start > 0) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (/^[^\s#]/.test(line) || /^\s*-(\s|$)/.test(line)) return start;
    start = text.lastIndexOf('\n', start - 2) + 1;
  }
  return 0;
}

/**
 * Where a string or bracket that the parser found unclosed at `at` opens, or undefined when the
 * message is not about one or no opening is found. Searched backwards from `at`: nothing between the
 * opening and `at` closed it, so a string opens at the nearest unescaped quote of its kind (`''` and `\"`
 * are escapes), and a bracket at the nearest one of its kind that the text after it does not close. The
 * same answer whether the parser stopped at the end of a piece (the editor) or of the file (the CLI).
 */
export function openingOffset(text: string, message: string, at: number): number | undefined {
  const opener = LEFT_OPEN.find(([shape]) => shape.test(message))?.[1];
  if (!opener) return undefined;
  const from = Math.min(at, text.length) - 1;
  if (opener === "'") {
    for (let i = from; i >= 0; i--) {
      if (text[i] !== "'") continue;
      if (text[i - 1] === "'") {
        i--;
        continue;
      }
      return i;
    }
    return undefined;
  }
  if (opener === '"') {
    for (let i = from; i >= 0; i--) {
      if (text[i] !== '"') continue;
      let backslashes = 0;
      while (text[i - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 0) return i;
    }
    return undefined;
  }
  let depth = 0;
  for (let i = from; i >= searchFloor(text, from); i--) {
    const c = text[i];
    // A quoted item on the same line is skipped whole: its brackets are text (`["b]", c`).
    if (c === '"' || c === "'") {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const open = text.lastIndexOf(c, i - 1);
      if (open >= lineStart) i = open;
      continue;
    }
    if (c === CLOSER[opener]) depth++;
    else if (c === opener) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/**
 * The first line of a parser error with where it is, moved to where an unclosed construct opens
 * ("Missing closing "quote at line 12, column 11"); the same with or without the parser's own position.
 */
export function yamlErrorLine(text: string, err: { message: string; pos: [number, number] }): string {
  const first = err.message
    .split('\n')[0]
    .replace(/:$/, '')
    .replace(/ at line \d+, column \d+$/, '');
  const at = openingOffset(text, err.message, err.pos[0]) ?? err.pos[0];
  const before = text.slice(0, at);
  return `${first} at line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`;
}
