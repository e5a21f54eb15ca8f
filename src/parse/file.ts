// One markdown file of a brief root → prose sections and events, with their
// citations. brief.md also has front matter; sources/events/*.md hold events only.
import type { PhrasingContent, RootContent } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { BriefMeta, Citation, DateValue, Point, Position } from '../model/types.js';
import { parseAnnotations, type Annotations } from './annotations.js';
import { DATE_TOKEN, dateInWords, parseDate } from './date.js';
import { parseFrontMatter } from './front-matter.js';
import { findFootnoteLabels, findHeadings, pointLocator, splitLines, type Heading, type Line } from './lines.js';
import { MAX_PART_CHARS } from './limits.js';
import { parseMarkdown, type FoundGroup, type ImageNote, type MarkdownPart, type ParsedMarkdown } from './markdown.js';

export interface ParsedEvent {
  date?: DateValue;
  title: PhrasingContent[];
  titleText: string;
  annotations: Annotations;
  body: RootContent[];
  citationIds: string[];
  position: Position;
  /** An error was found in it (a citation or a part that could not be read), so "cites no source" may not be so. */
  hasErrors?: boolean;
}

export interface ParsedSection {
  /** Undefined for the prose before the first `#` heading (the summary). */
  heading?: { title: PhrasingContent[]; text: string; position: Position };
  content: RootContent[];
  citationIds: string[];
}

export interface ParsedFile {
  file: string;
  meta?: BriefMeta;
  sections: ParsedSection[];
  events: ParsedEvent[];
  citations: Citation[];
  footnotes: Array<{ identifier: string; content: RootContent[] }>;
  diagnostics: Diagnostic[];
  /** The images its markdown shows, for the documents stage to read (../documents/images.ts). */
  images: Array<ImageNote & { file: string }>;
}

/** Numbers citations across all files of one build, so ids are stable and unique. */
export interface CitationCounter {
  next: number;
}

const SEPARATOR = /^(?:[ \t]+[—–-][ \t]+|:[ \t]+)/;

export function parseBriefFile(file: string, source: string, kind: 'brief' | 'events', counter: CitationCounter): ParsedFile {
  const lines = splitLines(source);
  const toPoint = pointLocator(source);
  const result: ParsedFile = { file, sections: [], events: [], citations: [], footnotes: [], diagnostics: [], images: [] };

  let firstLine = 0;
  if (kind === 'brief') {
    const frontMatter = parseFrontMatter(file, lines);
    result.diagnostics.push(...frontMatter.diagnostics);
    if (frontMatter.meta) result.meta = frontMatter.meta;
    firstLine = frontMatter.bodyLine;
  }
  const body = lines.slice(firstLine);
  const footnoteLabels = new Set(findFootnoteLabels(body));
  const footnotePrefix = kind === 'brief' ? '' : `${file.replace(/^.*\//, '').replace(/\.md$/, '')}-`;
  const headings = findHeadings(body);
  const lineIndex = (line: Line) => line.number - 1;
  const endOf = (index: number) => (index < lines.length ? lines[index]!.offset : source.length);

  const markdown = (startOffset: number, end: number, column = 1): ParsedMarkdown => {
    const start = toPoint(startOffset);
    const part: MarkdownPart = { source, start: { ...start, column }, end, footnoteLabels, footnotePrefix, toPoint, file };
    const parsed = parseMarkdown(part);
    if (parsed.problem) {
      const { ruleId, message, offset } = parsed.problem;
      result.diagnostics.push(diagnostic('error', ruleId, `${message} (this part is left out)`, file, toPoint(offset)));
    }
    for (const { at, tag, inline } of parsed.rawHtml ?? []) {
      const what = inline ? `the HTML tag \`${tag}\` is left out of the HTML and the PDF (the text beside it stays, unstyled)` : `the HTML block \`${tag}\` is left out of the HTML and the PDF, with all the text in it`;
      result.diagnostics.push(diagnostic('warning', 'raw-html', `${what}; write it as markdown: *emphasis*, **bold**, [text](https://…), a backslash at a line end for a line break`, file, at));
    }
    for (const at of parsed.citationsInLinks ?? []) {
      result.diagnostics.push(
        diagnostic('error', 'bad-citation', 'a citation inside the text of a link is not read, so its quote is not checked; put it after the link: [text](https://…) [@id, "…"]', file, at),
      );
    }
    for (const image of parsed.images ?? []) result.images.push({ ...image, file });
    result.footnotes.push(...parsed.footnotes);
    return parsed;
  };
  const cite = (groups: FoundGroup[]): string[] => collectCitations(groups, file, toPoint, counter, result);

  // The summary or current `#` section, and the prose ranges that belong to it.
  let section: ParsedSection = { content: [], citationIds: [] };
  result.sections.push(section);
  const addProse = (from: number, to: number) => {
    if (from >= to || source.slice(endOf(from), endOf(to)).trim() === '') return;
    if (kind === 'events') {
      const at = lines.slice(from, to).find((line) => line.text.trim() !== '')!;
      result.diagnostics.push(
        diagnostic('warning', 'text-outside-event', 'text outside an event in an events file is not shown; move it under an event heading or into brief.md', file, { line: at.number, column: 1 }),
      );
      return;
    }
    const parsed = markdown(endOf(from), endOf(to));
    section.content.push(...parsed.content);
    section.citationIds.push(...cite(parsed.groups));
  };

  // For each heading, the index of the next one that ends its event: the same or a higher level, or an event.
  const ends: number[] = new Array<number>(headings.length).fill(headings.length);
  const open: number[] = [];
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    const event = isEvent(heading);
    while (open.length > 0 && (event || headings[open.at(-1)!]!.depth >= heading.depth)) ends[open.pop()!] = h;
    open.push(h);
  }

  let proseFrom = firstLine;
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    const start = lineIndex(heading.line);
    if (start < proseFrom) continue;
    if (heading.depth === 1 && kind === 'brief') {
      addProse(proseFrom, start);
      const title = markdown(heading.line.offset + heading.textColumn - 1, heading.line.offset + heading.textColumn - 1 + heading.text.length, heading.textColumn);
      section = {
        heading: { title: phrasing(title.content), text: heading.text, position: positionOf(file, toPoint, heading.line.offset, endOf(start + 1)) },
        content: [],
        citationIds: cite(title.groups),
      };
      result.sections.push(section);
      proseFrom = start + 1;
      continue;
    }
    const date = heading.depth >= 2 ? DATE_TOKEN.exec(heading.text) : null;
    const separator = date ? SEPARATOR.exec(heading.text.slice(date[0].length)) : null;
    if (!date || !separator) {
      const problem = heading.depth >= 2 ? notAnEvent(heading.text, date?.[0]) : undefined;
      if (problem) result.diagnostics.push(diagnostic('warning', 'not-an-event', problem, file, { line: heading.line.number, column: heading.textColumn }));
      continue;
    }

    addProse(proseFrom, start);
    const next = headings[ends[h]!];
    const end = next ? lineIndex(next.line) : lines.length;
    result.events.push(parseEvent(heading, date[0], separator[0], start, end));
    proseFrom = end;
  }
  addProse(proseFrom, lines.length);
  return result;

  function parseEvent(heading: Heading, dateText: string, separator: string, start: number, end: number): ParsedEvent {
    const diagnosticsBefore = result.diagnostics.length;
    const dateColumn = heading.textColumn;
    const titleColumn = dateColumn + dateText.length + separator.length;
    const titleOffset = heading.line.offset + titleColumn - 1;
    const titleText = heading.text.slice(dateText.length + separator.length).trim();
    const title = markdown(titleOffset, titleOffset + titleText.length, titleColumn);
    const position = positionOf(file, toPoint, heading.line.offset, endOf(start + 1));
    const event: ParsedEvent = {
      title: phrasing(title.content),
      titleText,
      annotations: { tags: [], actors: [], disputed: [] },
      body: [],
      citationIds: cite(title.groups),
      position,
    };
    const date = parseDate(dateText);
    if (date.ok) event.date = date.value;
    else result.diagnostics.push(diagnostic('error', 'bad-date', date.reason, file, { line: heading.line.number, column: dateColumn }));

    const annotated = parseAnnotations(file, lines, start + 1, end, toPoint);
    if (endOf(annotated.bodyLine) - heading.line.offset > MAX_PART_CHARS) {
      // The body is checked on its own by parseMarkdown; the heading and annotations are checked here.
      const message = `an event heading with annotations of more than ${MAX_PART_CHARS.toLocaleString('en-US')} characters; split them (this event is left out)`;
      result.diagnostics.push(diagnostic('error', 'too-large', message, file, { line: heading.line.number, column: 1 }));
      event.hasErrors = true;
      delete event.date;
      return event;
    }
    event.annotations = annotated.annotations;
    result.diagnostics.push(...annotated.diagnostics);
    for (const disputed of event.annotations.disputed) {
      disputed.citationIds = cite(disputed.groups);
      // A Disputed line whose date cannot be read has its error; its quotes are checked but back no date of the event.
      if (disputed.date) event.citationIds.push(...disputed.citationIds);
    }
    const parsed = markdown(endOf(annotated.bodyLine), endOf(end));
    event.body = parsed.content;
    event.citationIds.push(...cite(parsed.groups));
    if (result.diagnostics.slice(diagnosticsBefore).some((d) => d.severity === 'error')) event.hasErrors = true;
    return event;
  }
}

/**
 * Why a heading that looks meant as an event is not one: a date with no title,
 * a month or day date with no dash before the title, or a date in words.
 */
function notAnEvent(text: string, date: string | undefined): string | undefined {
  const form = (edtf: string, title: string) => `\`## ${edtf} — ${title || 'What happened'}\``;
  const words = dateInWords(text);
  if (words) {
    const rest = text.slice(words.words.length);
    if (rest.trim() !== '' && !SEPARATOR.test(rest)) return undefined;
    return `"${words.words}" is a date in words, so this heading is not an event; write the date in EDTF: ${form(words.edtf, rest.replace(SEPARATOR, '').trim())}`;
  }
  // Dates as people write them that EDTF writes otherwise: "~2025", "c. 2025", "1990s", "2025-Q3".
  const written = /^(?:(~|c\.|ca\.|circa)\s*(\d{4})|(\d{3})0s|(\d{4})[- ]?Q([1-4]))(?=\s*[—–:-]\s*\S)/i.exec(text);
  if (written) {
    const [whole, approximate, year, decade, quarterYear, quarter] = written;
    const month = (n: number) => String(n).padStart(2, '0');
    const edtf = approximate ? `${year}~` : decade ? `${decade}0/${decade}9` : `${quarterYear}-${month(Number(quarter) * 3 - 2)}/${quarterYear}-${month(Number(quarter) * 3)}`;
    return `"${whole}" is not an EDTF date, so this heading is not an event; write ${form(edtf, text.slice(whole.length).replace(SEPARATOR, '').trim())}`;
  }
  // A year alone or before words ("2025", "2025 in review") and what is no date ("2025/26") head sections.
  if (date !== undefined && /[-/~?%]/.test(date) && parseDate(date).ok) {
    const rest = text.slice(date.length).trim();
    if (rest === '') return `"${date}" with no title is not an event (it is shown as a heading of its own); an event heading is the date, a dash and what happened: ${form(date, '')}`;
    const time = /^T\d{1,2}(?::\d{2}){0,2}(?:Z|[+-]\d{2}:?\d{2})?/.exec(rest)?.[0];
    if (time) return `a time of day ("${time}") is not read in an event's date, so this heading is not an event; give the time in the text: ${form(date, rest.slice(time.length).replace(/^\s*[—–:-]\s*/, ''))}`;
    return `this heading is not an event: a dash or a colon must stand between the date and the title: ${form(date, rest.replace(/^[—–-]\s*/, ''))}`;
  }
  return undefined;
}

function isEvent(heading: Heading): boolean {
  const date = heading.depth >= 2 ? DATE_TOKEN.exec(heading.text) : null;
  return date !== null && SEPARATOR.test(heading.text.slice(date[0].length));
}

function phrasing(content: RootContent[]): PhrasingContent[] {
  const first = content[0];
  return first && first.type === 'paragraph' ? first.children : [];
}

function positionOf(file: string, toPoint: (offset: number) => Point, start: number, end: number): Position {
  return { file, start: toPoint(start), end: toPoint(Math.max(start, end - 1)) };
}

/** Turns found citation groups into Citations with ids, and reports malformed items. */
function collectCitations(
  groups: FoundGroup[],
  file: string,
  toPoint: (offset: number) => Point,
  counter: CitationCounter,
  result: ParsedFile,
): string[] {
  const ids: string[] = [];
  for (const group of groups) {
    group.match.problems.forEach((problem, index) => {
      result.diagnostics.push(diagnostic('error', problem.rule ?? 'bad-citation', problem.message, file, toPoint(group.problemOffsets[index] ?? group.start)));
    });
    group.match.items.forEach((item, index) => {
      counter.next += 1;
      const id = `c${counter.next}`;
      const keyOffset = group.keyOffsets[index] ?? group.start;
      const quoteOffset = group.quoteOffsets[index];
      const citation: Citation = {
        id,
        // Ids are compared composed (NFC): an accent typed decomposed, or a file named so on macOS, is the same id.
        documentId: item.key.normalize('NFC'),
        position: { file, start: toPoint(keyOffset), end: toPoint(group.end) },
      };
      if (quoteOffset !== undefined) citation.quotePosition = toPoint(quoteOffset);
      if (item.prefix) citation.prefix = item.prefix;
      if (item.locator) citation.locator = item.locator;
      if (item.quote !== undefined) citation.quote = item.quote;
      result.citations.push(citation);
      group.node.citationIds.push(id);
      ids.push(id);
    });
  }
  return ids;
}
