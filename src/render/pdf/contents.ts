// The table of contents, in two steps: before the briefing is laid out its
// entries are measured and the pages they need are set aside (the entries are
// known from the model, their page numbers are not); once every page exists,
// the entries are drawn on those pages with the page each destination landed
// on, each entry a link to it.
import { chronologyId, destination, hasHumanRights, humanRightsId, reviewId, sourcesId, summaryId, type Context } from './context.js';
import { Bookmark } from './headings.js';
import type { Element } from './tags.js';
import { drawLine, text, type Line, type RunStyle } from './text.js';
import { colour, gap, leading, type } from './theme.js';

interface Entry {
  title: string;
  destination: string;
  /** 0 for the briefing's parts, 1 for the years of the chronology. */
  level: 0 | 1;
}

/** The entries in briefing order: the parts, and the years under Chronology. */
export function contentsEntries(context: Context): Entry[] {
  const { brief } = context;
  const entries: Entry[] = [];
  const part = (title: string, id: string): void => {
    entries.push({ title, destination: destination.part(id), level: 0 });
  };
  if (brief.summary.length > 0) part('Summary', summaryId);
  part('Chronology', chronologyId);
  for (const year of brief.chronology.years) {
    if (year.eventIds.some((id) => context.events.has(id))) {
      entries.push({ title: String(year.year), destination: destination.year(year.year), level: 1 });
    }
  }
  if (hasHumanRights(brief, context.events)) part('Human rights', humanRightsId);
  for (const section of brief.sections) {
    entries.push({ title: section.titleText, destination: destination.section(section.id), level: 0 });
  }
  part('Sources', sourcesId);
  if (brief.meta.review === true) part('Claims review', reviewId);
  return entries;
}

const indent = 16;
/** Room for the page numbers at the right, and the least space between an entry and its leader dots. */
const numberColumn = 34;
const leaderGap = 6;

function entryStyle(entry: Entry): RunStyle {
  return entry.level === 0 ? type.contents : type.contentsYear;
}

interface Placed {
  entry: Entry;
  lines: Line[];
  page: number;
  y: number;
  element: Element;
}

/**
 * Measures the contents at the cursor (the top of a fresh page), adds the
 * pages they need, and returns the function that draws them once the page of
 * every destination is known.
 */
export function reserveContents(context: Context): () => void {
  const { flow } = context;
  const { tags } = flow;
  const toc = tags.create('TOC');
  const heading = tags.create('H2', {}, toc);
  const headingLines = flow.layout([text('Contents', type.section)], leading.heading);
  new Bookmark(undefined, 'Contents').place(flow.doc);

  let page = flow.pageIndex;
  const headingTop = flow.top;
  let y = flow.top + headingLines.reduce((sum, line) => sum + line.height, 0) + 4 + gap.afterSection;
  const placed: Placed[] = contentsEntries(context).map((entry, index, all) => {
    const width = flow.width - numberColumn - (entry.level === 1 ? indent : 0);
    const lines = flow.layout([text(entry.title, entryStyle(entry))], leading.body, width);
    const space = index === 0 ? 0 : entry.level === 0 ? 5 : 1;
    const height = lines.reduce((sum, line) => sum + line.height, 0);
    // A part heading keeps its first year with it.
    const next = all[index + 1];
    const keep = entry.level === 0 && next?.level === 1 ? type.contentsYear.size * leading.body : 0;
    if (y + space + height + keep > flow.bottom) {
      flow.newPage();
      page = flow.pageIndex;
      y = flow.top;
    } else {
      y += space;
    }
    const item = { entry, lines, page, y, element: tags.create('TOCI', {}, toc) };
    y += height;
    return item;
  });

  return () => {
    const first = placed[0]?.page ?? page;
    flow.switchTo(first);
    flow.moveTo(headingTop);
    tags.within(heading, () => flow.lines(headingLines, { keepPairs: false }));
    heading.end();
    flow.y += 3;
    flow.rule(colour.accent, flow.width, 0.8);
    for (const item of placed) {
      flow.switchTo(item.page);
      tags.within(item.element, () => drawEntry(context, item));
      item.element.end();
    }
    toc.end();
  };
}

function drawEntry(context: Context, { entry, lines, y }: Placed): void {
  const { flow } = context;
  const { doc, ts, tags } = flow;
  const pageIndex = context.pages.get(entry.destination);
  const link = pageIndex === undefined ? {} : { goTo: entry.destination, linkTitle: `${entry.title}, page ${pageIndex + 1}` };
  const style = entryStyle(entry);
  const x = flow.x + (entry.level === 1 ? indent : 0);
  const linked = lines.map((line) => ({ ...line, items: line.items.map((item) => ({ ...item, style: { ...item.style, ...link } })) }));
  let top = y;
  for (const line of linked) {
    drawLine(ts, line, x, top);
    top += line.height;
  }
  const last = linked[linked.length - 1];
  if (!last || pageIndex === undefined) return;
  const lastTop = top - last.height;
  const numberLine = flow.layout([text(String(pageIndex + 1), { ...type.contentsPage, size: style.size, ...link })], leading.body)[0];
  if (!numberLine) return;
  const right = flow.x + flow.width;
  const numberX = right - numberLine.width;
  drawLine(ts, { ...numberLine, baseline: last.baseline, height: last.height }, numberX, lastTop);
  // Leader dots from the entry to its page number, drawn as a dotted rule: decoration, not text to extract.
  const from = x + last.width + leaderGap;
  const to = numberX - leaderGap;
  if (to - from > 8) {
    const y = lastTop + last.baseline - 1;
    tags.artifact(() => {
      doc.save().lineWidth(0.9).lineCap('round').dash(0.01, { space: 3.5 }).moveTo(from, y).lineTo(to, y).stroke(colour.muted).restore();
    });
  }
}
