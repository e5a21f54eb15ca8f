// Headings of the briefing's parts: sections ("Chronology", "Sources", …) and
// years. Each keeps a few lines of what follows on its page and adds an entry
// to the PDF's outline (the bookmarks pane).
import type { Context } from './context.js';
import type { Run } from './text.js';
import { colour, gap, keepWithNext, leading, type } from './theme.js';

export type Outline = PDFKit.PDFOutline;

/** A section heading with a rule below; returns its outline entry for nesting. */
export function sectionHeading(context: Context, runs: readonly Run[], title: string, anchor?: string): Outline {
  const { flow } = context;
  const lines = flow.layout(runs, leading.heading);
  const height = lines.reduce((sum, line) => sum + line.height, 0) + 6;
  flow.space(gap.beforeSection);
  flow.ensure(height + gap.afterSection + keepWithNext * type.body.size * leading.body);
  if (anchor) flow.destination(anchor);
  const outline = flow.doc.outline.addItem(title);
  flow.lines(lines, { keepPairs: false });
  flow.y += 3;
  flow.rule(colour.accent, flow.width, 0.8);
  flow.y += 1;
  flow.fixSpace(gap.afterSection);
  return outline;
}

/**
 * A year of the chronology: the year, then a hairline to the right margin.
 * `following` is the height of what must stay with it (the first event's opening).
 */
export function yearHeading(context: Context, parent: Outline, runs: readonly Run[], title: string, following: number): Outline {
  const { flow } = context;
  const lines = flow.layout(runs, leading.heading);
  const height = lines.reduce((sum, line) => sum + line.height, 0);
  flow.space(gap.beforeYear);
  flow.ensure(height + gap.afterYear + following);
  const outline = parent.addItem(title);
  const line = lines[0];
  flow.lines(lines, { keepPairs: false });
  if (line && lines.length === 1) {
    const ruleY = flow.y - line.height + line.baseline - type.year.size * 0.32;
    const start = flow.x + line.width + 8;
    flow.doc
      .save()
      .lineWidth(0.5)
      .moveTo(start, ruleY)
      .lineTo(flow.x + flow.width, ruleY)
      .stroke(colour.rule)
      .restore();
  }
  flow.fixSpace(gap.afterYear);
  return outline;
}
