// Sources: each cited document under its short form ("Mishra 2025") with its
// reference in Chicago author-date style (in a model without references, the
// metadata documents.yaml gives; absent fields are left out, never printed as
// blanks), every quote cited from it with its line and the event it backs (the
// target of the citation's marker, linking back to the event), and the
// verification line.
import { entryUnderHeading } from '../../model/reference.js';
import type { Citation, DocumentMeta, ReferenceRun, SourceDocument, Verification } from '../../model/types.js';
import {
  destination,
  humanRightsId,
  placeDestination,
  proseDestination,
  sourcesId,
  summaryId,
  target,
  type Context,
} from './context.js';
import { sectionHeading } from './headings.js';
import { kept, text, type Run } from './text.js';
import { colour, gap, leading, type } from './theme.js';

const separator = ' · ';

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Runs of the metadata line under a document's title: authors, container, publisher, date of issue. */
export function metadataRuns(meta: DocumentMeta): Run[] {
  const style = type.sourceMeta;
  const parts: Run[][] = [];
  if (meta.author && meta.author.length > 0) parts.push([text(joinNames(meta.author), style)]);
  if (meta.containerTitle) parts.push([text(meta.containerTitle, { ...style, italic: true })]);
  if (meta.publisher) parts.push([text(meta.publisher, style)]);
  // Dates do not break across lines.
  if (meta.issued) parts.push([kept(meta.issued, style)]);
  return parts.flatMap((part, index) => (index === 0 ? part : [text(separator, { ...style, color: colour.muted }), ...part]));
}

function locationRuns(meta: DocumentMeta): Run[] {
  const runs: Run[] = [];
  if (meta.url) runs.push(text(meta.url, { ...type.sourceMeta, size: 9, color: colour.link, link: meta.url }));
  if (meta.accessed) {
    if (runs.length > 0) runs.push(text(separator, { ...type.sourceMeta, size: 9, color: colour.muted }));
    runs.push(kept(`Accessed ${meta.accessed}`, { ...type.sourceMeta, size: 9 }));
  }
  return runs;
}

/** The reference-list entry: italics as the style sets them, web addresses as links. */
export function referenceRuns(runs: readonly ReferenceRun[]): Run[] {
  const style = type.sourceMeta;
  return runs.map((run) =>
    text(run.text, {
      ...style,
      ...(run.italic ? { italic: true } : {}),
      ...(run.url !== undefined && /^https?:\/\//i.test(run.url) ? { link: run.url, color: colour.link } : {}),
    }),
  );
}

/** Where a citation stands (the event it backs, or the prose it is written in): its name and destination. */
function citedIn(context: Context, citation: Citation): { label: Run[]; name: string; goTo?: string } | undefined {
  const style = type.noteMeta;
  const event = citation.eventId === undefined ? undefined : context.events.get(citation.eventId);
  if (event) {
    const link = target(context, destination.event(event.id));
    return {
      label: [text(`${event.date.label}: `, style), text(event.titleText, { ...style, color: colour.link, ...link })],
      name: `${event.date.label}: ${event.titleText}`,
      ...link,
    };
  }
  if (citation.sectionId !== undefined) {
    const section = context.sections.get(citation.sectionId);
    const name =
      section?.titleText ??
      (citation.sectionId === summaryId ? 'Summary' : citation.sectionId === humanRightsId ? 'Human rights' : 'Chronology');
    const link = target(context, proseDestination(context, citation.sectionId));
    return { label: [text(name, { ...style, color: colour.link, ...link })], name, ...link };
  }
  return undefined;
}

function renderCitation(context: Context, citation: Citation): void {
  const { flow } = context;
  const { tags } = flow;
  const quote = citation.anchor?.reads ?? citation.anchor?.exact ?? citation.quote;
  const meta: Run[] = [];
  if (citation.anchor) {
    meta.push(text(`Line ${citation.anchor.line}${citation.locator ? `, ${citation.locator}` : ''}`, type.noteMeta));
  }
  else if (quote !== undefined) meta.push(text('Not verified', { ...type.noteMeta, italic: true }));
  else meta.push(text(citation.locator ? `Cited without a quote (${citation.locator})` : 'Cited without a quote', type.noteMeta));
  if (citation.anchor && citation.anchor.occurrences > 1) {
    meta.push(text(`${separator}found ${citation.anchor.occurrences} times; anchored to the first`, type.noteMeta));
  }
  const where = citedIn(context, citation);
  if (where) meta.push(text(separator, type.noteMeta), ...where.label);
  // The quote links back to where it is cited.
  const back = where?.goTo ? { goTo: where.goTo, linkTitle: `Cited in ${where.name}` } : {};

  const quoteLines = quote === undefined ? [] : flow.layout([text(`“${quote}”`, { ...type.quote, ...back })], leading.tight);
  const metaLines = flow.layout(meta, leading.tight);
  flow.space(5);
  flow.ensure([...quoteLines.slice(0, 2), ...metaLines.slice(0, 1)].reduce((sum, line) => sum + line.height, 0));
  placeDestination(context, destination.citation(citation.id));
  tags.element('LI', () => {
    flow.setMarker([text('–', { ...type.quote, color: colour.muted })], 6, tags.create('Lbl'));
    tags.element('LBody', () => {
      if (quoteLines.length > 0) tags.element('Quote', () => flow.lines(quoteLines));
      flow.y += quoteLines.length > 0 ? 1 : 0;
      tags.element('P', () => flow.lines(metaLines));
    });
  });
}

function renderDocument(context: Context, document: SourceDocument): void {
  const { flow } = context;
  const title = flow.layout([text(document.reference?.short ?? document.meta.title, type.sourceTitle)], leading.heading);
  const metadata = flow.layout(document.reference ? referenceRuns(entryUnderHeading(document.reference)) : metadataRuns(document.meta), leading.tight);
  const location = document.reference ? [] : flow.layout(locationRuns(document.meta), leading.tight);
  const file: Run[] = [
    text('File ', type.noteMeta),
    text(document.file, { ...type.noteMeta, family: 'mono', size: 6.5 }),
    text(`${separator}SHA-256 `, type.noteMeta),
    text(document.sha256, { ...type.noteMeta, family: 'mono', size: 6.5 }),
  ];
  if (!document.hasEntry) {
    file.push(text(`${separator}no entry in documents.yaml; the title is the document’s first line`, { ...type.noteMeta, italic: true }));
  }
  const details = [metadata, location, flow.layout(file, leading.tight)];
  const { tags } = flow;
  flow.space(gap.beforeSource);
  flow.ensure([title, ...details].flat().reduce((sum, line) => sum + line.height, 0) + 3 * type.quote.size * leading.tight);
  placeDestination(context, destination.document(document.id));
  tags.element('Sect', () => {
    tags.element('H3', () => flow.lines(title, { keepPairs: false }));
    for (const lines of details) if (lines.length > 0) tags.element('P', () => flow.lines(lines, { keepPairs: false }));
    tags.element('L', () =>
      flow.indent(14, () => {
        for (const id of document.citationIds) {
          const citation = context.citations.get(id);
          if (citation) renderCitation(context, citation);
        }
      }),
    );
  });
}

/** "1 document", "5 documents". */
export const count = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`;

/** "5 documents · 48 citations · 45 quotes verified · 2 warnings". */
export function verificationLine(verification: Verification): string {
  const verified =
    verification.quotesVerified === verification.quotes
      ? `${count(verification.quotesVerified, 'quote')} verified`
      : `${verification.quotesVerified} of ${count(verification.quotes, 'quote')} verified`;
  return [
    count(verification.documents, 'document'),
    count(verification.citations, 'citation'),
    verified,
    count(verification.warnings, 'warning'),
    ...(verification.errors > 0 ? [count(verification.errors, 'error')] : []),
  ].join(separator);
}

export function renderSources(context: Context): void {
  const { flow, brief } = context;
  flow.tags.element('Sect', () => {
    sectionHeading(context, [text('Sources', type.section)], 'Sources', destination.part(sourcesId));
    for (const document of brief.documents) renderDocument(context, document);

    flow.space(gap.beforeSection);
    const lines = flow.layout(
      [text('Verification: ', { ...type.verification, bold: true }), text(verificationLine(brief.verification), type.verification)],
      leading.body,
    );
    flow.ensure(8 + lines.reduce((sum, line) => sum + line.height, 0));
    flow.rule(colour.rule);
    flow.y += 6;
    flow.tags.element('P', () => flow.lines(lines));
  });
}
