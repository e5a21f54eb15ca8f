// Read `sources/documents.yaml`: CSL-YAML entries describing the documents.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { location } from 'vfile-location';
import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode, type YAMLMap } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import type { DocumentMeta } from '../model/types.js';
import { formatCslDate } from './csl-date.js';
import { isoDateOfWords } from '../parse/date.js';
import { yamlProblems } from '../parse/yaml-errors.js';
import { formatExactSize, MAX_METADATA_BYTES, readRootFile } from './read.js';

export const METADATA_FILE = 'sources/documents.yaml';

export interface MetadataEntry {
  meta: DocumentMeta;
  /** The file that describes it (documents.yaml or documents.json) and where the entry starts in it. */
  file: string;
  at: { line: number; column: number };
  /** The entry as written (CSL-JSON), for a bibliography that needs names in parts and dates as parts. */
  csl: Readonly<Record<string, unknown>>;
}

/** CSL-JSON, as Zotero and other reference managers export it; read beside or instead of documents.yaml. */
export const METADATA_JSON_FILE = 'sources/documents.json';

export async function loadMetadata(
  root: string,
): Promise<{ entries: Map<string, MetadataEntry>; diagnostics: Diagnostic[] }> {
  const realRoot = await realpath(root).catch(() => root);
  const entries = new Map<string, MetadataEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const file of [METADATA_FILE, METADATA_JSON_FILE]) {
    const read = await readRootFile(root, realRoot, file, {
      bytes: MAX_METADATA_BYTES,
      message: (size) => `${file} is ${formatExactSize(size)}; it may be at most ${formatExactSize(MAX_METADATA_BYTES)}. Describe only the documents of this brief`,
    });
    if (!read.ok) {
      if (read.diagnostic) diagnostics.push(read.diagnostic);
      continue;
    }
    // JSON is YAML, so one reader takes both; a CSL-JSON file is a list of items.
    const parsed = parseMetadata(read.text, file);
    diagnostics.push(...parsed.diagnostics);
    for (const [id, entry] of parsed.entries) {
      const other = entries.get(id);
      if (other) {
        diagnostics.push(diagnostic('error', 'duplicate-id', `"${id}" is described in both ${other.file} and ${file}; keep one`, file, entry.at));
        continue;
      }
      entries.set(id, entry);
    }
  }
  return { entries, diagnostics };
}

export function parseMetadata(source: string, file: string = METADATA_FILE): { entries: Map<string, MetadataEntry>; diagnostics: Diagnostic[] } {
  const entries = new Map<string, MetadataEntry>();
  const diagnostics: Diagnostic[] = [];
  const text = source.replace(/^\uFEFF/, '');
  const doc = parseDocument(text, { prettyErrors: false });
  // yaml's LineCounter misses line breaks inside quoted scalars, so places are counted here.
  const place = location(text);
  const pointAt = (offset: number) => {
    let at = Math.min(Math.max(0, offset), text.length);
    // Not between the \r and \n of one line break: that is the end of the line.
    if (at > 0 && text[at - 1] === '\r' && text[at] === '\n') at--;
    const point = place.toPoint(at) ?? { line: 1, column: 1 };
    return { line: point.line, column: point.column };
  };
  const at = (node: YamlNode | null | undefined) => pointAt(node?.range?.[0] ?? 0);
  if (doc.errors.length > 0) {
    for (const problem of yamlProblems(text, doc.errors)) {
      diagnostics.push(diagnostic('error', 'bad-documents-yaml', `${path.basename(file)} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${problem.message}`, file, pointAt(problem.offset)));
    }
    return { entries, diagnostics };
  }
  // Aliases (`*name`) are not followed, so a YAML bomb cannot grow; what they stand for is left out, with a word.
  visit(doc, {
    Alias(_, alias) {
      diagnostics.push(
        diagnostic('warning', 'bad-metadata-field', `the alias *${alias.source} is not followed, so what it stands for is left out; write the value out in full`, file, at(alias as unknown as YamlNode)),
      );
    },
  });
  let list: unknown = doc.contents;
  if (isMap(list) && list.has('references')) list = list.get('references', true);
  if (list === null) return { entries, diagnostics };
  if (!isSeq(list)) {
    diagnostics.push(
      diagnostic('error', 'bad-documents-yaml', `${path.basename(file)} must be a list of CSL entries (\`- id: …\` in YAML, \`[{"id": …}]\` in CSL-JSON), or a map with a \`references:\` list`, file, at(list as YamlNode)),
    );
    return { entries, diagnostics };
  }
  for (const item of list.items) {
    const position = at(item as YamlNode);
    const value: unknown = isMap(item) ? item.toJSON() : undefined;
    if (!isRecord(value) || typeof value['id'] !== 'string' || value['id'] === '') {
      diagnostics.push(
        diagnostic('error', 'bad-documents-yaml', `each entry of ${path.basename(file)} needs an \`id\` naming a file of sources/documents/ (without extension)`, file, position),
      );
      continue;
    }
    const id = value['id'].normalize('NFC');
    if (entries.has(id)) {
      diagnostics.push(diagnostic('error', 'duplicate-id', `${path.basename(file)} has two entries with id "${id}"; keep one`, file, position));
      continue;
    }
    entries.set(id, { meta: cslToMeta(value, id), file, at: position, csl: value });
    diagnostics.push(...unknownFields(item as YAMLMap, file, at), ...badFields(item as YAMLMap, value, file, at));
  }
  return { entries, diagnostics };
}

/** The variables of CSL 1.0.2 (standard, number, name and date), with the item's own keys. */
const CSL_FIELDS = new Set([
  'id', 'type', 'categories', 'citation-key', 'custom', 'journalAbbreviation', 'shortTitle',
  'abstract', 'annote', 'archive', 'archive_collection', 'archive_location', 'archive-place', 'authority', 'call-number',
  'chapter-number', 'citation-label', 'citation-number', 'collection-number', 'collection-title', 'container-title',
  'container-title-short', 'dimensions', 'division', 'DOI', 'edition', 'event', 'event-title', 'event-place',
  'first-reference-note-number', 'genre', 'ISBN', 'ISSN', 'issue', 'jurisdiction', 'keyword', 'language', 'license',
  'locator', 'medium', 'note', 'number', 'number-of-pages', 'number-of-volumes', 'original-publisher',
  'original-publisher-place', 'original-title', 'page', 'page-first', 'part-number', 'part-title', 'PMCID', 'PMID',
  'printing-number', 'publisher', 'publisher-place', 'references', 'reviewed-genre', 'reviewed-title', 'scale', 'section',
  'source', 'status', 'supplement-number', 'title', 'title-short', 'URL', 'url', 'version', 'volume', 'volume-title',
  'volume-title-short', 'year-suffix',
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator', 'director',
  'editor', 'editorial-director', 'executive-producer', 'guest', 'host', 'illustrator', 'interviewer', 'narrator',
  'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer',
  'series-creator', 'translator',
  'accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted',
]);

/** Names from BibTeX and plain English that mean a CSL field. */
const CSL_NAMES: Record<string, string> = {
  journal: 'container-title', booktitle: 'container-title', newspaper: 'container-title', website: 'container-title',
  site: 'container-title', outlet: 'container-title', year: 'issued', date: 'issued', published: 'issued',
  authors: 'author', editors: 'editor', pages: 'page', link: 'URL', address: 'publisher-place',
  institution: 'publisher', organization: 'publisher', doi: 'DOI', isbn: 'ISBN', issn: 'ISSN',
};

/**
 * Keys of an entry that CSL does not know and that look like a field mistyped
 * or named another way ("containter-title", "journal"): left out of the
 * outputs, so worth a word. Other keys an exporter adds pass silently.
 */
function unknownFields(entry: YAMLMap, file: string, at: (node: YamlNode) => { line: number; column: number }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const pair of entry.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || CSL_FIELDS.has(pair.key.value)) continue;
    const key = pair.key.value;
    const meant = (Object.hasOwn(CSL_NAMES, key.toLowerCase()) ? CSL_NAMES[key.toLowerCase()] : undefined) ?? (key.length >= 4 ? closest(key, CSL_FIELDS, key.length >= 8 ? 2 : 1) : undefined);
    if (meant === undefined) continue;
    diagnostics.push(
      diagnostic('warning', 'unknown-metadata-field', `"${key}" is not a CSL field, so the outputs leave it out; did you mean "${meant}"?`, file, at(pair.key)),
    );
  }
  return diagnostics;
}

const TEXT_FIELDS = new Set(['title', 'container-title', 'publisher', 'URL', 'url']);
const NAME_FIELDS = new Set(['author', 'editor', 'translator', 'container-author', 'collection-editor', 'interviewer', 'recipient', 'director']);
const DATE_FIELDS = new Set(['issued', 'accessed']);

const kindOf = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === null ? 'empty' : typeof value === 'object' ? 'a mapping' : typeof value === 'boolean' ? `${value}` : `"${String(value)}"`;

const isName = (name: unknown): boolean =>
  (typeof name === 'string' && name.trim() !== '') || (isRecord(name) && ['family', 'literal', 'given'].some((part) => typeof name[part] === 'string'));

/**
 * Fields the outputs print, given a value of the wrong shape (a title that is
 * a list, an author that is a number, a date that is no date): left out or
 * printed as written, so worth a word.
 */
function badFields(entry: YAMLMap, value: Record<string, unknown>, file: string, at: (node: YamlNode) => { line: number; column: number }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const pair of entry.items) {
    // An alias has its own warning.
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || isAlias(pair.value)) continue;
    const key = pair.key.value;
    const field = value[key];
    let problem: string | undefined;
    if (TEXT_FIELDS.has(key) && typeof field !== 'string' && typeof field !== 'number') {
      problem = `${key} is ${kindOf(field)}; write it as text (${key === 'title' ? 'the outputs name the document by its id instead' : 'the outputs leave it out'})`;
    } else if (NAME_FIELDS.has(key) && !(Array.isArray(field) ? field.length > 0 && field.every(isName) : isName(field))) {
      problem = `${key} is ${kindOf(field)}; write a name as text, as {family: …, given: …}, or a list of them (the outputs leave what they cannot read out)`;
    } else if (DATE_FIELDS.has(key) && !isRecord(field) && (typeof field !== 'string' ? typeof field !== 'number' : !readsAsDate(field))) {
      problem = `${key} is ${kindOf(field)}, not a date; write 2025-07-04, July 4, 2025 or date-parts: [[2025, 7, 4]] (${typeof field === 'string' ? 'it is printed as written' : 'the outputs leave it out'})`;
    }
    if (problem) diagnostics.push(diagnostic('warning', 'bad-metadata-field', problem, file, at((pair.value as YamlNode | null) ?? (pair.key as YamlNode))));
  }
  return diagnostics;
}

/** `2025`, `2025-07`, `2025-07-04`, or a date in words ("July 4, 2025"). */
const readsAsDate = (text: string): boolean => /^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(text.trim()) || isoDateOfWords(text) !== undefined;

/** Keeps only what the entry states; an absent field stays absent. */
export function cslToMeta(entry: Record<string, unknown>, fallbackTitle: string): DocumentMeta {
  const meta: DocumentMeta = { title: text(entry['title']) ?? fallbackTitle };
  const authors = names(entry['author']);
  if (authors.length > 0) meta.author = authors;
  const containerTitle = text(entry['container-title']);
  if (containerTitle) meta.containerTitle = containerTitle;
  const publisher = text(entry['publisher']);
  if (publisher) meta.publisher = publisher;
  const issued = formatCslDate(entry['issued']);
  if (issued) meta.issued = issued;
  const url = text(entry['URL'] ?? entry['url']);
  if (url) meta.url = url;
  const accessed = formatCslDate(entry['accessed']);
  if (accessed) meta.accessed = accessed;
  return meta;
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .map((name) => {
      if (typeof name === 'string') return name.trim();
      if (!isRecord(name)) return '';
      const literal = text(name['literal']);
      if (literal) return literal;
      return [text(name['given']), text(name['non-dropping-particle']), text(name['family'])].filter(Boolean).join(' ');
    })
    .filter((name) => name !== '');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

