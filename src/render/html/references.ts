// Citation markers and footnote references across one page: their numbers, the
// ids of markers and their targets, and where each quote links back to.
// Numbers are handed out in the order the page is rendered, so content must be
// rendered in page order.
import type { Brief, Citation, Markdown } from '../../model/types.js';
import type { IdAllocator } from './ids.js';

/**
 * `primary`: the place a piece of content belongs; its markers get ids and are
 * the targets of back-links. `repeat`: content shown again (an event in Human
 * rights); its markers link to the same quotes but carry no id.
 */
export type Mode = 'primary' | 'repeat';

export interface CitationMarker {
  number: number;
  /** Set on the first primary marker of the citation only. */
  id: string | null;
  href: string;
  /** Tooltip: the document's short form (or title) and the quote. */
  title: string;
}

export interface FootnoteMarker {
  number: number;
  id: string | null;
  href: string;
}

export interface Footnote {
  identifier: string;
  number: number;
  id: string;
  content: Markdown;
  /** Ids of the primary references to the note, in page order. */
  referenceIds: string[];
}

export interface BackLink {
  href: string;
  text: string;
}

export interface References {
  /** Null when the citation or its document is not in the model, so no link can dangle. */
  citation(citationId: string, mode: Mode, backLinkText: string): CitationMarker | null;
  /** Null when the note has no definition. */
  footnote(identifier: string, mode: Mode): FootnoteMarker | null;
  /** The citation's number, handing one out if no marker was rendered for it. */
  number(citationId: string): number;
  quoteId(citationId: string): string;
  backLink(citationId: string): BackLink | null;
  /** Notes in order of first reference; grows while notes are rendered (a note may cite another). */
  footnotes(): readonly Footnote[];
}

const TITLE_QUOTE_LENGTH = 160;

export function createReferences(brief: Brief, ids: IdAllocator): References {
  const citations = new Map(brief.citations.map((citation) => [citation.id, citation]));
  const documents = new Map(brief.documents.map((document) => [document.id, document]));
  const numbers = new Map<string, number>();
  const quoteIds = new Map<string, string>();
  const backLinks = new Map<string, BackLink>();
  const notes = new Map<string, Footnote>();
  const noteOrder: Footnote[] = [];

  const number = (citationId: string): number => {
    let n = numbers.get(citationId);
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(citationId, n);
    }
    return n;
  };

  const quoteId = (citationId: string): string => {
    let id = quoteIds.get(citationId);
    if (id === undefined) {
      id = ids.claim(`quote-${citationId}`);
      quoteIds.set(citationId, id);
    }
    return id;
  };

  const tooltip = (citation: Citation): string => {
    const document = documents.get(citation.documentId);
    const title = document?.reference?.short ?? document?.meta.title ?? citation.documentId;
    const quote = citation.anchor?.reads ?? citation.anchor?.exact ?? citation.quote;
    if (quote !== undefined) {
      const short = shorten(quote, TITLE_QUOTE_LENGTH);
      return /^["“‘'«„]/.test(short) ? `${title}: ${short}` : `${title}: “${short}”`;
    }
    return citation.locator === undefined ? title : `${title}, ${citation.locator}`;
  };

  return {
    citation(citationId, mode, backLinkText) {
      const citation = citations.get(citationId);
      if (citation === undefined || !documents.has(citation.documentId)) return null;
      let id: string | null = null;
      if (mode === 'primary' && !backLinks.has(citationId)) {
        id = ids.claim(`cite-${citationId}`);
        backLinks.set(citationId, { href: `#${id}`, text: backLinkText });
      }
      return { number: number(citationId), id, href: `#${quoteId(citationId)}`, title: tooltip(citation) };
    },

    footnote(identifier, mode) {
      let note = notes.get(identifier);
      if (note === undefined) {
        const content = findFootnote(brief.footnotes, identifier);
        if (content === undefined) return null;
        const n = noteOrder.length + 1;
        note = { identifier, number: n, id: ids.claim(`fn-${n}`), content, referenceIds: [] };
        notes.set(identifier, note);
        noteOrder.push(note);
      }
      let id: string | null = null;
      if (mode === 'primary') {
        const suffix = note.referenceIds.length === 0 ? '' : `-${note.referenceIds.length + 1}`;
        id = ids.claim(`fnref-${note.number}${suffix}`);
        note.referenceIds.push(id);
      }
      return { number: note.number, id, href: `#${note.id}` };
    },

    number,
    quoteId,
    backLink: (citationId) => backLinks.get(citationId) ?? null,
    footnotes: () => noteOrder,
  };
}

/** The parser keys notes by identifier; a hand-made model may key them by label in another case. */
function findFootnote(footnotes: Brief['footnotes'], identifier: string): Markdown | undefined {
  if (Object.hasOwn(footnotes, identifier)) return footnotes[identifier];
  const wanted = identifier.toLowerCase();
  const key = Object.keys(footnotes).find((label) => label.toLowerCase() === wanted);
  return key === undefined ? undefined : footnotes[key];
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}
