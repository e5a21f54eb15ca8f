// A markdown document as it reads: the text of its paragraphs, headings, lists,
// tables and code, without the markup (`*historic*` reads "historic", a link
// reads as its words). Quotes in a brief are read from markdown the same way,
// so a quote of a markdown document is matched against this text; each of its
// characters keeps the offset of the file it came from, so anchors stay those
// of the file.
import type { Nodes } from 'mdast';
import { alignText } from '../parse/align.js';
import { parserFor } from '../parse/markdown.js';

export interface Reading {
  text: string;
  /** For each character of `text`, its offset in the file. */
  origin: Int32Array;
}

/**
 * Longest run between blank lines that is parsed; a longer one (a page saved
 * as one line) is read as written. micromark takes ~0.1 s on a run this long,
 * and four times as long on one twice as long.
 */
const MAX_RUN = 65_536;

/** Characters and line starts of markup: a run without any is plain text, read as written without parsing. */
const MAY_HOLD_MARKUP = /[*_`[\]<>&\\#|~=]|^ {0,3}(?:[-+]|\d{1,9}[.)])(?:[ \t]|$)/m;

/** Nodes after which the text reads on a new line. */
const BLOCKS = new Set(['paragraph', 'heading', 'code', 'html', 'tableCell', 'listItem', 'blockquote', 'footnoteDefinition', 'thematicBreak', 'break']);

export function markdownReading(source: string): Reading {
  const parts: string[] = [];
  const origins: Int32Array[] = [];
  const append = (text: string, origin: Int32Array) => {
    parts.push(text);
    origins.push(origin);
  };
  // A new line between blocks stands at the offset where the block ended.
  const newLine = (offset: number) => append('\n', Int32Array.of(offset));

  const walk = (node: Nodes, chunk: string, chunkStart: number): void => {
    const position = node.position;
    if ((node.type === 'text' || node.type === 'inlineCode' || node.type === 'code' || node.type === 'html') && position?.start.offset !== undefined && position.end.offset !== undefined) {
      const offsets = alignText(node.value, chunk, position.start.offset, position.end.offset);
      for (let i = 0; i < offsets.length; i++) offsets[i]! += chunkStart;
      append(node.value, offsets);
    } else if ('children' in node) {
      for (const child of node.children) walk(child, chunk, chunkStart);
    }
    if (BLOCKS.has(node.type) && position?.end.offset !== undefined) newLine(chunkStart + Math.max(0, position.end.offset - 1));
  };

  for (const [start, end] of blockRuns(source)) {
    const chunk = source.slice(start, end);
    if (chunk.length > MAX_RUN || !MAY_HOLD_MARKUP.test(chunk)) {
      // Plain text reads as it is written; a run too long to parse in bounded time too, markup and all.
      append(chunk, Int32Array.from({ length: chunk.length }, (_, i) => start + i));
      newLine(end - 1);
    } else {
      walk(parserFor(chunk).parse(chunk) as Nodes, chunk, start);
    }
  }

  const text = parts.join('');
  const origin = new Int32Array(text.length);
  let at = 0;
  for (const part of origins) {
    origin.set(part, at);
    at += part.length;
  }
  return { text, origin };
}

/**
 * The document cut at blank lines outside fenced code, each run parsed on its
 * own: micromark's time grows with the square of one long text, and a
 * markdown document may be megabytes of captured page. A list or block quote
 * cut at a blank line reads the same words.
 */
function blockRuns(source: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = 0;
  let fence: string | undefined;
  const lines = /[^\n]*(?:\n|$)/g;
  for (let match = lines.exec(source); match !== null && match[0] !== ''; match = lines.exec(source)) {
    const line = match[0];
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence === undefined ? marker : undefined;
    if (fence === undefined && line.trim() === '') {
      const end = match.index + line.length;
      if (end > start) runs.push([start, end]);
      start = end;
    }
  }
  if (start < source.length) runs.push([start, source.length]);
  return runs;
}
