// The brief model → the data the templates read. Everything a template prints
// is here: text as plain strings (Handlebars escapes them), markdown as
// sanitized HTML in fields ending in `Html`. Absent values are `null`, never
// missing, so strict templates catch a misspelt field.
import type { Brief, Citation, Event, Markdown, Verification } from '../../model/types.js';
import { languageDirection, otherDirection, type Direction } from '../direction.js';
import { createIdAllocator, type IdAllocator } from './ids.js';
import { markdownToHtml, phrasingToHtml, type MarkdownContext } from './markdown.js';
import { createSentenceFinder } from './passage.js';
import { createReferences, type Mode, type References } from './references.js';
import { reviewView, type ReviewView } from './review.js';
import { documentView, type DocumentView } from './sources.js';
import { createTagIndex, type TagIndex, type TagIndexView, type TagLinkView } from './tags.js';
import { timeView, type TimeView } from './time.js';

export type { DocumentView, FullTextView, QuoteView } from './sources.js';
export type { ReviewEventView, ReviewRowView, ReviewView } from './review.js';
export type { TagIndexView, TagLinkView, TagView } from './tags.js';
export type { TimeView } from './time.js';

export interface PageView {
  lang: string;
  /** The writing direction of the brief's language: `rtl` for Arabic, Persian, Pashto, Hebrew, Urdu… */
  dir: 'ltr' | 'rtl';
  /** The Content-Security-Policy: no script, no request, no style but the page's own stylesheet. */
  csp: string;
  /** The `<style>` element holding the stylesheet, whose hash the CSP allows. */
  styleElement: string;
  /** The id of `<main>`, the target of the skip link. */
  mainId: string;
  meta: MetaView;
  summary: ProseView | null;
  chronology: ChronologyView;
  humanRights: HumanRightsView | null;
  sections: SectionView[];
  tagIndex: TagIndexView | null;
  sources: SourcesView;
  /** The claims review table, after Sources; null unless the brief asks for it. */
  review: ReviewView | null;
  notes: NotesView | null;
}

export interface MetaView {
  title: string;
  subtitle: string | null;
  author: string | null;
  date: TimeView | null;
}

export interface ProseView {
  id: string;
  html: string;
}

export interface ChronologyView {
  id: string;
  introHtml: string;
  years: YearView[];
}

export interface YearView {
  id: string;
  year: number;
  events: EventView[];
}

export interface DisputedView {
  date: TimeView;
  /** The citation markers of the sources that give this date. */
  markersHtml: string;
}

export interface EventView {
  id: string;
  date: TimeView;
  disputed: DisputedView[];
  titleHtml: string;
  /** The title's direction when it is not the page's (a Pashto title in an English brief: `rtl`), for its heading. */
  titleDir: Direction | null;
  place: string | null;
  actors: string[];
  tags: TagLinkView[];
  bodyHtml: string;
}

export interface HumanRightsView {
  id: string;
  introHtml: string;
  events: HumanRightsEventView[];
}

/** An event shown again in Human rights; `href` leads to it in the chronology. */
export interface HumanRightsEventView {
  id: string;
  href: string;
  date: TimeView;
  disputed: DisputedView[];
  title: string;
  /** As an event's. */
  titleDir: Direction | null;
  bodyHtml: string;
}

export interface SectionView {
  id: string;
  /** Plain text, for the contents. */
  title: string;
  titleHtml: string;
  /** As an event's. */
  titleDir: Direction | null;
  html: string;
}

export interface SourcesView {
  id: string;
  documents: DocumentView[];
  verification: Verification;
}

export interface NotesView {
  id: string;
  items: NoteView[];
}

export interface NoteView {
  id: string;
  html: string;
  backLinks: Array<{ href: string; number: number }>;
}

export interface Head {
  csp: string;
  styleElement: string;
}

/** Builds the view in page order: markers and notes are numbered as they are rendered. */
export async function buildView(brief: Brief, head: Head): Promise<PageView> {
  const ids = createIdAllocator([...brief.events.map((event) => event.id), ...brief.sections.map((section) => section.id)]);
  const references = createReferences(brief, ids);
  const tags = createTagIndex(brief.events, brief.meta.lang, ids);
  const events = new Map(brief.events.map((event) => [event.id, event]));
  const eventById = (id: string): Event => {
    const event = events.get(id);
    if (event === undefined) throw new Error(`the model lists event "${id}" but has no such event`);
    return event;
  };
  const direction = languageDirection(brief.meta.lang);
  const render = (content: Markdown, mode: Mode, backLinkText: string, headingLevel: number) =>
    markdownToHtml(content, references, { mode, backLinkText, headingLevel, direction });

  const summary =
    brief.summary.length === 0 ? null : { id: ids.claim('summary'), html: await render(brief.summary, 'primary', 'Summary', 2) };

  const chronology: ChronologyView = {
    id: ids.claim('chronology'),
    introHtml: await render(brief.chronology.intro, 'primary', 'Chronology', 2),
    years: [],
  };
  for (const group of brief.chronology.years) {
    const year: YearView = { id: ids.claim(`year-${group.year}`), year: group.year, events: [] };
    for (const id of group.eventIds) year.events.push(await eventView(eventById(id), references, tags, direction));
    chronology.years.push(year);
  }

  let humanRights: HumanRightsView | null = null;
  if (brief.humanRights.intro.length > 0 || brief.humanRights.eventIds.length > 0) {
    humanRights = {
      id: ids.claim('human-rights'),
      introHtml: await render(brief.humanRights.intro, 'primary', 'Human rights', 2),
      events: [],
    };
    for (const id of brief.humanRights.eventIds) {
      humanRights.events.push(await humanRightsEventView(eventById(id), references, ids, direction));
    }
  }

  const sections: SectionView[] = [];
  for (const section of brief.sections) {
    sections.push({
      id: section.id,
      title: section.titleText,
      titleHtml: await phrasingToHtml(section.title, references, { mode: 'primary', backLinkText: section.titleText, headingLevel: 2, direction }),
      titleDir: otherDirection(section.titleText, direction),
      html: await render(section.content, 'primary', section.titleText, 2),
    });
  }

  // Notes are rendered before Sources is built, since a note may cite a quote.
  const notes = await notesView(references, ids, direction);

  const sentences = createSentenceFinder(brief.meta.lang);
  const citationsOf = new Map<string, Citation[]>();
  for (const citation of brief.citations) {
    const list = citationsOf.get(citation.documentId);
    if (list) list.push(citation);
    else citationsOf.set(citation.documentId, [citation]);
  }
  const mainId = ids.claim('main');
  const sources: SourcesView = {
    id: ids.claim('sources'),
    documents: brief.documents.map((document) => documentView(document, citationsOf.get(document.id) ?? [], { references, ids, sentences, direction })),
    verification: brief.verification,
  };
  return {
    lang: brief.meta.lang,
    dir: direction,
    ...head,
    mainId,
    meta: {
      title: brief.meta.title,
      subtitle: brief.meta.subtitle ?? null,
      author: brief.meta.author ?? null,
      date: brief.meta.date === undefined ? null : timeView(brief.meta.date),
    },
    summary,
    chronology,
    humanRights,
    sections,
    tagIndex: tags.view,
    sources,
    review: reviewView(brief, references, ids, direction),
    notes,
  };
}

async function disputedViews(event: Event, references: References, context: MarkdownContext): Promise<DisputedView[]> {
  const views: DisputedView[] = [];
  for (const disputed of event.disputed) {
    const markers = await phrasingToHtml([{ type: 'citationGroup', citationIds: disputed.citationIds }], references, context);
    views.push({ date: timeView(disputed.date), markersHtml: markers });
  }
  return views;
}

async function eventView(event: Event, references: References, tags: TagIndex, direction: Direction): Promise<EventView> {
  // The event's title is an h4 (page h1, section h2, year h3); markers are numbered in reading order.
  const context: MarkdownContext = { mode: 'primary', backLinkText: event.titleText, headingLevel: 4, direction };
  const disputed = await disputedViews(event, references, context);
  const titleHtml = await phrasingToHtml(event.title, references, context);
  return {
    id: event.id,
    date: timeView(event.date),
    disputed,
    titleHtml,
    titleDir: otherDirection(event.titleText, direction),
    place: event.place ?? null,
    actors: event.actors,
    tags: event.tags.map((tag) => tags.link(tag)),
    bodyHtml: await markdownToHtml(event.body, references, context),
  };
}

async function humanRightsEventView(event: Event, references: References, ids: IdAllocator, direction: Direction): Promise<HumanRightsEventView> {
  const context: MarkdownContext = { mode: 'repeat', backLinkText: event.titleText, headingLevel: 3, direction };
  return {
    id: ids.claim(`hr-${event.id}`),
    href: `#${event.id}`,
    date: timeView(event.date),
    disputed: await disputedViews(event, references, context),
    // Plain text: the title is wrapped in a link to the chronology, and links cannot nest.
    title: event.titleText,
    titleDir: otherDirection(event.titleText, direction),
    bodyHtml: await markdownToHtml(event.body, references, context),
  };
}

async function notesView(references: References, ids: IdAllocator, direction: Direction): Promise<NotesView | null> {
  const notes = references.footnotes();
  if (notes.length === 0) return null;
  const html: string[] = [];
  // `notes` grows while this runs when a note refers to another.
  for (let index = 0; index < notes.length; index++) {
    const note = notes[index]!;
    html.push(await markdownToHtml(note.content, references, { mode: 'primary', backLinkText: `Note ${note.number}`, headingLevel: 2, direction }));
  }
  return {
    id: ids.claim('notes'),
    items: notes.map((note, index) => ({
      id: note.id,
      html: html[index] ?? '',
      backLinks: note.referenceIds.map((id, n) => ({ href: `#${id}`, number: n + 1 })),
    })),
  };
}

