// Characters the PDF cannot print. PDFKit has no font fallback, so a character
// none of the embedded fonts has (Chinese, Japanese, Korean, emoji, rarer
// scripts) prints as an empty box: a gap nobody sees until the page is in a
// reader's hands. Each such character is reported once, where it is first met
// in the order the PDF prints the brief; characters met first in one piece of
// text share one warning.
import type { Nodes } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Brief, Markdown } from '../model/types.js';

/** Prose is set in DejaVu Serif and Sans; code and file names in DejaVu Sans Mono. */
export type Setting = 'prose' | 'code';

/** Whether the PDF's fonts for a character have a glyph for it (render/pdf/coverage.ts); prose by default. */
export interface GlyphCoverage {
  has(char: string, setting?: Setting): boolean;
}

interface Point {
  line: number;
  column: number;
}

export interface Place {
  file: string;
  at: Point;
}

/** Spaces, controls and invisible marks are not drawn as glyphs. */
const undrawn = /[\s\p{Cc}\p{Default_Ignorable_Code_Point}]/u;
/**
 * Printable ASCII, Latin-1, Latin Extended-A and the common punctuation (dashes,
 * curly quotes, ellipsis), most of any brief, which every face of the PDF's
 * prose and code has (a test checks): text of only these is passed over in one look,
 * and a brief of only these never loads the fonts.
 */
export const COMMON = /^[\s\x20-\x7E\xA0-\u017F\u2010-\u2022\u2026\u2030\u2039\u203A\u20AC]*$/;

/**
 * Finds the characters the PDF's fonts lack. `documentPlace` says where a
 * document's metadata is written (its documents.yaml entry, else its file).
 */
export async function checkGlyphs(
  brief: Brief,
  loadCoverage: () => Promise<GlyphCoverage>,
  briefFile: string,
  documentPlace: (id: string) => Place,
): Promise<Diagnostic[]> {
  // The texts with other characters, in the order the PDF prints them; the fonts are read only if there are any.
  const uncommon: Array<{ text: string; place: Place; setting: Setting; fileName?: string }> = [];
  const check = (text: string | undefined, place: Place, setting: Setting = 'prose', fileName?: string): void => {
    if (text && !COMMON.test(text)) uncommon.push({ text, place, setting, ...(fileName !== undefined ? { fileName } : {}) });
  };
  const checkTree = (content: Markdown, file: string, fallback: Point = { line: 1, column: 1 }): void => {
    // A node without a position (made, not parsed) stands where its nearest parent with one does.
    const stack: Array<{ node: Nodes; near: Point }> = [...content].reverse().map((node) => ({ node, near: fallback }));
    while (stack.length > 0) {
      const { node, near } = stack.pop()!;
      const start = node.position ? { line: node.position.start.line, column: node.position.start.column } : near;
      if ('value' in node && typeof node.value === 'string' && node.type !== 'html' && node.type !== 'yaml') {
        check(node.value, { file, at: start }, node.type === 'code' || node.type === 'inlineCode' ? 'code' : 'prose');
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, near: start });
    }
  };

  const top = { file: briefFile, at: { line: 1, column: 1 } };
  check(brief.meta.title, top);
  check(brief.meta.subtitle, top);
  check(brief.meta.author, top);
  checkTree(brief.summary, briefFile);
  checkTree(brief.chronology.intro, briefFile);
  const footnoteFile = footnoteFiles(brief, briefFile);
  for (const event of brief.events) {
    checkTree(event.title, event.position.file, event.position.start);
    checkTree(event.body, event.position.file, event.position.start);
  }
  checkTree(brief.humanRights.intro, briefFile);
  for (const section of brief.sections) {
    checkTree(section.title, section.position.file, section.position.start);
    checkTree(section.content, section.position.file, section.position.start);
  }
  for (const citation of brief.citations) {
    const at = citation.position.start;
    check(citation.prefix, { file: citation.position.file, at });
    check(citation.quote, { file: citation.position.file, at: citation.quotePosition ?? at });
    // The PDF's notes print the document's own wording of the quote.
    check(citation.anchor?.exact, { file: citation.position.file, at: citation.quotePosition ?? at });
    check(citation.locator, { file: citation.position.file, at });
  }
  for (const [identifier, content] of Object.entries(brief.footnotes)) checkTree(content, footnoteFile(identifier));
  for (const document of brief.documents) {
    const place = documentPlace(document.id);
    const { meta } = document;
    for (const text of [meta.title, ...(meta.author ?? []), meta.containerTitle, meta.publisher, document.reference?.text]) check(text, place);
    // Sources prints each document's file name.
    check(document.file, place, 'code', document.file);
  }
  if (uncommon.length === 0) return [];

  const coverage = await loadCoverage();
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const { text, place, setting, fileName } of uncommon) {
    const missing: string[] = [];
    for (const char of text) {
      if (reported.has(char) || undrawn.test(char) || coverage.has(char, setting)) continue;
      reported.add(char);
      missing.push(char);
    }
    if (missing.length > 0) diagnostics.push(diagnostic('warning', 'missing-glyph', message(missing, fileName), place.file, place.at));
  }
  return diagnostics;
}

function message(missing: readonly string[], fileName?: string): string {
  const named = (char: string) => `“${char}” (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  const shown = missing.slice(0, 3).map(named).join(', ');
  const more = missing.length > 3 ? ` and ${missing.length - 3} more (${missing.slice(3, 13).join('')}${missing.length > 13 ? '…' : ''})` : '';
  const what = missing.length === 1 ? 'it prints' : 'each prints';
  if (fileName !== undefined) {
    return `the PDF's fonts have no glyph for ${shown}${more} of the file name ${fileName}: ${what} as an empty box where Sources prints the file name. To print it, name the file in a script the PDF covers (Latin, Greek, Cyrillic, Arabic or Hebrew) and cite it by that id`;
  }
  return `the PDF's fonts have no glyph for ${shown}${more}: ${what} as an empty box in the PDF (the HTML shows ${missing.length === 1 ? 'it' : 'them'} in the reader's fonts). The PDF covers Latin, Greek, Cyrillic, Arabic and Hebrew script; transliterate, or check the PDF where this text stands`;
}

/** The file a footnote is written in: those of an events file carry its name as a prefix (`file-1`). */
function footnoteFiles(brief: Brief, briefFile: string): (identifier: string) => string {
  const prefixes = [...new Set(brief.events.map((event) => event.position.file))]
    .filter((file) => file !== briefFile)
    .map((file) => ({ file, prefix: `${file.replace(/^.*\//, '').replace(/\.md$/, '')}-` }))
    // The longest first: `a-b-1` is a footnote of a-b.md, not of a.md.
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (identifier) => prefixes.find(({ prefix }) => identifier.startsWith(prefix))?.file ?? briefFile;
}
