// The claims review table, as both renderers lay it out: every event in
// chronological order with each citation that backs it, the state of its quote
// and what the cross-checks found. What an editor reads before sign-off.
import type { Brief, CheckWarning, Citation, DateValue, Event, SourceDocument } from '../model/types.js';

export interface ReviewEvent {
  event: Event;
  /** One per citation of the event, in source order; one row with no citation when it cites nothing. */
  rows: ReviewRow[];
}

export interface ReviewRow {
  /** Absent on the row of an event that cites nothing. */
  citation?: Citation;
  /** Absent when the citation names a document the model does not hold. */
  document?: SourceDocument;
  /** The Disputed date the citation gives, when it backs that rather than the event's date. */
  disputed?: DateValue;
  status: QuoteState;
  warnings: CheckWarning[];
}

export interface QuoteState {
  /** "verified", "moved since the last build", "not found", … */
  label: string;
  /** `ok`: verified; `attention`: verified but worth a look; `problem`: not verified; `none`: nothing to verify. */
  level: 'ok' | 'attention' | 'problem' | 'none';
}

export interface ReviewTotals {
  events: number;
  citations: number;
  /** Citations whose quote was found in its document, unchanged. */
  verified: number;
  /** Rows needing a look: a quote not plainly verified, a cross-check warning, or an event that cites nothing. */
  flagged: number;
}

export function reviewTable(brief: Brief): ReviewEvent[] {
  const citations = new Map(brief.citations.map((citation) => [citation.id, citation]));
  const documents = new Map(brief.documents.map((document) => [document.id, document]));
  return brief.events.map((event) => {
    const disputedBy = new Map(event.disputed.flatMap((disputed) => disputed.citationIds.map((id) => [id, disputed.date] as const)));
    const rows = event.citationIds.flatMap((id): ReviewRow[] => {
      const citation = citations.get(id);
      if (!citation) return [];
      const row: ReviewRow = { citation, status: quoteState(citation), warnings: citation.warnings ?? [] };
      const document = documents.get(citation.documentId);
      if (document) row.document = document;
      const disputed = disputedBy.get(id);
      if (disputed) row.disputed = disputed;
      return [row];
    });
    if (rows.length === 0) rows.push({ status: { label: 'cites no source', level: 'problem' }, warnings: [] });
    return { event, rows };
  });
}

export function reviewTotals(table: readonly ReviewEvent[]): ReviewTotals {
  const rows = table.flatMap((entry) => entry.rows);
  return {
    events: table.length,
    citations: rows.filter((row) => row.citation).length,
    verified: rows.filter((row) => row.status.level === 'ok' || row.status.level === 'attention').length,
    flagged: rows.filter((row) => row.status.level === 'attention' || row.status.level === 'problem' || row.warnings.length > 0).length,
  };
}

/** Where the quote stands, in words: what the anchor stage and the lock found. */
export function quoteState(citation: Citation): QuoteState {
  if (citation.quote === undefined) return { label: 'cited without a quote', level: 'none' };
  const anchor = citation.anchor;
  if (anchor === undefined || citation.status === 'broken') return { label: 'not found', level: 'problem' };
  const repeated = anchor.occurrences > 1 ? `; occurs ${anchor.occurrences} times` : '';
  switch (citation.status) {
    case 'changed':
      return { label: `changed: the source now reads differently${repeated}`, level: 'problem' };
    case 'ambiguous':
      return { label: `ambiguous: several passages fit${repeated}`, level: 'attention' };
    case 'moved':
      return { label: `verified, moved since the last build${repeated}`, level: repeated ? 'attention' : 'ok' };
    default:
      return { label: `verified${repeated}`, level: repeated ? 'attention' : 'ok' };
  }
}
