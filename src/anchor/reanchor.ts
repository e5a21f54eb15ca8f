// Finding a quote again after its document changed, against where the lock says
// it stood: exact words first, then the normalised match, then fuzzy matching
// scored on the quote, its stored context and its old position (as the
// Hypothesis annotation client anchors quotes). A fuzzy match is accepted only
// above a minimum score and clearly ahead of the runner-up, so a quote never
// silently lands on a look-alike passage.
import search from 'approx-string-match';
import type { LockedQuote } from '../lock/lock.js';
import type { Anchor, CitationStatus } from '../model/types.js';
import { anchorAt, occurrences, type IndexedDocument } from './anchor.js';
import { normalize } from './normalize.js';

export interface Reanchored {
  status: CitationStatus;
  anchor?: Anchor;
}

/** Below this a fuzzy match is not the quote. */
const MIN_QUOTE_SIMILARITY = 0.7;
const MIN_SCORE = 0.7;
/** How far ahead of the runner-up the best fuzzy match must be. */
const MIN_LEAD = 0.1;
/** Context must tell occurrences of the same words apart by this much. */
const MIN_CONTEXT_LEAD = 0.1;
/** Fuzzy matching of longer quotes would cost too much; they must match exactly. */
const MAX_FUZZY_QUOTE = 2000;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const WEIGHT_TOTAL = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

export function reanchor(index: IndexedDocument, quote: string, locked: LockedQuote | undefined): Reanchored {
  const needle = normalize(quote).text;
  const found = locate(index, needle, locked);
  if (found) return found;
  if (!locked) return { status: 'broken' };
  // A wording accepted earlier (`--accept`) stands for the quote.
  const accepted = normalize(locked.exact).text;
  if (accepted !== needle) {
    const again = locate(index, accepted, locked);
    if (again) return again;
  }
  return fuzzy(index, needle, locked);
}

/** Every place the normalised needle occurs, the best one chosen by context and position. */
function locate(index: IndexedDocument, needle: string, locked: LockedQuote | undefined): Reanchored | undefined {
  const starts = occurrences(index, needle);
  if (starts.length === 0) return undefined;
  const anchors = starts.map((start) => anchorAt(index, start, start + needle.length, starts.length));
  // Without a lock the first place is taken (a quote found twice is reported, not refused).
  if (!locked) return { status: 'exact', anchor: anchors[0]! };
  const unmoved = anchors.find((a) => a.start === locked.start && a.exact === locked.exact && a.prefix === locked.prefix && a.suffix === locked.suffix);
  if (unmoved) return { status: 'exact', anchor: unmoved };

  const scored = anchors
    .map((anchor) => ({ anchor, context: contextScore(anchor.prefix, anchor.suffix, locked), distance: Math.abs(anchor.start - locked.start) }))
    .sort((a, b) => b.context - a.context || a.distance - b.distance);
  const [best, second] = scored;
  const anchor = best!.anchor;
  if (second && best!.context - second.context < MIN_CONTEXT_LEAD) {
    // The same words with the same context stand in several places: keep the nearest to the old place.
    const nearest = [...scored].sort((a, b) => a.distance - b.distance)[0]!.anchor;
    return { status: 'ambiguous', anchor: nearest };
  }
  const same = anchor.start === locked.start && anchor.exact === locked.exact;
  return { status: same ? 'exact' : 'moved', anchor };
}

function fuzzy(index: IndexedDocument, needle: string, locked: LockedQuote): Reanchored {
  const haystack = index.normalized.text;
  if (needle.length === 0 || needle.length > MAX_FUZZY_QUOTE || haystack.length === 0) return { status: 'broken' };
  const maxErrors = Math.floor(needle.length * (1 - MIN_QUOTE_SIMILARITY));
  const candidates = search(haystack, needle, maxErrors);
  const best = pick(index, candidates, needle, locked);
  if (!best) return { status: 'broken' };
  // The runner-up: search again with the best match blanked out.
  const masked = haystack.slice(0, best.start) + '\u0000'.repeat(best.end - best.start) + haystack.slice(best.end);
  const runnerUp = pick(index, search(masked, needle, maxErrors), needle, locked);
  if (runnerUp && best.score - runnerUp.score < MIN_LEAD) return { status: 'ambiguous', anchor: best.anchor };
  return { status: 'changed', anchor: best.anchor };
}

interface Candidate {
  start: number;
  end: number;
  score: number;
  anchor: Anchor;
}

function pick(index: IndexedDocument, matches: Array<{ start: number; end: number; errors: number }>, needle: string, locked: LockedQuote): Candidate | undefined {
  let best: Candidate | undefined;
  for (const found of matches) {
    const match = { ...wholeWords(index.normalized.text, found.start, found.end), errors: found.errors };
    if (match.end <= match.start) continue;
    const quoteSimilarity = 1 - match.errors / needle.length;
    if (quoteSimilarity < MIN_QUOTE_SIMILARITY) continue;
    const anchor = anchorAt(index, match.start, match.end, 1);
    const textLength = Math.max(1, index.document.text.length);
    const position = 1 - Math.min(1, Math.abs(anchor.start - locked.start) / textLength);
    const prefix = similarity(normalize(anchor.prefix).text, normalize(locked.prefix).text, 'end');
    const suffix = similarity(normalize(anchor.suffix).text, normalize(locked.suffix).text, 'start');
    const score = (WEIGHTS.quote * quoteSimilarity + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position) / WEIGHT_TOTAL;
    if (score < MIN_SCORE) continue;
    if (!best || score > best.score) best = { start: match.start, end: match.end, score, anchor };
  }
  return best;
}

const wordChar = /[\p{L}\p{N}\p{M}]/u;
const space = /\s/;

/**
 * A fuzzy match's edges can fall on a space or inside a word ("every family"
 * matched as " most families", or "ost families"): the shown passage is made
 * of whole words, without spaces at its edges.
 */
function wholeWords(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && space.test(text[start]!)) start++;
  while (end > start && space.test(text[end - 1]!)) end--;
  if (start < end && wordChar.test(text[start]!)) while (start > 0 && wordChar.test(text[start - 1]!)) start--;
  if (start < end && wordChar.test(text[end - 1]!)) while (end < text.length && wordChar.test(text[end]!)) end++;
  return { start, end };
}

function contextScore(prefix: string, suffix: string, locked: LockedQuote): number {
  return (similarity(normalize(prefix).text, normalize(locked.prefix).text, 'end') + similarity(normalize(suffix).text, normalize(locked.suffix).text, 'start')) / 2;
}

/** 1 for equal texts, 0 for nothing in common; context is compared at the side that touches the quote. */
function similarity(actual: string, expected: string, anchoredAt: 'start' | 'end'): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const length = Math.min(actual.length, expected.length);
  const a = anchoredAt === 'end' ? actual.slice(-length) : actual.slice(0, length);
  const e = anchoredAt === 'end' ? expected.slice(-length) : expected.slice(0, length);
  const [match] = search(a, e, e.length);
  const errors = match ? match.errors : e.length;
  return Math.max(0, 1 - (errors + (expected.length - length)) / expected.length);
}
