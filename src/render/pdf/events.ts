// One event: its date (with any disputed date beside it), title, a line of
// place, tags and actors, the body, and its notes. The heading is held back
// until the body's first lines are placed, so it never stands alone at the
// foot of a page.
import type { Event } from '../../model/types.js';
import { destination, placeDestination, target, type Context } from './context.js';
import { bodyProse, citationMarker, inlineRuns, renderBlocks, type Prose } from './markdown.js';
import { documentName, renderNotes } from './notes.js';
import { noteScope, type NoteScope } from './numbering.js';
import { text, type Line, type Run } from './text.js';
import { gap, leading, type } from './theme.js';

export interface EventOptions {
  /**
   * `primary`: the chronology entry, the target of links to the event.
   * `repeat`: the event again under Human rights, without the place and tags
   * line, its title linking back to the chronology entry.
   */
  mode: 'primary' | 'repeat';
  /** Called once the event's page is settled, before anything of it is drawn (bookmarks). */
  onPlaced?: () => void;
  /** Heading level of the event's title in the structure tree (default 4). */
  level?: number;
}

const separator = ' · ';

/** Headings in an event's body (`###` and deeper) rank below the event's own heading. */
const eventProse: Prose = Object.freeze({ ...bodyProse, headings: { level: 5, depth: 3 } });

function dateRuns(context: Context, event: Event, scope: NoteScope): Run[] {
  const runs: Run[] = [text(event.date.label, type.eventDate)];
  const style = { ...type.eventMeta, italic: true };
  for (const disputed of event.disputed) {
    const titles = [
      ...new Set(
        disputed.citationIds.flatMap((id) => {
          const citation = context.citations.get(id);
          return citation ? [documentName(context, citation.documentId).text] : [];
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

/** The numbers of the event's notes: disputed dates' citations first, then the body's. */
export function eventScope(context: Context, event: Event): NoteScope {
  const disputedIds = event.disputed.flatMap((disputed) => disputed.citationIds);
  return noteScope(context.brief, event.body, disputedIds, event.citationIds);
}

/** The measured heading lines: date line, title, place and tags. */
function eventHead(context: Context, event: Event, scope: NoteScope, mode: EventOptions['mode']): [Line[], Line[], Line[]] {
  const { flow } = context;
  const primary = mode === 'primary';
  const titleStyle = primary ? type.eventTitle : { ...type.eventTitle, ...target(context, destination.event(event.id)) };
  const title = inlineRuns(context, scope, event.title, titleStyle);
  return [
    flow.layout(dateRuns(context, event, scope), leading.heading),
    flow.layout(title, leading.heading, flow.width, flow.directionOf(title)),
    primary ? flow.layout(metaRuns(event), leading.body) : [],
  ];
}

const height = (lines: readonly Line[]): number => lines.reduce((sum, line) => sum + line.height, 0);

export function renderEvent(context: Context, event: Event, options: EventOptions): void {
  const { flow } = context;
  const { tags } = flow;
  const scope = eventScope(context, event);
  const primary = options.mode === 'primary';
  const head = eventHead(context, event, scope, options.mode);
  tags.element('Sect', () => {
    const heading = tags.create(`H${options.level ?? 4}`);
    const meta = head[2].length > 0 ? tags.create('P') : undefined;
    flow.space(gap.betweenEvents);
    flow.hold(height(head[0]) + 2 + height(head[1]) + height(head[2]), () => {
      if (primary) placeDestination(context, destination.event(event.id));
      options.onPlaced?.();
      tags.within(heading, () => {
        flow.lines(head[0], { keepPairs: false });
        flow.y += 2;
        flow.lines(head[1], { keepPairs: false });
      });
      heading.end();
      if (meta) {
        tags.within(meta, () => flow.lines(head[2], { keepPairs: false }));
        meta.end();
      }
    });
    flow.space(gap.paragraph / 2);
    renderBlocks(context, scope, event.body, eventProse);
    renderNotes(context, scope);
  });
}
