// Limits on markdown that the parser would take too long or too much memory to
// read. micromark's time grows with the square of the inline constructs in one
// paragraph (25,000 `*a*` in one paragraph take 2.7 s; a run of 10,000 `*` on
// each side of a word, 5.4 s), faster still with nesting (1,000 nested list
// levels take 23 s), and it recurses on nested inline content. Each part of a
// file (an event, the prose between headings) is checked here before it is
// parsed; a part over a limit is reported and left out, and the rest of the
// brief is still read.

/** Most block quote and list levels, and most nested emphasis, links and other inline containers. */
export const MAX_NESTING = 100;
/** Longest paragraph (a run of lines without a blank line), in characters. */
export const MAX_PARAGRAPH_CHARS = 100_000;
/** Most `[` in one paragraph (citations, links and footnote references), and most `]`. */
export const MAX_PARAGRAPH_BRACKETS = 5_000;
/** Most emphasis marks (`*`, `_`, `~`) in one paragraph. */
export const MAX_PARAGRAPH_MARKS = 5_000;
/** Longest part of a file parsed at once: an event, a heading, or the prose between two headings. */
export const MAX_PART_CHARS = 1_000_000;

export interface LimitProblem {
  ruleId: 'too-large' | 'too-deep';
  message: string;
  /** Offset in the checked text. */
  offset: number;
}

const number = (n: number) => n.toLocaleString('en-US');

/** The first limit `text` goes over, if any. Linear in the length of `text`. */
export function checkLimits(text: string): LimitProblem | undefined {
  let paragraphStart = -1;
  let paragraphChars = 0;
  let paragraphBrackets = 0;
  let paragraphClosers = 0;
  let paragraphMarks = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = lineStart;
    let brackets = 0;
    let closers = 0;
    let marks = 0;
    for (; lineEnd < text.length; lineEnd++) {
      const c = text.charCodeAt(lineEnd);
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x5b) brackets++;
      else if (c === 0x5d) closers++;
      else if (c === 0x2a || c === 0x5f || c === 0x7e) marks++;
    }
    const depth = containerDepth(text, lineStart, lineEnd);
    if (depth > MAX_NESTING) {
      return {
        ruleId: 'too-deep',
        message: `block quotes or lists nested ${number(depth)} levels deep; at most ${number(MAX_NESTING)} levels are read. Flatten the nesting`,
        offset: lineStart,
      };
    }
    if (isBlank(text, lineStart, lineEnd)) {
      paragraphStart = -1;
    } else {
      if (paragraphStart === -1) {
        paragraphStart = lineStart;
        paragraphChars = 0;
        paragraphBrackets = 0;
        paragraphClosers = 0;
        paragraphMarks = 0;
      }
      paragraphChars += lineEnd - lineStart + 1;
      // A run of `]` costs the footnote extension as a run of `[` costs the link parser.
      paragraphBrackets += brackets;
      paragraphClosers += closers;
      paragraphMarks += marks;
      if (paragraphChars > MAX_PARAGRAPH_CHARS) {
        return {
          ruleId: 'too-large',
          message: `a paragraph of more than ${number(MAX_PARAGRAPH_CHARS)} characters; split it with blank lines`,
          offset: paragraphStart,
        };
      }
      if (paragraphBrackets > MAX_PARAGRAPH_BRACKETS || paragraphClosers > MAX_PARAGRAPH_BRACKETS) {
        return {
          ruleId: 'too-large',
          message: `a paragraph with more than ${number(MAX_PARAGRAPH_BRACKETS)} \`[\` or \`]\` (citations, links, footnotes); split it with blank lines`,
          offset: paragraphStart,
        };
      }
      if (paragraphMarks > MAX_PARAGRAPH_MARKS) {
        return {
          ruleId: 'too-large',
          message: `a paragraph with more than ${number(MAX_PARAGRAPH_MARKS)} emphasis marks (\`*\`, \`_\`, \`~\`); split it with blank lines`,
          offset: paragraphStart,
        };
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1);
  }
  if (text.length > MAX_PART_CHARS) {
    return {
      ruleId: 'too-large',
      message: `this part of the file (an event, or the prose under a heading) has ${number(text.length)} characters; at most ${number(MAX_PART_CHARS)} are read. Split it under more headings`,
      offset: 0,
    };
  }
  return undefined;
}

/**
 * An upper bound of the block quote and list levels a line opens or continues:
 * each `>` and list marker of its leading container prefix, and each two
 * columns of indentation (a nested list item is indented by at least two).
 */
function containerDepth(text: string, from: number, to: number): number {
  let markers = 0;
  let columns = 0;
  let i = from;
  // The one space that follows a marker (`> `, `- `) belongs to it; more are indentation.
  const marker = (next: number) => {
    markers++;
    i = text.charCodeAt(next) === 0x20 ? next + 1 : next;
  };
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      columns++;
      i++;
    } else if (c === 0x09) {
      columns += 4 - (columns % 4);
      i++;
    } else if (c === 0x3e /* > */) {
      marker(i + 1);
    } else if ((c === 0x2d || c === 0x2b || c === 0x2a) && isMarkerEnd(text, i + 1, to)) {
      marker(i + 1);
    } else if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < to && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      const d = text.charCodeAt(j);
      if ((d === 0x2e || d === 0x29) && isMarkerEnd(text, j + 1, to)) marker(j + 1);
      else break;
    } else break;
  }
  return markers + Math.floor(columns / 2);
}

const isMarkerEnd = (text: string, at: number, to: number) => at >= to || text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09;

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3e) return false;
  }
  return true;
}

/** Nodes that count as one level: a list and its items count once. */
export const NESTING_NODES: ReadonlySet<string> = new Set(['blockquote', 'listItem', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'footnoteDefinition', 'table']);
