// Markdown → mdast through unified (remark-parse + remark-gfm), one part of a
// file at a time, with positions mapped back to the whole file and citation
// groups spliced into the tree as `citationGroup` nodes.
import type { Nodes, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Point } from '../model/types.js';
import { findCitationGroups, type CitationGroupMatch } from './citations.js';

const processor = unified().use(remarkParse).use(remarkGfm);

export interface FoundGroup {
  match: CitationGroupMatch;
  /** Offsets in the whole file of the group, each item's key and each item's quote. */
  start: number;
  end: number;
  keyOffsets: number[];
  quoteOffsets: Array<number | undefined>;
  /** Offsets of problems, in the same order as `match.problems`. */
  problemOffsets: number[];
  node: { type: 'citationGroup'; citationIds: string[]; position?: { start: Point; end: Point } };
}

export interface ParsedMarkdown {
  content: RootContent[];
  groups: FoundGroup[];
  footnotes: Array<{ identifier: string; content: RootContent[] }>;
}

export interface MarkdownPart {
  /** The whole file, so positions and raw text can be looked up. */
  source: string;
  /** Where the part starts in the file (a line start, or the heading text for titles). */
  start: Point;
  end: number;
  /** Footnote labels defined anywhere in the file. */
  footnoteLabels: readonly string[];
  /** Prefix for footnote identifiers so two files' `[^1]` stay apart. */
  footnotePrefix: string;
  toPoint: (offset: number) => Point;
}

export function parseMarkdown(part: MarkdownPart): ParsedMarkdown {
  const text = part.source.slice(part.start.offset, part.end);
  // Stub definitions let a reference find a definition that stands in another part of the file.
  const stubs = part.footnoteLabels.filter((label) => !text.includes(`[^${label}]:`)).map((label) => `[^${label}]: .`);
  const tree = processor.parse(stubs.length > 0 ? `${text}\n\n${stubs.join('\n')}\n` : text) as Root;
  shiftPositions(tree, part.start);

  const footnotes: ParsedMarkdown['footnotes'] = [];
  const content = tree.children.filter((node) => {
    if (node.type !== 'footnoteDefinition') return true;
    if ((node.position?.start.offset ?? Infinity) < part.end) footnotes.push({ identifier: part.footnotePrefix + node.identifier, content: node.children });
    return false;
  });
  visit(tree, 'footnoteReference', (node) => {
    node.identifier = part.footnotePrefix + node.identifier;
    node.label = node.identifier;
  });

  const groups: FoundGroup[] = [];
  const root: Root = { type: 'root', children: content };
  spliceCitations(root, part, groups);
  for (const footnote of footnotes) spliceCitations({ type: 'root', children: footnote.content }, part, groups);
  return { content, groups, footnotes };
}

function shiftPositions(tree: Root, start: Point): void {
  visit(tree, (node) => {
    const position = node.position;
    if (!position) return;
    for (const point of [position.start, position.end]) {
      if (point.line === 1) point.column += start.column - 1;
      point.line += start.line - 1;
      point.offset = (point.offset ?? 0) + start.offset;
    }
  });
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete']);

function spliceCitations(tree: Parent, part: MarkdownPart, groups: FoundGroup[]): void {
  visit(tree as Nodes, (node) => {
    if (!PHRASING_PARENTS.has(node.type) || !('children' in node)) return;
    const parent = node as Parent & { children: PhrasingContent[] };
    if (!parent.children.some((child) => child.type === 'text' && child.value.includes('@'))) return;
    parent.children = spliceInto(parent.children, part, groups);
  });
}

/** Finds citation groups in the text of `children` and replaces each with a citationGroup node. */
function spliceInto(children: PhrasingContent[], part: MarkdownPart, groups: FoundGroup[]): PhrasingContent[] {
  const starts: number[] = [];
  let flat = '';
  for (const child of children) {
    starts.push(flat.length);
    flat += child.type === 'text' ? child.value : toString(child);
  }
  const childAt = (index: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > index) i--;
    return i;
  };

  const matches = findCitationGroups(flat);
  if (matches.length === 0) return children;
  const out: PhrasingContent[] = [];
  let consumed = 0; // children before this index are in `out`
  let cut = 0; // characters of children[consumed] already used (when it is text)
  for (const match of matches) {
    const first = childAt(match.start);
    const last = childAt(match.end - 1);
    const firstNode = children[first]!;
    const lastNode = children[last]!;
    if (firstNode.type !== 'text' || lastNode.type !== 'text' || first < consumed) continue;

    for (let i = consumed; i < first; i++) out.push(i === consumed && cut > 0 ? tail(children[i] as Text, cut) : children[i]!);
    const from = first === consumed ? cut : 0;
    const before = firstNode.value.slice(from, match.start - starts[first]!);
    if (before !== '') out.push({ ...firstNode, value: before });

    const start = rawOffset(firstNode, match.start - starts[first]!, part.source);
    const found = locate(match, start, flat, part);
    groups.push(found);
    out.push(found.node);
    consumed = last;
    cut = match.end - starts[last]!;
  }
  for (let i = consumed; i < children.length; i++) {
    const child = children[i]!;
    if (i === consumed && cut > 0) {
      const rest = tail(child as Text, cut);
      if (rest.value !== '') out.push(rest);
    } else out.push(child);
  }
  return out;
}

function tail(node: Text, from: number): Text {
  return { ...node, value: node.value.slice(from) };
}

/** Maps an index in a text node's value to an offset in the file: the n-th `[` of the value is the n-th of the source. */
function rawOffset(node: Text, index: number, source: string): number {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? source.length;
  let nth = 0;
  for (let i = node.value.indexOf('['); i !== -1 && i < index; i = node.value.indexOf('[', i + 1)) nth++;
  let at = source.indexOf('[', start);
  while (nth > 0 && at !== -1 && at < end) {
    at = source.indexOf('[', at + 1);
    nth--;
  }
  return at === -1 ? start : at;
}

function locate(match: CitationGroupMatch, start: number, flat: string, part: MarkdownPart): FoundGroup {
  const { source } = part;
  const sameText = source.startsWith(flat.slice(match.start, match.end), start);
  const shift = (offset: number) => start + (offset - match.start);
  const keyOffsets: number[] = [];
  const quoteOffsets: Array<number | undefined> = [];
  let cursor = start;
  for (const item of match.items) {
    const key = sameText ? shift(item.keyOffset) : Math.max(source.indexOf(`@${item.key}`, cursor), start);
    keyOffsets.push(key);
    const quote = item.quoteOffset === undefined ? undefined : sameText ? shift(item.quoteOffset) : quoteAfter(source, key);
    quoteOffsets.push(quote);
    cursor = key + 1;
  }
  const end = sameText ? shift(match.end) : Math.max(source.indexOf(']', cursor) + 1, start + 1);
  const problemOffsets = match.problems.map((problem) => (sameText ? shift(problem.offset) : start));
  return {
    match,
    start,
    end,
    keyOffsets,
    quoteOffsets,
    problemOffsets,
    node: { type: 'citationGroup', citationIds: [], position: { start: part.toPoint(start), end: part.toPoint(end) } },
  };
}

function quoteAfter(source: string, from: number): number {
  const at = source.slice(from).search(/["“]/);
  return at === -1 ? from : from + at + 1;
}
