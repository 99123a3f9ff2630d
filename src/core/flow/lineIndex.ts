// Offset <-> LSP position conversion. Built once per text; a binary search per lookup keeps
// mapping thousands of diagnostics on a 10,000-line flow cheap.
import type { Position, Range } from './types';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // Line breaks as LSP counts them: \n, \r\n, and a lone \r.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End offset of a line, without its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1] - 1; // the break's last character
    return this.text.charCodeAt(next) === 10 && next > 0 && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line break (between \r and \n) maps to the end of its line, never past it.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  offset(pos: Position): number {
    return Math.min(this.lineStart(pos.line) + pos.character, this.text.length);
  }
}
