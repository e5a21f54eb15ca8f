// GFM tables in three steps, as PDFKit's own tables are built (normalize →
// measure → draw), but set with this renderer's line breaker: PDFKit's
// `doc.table()` takes each cell as one plain string (citation markers would
// lose their links, Arabic-script names their order) and does not repeat the
// header row on the pages a table runs onto. Here cells hold styled runs, long
// words wrap inside their cell, rows never split unless one is taller than a
// page, and every page the table reaches starts with its header row.
import type { PhrasingContent, Table } from 'mdast';
import type { Flow } from './flow.js';
import type { Element } from './tags.js';
import { drawLine, longestWord, type Line, type Run, type RunStyle } from './text.js';
import { colour, leading, type } from './theme.js';

const padding = { vertical: 3, horizontal: 5 };
const border = 0.5;

/** How a column's cells align; `start` (a markdown column with no colon) is left, or right for a cell that reads right to left. */
export type Align = 'start' | 'left' | 'center' | 'right';

const linesHeight = (lines: readonly Line[]): number => lines.reduce((sum, line) => sum + line.height, 0);
const rowHeight = (cells: readonly (readonly Line[])[]): number => Math.max(0, ...cells.map(linesHeight)) + 2 * padding.vertical;

/** Splits `total` across columns: at least the longest word, the rest in proportion to what each could use. */
export function columnWidths(natural: readonly number[], minimum: readonly number[], total: number): number[] {
  const count = natural.length;
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
  if (count === 0) return [];
  if (sum(natural) <= total) return natural.map((width) => (width / sum(natural)) * total);
  if (sum(minimum) >= total) return natural.map(() => total / count);
  const slack = natural.map((width, index) => width - (minimum[index] ?? 0));
  return minimum.map((width, index) => width + ((total - sum(minimum)) * (slack[index] ?? 0)) / sum(slack));
}

/** Widths of the columns of `cells` (runs per row per column) in the frame's width. */
function measureColumns(flow: Flow, cells: readonly (readonly Run[][])[], count: number): number[] {
  const natural = new Array<number>(count).fill(0);
  const minimum = new Array<number>(count).fill(0);
  const extra = 2 * padding.horizontal + 1;
  for (const row of cells) {
    row.forEach((runs, index) => {
      for (const line of flow.layout(runs, leading.tight, Number.POSITIVE_INFINITY)) {
        natural[index] = Math.max(natural[index] ?? 0, line.width + extra);
        minimum[index] = Math.max(minimum[index] ?? 0, longestWord(line) + extra);
      }
    });
  }
  return columnWidths(natural, minimum, flow.width);
}

/** Draws `node` at the cursor; `cellRuns` turns a cell's content into runs of `style`, `size` caps the type size. */
export function renderTable(
  flow: Flow,
  node: Table,
  cellRuns: (nodes: PhrasingContent[], style: RunStyle) => Run[],
  size: number,
  paragraphGap: number,
): void {
  const count = Math.max(0, ...node.children.map((row) => row.children.length));
  if (count === 0) return;
  // Normalize: runs per cell, every row as wide as the widest.
  const body = tableStyle(size);
  const head: RunStyle = { ...body, bold: true };
  const runs = node.children.map((row, rowIndex) =>
    Array.from({ length: count }, (_, index) => {
      const cell = row.children[index];
      return cell ? cellRuns(cell.children, rowIndex === 0 ? head : body) : [];
    }),
  );
  const align = Array.from({ length: count }, (_, index): Align => node.align?.[index] ?? 'start');
  renderRunsTable(flow, runs, align, paragraphGap);
}

/** The style of a table's body cells in prose of type size `size`; header cells are its bold variant. */
export function tableStyle(size: number): RunStyle {
  return { ...type.table, size: Math.min(type.table.size, size) };
}

/**
 * Draws a table already normalized: `cells[row][column]` holds each cell's
 * runs, the first row is the header, and every row has one cell per column.
 */
export function renderRunsTable(flow: Flow, cells: readonly (readonly Run[][])[], align: readonly Align[], paragraphGap: number): void {
  const { ts, tags } = flow;
  const count = Math.max(0, ...cells.map((row) => row.length));
  if (count === 0) return;
  const runs = cells.map((row) => Array.from({ length: count }, (_, index) => trim(row[index] ?? [])));

  // Measure: column widths, then each cell's lines.
  const widths = measureColumns(flow, runs, count);
  const rows = runs.map((row) => ({
    cells: row.map((cell, index) => flow.layout(cell, leading.tight, (widths[index] ?? 0) - 2 * padding.horizontal, flow.directionOf(cell))),
  }));
  const [header, ...bodyRows] = rows;
  if (!header) return;
  const headerHeight = rowHeight(header.cells);

  // Draw: the header row and the first body row start on one page; every later page repeats the header.
  const x = flow.x;
  const drawRow = (cells: readonly (readonly Line[])[], elements: readonly Element[] | undefined, tint?: string): void => {
    const height = rowHeight(cells);
    const top = flow.y;
    let left = x;
    tags.artifact(() => {
      let cellLeft = x;
      widths.forEach((width) => {
        if (tint) flow.doc.save().rect(cellLeft, top, width, height).fill(tint).restore();
        flow.doc.save().lineWidth(border).rect(cellLeft, top, width, height).stroke(colour.rule).restore();
        cellLeft += width;
      });
    }, elements ? 'Layout' : 'Pagination');
    cells.forEach((lines, index) => {
      const width = widths[index] ?? 0;
      const draw = (): void => {
        let lineTop = top + padding.vertical;
        for (const line of lines) {
          const room = width - 2 * padding.horizontal - line.width;
          const alignment = align[index] === 'start' ? (line.direction === 'rtl' ? 'right' : 'left') : align[index];
          const offset = alignment === 'right' ? room : alignment === 'center' ? room / 2 : 0;
          drawLine(ts, line, left + padding.horizontal + offset, lineTop);
          lineTop += line.height;
        }
      };
      const element = elements?.[index];
      if (element) tags.within(element, draw);
      else if (lines.length > 0) tags.artifact(draw, 'Pagination');
      left += width;
    });
    flow.y = top + height;
  };
  const repeatHeader = (): void => {
    flow.newPage();
    drawRow(header.cells, undefined, colour.tableHeader);
  };

  flow.flushMarker();
  flow.space(paragraphGap + 2);
  tags.element('Table', () => {
    const first = bodyRows[0];
    flow.ensure(headerHeight + (first ? Math.min(rowHeight(first.cells), flow.bottom - flow.top - headerHeight) : 0));
    flow.settle();
    tags.element('THead', () =>
      tags.element('TR', () => drawRow(header.cells, header.cells.map(() => tags.create('TH', { scope: 'Column' })), colour.tableHeader)),
    );
    if (bodyRows.length === 0) return;
    tags.element('TBody', () => {
      for (const row of bodyRows) {
        tags.element('TR', () => {
          const elements = row.cells.map(() => tags.create('TD'));
          let cells: Line[][] = row.cells;
          // Rows stay whole: one that does not fit starts the next page, below the repeated header.
          if (flow.y + rowHeight(cells) > flow.bottom && flow.y > flow.top + headerHeight + 0.01) repeatHeader();
          // Only a row taller than a page below its header is cut, between lines.
          while (flow.y + rowHeight(cells) > flow.bottom) {
            const room = flow.bottom - flow.y - 2 * padding.vertical;
            let counts = cells.map((lines) => fit(lines, room));
            if (counts.every((count) => count === 0)) counts = cells.map((lines) => Math.min(1, lines.length));
            drawRow(
              cells.map((lines, index) => lines.slice(0, counts[index])),
              elements,
            );
            cells = cells.map((lines, index) => lines.slice(counts[index]));
            repeatHeader();
          }
          drawRow(cells, elements);
        });
      }
    });
  });
  flow.space(paragraphGap + 2);
}

/** How many of `lines` fit in `room` points. */
function fit(lines: readonly Line[], room: number): number {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    if (used + line.height > room) break;
    used += line.height;
    count++;
  }
  return count;
}

/** Drops whitespace at both ends of a cell's runs. */
function trim(runs: Run[]): Run[] {
  const result = [...runs];
  const first = result[0];
  if (first?.kind === 'text' && !first.keep) result[0] = { ...first, text: first.text.trimStart() };
  const last = result[result.length - 1];
  if (last?.kind === 'text' && !last.keep) result[result.length - 1] = { ...last, text: last.text.trimEnd() };
  return result;
}
