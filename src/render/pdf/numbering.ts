// Note numbering. Each event and each prose section numbers its citations
// from 1 and its footnotes from "a", in reading order; the numbers are fixed
// in a first pass so markers and the notes printed below agree.
import type { FootnoteReference } from 'mdast';
import type { Brief, Markdown, MdastNodes } from '../../model/types.js';

export interface NoteScope {
  /** Note number of each citation id. */
  readonly citations: ReadonlyMap<string, number>;
  /** Letter of each footnote, by the key of its definition in `Brief.footnotes`. */
  readonly footnotes: ReadonlyMap<string, string>;
}

/** The key of a reference's definition in `brief.footnotes` (keyed by label; the identifier is the fallback). */
export function footnoteKey(brief: Brief, node: FootnoteReference): string | undefined {
  for (const key of [node.label, node.identifier]) {
    if (key != null && Object.hasOwn(brief.footnotes, key)) return key;
  }
  return undefined;
}

/** a, b, … z, aa, ab, … */
export function footnoteLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(97 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * Numbers the citations of `content` in reading order: `before` first (the
 * event's disputed dates, shown above its body), then the content and the
 * footnotes it references, then `after` (any citation of the event not yet seen,
 * so every quote backing it is printed with it).
 */
export function noteScope(
  brief: Brief,
  content: Markdown,
  before: readonly string[] = [],
  after: readonly string[] = [],
): NoteScope {
  const citations = new Map<string, number>();
  const footnotes = new Map<string, string>();
  const cite = (id: string): void => {
    if (!citations.has(id)) citations.set(id, citations.size + 1);
  };
  const definitions: Markdown[] = [];
  const walk = (nodes: readonly MdastNodes[]): void => {
    for (const node of nodes) {
      if (node.type === 'citationGroup') node.citationIds.forEach(cite);
      else if (node.type === 'footnoteReference') {
        const key = footnoteKey(brief, node);
        if (key !== undefined && !footnotes.has(key)) {
          footnotes.set(key, footnoteLetter(footnotes.size));
          definitions.push(brief.footnotes[key] ?? []);
        }
      }
      if ('children' in node) walk(node.children);
    }
  };
  before.forEach(cite);
  walk(content);
  // Definitions may cite and reference further footnotes; the list grows as it is read.
  for (let index = 0; index < definitions.length; index++) walk(definitions[index] ?? []);
  after.forEach(cite);
  return { citations, footnotes };
}
