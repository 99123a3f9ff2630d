// The text edit that sets `environment.image` in a flow file (change base image, S13 migration), as
// offsets into the text so that it stays pure: the extension turns it into a WorkspaceEdit on the open
// document, which keeps the editor's undo stack and the user's unsaved text.
import { isMap, isScalar } from 'yaml';
import { parseFlowYaml } from './yaml';

export interface TextEdit {
  /** Offsets into the original text; start === end inserts. */
  start: number;
  end: number;
  newText: string;
}

/** Plain image names stay bare; anything YAML could read differently is quoted. */
function yamlValue(image: string): string {
  return /^[\w./:@-]+$/.test(image) ? image : JSON.stringify(image);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  const end = lf < 0 ? text.length : lf;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * Everything else in the file is kept as it is: an existing image value is replaced in place, a block
 * `environment` map gains an `image` line above its first key at the same indent, an empty or flow-style
 * `environment` is rewritten as a block, and a file without one gets it appended.
 */
export function imageTextEdit(text: string, image: string, eol: '\n' | '\r\n' = text.includes('\r\n') ? '\r\n' : '\n'): TextEdit {
  const doc = parseFlowYaml(text);
  const value = yamlValue(image);
  const env = doc.get('environment', true);
  if (isMap(env) && env.items.length) {
    const imagePair = env.items.find((p) => isScalar(p.key) && p.key.value === 'image');
    if (imagePair && isScalar(imagePair.value) && imagePair.value.range) {
      // range[1] ends the value itself; range[2] would also take a trailing comment and the line break.
      const [start, end] = imagePair.value.range;
      return { start, end, newText: value };
    }
    const firstKey = env.items[0].key;
    if (isScalar(firstKey) && firstKey.range && !env.flow) {
      const at = lineStart(text, firstKey.range[0]);
      const indent = text.slice(at, firstKey.range[0]);
      return { start: at, end: at, newText: `${indent}image: ${value}${eol}` };
    }
  }
  const envPair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'environment') : undefined;
  if (envPair && isScalar(envPair.key) && envPair.key.range) {
    const start = lineStart(text, envPair.key.range[0]);
    const valueRange = (envPair.value as { range?: [number, number, number] } | null)?.range;
    const end = valueRange ? valueRange[1] : lineEnd(text, envPair.key.range[0]);
    const existing = isMap(envPair.value)
      ? envPair.value.items
          .map(
            (p) =>
              `${eol}  ${String((p.key as { value?: unknown }).value)}: ${JSON.stringify((p.value as { value?: unknown } | null)?.value ?? null)}`,
          )
          .join('')
      : '';
    return { start, end, newText: `environment:${eol}  image: ${value}${existing}` };
  }
  const lead = text.length && !text.endsWith('\n') ? eol : '';
  return { start: text.length, end: text.length, newText: `${lead}environment:${eol}  image: ${value}${eol}` };
}

/** Applies an edit to a text (tests, and callers without an editor). */
export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
