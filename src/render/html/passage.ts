// The sentence (or sentences) a quote stands in, cut from its document's text,
// so a reader sees the quoted words in context without opening the document.
import type { Anchor } from '../../model/types.js';

export interface Passage {
  before: string;
  exact: string;
  after: string;
}

/** Context longer than this on either side (a sentence with no end in sight) is cut at a word, with an ellipsis. */
const MAX_CONTEXT = 240;

export interface SentenceFinder {
  /** The quote with the rest of its sentences around it; null when the anchor does not fit the text. */
  around(text: string, anchor: Anchor): Passage | null;
}

/**
 * Sentence bounds come from `Intl.Segmenter` (Unicode's sentence rules, which
 * also end a sentence at a line break, so headings and list items stand alone).
 * Only the sentences holding a quote are looked for (`containing`), not every
 * sentence of the document.
 */
export function createSentenceFinder(lang: string): SentenceFinder {
  const segmenter = sentenceSegmenter(lang);
  const segmented = new Map<string, Intl.Segments>();

  return {
    around(text, anchor) {
      const { start, end } = anchor;
      if (start < 0 || end > text.length || start >= end || text.slice(start, end) !== anchor.exact) return null;
      let segments = segmented.get(text);
      if (segments === undefined) segmented.set(text, (segments = segmenter.segment(text)));
      const first = segments.containing(start);
      const last = segments.containing(end - 1);
      const from = first?.index ?? 0;
      const next = last ? last.index + last.segment.length : text.length;
      return {
        before: cutBefore(flatten(text.slice(from, start)).replace(LIST_MARKER, '')),
        exact: anchor.exact,
        after: cutAfter(flatten(text.slice(end, next)).trimEnd()),
      };
    },
  };
}

function sentenceSegmenter(lang: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(lang, { granularity: 'sentence' });
  } catch {
    // Not a language tag Intl knows: the rules are nearly the same for every language.
    return new Intl.Segmenter('en', { granularity: 'sentence' });
  }
}

/** A bullet or number that opens a list item is layout, not part of the sentence. */
const LIST_MARKER = /^\s*(?:[•·▪‣◦●○*–—-]|\(?\d{1,3}[.)])?\s*/;

/** Line breaks inside a sentence are the document's layout, not the writer's meaning. */
const flatten = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

function cutBefore(text: string): string {
  if (text.length <= MAX_CONTEXT) return text;
  const tail = text.slice(-MAX_CONTEXT);
  const space = tail.search(/\s/);
  return `…${space >= 0 ? tail.slice(space + 1) : tail}`;
}

function cutAfter(text: string): string {
  if (text.length <= MAX_CONTEXT) return text;
  const head = text.slice(0, MAX_CONTEXT);
  const space = head.search(/\s\S*$/);
  return `${space > 0 ? head.slice(0, space) : head}…`;
}
