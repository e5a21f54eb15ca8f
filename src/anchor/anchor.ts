// Quote → place in its document. Each document is normalised once; every
// quote is then looked up in that index.
import search from 'approx-string-match';
import type { LoadedDocument } from '../documents/load.js';
import type { Anchor } from '../model/types.js';
import { isMarkAt, normalize, type Normalized } from './normalize.js';
import { markdownReading, type Reading } from './reading.js';

export interface IndexedDocument {
  document: LoadedDocument;
  normalized: Normalized;
  /** Offsets of line starts in the original text, for line and column. */
  lineStarts: number[];
  /** A markdown document's text as it reads, which quotes are matched against. */
  reading?: Reading;
}

const CONTEXT = 32;

export function indexDocument(document: LoadedDocument): IndexedDocument {
  const { text } = document;
  const lineStarts = [0];
  // Line breaks as markdown and editors count them: \n, \r\n and a lone \r.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lineStarts.push(i + 1);
  }
  if (!document.file.endsWith('.md')) return { document, normalized: normalize(text), lineStarts };
  // Quotes are read from the brief's markdown without its markup, so a markdown document is read so too.
  const reading = markdownReading(text);
  const normalized = normalize(reading.text);
  const origin = normalized.origin.map((at) => reading.origin[at]!);
  return { document, normalized: { text: normalized.text, origin }, lineStarts, reading };
}

/** The words of the file's range [start, end) as they read, when markup stands between them; else undefined. */
function readsAs(index: IndexedDocument, start: number, end: number): string | undefined {
  const reading = index.reading;
  if (!reading) return undefined;
  const first = firstAtOrAfter(reading.origin, start);
  const last = firstAtOrAfter(reading.origin, end);
  const words = reading.text.slice(first, last).replace(/\s+/g, ' ').trim();
  return words === index.document.text.slice(start, end).replace(/\s+/g, ' ').trim() ? undefined : words;
}

/** The first index of the non-decreasing `offsets` whose value is at least `value`. */
function firstAtOrAfter(offsets: Int32Array, value: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
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
  // An ellipsis read from three dots ends after the third.
  const dots = index.normalized.text.charCodeAt(end - 1) === 0x2026 && text.startsWith('...', lastChar);
  let to = dots ? lastChar + 3 : lastChar + (text.codePointAt(lastChar)! > 0xffff ? 2 : 1);
  // A character's combining marks are part of it.
  while (to < text.length && isMarkAt(text, to)) to += text.codePointAt(to)! > 0xffff ? 2 : 1;
  return [from, to];
}

/** Occurrences counted past this are not counted: the writer is told the quote is not unique either way. */
const MAX_OCCURRENCES = 1000;

/** Where the normalised `needle` starts in the document's normalised text, at most MAX_OCCURRENCES times. */
export function occurrences(index: IndexedDocument, needle: string): number[] {
  const haystack = index.normalized.text;
  const starts: number[] = [];
  if (needle === '') return starts;
  for (let at = haystack.indexOf(needle); at !== -1 && starts.length < MAX_OCCURRENCES; at = haystack.indexOf(needle, at + 1)) {
    // "cafe" is not in "café" written with a combining accent.
    if (!isMarkAt(haystack, at + needle.length)) starts.push(at);
  }
  return starts;
}

export function findQuote(index: IndexedDocument, quote: string): Anchor | undefined {
  const needle = normalize(quote).text;
  const starts = occurrences(index, needle);
  const first = starts[0];
  return first === undefined ? undefined : anchorAt(index, first, first + needle.length, starts.length);
}

/** Where each occurrence of `quote` stands in the document's text, as [start, end) offsets (at most MAX_OCCURRENCES). */
export function quoteRanges(index: IndexedDocument, quote: string): Array<[number, number]> {
  const needle = normalize(quote).text;
  return occurrences(index, needle).map((at) => originalRange(index, at, at + needle.length));
}

/** The anchor of the normalised range [start, end) of a document. */
export function anchorAt(index: IndexedDocument, normalizedStart: number, normalizedEnd: number, occurrences: number): Anchor {
  const [start, end] = originalRange(index, normalizedStart, normalizedEnd);
  const text = index.document.text;
  const reads = readsAs(index, start, end);
  return {
    exact: text.slice(start, end),
    ...(reads !== undefined ? { reads } : {}),
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

/**
 * Vowel marks of Arabic script (harakat: fatha, kasra, shadda, sukun…) and
 * Hebrew points, and the tatweel (ـ) that stretches an Arabic word: a writer
 * may leave them out, and they are small on screen.
 */
export const VOWEL_MARKS = /(?=\p{M})[\p{scx=Arabic}\p{scx=Hebrew}\p{scx=Syriac}]|\u0640/gu;
const VOWEL_MARK = new RegExp(VOWEL_MARKS.source, 'u');

/**
 * The passage that reads as a quote that was not found once vowel marks and
 * tatweel are left out of both: quotes are matched as written, marks
 * included, and spread over a passage the marks are many small differences
 * the closest-passage search may not see past. Looked for only on that path.
 */
export function passageWithOtherVowelMarks(index: IndexedDocument, quote: string): Passage | undefined {
  const needle = normalize(quote).text.replace(VOWEL_MARKS, '');
  if (needle === '') return undefined;
  const bare = withoutVowelMarks(index);
  if (bare === undefined && !VOWEL_MARK.test(quote)) return undefined;
  const { text, at } = bare ?? { text: index.normalized.text, at: undefined };
  const found = text.indexOf(needle);
  if (found < 0) return undefined;
  const place = (offset: number) => (at ? at[offset]! : offset);
  const [start, end] = originalRange(index, place(found), place(found + needle.length - 1) + 1);
  return { text: index.document.text.slice(start, end), ...lineAndColumn(index, start) };
}

/** Each document's normalised text without vowel marks or tatweel, with where each character stands; found once. */
const bareTexts = new WeakMap<IndexedDocument, { text: string; at: Int32Array } | undefined>();

/** Undefined for a document with no vowel mark or tatweel. */
function withoutVowelMarks(index: IndexedDocument): { text: string; at: Int32Array } | undefined {
  if (bareTexts.has(index)) return bareTexts.get(index);
  const { text } = index.normalized;
  let bare: { text: string; at: Int32Array } | undefined;
  if (VOWEL_MARK.test(text)) {
    const parts: string[] = [];
    const at = new Int32Array(text.length);
    let kept = 0;
    let from = 0;
    const keep = (to: number) => {
      parts.push(text.slice(from, to));
      for (let offset = from; offset < to; offset++) at[kept++] = offset;
    };
    for (const match of text.matchAll(VOWEL_MARKS)) {
      keep(match.index);
      from = match.index + match[0].length;
    }
    keep(text.length);
    bare = { text: parts.join(''), at: at.subarray(0, kept) };
  }
  bareTexts.set(index, bare);
  return bare;
}

/** Normalised characters of a quote used to look for its closest passage; the message shows no more. */
const MAX_NEEDLE = 256;
/** Documents up to this many normalised characters are searched whole; longer ones only where the quote's words stand. */
const FULL_SEARCH = 32_768;
/** Length of the pieces of the quote looked up to find where to search, and how many are looked up. */
const PROBE = 8;
const MAX_PROBES = 32;
/** A piece found more often than this says nothing about where the quote is. */
const MAX_PROBE_HITS = 256;
/** Places searched in a long document. */
const MAX_WINDOWS = 8;
/** Characters a passage is widened by, at most, to show whole words. */
const MAX_WIDEN = 40;

/**
 * The passage of the document closest to a quote that was not found, to show the writer.
 * Fuzzy search costs the document's length times the quote's, and more where many places
 * are equally close; so only the start of a long quote is looked for, and a long document
 * is searched only near the places where pieces of the quote occur exactly.
 */
export function closestPassage(index: IndexedDocument, quote: string): Passage | undefined {
  const needle = normalize(quote).text.slice(0, MAX_NEEDLE);
  const haystack = index.normalized.text;
  if (needle === '' || haystack === '') return undefined;
  const maxErrors = Math.ceil(needle.length * 0.6);
  const windows: Array<[number, number]> = haystack.length <= FULL_SEARCH ? [[0, haystack.length]] : candidateWindows(haystack, needle, maxErrors);
  let best: { start: number; end: number; errors: number } | undefined;
  for (const [from, to] of windows) {
    for (const match of search(haystack.slice(from, to), needle, maxErrors)) {
      if (match.end <= match.start) continue;
      const candidate = { start: match.start + from, end: match.end + from, errors: match.errors };
      if (!best || candidate.errors < best.errors || (candidate.errors === best.errors && candidate.start < best.start)) best = candidate;
    }
  }
  if (!best) return undefined;
  let [start, end] = originalRange(index, best.start, best.end);
  // Show whole words: the match may begin or end inside one.
  const text = index.document.text;
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  const [minStart, maxEnd] = [Math.max(0, start - MAX_WIDEN), Math.min(text.length, end + MAX_WIDEN)];
  while (start > minStart && wordChar.test(text[start - 1]!)) start--;
  while (end < maxEnd && wordChar.test(text[end]!)) end++;
  return { text: text.slice(start, end), ...lineAndColumn(index, start) };
}

/** Ranges of a long haystack where pieces of the needle occur exactly, most pieces first. */
function candidateWindows(haystack: string, needle: string, maxErrors: number): Array<[number, number]> {
  const bucket = Math.max(needle.length, 64);
  const votes = new Map<number, number>();
  const step = Math.max(PROBE, Math.ceil(needle.length / MAX_PROBES));
  for (let offset = 0; offset < needle.length; offset += step) {
    const probe = needle.slice(offset, offset + PROBE);
    const hits: number[] = [];
    for (let at = haystack.indexOf(probe); at !== -1 && hits.length <= MAX_PROBE_HITS; at = haystack.indexOf(probe, at + 1)) hits.push(at);
    if (hits.length > MAX_PROBE_HITS) continue;
    // Votes for where the needle would start; each bucket once per piece.
    for (const key of new Set(hits.map((at) => Math.floor(Math.max(0, at - offset) / bucket)))) votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  return [...votes]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_WINDOWS)
    .map(([key]) => [Math.max(0, key * bucket - maxErrors), Math.min(haystack.length, (key + 1) * bucket + needle.length + maxErrors)]);
}
