// The mdast walk: phrasing content becomes styled runs, block content becomes
// paragraphs, lists, quotes, code and tables in the flow, each a structure
// element of the tagged PDF. Citation groups and footnote references become
// note markers numbered by the enclosing scope; each citation number links to
// its quote in Sources.
import type { Code, Heading, Image, List, PhrasingContent, RootContent } from 'mdast';
import { embeddedImage, type EmbeddedImage } from '../../documents/images.js';
import { toString } from 'mdast-util-to-string';
import { destination, target, type Context } from './context.js';
import type { Flow } from './flow.js';
import { footnoteKey, type NoteScope } from './numbering.js';
import { renderTable } from './table.js';
import { kept, text, type Run, type RunStyle } from './text.js';
import { colour, gap, keepWithNext, leading, type } from './theme.js';

/** How a stretch of markdown looks: its base style, line height and paragraph spacing. */
export interface Prose {
  style: RunStyle;
  lineHeight: number;
  paragraphGap: number;
  /** Nesting depth of lists, for the choice of bullet. */
  listDepth?: number;
  /** Markdown headings of `depth` are structure headings of `level`, deeper ones one level lower per step (default: `##` is H3). */
  headings?: { level: number; depth: number };
}

export const bodyProse: Prose = Object.freeze({
  style: type.body,
  lineHeight: leading.body,
  paragraphGap: gap.paragraph,
});

export function markerStyle(style: RunStyle): RunStyle {
  return { ...style, size: style.size * 0.72, raise: style.size * 0.36, color: colour.link, bold: false, italic: false };
}

/** Where a citation marker leads: the quote in Sources, else the document's entry there. */
function citationTarget(context: Context, id: string): { goTo?: string } {
  const citation = context.citations.get(id);
  if (!citation) return {};
  const quote = target(context, destination.citation(id));
  return quote.goTo ? quote : target(context, destination.document(citation.documentId));
}

/** `[1, 2]` with each number linked to its quote in Sources. */
export function citationMarker(context: Context, scope: NoteScope, citationIds: readonly string[], style: RunStyle): Run[] {
  const marker = markerStyle(style);
  const numbers = [...new Set(citationIds)].flatMap((id) => {
    const number = scope.citations.get(id);
    if (number === undefined) return [];
    const link = citationTarget(context, id);
    return [{ number, style: link.goTo ? { ...marker, ...link, linkTitle: `Note ${number}: the quote in Sources` } : marker }];
  });
  if (numbers.length === 0) return [];
  numbers.sort((a, b) => a.number - b.number);
  const runs: Run[] = [kept('[', marker)];
  numbers.forEach(({ number, style: numberStyle }, index) => {
    if (index > 0) runs.push(kept(', ', marker));
    runs.push(kept(String(number), numberStyle));
  });
  runs.push(kept(']', marker));
  return runs;
}

/** Removes whitespace at the end of the runs, so a marker sits against the word it follows. */
function trimEnd(runs: Run[]): void {
  const last = runs[runs.length - 1];
  if (last?.kind === 'text' && !last.keep) {
    const trimmed = last.text.replace(/[^\S\u00a0]+$/, '');
    if (trimmed === '') {
      runs.pop();
      trimEnd(runs);
    } else runs[runs.length - 1] = { ...last, text: trimmed };
  }
}

export function inlineRuns(
  context: Context,
  scope: NoteScope,
  nodes: readonly PhrasingContent[],
  style: RunStyle,
): Run[] {
  const runs: Run[] = [];
  const add = (node: PhrasingContent, current: RunStyle): void => {
    switch (node.type) {
      case 'text':
        runs.push(text(node.value, current));
        break;
      case 'emphasis':
        node.children.forEach((child) => add(child, { ...current, italic: !current.italic }));
        break;
      case 'strong':
        node.children.forEach((child) => add(child, { ...current, bold: true }));
        break;
      case 'delete':
        node.children.forEach((child) => add(child, { ...current, strike: true }));
        break;
      case 'inlineCode':
        runs.push(
          text(node.value, {
            ...current,
            family: 'mono',
            bold: false,
            italic: false,
            size: current.size * 0.88,
            background: colour.codeBackground,
          }),
        );
        break;
      case 'link':
        node.children.forEach((child) => add(child, { ...current, color: colour.link, link: node.url, linkTitle: node.title ?? node.url }));
        break;
      case 'linkReference':
        node.children.forEach((child) => add(child, current));
        break;
      case 'break':
        runs.push({ kind: 'break' });
        break;
      case 'image':
      case 'imageReference':
        if (node.alt) runs.push(text(`[Image: ${node.alt}]`, { ...current, italic: true, color: colour.muted }));
        break;
      case 'citationGroup':
        trimEnd(runs);
        runs.push(...citationMarker(context, scope, node.citationIds, current));
        break;
      case 'footnoteReference': {
        const key = footnoteKey(context.brief, node);
        const letter = key === undefined ? undefined : scope.footnotes.get(key);
        if (letter !== undefined) {
          trimEnd(runs);
          runs.push(kept(`[${letter}]`, markerStyle(current)));
        }
        break;
      }
      case 'html':
        // Raw HTML has no place in a PDF; the HTML renderer sanitises it, here it is left out.
        break;
      default:
        break;
    }
  };
  nodes.forEach((node) => add(node, style));
  return runs;
}

const bullets = ['•', '◦', '▪'];

function renderList(context: Context, scope: NoteScope, list: List, prose: Prose): void {
  const { flow } = context;
  const depth = prose.listDepth ?? 0;
  const start = list.start ?? 1;
  const labels = list.children.map((item, index) => {
    if (item.checked != null) return item.checked ? '☑' : '☐';
    return list.ordered ? `${start + index}.` : (bullets[depth % bullets.length] as string);
  });
  const labelWidth = Math.max(...labels.map((label) => flow.ts.width(label, prose.style)));
  const column = Math.max(prose.style.size * 1.4, labelWidth + 6);
  const spread = list.spread === true || list.children.some((item) => item.spread === true);
  // A list in a script read right to left has its markers on the right, and is indented from the right.
  const direction = flow.directionOfText(toString(list));
  const inner: Prose = {
    ...prose,
    paragraphGap: spread ? prose.paragraphGap : prose.paragraphGap / 3,
    listDepth: depth + 1,
  };
  flow.space(prose.paragraphGap);
  flow.tags.element('L', () => {
    list.children.forEach((item, index) => {
      flow.space(inner.paragraphGap);
      flow.tags.element('LI', () => {
        const label = flow.tags.create('Lbl');
        flow.indent(
          direction === 'rtl' ? 0 : column,
          () => {
            // DejaVu Serif has no ballot boxes; DejaVu Sans has.
            const family = list.children[index]?.checked != null ? 'sans' : prose.style.family;
            flow.setMarker([text(labels[index] as string, { ...prose.style, family, color: colour.text })], 5, label, direction);
            flow.tags.element('LBody', () => renderBlocks(context, scope, item.children, inner));
            flow.flushMarker();
          },
          direction === 'rtl' ? column : 0,
        );
      });
    });
  });
  flow.space(prose.paragraphGap);
}

function renderCode(context: Context, node: Code, prose: Prose): void {
  const { flow } = context;
  const style: RunStyle = { ...type.code, size: Math.min(type.code.size, prose.style.size * 0.9) };
  const runs = node.value
    .replace(/\t/g, '    ')
    .split('\n')
    .flatMap((line, index): Run[] => (index === 0 ? [kept(line, style)] : [{ kind: 'break' }, kept(line, style)]));
  flow.flushMarker();
  flow.space(prose.paragraphGap + 2);
  const bleed = 6;
  flow.tags.element('Code', () =>
    flow.indent(
      bleed,
      () => flow.paragraph(runs, leading.tight, { background: colour.codeBackground, backgroundBleed: bleed, keepPairs: false }),
      bleed,
    ),
  );
  flow.space(prose.paragraphGap + 2);
}

function headingStyle(node: Heading, prose: Prose): RunStyle {
  const scale = node.depth <= 2 ? 1.2 : node.depth === 3 ? 1.1 : 1;
  return { ...prose.style, family: 'sans', bold: true, italic: false, size: prose.style.size * scale, color: colour.accent };
}

/** A markdown heading held back until the block after it is placed, so it never ends a page. */
function renderHeading(context: Context, scope: NoteScope, node: Heading, prose: Prose): void {
  const { flow } = context;
  const { level, depth } = prose.headings ?? { level: 3, depth: 2 };
  const element = flow.tags.create(`H${Math.min(6, Math.max(1, level + node.depth - depth))}`);
  const runs = inlineRuns(context, scope, node.children, headingStyle(node, prose));
  const lines = flow.layout(runs, leading.heading, flow.width, flow.directionOf(runs));
  flow.space(prose.paragraphGap * 2);
  flow.hold(
    lines.reduce((sum, line) => sum + line.height, 0),
    () => {
      flow.tags.within(element, () => flow.lines(lines, { keepPairs: false }));
      element.end();
    },
  );
  flow.space(prose.paragraphGap / 2);
}

/** A paragraph's content cut at its embedded images: runs of phrasing (with text in them) and images; as it is when it has none. */
function splitAtImages(children: PhrasingContent[]): Array<PhrasingContent[] | { node: Image; image: EmbeddedImage }> {
  if (!children.some((child) => child.type === 'image' && embeddedImage(child))) return [children];
  const parts: Array<PhrasingContent[] | { node: Image; image: EmbeddedImage }> = [];
  let phrasing: PhrasingContent[] = [];
  const endPhrasing = () => {
    if (phrasing.some((child) => child.type !== 'text' || child.value.trim() !== '')) parts.push(phrasing);
    phrasing = [];
  };
  for (const child of children) {
    const image = child.type === 'image' ? embeddedImage(child) : undefined;
    if (child.type === 'image' && image) {
      endPhrasing();
      parts.push({ node: child, image });
    } else {
      phrasing.push(child);
    }
  }
  endPhrasing();
  return parts;
}

/** What PDFKit's `openImage` gives (its types leave the method out): the size in pixels, and a JPEG's EXIF orientation. */
interface OpenedImage {
  width: number;
  height: number;
  orientation?: number;
}

/** Images opened in each PDF, so one shown twice (an event and its human-rights repeat) is stored once. */
const opened = new WeakMap<PDFKit.PDFDocument, Map<EmbeddedImage, OpenedImage>>();

/**
 * An image as a figure of the tagged PDF (its description as `/Alt`), centred,
 * at 96 pixels to the inch but never wider than the column nor taller than
 * three fifths of the page, on the next page when it does not fit on this one.
 */
function renderFigure(flow: Flow, image: EmbeddedImage, node: Image): void {
  const { doc } = flow;
  let images = opened.get(doc);
  if (!images) opened.set(doc, (images = new Map()));
  let pdfImage = images.get(image);
  if (!pdfImage) images.set(image, (pdfImage = (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(image.bytes)));
  // A photograph's EXIF orientation turns it a quarter when it is 5 to 8.
  const turned = (pdfImage.orientation ?? 1) > 4;
  const [pixelsWide, pixelsHigh] = turned ? [pdfImage.height, pdfImage.width] : [pdfImage.width, pdfImage.height];
  const scale = Math.min(0.75, flow.width / pixelsWide, ((flow.bottom - flow.top) * 0.6) / pixelsHigh);
  const width = pixelsWide * scale;
  const height = pixelsHigh * scale;
  flow.flushMarker();
  flow.ensure(height);
  flow.settle();
  const alt = node.alt?.trim() || node.title?.trim() || image.path.replace(/^.*\//, '');
  flow.tags.element(
    'Figure',
    () => {
      flow.tags.content();
      // PDFKit takes an opened image where its types say a file; `fit` keeps the proportions as it turns a photograph.
      doc.image(pdfImage as unknown as Buffer, flow.x + (flow.width - width) / 2, flow.y, { fit: [width, height] });
    },
    { alt },
  );
  flow.y += height;
}

/** A paragraph of the brief's prose, in the direction its letters give it. */
function proseParagraph(flow: Flow, runs: readonly Run[], lineHeight: number): void {
  flow.paragraph(runs, lineHeight, { direction: flow.directionOf(runs) });
}

/** Renders block content into the flow. */
export function renderBlocks(
  context: Context,
  scope: NoteScope,
  nodes: readonly RootContent[],
  prose: Prose = bodyProse,
): void {
  const { flow } = context;
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        // An embedded image stands on a line of its own, between the paragraph's text before and after it.
        for (const part of splitAtImages(node.children)) {
          flow.space(prose.paragraphGap);
          if (Array.isArray(part)) flow.tags.element('P', () => proseParagraph(flow, inlineRuns(context, scope, part, prose.style), prose.lineHeight));
          else renderFigure(flow, part.image, part.node);
          flow.space(prose.paragraphGap);
        }
        break;
      case 'heading':
        renderHeading(context, scope, node, prose);
        break;
      case 'thematicBreak':
        flow.flushMarker();
        flow.space(prose.paragraphGap * 2);
        flow.ensure(prose.style.size * keepWithNext);
        flow.rule(colour.rule);
        flow.space(prose.paragraphGap * 2);
        break;
      case 'blockquote':
        flow.flushMarker();
        flow.space(prose.paragraphGap);
        flow.tags.element('BlockQuote', () =>
          flow.barred(
            12,
            colour.quoteBar,
            2 * prose.style.size * prose.lineHeight + prose.paragraphGap,
            () => renderBlocks(context, scope, node.children, { ...prose, style: { ...prose.style, color: '#3a3a3a' } }),
            flow.directionOfText(toString(node)),
          ),
        );
        flow.space(prose.paragraphGap);
        break;
      case 'list':
        renderList(context, scope, node, prose);
        break;
      case 'code':
        renderCode(context, node, prose);
        break;
      case 'table':
        renderTable(flow, node, (cells, style) => inlineRuns(context, scope, cells, style), prose.style.size, prose.paragraphGap);
        break;
      case 'html':
      case 'definition':
      case 'footnoteDefinition':
      case 'yaml':
        // Not content of the briefing: raw HTML is dropped, definitions are resolved elsewhere.
        break;
      case 'citationGroup':
      case 'text':
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'inlineCode':
      case 'link':
      case 'linkReference':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
      case 'break':
        // Phrasing content standing alone, outside a paragraph.
        flow.tags.element('P', () => proseParagraph(flow, inlineRuns(context, scope, [node], prose.style), prose.lineHeight));
        break;
      default:
        break;
    }
  }
}
