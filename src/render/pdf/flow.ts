// The flow of blocks down the pages: a cursor, collapsing vertical gaps,
// indentation, keep-together and the page breaks between lines.
import { page } from './theme.js';
import { drawLine, layoutRuns, type Line, type Run, type Typesetter } from './text.js';

interface Marker {
  line: Line;
  /** Left edge of the marker. */
  x: number;
}

export interface LinesOptions {
  /** Tint behind each line, the full width of the frame and `backgroundBleed` beyond it (code blocks). */
  background?: string;
  backgroundBleed?: number;
  /** Keep the first two and the last two lines of a block together (default true). */
  keepPairs?: boolean;
}

export class Flow {
  readonly top: number = page.margins.top;
  readonly bottom: number = page.height - page.margins.bottom;
  /** Left edge and width of the current frame. */
  x: number = page.margins.left;
  width: number = page.width - page.margins.left - page.margins.right;
  y: number = page.margins.top;
  private gap = 0;
  private gapFixed = false;
  private marker: Marker | undefined;

  constructor(readonly ts: Typesetter) {}

  get doc(): PDFKit.PDFDocument {
    return this.ts.doc;
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
    this.doc.addPage();
    this.y = this.top;
    this.gap = 0;
    this.gapFixed = false;
  }

  /** Starts a new page unless `height` (after the pending gap) fits on this one. */
  ensure(height: number): void {
    if (!this.atPageTop && this.y + this.gap + height > this.bottom) this.newPage();
  }

  /** Applies the pending gap; call right before drawing. */
  settle(): void {
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

  layout(runs: readonly Run[], lineHeight: number, width = this.width): Line[] {
    return layoutRuns(this.ts, runs, width, lineHeight);
  }

  /** Sets a list or note marker to draw beside the first line of the next block, its right edge `gap` left of the frame. */
  setMarker(runs: readonly Run[], gap = 5): void {
    const line = this.layout(runs, 1.2, Number.POSITIVE_INFINITY)[0];
    if (line) this.marker = { line, x: this.x - gap - line.width };
  }

  /** Draws a pending marker on a line of its own (the block below it is not text). */
  flushMarker(): void {
    const marker = this.marker;
    if (!marker) return;
    this.marker = undefined;
    this.ensure(marker.line.height);
    this.settle();
    drawLine(this.ts, marker.line, marker.x, this.y);
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
        this.doc
          .save()
          .rect(this.x - bleed, this.y, this.width + 2 * bleed, line.height)
          .fill(options.background)
          .restore();
      }
      if (this.marker) {
        const marker = this.marker;
        this.marker = undefined;
        drawLine(this.ts, marker.line, marker.x, this.y + line.baseline - marker.line.baseline);
      }
      drawLine(this.ts, line, this.x, this.y);
      this.y += line.height;
    }
  }

  paragraph(runs: readonly Run[], lineHeight: number, options: LinesOptions = {}): void {
    this.lines(this.layout(runs, lineHeight), options);
  }

  /** A horizontal hairline across `width` (default: the frame) at the cursor. */
  rule(colour: string, width = this.width, thickness = 0.5): void {
    this.settle();
    this.doc
      .save()
      .lineWidth(thickness)
      .moveTo(this.x, this.y)
      .lineTo(this.x + width, this.y)
      .stroke(colour)
      .restore();
  }

  /** Names the current position, the target of links to `name`. */
  destination(name: string): void {
    this.settle();
    this.doc.addNamedDestination(name, 'XYZ', this.x, this.y, null);
  }

  /**
   * Renders blocks in a frame indented by `dx` with a vertical bar to their
   * left, drawn afterwards on every page the blocks reached. `opening` is the
   * height the blocks keep together at their start: it is claimed first, so the
   * bar cannot start on a page the blocks then leave.
   */
  barred(dx: number, colour: string, opening: number, render: () => void): void {
    this.ensure(opening);
    this.settle();
    const startPage = this.pageIndex;
    const startY = this.y;
    const barX = this.x + 1;
    this.indent(dx, render);
    const endPage = this.pageIndex;
    const endY = this.y;
    for (let index = startPage; index <= endPage; index++) {
      const from = index === startPage ? startY : this.top;
      const to = index === endPage ? endY : this.bottom;
      if (to <= from) continue;
      this.doc.switchToPage(index);
      this.doc.save().lineWidth(2).moveTo(barX, from).lineTo(barX, to).stroke(colour).restore();
    }
    this.doc.switchToPage(endPage);
  }
}
