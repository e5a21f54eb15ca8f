// Composes the stages: read sources → parse → load documents → anchor quotes →
// assemble the model → render. Returns outputs and diagnostics; writes nothing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { anchorCitations } from './anchor/index.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { decodeUtf8 } from './documents/decode.js';
import { loadDocuments } from './documents/load.js';
import { loadMetadata } from './documents/metadata.js';
import { assembleBrief } from './model/assemble.js';
import type { Brief } from './model/types.js';
import { parseBriefFile, type CitationCounter, type ParsedFile } from './parse/file.js';
import { defaultTemplatesDir } from './paths.js';
import { renderHtml } from './render/html/index.js';
import { renderJson } from './render/json.js';
import { renderPdf } from './render/pdf/index.js';

export const FORMATS = ['html', 'pdf', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  /** Which outputs to render; none for a check. Default: all. */
  formats?: readonly Format[];
  /** Date written into the PDF; default SOURCE_DATE_EPOCH, else the brief's date, so rebuilds are identical. */
  date?: Date;
  templatesDir?: string;
  /** Told when each stage ends and how long it took, for progress display and benchmarks. */
  onStage?: (stage: Stage, milliseconds: number) => void;
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
}

export const BRIEF_FILE = 'sources/brief.md';
export const EVENTS_DIR = 'sources/events';

export async function buildBrief(root: string, options: BuildOptions = {}): Promise<BuildResult> {
  const formats = options.formats ?? FORMATS;
  const diagnostics: Diagnostic[] = [];
  let stageStart = performance.now();
  const stageDone = (stage: Stage) => {
    const now = performance.now();
    options.onStage?.(stage, now - stageStart);
    stageStart = now;
  };
  const finish = (brief?: Brief, outputs: Output[] = []): BuildResult => {
    const sorted = sortDiagnostics(diagnostics);
    if (brief) {
      brief.verification.warnings = sorted.filter((d) => d.severity === 'warning').length;
      brief.verification.errors = sorted.filter((d) => d.severity === 'error').length;
    }
    return brief ? { brief, outputs, diagnostics: sorted } : { outputs, diagnostics: sorted };
  };

  const sources = await readMarkdownSources(root, diagnostics);
  if (!sources) return finish();
  stageDone('read');
  const counter: CitationCounter = { next: 0 };
  const files: ParsedFile[] = sources.map(({ file, text }, index) =>
    parseBriefFile(file, text, index === 0 ? 'brief' : 'events', counter),
  );
  for (const file of files) diagnostics.push(...file.diagnostics);
  stageDone('parse');

  const [{ documents, diagnostics: documentDiagnostics }, { entries, diagnostics: metadataDiagnostics }] = await Promise.all([
    loadDocuments(root),
    loadMetadata(root),
  ]);
  diagnostics.push(...documentDiagnostics, ...metadataDiagnostics);
  stageDone('documents');
  diagnostics.push(...anchorCitations(files.flatMap((file) => file.citations), documents));
  stageDone('anchor');

  const meta = files[0]?.meta;
  if (!meta) return finish();
  const assembled = assembleBrief({ files, meta, documents, metadata: entries });
  diagnostics.push(...assembled.diagnostics);
  stageDone('model');
  const { brief } = assembled;
  if (brief.events.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(diagnostic('warning', 'empty-brief', 'the brief has no events; add headings like `## 2025-07-03 — What happened`', BRIEF_FILE));
  }
  if (hasErrors(diagnostics) || formats.length === 0) return finish(brief);

  // Counts in the verification line must be final before rendering.
  finish(brief);
  const date = options.date ?? buildDate(brief);
  const outputs: Output[] = [];
  for (const format of formats) {
    if (format === 'html') outputs.push({ name: 'brief.html', data: await renderHtml(brief, { templatesDir: options.templatesDir ?? defaultTemplatesDir() }) });
    if (format === 'pdf') outputs.push({ name: 'brief.pdf', data: await renderPdf(brief, { date }) });
    if (format === 'json') outputs.push({ name: 'brief.json', data: renderJson(brief) });
    stageDone(format);
  }
  return finish(brief, outputs);
}

/** SOURCE_DATE_EPOCH (seconds) when set, else the start of the brief's date, else the epoch. */
export function buildDate(brief: Brief, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(brief.meta.date?.sortKey ?? 0);
}

async function readMarkdownSources(root: string, diagnostics: Diagnostic[]): Promise<Array<{ file: string; text: string }> | undefined> {
  const files = [BRIEF_FILE];
  try {
    const names = await readdir(path.join(root, EVENTS_DIR));
    files.push(...names.filter((name) => name.endsWith('.md') && !name.startsWith('.')).sort().map((name) => `${EVENTS_DIR}/${name}`));
  } catch {
    // No events folder: all events are in brief.md.
  }
  const sources: Array<{ file: string; text: string }> = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(root, file));
    } catch {
      if (file === BRIEF_FILE) {
        diagnostics.push(diagnostic('error', 'missing-brief', `the brief root has no ${BRIEF_FILE}; pass the folder that holds sources/, or run \`brief init <dir>\` to start a brief`, file));
        return undefined;
      }
      continue;
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      diagnostics.push(diagnostic('error', 'bad-encoding', `${file} is not UTF-8 (byte 0x${decoded.byte.toString(16)} at offset ${decoded.offset}); save it as UTF-8`, file, decoded.at));
      if (file === BRIEF_FILE) return undefined;
      continue;
    }
    sources.push({ file, text: decoded.text });
  }
  return sources;
}
