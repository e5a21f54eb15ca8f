// The briefing in the order both outputs share: title block, summary,
// chronology, human rights, the other prose sections, sources with the
// verification line.
import type { Event, Markdown } from '../../model/types.js';
import { destination, summaryId, type Context } from './context.js';
import { eventOpening, renderEvent } from './events.js';
import { sectionHeading, yearHeading } from './headings.js';
import { inlineRuns, renderBlocks } from './markdown.js';
import { renderNotes } from './notes.js';
import { noteScope } from './numbering.js';
import { renderSources } from './sources.js';
import { text, type Run } from './text.js';
import { colour, leading, type } from './theme.js';

function renderTitleBlock(context: Context): void {
  const { flow, brief } = context;
  const { meta } = brief;
  flow.rule(colour.accent, flow.width, 2.5);
  flow.y += 16;
  flow.paragraph([text(meta.title, type.title)], 1.2);
  if (meta.subtitle) {
    flow.y += 4;
    flow.paragraph([text(meta.subtitle, type.subtitle)], leading.heading);
  }
  const byline = [meta.author, meta.date?.label].filter((part) => part !== undefined && part !== '');
  if (byline.length > 0) {
    flow.y += 8;
    flow.paragraph([text(byline.join(' · '), type.byline)], leading.body);
  }
  flow.y += 12;
  flow.rule(colour.rule);
  flow.y += 4;
}

/** A prose part: heading, content, and the notes of its citations. */
function renderProse(context: Context, heading: Run[], title: string, content: Markdown, anchor?: string): void {
  const { flow } = context;
  const scope = noteScope(context.brief, content);
  sectionHeading(context, heading, title, anchor);
  renderBlocks(context, scope, content);
  renderNotes(context, scope);
  flow.space(4);
}

function renderChronology(context: Context): void {
  const { brief } = context;
  const scope = noteScope(brief, brief.chronology.intro);
  const outline = sectionHeading(context, [text('Chronology', type.section)], 'Chronology');
  renderBlocks(context, scope, brief.chronology.intro);
  renderNotes(context, scope);
  for (const year of brief.chronology.years) {
    const events = year.eventIds.flatMap((id) => context.events.get(id) ?? []);
    if (events.length === 0) continue;
    const first = eventOpening(context, events[0] as Event, 'primary');
    const yearOutline = yearHeading(context, outline, [text(String(year.year), type.year)], String(year.year), first);
    for (const event of events) {
      // The bookmark is added where the event lands, after its heading has claimed a page.
      renderEvent(context, event, {
        mode: 'primary',
        onPlaced: () => yearOutline.addItem(`${event.date.label} — ${event.titleText}`),
      });
    }
  }
}

function renderHumanRights(context: Context): void {
  const { brief } = context;
  const events = brief.humanRights.eventIds.flatMap((id) => context.events.get(id) ?? []);
  if (brief.humanRights.intro.length === 0 && events.length === 0) return;
  const scope = noteScope(brief, brief.humanRights.intro);
  sectionHeading(context, [text('Human rights', type.section)], 'Human rights');
  renderBlocks(context, scope, brief.humanRights.intro);
  renderNotes(context, scope);
  for (const event of events) renderEvent(context, event, { mode: 'repeat' });
}

export function renderBriefing(context: Context): void {
  const { brief } = context;
  renderTitleBlock(context);
  if (brief.summary.length > 0) {
    renderProse(context, [text('Summary', type.section)], 'Summary', brief.summary, destination.section(summaryId));
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
}
