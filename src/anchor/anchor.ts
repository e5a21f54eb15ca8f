// Quote → place in its document. Each document is normalised once; every
// quote is then looked up in that index.
import search from 'approx-string-match';
import type { LoadedDocument } from '../documents/load.js';
import type { Anchor } from '../model/types.js';
import { normalize, type Normalized } from './normalize.js';

export interface IndexedDocument {
  document: LoadedDocument;
  normalized: Normalized;
  /** Offsets of line starts in the original text, for line and column. */
  lineStarts: number[];
}

const CONTEXT = 32;

export function indexDocument(document: LoadedDocument): IndexedDocument {
  const lineStarts = [0];
  for (let i = document.text.indexOf('\n'); i !== -1; i = document.text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { document, normalized: normalize(document.text), lineStarts };
}

export function lineAndColumn(index: IndexedDocument, offset: number): { line: number; column: number } {
  let low = 0;
  let high = index.lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (index.lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - index.lineStarts[low]! + 1 };
}

/** Original offsets [start, end) of a normalised range. */
function originalRange(index: IndexedDocument, start: number, end: number): [number, number] {
  const { origin } = index.normalized;
  const text = index.document.text;
  const from = origin[start]!;
  const lastChar = origin[end - 1]!;
  const to = lastChar + (text.codePointAt(lastChar)! > 0xffff ? 2 : 1);
  return [from, to];
}

export function findQuote(index: IndexedDocument, quote: string): Anchor | undefined {
  const needle = normalize(quote).text;
  if (needle === '') return undefined;
  const haystack = index.normalized.text;
  const first = haystack.indexOf(needle);
  if (first === -1) return undefined;
  let occurrences = 1;
  for (let at = haystack.indexOf(needle, first + 1); at !== -1; at = haystack.indexOf(needle, at + 1)) occurrences++;
  return anchorAt(index, first, first + needle.length, occurrences);
}

/** The anchor of the normalised range [start, end) of a document. */
export function anchorAt(index: IndexedDocument, normalizedStart: number, normalizedEnd: number, occurrences: number): Anchor {
  const [start, end] = originalRange(index, normalizedStart, normalizedEnd);
  const text = index.document.text;
  return {
    exact: text.slice(start, end),
    start,
    end,
    ...lineAndColumn(index, start),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    occurrences,
  };
}

export interface Passage {
  text: string;
  line: number;
  column: number;
}

/** The passage of the document closest to a quote that was not found, to show the writer. */
export function closestPassage(index: IndexedDocument, quote: string): Passage | undefined {
  const needle = normalize(quote).text;
  const haystack = index.normalized.text;
  if (needle === '' || haystack === '') return undefined;
  const matches = search(haystack, needle, Math.ceil(needle.length * 0.6));
  const best = matches.sort((a, b) => a.errors - b.errors || a.start - b.start)[0];
  if (!best || best.end <= best.start) return undefined;
  let [start, end] = originalRange(index, best.start, best.end);
  // Show whole words: the match may begin or end inside one.
  const text = index.document.text;
  const wordChar = /[\p{L}\p{N}]/u;
  while (start > 0 && wordChar.test(text[start - 1]!)) start--;
  while (end < text.length && wordChar.test(text[end]!)) end++;
  return { text: text.slice(start, end), ...lineAndColumn(index, start) };
}
