// The claims review table's view: one row per citation, the event's date and
// title spanning its rows; each citation's number links to its quote in Sources.
import type { Brief } from '../../model/types.js';
import { otherDirection, type Direction } from '../direction.js';
import { reviewTable, reviewTotals, type QuoteState, type ReviewTotals } from '../review.js';
import type { IdAllocator } from './ids.js';
import type { References } from './references.js';
import { timeView, type TimeView } from './time.js';

export interface ReviewView {
  id: string;
  totals: ReviewTotals;
  events: ReviewEventView[];
}

export interface ReviewEventView {
  /** The event in the chronology. */
  href: string;
  date: TimeView;
  disputed: TimeView[];
  title: string;
  /** The title's direction when it is not the page's, as on the event's heading. */
  titleDir: Direction | null;
  rowSpan: number;
  rows: ReviewRowView[];
}

export interface ReviewRowView {
  /** The citation's number, as its markers show it; null on the row of an event that cites nothing. */
  number: number | null;
  /** Its quote in Sources. */
  href: string | null;
  /** The document's short form ("Mishra 2025") or title, or its id when the model does not hold it. */
  source: string | null;
  /** The Disputed date the citation gives, when it backs that rather than the event's date. */
  disputed: TimeView | null;
  status: string;
  level: QuoteState['level'];
  warnings: string[];
}

/** Null unless the brief asks for the table (`review: true`). Built after Sources, so every citation has its number. */
export function reviewView(brief: Brief, references: References, ids: IdAllocator, direction: Direction): ReviewView | null {
  if (brief.meta.review !== true) return null;
  const table = reviewTable(brief);
  return {
    id: ids.claim('review'),
    totals: reviewTotals(table),
    events: table.map(({ event, rows }) => ({
      href: `#${event.id}`,
      date: timeView(event.date),
      disputed: event.disputed.map((disputed) => timeView(disputed.date)),
      title: event.titleText,
      titleDir: otherDirection(event.titleText, direction),
      rowSpan: rows.length,
      rows: rows.map((row) => {
        const citation = row.citation;
        return {
          number: citation ? references.number(citation.id) : null,
          // Quotes of a document the model does not hold are not in Sources.
          href: citation && row.document ? `#${references.quoteId(citation.id)}` : null,
          source: citation ? (row.document?.reference?.short ?? row.document?.meta.title ?? citation.documentId) : null,
          disputed: row.disputed ? timeView(row.disputed) : null,
          status: row.status.label,
          level: row.status.level,
          warnings: row.warnings.map((warning) => warning.text),
        };
      }),
    })),
  };
}
