// The brief model → the data the templates read. Everything a template prints
// is here: text as plain strings (Handlebars escapes them), markdown as
// sanitized HTML in fields ending in `Html`. Absent values are `null`, never
// missing, so strict templates catch a misspelt field.
import type { Brief, Citation, DateValue, Event, Markdown, SourceDocument, Verification } from '../../model/types.js';
import { createIdAllocator, type IdAllocator } from './ids.js';
import { markdownToHtml, phrasingToHtml, type MarkdownContext } from './markdown.js';
import { createReferences, type BackLink, type Mode, type References } from './references.js';

export interface PageView {
  lang: string;
  css: string;
  meta: MetaView;
  summary: ProseView | null;
  chronology: ChronologyView;
  humanRights: HumanRightsView | null;
  sections: SectionView[];
  sources: SourcesView;
  notes: NotesView | null;
}

export interface TimeView {
  iso: string;
  label: string;
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
  place: string | null;
  actors: string[];
  tags: string[];
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
  bodyHtml: string;
}

export interface SectionView {
  id: string;
  /** Plain text, for the contents. */
  title: string;
  titleHtml: string;
  html: string;
}

export interface SourcesView {
  id: string;
  documents: DocumentView[];
  verification: Verification;
}

export interface DocumentView {
  id: string;
  title: string;
  authors: string[];
  containerTitle: string | null;
  publisher: string | null;
  issued: string | null;
  /** Only http(s) addresses become links; anything else is shown as text. */
  url: { href: string | null; text: string } | null;
  accessed: string | null;
  file: string;
  sha256: string;
  /** False when the title came from the document's first line (no documents.yaml entry). */
  hasEntry: boolean;
  quotes: QuoteView[];
}

export interface QuoteView {
  id: string;
  number: number;
  /** The passage as found in the document, with its context. */
  found: { before: string; exact: string; after: string; line: number; occurrences: number | null } | null;
  /** The quote as the brief gives it, when it was not found. */
  unverified: string | null;
  locator: string | null;
  backLink: BackLink | null;
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

/** Builds the view in page order: markers and notes are numbered as they are rendered. */
export async function buildView(brief: Brief, css: string): Promise<PageView> {
  const ids = createIdAllocator([...brief.events.map((event) => event.id), ...brief.sections.map((section) => section.id)]);
  const references = createReferences(brief, ids);
  const events = new Map(brief.events.map((event) => [event.id, event]));
  const eventById = (id: string): Event => {
    const event = events.get(id);
    if (event === undefined) throw new Error(`the model lists event "${id}" but has no such event`);
    return event;
  };
  const render = (content: Markdown, mode: Mode, backLinkText: string, headingLevel: number) =>
    markdownToHtml(content, references, { mode, backLinkText, headingLevel });

  const summary =
    brief.summary.length === 0 ? null : { id: ids.claim('summary'), html: await render(brief.summary, 'primary', 'Summary', 2) };

  const chronology: ChronologyView = {
    id: ids.claim('chronology'),
    introHtml: await render(brief.chronology.intro, 'primary', 'Chronology', 2),
    years: [],
  };
  for (const group of brief.chronology.years) {
    const year: YearView = { id: ids.claim(`year-${group.year}`), year: group.year, events: [] };
    for (const id of group.eventIds) year.events.push(await eventView(eventById(id), references));
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
      humanRights.events.push(await humanRightsEventView(eventById(id), references, ids));
    }
  }

  const sections: SectionView[] = [];
  for (const section of brief.sections) {
    sections.push({
      id: section.id,
      title: section.titleText,
      titleHtml: await phrasingToHtml(section.title, references, { mode: 'primary', backLinkText: section.titleText, headingLevel: 2 }),
      html: await render(section.content, 'primary', section.titleText, 2),
    });
  }

  // Notes are rendered before Sources is built, since a note may cite a quote.
  const notes = await notesView(references, ids);

  return {
    lang: brief.meta.lang,
    css,
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
    sources: {
      id: ids.claim('sources'),
      documents: brief.documents.map((document) => documentView(document, brief.citations, references, ids)),
      verification: brief.verification,
    },
    notes,
  };
}

function timeView(date: DateValue): TimeView {
  return { iso: date.iso, label: date.label };
}

async function disputedViews(event: Event, references: References, context: MarkdownContext): Promise<DisputedView[]> {
  const views: DisputedView[] = [];
  for (const disputed of event.disputed) {
    const markers = await phrasingToHtml([{ type: 'citationGroup', citationIds: disputed.citationIds }], references, context);
    views.push({ date: timeView(disputed.date), markersHtml: markers });
  }
  return views;
}

async function eventView(event: Event, references: References): Promise<EventView> {
  // The event's title is an h4 (page h1, section h2, year h3); markers are numbered in reading order.
  const context: MarkdownContext = { mode: 'primary', backLinkText: event.titleText, headingLevel: 4 };
  const disputed = await disputedViews(event, references, context);
  const titleHtml = await phrasingToHtml(event.title, references, context);
  return {
    id: event.id,
    date: timeView(event.date),
    disputed,
    titleHtml,
    place: event.place ?? null,
    actors: event.actors,
    tags: event.tags,
    bodyHtml: await markdownToHtml(event.body, references, context),
  };
}

async function humanRightsEventView(event: Event, references: References, ids: IdAllocator): Promise<HumanRightsEventView> {
  const context: MarkdownContext = { mode: 'repeat', backLinkText: event.titleText, headingLevel: 3 };
  return {
    id: ids.claim(`hr-${event.id}`),
    href: `#${event.id}`,
    date: timeView(event.date),
    disputed: await disputedViews(event, references, context),
    // Plain text: the title is wrapped in a link to the chronology, and links cannot nest.
    title: event.titleText,
    bodyHtml: await markdownToHtml(event.body, references, context),
  };
}

async function notesView(references: References, ids: IdAllocator): Promise<NotesView | null> {
  const notes = references.footnotes();
  if (notes.length === 0) return null;
  const html: string[] = [];
  // `notes` grows while this runs when a note refers to another.
  for (let index = 0; index < notes.length; index++) {
    const note = notes[index]!;
    html.push(await markdownToHtml(note.content, references, { mode: 'primary', backLinkText: `Note ${note.number}`, headingLevel: 2 }));
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

function documentView(document: SourceDocument, citations: readonly Citation[], references: References, ids: IdAllocator): DocumentView {
  const meta = document.meta;
  // Every citation of the document, so that every marker's target exists; in marker order.
  const quotes = citations
    .filter((citation) => citation.documentId === document.id)
    .map((citation) => quoteView(citation, references))
    .sort((a, b) => a.number - b.number);
  return {
    id: ids.claim(`doc-${document.id}`),
    title: meta.title,
    authors: meta.author ?? [],
    containerTitle: meta.containerTitle ?? null,
    publisher: meta.publisher ?? null,
    issued: meta.issued ?? null,
    url: meta.url === undefined ? null : { href: /^https?:\/\//i.test(meta.url) ? meta.url : null, text: meta.url },
    accessed: meta.accessed ?? null,
    file: document.file,
    sha256: document.sha256,
    hasEntry: document.hasEntry,
    quotes,
  };
}

function quoteView(citation: Citation, references: References): QuoteView {
  const anchor = citation.anchor;
  return {
    id: references.quoteId(citation.id),
    number: references.number(citation.id),
    found:
      anchor === undefined
        ? null
        : {
            before: contextBefore(anchor.prefix),
            exact: anchor.exact,
            after: contextAfter(anchor.suffix),
            line: anchor.line,
            // Only worth saying when the quote is not unique.
            occurrences: anchor.occurrences > 1 ? anchor.occurrences : null,
          },
    unverified: anchor === undefined ? (citation.quote ?? null) : null,
    locator: citation.locator ?? null,
    backLink: references.backLink(citation.id),
  };
}

/** The anchor stage keeps this many characters of context; shorter context reached the start or end of the document. */
const CONTEXT_LENGTH = 32;

/** Context cut from running text starts at a whole word, after an ellipsis. */
function contextBefore(prefix: string): string {
  if (prefix.length < CONTEXT_LENGTH) return prefix;
  const space = prefix.search(/\s/);
  return `…${space > 0 ? prefix.slice(space + 1) : prefix}`;
}

function contextAfter(suffix: string): string {
  if (suffix.length < CONTEXT_LENGTH) return suffix;
  const space = suffix.search(/\s\S*$/);
  const whole = space > 0 ? suffix.slice(0, space) : suffix;
  return /[.!?]$/.test(whole) ? whole : `${whole}…`;
}
