// The notes printed under an event or a prose section: its citations as
// "1. Document title, line 12: “quote”", then its footnotes as "a. …". Each is
// a Note in the structure tree; a citation's number links to its quote in
// Sources, the document's title to the document there.
import { toString } from 'mdast-util-to-string';
import type { Citation } from '../../model/types.js';
import { destination, target, type Context } from './context.js';
import { renderBlocks, type Prose } from './markdown.js';
import type { NoteScope } from './numbering.js';
import { text, type Run, type RunStyle } from './text.js';
import { colour, gap, leading, type } from './theme.js';

const noteProse: Prose = Object.freeze({ style: type.note, lineHeight: leading.tight, paragraphGap: 1 });

/** Least width of the column holding note numbers, and the space between a number and its note. */
const numberColumn = 15;
const numberGap = 5;

/**
 * How notes name a document: its reference's short form ("Mishra 2025"); in a
 * model without references, its title (set in italics); its id when the brief
 * cites a document it does not list.
 */
export function documentName(context: Context, documentId: string): { text: string; italic: boolean } {
  const document = context.documents.get(documentId);
  if (document?.reference) return { text: document.reference.short, italic: false };
  return { text: document?.meta.title ?? documentId, italic: document !== undefined };
}

/** The text of one citation note, without its number. */
export function citationNote(context: Context, citation: Citation, style: RunStyle): Run[] {
  const runs: Run[] = [];
  if (citation.prefix) runs.push(text(`${citation.prefix} `, style));
  const name = documentName(context, citation.documentId);
  runs.push(text(name.text, { ...style, italic: name.italic, ...target(context, destination.document(citation.documentId)) }));
  if (citation.anchor) {
    runs.push(text(`, line ${citation.anchor.line}: “${citation.anchor.reads ?? citation.anchor.exact}”`, style));
  } else if (citation.quote !== undefined) {
    runs.push(text(`: “${citation.quote}” `, style), text('(not verified)', { ...style, italic: true }));
  } else if (citation.locator) {
    runs.push(text(`, ${citation.locator}`, style));
  }
  if (citation.locator && citation.quote !== undefined) runs.push(text(` (${citation.locator})`, style));
  return runs;
}

function hasNotes(scope: NoteScope): boolean {
  return scope.citations.size > 0 || scope.footnotes.size > 0;
}

/** Notes shorter than this share a page; longer ones may break across pages. */
const keepTogether = 170;

export function renderNotes(context: Context, scope: NoteScope): void {
  if (!hasNotes(scope)) return;
  const { flow, brief } = context;
  const labels = [...scope.citations.values(), ...scope.footnotes.values()].map((label) => `${label}.`);
  const column = Math.max(numberColumn, ...labels.map((label) => flow.ts.width(label, type.note) + numberGap));
  const width = flow.width - column;
  const citations = [...scope.citations].flatMap(([id, number]) => {
    const citation = context.citations.get(id);
    return citation ? [{ id, number, lines: flow.layout(citationNote(context, citation, type.note), leading.tight, width) }] : [];
  });
  const footnotes = [...scope.footnotes].map(([key, letter]) => ({ letter, content: brief.footnotes[key] ?? [] }));
  // Footnotes are measured as plain text: close enough to decide whether the block fits.
  const footnoteHeight = footnotes
    .flatMap(({ content }) => flow.layout([text(content.map((node) => toString(node)).join(' '), type.note)], leading.tight, width))
    .reduce((sum, line) => sum + line.height, 0);
  const height =
    4 +
    citations.flatMap(({ lines }) => lines).reduce((sum, line) => sum + line.height, 0) +
    footnoteHeight +
    (citations.length + footnotes.length) * gap.note;

  flow.space(gap.beforeNotes);
  flow.ensure(height <= keepTogether ? height : 4 + 2 * type.note.size * leading.tight);
  flow.rule(colour.rule, 56);
  flow.y += 4;
  const { tags } = flow;
  tags.element('Div', () =>
    flow.indent(column, () => {
      for (const { id, number, lines } of citations) {
        flow.space(gap.note);
        tags.element('Note', () => {
          const label = tags.create('Lbl');
          const link = target(context, destination.citation(id));
          const style = link.goTo ? { ...type.note, ...link, linkTitle: `Note ${number}: the quote in Sources` } : type.note;
          flow.setMarker([text(`${number}.`, style)], numberGap, label);
          tags.element('P', () => flow.lines(lines));
        });
      }
      for (const { letter, content } of footnotes) {
        flow.space(gap.note);
        tags.element('Note', () => {
          flow.setMarker([text(`${letter}.`, type.note)], numberGap, tags.create('Lbl'));
          renderBlocks(context, scope, content, noteProse);
          flow.flushMarker();
        });
      }
    }),
  );
}
