// Composes the stages: read sources → parse → load documents → anchor quotes →
// assemble the model → render. Returns outputs and diagnostics; writes nothing.
import { createHash } from 'node:crypto';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { anchorCitations, type AnchorOptions, type IndexedDocument } from './anchor/index.js';
import { crossCheck } from './check/index.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { loadImages, type EmbeddedImage } from './documents/images.js';
import { isInside, loadDocuments, type LoadedDocument } from './documents/load.js';
import { folderOutsideRoot, formatExactSize, MAX_MARKDOWN_BYTES, readRootFile } from './documents/read.js';
import { citationChanges, compareDocuments, type ChangeReport } from './lock/changes.js';
import { emptyLock, readLock, serializeLock, table, type Lock, type LockedQuote } from './lock/lock.js';
import { loadMetadata, METADATA_FILE } from './documents/metadata.js';
import { assembleBrief } from './model/assemble.js';
import type { formatReferences } from './model/bibliography.js';
import type { Brief, Reference } from './model/types.js';
import type { AlsoApart, Made } from './render/html/index.js';
import { parseBriefFile, type CitationCounter, type ParsedFile } from './parse/file.js';
import { defaultTemplatesDir } from './paths.js';
// The renderers and the CSL processor are loaded when a build needs them: a check never does.

export const FORMATS = ['html', 'pdf', 'json', 'timeline'] as const;
export type Format = (typeof FORMATS)[number];
/** The file each format is written to in the output folder. */
const OUTPUT_NAMES = { html: 'brief.html', pdf: 'brief.pdf', json: 'brief.json', timeline: 'timeline.json' } as const satisfies Record<Format, string>;

export interface BuildOptions {
  /** Which outputs to render; none for a check, which then leaves the bibliography unformatted. Default: all. */
  formats?: readonly Format[];
  /** Date written into the PDF; default SOURCE_DATE_EPOCH, else the brief's date, so rebuilds are identical. */
  date?: Date;
  templatesDir?: string;
  /** Write an archival PDF/A file with the cited documents and the lock attached (also `pdf: archive`). */
  pdfStandard?: 'PDF/A-3b';
  /** Quotes whose source wording changed are errors, not warnings. */
  strict?: boolean;
  /** Take the sources' current wording of changed quotes into the lock (after a person checked them). */
  accept?: boolean;
  /** Kept between builds of a watch session: document indexes by content hash. */
  cache?: BuildCache;
  /** Told when each stage ends and how long it took, for progress display and benchmarks. */
  onStage?: (stage: Stage, milliseconds: number) => void;
  /** Told of each page of the PDF as the layout starts it, for progress display. */
  onPage?: (page: number) => void;
}

export type Stage = 'read' | 'parse' | 'documents' | 'anchor' | 'model' | Format;

export interface Output {
  /** File name inside the output folder. */
  name: string;
  data: Uint8Array | string;
}

export interface BuildResult {
  brief?: Brief;
  outputs: Output[];
  diagnostics: Diagnostic[];
  /** What changed since the lock; absent when the build stopped before anchoring. */
  changes?: ChangeReport;
  /** The new brief.lock.json, when the build succeeded. */
  lock?: string;
}

export interface BuildCache {
  indexes: Map<string, IndexedDocument>;
  /** Parsed markdown files by path, content and first citation number. */
  parsed: Map<string, ParsedFile>;
  /** The references of the last build, by its bibliography entries as JSON: the CSL processor takes ~1 ms a document. */
  references?: { key: string; references: Map<string, Reference> };
}

export const createCache = (): BuildCache => ({ indexes: new Map(), parsed: new Map() });

/**
 * From this many citations the HTML is made in a worker thread while the PDF is
 * drawn. Starting one takes ~150 ms, about what a small brief's whole PDF does.
 */
const HTML_APART_CITATIONS = 1_000;

export const BRIEF_FILE = 'sources/brief.md';
export const EVENTS_DIR = 'sources/events';
/** A brief root's own templates, each replacing the default file of the same name. */
export const TEMPLATES_DIR = 'templates';

export async function buildBrief(root: string, options: BuildOptions = {}): Promise<BuildResult> {
  const formats = options.formats ?? FORMATS;
  const diagnostics: Diagnostic[] = [];
  let stageStart = performance.now();
  const stageDone = (stage: Stage) => {
    const now = performance.now();
    options.onStage?.(stage, now - stageStart);
    stageStart = now;
  };
  let changes: ChangeReport | undefined;
  const finish = (brief?: Brief, outputs: Output[] = [], lock?: string): BuildResult => {
    const sorted = sortDiagnostics(diagnostics);
    const result: BuildResult = { outputs, diagnostics: sorted };
    if (brief) {
      brief.verification.warnings = sorted.filter((d) => d.severity === 'warning').length;
      brief.verification.errors = sorted.filter((d) => d.severity === 'error').length;
      result.brief = brief;
    }
    if (changes) result.changes = changes;
    if (lock !== undefined) result.lock = lock;
    return result;
  };

  const sources = await readMarkdownSources(root, diagnostics);
  if (!sources) return finish();
  stageDone('read');
  const counter: CitationCounter = { next: 0 };
  const files: ParsedFile[] = sources.map(({ file, text }, index) => parseCached(file, text, index === 0 ? 'brief' : 'events', counter, options.cache));
  for (const file of files) diagnostics.push(...file.diagnostics);
  stageDone('parse');

  const citations = files.flatMap((file) => file.citations);
  const [{ documents, refused, others, folderRefused, diagnostics: documentDiagnostics }, { entries, diagnostics: metadataDiagnostics }, previous, images] = await Promise.all([
    loadDocuments(root, { cited: new Set(citations.map((c) => c.documentId)) }),
    loadMetadata(root),
    readLock(root),
    loadImages(root, files.flatMap((file) => file.images)),
  ]);
  diagnostics.push(...documentDiagnostics, ...metadataDiagnostics, ...previous.diagnostics, ...images.diagnostics);
  stageDone('documents');
  const anchorOptions: AnchorOptions = { strict: options.strict ?? false, accept: options.accept ?? false, refused, others, folderRefused: folderRefused ?? false };
  if (previous.lock) anchorOptions.lock = previous.lock;
  diagnostics.push(...anchorCitations(citations, documents, anchorOptions, options.cache?.indexes));
  changes = {
    hadLock: previous.lock !== undefined,
    documents: compareDocuments(previous.lock, documents),
    citations: citationChanges(citations, previous.lock),
  };
  stageDone('anchor');

  const meta = files[0]?.meta;
  if (!meta) return finish();
  const formatReferences = formats.length > 0 ? cachedFormatter((await import('./model/bibliography.js')).formatReferences, options.cache) : undefined;
  const unread = { documents: folderRefused ?? false, metadata: metadataDiagnostics.some((d) => d.severity === 'error') };
  const assembled = assembleBrief({ files, meta, documents, metadata: entries, unread, accepted: options.accept ?? false, ...(formatReferences ? { formatReferences } : {}) });
  diagnostics.push(...assembled.diagnostics);
  stageDone('model');
  const { brief } = assembled;
  diagnostics.push(...crossCheck(brief).diagnostics);
  if (formats.length === 0 || formats.includes('pdf')) {
    // The PDF prints what its fonts have; a check reports what a build would.
    const { checkGlyphs } = await import('./check/glyphs.js');
    const loadCoverage = async () => (await import('./render/pdf/coverage.js')).pdfCoverage();
    const place = (id: string) => {
      const entry = entries.get(id);
      return entry ? { file: entry.file, at: entry.at } : { file: documents.get(id)?.file ?? METADATA_FILE, at: { line: 1, column: 1 } };
    };
    diagnostics.push(...(await checkGlyphs(brief, loadCoverage, BRIEF_FILE, place)));
  }
  if (brief.events.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(diagnostic('warning', 'empty-brief', 'the brief has no events; add headings like `## 2025-07-03 — What happened`', BRIEF_FILE));
  }
  if (hasErrors(diagnostics) || formats.length === 0) return finish(brief);

  // Counts in the verification line must be final before rendering.
  finish(brief);
  const date = options.date ?? buildDate(brief);
  // The lock is attached to archival PDFs, so it is made before rendering.
  const lock = serializeLock(nextLock(brief, documents, previous.lock, options.accept ?? false));
  const outputs = new Map<Format, Output>();
  // A big brief's HTML, and its JSON outputs, are made in a worker thread while this one draws the PDF.
  const apart = formats.includes('html') && formats.includes('pdf') && brief.citations.length >= HTML_APART_CITATIONS;
  const also = apart ? formats.filter((format): format is AlsoApart => format === 'json' || format === 'timeline') : [];
  const { page } = formats.includes('html')
    ? await startTemplates(root, brief, options.templatesDir ?? defaultTemplatesDir(), diagnostics, apart ? { images: images.images, also } : undefined)
    : { page: undefined };
  // Awaited below; a bug it throws meanwhile is not an unhandled rejection.
  page?.catch(() => {});
  const html = async () => {
    const made = await page;
    if (made !== undefined) outputs.set('html', { name: OUTPUT_NAMES.html, data: made.html });
    stageDone('html');
    for (const format of also) {
      const data = made?.[format];
      if (data !== undefined) outputs.set(format, { name: OUTPUT_NAMES[format], data });
      stageDone(format);
    }
    return made !== undefined;
  };
  for (const format of formats) {
    // What is made apart is waited for once the PDF is drawn.
    if (apart && (format === 'html' || also.includes(format as AlsoApart))) continue;
    if (format === 'html' && !(await html())) return finish(brief);
    if (format === 'pdf') {
      const { renderPdf } = await import('./render/pdf/index.js');
      outputs.set('pdf', { name: OUTPUT_NAMES.pdf, data: await renderPdf(brief, { date, lock, ...(options.pdfStandard ? { standard: options.pdfStandard } : {}), ...(options.onPage ? { onPage: options.onPage } : {}) }) });
    }
    if (format === 'json') outputs.set('json', { name: OUTPUT_NAMES.json, data: (await import('./render/json.js')).renderJson(brief) });
    if (format === 'timeline') outputs.set('timeline', { name: OUTPUT_NAMES.timeline, data: (await import('./render/timeline.js')).renderTimeline(brief) });
    if (format !== 'html') stageDone(format);
  }
  if (apart && !(await html())) return finish(brief);
  const written = formats.flatMap((format) => outputs.get(format) ?? []);
  written.push({ name: 'changes.json', data: `${JSON.stringify(changes, null, 2)}\n` });
  return finish(brief, written, lock);
}

/** The lock to write after a successful build: changed quotes keep their old entry unless accepted. */
function nextLock(brief: Brief, documents: ReadonlyMap<string, LoadedDocument>, previous: Lock | undefined, accept: boolean): Lock {
  const lock = emptyLock();
  for (const document of documents.values()) lock.documents[document.id] = { file: document.file, sha256: document.sha256, size: document.size };
  for (const citation of brief.citations) {
    if (citation.quote === undefined || !citation.anchor) continue;
    const old = previous?.quotes[citation.documentId]?.[citation.quote];
    const { exact, prefix, suffix, start, end, line } = citation.anchor;
    const entry: LockedQuote =
      citation.status === 'changed' && !accept && old
        ? old
        : { exact, prefix, suffix, start, end, line, ...(citation.status === 'changed' || old?.accepted ? { accepted: true as const } : {}) };
    (lock.quotes[citation.documentId] ??= table())[citation.quote] = entry;
  }
  return lock;
}

/**
 * Starts the HTML through the templates, with the brief root's own `templates/`
 * over the defaults; resolves once it is under way (in a worker thread, sent
 * the brief's images, when `apart`), to the page to come. An error in the brief's own templates is the
 * user's to fix, so it is a diagnostic and the page is undefined; one in the
 * default templates is a bug and is thrown.
 */
async function startTemplates(
  root: string,
  brief: Brief,
  templatesDir: string,
  diagnostics: Diagnostic[],
  apart: { images: ReadonlyMap<string, EmbeddedImage>; also: readonly AlsoApart[] } | undefined,
): Promise<{ page: Promise<Made | undefined> }> {
  const overrideDir = path.join(root, TEMPLATES_DIR);
  const outside = await folderOutsideRoot(root, await realpath(root).catch(() => path.resolve(root)), TEMPLATES_DIR);
  if (outside) {
    diagnostics.push(outside);
    return { page: Promise.resolve(undefined) };
  }
  const { renderHtml, renderHtmlApart, TemplateError } = await import('./render/html/index.js');
  const htmlOptions = { templatesDir, overrideDir, root };
  const page = (apart ? renderHtmlApart(brief, htmlOptions, apart.images, apart.also) : renderHtml(brief, htmlOptions).then((html): Made => ({ html }))).catch((error: unknown) => {
    if (!(error instanceof TemplateError) || !isInside(path.resolve(overrideDir), path.resolve(error.file))) throw error;
    if (error.diagnostic) {
      diagnostics.push(error.diagnostic);
      return undefined;
    }
    const file = path.relative(root, error.file).split(path.sep).join('/');
    diagnostics.push(diagnostic('error', 'bad-template', `${error.reason}; fix the template, or delete it to use the default`, file, { line: error.line ?? 1, column: error.column ?? 1 }));
    return undefined;
  });
  return { page };
}

/** Formats references, or reuses the last build's when the entries are the same (citeproc's output is a function of them). */
function cachedFormatter(format: typeof formatReferences, cache: BuildCache | undefined): typeof formatReferences {
  if (!cache) return format;
  return (entries) => {
    const key = JSON.stringify(entries);
    if (cache.references?.key !== key) cache.references = { key, references: format(entries) };
    return structuredClone(cache.references.references);
  };
}

/** Parses a file, or reuses an earlier parse of the same text (later stages annotate it, so a copy). */
function parseCached(file: string, text: string, kind: 'brief' | 'events', counter: CitationCounter, cache: BuildCache | undefined): ParsedFile {
  if (!cache) return parseBriefFile(file, text, kind, counter);
  const key = `${file}\0${counter.next}\0${createHash('sha256').update(text).digest('hex')}`;
  const cached = cache.parsed.get(key);
  if (cached) {
    counter.next += cached.citations.length;
    return structuredClone(cached);
  }
  for (const old of cache.parsed.keys()) if (old.startsWith(`${file}\0`)) cache.parsed.delete(old);
  const parsed = parseBriefFile(file, text, kind, counter);
  cache.parsed.set(key, structuredClone(parsed));
  return parsed;
}

/** SOURCE_DATE_EPOCH (seconds) when set, else the start of the brief's date, else the epoch. */
export function buildDate(brief: Brief, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(brief.meta.date?.sortKey ?? 0);
}

async function readMarkdownSources(root: string, diagnostics: Diagnostic[]): Promise<Array<{ file: string; text: string }> | undefined> {
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  const files = [BRIEF_FILE];
  const eventsOutside = await folderOutsideRoot(root, realRoot, EVENTS_DIR);
  if (eventsOutside) diagnostics.push(eventsOutside);
  else {
    try {
      const names = await readdir(path.join(root, EVENTS_DIR));
      files.push(...names.filter((name) => name.endsWith('.md') && !name.startsWith('.')).sort().map((name) => `${EVENTS_DIR}/${name}`));
    } catch {
      // No events folder: all events are in brief.md.
    }
  }
  const sources: Array<{ file: string; text: string }> = [];
  for (const file of files) {
    const read = await readRootFile(root, realRoot, file, {
      bytes: MAX_MARKDOWN_BYTES,
      message: (size) => `${file} is ${formatExactSize(size)}; a markdown file may be at most ${formatExactSize(MAX_MARKDOWN_BYTES)}. Move events into sources/events/*.md`,
    });
    if (read.ok) {
      sources.push({ file, text: read.text });
      continue;
    }
    if (file === BRIEF_FILE) {
      const kind = await stat(root).then((found) => (found.isDirectory() ? 'folder' : 'file'), () => undefined);
      if (read.missing || kind !== 'folder') {
        const problem = kind === undefined ? `there is no folder ${root}` : kind === 'file' ? `${root} is a file, not a brief's folder` : `the brief root has no ${BRIEF_FILE}`;
        diagnostics.push(diagnostic('error', 'missing-brief', `${problem}; pass the folder that holds sources/, or run \`brief init <dir>\` to start a brief`, file));
      } else if (read.diagnostic) diagnostics.push(read.diagnostic);
      return undefined;
    }
    if (read.diagnostic) diagnostics.push(read.diagnostic);
  }
  return sources;
}
