// A line scanner for the block structure the brief format is made of: ATX
// headings and GFM footnote definitions outside fenced code. Splitting a file
// on headings first lets each event be parsed on its own, which keeps parsing
// linear in the size of the brief.
import { location } from 'vfile-location';
import type { Point } from '../model/types.js';

export interface Line {
  /** 1-based line number. */
  number: number;
  /** Offset of the first character of the line. */
  offset: number;
  /** The line without its line ending. */
  text: string;
}

export interface Heading {
  line: Line;
  depth: number;
  /** Heading text without the `#` marks and closing sequence. */
  text: string;
  /** 1-based column where the text starts. */
  textColumn: number;
}

/** Offset → line and column in `source`, counting \n, \r\n and a lone \r as line breaks, as micromark does. */
export function pointLocator(source: string): (offset: number) => Point {
  const place = location(source);
  return (offset) => {
    // Not between the \r and \n of one line break: that is the end of the line.
    if (offset > 0 && source[offset - 1] === '\r' && source[offset] === '\n') offset--;
    const point = place.toPoint(offset) ?? place.toPoint(source.length) ?? { line: 1, column: 1 };
    return { line: point.line, column: point.column, offset };
  };
}

export function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\r|\n/g;
  let offset = 0;
  let number = 1;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    lines.push({ number, offset, text: source.slice(offset, match.index) });
    offset = match.index + match[0].length;
    number += 1;
  }
  if (offset < source.length || lines.length === 0) lines.push({ number, offset, text: source.slice(offset) });
  return lines;
}

const ATX = /^( {0,3})(#{1,6})(?:[ \t]+|$)/;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:/;

/** A fence opening, at the start of a line or after the markers of the lists and block quotes it stands in. */
const FENCE_OPENING = /^ {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*(`{3,}|~{3,})/;
/**
 * The HTML blocks of CommonMark (its kinds 1 to 7), by how each starts and
 * ends: inside one, neither a fence nor a `#` line is what it looks like.
 * Kinds 1 to 5 end at the line that holds their end mark, 6 and 7 at a blank
 * line; 7 (a tag alone on its line) cannot interrupt a paragraph.
 */
const HTML_BLOCKS: ReadonlyArray<{ start: RegExp; end: RegExp | 'blank'; notAfterParagraph?: true }> = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
  {
    start: new RegExp(
      `^ {0,3}</?(?:${'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul'})(?:[ \\t>]|/>|$)`,
      'i',
    ),
    end: 'blank',
  },
  {
    start: /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/,
    end: 'blank',
    notAfterParagraph: true,
  },
];

/**
 * Marks which lines are inside fenced code blocks or HTML blocks, where `#`
 * is not a heading: a commented-out event stays out, as the outputs leave the
 * comment out, and a fence inside a `<div>` opens nothing. A fence opened in
 * a list item or block quote ends at its closing fence or where its container
 * ends, as CommonMark has it.
 */
function codeLines(lines: readonly Line[]): boolean[] {
  const inCode: boolean[] = [];
  let fence: { marks: string; quoted: boolean; indent: number } | undefined;
  let html: (typeof HTML_BLOCKS)[number] | undefined;
  /** Whether the line before is a paragraph's, which an HTML block of kind 7 cannot interrupt. */
  let inParagraph = false;
  for (const line of lines) {
    const blank = line.text.trim() === '';
    if (html) {
      if (html.end === 'blank' ? blank : html.end.test(line.text)) html = undefined;
      inCode.push(html !== undefined || !blank);
      inParagraph = false;
      continue;
    }
    // A line that does not carry on the fence's list item or block quote ends the fence.
    if (fence && (fence.quoted ? !/^ {0,3}>/.test(line.text) : fence.indent > 0 && !blank && /^ */.exec(line.text)![0].length < fence.indent)) {
      fence = undefined;
    }
    if (fence === undefined) {
      const match = FENCE_OPENING.exec(line.text);
      if (match && !(match[1]!.startsWith('`') && line.text.slice(match[0].length).includes('`'))) {
        const prefix = match[0].slice(0, match[0].length - match[1]!.length);
        const contained = prefix.trim() !== '';
        fence = { marks: match[1]!, quoted: prefix.includes('>'), indent: contained ? prefix.length : 0 };
        inCode.push(true);
        inParagraph = false;
        continue;
      }
      const block = HTML_BLOCKS.find((kind) => kind.start.test(line.text) && !(inParagraph && kind.notAfterParagraph));
      // A block whose end mark is on its first line, after its start, ends there.
      if (block && !(block.end !== 'blank' && block.end.test(line.text.slice(block.start.exec(line.text)![0].length)))) html = block;
      inCode.push(block !== undefined);
      inParagraph = block === undefined && !blank && !ATX.test(line.text);
      continue;
    } else {
      inCode.push(true);
      const closing = line.text.replace(/^[ \t>]*/, '').trimEnd();
      if (closing.length >= fence.marks.length && closing === closing[0]!.repeat(closing.length) && closing[0] === fence.marks[0]) fence = undefined;
    }
    inParagraph = false;
  }
  return inCode;
}

export function findHeadings(lines: readonly Line[]): Heading[] {
  const inCode = codeLines(lines);
  const headings: Heading[] = [];
  lines.forEach((line, index) => {
    if (inCode[index]) return;
    const match = ATX.exec(line.text);
    if (!match) return;
    const text = withoutClosingSequence(line.text.slice(match[0].length));
    headings.push({ line, depth: match[2]!.length, text, textColumn: match[0].length + 1 });
  });
  return headings;
}

/** Heading text without its closing `#` sequence; written out because a regular expression for it backtracks on long runs of spaces. */
function withoutClosingSequence(text: string): string {
  const isSpace = (i: number) => text[i] === ' ' || text[i] === '\t';
  let end = text.length;
  while (end > 0 && isSpace(end - 1)) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || isSpace(hashes - 1))) end = hashes;
  return text.slice(0, end).trimEnd();
}

/** Labels of GFM footnote definitions in the file, so a reference in one part finds a definition in another. */
export function findFootnoteLabels(lines: readonly Line[]): string[] {
  const inCode = codeLines(lines);
  const labels = new Set<string>();
  lines.forEach((line, index) => {
    const match = inCode[index] ? null : FOOTNOTE_DEFINITION.exec(line.text);
    if (match) labels.add(match[1]!);
  });
  return [...labels];
}
