// What in a captured web page is not the article: blocks the capture holds twice,
// and page furniture (link lists, adverts, promotions). Found, never removed:
// the stored text stays byte for byte as captured.
import type { FurnitureRange } from '../model/types.js';

/** A line shorter than this repeating is ordinary prose ("Why now?"), not a repeated block. */
const MIN_REPEATED_LINE = 40;
/** Lines that open a list of links to other pages. */
const LINK_LIST_HEADING = /^(you may also like|related (news|articles|stories|posts)|read more|also read|more from|recommended( for you)?|trending( now)?|most read|popular( now)?|latest news)\s*:?$/i;
/** Lines that sell something rather than report. */
const PROMOTION = /\b(open(ing)? (a )?free demat account|telegram channel|apply in ipo|upcoming ipos?|active ipos?|subscribe (to|now)|sign up for|newsletter|follow us on|click here|download (the|our) app|sponsored|advertisement)\b/i;
/** Link-list lines are short and end without a full stop. */
const MAX_LINK_LINE = 120;

interface Line {
  start: number;
  end: number;
  text: string;
}

export function findFurniture(text: string): FurnitureRange[] {
  const lines = splitLines(text);
  const ranges: FurnitureRange[] = [];
  const seen = new Set<string>();
  let inLinkList = false;
  for (const line of lines) {
    const content = line.text.trim();
    if (content === '') {
      continue;
    }
    // Most lines have single spaces only: kept as they are rather than copied.
    const key = /[^\S ]|  /.test(content) ? content.replace(/\s+/g, ' ') : content;
    if (LINK_LIST_HEADING.test(content)) {
      inLinkList = true;
      ranges.push({ start: line.start, end: line.end, kind: 'furniture' });
      continue;
    }
    if (inLinkList && content.length <= MAX_LINK_LINE && !/[.!?]["”’]?$/.test(content)) {
      ranges.push({ start: line.start, end: line.end, kind: 'furniture' });
      continue;
    }
    inLinkList = false;
    if (PROMOTION.test(content)) {
      ranges.push({ start: line.start, end: line.end, kind: 'furniture' });
    } else if (key.length >= MIN_REPEATED_LINE && seen.has(key)) {
      ranges.push({ start: line.start, end: line.end, kind: 'repeated' });
    }
    seen.add(key);
  }
  return merge(ranges, text);
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i === -1 ? text.length : i;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    lines.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    if (i === -1) break;
    start = i + 1;
  }
  return lines;
}

/** Joins ranges of one kind separated only by line breaks and blank lines. */
function merge(ranges: FurnitureRange[], text: string): FurnitureRange[] {
  const merged: FurnitureRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && last.kind === range.kind && text.slice(last.end, range.start).trim() === '') last.end = range.end;
    else merged.push({ ...range });
  }
  return merged;
}
