// One event: its date (with any disputed date beside it), title, a line of
// place, tags and actors, the body, and its notes. The heading lines are
// measured first so they never stand alone at the foot of a page.
import type { Event } from '../../model/types.js';
import { destination, target, type Context } from './context.js';
import { citationMarker, inlineRuns, renderBlocks } from './markdown.js';
import { documentTitle, renderNotes } from './notes.js';
import { noteScope, type NoteScope } from './numbering.js';
import { text, type Line, type Run } from './text.js';
import { gap, keepWithNext, leading, type } from './theme.js';

export interface EventOptions {
  /**
   * `primary`: the chronology entry, the target of links to the event.
   * `repeat`: the event again under Human rights, without the place and tags
   * line, its title linking back to the chronology entry.
   */
  mode: 'primary' | 'repeat';
  /** Called once the event's page is settled, before anything of it is drawn (bookmarks). */
  onPlaced?: () => void;
}

const separator = ' · ';

function dateRuns(context: Context, event: Event, scope: NoteScope): Run[] {
  const runs: Run[] = [text(event.date.label, type.eventDate)];
  const style = { ...type.eventMeta, italic: true };
  for (const disputed of event.disputed) {
    const titles = [
      ...new Set(
        disputed.citationIds.flatMap((id) => {
          const citation = context.citations.get(id);
          return citation ? [documentTitle(context, citation.documentId)] : [];
        }),
      ),
    ];
    runs.push(text(separator, type.eventMeta), text(`Disputed: ${disputed.date.label}`, style));
    if (titles.length > 0) runs.push(text(` (source: ${titles.join('; ')})`, style));
    runs.push(...citationMarker(context, scope, disputed.citationIds, style));
  }
  return runs;
}

function metaRuns(event: Event): Run[] {
  const parts = [
    event.place ? `Place: ${event.place}` : undefined,
    event.tags.length > 0 ? `Tags: ${event.tags.join(', ')}` : undefined,
    event.actors.length > 0 ? `Actors: ${event.actors.join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? [text(parts.join(separator), type.eventMeta)] : [];
}

function eventScope(context: Context, event: Event): NoteScope {
  const disputedIds = event.disputed.flatMap((disputed) => disputed.citationIds);
  return noteScope(context.brief, event.body, disputedIds, event.citationIds);
}

/** The measured heading lines: date line, title, place and tags. */
function eventHead(context: Context, event: Event, scope: NoteScope, mode: EventOptions['mode']): [Line[], Line[], Line[]] {
  const { flow } = context;
  const primary = mode === 'primary';
  const titleStyle = primary ? type.eventTitle : { ...type.eventTitle, ...target(context, destination.event(event.id)) };
  return [
    flow.layout(dateRuns(context, event, scope), leading.heading),
    flow.layout(inlineRuns(context, scope, event.title, titleStyle), leading.heading),
    primary ? flow.layout(metaRuns(event), leading.body) : [],
  ];
}

/** The height an event needs at the foot of a page before it may start there: its heading and a few lines. */
export function eventOpening(context: Context, event: Event, mode: EventOptions['mode']): number {
  const head = eventHead(context, event, eventScope(context, event), mode);
  return head.flat().reduce((sum, line) => sum + line.height, 0) + 4 + keepWithNext * type.body.size * leading.body;
}

export function renderEvent(context: Context, event: Event, options: EventOptions): void {
  const { flow } = context;
  const scope = eventScope(context, event);
  const primary = options.mode === 'primary';
  const head = eventHead(context, event, scope, options.mode);
  flow.space(gap.betweenEvents);
  flow.ensure(eventOpening(context, event, options.mode));
  if (primary) flow.destination(destination.event(event.id));
  options.onPlaced?.();
  flow.lines(head[0], { keepPairs: false });
  flow.y += 2;
  flow.lines(head[1], { keepPairs: false });
  flow.lines(head[2], { keepPairs: false });
  flow.space(gap.paragraph / 2);
  renderBlocks(context, scope, event.body);
  renderNotes(context, scope);
}
