// What every layout module needs: the brief, indexes into it, the flow, and
// the named destinations that links may point at.
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
}

export const destination = {
  document: (id: string): string => `document:${id}`,
  event: (id: string): string => `event:${id}`,
  section: (id: string): string => `section:${id}`,
};

/** Ids of the prose scopes that are not `Section`s, as `Citation.sectionId` names them. */
export const summaryId = 'summary';

export function createContext(brief: Brief, flow: Flow): Context {
  const events = new Map(brief.events.map((event) => [event.id, event]));
  const destinations = new Set<string>([
    ...brief.documents.map((document) => destination.document(document.id)),
    ...brief.chronology.years.flatMap((year) => year.eventIds.filter((id) => events.has(id)).map(destination.event)),
    ...brief.sections.map((section) => destination.section(section.id)),
  ]);
  if (brief.summary.length > 0) destinations.add(destination.section(summaryId));
  return {
    brief,
    flow,
    events,
    citations: new Map(brief.citations.map((citation) => [citation.id, citation])),
    documents: new Map(brief.documents.map((document) => [document.id, document])),
    sections: new Map(brief.sections.map((section) => [section.id, section])),
    destinations,
  };
}

/** The destination if it will exist, for a `goTo` that must not dangle. */
export function target(context: Context, name: string): { goTo?: string } {
  return context.destinations.has(name) ? { goTo: name } : {};
}
