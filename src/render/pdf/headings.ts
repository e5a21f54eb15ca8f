// Headings of the briefing's parts: sections ("Chronology", "Sources", …) and
// years. Each is held back until what follows it is placed, so it never ends a
// page; once placed it names its destination (for links and the contents) and
// adds its entry to the PDF's outline (the bookmarks pane).
import { placeDestination, type Context } from './context.js';
import type { Run } from './text.js';
import { colour, gap, leading, type } from './theme.js';

/** An outline entry, added when its heading is placed: PDFKit points an entry at the page current then. */
export class Bookmark {
  private item: PDFKit.PDFOutline | undefined;

  constructor(
    private readonly parent: Bookmark | undefined,
    readonly title: string,
  ) {}

  child(title: string): Bookmark {
    return new Bookmark(this, title);
  }

  place(doc: PDFKit.PDFDocument): void {
    this.item = (this.parent?.item ?? doc.outline).addItem(this.title);
  }
}

/** A section heading with a rule below. */
export function sectionHeading(context: Context, runs: readonly Run[], title: string, anchor: string): Bookmark {
  const { flow } = context;
  const { tags } = flow;
  const lines = flow.layout(runs, leading.heading, flow.width, flow.directionOf(runs));
  const bookmark = new Bookmark(undefined, title);
  const element = tags.create('H2');
  flow.space(gap.beforeSection);
  flow.hold(lines.reduce((sum, line) => sum + line.height, 0) + 4, () => {
    placeDestination(context, anchor);
    bookmark.place(flow.doc);
    tags.within(element, () => flow.lines(lines, { keepPairs: false }));
    element.end();
    flow.y += 3;
    flow.rule(colour.accent, flow.width, 0.8);
    flow.y += 1;
  });
  flow.fixSpace(gap.afterSection);
  return bookmark;
}

/** A year of the chronology: the year, then a hairline to the right margin. */
export function yearHeading(context: Context, parent: Bookmark, year: number, anchor: string): Bookmark {
  const { flow } = context;
  const { tags } = flow;
  const lines = flow.layout([{ kind: 'text', text: String(year), style: type.year }], leading.heading);
  const bookmark = new Bookmark(parent, String(year));
  const element = tags.create('H3');
  flow.space(gap.beforeYear);
  flow.hold(
    lines.reduce((sum, line) => sum + line.height, 0),
    () => {
      placeDestination(context, anchor);
      bookmark.place(flow.doc);
      tags.within(element, () => flow.lines(lines, { keepPairs: false }));
      element.end();
      const line = lines[0];
      if (line && lines.length === 1) {
        const ruleY = flow.y - line.height + line.baseline - type.year.size * 0.32;
        const start = flow.x + line.width + 8;
        const end = flow.x + flow.width;
        tags.artifact(() => {
          flow.doc.save().lineWidth(0.5).moveTo(start, ruleY).lineTo(end, ruleY).stroke(colour.rule).restore();
        });
      }
    },
  );
  flow.fixSpace(gap.afterYear);
  return bookmark;
}
