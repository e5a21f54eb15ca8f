// brief.lock.json: what each document was and where each quote stood at the last
// successful build. Meant to be committed beside the sources; keys are sorted and
// the layout fixed so its diffs read well.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatSize, MAX_MARKDOWN_BYTES, readRootFile } from '../documents/read.js';

export const LOCK_FILE = 'brief.lock.json';
export const LOCK_VERSION = 1;

export interface LockedDocument {
  file: string;
  sha256: string;
  size: number;
}

/**
 * Where a quote stood: `exact`, `prefix` and `suffix` are a W3C Web Annotation
 * TextQuoteSelector, `start` and `end` a TextPositionSelector (character offsets).
 */
export interface LockedQuote {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  line: number;
  /** Set when a person accepted the source's wording in place of the brief's (`brief build --accept`). */
  accepted?: true;
}

export interface Lock {
  version: number;
  documents: Record<string, LockedDocument>;
  /** By document id, then by the quote as the brief writes it. */
  quotes: Record<string, Record<string, LockedQuote>>;
}

export const emptyLock = (): Lock => ({ version: LOCK_VERSION, documents: {}, quotes: {} });

/** Why a lock that exists was not read, by the rule the reader gave. */
const UNREAD: Record<string, string> = {
  'outside-root': 'it is a link leading outside the brief root',
  'too-large': `it is over ${formatSize(MAX_MARKDOWN_BYTES)}`,
  'bad-encoding': 'it is not UTF-8 text',
};

/**
 * The lock of the last build, read like every file of the root (never through a
 * link leading outside it, within a size limit). A lock that cannot be used is a
 * warning: every quote is then checked as new, and the lock is written again.
 */
export async function readLock(root: string): Promise<{ lock?: Lock; diagnostics: Diagnostic[] }> {
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  const read = await readRootFile(root, realRoot, LOCK_FILE, { bytes: MAX_MARKDOWN_BYTES, message: () => UNREAD['too-large']! });
  const unusable = (reason: string) => ({
    diagnostics: [diagnostic('warning', 'bad-lock', `${LOCK_FILE} cannot be read (${reason}); every quote is checked as new, and the next build writes the lock anew`, LOCK_FILE)],
  });
  if (!read.ok) {
    if (read.missing) return { diagnostics: [] };
    const rule = read.diagnostic?.ruleId ?? '';
    return unusable(UNREAD[rule] ?? 'it is not a readable file');
  }
  try {
    const lock = JSON.parse(read.text) as Lock;
    if (lock.version !== LOCK_VERSION || typeof lock.documents !== 'object' || typeof lock.quotes !== 'object') throw new Error('unknown layout');
    return { lock, diagnostics: [] };
  } catch (error) {
    return unusable((error as Error).message);
  }
}

export function lockedQuote(lock: Lock | undefined, documentId: string, quote: string): LockedQuote | undefined {
  return lock?.quotes[documentId]?.[quote];
}

/** JSON with every object's keys sorted, two-space indented, ending in a newline. */
export function serializeLock(lock: Lock): string {
  return `${JSON.stringify(sortKeys(lock), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
