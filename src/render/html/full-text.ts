// A cited document's full text as HTML, every cited passage in a `<mark>` with
// links back to the markers that cite it, and the stretches that are not the
// article (page furniture, repeated blocks) set apart, each opened by a tag
// saying what it is. The text is untrusted: it only ever becomes hast text
// nodes, which the stringifier escapes.
import type { ElementContent, Root } from 'hast';
import type { FurnitureRange } from '../../model/types.js';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

export interface CitedRange {
  start: number;
  end: number;
  citationId: string;
}

export interface PassageLink {
  href: string;
  /** The number of the citation, as its markers show it. */
  number: number;
  /** What the link leads back to: the event or section title. */
  label: string;
}

/** One `<mark>`: a cited range, or overlapping ranges merged. */
export interface MarkedPassage {
  id: string;
  start: number;
  end: number;
  citationIds: string[];
}

/** Merges overlapping ranges (two quotes sharing words), so marks never nest or cross. */
export function mergeRanges(ranges: readonly CitedRange[], claimId: (citationId: string) => string): MarkedPassage[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const passages: Array<Omit<MarkedPassage, 'id'>> = [];
  for (const range of sorted) {
    const last = passages.at(-1);
    if (last !== undefined && range.start < last.end) {
      last.end = Math.max(last.end, range.end);
      last.citationIds.push(range.citationId);
    } else {
      passages.push({ start: range.start, end: range.end, citationIds: [range.citationId] });
    }
  }
  return passages.map((passage) => ({ ...passage, id: claimId(passage.citationIds[0]!) }));
}

/**
 * The furniture ranges a renderer can trust: whole numbers inside the text, in
 * order, none empty; a range overlapping the one before starts where that ends.
 */
export function furnitureRanges(ranges: readonly FurnitureRange[] | undefined, length: number): FurnitureRange[] {
  const valid = (ranges ?? [])
    .filter((range) => Number.isInteger(range.start) && Number.isInteger(range.end) && (range.kind === 'repeated' || range.kind === 'furniture'))
    .map((range) => ({ start: Math.max(0, range.start), end: Math.min(length, range.end), kind: range.kind }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const result: FurnitureRange[] = [];
  for (const range of valid) {
    const start = Math.max(range.start, result.at(-1)?.end ?? 0);
    if (range.end > start) result.push({ ...range, start });
  }
  return result;
}

const FURNITURE_TAG = { repeated: 'repeated', furniture: 'not article' } as const;
const FURNITURE_TITLE = {
  repeated: 'The document holds this block more than once',
  furniture: 'Page furniture, not the article: links, adverts, promotions',
} as const;

/**
 * Marks overlap furniture freely (a quote may land in it), so marks are the
 * outer level and a furniture range crossing a mark's edge is split in two
 * spans; only its first piece carries the tag.
 */
export function fullTextHtml(
  text: string,
  passages: readonly MarkedPassage[],
  links: (citationId: string) => PassageLink,
  furniture: readonly FurnitureRange[] = [],
): string {
  const children: ElementContent[] = [];
  const slice = (from: number, to: number): ElementContent[] => withFurniture(text, from, to, furniture);
  let at = 0;
  for (const passage of passages) {
    if (passage.start > at) children.push(...slice(at, passage.start));
    children.push({
      type: 'element',
      tagName: 'mark',
      properties: { id: passage.id },
      children: slice(passage.start, passage.end),
    });
    children.push({ type: 'element', tagName: 'sup', properties: { className: ['passage-refs'] }, children: backLinks(passage, links) });
    at = passage.end;
  }
  if (at < text.length) children.push(...slice(at, text.length));
  const tree: Root = { type: 'root', children };
  return unified().use(rehypeStringify).stringify(tree);
}

/** `text[from, to)` as text nodes, its furniture in spans; a range that starts here opens with its tag. */
function withFurniture(text: string, from: number, to: number, furniture: readonly FurnitureRange[]): ElementContent[] {
  const nodes: ElementContent[] = [];
  let at = from;
  for (const range of furniture) {
    if (range.end <= from || range.start >= to) continue;
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (start > at) nodes.push({ type: 'text', value: text.slice(at, start) });
    const content: ElementContent[] = [];
    if (range.start === start) {
      content.push({ type: 'element', tagName: 'span', properties: { className: ['furniture-tag'] }, children: [{ type: 'text', value: FURNITURE_TAG[range.kind] }] });
    }
    content.push({ type: 'text', value: text.slice(start, end) });
    nodes.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['furniture', `furniture-${range.kind}`], title: FURNITURE_TITLE[range.kind] },
      children: content,
    });
    at = end;
  }
  if (to > at) nodes.push({ type: 'text', value: text.slice(at, to) });
  return nodes;
}

function backLinks(passage: MarkedPassage, links: (citationId: string) => PassageLink): ElementContent[] {
  const seen = new Set<string>();
  const result: ElementContent[] = [];
  for (const citationId of passage.citationIds) {
    const link = links(citationId);
    if (seen.has(link.href)) continue;
    seen.add(link.href);
    if (result.length > 0) result.push({ type: 'text', value: ' ' });
    result.push({
      type: 'element',
      tagName: 'a',
      properties: { href: link.href, ariaLabel: `Back to citation ${link.number}: ${link.label}`, title: link.label },
      children: [{ type: 'text', value: `↩${link.number}` }],
    });
  }
  return result;
}
