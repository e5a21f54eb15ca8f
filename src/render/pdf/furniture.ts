// Page furniture, drawn once every page exists: the brief's title as a
// running header from page 2, and "Page X of Y" in the footer. Both are
// pagination artifacts, outside the structure tree.
import type { Context } from './context.js';
import { drawLine, text, type RunStyle, type Typesetter } from './text.js';
import { colour, type } from './theme.js';

/** `value`, shortened with an ellipsis to fit `width`. */
export function fit(ts: Typesetter, value: string, style: RunStyle, width: number): string {
  if (ts.width(value, style) <= width) return value;
  const chars = Array.from(value);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ts.width(`${chars.slice(0, mid).join('').trimEnd()}…`, style) <= width) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`;
}

function drawText(context: Context, value: string, style: RunStyle, x: number, baseline: number, align: 'left' | 'center' | 'right'): void {
  const { ts } = context.flow;
  const line = context.flow.layout([text(value, style)], 1, Number.POSITIVE_INFINITY)[0];
  if (!line) return;
  const left = align === 'left' ? x : align === 'center' ? x - line.width / 2 : x - line.width;
  drawLine(ts, line, left, baseline - line.baseline);
}

export function renderFurniture(context: Context): void {
  const { flow, brief } = context;
  const { doc, ts, tags, geometry } = flow;
  const range = doc.bufferedPageRange();
  const left = geometry.margins.left;
  const right = geometry.width - geometry.margins.right;
  const dateLabel = brief.meta.date?.label ?? '';
  const dateWidth = dateLabel ? ts.width(dateLabel, type.furniture) + 24 : 0;
  const title = fit(ts, brief.meta.title, type.furniture, right - left - dateWidth);
  for (let index = range.start; index < range.start + range.count; index++) {
    flow.switchTo(index);
    tags.artifact(() => {
      if (index > range.start) {
        drawText(context, title, type.furniture, left, geometry.headerBaseline, 'left');
        if (dateLabel) drawText(context, dateLabel, type.furniture, right, geometry.headerBaseline, 'right');
        const ruleY = geometry.headerBaseline + 6;
        doc.save().lineWidth(0.5).moveTo(left, ruleY).lineTo(right, ruleY).stroke(colour.rule).restore();
      }
      const footer = `Page ${index - range.start + 1} of ${range.count}`;
      drawText(context, footer, type.furniture, (left + right) / 2, geometry.height - geometry.footerBaseline, 'center');
    }, 'Pagination');
  }
}
