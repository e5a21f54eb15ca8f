// The claims review table after Sources (front matter `review: true`): one row
// per citation, the event's date and title on its first row. Each citation is
// numbered as in the event's notes, its number linking to the quote in Sources,
// the event's title to the event.
import { reviewTable, reviewTotals, type ReviewEvent } from '../review.js';
import { destination, reviewId, target, type Context } from './context.js';
import { eventScope } from './events.js';
import { sectionHeading } from './headings.js';
import { documentName } from './notes.js';
import { count } from './sources.js';
import { renderRunsTable, tableStyle, type Align } from './table.js';
import { kept, text, type Run, type RunStyle } from './text.js';
import { colour, gap, leading, type } from './theme.js';

const columns = ['Date', 'Event', 'Citation', 'Quote', 'Cross-check'];
const align: Align[] = columns.map(() => 'left');
const problem = '#8a1c1c';

function eventRows(context: Context, { event, rows }: ReviewEvent, style: RunStyle): Run[][][] {
  const numbers = eventScope(context, event).citations;
  const muted: RunStyle = { ...style, color: colour.muted };
  return rows.map((row, index) => {
    const date: Run[] = [];
    const title: Run[] = [];
    if (index === 0) {
      date.push(kept(event.date.label, style));
      for (const disputed of event.disputed) date.push({ kind: 'break' }, text(`disputed: ${disputed.date.label}`, muted));
      title.push(text(event.titleText, { ...style, color: colour.link, ...target(context, destination.event(event.id)) }));
    }
    const citation: Run[] = [];
    if (row.citation) {
      const number = numbers.get(row.citation.id);
      const link = target(context, destination.citation(row.citation.id));
      if (number !== undefined) {
        citation.push(kept(`${number}. `, link.goTo ? { ...style, color: colour.link, ...link, linkTitle: `Quote ${number} in Sources` } : style));
      }
      const name = documentName(context, row.citation.documentId);
      citation.push(text(name.text, { ...style, italic: name.italic }));
      if (row.disputed) citation.push(text(` (gives the disputed date ${row.disputed.label})`, muted));
    }
    const flagged = row.status.level === 'problem';
    const status = [text(row.status.label, flagged ? { ...style, bold: true, color: problem } : style)];
    const checks: Run[] =
      row.warnings.length === 0
        ? [text('—', muted)]
        : row.warnings.flatMap((warning, n) => [...(n > 0 ? [{ kind: 'break' } as const] : []), text(warning.text, { ...style, bold: true, color: problem })]);
    return [date, title, citation, status, checks];
  });
}

export function renderReview(context: Context): void {
  const { brief, flow } = context;
  if (brief.meta.review !== true) return;
  const table = reviewTable(brief);
  const totals = reviewTotals(table);
  const body = tableStyle(type.table.size);
  const head: RunStyle = { ...body, bold: true };
  flow.tags.element('Sect', () => {
    sectionHeading(context, [text('Claims review', type.section)], 'Claims review', destination.part(reviewId));
    const summary = [
      `${count(totals.events, 'event')}, ${count(totals.citations, 'citation')}`,
      `${totals.verified} of ${count(totals.citations, 'quote')} verified`,
      `${totals.flagged} ${totals.flagged === 1 ? 'row needs' : 'rows need'} a look`,
    ].join('; ');
    flow.tags.element('P', () => flow.paragraph([text(`${summary}.`, type.verification)], leading.body));
    const rows = table.flatMap((entry) => eventRows(context, entry, body));
    renderRunsTable(flow, [columns.map((column) => [text(column, head)]), ...rows], align, gap.paragraph);
  });
}
