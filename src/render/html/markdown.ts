// Markdown content of the model (mdast) → sanitized HTML, through unified:
// remark-rehype with handlers for the brief's own nodes, rehype-sanitize, the
// direction of each block (../direction.ts), rehype-stringify.
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { FootnoteReference, Heading, Image, ImageReference, Nodes, PhrasingContent, Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype, { type Options as ToHastOptions } from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { embeddedImage, type EmbeddedImage } from '../../documents/images.js';
import type { CitationGroup, Markdown } from '../../model/types.js';
import { textDirection, type Direction } from '../direction.js';
import type { Mode, References } from './references.js';
import { schema } from './schema.js';

type Handlers = NonNullable<ToHastOptions['handlers']>;
type Handler = NonNullable<Handlers['text']>;
type State = Parameters<Handler>[0];

export interface MarkdownContext {
  mode: Mode;
  /** Text of the back-links from Sources to markers rendered here: the event or section title. */
  backLinkText: string;
  /** Level of the heading the content stands under; its own headings start one level below. */
  headingLevel: number;
  /** The page's direction, from the brief's language. */
  direction: Direction;
}

/**
 * Renders content to an HTML fragment. Raw HTML in the markdown is dropped
 * (remark-rehype without `allowDangerousHtml`), and the result is sanitized, so
 * neither markup the author typed nor `data.hName`/`hProperties` on a node can
 * reach the page as live code.
 */
export function markdownToHtml(content: Markdown, references: References, context: MarkdownContext): Promise<string> {
  return toHtml(content, false, references, context);
}

/** Renders phrasing content (a title, a group of markers) to inline HTML, with no line breaks added between nodes. */
export function phrasingToHtml(content: PhrasingContent[], references: References, context: MarkdownContext): Promise<string> {
  return toHtml(content, true, references, context);
}

async function toHtml(content: Markdown, inline: boolean, references: References, context: MarkdownContext): Promise<string> {
  if (content.length === 0) return '';
  const processor = unified()
    .use(remarkRehype, { handlers: handlers(content, inline, references, context) })
    .use(markersAgainstText)
    .use(rehypeSanitize, schema)
    .use(directions, context.direction, inline)
    .use(rehypeStringify);
  const tree = await processor.run({ type: 'root', children: content });
  return processor.stringify(tree);
}

function handlers(content: Markdown, inline: boolean, references: References, context: MarkdownContext): Handlers {
  const shallowest = shallowestHeading(content);
  return {
    // The default root handler puts a line break between its children: right for blocks, a stray space inline.
    // `Handler` is typed to return element content; a root handler returns a root, as the library's own does.
    root: ((state: State, node: Root): HastRoot => {
      const children = state.all(node);
      return { type: 'root', children: inline ? children : state.wrap(children) };
    }) as unknown as Handler,

    citationGroup(state: State, node: CitationGroup) {
      return element(state, node, 'sup', { className: ['cite'] }, node.citationIds.map((id) => citationLink(id, references, context)));
    },

    footnoteReference(state: State, node: FootnoteReference) {
      const marker = references.footnote(node.identifier, context.mode);
      if (marker === null) return { type: 'text', value: `[^${node.label ?? node.identifier}]` };
      const link = element(state, node, 'a', { href: marker.href, ...(marker.id === null ? {} : { id: marker.id }) }, [
        { type: 'text', value: String(marker.number) },
      ]);
      return element(state, node, 'sup', { className: ['fnref'] }, [link]);
    },

    heading(state: State, node: Heading) {
      const level = Math.min(6, context.headingLevel + 1 + node.depth - shallowest);
      return element(state, node, `h${level}`, {}, state.all(node));
    },

    image(state: State, node: Image) {
      const image = embeddedImage(node);
      if (image === undefined) return imageLink(state, node, node.url, node.title);
      const properties = { src: dataUrl(image), alt: node.alt ?? '', width: image.width, height: image.height, ...(node.title ? { title: node.title } : {}) };
      return element(state, node, 'img', properties, []);
    },

    imageReference(state: State, node: ImageReference) {
      const definition = state.definitionById.get(node.identifier.toUpperCase());
      if (definition === undefined) return { type: 'text', value: node.alt ?? '' };
      return imageLink(state, node, definition.url, definition.title);
    },
  };
}

/** `[3]`, linking to the quote in Sources; a citation missing from the model renders `[?]` with no link. */
function citationLink(citationId: string, references: References, context: MarkdownContext): ElementContent {
  const marker = references.citation(citationId, context.mode, context.backLinkText);
  if (marker === null) return { type: 'text', value: '[?]' };
  return {
    type: 'element',
    tagName: 'a',
    properties: { href: marker.href, title: marker.title, ...(marker.id === null ? {} : { id: marker.id }) },
    children: [{ type: 'text', value: `[${marker.number}]` }],
  };
}

/** The image inside the page, as a `data:` URL: the page makes no requests. Made once per image. */
const dataUrls = new WeakMap<EmbeddedImage, string>();
function dataUrl(image: EmbeddedImage): string {
  let url = dataUrls.get(image);
  if (url === undefined) dataUrls.set(image, (url = `data:image/${image.format};base64,${image.bytes.toString('base64')}`));
  return url;
}

/** An image that is not embedded becomes a link to it: the page makes no requests, and its alt text still reads. */
function imageLink(state: State, node: Image | ImageReference, url: string, title: string | null | undefined): Element {
  const text = node.alt ? node.alt : url;
  const properties = { href: url, className: ['image-link'], ...(title ? { title } : {}) };
  return element(state, node, 'a', properties, [{ type: 'text', value: text }]);
}

/**
 * A superscript marker sits against the word it backs (`recognition[1].`), as
 * in print, whatever space the author typed before the citation; otherwise a
 * narrow screen can wrap the marker onto a line of its own.
 */
function markersAgainstText() {
  return (tree: HastRoot) => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      node.children.forEach((child, index) => {
        const before = node.children[index - 1];
        if (before?.type === 'text' && isMarker(child)) before.value = before.value.trimEnd();
      });
    });
  };
}

function isMarker(node: HastRoot['children'][number]): boolean {
  const className = node.type === 'element' && node.tagName === 'sup' ? node.properties.className : undefined;
  return Array.isArray(className) && (className.includes('cite') || className.includes('fnref'));
}

function element(state: State, from: Nodes, tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  const result: Element = { type: 'element', tagName, properties, children };
  state.patch(from, result);
  return result;
}

function shallowestHeading(content: Markdown): number {
  let depth = 6;
  for (const node of content) {
    visit(node, 'heading', (heading) => {
      depth = Math.min(depth, heading.depth);
    });
  }
  return depth;
}

/**
 * Elements that hold a paragraph's worth of text, each with a direction of its
 * own; and lists, whose markers stand on the side their items start from.
 */
const blocks = new Set(['p', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dt', 'dd', 'figcaption']);

/**
 * Gives a block mostly in a script of the other direction its own `dir`, as the
 * PDF sets it (../direction.ts): a Pashto paragraph in an English brief reads
 * right to left and aligns right. Inline content (a title) of the other
 * direction is wrapped in a span with its `dir`. Runs after sanitizing: the
 * values are the two the plugin writes.
 */
function directions(page: Direction, inline: boolean) {
  const walk = (nodes: readonly RootContent[], around: Direction): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      let direction = around;
      if (blocks.has(node.tagName)) {
        direction = textDirection(toString(node), around);
        if (direction !== around) node.properties['dir'] = direction;
      }
      walk(node.children, direction);
    }
  };
  return (tree: HastRoot) => {
    if (!inline) return walk(tree.children, page);
    const direction = textDirection(toString(tree), page);
    if (direction !== page) tree.children = [{ type: 'element', tagName: 'span', properties: { dir: direction }, children: tree.children as ElementContent[] }];
  };
}
