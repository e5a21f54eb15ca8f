// The briefing in the order both outputs share: title page, contents, summary,
// chronology, human rights, the other prose sections, sources with the
// verification line, and the claims review table when the brief asks for it.
// Each part is a section (`Sect`) of the structure tree.
import type { Event, Markdown } from '../../model/types.js';
import { reserveContents } from './contents.js';
import { chronologyId, destination, humanRightsId, summaryId, type Context } from './context.js';
import { renderEvent } from './events.js';
import { sectionHeading, yearHeading } from './headings.js';
import { inlineRuns, renderBlocks } from './markdown.js';
import { renderNotes } from './notes.js';
import { noteScope } from './numbering.js';
import { renderReview } from './review.js';
import { renderSources } from './sources.js';
import { text, type Run } from './text.js';
import { renderTitlePage } from './title.js';
import { type } from './theme.js';

/** A prose part: heading, content, and the notes of its citations. */
function renderProse(context: Context, heading: Run[], title: string, content: Markdown, anchor: string): void {
  const { flow } = context;
  const scope = noteScope(context.brief, content);
  flow.tags.element('Sect', () => {
    sectionHeading(context, heading, title, anchor);
    renderBlocks(context, scope, content);
    renderNotes(context, scope);
  });
  flow.space(4);
}

function renderChronology(context: Context): void {
  const { brief, flow } = context;
  const scope = noteScope(brief, brief.chronology.intro);
  flow.tags.element('Sect', () => {
    const bookmark = sectionHeading(context, [text('Chronology', type.section)], 'Chronology', destination.part(chronologyId));
    renderBlocks(context, scope, brief.chronology.intro);
    renderNotes(context, scope);
    for (const year of brief.chronology.years) {
      const events = year.eventIds.flatMap((id) => context.events.get(id) ?? []);
      if (events.length === 0) continue;
      flow.tags.element('Sect', () => {
        const yearBookmark = yearHeading(context, bookmark, year.year, destination.year(year.year));
        for (const event of events) {
          // The bookmark is added where the event lands, once its heading is placed.
          renderEvent(context, event, {
            mode: 'primary',
            onPlaced: () => yearBookmark.child(`${event.date.label} — ${event.titleText}`).place(flow.doc),
          });
        }
      });
    }
  });
}

function renderHumanRights(context: Context): void {
  const { brief, flow } = context;
  const events = brief.humanRights.eventIds.flatMap((id): Event[] => {
    const event = context.events.get(id);
    return event ? [event] : [];
  });
  if (brief.humanRights.intro.length === 0 && events.length === 0) return;
  const scope = noteScope(brief, brief.humanRights.intro);
  flow.tags.element('Sect', () => {
    sectionHeading(context, [text('Human rights', type.section)], 'Human rights', destination.part(humanRightsId));
    renderBlocks(context, scope, brief.humanRights.intro);
    renderNotes(context, scope);
    for (const event of events) renderEvent(context, event, { mode: 'repeat', level: 3 });
  });
}

export function renderBriefing(context: Context): void {
  const { brief, flow } = context;
  renderTitlePage(context);
  flow.newPage();
  const drawContents = reserveContents(context);
  flow.newPage();
  if (brief.summary.length > 0) {
    renderProse(context, [text('Summary', type.section)], 'Summary', brief.summary, destination.part(summaryId));
  }
  renderChronology(context);
  renderHumanRights(context);
  for (const section of brief.sections) {
    renderProse(
      context,
      inlineRuns(context, noteScope(brief, []), section.title, type.section),
      section.titleText,
      section.content,
      destination.section(section.id),
    );
  }
  renderSources(context);
  renderReview(context);
  flow.flush();
  drawContents();
}
