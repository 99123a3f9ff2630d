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

/**
 * Where a string or bracket that the parser found unclosed at `at` opens, or undefined when the
 * message is not about one or the opening cannot be told. A light scan of the text before `at`: quotes
 * count only where a value starts, `#` starts a comment only after a blank, brackets pair outside quotes.
 */
export function openingOffset(text: string, message: string, at: number): number | undefined {
  const opener = LEFT_OPEN.find(([shape]) => shape.test(message))?.[1];
  if (!opener) return undefined;
  let quote: { char: string; at: number } | undefined;
  const brackets: { char: string; at: number }[] = [];
  // A value may start after these (or at the start of a line, after its indentation).
  let valueStart = true;
  for (let i = 0; i < at && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (c === quote.char) {
        if (c === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === '\n') {
      valueStart = true;
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1;
      continue;
    }
    if ((c === '"' || c === "'") && valueStart) {
      quote = { char: c, at: i };
      continue;
    }
    if ((c === '[' || c === '{') && (valueStart || brackets.length)) {
      brackets.push({ char: c, at: i });
      valueStart = true;
      continue;
    }
    if ((c === ']' || c === '}') && brackets.length) {
      brackets.pop();
      valueStart = false;
      continue;
    }
    if (c === ',' && brackets.length) {
      valueStart = true;
      continue;
    }
    // `key: value`, `- item`, `? key`: a value starts after the indicator and a blank.
    if ((c === ':' || c === '-' || c === '?') && /\s/.test(text[i + 1] ?? ' ')) {
      valueStart = true;
      continue;
    }
    valueStart = false;
  }
  if (quote) return quote.char === opener ? quote.at : undefined;
  for (let k = brackets.length - 1; k >= 0; k--) if (brackets[k].char === opener) return brackets[k].at;
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
