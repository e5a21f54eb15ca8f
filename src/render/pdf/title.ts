// The title page: the title, subtitle, author and date, and at its foot what
// the briefing is built from ("Built from 5 documents; 127 quotes verified").
import type { Verification } from '../../model/types.js';
import type { Context } from './context.js';
import { count } from './sources.js';
import { text } from './text.js';
import { colour, leading, type } from './theme.js';

/** "Built from 5 documents; 127 quotes verified", or "…; 126 of 127 quotes verified". */
export function provenanceLine(verification: Verification): string {
  const { documents, quotes, quotesVerified } = verification;
  const verified = quotesVerified === quotes ? count(quotes, 'quote') : `${quotesVerified} of ${count(quotes, 'quote')}`;
  return `Built from ${count(documents, 'document')}; ${verified} verified`;
}

/** Draws the title page on the current (first) page. */
export function renderTitlePage(context: Context): void {
  const { flow, brief } = context;
  const { meta } = brief;
  const { tags } = flow;
  flow.y = flow.top + (flow.bottom - flow.top) * 0.2;
  flow.rule(colour.accent, flow.width, 2.5);
  flow.y += 22;
  tags.element('H1', () => flow.paragraph([text(meta.title, type.title)], 1.15, { keepPairs: false }));
  if (meta.subtitle) {
    flow.y += 8;
    tags.element('P', () => flow.paragraph([text(meta.subtitle as string, type.subtitle)], leading.heading, { keepPairs: false }));
  }
  flow.y += 18;
  flow.rule(colour.rule, 120);
  flow.y += 14;
  for (const line of [meta.author, meta.date?.label]) {
    if (line) tags.element('P', () => flow.paragraph([text(line, type.byline)], leading.body, { keepPairs: false }));
  }

  // At the foot of the page, above the footer.
  const provenance = flow.layout([text(provenanceLine(brief.verification), type.provenance)], leading.body);
  flow.y = flow.bottom - provenance.reduce((sum, line) => sum + line.height, 0) - 8;
  flow.rule(colour.rule);
  flow.y += 8;
  tags.element('P', () => flow.lines(provenance, { keepPairs: false }));
}
