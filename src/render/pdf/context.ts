// What every layout module needs: the brief, indexes into it, the flow, the
// named destinations that links may point at, and the page each one landed on
// (for the table of contents).
import type { Brief, Citation, Event, Section, SourceDocument } from '../../model/types.js';
import type { Flow } from './flow.js';

export interface Context {
  readonly brief: Brief;
  readonly flow: Flow;
  readonly events: ReadonlyMap<string, Event>;
  readonly citations: ReadonlyMap<string, Citation>;
  readonly documents: ReadonlyMap<string, SourceDocument>;
  readonly sections: ReadonlyMap<string, Section>;
  /** Destinations that will exist; links point only at these. */
  readonly destinations: ReadonlySet<string>;
  /** The page index each destination was placed on, filled in as the briefing is laid out. */
  readonly pages: Map<string, number>;
}

export const destination = {
  citation: (id: string): string => `citation:${id}`,
  document: (id: string): string => `document:${id}`,
  event: (id: string): string => `event:${id}`,
  /** A `#` section of brief.md. */
  section: (id: string): string => `section:${id}`,
  /** A part of the briefing: summary, chronology, human rights, sources, claims review. */
  part: (id: string): string => `part:${id}`,
  year: (year: number): string => `year:${year}`,
};

/** Ids of the prose scopes that are not `Section`s, as `Citation.sectionId` names them. */
export const summaryId = 'summary';
export const chronologyId = 'chronology';
export const humanRightsId = 'human-rights';
export const sourcesId = 'sources';
export const reviewId = 'review';

export function createContext(brief: Brief, flow: Flow): Context {
  const events = new Map(brief.events.map((event) => [event.id, event]));
  const citations = new Map(brief.citations.map((citation) => [citation.id, citation]));
  const years = brief.chronology.years.filter((year) => year.eventIds.some((id) => events.has(id)));
  const destinations = new Set<string>([
    ...brief.documents.map((document) => destination.document(document.id)),
    ...brief.documents.flatMap((document) => document.citationIds.filter((id) => citations.has(id)).map(destination.citation)),
    ...years.flatMap((year) => year.eventIds.filter((id) => events.has(id)).map(destination.event)),
    ...years.map((year) => destination.year(year.year)),
    ...brief.sections.map((section) => destination.section(section.id)),
    destination.part(chronologyId),
    destination.part(sourcesId),
  ]);
  if (brief.summary.length > 0) destinations.add(destination.part(summaryId));
  if (hasHumanRights(brief, events)) destinations.add(destination.part(humanRightsId));
  if (brief.meta.review === true) destinations.add(destination.part(reviewId));
  return {
    brief,
    flow,
    events,
    citations,
    documents: new Map(brief.documents.map((document) => [document.id, document])),
    sections: new Map(brief.sections.map((section) => [section.id, section])),
    destinations,
    pages: new Map(),
  };
}

/** Whether the briefing has a human-rights part: an introduction or events tagged human-rights. */
export function hasHumanRights(brief: Brief, events: ReadonlyMap<string, Event>): boolean {
  return brief.humanRights.intro.length > 0 || brief.humanRights.eventIds.some((id) => events.has(id));
}

/** The destination of the prose a citation is written in: a `#` section, or one of the briefing's parts. */
export function proseDestination(context: Context, sectionId: string): string {
  return context.sections.has(sectionId) ? destination.section(sectionId) : destination.part(sectionId);
}

/** The destination if it will exist, for a `goTo` that must not dangle. */
export function target(context: Context, name: string): { goTo?: string } {
  return context.destinations.has(name) ? { goTo: name } : {};
}

/** Names the current position (see `Flow.destination`) and records its page. */
export function placeDestination(context: Context, name: string): void {
  context.pages.set(name, context.flow.destination(name));
}
