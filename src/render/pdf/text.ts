// Inline text in two steps: `layoutRuns` measures styled runs into lines
// (breaking at spaces, and inside words only when one word is wider than the
// line, as long URLs are); `drawLine` puts one measured line on the page, in
// visual order when it holds right-to-left script, marked as content of the
// current structure element, its links tagged as links. PDFKit's own
// `continued` text cannot give several sizes one baseline, say where a line
// will fall before drawing it, or order bidirectional text, which keep-together,
// note markers and Arabic-script names need.
import type { Direction } from '../direction.js';
import { faceName, type Face, type FontFiles } from './fonts.js';
import { drawFragment, recordRightToLeftLigatures, recordSpacedWord, shapedWord, type ShapedWord } from './pdfkit-internals.js';
import type { FontScript } from './font-script.js';
import { hasRightToLeft, scriptSegments, visualOrder } from './script.js';
import type { Element, Tags } from './tags.js';

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
  /** What the link leads to, for screen readers (the annotation's `/Contents`); default: its text. */
  linkTitle?: string;
}

/** Styled text, or a forced line break. A `keep` run never breaks at its spaces (note markers, code lines). */
export type Run = { kind: 'text'; text: string; style: RunStyle; keep?: boolean } | { kind: 'break' };

interface Item {
  text: string;
  style: RunStyle;
  /** Which font sets it: the style's own face (`latin`), Vazirmatn for Arabic script, or DejaVu Sans (./font-script.ts). */
  script: FontScript;
  width: number;
  space: boolean;
  /** The shape PDFKit measured a word or space of the style's own face by: drawn from it without shaping or looking it up again. */
  shape?: ShapedWord | undefined;
}

export interface Line {
  items: Item[];
  width: number;
  height: number;
  /** Distance from the top of the line to its baseline. */
  baseline: number;
  /** Set when the line was broken at a space: the style of that space. */
  spaceAfter?: RunStyle;
  /** Set on the lines of a right-to-left paragraph: their pieces are ordered from the right, and they align right. */
  direction?: 'rtl';
}

/** DejaVu's ascent and descent as fractions of the type size. */
const ascent = 0.928;
const descent = 0.236;

/** Splits text into words and the whitespace between them (all of `\s` that may break a line: not no-break spaces), kept. */
const wordsAndSpaces = /([^\S\u00a0\u2007\u202f]+)/;
/** No visible glyph of the faces is narrower than this many ems; marks and joiners that have no width only cut a word sooner. */
const NARROWEST_GLYPH = 0.15;
/** Characters after which an over-long word (a URL) is best cut. */
const softBreakAfter = new Set(['/', '-', '–', '—', '?', '&', '=', '.', '_', '#', ',', ';']);

export const text = (value: string, style: RunStyle): Run => ({ kind: 'text', text: value, style });
export const kept = (value: string, style: RunStyle): Run => ({ kind: 'text', text: value, style, keep: true });

/** A measured string: its width, and for a word or a space of the style's own face the shape it was measured by. */
interface Measure {
  width: number;
  shape: ShapedWord | undefined;
}

/** Measures strings per font and size; one per document, as PDFKit's width lookups dominate layout time. */
export class Typesetter {
  /** Measures by font (family, weight, slant, script), size and string: lookups without building a key. */
  private readonly cache = new Map<string, Map<number, Map<number, Map<string, Measure>>>>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly fonts: FontFiles,
    /** The structure tree that drawn text belongs to. */
    readonly tags: Tags,
  ) {}

  /** The font file PDFKit is given for a face, or for Arabic script or DejaVu Sans in that face. */
  font(face: Face, script: FontScript = 'latin'): string {
    return script === 'latin' ? this.fonts.face(face) : script === 'arabic' ? this.fonts.arabic(face) : this.fonts.sans(face);
  }

  use(style: RunStyle, script: FontScript = 'latin'): PDFKit.PDFDocument {
    return this.doc.font(this.font(style, script)).fontSize(style.size);
  }

  width(value: string, style: RunStyle, script: FontScript = 'latin'): number {
    return this.measure(value, style, script).width;
  }

  /** The width of text measured once and not kept (nor shaped for drawing): the pieces tried when a word is cut. */
  probeWidth(value: string, style: RunStyle, script: FontScript = 'latin'): number {
    return this.use(style, script).widthOfString(value);
  }

  measure(value: string, style: RunStyle, script: FontScript = 'latin'): Measure {
    let byFace = this.cache.get(style.family);
    if (!byFace) this.cache.set(style.family, (byFace = new Map()));
    const face = (style.bold ? 1 : 0) | (style.italic ? 2 : 0) | (script === 'arabic' ? 4 : script === 'sans' ? 8 : 0);
    let bySize = byFace.get(face);
    if (!bySize) byFace.set(face, (bySize = new Map()));
    let byText = bySize.get(style.size);
    if (!byText) bySize.set(style.size, (byText = new Map()));
    let measure = byText.get(value);
    if (measure === undefined) {
      const width = this.use(style, script).widthOfString(value);
      // Drawn lines are shaped a word and its space at a time; the DejaVu faces need no second shaping for that.
      const word = script === 'latin' && (value === ' ' || !/[ \t]/.test(value));
      if (word && value !== ' ') recordSpacedWord(this.doc, value);
      measure = { width, shape: word ? shapedWord(this.doc, value) : undefined };
      byText.set(value, measure);
    }
    return measure;
  }
}

/** Breaks runs into lines no wider than `width`; `lineHeight` is a multiple of each run's size. */
export function layoutRuns(ts: Typesetter, runs: readonly Run[], width: number, lineHeight: number, direction: Direction = 'ltr'): Line[] {
  const lines: Line[] = [];
  let items: Item[] = [];
  let used = 0;
  let pendingSpace: Item | undefined;
  let word: Item[] = [];

  const closeLine = (): void => {
    const line = finishLine(items, lineHeight, runs);
    if (direction === 'rtl') line.direction = 'rtl';
    // A line that ends where a space was: readers of the text (screen readers, copy and paste) need that space.
    if (pendingSpace && items.length > 0) line.spaceAfter = pendingSpace.style;
    lines.push(line);
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
    const chars = Array.from(part.text);
    let from = 0;
    while (from < chars.length) {
      const room = width - used;
      let count = fitCount(ts, chars, from, part, room);
      if (count === 0 && items.length === 0) count = 1;
      if (from + count < chars.length && count > 1) {
        for (let i = count; i > Math.floor(count * 0.6); i--) {
          if (softBreakAfter.has(chars[from + i - 1] as string)) {
            count = i;
            break;
          }
        }
      }
      if (count > 0) {
        const piece = chars.slice(from, from + count).join('');
        const measure = ts.measure(piece, part.style, part.script);
        items.push({ text: piece, style: part.style, script: part.script, width: measure.width, space: false, shape: measure.shape });
        used += measure.width;
        from += count;
      }
      if (from < chars.length) closeLine();
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
    const pieces = run.keep ? [run.text] : run.text.split(wordsAndSpaces);
    for (const [index, piece] of pieces.entries()) {
      if (piece === '') continue;
      if (index % 2 === 1) {
        flushWord();
        if (!pendingSpace) {
          const space = ts.measure(' ', run.style);
          pendingSpace = { text: ' ', style: run.style, script: 'latin', width: space.width, space: true, shape: space.shape };
        }
      } else {
        for (const { text: part, script } of scriptSegments(piece, run.style.family)) {
          const measure = ts.measure(part, run.style, script);
          word.push({ text: part, style: run.style, script, width: measure.width, space: false, shape: measure.shape });
        }
      }
    }
  }
  flushWord();
  if (items.length > 0) closeLine();
  return lines;
}

/** The widest stretch of a line between two spaces: the least width it can be broken to without cutting a word. */
export function longestWord(line: Line): number {
  let longest = 0;
  let current = 0;
  for (const item of line.items) {
    current = item.space ? 0 : current + item.width;
    longest = Math.max(longest, current);
  }
  return longest;
}

/**
 * How many of `chars` from `from` fit in `room` points (a binary search on prefix widths). The prefixes tried are
 * measured, not kept, and never longer than the narrowest glyphs could fill,
 * so cutting a word of any length takes time and memory in proportion to it.
 */
function fitCount(ts: Typesetter, chars: readonly string[], from: number, part: Item, room: number): number {
  let low = 0;
  let high = Math.min(chars.length - from, Math.ceil(room / (part.style.size * NARROWEST_GLYPH)) + 1);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ts.probeWidth(chars.slice(from, from + mid).join(''), part.style, part.script) <= room) low = mid;
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
      a.goTo === b.goTo &&
      a.linkTitle === b.linkTitle)
  );
}

interface Placed {
  item: Item;
  /** Runs right to left: drawn piece by piece, in visual order already. */
  rtl: boolean;
}

/** The items of a line in the order they stand on the page, left to right. */
function placeItems(ts: Typesetter, line: Line): Placed[] {
  if (line.direction !== 'rtl' && !line.items.some((item) => item.script !== 'latin' || hasRightToLeft(item.text))) {
    return line.items.map((item) => ({ item, rtl: false }));
  }
  return visualOrder(
    line.items,
    (item, value) => {
      const measure = ts.measure(value, item.style, item.script);
      return { ...item, text: value, width: measure.width, shape: measure.shape };
    },
    (item) => item.style.raise !== undefined,
    line.direction,
  ).map(({ piece, rtl }) => ({ item: piece, rtl }));
}

/** A stretch of text drawn with one `text()` call. */
interface Piece {
  item: Item;
  value: string;
  x: number;
  width: number;
  /** The shapes of its words and spaces, when each has one and the value is as they stand. */
  shapes: ShapedWord[] | undefined;
}

/** Cuts a placed line into pieces: adjacent left-to-right items of one style and font merge; right-to-left items stay single. */
function pieces(placed: readonly Placed[], x: number): Piece[] {
  const result: Piece[] = [];
  let cursor = x;
  let start = 0;
  while (start < placed.length) {
    const first = placed[start] as Placed;
    let end = start + 1;
    let value = first.item.text;
    let width = first.item.width;
    let item = first.item;
    let shapes = item.shape ? [item.shape] : undefined;
    if (!first.rtl) {
      while (end < placed.length) {
        const next = placed[end] as Placed;
        if (next.rtl || next.item.script !== item.script || !sameStyle(next.item.style, item.style)) break;
        value += next.item.text;
        width += next.item.width;
        if (next.item.shape) shapes?.push(next.item.shape);
        else shapes = undefined;
        end++;
      }
    } else if (item.space) {
      // PDFKit would set the words of one right-to-left string in logical order, so they go one by one;
      // the spaces between them are drawn in the font of the words beside them, so text extraction reads one run.
      item = { ...item, script: rightToLeftScript(placed, start), shape: undefined };
      shapes = undefined;
    }
    // fontkit sets a piece right to left when it holds characters of the Arabic or Hebrew blocks, digits such as
    // ۲۰۲۵ included, and left to right otherwise. A piece that runs the other way (neutral characters inside
    // right-to-left text, those digits inside left-to-right text) is turned round first, so it reaches the page in order.
    if (!item.space && (first.rtl || item.script !== 'latin') && first.rtl !== hasRightToLeft(value)) {
      value = Array.from(value).reverse().join('');
      shapes = undefined;
    }
    result.push({ item, value, x: cursor, width, shapes });
    cursor += width;
    start = end;
  }
  return result;
}

/** The font of the right-to-left words beside a space; Arabic when neither neighbour says. */
function rightToLeftScript(placed: readonly Placed[], index: number): FontScript {
  for (const neighbour of [placed[index - 1], placed[index + 1]]) {
    if (neighbour?.rtl && !neighbour.item.space && neighbour.item.script !== 'latin') return neighbour.item.script;
  }
  return 'arabic';
}

/** What a piece links to, as one key: pieces with the same key side by side form one link. */
const linkKey = (style: RunStyle): string | undefined =>
  style.link !== undefined ? `uri:${style.link}` : style.goTo !== undefined ? `goto:${style.goTo}\u0000${style.linkTitle ?? ''}` : undefined;

/**
 * Draws a measured line with its top-left corner at (x, top): backgrounds, then
 * the text (each stretch with one link target one Link element with one
 * annotation), then strike-through lines, then the space it was broken at.
 */
export function drawLine(ts: Typesetter, line: Line, x: number, top: number): void {
  const { doc, tags } = ts;
  const all = pieces(placeItems(ts, line), x);
  const baseline = (piece: Piece): number => top + line.baseline - (piece.item.style.raise ?? 0);
  const shaded = all.filter((piece) => piece.item.style.background);
  if (shaded.length > 0) {
    tags.artifact(() => {
      for (const piece of shaded) {
        const { size, background } = piece.item.style;
        const y = baseline(piece) - size * ascent;
        doc.save().rect(piece.x - 1, y, piece.width + 2, size * (ascent + descent)).fill(background as string).restore();
      }
    });
  }
  let start = 0;
  while (start < all.length) {
    const first = all[start] as Piece;
    const key = linkKey(first.item.style);
    let end = start + 1;
    if (key !== undefined) while (end < all.length && linkKey((all[end] as Piece).item.style) === key) end++;
    const group = all.slice(start, end);
    if (key === undefined) drawText(ts, first, baseline(first));
    else drawLink(ts, group, top, line.height, (piece) => drawText(ts, piece, baseline(piece)));
    start = end;
  }
  const struck = all.filter((piece) => piece.item.style.strike);
  if (struck.length > 0) {
    tags.artifact(() => {
      for (const piece of struck) {
        const { size, color } = piece.item.style;
        const y = baseline(piece) - size * 0.3;
        doc.save().lineWidth(0.6).moveTo(piece.x, y).lineTo(piece.x + piece.width, y).stroke(color).restore();
      }
    });
  }
  if (line.spaceAfter) {
    // At the end the line reads to: its left edge when it reads right to left.
    const squeezed = ts.width(' ', line.spaceAfter) / 100;
    const last = all[all.length - 1];
    const end = line.direction === 'rtl' ? (all[0]?.x ?? x) - squeezed : last ? last.x + last.width : x;
    drawBreakSpace(ts, line.spaceAfter, end, top + line.baseline, squeezed);
  }
}

function drawText(ts: Typesetter, piece: Piece, y: number): void {
  const { item, value } = piece;
  ts.tags.content();
  ts.use(item.style, item.script).fillColor(item.style.color);
  if (item.script !== 'latin') recordRightToLeftLigatures(ts.doc, value);
  drawFragment(ts.doc, value, piece.x, y, piece.width, { shapes: piece.shapes });
}

/** Draws pieces that share a link as one Link element of the structure, with one annotation over them. */
function drawLink(ts: Typesetter, group: readonly Piece[], top: number, height: number, draw: (piece: Piece) => void): void {
  const { doc, tags } = ts;
  const { style } = (group[0] as Piece).item;
  const left = Math.min(...group.map((piece) => piece.x));
  const right = Math.max(...group.map((piece) => piece.x + piece.width));
  const annotate = (element?: Element): void => {
    if (style.link === undefined && style.goTo === undefined) return;
    // PDFKit takes `structParent` and a `/Contents` string object; its types list neither. Its `link` and `goTo`
    // make the action an object of its own; written into the annotation (a URI action, or the destination's
    // name), a brief's 100,000 links are 100,000 objects fewer to make, write and list.
    const contents = new String(style.linkTitle ?? group.map((piece) => piece.value).join('').trim());
    const to = style.link !== undefined ? { A: { S: 'URI', URI: new String(style.link) } } : { Dest: style.goTo };
    const options = { Subtype: 'Link', Contents: contents, ...to, ...(element ? { structParent: element } : {}) };
    doc.annotate(left, top, right - left, height, options as unknown as PDFKit.Mixins.AnnotationOption);
  };
  if (tags.inArtifact) {
    group.forEach(draw);
    annotate();
    return;
  }
  tags.element('Link', (element) => {
    group.forEach(draw);
    annotate(element);
  });
}

/**
 * The space a line was broken at, drawn squeezed to almost no width at the
 * line's end: invisible and inside the margin, but part of the text, so words
 * either side of a line break do not run together when the text is read out
 * or extracted (as PDF/UA asks).
 */
function drawBreakSpace(ts: Typesetter, style: RunStyle, x: number, baseline: number, width: number): void {
  ts.tags.content();
  ts.use(style);
  drawFragment(ts.doc, ' ', x, baseline - (style.raise ?? 0), width, { horizontalScaling: 1 });
}
