// Parsed files + loaded documents → the Brief model.
import GithubSlugger, { slug } from 'github-slugger';
import { markdownReading } from '../anchor/reading.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedDocument } from '../documents/load.js';
import { METADATA_FILE, type MetadataEntry } from '../documents/metadata.js';
import { findFurniture } from '../documents/hygiene.js';
import type { ParsedFile } from '../parse/file.js';
import type { formatReferences } from './bibliography.js';
import type { Brief, BriefMeta, Citation, Event, Markdown, Reference, Section, SourceDocument, YearGroup } from './types.js';

export interface AssembleInput {
  /** brief.md first, then the events files in name order. */
  files: ParsedFile[];
  meta: BriefMeta;
  documents: ReadonlyMap<string, LoadedDocument>;
  metadata: ReadonlyMap<string, MetadataEntry>;
  /**
   * Formats each document's reference (the bibliography's `formatReferences`,
   * passed in so a check, which renders nothing, never loads the CSL processor).
   * Without it the documents have no reference.
   */
  formatReferences?: typeof formatReferences;
  /** The documents folder or documents.yaml could not be read (their errors say why): what they hold is not missing. */
  unread?: { documents: boolean; metadata: boolean };
  /** The build takes changed quotes' new wording in (`--accept`): a person checked them, so they count as verified. */
  accepted?: boolean;
}

export const HUMAN_RIGHTS_TAG = 'human-rights';
/** Ids the page itself uses; sections named like them get a suffix. */
const RESERVED_IDS = ['summary', 'contents', 'chronology', 'human-rights', 'sources', 'verification', 'notes'];

export function assembleBrief({ files, meta, documents, metadata, unread, formatReferences, accepted = false }: AssembleInput): { brief: Brief; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const citations = files.flatMap((file) => file.citations);
  const citationById = new Map(citations.map((citation) => [citation.id, citation]));

  const events: Event[] = [];
  const eventIds = new Map<string, Event>();
  for (const parsed of files.flatMap((file) => file.events)) {
    if (!parsed.date) continue;
    const { annotations } = parsed;
    const id = annotations.id?.value ?? (slug(parsed.titleText) || `event-${events.length + 1}`);
    const existing = eventIds.get(id);
    if (existing) {
      const at = annotations.id?.at ?? parsed.position.start;
      diagnostics.push(
        diagnostic('error', 'duplicate-id', `event id "${id}" is already used by the event at ${existing.position.file}:${existing.position.start.line}; give one of them an \`Id:\` annotation`, parsed.position.file, at),
      );
      continue;
    }
    const event: Event = {
      type: 'event',
      id,
      date: parsed.date,
      title: parsed.title,
      titleText: parsed.titleText,
      tags: annotations.tags,
      actors: annotations.actors,
      disputed: annotations.disputed.flatMap((d) => (d.date ? [{ date: d.date, citationIds: d.citationIds, position: d.position }] : [])),
      body: parsed.body,
      citationIds: parsed.citationIds,
      position: parsed.position,
    };
    if (annotations.place) event.place = annotations.place;
    eventIds.set(id, event);
    events.push(event);
    for (const citationId of event.citationIds) citationById.get(citationId)!.eventId = id;
    // An event with an error of its own (a citation that could not be read) is not told it cites nothing.
    if (event.citationIds.length === 0 && !parsed.hasErrors) {
      diagnostics.push(
        diagnostic('warning', 'missing-citation', `event "${parsed.titleText}" cites no source; back it with [@document-id, "a verbatim quote"]`, parsed.position.file, parsed.position.start),
      );
    }
  }
  // Array.prototype.sort is stable: ties keep file order.
  events.sort((a, b) => a.date.sortKey - b.date.sortKey);

  const slugger = new GithubSlugger();
  for (const reserved of RESERVED_IDS) slugger.slug(reserved);
  const [summarySection, ...headed] = files[0]?.sections ?? [];
  const summary: Markdown = summarySection?.content ?? [];
  for (const id of summarySection?.citationIds ?? []) citationById.get(id)!.sectionId = 'summary';
  let chronologyIntro: Markdown = [];
  let humanRightsIntro: Markdown = [];
  const sections: Section[] = [];
  for (const parsed of headed) {
    const heading = parsed.heading!;
    const name = heading.text.trim().toLowerCase();
    let id: string;
    if (name === 'chronology') {
      chronologyIntro = [...chronologyIntro, ...parsed.content];
      id = 'chronology';
    } else if (name === 'human rights') {
      humanRightsIntro = [...humanRightsIntro, ...parsed.content];
      id = 'human-rights';
    } else {
      id = slugger.slug(heading.text) || slugger.slug('section');
      sections.push({ type: 'section', id, title: heading.title, titleText: heading.text, content: parsed.content, position: heading.position });
    }
    for (const citationId of parsed.citationIds) citationById.get(citationId)!.sectionId = id;
  }

  const years: YearGroup[] = [];
  for (const event of events) {
    const year = event.date.start.year;
    const group = years.at(-1);
    if (group && group.year === year) group.eventIds.push(event.id);
    else years.push({ year, eventIds: [event.id] });
  }

  const footnotes: Record<string, Markdown> = {};
  for (const footnote of files.flatMap((file) => file.footnotes)) footnotes[footnote.identifier] ??= footnote.content;

  const cited = citeDocuments(citations, documents, metadata, unread, diagnostics);
  const references = formatReferences?.(cited.map((document) => ({ id: document.id, meta: document.meta, csl: metadata.get(document.id)?.csl }))) ?? new Map<string, Reference>();
  for (const document of cited) {
    const reference = references.get(document.id);
    if (reference) document.reference = reference;
  }

  const brief: Brief = {
    meta,
    summary,
    chronology: { intro: chronologyIntro, years },
    humanRights: { intro: humanRightsIntro, eventIds: events.filter((e) => e.tags.includes(HUMAN_RIGHTS_TAG)).map((e) => e.id) },
    sections,
    events,
    citations,
    documents: cited,
    footnotes,
    verification: {
      documents: cited.length,
      citations: citations.length,
      quotes: citations.filter((c) => c.quote !== undefined).length,
      quotesVerified: citations.filter((c) => c.anchor !== undefined && (c.status !== 'changed' || accepted)).length,
      warnings: 0,
      errors: 0,
    },
  };
  return { brief, diagnostics };
}

/** The cited documents in order of first citation, with their metadata or a title from their first line. */
function citeDocuments(
  citations: readonly Citation[],
  documents: ReadonlyMap<string, LoadedDocument>,
  metadata: ReadonlyMap<string, MetadataEntry>,
  unread: AssembleInput['unread'],
  diagnostics: Diagnostic[],
): SourceDocument[] {
  const cited = new Map<string, SourceDocument>();
  for (const citation of citations) {
    const loaded = documents.get(citation.documentId);
    if (!loaded) continue;
    let document = cited.get(loaded.id);
    if (!document) {
      const entry = metadata.get(loaded.id);
      if (!entry && !unread?.metadata) {
        diagnostics.push(
          diagnostic('warning', 'missing-metadata', `${loaded.file} has no entry in ${METADATA_FILE}; its title is taken from its first line. Add \`- id: ${loaded.id}\` with title, author, issued, URL as the document states them`, loaded.file),
        );
      }
      document = {
        id: loaded.id,
        file: loaded.file,
        meta: entry?.meta ?? { title: firstLine(loaded.file.endsWith('.md') ? markdownReading(loaded.text.slice(0, TITLE_SOURCE)).text : loaded.text) || loaded.id },
        hasEntry: entry !== undefined,
        sha256: loaded.sha256,
        size: loaded.size,
        citationIds: [],
        text: loaded.text,
      };
      const furniture = findFurniture(loaded.text);
      if (furniture.length > 0) document.furniture = furniture;
      cited.set(loaded.id, document);
    }
    document.citationIds.push(citation.id);
  }
  for (const [id, entry] of metadata) {
    if (!documents.has(id) && !unread?.documents) {
      diagnostics.push(diagnostic('warning', 'missing-document-file', `${entry.file} describes "${id}" but there is no sources/documents/${id}.txt or .md`, entry.file, entry.at));
    }
  }
  return [...cited.values()];
}

/** Characters of a markdown document read for its first line: a heading, as its words ("# Title" reads "Title"). */
const TITLE_SOURCE = 4096;

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
