// Reads one text file of a brief root, refusing what must not be read: a link
// leading outside the root (checked on the real path before the file is
// opened), a file over its size limit (checked on the open file before its
// bytes are read), and bytes that are not UTF-8 text.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8, encodingMessage } from './decode.js';

const MB = 1024 * 1024;
/** Largest document in sources/documents/. */
export const MAX_DOCUMENT_BYTES = 5 * MB;
/** Largest total of all documents of a brief. */
export const MAX_DOCUMENTS_BYTES = 20 * MB;
/** Largest markdown file (brief.md, each sources/events/*.md). */
export const MAX_MARKDOWN_BYTES = 20 * MB;
/**
 * Largest documents.yaml: some 20,000 entries, read in about 4 s. Its YAML
 * parser keeps every node's place for the diagnostics, which costs about
 * 100 bytes of memory a byte of YAML.
 */
export const MAX_METADATA_BYTES = 5 * MB;

export type ReadResult =
  | { ok: true; text: string; bytes: Buffer }
  /** `missing`: there is no such file (a missing file may be allowed; the caller decides). */
  | { ok: false; missing: boolean; diagnostic?: Diagnostic };

export interface ReadLimit {
  bytes: number;
  /** What to tell the writer when the file is larger. */
  message: (size: number) => string;
}

/**
 * Reads `relative` (a `/` path inside the brief root) as UTF-8 text.
 * `realRoot` is the brief root with links resolved (`realpath(root)`).
 */
export async function readRootFile(root: string, realRoot: string, relative: string, limit: ReadLimit): Promise<ReadResult> {
  const read = await readRootBytes(root, realRoot, relative, limit);
  if (!read.ok) return read;
  const decoded = decodeUtf8(read.bytes);
  if (!decoded.ok) {
    return { ok: false, missing: false, diagnostic: diagnostic('error', 'bad-encoding', encodingMessage(relative, decoded), relative, decoded.at) };
  }
  return { ok: true, text: decoded.text, bytes: read.bytes };
}

/** Reads `relative` as bytes, refusing as `readRootFile` does a link leading outside the root, what is not a file, and a file over the limit. */
export async function readRootBytes(
  root: string,
  realRoot: string,
  relative: string,
  limit: ReadLimit,
): Promise<{ ok: true; bytes: Buffer } | Extract<ReadResult, { ok: false }>> {
  const full = path.join(root, relative);
  let real: string;
  try {
    real = await realpath(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, missing: true };
    return unreadable(relative, code);
  }
  if (!isInside(realRoot, real)) {
    return { ok: false, missing: false, diagnostic: diagnostic('error', 'outside-root', outsideMessage(relative), relative) };
  }
  // The real path is opened, so a link swapped in after the check is not followed; without
  // blocking, so a named pipe is opened at once (and refused below) instead of waiting for a writer.
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return unreadable(relative, (error as NodeJS.ErrnoException).code);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return unreadable(relative, 'not a file');
    if (stats.size > limit.bytes) {
      return { ok: false, missing: false, diagnostic: diagnostic('error', 'too-large', limit.message(stats.size), relative) };
    }
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    return unreadable(relative, (error as NodeJS.ErrnoException).code);
  } finally {
    await handle.close();
  }
}

/** Whether `relative`, a folder of the brief root, leads outside it; a missing folder does not. */
export async function folderOutsideRoot(root: string, realRoot: string, relative: string): Promise<Diagnostic | undefined> {
  const real = await realpath(path.join(root, relative)).catch(() => undefined);
  if (real === undefined || isInside(realRoot, real)) return undefined;
  return diagnostic('error', 'outside-root', outsideMessage(relative), relative);
}

export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** Sizes as people read them: `5 MB`, `12.3 MB`, `900 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** A size over a limit, exact to the byte, since a file just over it rounds to the limit: `5 MB (5,242,881 bytes)`. */
export function formatExactSize(bytes: number): string {
  return `${formatSize(bytes)} (${bytes.toLocaleString('en-US')} bytes)`;
}

function outsideMessage(relative: string): string {
  return `${relative} leads outside the brief root (a link); it was not read. Copy what it links to into the brief root instead`;
}

function unreadable(relative: string, reason: string | undefined): Extract<ReadResult, { ok: false }> {
  return {
    ok: false,
    missing: false,
    diagnostic: diagnostic('error', 'unreadable-file', `${relative} cannot be read (${reason ?? 'unknown error'}); check that it is a readable file`, relative),
  };
}
