// GFM tables through PDFKit's `doc.table()`. Cells are plain text (PDFKit
// cells take a string), with note markers kept; columns get widths from
// their content so a short column does not take a third of the page.
import type { PhrasingContent, Table } from 'mdast';
import type { Flow } from './flow.js';
import type { RunStyle, Typesetter } from './text.js';
import { colour, type } from './theme.js';

const padding = { vertical: 3, horizontal: 5 };

/** Splits `total` across columns: at least the longest word, the rest in proportion to what each could use. */
export function columnWidths(ts: Typesetter, rows: readonly (readonly string[])[], styles: readonly RunStyle[], total: number): number[] {
  const count = Math.max(0, ...rows.map((row) => row.length));
  const natural = new Array<number>(count).fill(0);
  const minimum = new Array<number>(count).fill(0);
  rows.forEach((row, rowIndex) => {
    const style = styles[Math.min(rowIndex, styles.length - 1)] as RunStyle;
    row.forEach((cell, index) => {
      const words = cell.split(/\s+/).map((word) => ts.width(word, style));
      natural[index] = Math.max(natural[index] ?? 0, ts.width(cell, style) + 2 * padding.horizontal + 1);
      minimum[index] = Math.max(minimum[index] ?? 0, Math.max(0, ...words) + 2 * padding.horizontal + 1);
    });
  });
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  if (count === 0) return [];
  if (sum(natural) <= total) return natural.map((width) => (width / sum(natural)) * total);
  if (sum(minimum) >= total) return natural.map(() => total / count);
  const slack = natural.map((width, index) => width - (minimum[index] ?? 0));
  return minimum.map((width, index) => width + ((total - sum(minimum)) * (slack[index] ?? 0)) / sum(slack));
}

/** Draws `node` at the cursor; `cellText` gives a cell's content as a string, `size` caps the type size. */
export function renderTable(
  flow: Flow,
  node: Table,
  cellText: (nodes: PhrasingContent[]) => string,
  size: number,
  paragraphGap: number,
): void {
  const { doc, ts } = flow;
  const rows = node.children.map((row) => row.children.map((cell) => cellText(cell.children).trim()));
  const count = Math.max(0, ...rows.map((row) => row.length));
  if (count === 0) return;
  const body: RunStyle = { ...type.table, size: Math.min(type.table.size, size) };
  const head: RunStyle = { ...body, bold: true };
  const widths = columnWidths(ts, rows, [head, body], flow.width);

  const cellHeight = (cells: readonly string[], style: RunStyle): number =>
    Math.max(
      0,
      ...cells.map((cell, index) => {
        ts.use(style);
        return doc.heightOfString(cell || ' ', { width: (widths[index] ?? 0) - 2 * padding.horizontal });
      }),
    ) +
    2 * padding.vertical;

  flow.flushMarker();
  flow.space(paragraphGap + 2);
  // The head row and the first body row start on the same page.
  flow.ensure(cellHeight(rows[0] ?? [], head) + cellHeight(rows[1] ?? [], body));
  flow.settle();

  const data = rows.map((row, rowIndex) => {
    const style = rowIndex === 0 ? head : body;
    return Array.from({ length: count }, (_, index) => ({
      text: row[index] ?? '',
      font: { src: ts.font(style), size: style.size },
      textColor: style.color,
      align: { x: node.align?.[index] ?? 'left', y: 'top' as const },
      ...(rowIndex === 0 ? { backgroundColor: colour.tableHeader, type: 'TH' as const } : {}),
    }));
  });
  doc.table({
    position: { x: flow.x, y: flow.y },
    maxWidth: flow.width,
    columnStyles: widths.map((width) => ({ width })),
    defaultStyle: {
      border: 0.5,
      borderColor: colour.rule,
      padding: [padding.vertical, padding.horizontal],
    },
    data,
  });
  flow.y = doc.y;
  flow.space(paragraphGap + 2);
}
