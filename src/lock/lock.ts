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

/** Keyed by document ids and quotes, which may be any text ("constructor", "__proto__"): objects without a prototype. */
export const emptyLock = (): Lock => ({ version: LOCK_VERSION, documents: table(), quotes: table() });

export const table = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

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
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch (error) {
    return unusable((error as Error).message);
  }
  const lock = lockOf(parsed);
  return lock ? { lock, diagnostics: [] } : unusable('it does not have the layout of a lock');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The lock JSON holds, every entry checked, in objects without a prototype; undefined if anything is not as a build writes it. */
function lockOf(value: unknown): Lock | undefined {
  if (!isRecord(value) || value['version'] !== LOCK_VERSION || !isRecord(value['documents']) || !isRecord(value['quotes'])) return undefined;
  const lock = emptyLock();
  for (const [id, document] of Object.entries(value['documents'])) {
    if (!isRecord(document) || typeof document['file'] !== 'string' || typeof document['sha256'] !== 'string' || !isCount(document['size'])) return undefined;
    lock.documents[id] = { file: document['file'], sha256: document['sha256'], size: document['size'] };
  }
  for (const [id, quotes] of Object.entries(value['quotes'])) {
    if (!isRecord(quotes)) return undefined;
    const entries = (lock.quotes[id] = table<LockedQuote>());
    for (const [quote, entry] of Object.entries(quotes)) {
      if (!isRecord(entry)) return undefined;
      const { exact, prefix, suffix, start, end, line, accepted } = entry;
      if (typeof exact !== 'string' || exact === '' || typeof prefix !== 'string' || typeof suffix !== 'string') return undefined;
      if (!isCount(start) || !isCount(end) || !isCount(line) || line === 0 || end <= start || (accepted !== undefined && accepted !== true)) return undefined;
      entries[quote] = { exact, prefix, suffix, start, end, line, ...(accepted ? { accepted } : {}) };
    }
  }
  return lock;
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
