// Anchoring stage: every citation's document must exist, every quote must be found in it.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import type { LoadedDocument } from '../documents/load.js';
import type { Citation, FurnitureRange } from '../model/types.js';
import { LOCK_FILE, lockedQuote, type Lock } from '../lock/lock.js';
import { findFurniture } from '../documents/hygiene.js';
import { closestPassage, indexDocument, passageWithOtherVowelMarks, quoteRanges, VOWEL_MARKS, type IndexedDocument } from './anchor.js';
import { citableId, isCitableId } from '../parse/citations.js';
import { reanchor } from './reanchor.js';
import { normalize, visible } from './normalize.js';

export { findQuote, closestPassage, indexDocument, type IndexedDocument } from './anchor.js';
export { reanchor } from './reanchor.js';
export { normalize } from './normalize.js';

export interface AnchorOptions {
  /** The lock of the last successful build, to re-anchor quotes against. */
  lock?: Lock;
  /** `changed` quotes are errors rather than warnings. */
  strict?: boolean;
  /** A person checked the changed quotes: the build takes the sources' wording into the lock (`--accept`). */
  accept?: boolean;
  /** Documents that exist but were refused (their own error says why): citing them adds no error. */
  refused?: ReadonlySet<string>;
  /** The documents folder was refused (its error says why): no citation of it adds an error. */
  folderRefused?: boolean;
  /** Files of other kinds in the documents folder, by the id they would have (./documents/load.ts). */
  others?: ReadonlyMap<string, string>;
}

/** Sets `anchor` and `status` on each quoted citation; returns what went wrong. */
export function anchorCitations(
  citations: readonly Citation[],
  documents: ReadonlyMap<string, LoadedDocument>,
  options: AnchorOptions = {},
  indexes: Map<string, IndexedDocument> = new Map(),
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Found once per document, and only for one whose quotes recur.
  const repeated = new Map<string, FurnitureRange[]>();
  const repeatedBlocks = (document: LoadedDocument): FurnitureRange[] => {
    let ranges = repeated.get(document.id);
    if (!ranges) repeated.set(document.id, (ranges = findFurniture(document.text).filter((range) => range.kind === 'repeated')));
    return ranges;
  };
  for (const citation of citations) {
    const { file } = citation.position;
    const document = documents.get(citation.documentId);
    if (!document) {
      if (options.folderRefused || options.refused?.has(citation.documentId)) continue;
      diagnostics.push(diagnostic('error', 'unknown-document', unknownDocument(citation.documentId, documents, options), file, citation.position.start));
      continue;
    }
    if (citation.quote === undefined) continue;
    let index = indexes.get(document.sha256);
    // Same text under another name: the id names its anchors, the extension says how it is read.
    if (!index || index.document.id !== document.id || index.document.file !== document.file) {
      index = indexDocument(document);
      indexes.set(document.sha256, index);
    }
    const at = citation.quotePosition ?? citation.position.start;
    const locked = lockedQuote(options.lock, document.id, citation.quote);
    const { status, anchor } = reanchor(index, citation.quote, locked);
    citation.status = status;
    if (anchor) citation.anchor = anchor;
    else delete citation.anchor;
    const where = (a: { line: number }) => `${document.file} line ${a.line}`;
    switch (status) {
      case 'broken':
        diagnostics.push(
          locked
            ? diagnostic('error', 'quote-broken', `the quote no longer stands in ${document.file}, which changed since ${LOCK_FILE}: it read "${clip(locked.exact)}" at line ${locked.line}. ${quoteNotFound(citation.quote, index)}`, file, at)
            : diagnostic('error', 'quote-not-found', quoteNotFound(citation.quote, index), file, at),
        );
        break;
      case 'changed': {
        const changed = `the source's wording changed: the brief quotes "${clip(citation.quote)}" but ${where(anchor!)} now reads "${clip(anchor!.exact)}"`;
        diagnostics.push(
          options.accept
            ? diagnostic('warning', 'quote-changed', `${changed}; accepted (--accept): ${LOCK_FILE} now records the source's wording, which the outputs show`, file, at)
            : diagnostic(options.strict ? 'error' : 'warning', 'quote-changed', `${changed}; update the quote, or run \`brief build --accept\` once a person has checked it`, file, at),
        );
        break;
      }
      case 'ambiguous':
        if (anchor && anchor.occurrences <= 1) {
          diagnostics.push(
            diagnostic('error', 'quote-ambiguous', `${document.file} changed and the quote "${clip(citation.quote)}" now resembles several passages equally (best: ${where(anchor)}, "${clip(anchor.exact)}"); quote the words the source now has`, file, at),
          );
        }
        break;
      default:
        break;
    }
    if (anchor && anchor.occurrences > 1) {
      const place = status === 'ambiguous' ? 'the one nearest its old place' : locked ? 'the place the lock records' : 'the first';
      const message = onlyRepeatedCopies(index, anchor, repeatedBlocks)
        ? `the quote occurs ${anchor.occurrences} times in ${document.file} because the document repeats the block it stands in (the copies are marked as repeated in the full text); anchored to ${place} (line ${anchor.line}), outside the copies`
        : `the quote occurs ${anchor.occurrences} times in ${document.file}; anchored to ${place} (line ${anchor.line}); quote more words to point at one place`;
      diagnostics.push(diagnostic('warning', 'ambiguous-quote', message, file, at));
    }
  }
  return diagnostics;
}

/**
 * Whether every other occurrence of the anchored words stands in a block the
 * document repeats (a capture holding its article twice), and the anchored one
 * does not: then no longer quote would tell them apart, and none is needed.
 */
function onlyRepeatedCopies(index: IndexedDocument, anchor: { exact: string; reads?: string; start: number; occurrences: number }, repeatedBlocks: (document: LoadedDocument) => FurnitureRange[]): boolean {
  const repeated = repeatedBlocks(index.document);
  if (repeated.length === 0) return false;
  const inRepeated = ([start, end]: [number, number]) => repeated.some((range) => range.start <= start && end <= range.end);
  const ranges = quoteRanges(index, anchor.reads ?? anchor.exact);
  if (ranges.length !== anchor.occurrences) return false;
  const others = ranges.filter(([start]) => start !== anchor.start);
  return others.length === ranges.length - 1 && others.every(inRepeated) && !inRepeated([anchor.start, anchor.start + anchor.exact.length]);
}

function quoteNotFound(quote: string, index: IndexedDocument): string {
  const marked = passageWithOtherVowelMarks(index, quote);
  const passage = marked ?? closestPassage(index, quote);
  const [quoted, shown] = passage ? clipPair(quote, visible(passage.text)) : [clip(quote), ''];
  const closest = passage ? `; closest passage (line ${passage.line}): "${shown}"` : '';
  // An ellipsis not found with the words around it: words were left out, which a verbatim quote cannot do.
  const id = index.document.id;
  const elided = /…|\.\s?\.\s?\./.test(quote) ? `; a quote cannot leave words out: cite each part as a quote of its own ([@${id}, "first part"; @${id}, "second part"])` : '';
  const unseen = marked ? vowelMarksOnly(quote, marked.text) : passage ? quoteMarksOnly(quote, passage.text) || markupOnly(quote, passage.text) || referencesOnly(quote, passage.text) || lookAlike(quote, passage.text) : '';
  return `quote not found in ${index.document.file}: "${quoted}"${closest}${unseen}. Copy the document's exact words (case, spacing, quote marks, dashes and … or ... may differ; nothing else)${elided}`;
}

/** When the quote and the passage differ only in single against double quotation marks, which are not folded together, says so. */
function quoteMarksOnly(quote: string, passage: string): string {
  const asDouble = (text: string) => normalize(text.replace(/['‘’‚‛]/g, '"')).text;
  if (normalize(quote).text === normalize(passage).text || asDouble(quote) !== asDouble(passage)) return '';
  return "; the two differ only in their quotation marks: single marks (' ‘ ’) and double ones (\" “ ”) are not the same";
}

/**
 * When the passage holds `*`, `_`, `` ` `` or `~` where the quote has none: the
 * brief's markdown read those marks in the quote as formatting.
 */
function markupOnly(quote: string, passage: string): string {
  const MARKS = /[*_`~]/g;
  if (!MARKS.test(passage) || normalize(passage.replace(MARKS, '')).text.replace(/ +/g, ' ') !== normalize(quote.replace(MARKS, '')).text.replace(/ +/g, ' ')) return '';
  return '; the document has `*`, `_`, `` ` `` or `~` that the brief\'s markdown reads as formatting in the quote: put a backslash before each (`\\*`) to quote it as written';
}

/** A character reference as markdown reads it: `&amp;`, `&#38;`, `&#x26;` (decoded with micromark's own functions, as the brief's parser does). */
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,31}));/g;

/**
 * When the passage holds character references (`&amp;`) where the quote has
 * the characters they stand for: the brief's markdown read the quote's
 * references as characters.
 */
function referencesOnly(quote: string, passage: string): string {
  let decoded = false;
  const read = passage.replace(REFERENCE, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    const character = name !== undefined ? decodeNamedCharacterReference(name) : decodeNumericCharacterReference(hex ?? decimal!, hex ? 16 : 10);
    if (character === false) return whole;
    decoded = true;
    return character;
  });
  if (!decoded || normalize(read).text !== normalize(quote).text) return '';
  return "; the document has character references (`&amp;`) that the brief's markdown reads as the characters they stand for: put a backslash before each `&` (`\\&amp;`) to quote it as written";
}

/** Differences of this many characters or fewer, one of them not ASCII, are named: they may not show on screen. */
const MAX_UNSEEN = 3;

/**
 * The characters by which a quote and the passage closest to it differ, when
 * the difference is a few characters one of which is not ASCII: a Cyrillic "а"
 * for a Latin "a", an accent the quote lacks, a modifier letter for an
 * apostrophe. Such passages read the same as the quote on screen.
 */
export function lookAlike(quote: string, passage: string): string {
  const chars = (text: string) => [...visible(text).replace(/\s+/g, ' ').trim()];
  const [a, b] = [chars(quote), chars(passage)];
  const same = (x: string | undefined, y: string | undefined) => x !== undefined && y !== undefined && normalize(x).text === normalize(y).text;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && same(a[prefix], b[prefix])) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && same(a[a.length - 1 - suffix], b[b.length - 1 - suffix])) suffix++;
  const [inQuote, inDocument] = [a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)];
  if (inQuote.length + inDocument.length === 0 || inQuote.length > MAX_UNSEEN || inDocument.length > MAX_UNSEEN) return '';
  if ([...inQuote, ...inDocument].every((char) => char.codePointAt(0)! < 0x80)) return '';
  const name = (list: string[]) => (list.length === 0 ? 'nothing' : `"${list.join('')}" (${list.map(codePoint).join(' ')})`);
  return `; the document has ${name(inDocument)} where the quote has ${name(inQuote)}`;
}

/** Says where a quote and a passage that differ only in vowel marks or tatweel (`passageWithOtherVowelMarks`) have them. */
function vowelMarksOnly(quote: string, passage: string): string {
  const count = (text: string) => visible(text).match(VOWEL_MARKS)?.length ?? 0;
  const [inQuote, inDocument] = [count(quote), count(passage)];
  if (inQuote === 0 && inDocument === 0) return '';
  const where = inQuote === 0 ? 'the document has them where the quote has none' : inDocument === 0 ? 'the quote has them where the document has none' : 'they stand differently in each';
  return `; the two differ only in vowel marks or tatweel (ـ): ${where}, and they are part of the document's exact words`;
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** How to turn a file of another kind into a text document. */
const pandoc = (file: string, text: string) => `pandoc ${file} -t plain -o ${text}`;
const CONVERT: Record<string, (file: string, text: string) => string> = {
  '.pdf': (file, text) => `pdftotext ${file} ${text}`,
  '.docx': pandoc,
  '.odt': pandoc,
  '.html': pandoc,
  '.htm': pandoc,
};

function unknownDocument(id: string, documents: ReadonlyMap<string, LoadedDocument>, { lock, others }: AnchorOptions): string {
  const missing = `unknown document "${id}": there is no sources/documents/${id}.txt or .md`;
  const other = others?.get(id);
  if (other) {
    const text = other.slice(0, -path.extname(other).length) + '.txt';
    const convert = CONVERT[path.extname(other).toLowerCase()];
    return `${missing}; ${other} is not a text document, so it is not read: save its text as ${text}${convert ? ` (e.g. \`${convert(other, text)}\`)` : ''}`;
  }
  // A document renamed since the last build: the lock knows its content.
  const locked = lock?.documents[id];
  const renamed = locked && [...documents.values()].find((document) => document.sha256 === locked.sha256 && lock.documents[document.id] === undefined);
  if (renamed) return `${missing}; the same text is now ${renamed.file}: cite it as @${renamed.id}, or give the file its old name back`;
  // A file whose name a key cannot hold: "UN report (2025).txt" cited as @UN or @UN-report.
  const key = id.toLowerCase();
  const uncitable = [...documents.values()].find((document) => {
    if (isCitableId(document.id)) return false;
    const name = citableId(document.id).toLowerCase();
    return name.startsWith(key) && (name.length === key.length || name[key.length] === '-');
  });
  if (uncitable) return `${missing}; ${uncitable.file} cannot be cited by its name: rename it ${citableId(uncitable.id)}${path.extname(uncitable.file)} and cite it as @${citableId(uncitable.id)}`;
  const suggestion = closest(id, documents.keys(), Math.max(3, Math.floor(id.length / 3)));
  const hint = suggestion ? `; did you mean "${suggestion}"?` : documents.size === 0 ? '; sources/documents/ has no documents' : '';
  return `${missing}${hint}`;
}

const CLIP = 160;

const clip = (text: string, max = CLIP) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * A long quote and its closest passage, each clipped to the stretch where
 * they first differ: clipped at their start, the two would read the same.
 */
function clipPair(quote: string, passage: string): [string, string] {
  const [a, b] = [quote, passage].map((text) => text.replace(/\s+/g, ' ').trim()) as [string, string];
  let same = 0;
  while (same < a.length && same < b.length && normalize(a[same]!).text === normalize(b[same]!).text) same++;
  if (same < CLIP - 40) return [clip(a), clip(b)];
  const from = same - 60;
  const window = (text: string) => `…${text.slice(from, from + CLIP - 2)}${from + CLIP - 2 < text.length ? '…' : ''}`;
  return [window(a), window(b)];
}
