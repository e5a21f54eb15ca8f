// The cited documents as a bibliography in Chicago author-date style, formatted
// by citeproc-js (the CSL processor Zotero and Mendeley use) with the Chicago
// author-date CSL style and the en-US CSL locale (its dates day first, as the brief's). Each document gets its
// reference-list entry, in runs a renderer can set (italics, links), and its
// in-text form ("Mishra 2025"), so renderers only read the model.
import CSL, { type CslNode } from 'citeproc';
import enUS from 'locale-en-us';
import chicagoAuthorDate from 'style-chicago';
import { partsFromWords } from '../documents/csl-date.js';
import { localeTerms, plainEntries, plainReference } from './chicago.js';
import { isoDateOfWords } from '../parse/date.js';
import type { DocumentMeta, Reference, ReferenceRun } from './types.js';

export const REFERENCE_STYLE = 'Chicago Manual of Style 17th edition (author-date)';

export interface BibliographyEntry {
  id: string;
  meta: DocumentMeta;
  /** The documents.yaml entry as written (CSL), when the model has it: names with family and given parts, dates, type. */
  csl?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Each document on its own in Sources, with its quotes between entries: the
 * "———" that stands for a repeated author in a printed reference list would
 * point at nothing, so the style's `subsequent-author-substitute` is dropped.
 */
const STYLE: CslNode = withoutAttribute(chicagoAuthorDate, 'bibliography', 'subsequent-author-substitute');

/**
 * The en-US locale with its dates written day first ("4 July 2025"), as the
 * brief writes its own: one brief, one way of writing a date. Terms,
 * punctuation and quotation marks stay American, as the Chicago style has them.
 */
const LOCALE: CslNode = {
  ...enUS,
  children: enUS.children.map((child) =>
    typeof child !== 'string' && child.name === 'date' && child.attrs['form'] === 'text'
      ? {
          ...child,
          children: [
            { name: 'date-part', attrs: { name: 'day', suffix: ' ' }, children: [] },
            { name: 'date-part', attrs: { name: 'month', suffix: ' ' }, children: [] },
            { name: 'date-part', attrs: { name: 'year' }, children: [] },
          ],
        }
      : child,
  ),
};

const TERMS = localeTerms(LOCALE);

/** Stands for a descriptive title: CSL would put it in quotes and change its case; it is set as written. */
const DESCRIPTIVE = '\uE000';
const isDescriptive = (title: string): boolean => /^\[[^]*\]$/.test(title.trim());

/**
 * The reference of every entry, by id. Plain entries are written by the rules
 * in chicago.ts; the others by one citeproc engine, so disambiguation (2025a,
 * 2025b) is across them.
 */
export function formatReferences(entries: readonly BibliographyEntry[], options: { plain?: boolean } = {}): Map<string, Reference> {
  const references = new Map<string, Reference>();
  if (entries.length === 0) return references;
  const items = new Map(entries.map((entry) => [entry.id, cslItem(entry)]));
  const engine = new CSL.Engine(
    {
      retrieveLocale: () => LOCALE,
      retrieveItem: (id) => items.get(id) ?? { id, type: 'document' },
    },
    structuredClone(STYLE),
    'en-US',
    true,
  );
  engine.setOutputFormat('html');
  // Web addresses come as <a href>, which become links.
  engine.opt.development_extensions['wrap_url_and_doi'] = true;

  const plain = options.plain === false ? new Map<string, never>() : plainEntries(items, DESCRIPTIVE);
  const titleCase = (text: string): string => CSL.Output.Formatters.title(engine, text);
  for (const entry of entries) {
    const found = plain.get(entry.id);
    if (!found) continue;
    const { runs: written, citation } = plainReference(found, TERMS, titleCase);
    const runs = restoreTitle(written, entry.meta.title);
    references.set(entry.id, { runs, text: runs.map((run) => run.text).join(''), short: citation ?? entry.meta.title });
  }

  const rest = [...items.keys()].filter((id) => !plain.has(id));
  if (rest.length > 0) {
    engine.updateItems(rest);
    const bibliography = engine.makeBibliography();
    if (bibliography === false) throw new Error(`the ${REFERENCE_STYLE} style has no bibliography`);
    const [meta, html] = bibliography;
    const formatted = new Map(meta.entry_ids.map((ids, index) => [ids[0]!, html[index] ?? '']));
    for (const entry of entries) {
      if (plain.has(entry.id)) continue;
      const runs = restoreTitle(parseCiteprocHtml(formatted.get(entry.id) ?? ''), entry.meta.title);
      const text = runs.map((run) => run.text).join('');
      references.set(entry.id, { runs, text, short: shortForm(engine, entry, items.get(entry.id)!) });
    }
  }
  // In the order of the entries.
  return new Map(entries.map((entry) => [entry.id, references.get(entry.id)!]));
}

/** The ids of the entries written without citeproc. */
export function plainIds(entries: readonly BibliographyEntry[]): Set<string> {
  return new Set(plainEntries(new Map(entries.map((entry) => [entry.id, cslItem(entry)])), DESCRIPTIVE).keys());
}

/** "Mishra 2025" when the author and year are known, else the title as written. */
function shortForm(engine: InstanceType<typeof CSL.Engine>, entry: BibliographyEntry, item: Record<string, unknown>): string {
  if (!Array.isArray(item['author']) || item['author'].length === 0) return entry.meta.title;
  const cluster = parseCiteprocHtml(engine.makeCitationCluster([{ id: entry.id }]))
    .map((run) => run.text)
    .join('');
  const inner = /^\((.*)\)$/s.exec(cluster.trim())?.[1]?.trim();
  if (inner === undefined || inner === '' || /\bn\.d\.$/.test(inner)) return entry.meta.title;
  return inner;
}

// --- documents.yaml entry → CSL-JSON item ---

const TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast', 'chapter', 'classic',
  'collection', 'dataset', 'document', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'event', 'figure', 'graphic',
  'hearing', 'interview', 'legal_case', 'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post', 'post-weblog', 'regulation',
  'report', 'review', 'review-book', 'software', 'song', 'speech', 'standard', 'thesis', 'treaty', 'webpage',
]);
const NAME_VARIABLES = ['author', 'editor', 'translator', 'container-author', 'collection-editor', 'interviewer', 'recipient', 'director'];
const DATE_VARIABLES = ['issued', 'accessed', 'event-date', 'original-date', 'submitted'];
const TEXT_VARIABLES = [
  'container-title', 'collection-title', 'publisher', 'publisher-place', 'event-place', 'event-title', 'genre', 'medium',
  'URL', 'DOI', 'ISBN', 'ISSN', 'page', 'volume', 'issue', 'number', 'edition', 'section', 'language', 'title-short',
  'container-title-short', 'archive', 'archive_location', 'status', 'version', 'number-of-pages', 'note',
];

/**
 * The CSL item citeproc formats: the entry's own fields when the model has them,
 * else what `DocumentMeta` keeps (names as given, dates in words). Only
 * variables of the right shape pass, so citeproc never meets a value it cannot
 * read; absent fields stay absent.
 */
export function cslItem(entry: BibliographyEntry): Record<string, unknown> {
  const raw = entry.csl ?? {};
  const meta = entry.meta;
  const item: Record<string, unknown> = { id: entry.id };
  for (const variable of TEXT_VARIABLES) {
    // documents.yaml accepts `url` as well as CSL's `URL`.
    const value = variable === 'URL' ? (raw['URL'] ?? raw['url']) : raw[variable];
    if (typeof value === 'string' && value.trim() !== '') item[variable] = value.trim();
    else if (typeof value === 'number' && Number.isFinite(value) && variable !== 'URL' && variable !== 'DOI') item[variable] = String(value);
  }
  if (item['container-title'] === undefined && meta.containerTitle) item['container-title'] = meta.containerTitle;
  if (item['publisher'] === undefined && meta.publisher) item['publisher'] = meta.publisher;
  if (item['URL'] === undefined && meta.url) item['URL'] = meta.url;
  const type = typeof raw['type'] === 'string' && TYPES.has(raw['type']) ? raw['type'] : item['container-title'] ? 'article-newspaper' : 'webpage';
  item['type'] = type;
  item['title'] = isDescriptive(meta.title) ? DESCRIPTIVE : meta.title;

  for (const variable of NAME_VARIABLES) {
    const names = cslNames(raw[variable]);
    if (names.length > 0) item[variable] = names;
  }
  if (item['author'] === undefined && meta.author && meta.author.length > 0) item['author'] = meta.author.map((literal) => ({ literal }));

  for (const variable of DATE_VARIABLES) {
    const date = cslDate(raw[variable]);
    if (date) item[variable] = date;
  }
  if (item['issued'] === undefined && meta.issued) item['issued'] = dateFromWords(meta.issued);
  if (item['accessed'] === undefined && meta.accessed) item['accessed'] = dateFromWords(meta.accessed);
  return item;
}

function cslNames(value: unknown): Array<Record<string, string>> {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.flatMap((name): Array<Record<string, string>> => {
    if (typeof name === 'string') return name.trim() === '' ? [] : [{ literal: name.trim() }];
    if (typeof name !== 'object' || name === null) return [];
    const parts: Record<string, string> = {};
    for (const key of ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle']) {
      const part = (name as Record<string, unknown>)[key];
      if (typeof part === 'string' && part.trim() !== '') parts[key] = part.trim();
    }
    return parts['family'] !== undefined || parts['literal'] !== undefined ? [parts] : parts['given'] !== undefined ? [{ literal: parts['given'] }] : [];
  });
}

function cslDate(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { 'date-parts': [[value]] };
  if (typeof value === 'string') return value.trim() === '' ? undefined : (datePartsOf(isoDateOfWords(value) ?? value.trim()) ?? { literal: value.trim() });
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const parts = record['date-parts'];
  if (Array.isArray(parts)) {
    const ranges = parts
      .filter(Array.isArray)
      .map((range: unknown[]) => range.map(Number).filter((n) => Number.isInteger(n)).slice(0, 3))
      .filter((range) => range.length > 0)
      .slice(0, 2);
    if (ranges.length > 0) return { 'date-parts': ranges };
  }
  for (const key of ['raw', 'literal']) {
    const text = record[key];
    if (typeof text === 'string' && text.trim() !== '') return cslDate(text);
  }
  return undefined;
}

/** `2025`, `2025-07`, `2025-07-04` as date-parts ("July 4, 2025" and the like are read as such first). */
function datePartsOf(text: string): Record<string, unknown> | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (!match) return undefined;
  return { 'date-parts': [match.slice(1).filter((part) => part !== undefined).map(Number)] };
}

/** The words the documents stage writes ("4 July 2025", "July 2025", "2025") as date-parts; anything else as a literal. */
function dateFromWords(words: string): Record<string, unknown> {
  const parts = partsFromWords(words);
  return parts ? { 'date-parts': [parts] } : { literal: words };
}

function withoutAttribute(node: CslNode, element: string, attribute: string): CslNode {
  const copy: CslNode = { ...node, attrs: { ...node.attrs }, children: node.children.map((child) => (typeof child === 'string' ? child : withoutAttribute(child, element, attribute))) };
  if (copy.name === element) delete copy.attrs[attribute];
  return copy;
}

// --- citeproc's HTML → runs ---

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * citeproc's HTML output holds text with `&#38;`-style escapes and a few
 * elements: `<i>`/`<em>` and `<span style="font-style:normal;">` (italics on
 * and off), `<a href>` (a URL or DOI), and others whose text is kept plain
 * (`<b>`, `<sup>`, small capitals, the entry's `<div>`).
 */
export function parseCiteprocHtml(html: string): ReferenceRun[] {
  const runs: ReferenceRun[] = [];
  const italic: boolean[] = [false];
  const closers: Array<'italic' | 'link' | 'none'> = [];
  let url: string | undefined;
  const push = (text: string): void => {
    if (text === '') return;
    const style: Omit<ReferenceRun, 'text'> = {};
    if (italic.at(-1)) style.italic = true;
    if (url !== undefined) style.url = url;
    const last = runs.at(-1);
    if (last && last.italic === style.italic && last.url === style.url) last.text += text;
    else runs.push({ text, ...style });
  };
  for (const token of html.matchAll(/<(\/?)([a-z]+)([^>]*)>|&#(x?[0-9a-f]+);|&([a-z]+);|[^<&]+|[<&]/gi)) {
    const [whole, closing, tag, attributes = '', code, name] = token;
    if (tag !== undefined) {
      const element = tag.toLowerCase();
      if (closing) {
        const kind = closers.pop();
        if (kind === 'italic') italic.pop();
        if (kind === 'link') url = undefined;
      } else if (element === 'i' || element === 'em') {
        italic.push(!italic.at(-1));
        closers.push('italic');
      } else if (element === 'span' && /font-style:\s*normal/.test(attributes)) {
        italic.push(false);
        closers.push('italic');
      } else if (element === 'a') {
        url = decode(/href="([^"]*)"/.exec(attributes)?.[1] ?? '');
        closers.push('link');
      } else if (element !== 'br') {
        closers.push('none');
      }
    } else if (code !== undefined) {
      push(String.fromCodePoint(code.startsWith('x') || code.startsWith('X') ? parseInt(code.slice(1), 16) : Number(code)));
    } else if (name !== undefined) {
      push(ENTITIES[name.toLowerCase()] ?? whole);
    } else {
      push(whole);
    }
  }
  // The entry's <div> stands on a line of its own, indented.
  const first = runs[0];
  if (first) first.text = first.text.trimStart();
  const last = runs.at(-1);
  if (last) last.text = last.text.trimEnd();
  return runs.filter((run) => run.text !== '');
}

function decode(text: string): string {
  return text.replace(/&#(x?[0-9a-f]+);|&([a-z]+);/gi, (whole, code: string | undefined, name: string | undefined) =>
    code !== undefined ? String.fromCodePoint(code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code)) : (ENTITIES[name!.toLowerCase()] ?? whole),
  );
}

/** Puts a descriptive title back as written: without the quotes or italics the style gave the stand-in. */
function restoreTitle(runs: ReferenceRun[], title: string): ReferenceRun[] {
  const written = title.trim();
  const pieces = runs.flatMap((run): ReferenceRun[] => {
    if (!run.text.includes(DESCRIPTIVE)) return [run];
    const text = run.text.replace(new RegExp(`[“"‘]${DESCRIPTIVE}([.,;:!?]*)[”"’]`, 'g'), `${DESCRIPTIVE}$1`);
    const [before = '', ...after] = text.split(DESCRIPTIVE);
    const { text: _old, ...style } = run;
    const { italic: _italic, ...plain } = style;
    const pieces: ReferenceRun[] = [];
    if (before !== '') pieces.push({ ...style, text: before });
    for (const rest of after) {
      pieces.push({ ...plain, text: written });
      if (rest !== '') pieces.push({ ...style, text: rest });
    }
    return pieces;
  });
  // Neighbours of one style are one run.
  return pieces.reduce<ReferenceRun[]>((merged, run) => {
    const last = merged.at(-1);
    if (last && last.italic === run.italic && last.url === run.url) last.text += run.text;
    else merged.push({ ...run });
    return merged;
  }, []);
}
