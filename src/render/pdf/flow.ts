// The flow of blocks down the pages: a cursor, collapsing vertical gaps,
// indentation, keep-together, the page breaks between lines, and headings held
// back until what follows them is placed (so a heading never ends a page).
import { textDirection, type Direction } from '../direction.js';
import type { Element, Tags } from './tags.js';
import type { Geometry } from './theme.js';
import { drawLine, layoutRuns, type Line, type Run, type Typesetter } from './text.js';

interface Marker {
  line: Line;
  /** Left edge of the marker. */
  x: number;
  /** The structure element it belongs to (a list item's `Lbl`), when not the block it stands beside. */
  element: Element | undefined;
}

interface Held {
  /** The gap asked for before it. */
  gap: number;
  height: number;
  /** The frame it was measured in, which it is drawn in. */
  x: number;
  width: number;
  draw: () => void;
}

export interface LinesOptions {
  /** Tint behind each line, the full width of the frame and `backgroundBleed` beyond it (code blocks). */
  background?: string;
  backgroundBleed?: number;
  /** Keep the first two and the last two lines of a block together (default true). */
  keepPairs?: boolean;
}

export interface ParagraphOptions extends LinesOptions {
  /** The paragraph's direction (`directionOf`); default left to right. */
  direction?: Direction;
}

export class Flow {
  readonly top: number;
  readonly bottom: number;
  /** Left edge and width of the current frame. */
  x: number;
  width: number;
  y: number;
  private gap = 0;
  private gapFixed = false;
  private marker: Marker | undefined;
  private held: Held[] = [];
  private releasing = false;

  constructor(
    readonly ts: Typesetter,
    readonly geometry: Geometry,
    /** The page's direction, from the brief's language: that of paragraphs with no letters or as many of each direction. */
    readonly direction: Direction = 'ltr',
  ) {
    const { margins } = geometry;
    this.top = margins.top;
    this.bottom = geometry.height - margins.bottom;
    this.x = margins.left;
    this.width = geometry.width - margins.left - margins.right;
    this.y = margins.top;
    ts.tags.beforeEnd = () => this.flush();
  }

  get doc(): PDFKit.PDFDocument {
    return this.ts.doc;
  }

  get tags(): Tags {
    return this.ts.tags;
  }

  /** Index of the page being written (always the last one). */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  get atPageTop(): boolean {
    return this.y <= this.top;
  }

  /** Asks for at least `points` of space before the next block; gaps collapse and vanish at the top of a page. */
  space(points: number): void {
    if (!this.gapFixed) this.gap = Math.max(this.gap, points);
  }

  /** Sets the space before the next block to exactly `points`, whatever that block asks for (below headings). */
  fixSpace(points: number): void {
    this.gap = points;
    this.gapFixed = true;
  }

  newPage(): void {
    this.tags.close();
    this.doc.addPage();
    this.y = this.top;
    this.gap = 0;
    this.gapFixed = false;
  }

  /** Puts the cursor at `y` on the current page, with no gap pending. */
  moveTo(y: number): void {
    this.y = y;
    this.gap = 0;
    this.gapFixed = false;
  }

  /** Makes an earlier page current, to draw on it (bars, furniture, contents); `pageIndex` stays the last page. */
  switchTo(index: number): void {
    this.tags.close();
    this.doc.switchToPage(index);
  }

  /**
   * Holds a block back (a heading, `height` points tall) until the next block
   * is placed: both then go on this page or both on the next. `draw` draws it
   * at the cursor when that is decided.
   */
  hold(height: number, draw: () => void): void {
    this.held.push({ gap: this.gap, height, x: this.x, width: this.width, draw });
    this.gap = 0;
    this.gapFixed = false;
  }

  /** Starts a new page unless `height` (after the pending gap, and with any held headings) fits on this one. */
  ensure(height: number): void {
    if (!this.releasing && this.held.length > 0) {
      const held = this.held.reduce((sum, block, index) => sum + (index === 0 && this.atPageTop ? 0 : block.gap) + block.height, 0);
      if (!this.atPageTop && this.y + held + this.gap + height > this.bottom) {
        // The pending gap is the one between the held headings and the block after them: it stays on the new page.
        const { gap, gapFixed } = this;
        this.newPage();
        this.gap = gap;
        this.gapFixed = gapFixed;
      }
      this.release();
    } else if (!this.atPageTop && this.y + this.gap + height > this.bottom) {
      this.newPage();
    }
  }

  /** Draws held blocks where the cursor is. */
  private release(): void {
    const held = this.held;
    this.held = [];
    const after = { gap: this.gap, fixed: this.gapFixed, x: this.x, width: this.width };
    this.releasing = true;
    try {
      for (const block of held) {
        this.gap = block.gap;
        this.gapFixed = false;
        this.x = block.x;
        this.width = block.width;
        this.settle();
        block.draw();
      }
    } finally {
      this.releasing = false;
      this.x = after.x;
      this.width = after.width;
    }
    this.gap = after.gap;
    this.gapFixed = after.fixed;
  }

  /** Places anything still held (at the end of the briefing). */
  flush(): void {
    if (this.held.length > 0) this.ensure(0);
  }

  /** Applies the pending gap; call right before drawing. */
  settle(): void {
    if (!this.releasing && this.held.length > 0) this.ensure(0);
    if (!this.atPageTop) this.y += this.gap;
    this.gap = 0;
    this.gapFixed = false;
  }

  /** Runs `render` in a frame narrowed by `left` and `right` points. */
  indent<T>(left: number, render: () => T, right = 0): T {
    this.x += left;
    this.width -= left + right;
    try {
      return render();
    } finally {
      this.x -= left;
      this.width += left + right;
    }
  }

  layout(runs: readonly Run[], lineHeight: number, width = this.width, direction: Direction = 'ltr'): Line[] {
    return layoutRuns(this.ts, runs, width, lineHeight, direction);
  }

  /** The direction of a paragraph of the brief's prose (../direction.ts); note markers do not count. */
  directionOf(runs: readonly Run[]): Direction {
    return this.directionOfText(runs.map((run) => (run.kind === 'text' && run.style.raise === undefined ? run.text : ' ')).join(''));
  }

  /** The direction of a block of the brief's prose (a list, a quotation) from its text, the page's for a tie. */
  directionOfText(text: string): Direction {
    return textDirection(text, this.direction);
  }

  /**
   * Sets a list or note marker to draw beside the first line of the next block,
   * its right edge `gap` left of the frame (its left edge `gap` right of it
   * for a block read right to left); `element` is the structure element it is
   * content of (default: the block it stands beside).
   */
  setMarker(runs: readonly Run[], gap = 5, element?: Element, direction: Direction = 'ltr'): void {
    const line = this.layout(runs, 1.2, Number.POSITIVE_INFINITY, direction)[0];
    if (line) this.marker = { line, x: direction === 'rtl' ? this.x + this.width + gap : this.x - gap - line.width, element };
  }

  private drawMarker(marker: Marker, top: number): void {
    if (marker.element) this.tags.within(marker.element, () => drawLine(this.ts, marker.line, marker.x, top));
    else drawLine(this.ts, marker.line, marker.x, top);
  }

  /** Draws a pending marker on a line of its own (the block below it is not text). */
  flushMarker(): void {
    const marker = this.marker;
    if (!marker) return;
    this.marker = undefined;
    this.ensure(marker.line.height);
    this.settle();
    this.drawMarker(marker, this.y);
    this.y += marker.line.height;
  }

  /** Draws lines at the cursor, breaking pages between them. */
  lines(lines: readonly Line[], options: LinesOptions = {}): void {
    const keepPairs = options.keepPairs ?? true;
    for (const [index, line] of lines.entries()) {
      let needed = line.height;
      const next = lines[index + 1];
      // No first line alone at the foot of a page, no last line alone at the head of the next.
      if (keepPairs && next && (index === 0 || index === lines.length - 2)) needed += next.height;
      this.ensure(Math.min(needed, this.bottom - this.top));
      this.settle();
      if (options.background) {
        const bleed = options.backgroundBleed ?? 0;
        const { background } = options;
        this.tags.artifact(() => {
          this.doc
            .save()
            .rect(this.x - bleed, this.y, this.width + 2 * bleed, line.height)
            .fill(background)
            .restore();
        });
      }
      if (this.marker) {
        const marker = this.marker;
        this.marker = undefined;
        this.drawMarker(marker, this.y + line.baseline - marker.line.baseline);
      }
      // A right-to-left paragraph's lines align right.
      drawLine(this.ts, line, line.direction === 'rtl' ? this.x + this.width - line.width : this.x, this.y);
      this.y += line.height;
    }
  }

  paragraph(runs: readonly Run[], lineHeight: number, options: ParagraphOptions = {}): void {
    this.lines(this.layout(runs, lineHeight, this.width, options.direction), options);
  }

  /** A horizontal hairline across `width` (default: the frame) at the cursor, drawn as an artifact. */
  rule(colour: string, width = this.width, thickness = 0.5): void {
    this.settle();
    const { x, y } = this;
    this.tags.artifact(() => {
      this.doc.save().lineWidth(thickness).moveTo(x, y).lineTo(x + width, y).stroke(colour).restore();
    });
  }

  /** Names the current position, the target of links to `name`; returns the page it is on. */
  destination(name: string): number {
    this.settle();
    this.doc.addNamedDestination(name, 'XYZ', this.x, this.y, null);
    return this.pageIndex;
  }

  /**
   * Renders blocks in a frame indented by `dx` with a vertical bar at the side
   * they start from (the right for right-to-left blocks), drawn afterwards on
   * every page the blocks reached. `opening` is the height the blocks keep
   * together at their start: it is claimed first, so the bar cannot start on a
   * page the blocks then leave.
   */
  barred(dx: number, colour: string, opening: number, render: () => void, direction: Direction = 'ltr'): void {
    this.ensure(opening);
    this.settle();
    const startPage = this.pageIndex;
    const startY = this.y;
    const barX = direction === 'rtl' ? this.x + this.width - 1 : this.x + 1;
    if (direction === 'rtl') this.indent(0, render, dx);
    else this.indent(dx, render);
    const endPage = this.pageIndex;
    const endY = this.y;
    for (let index = startPage; index <= endPage; index++) {
      const from = index === startPage ? startY : this.top;
      const to = index === endPage ? endY : this.bottom;
      if (to <= from) continue;
      this.switchTo(index);
      this.tags.artifact(() => {
        this.doc.save().lineWidth(2).moveTo(barX, from).lineTo(barX, to).stroke(colour).restore();
      });
    }
    this.switchTo(endPage);
  }
}
