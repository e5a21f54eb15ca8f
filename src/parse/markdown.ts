// Markdown → mdast through unified (remark-parse + remark-gfm), one part of a
// file at a time, with positions mapped back to the whole file and citation
// groups spliced into the tree as `citationGroup` nodes.
import { posix } from 'node:path';
import type { Html, Image, Link, LinkReference, Nodes, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { toString } from 'mdast-util-to-string';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Point } from '../model/types.js';
import { alignText } from './align.js';
import { findCitationGroups, type CitationGroupMatch } from './citations.js';
import { checkLimits, MAX_NESTING, NESTING_NODES, type LimitProblem } from './limits.js';
import { proseParagraph, splitProse, type Block } from './plain.js';

const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * GFM's parts, in remark-gfm's order, each with what text must hold for the
 * part to find anything in it. Looking for them at every character costs: for
 * autolink literals (bare `www.…`, `https://…`, `a@b.c`) half of the parse, for
 * the other four a fifth. So text is parsed with the parts it may need only;
 * the tree is the same (a property test compares them with full GFM).
 */
const GFM_PARTS: ReadonlyArray<{ may: (text: string) => boolean; syntax: () => ReturnType<typeof gfmTable>; tree: () => ReturnType<typeof gfmTableFromMarkdown> }> = [
  // An e-mail's `x@`, `www`, `http:` or `https:`; or an escape or character reference, which could spell one
  // (`a&#64;b.c`), as the literals are also found in the decoded text.
  { may: (text) => /[\w+.-]@|www|https?:|&#?\w+;|\\/i.test(text), syntax: gfmAutolinkLiteral, tree: gfmAutolinkLiteralFromMarkdown },
  { may: (text) => text.includes('[^'), syntax: gfmFootnote, tree: gfmFootnoteFromMarkdown },
  { may: (text) => text.includes('~'), syntax: gfmStrikethrough, tree: gfmStrikethroughFromMarkdown },
  // A table's delimiter row has a pipe, or a colon beside a dash (`:-:` alone makes a one-column table).
  { may: (text) => text.includes('|') || /:-|-:/.test(text), syntax: gfmTable, tree: gfmTableFromMarkdown },
  // `[x]`, `[X]`, or a space, a tab or a line ending between brackets.
  { may: (text) => /\[(?:\r\n|[\sxX])\]/.test(text), syntax: gfmTaskListItem, tree: gfmTaskListItemFromMarkdown },
];
const ALL_PARTS = (1 << GFM_PARTS.length) - 1;

/** Parsers by the set of GFM parts they read (a bit each), made when first needed; full GFM is remark-gfm itself. */
const parsers = new Map<number, Pick<Processor, 'parse'>>([[ALL_PARTS, processor]]);

/** The markdown parser for `text`: GFM with the parts `text` may hold. */
export function parserFor(text: string): Pick<Processor, 'parse'> {
  let parts = 0;
  GFM_PARTS.forEach((part, index) => {
    if (part.may(text)) parts |= 1 << index;
  });
  let parser = parsers.get(parts);
  if (!parser) {
    const used = GFM_PARTS.filter((_, index) => parts & (1 << index));
    parser = unified()
      .use(remarkParse)
      .use(function gfmParts(this: Processor) {
        const data = this.data();
        (data.micromarkExtensions ??= []).push(...used.map((part) => part.syntax()));
        (data.fromMarkdownExtensions ??= []).push(...used.map((part) => part.tree()));
      });
    parsers.set(parts, parser);
  }
  return parser;
}

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
  /** Set when the part goes over a limit; it is then left out (no content). Its offset is in the whole file. */
  problem?: LimitProblem;
  /** Raw HTML other than comments, which neither output shows. */
  rawHtml?: RawHtml[];
  /** Images: the outputs embed those that are files of the brief root (see ../documents/images.ts). */
  images?: ImageNote[];
  /** Links whose text holds a citation, which is not read there (a link cannot hold the citation's own link). */
  citationsInLinks?: Array<{ line: number; column: number }>;
}

export interface ImageNote {
  at: { line: number; column: number };
  /** Its address, when written inline (`![alt](url)`). */
  url?: string;
  alt: string;
  /** The file it names, as a path of the brief root, when its address is one (also the node's `data.path`). */
  path?: string;
  /** Its address is a path that leads out of the brief root (`../x.png`, `/home/…`): never read. */
  outside?: boolean;
  /** The node, for the outputs to find the image it shows. */
  node?: Image;
}

export interface MarkdownPart {
  /** The whole file, so positions and raw text can be looked up. */
  source: string;
  /** Where the part starts in the file (a line start, or the heading text for titles). */
  start: Point;
  end: number;
  /** Footnote labels defined anywhere in the file. */
  footnoteLabels: ReadonlySet<string>;
  /** Prefix for footnote identifiers so two files' `[^1]` stay apart. */
  footnotePrefix: string;
  toPoint: (offset: number) => Point;
  /** The file, as a path of the brief root: image addresses are read relative to it. */
  file?: string;
}

const FOOTNOTE_REFERENCE = /\[\^([^\]\s]+)\]/g;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:/gm;

/**
 * The brief-root path of the file an image address names, read relative to the
 * markdown file (`map.png` in sources/brief.md is sources/map.png); `null` for
 * a path that leads out of the root (`../x.png`, `/home/…`), `undefined` for a
 * web address or any other URL (`https:`, `data:`, `//host/…`).
 */
export function localImagePath(file: string, url: string): string | null | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//') || url.trim() === '') return undefined;
  const bare = url.replace(/[?#].*$/s, '');
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // A lone `%` is part of the name.
  }
  if (decoded.startsWith('/') || decoded.includes('\0')) return null;
  const joined = posix.normalize(posix.join(posix.dirname(file), decoded));
  return joined === '..' || joined.startsWith('../') ? null : joined;
}

export function parseMarkdown(part: MarkdownPart): ParsedMarkdown {
  const text = part.source.slice(part.start.offset, part.end);
  const left = (problem: LimitProblem): ParsedMarkdown => ({ content: [], groups: [], footnotes: [], problem: { ...problem, offset: part.start.offset + problem.offset } });
  const limit = checkLimits(text);
  if (limit) return left(limit);
  // Stub definitions let a reference find a definition that stands in another part of the file.
  const defined = new Set(Array.from(text.matchAll(FOOTNOTE_DEFINITION), (m) => m[1]!));
  const stubs = new Set<string>();
  for (const [, label] of text.matchAll(FOOTNOTE_REFERENCE)) if (part.footnoteLabels.has(label!) && !defined.has(label!)) stubs.add(`[^${label}]: .`);
  let tree: Root;
  try {
    const markdown = stubs.size > 0 ? `${text}\n\n${[...stubs].join('\n')}\n` : text;
    tree = readMarkdown(markdown);
  } catch (error) {
    // micromark recurses on nested inline content; what overflows the stack is too deep to read.
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    return left({ ruleId: 'too-deep', message: tooDeepMessage, offset: 0 });
  }

  // One walk, without recursion: refuse what nests too deeply, move positions to the whole
  // file, keep footnote ids of two files apart, and note the parents citations may stand in.
  const mayCite: Parent[] = [];
  const mayCiteInFootnotes: Parent[] = [];
  const rawHtml: NonNullable<ParsedMarkdown['rawHtml']> = [];
  const images: ImageNote[] = [];
  const links: Array<Link | LinkReference> = [];
  const stack: Array<{ node: Nodes; depth: number; inFootnote: boolean; inline: boolean }> = [{ node: tree, depth: 0, inFootnote: false, inline: false }];
  while (stack.length > 0) {
    const { node, depth, inFootnote, inline } = stack.pop()!;
    if (node.position) shiftPosition(node.position, part.start);
    if (node.type === 'html') noteRawHtml(node, inline, rawHtml);
    if ((node.type === 'image' || node.type === 'imageReference') && node.position) {
      const note: ImageNote = { at: { line: node.position.start.line, column: node.position.start.column }, alt: node.alt ?? '' };
      if (node.type === 'image') {
        note.url = node.url;
        note.node = node;
        const local = part.file === undefined ? undefined : localImagePath(part.file, node.url);
        if (local === null) note.outside = true;
        else if (local !== undefined) node.data = { ...node.data, path: (note.path = local) };
      }
      images.push(note);
    }
    if (node.type === 'footnoteReference') {
      node.identifier = part.footnotePrefix + node.identifier;
      node.label = node.identifier;
    }
    if (!('children' in node)) continue;
    const children = node.children as Nodes[];
    if ((node.type === 'link' || node.type === 'linkReference') && toString(node).includes('@')) links.push(node);
    if (PHRASING_PARENTS.has(node.type) && children.some((child) => child.type === 'text' && child.value.includes('@'))) {
      (inFootnote ? mayCiteInFootnotes : mayCite).push(node);
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      const childDepth = NESTING_NODES.has(child.type) ? depth + 1 : depth;
      // Positions of unvisited nodes are still relative to the part.
      if (childDepth > MAX_NESTING) return left({ ruleId: 'too-deep', message: tooDeepMessage, offset: child.position?.start.offset ?? 0 });
      stack.push({ node: child, depth: childDepth, inFootnote: inFootnote || child.type === 'footnoteDefinition', inline: !FLOW_PARENTS.has(node.type) });
    }
  }

  const footnotes: ParsedMarkdown['footnotes'] = [];
  const content = tree.children.filter((node) => {
    if (node.type !== 'footnoteDefinition') return true;
    if ((node.position?.start.offset ?? Infinity) < part.end) footnotes.push({ identifier: part.footnotePrefix + node.identifier, content: node.children });
    return false;
  });
  const groups: FoundGroup[] = [];
  for (const parent of [...mayCite, ...mayCiteInFootnotes]) {
    parent.children = spliceInto(parent.children as PhrasingContent[], part, groups);
  }
  const citationsInLinks = links.filter((link) => link.position && findCitationGroups(toString(link)).length > 0).map((link) => ({ line: link.position!.start.line, column: link.position!.start.column }));
  return {
    content,
    groups,
    footnotes,
    ...(rawHtml.length > 0 ? { rawHtml } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(citationsInLinks.length > 0 ? { citationsInLinks } : {}),
  };
}

export interface RawHtml {
  at: { line: number; column: number };
  /** Its first tag, shortened. */
  tag: string;
  /** A tag inside a paragraph (its text stays), rather than a block left out whole. */
  inline: boolean;
}

/** Notes raw HTML the outputs leave out. An HTML comment is the author's note to themselves and is not noted; nor is a closing tag, noted with its opening one. */
function noteRawHtml(node: Html, inline: boolean, found: RawHtml[]): void {
  const markup = node.value.replace(/<!--[^]*?(?:-->|$)/g, '').trim();
  if (markup === '' || (inline && markup.startsWith('</')) || !node.position) return;
  const tag = /^<[^>]*>?/.exec(markup)?.[0] ?? markup;
  found.push({ at: { line: node.position.start.line, column: node.position.start.column }, tag: tag.length > 40 ? `${tag.slice(0, 39)}…` : tag, inline });
}

const tooDeepMessage = `markdown nested more than ${MAX_NESTING} levels deep (block quotes, lists, emphasis, links); flatten the nesting`;

/**
 * The tree remark-parse and remark-gfm make of `text`, its children at least.
 * Paragraphs of plain prose are made here (./plain.ts); the rest is parsed.
 */
export function readMarkdown(text: string): Root {
  const blocks = splitProse(text);
  return blocks ? readBlocks(text, blocks) : (parserFor(text).parse(text) as Root);
}

/** The tree of text read block by block. Positions are those in the text. */
function readBlocks(text: string, blocks: Block[]): Root {
  const children: RootContent[] = [];
  for (const block of blocks) {
    if (block.prose) {
      children.push(proseParagraph(text, block));
      continue;
    }
    const markdown = text.slice(block.from, block.to);
    const tree = parserFor(markdown).parse(markdown) as Root;
    // Blocks start on a line of their own: the columns stay; lines and offsets move.
    const start = { line: block.line, column: 1, offset: block.from };
    const stack: Nodes[] = [...tree.children];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.position) shiftPosition(node.position, start);
      if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
    }
    children.push(...tree.children);
  }
  return { type: 'root', children };
}

function shiftPosition(position: NonNullable<Nodes['position']>, start: Point): void {
  for (const point of [position.start, position.end]) {
    if (point.line === 1) point.column += start.column - 1;
    point.line += start.line - 1;
    point.offset = (point.offset ?? 0) + start.offset;
  }
}

/** Parents whose HTML children are blocks; elsewhere HTML is a tag inside a line of text. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete']);

/** Finds citation groups in the text of `children` and replaces each with a citationGroup node. */
function spliceInto(children: PhrasingContent[], part: MarkdownPart, groups: FoundGroup[]): PhrasingContent[] {
  const starts: number[] = [];
  let flat = '';
  for (const child of children) {
    starts.push(flat.length);
    flat += child.type === 'text' ? child.value : toString(child);
  }
  const childAt = (index: number) => {
    // The last child that starts at or before `index`.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const sources = new Map<Text, NodeSource>();
  /** Where the group `raw`, starting at `index` of a text node's value, starts in the file. */
  const rawOffset = (node: Text, index: number, raw: string) => {
    let known = sources.get(node);
    if (!known) sources.set(node, (known = nodeSource(node, part.source)));
    // The group's own text, after the groups before it in the node…
    const at = known.text.indexOf(raw, known.cursor);
    if (at !== -1) {
      known.cursor = at + raw.length;
      return known.start + at;
    }
    // …or, when escapes or character references make it differ, the node's text mapped to the file.
    known.offsets ??= alignText(node.value, part.source, known.start, known.start + known.text.length);
    return known.offsets[index] ?? known.start;
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

    const start = rawOffset(firstNode, match.start - starts[first]!, flat.slice(match.start, match.end));
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

/** The file text a text node was read from. */
interface NodeSource {
  start: number;
  text: string;
  /** Where in `text` to look for the next group: groups come in order. */
  cursor: number;
  /** The file offset of each character of the node's value, computed when first needed. */
  offsets?: Int32Array;
}

function nodeSource(node: Text, source: string): NodeSource {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? source.length;
  return { start, text: source.slice(start, end), cursor: 0 };
}

function locate(match: CitationGroupMatch, start: number, flat: string, part: MarkdownPart): FoundGroup {
  const raw = flat.slice(match.start, match.end);
  const { source } = part;
  let at: (offset: number) => number;
  if (source.startsWith(raw, start)) {
    at = (offset) => start + (offset - match.start);
  } else {
    // Escapes, references or markup inside the group: map it character by character.
    const offsets = alignText(raw, source, start, Math.min(part.end, start + 8 * raw.length + 64));
    at = (offset) => (offset - match.start < offsets.length ? offsets[offset - match.start]! : offsets[offsets.length - 1]! + 1);
  }
  const end = at(match.end - 1) + 1;
  return {
    match,
    start,
    end,
    keyOffsets: match.items.map((item) => at(item.keyOffset)),
    quoteOffsets: match.items.map((item) => (item.quoteOffset === undefined ? undefined : at(item.quoteOffset))),
    problemOffsets: match.problems.map((problem) => at(problem.offset)),
    node: { type: 'citationGroup', citationIds: [], position: { start: part.toPoint(start), end: part.toPoint(end) } },
  };
}
