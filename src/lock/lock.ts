// brief.lock.json: what each document was and where each quote stood at the last
// successful build. Meant to be committed beside the sources; keys are sorted and
// the layout fixed so its diffs read well.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

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

export async function readLock(root: string): Promise<{ lock?: Lock; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(path.join(root, LOCK_FILE), 'utf8');
  } catch {
    return { diagnostics: [] };
  }
  try {
    const lock = JSON.parse(text) as Lock;
    if (lock.version !== LOCK_VERSION || typeof lock.documents !== 'object' || typeof lock.quotes !== 'object') throw new Error('unknown layout');
    return { lock, diagnostics: [] };
  } catch (error) {
    return {
      diagnostics: [
        diagnostic('warning', 'bad-lock', `${LOCK_FILE} cannot be read (${(error as Error).message}); every quote is checked as new and the lock is written again`, LOCK_FILE),
      ],
    };
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
