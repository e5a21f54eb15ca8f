// Prose that markdown reads as plain paragraphs of text, found without running
// the parser. micromark takes about 0.2 ms for an event's body, a fifth of it
// before it reads a character, and most of a brief is such prose: sentences
// with citations, now and then a word or a line in *emphasis*. Property tests
// compare what is made here with what remark-parse and remark-gfm make,
// positions included.
import type { Emphasis, Paragraph, Text } from 'mdast';
import { classifyCharacter } from 'micromark-util-classify-character';

/**
 * A line of a paragraph with no markup in it but single asterisks: it starts
 * with a character no block starts with (not a list marker, `#`, `>`, `-`, `=`,
 * `|`, `:` or a space), holds none of the characters other inline markup is made
 * of (`_`, code, strike-through, tables, HTML, escapes, character references),
 * no whitespace but single spaces inside it, and no control character. What
 * its asterisks make is for `emphasisIn` to say.
 */
const PROSE_LINE = /^(?!\d{1,9}[.)](?: |$))(?!\*(?:[\s*]|$))[^\s_`~<>|\\&#+=:\-\p{Cc}\p{Cs}](?:[^\s_`~<>|\\&\p{Cc}\p{Cs}]| (?! *$))*$/u;

/**
 * What makes a paragraph more than text: a link or an image (`](`, `![`), or a
 * GFM literal link (`www.`, `https:`, `a@b.c`).
 */
const PROSE_MARKUP = /\]\(|!\[|www|https?:|[\w+.-]@/i;

/**
 * What reaches from one block into another: a footnote (`[^`) or a definition
 * (`]:`, which turns `[x]` anywhere into a link), or a line that may open a
 * fence or an HTML block, which go on across blank lines (also inside a list
 * item or a block quote).
 */
const READ_WHOLE = /\[\^|\]:|^[ \t>*+\-.)\d]*[`~<]|\r/m;

export interface Block {
  /** Offsets in the text: a prose block's first character and the end of its last line; markup runs on to the next block. */
  from: number;
  to: number;
  /** Line of the text it starts on, from 1. */
  line: number;
  /** A paragraph of plain prose; otherwise markdown to parse. */
  prose: boolean;
  /** Of a prose block: the offsets of the asterisks that open and close each stretch of emphasis, in pairs. */
  emphasis?: number[];
}

/**
 * The text as blocks separated by blank lines, when some are prose and each may
 * be read apart: a prose block starts where only a paragraph may start, and
 * nothing reaches across a blank line into it. Other blocks side by side are
 * kept together, blank lines and all, so that lists and indented code stay
 * whole. Undefined when the text is to be read in one piece.
 */
export function splitProse(text: string): Block[] | undefined {
  if (READ_WHOLE.test(text)) return undefined;
  const blocks: Block[] = [];
  // The block the line before belongs to; none after a blank line.
  let open: Block | undefined;
  let line = 1;
  for (let from = 0; from <= text.length; line++) {
    const newline = text.indexOf('\n', from);
    const to = newline === -1 ? text.length : newline;
    const content = text.slice(from, to);
    if (/^[ \t]*$/.test(content)) {
      open = undefined;
    } else if (open) {
      open.to = to;
      open.prose &&= PROSE_LINE.test(content);
    } else {
      blocks.push((open = { from, to, line, prose: PROSE_LINE.test(content) }));
    }
    from = to + 1;
  }
  const joined: Block[] = [];
  for (const block of blocks) {
    if (block.prose && PROSE_MARKUP.test(text.slice(block.from, block.to))) block.prose = false;
    if (block.prose) {
      const emphasis = emphasisIn(text, block.from, block.to);
      if (emphasis === undefined) block.prose = false;
      else if (emphasis.length > 0) block.emphasis = emphasis;
    }
    const last = joined.at(-1);
    if (last && !last.prose && !block.prose) last.to = block.to;
    else joined.push(block);
  }
  if (!joined.some((block) => block.prose)) return undefined;
  // Markup is read up to the next prose block, blank lines and all, as indented code may end on one.
  joined.forEach((block, index) => {
    if (!block.prose) block.to = joined[index + 1]?.from ?? text.length;
  });
  return joined;
}

/**
 * The asterisks of text[from, to) that open and close emphasis, in pairs, when
 * each stands alone and the pairs neither nest nor overlap; undefined for any
 * other use of asterisks, which is left to the parser. An asterisk opens or
 * closes by the characters beside it as micromark's attention construct says
 * (CommonMark's flanking rules, with the same classes of characters); one that
 * can do both, a second opener before a closer, or a run of two (strong) is
 * refused. One that can do neither, a closer with nothing open, or an opener
 * never closed, stays a literal asterisk.
 */
function emphasisIn(text: string, from: number, to: number): number[] | undefined {
  const marks: number[] = [];
  let open = -1;
  for (let at = text.indexOf('*', from); at !== -1 && at < to; at = text.indexOf('*', at + 1)) {
    if (text.charCodeAt(at + 1) === 42) return undefined;
    // The paragraph's start and end are whitespace, as are its line endings.
    const before = classifyCharacter(at === from ? null : text.charCodeAt(at - 1));
    const after = classifyCharacter(at + 1 === to ? null : text.charCodeAt(at + 1));
    const opens = !after || (after === 2 && before !== undefined);
    const closes = !before || (before === 2 && after !== undefined);
    if (opens && closes) return undefined;
    if (opens) {
      if (open !== -1) return undefined;
      open = at;
    } else if (closes && open !== -1) {
      marks.push(open, at);
      open = -1;
    }
  }
  return marks;
}

/**
 * A prose block as the paragraph markdown makes of it: text, its line endings
 * kept, and stretches of emphasis each holding its text. Positions are those
 * in the text.
 */
export function proseParagraph(text: string, block: Block): Paragraph {
  const lineStarts = [block.from];
  for (let at = text.indexOf('\n', block.from); at !== -1 && at < block.to; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  let line = 0;
  // Offsets are asked for in order.
  const point = (offset: number) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { line: block.line + line, column: offset - lineStarts[line]! + 1, offset };
  };
  const textNode = (from: number, to: number): Text => ({ type: 'text', value: text.slice(from, to), position: { start: point(from), end: point(to) } });
  const children: Paragraph['children'] = [];
  const marks = block.emphasis ?? [];
  let at = block.from;
  for (let index = 0; index < marks.length; index += 2) {
    const open = marks[index]!;
    const close = marks[index + 1]!;
    if (open > at) children.push(textNode(at, open));
    const start = point(open);
    const inner = textNode(open + 1, close);
    const emphasis: Emphasis = { type: 'emphasis', children: [inner], position: { start, end: point(close + 1) } };
    children.push(emphasis);
    at = close + 1;
  }
  if (at < block.to || children.length === 0) children.push(textNode(at, block.to));
  line = 0;
  return { type: 'paragraph', children, position: { start: point(block.from), end: point(block.to) } };
}
