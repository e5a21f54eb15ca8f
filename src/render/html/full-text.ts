// A cited document's full text as HTML, every cited passage in a `<mark>` with
// links back to the markers that cite it. The text is untrusted: it only ever
// becomes hast text nodes, which the stringifier escapes.
import type { ElementContent, Root } from 'hast';
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

export function fullTextHtml(text: string, passages: readonly MarkedPassage[], links: (citationId: string) => PassageLink): string {
  const children: ElementContent[] = [];
  let at = 0;
  for (const passage of passages) {
    if (passage.start > at) children.push({ type: 'text', value: text.slice(at, passage.start) });
    children.push({
      type: 'element',
      tagName: 'mark',
      properties: { id: passage.id },
      children: [{ type: 'text', value: text.slice(passage.start, passage.end) }],
    });
    children.push({ type: 'element', tagName: 'sup', properties: { className: ['passage-refs'] }, children: backLinks(passage, links) });
    at = passage.end;
  }
  if (at < text.length) children.push({ type: 'text', value: text.slice(at) });
  const tree: Root = { type: 'root', children };
  return unified().use(rehypeStringify).stringify(tree);
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
