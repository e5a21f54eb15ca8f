// Prose that markdown reads as plain paragraphs of text, found without running
// the parser. micromark takes about 0.2 ms for an event's body, a fifth of it
// before it reads a character, and most of a brief is such prose: sentences
// with citations. Property tests compare what is made here with what
// remark-parse and remark-gfm make, positions included.
import type { Paragraph } from 'mdast';

/**
 * A line of a paragraph with no markup in it: it starts with a character no
 * block starts with (not a list marker, `#`, `>`, `-`, `=`, `|`, `:` or a space),
 * holds none of the characters inline markup is made of (emphasis, code,
 * strike-through, tables, HTML, escapes, character references), no whitespace
 * but single spaces inside it, and no control character.
 */
const PROSE_LINE = /^(?!\d{1,9}[.)](?: |$))[^\s*_`~<>|\\&#+=:\-\p{Cc}\p{Cs}](?:[^\s*_`~<>|\\&\p{Cc}\p{Cs}]| (?! *$))*$/u;

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

/** A prose block as the paragraph markdown makes of it: one text node, its line endings kept. Positions are those in the text. */
export function proseParagraph(text: string, block: Block): Paragraph {
  const value = text.slice(block.from, block.to);
  const lastLine = value.lastIndexOf('\n');
  const endLine = block.line + (lastLine === -1 ? 0 : value.split('\n').length - 1);
  const endColumn = value.length - lastLine;
  const start = () => ({ line: block.line, column: 1, offset: block.from });
  const end = () => ({ line: endLine, column: endColumn, offset: block.to });
  return { type: 'paragraph', children: [{ type: 'text', value, position: { start: start(), end: end() } }], position: { start: start(), end: end() } };
}
