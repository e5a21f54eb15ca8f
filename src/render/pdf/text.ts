// Inline text in two steps: `layoutRuns` measures styled runs into lines
// (breaking at spaces, and inside words only when one word is wider than the
// line, as long URLs are); `drawLine` puts one measured line on the page.
// PDFKit's own `continued` text cannot give several sizes one baseline or
// say where a line will fall before drawing it, which keep-together and
// note markers need.
import { faceName, fontFile, type Face } from './fonts.js';

export interface RunStyle extends Face {
  size: number;
  color: string;
  /** Shift of the baseline upwards, in points (note markers). */
  raise?: number;
  strike?: boolean;
  /** Draws a tinted box behind the text (inline code). */
  background?: string;
  /** External URL the text links to. */
  link?: string;
  /** Named destination in this document the text links to. */
  goTo?: string;
}

/** Styled text, or a forced line break. A `keep` run never breaks at its spaces (note markers, code lines). */
export type Run = { kind: 'text'; text: string; style: RunStyle; keep?: boolean } | { kind: 'break' };

interface Item {
  text: string;
  style: RunStyle;
  width: number;
  space: boolean;
}

export interface Line {
  items: Item[];
  width: number;
  height: number;
  /** Distance from the top of the line to its baseline. */
  baseline: number;
}

/** DejaVu's ascent and descent as fractions of the type size. */
const ascent = 0.928;
const descent = 0.236;

/** Whitespace that may break a line: all of `\s` except no-break spaces. */
const breakingSpace = /[^\S\u00a0\u2007\u202f]+/;
/** Characters after which an over-long word (a URL) is best cut. */
const softBreakAfter = new Set(['/', '-', '–', '—', '?', '&', '=', '.', '_', '#', ',', ';']);

export const text = (value: string, style: RunStyle): Run => ({ kind: 'text', text: value, style });
export const kept = (value: string, style: RunStyle): Run => ({ kind: 'text', text: value, style, keep: true });

/** Measures strings per face and size; one per document, as PDFKit's width lookups dominate layout time. */
export class Typesetter {
  private readonly cache = new Map<string, number>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    /** The folder of the font files. */
    readonly fonts: string,
  ) {}

  /** The font source PDFKit is given for a face. */
  font(face: Face): string {
    return fontFile(this.fonts, face);
  }

  use(style: RunStyle): PDFKit.PDFDocument {
    return this.doc.font(this.font(style)).fontSize(style.size);
  }

  width(value: string, style: RunStyle): number {
    const key = `${faceName(style)}\u0000${style.size}\u0000${value}`;
    let width = this.cache.get(key);
    if (width === undefined) {
      width = this.use(style).widthOfString(value);
      this.cache.set(key, width);
    }
    return width;
  }
}

/** Breaks runs into lines no wider than `width`; `lineHeight` is a multiple of each run's size. */
export function layoutRuns(ts: Typesetter, runs: readonly Run[], width: number, lineHeight: number): Line[] {
  const lines: Line[] = [];
  let items: Item[] = [];
  let used = 0;
  let pendingSpace: Item | undefined;
  let word: Item[] = [];

  const closeLine = (): void => {
    lines.push(finishLine(items, lineHeight, runs));
    items = [];
    used = 0;
    pendingSpace = undefined;
  };

  const place = (parts: Item[]): void => {
    const partsWidth = parts.reduce((sum, part) => sum + part.width, 0);
    const spaceWidth = items.length > 0 && pendingSpace ? pendingSpace.width : 0;
    if (items.length > 0 && used + spaceWidth + partsWidth > width) {
      // Start a fresh line, unless the word could not fit on one anyway and
      // there is a useful stretch of this one left to fill.
      if (partsWidth <= width || width - used - spaceWidth < width * 0.35) closeLine();
    }
    if (items.length > 0 && pendingSpace) {
      items.push(pendingSpace);
      used += pendingSpace.width;
    }
    pendingSpace = undefined;
    for (const part of parts) {
      if (used + part.width <= width || (used === 0 && items.length === 0 && part.width <= width)) {
        items.push(part);
        used += part.width;
      } else {
        splitInto(part);
      }
    }
  };

  // Cuts a part wider than the space left across lines, preferring to cut after a soft break character.
  const splitInto = (part: Item): void => {
    let rest = Array.from(part.text);
    while (rest.length > 0) {
      const room = width - used;
      let count = fitCount(ts, rest, part.style, room);
      if (count === 0 && items.length === 0) count = 1;
      if (count < rest.length && count > 1) {
        for (let i = count; i > Math.floor(count * 0.6); i--) {
          if (softBreakAfter.has(rest[i - 1] as string)) {
            count = i;
            break;
          }
        }
      }
      if (count > 0) {
        const piece = rest.slice(0, count).join('');
        const pieceWidth = ts.width(piece, part.style);
        items.push({ text: piece, style: part.style, width: pieceWidth, space: false });
        used += pieceWidth;
        rest = rest.slice(count);
      }
      if (rest.length > 0) closeLine();
    }
  };

  const flushWord = (): void => {
    if (word.length > 0) place(word);
    word = [];
  };

  for (const run of runs) {
    if (run.kind === 'break') {
      flushWord();
      closeLine();
      continue;
    }
    const pieces = run.keep ? [run.text] : run.text.split(new RegExp(`(${breakingSpace.source})`));
    for (const [index, piece] of pieces.entries()) {
      if (piece === '') continue;
      if (index % 2 === 1) {
        flushWord();
        pendingSpace ??= { text: ' ', style: run.style, width: ts.width(' ', run.style), space: true };
      } else {
        word.push({ text: piece, style: run.style, width: ts.width(piece, run.style), space: false });
      }
    }
  }
  flushWord();
  if (items.length > 0) closeLine();
  return lines;
}

/** How many leading characters of `chars` fit in `room` points (binary search on prefix widths). */
function fitCount(ts: Typesetter, chars: readonly string[], style: RunStyle, room: number): number {
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ts.width(chars.slice(0, mid).join(''), style) <= room) low = mid;
    else high = mid - 1;
  }
  return low;
}

function finishLine(items: Item[], lineHeight: number, runs: readonly Run[]): Line {
  while (items.length > 0 && items[items.length - 1]?.space) items.pop();
  const sized = items.filter((item) => !item.style.raise);
  const fallback = runs.find((run) => run.kind === 'text');
  const size = Math.max(
    ...sized.map((item) => item.style.size),
    sized.length === 0 && fallback?.kind === 'text' ? fallback.style.size : 0,
  );
  const height = size * lineHeight;
  return {
    items,
    width: items.reduce((sum, item) => sum + item.width, 0),
    height,
    baseline: (height - size * (ascent + descent)) / 2 + size * ascent,
  };
}

function sameStyle(a: RunStyle, b: RunStyle): boolean {
  return (
    a === b ||
    (faceName(a) === faceName(b) &&
      a.size === b.size &&
      a.color === b.color &&
      a.raise === b.raise &&
      a.strike === b.strike &&
      a.background === b.background &&
      a.link === b.link &&
      a.goTo === b.goTo)
  );
}

/** Draws a measured line with its top-left corner at (x, top); adjacent items of one style become one text object. */
export function drawLine(ts: Typesetter, line: Line, x: number, top: number): void {
  const { doc } = ts;
  const baseline = top + line.baseline;
  let cursor = x;
  let start = 0;
  while (start < line.items.length) {
    const style = (line.items[start] as Item).style;
    let end = start;
    let value = '';
    let width = 0;
    while (end < line.items.length && sameStyle((line.items[end] as Item).style, style)) {
      value += (line.items[end] as Item).text;
      width += (line.items[end] as Item).width;
      end++;
    }
    const y = baseline - (style.raise ?? 0);
    if (style.background) {
      doc
        .save()
        .rect(cursor - 1, y - style.size * ascent, width + 2, style.size * (ascent + descent))
        .fill(style.background)
        .restore();
    }
    ts.use(style).fillColor(style.color).text(value, cursor, y, { lineBreak: false, baseline: 'alphabetic' });
    if (style.strike) {
      const strikeY = y - style.size * 0.3;
      doc.save().lineWidth(0.6).moveTo(cursor, strikeY).lineTo(cursor + width, strikeY).stroke(style.color).restore();
    }
    if (style.link) doc.link(cursor, top, width, line.height, style.link);
    if (style.goTo) doc.goTo(cursor, top, width, line.height, style.goTo);
    cursor += width;
    start = end;
  }
}
