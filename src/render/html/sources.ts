// The Sources section's view: each cited document with its metadata, every
// quote cited from it in the sentence it stands in, and its full text with the
// cited passages marked.
import { entryUnderHeading } from '../../model/reference.js';
import type { Citation, FurnitureRange, ReferenceRun, SourceDocument } from '../../model/types.js';
import { otherDirection, type Direction } from '../direction.js';
import { fullTextHtml, furnitureRanges, mergeRanges, type CitedRange, type MarkedPassage, type PassageLink } from './full-text.js';
import type { IdAllocator } from './ids.js';
import type { SentenceFinder } from './passage.js';
import type { BackLink, References } from './references.js';
import { timeFromWords, type TimeView } from './time.js';

export interface DocumentView {
  id: string;
  title: string;
  /** The heading: the reference's short form ("Mishra 2025"), else the title. */
  heading: string;
  /** The bibliography entry in Chicago author-date style; null when the model has none (then the metadata is listed). */
  reference: ReferenceRunView[] | null;
  /** The entry as shown under the heading: without the title the heading already shows, none when only "n.d." is left. */
  referenceShown: ReferenceRunView[];
  authors: string[];
  containerTitle: string | null;
  publisher: string | null;
  issued: DateWordsView | null;
  /** Only http(s) addresses become links; anything else is shown as text. */
  url: { href: string | null; text: string } | null;
  accessed: DateWordsView | null;
  file: string;
  sha256: string;
  /** False when the title came from the document's first line (no documents.yaml entry). */
  hasEntry: boolean;
  quotes: QuoteView[];
  /** The document's text with its cited passages marked; null when the model carries no text. */
  fullText: FullTextView | null;
}

/** A piece of the reference: text, italic or not, a link when it is a web address. */
export interface ReferenceRunView {
  text: string;
  italic: boolean;
  /** Only http(s) addresses become links. */
  href: string | null;
}

/** A date of the document's metadata: in words, with its ISO form when the words are a plain date. */
export interface DateWordsView {
  label: string;
  time: TimeView | null;
}

export interface FullTextView {
  id: string;
  /** Sanitized by construction: escaped text and the renderer's own `<mark>`, links and furniture spans. */
  html: string;
  /** How many passages are marked. */
  passages: number;
  /** How many stretches are set apart as not the article: page furniture, and blocks the document repeats. */
  furniture: { total: number; furniture: number; repeated: number };
  /** What the set-apart stretches are, in a sentence; null when there are none. */
  furnitureLegend: string | null;
}

export interface QuoteView {
  id: string;
  number: number;
  /** The passage as found in the document: the quote and the rest of its sentence. */
  found: { before: string; exact: string; after: string; line: number; occurrences: number | null; passageHref: string | null } | null;
  /** The quote as the brief gives it, when it was not found. */
  unverified: string | null;
  locator: string | null;
  backLink: BackLink | null;
  /** The passage's (or unverified quote's) direction when it is not the page's: a Pashto passage in an English brief is `rtl`. */
  dir: Direction | null;
}

export interface SourcesContext {
  references: References;
  ids: IdAllocator;
  sentences: SentenceFinder;
  /** The page's direction, from the brief's language. */
  direction: Direction;
}

/** The view of a document and of `cited`, the citations of it. */
export function documentView(document: SourceDocument, cited: readonly Citation[], context: SourcesContext): DocumentView {
  const { references, ids } = context;
  const meta = document.meta;
  const id = ids.claim(`doc-${document.id}`);
  const text = typeof document.text === 'string' ? document.text : '';

  // Only anchors that agree with the text are marked (a hand-made model may disagree).
  const ranges: CitedRange[] = cited.flatMap((citation) => {
    const anchor = citation.anchor;
    return anchor !== undefined && text.slice(anchor.start, anchor.end) === anchor.exact && anchor.end > anchor.start
      ? [{ start: anchor.start, end: anchor.end, citationId: citation.id }]
      : [];
  });
  const passages = mergeRanges(ranges, (citationId) => ids.claim(`passage-${citationId}`));
  const passageOf = new Map(passages.flatMap((passage) => passage.citationIds.map((citationId) => [citationId, passage.id] as const)));

  // Every citation of the document, so that every marker's target exists; in marker order.
  const quotes = cited
    .map((citation) => quoteView(citation, text, passageOf.get(citation.id) ?? null, context))
    .sort((a, b) => a.number - b.number);

  const link = (citationId: string): PassageLink => {
    const back = references.backLink(citationId);
    const number = references.number(citationId);
    return back === null
      ? { href: `#${references.quoteId(citationId)}`, number, label: `quote ${number} in Sources` }
      : { href: back.href, number, label: back.text };
  };

  return {
    id,
    title: meta.title,
    heading: document.reference?.short ?? meta.title,
    reference: document.reference ? runsView(document.reference.runs) : null,
    referenceShown: document.reference ? runsView(entryUnderHeading(document.reference)) : [],
    authors: meta.author ?? [],
    containerTitle: meta.containerTitle ?? null,
    publisher: meta.publisher ?? null,
    issued: meta.issued === undefined ? null : { label: meta.issued, time: timeFromWords(meta.issued) },
    url: meta.url === undefined ? null : { href: /^https?:\/\//i.test(meta.url) ? meta.url : null, text: meta.url },
    accessed: meta.accessed === undefined ? null : { label: meta.accessed, time: timeFromWords(meta.accessed) },
    file: document.file,
    sha256: document.sha256,
    hasEntry: document.hasEntry,
    quotes,
    fullText: text === '' ? null : fullTextView(document, text, passages, link, ids),
  };
}

function runsView(runs: readonly ReferenceRun[]): ReferenceRunView[] {
  return runs.map((run) => ({ text: run.text, italic: run.italic === true, href: run.url !== undefined && /^https?:\/\//i.test(run.url) ? run.url : null }));
}

function fullTextView(document: SourceDocument, text: string, passages: readonly MarkedPassage[], link: (citationId: string) => PassageLink, ids: IdAllocator): FullTextView {
  const furniture = furnitureRanges(document.furniture, text.length);
  const count = (kind: FurnitureRange['kind']) => furniture.filter((range) => range.kind === kind).length;
  const counts = { total: furniture.length, furniture: count('furniture'), repeated: count('repeated') };
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const kinds = [
    ...(counts.furniture > 0 ? [`${plural(counts.furniture, 'stretch', 'stretches')} of page furniture (links, adverts, promotions)`] : []),
    ...(counts.repeated > 0 ? [`${plural(counts.repeated, 'block', 'blocks')} the document repeats`] : []),
  ];
  return {
    id: ids.claim(`text-${document.id}`),
    html: fullTextHtml(text, passages, link, furniture),
    passages: passages.length,
    furniture: counts,
    furnitureLegend: kinds.length === 0 ? null : `Set apart, each opened by a tag: ${kinds.join(' and ')}. They are not the article itself.`,
  };
}

function quoteView(citation: Citation, text: string, passageId: string | null, context: SourcesContext): QuoteView {
  const { references, sentences } = context;
  const anchor = citation.anchor;
  let found: QuoteView['found'] = null;
  if (anchor !== undefined) {
    const passage = sentences.around(text, anchor) ?? { before: contextBefore(anchor.prefix), exact: anchor.exact, after: contextAfter(anchor.suffix) };
    found = {
      ...passage,
      line: anchor.line,
      // Only worth saying when the quote is not unique.
      occurrences: anchor.occurrences > 1 ? anchor.occurrences : null,
      passageHref: passageId === null ? null : `#${passageId}`,
    };
  }
  const unverified = anchor === undefined ? (citation.quote ?? null) : null;
  const shown = found ? `${found.before}${found.exact}${found.after}` : (unverified ?? '');
  return {
    id: references.quoteId(citation.id),
    number: references.number(citation.id),
    found,
    unverified,
    locator: citation.locator ?? null,
    backLink: references.backLink(citation.id),
    dir: otherDirection(shown, context.direction),
  };
}

// When the model's text does not hold the anchor, the anchor's own 32 characters of context stand in.

/** The anchor stage keeps this many characters of context; shorter context reached the start or end of the document. */
const CONTEXT_LENGTH = 32;

/** Context cut from running text starts at a whole word, after an ellipsis. */
function contextBefore(prefix: string): string {
  if (prefix.length < CONTEXT_LENGTH) return prefix;
  const space = prefix.search(/\s/);
  return `…${space > 0 ? prefix.slice(space + 1) : prefix}`;
}

function contextAfter(suffix: string): string {
  if (suffix.length < CONTEXT_LENGTH) return suffix;
  const space = suffix.search(/\s\S*$/);
  const whole = space > 0 ? suffix.slice(0, space) : suffix;
  return /[.!?]$/.test(whole) ? whole : `${whole}…`;
}
