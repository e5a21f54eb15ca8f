// What changed since the lock: documents by content hash, citations by status.
import type { LoadedDocument } from '../documents/load.js';
import type { Citation, CitationStatus } from '../model/types.js';
import type { Lock } from './lock.js';

export type DocumentChange = 'unchanged' | 'changed' | 'added' | 'removed' | 'renamed';

export interface DocumentChangeEntry {
  id: string;
  status: DocumentChange;
  /** For renamed documents: the id the same content had in the lock. */
  from?: string;
  sha256?: string;
  previousSha256?: string;
}

export interface ChangeReport {
  /** False when there was no lock to compare with (a first build). */
  hadLock: boolean;
  documents: DocumentChangeEntry[];
  citations: Array<{
    id: string;
    document: string;
    quote: string;
    status: CitationStatus;
    file: string;
    line: number;
    column: number;
    previous?: { exact: string; start: number; end: number; line: number };
    current?: { exact: string; start: number; end: number; line: number };
  }>;
}

export function compareDocuments(lock: Lock | undefined, documents: ReadonlyMap<string, LoadedDocument>): DocumentChangeEntry[] {
  if (!lock) return [...documents.values()].map((d) => ({ id: d.id, status: 'added', sha256: d.sha256 }));
  const entries: DocumentChangeEntry[] = [];
  const lockedByHash = new Map(Object.entries(lock.documents).map(([id, d]) => [d.sha256, id]));
  const renamedFrom = new Set<string>();
  for (const document of documents.values()) {
    const locked = lock.documents[document.id];
    if (locked) {
      entries.push({ id: document.id, status: locked.sha256 === document.sha256 ? 'unchanged' : 'changed', sha256: document.sha256, previousSha256: locked.sha256 });
      continue;
    }
    const from = lockedByHash.get(document.sha256);
    if (from !== undefined && !documents.has(from)) {
      renamedFrom.add(from);
      entries.push({ id: document.id, status: 'renamed', from, sha256: document.sha256 });
    } else entries.push({ id: document.id, status: 'added', sha256: document.sha256 });
  }
  for (const [id, locked] of Object.entries(lock.documents)) {
    if (!documents.has(id) && !renamedFrom.has(id)) entries.push({ id, status: 'removed', previousSha256: locked.sha256 });
  }
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function citationChanges(citations: readonly Citation[], lock: Lock | undefined): ChangeReport['citations'] {
  return citations.flatMap((citation) => {
    if (citation.quote === undefined || citation.status === undefined) return [];
    const locked = lock?.quotes[citation.documentId]?.[citation.quote];
    const at = citation.quotePosition ?? citation.position.start;
    const entry: ChangeReport['citations'][number] = {
      id: citation.id,
      document: citation.documentId,
      quote: citation.quote,
      status: citation.status,
      file: citation.position.file,
      line: at.line,
      column: at.column,
    };
    if (locked) entry.previous = { exact: locked.exact, start: locked.start, end: locked.end, line: locked.line };
    if (citation.anchor) entry.current = { exact: citation.anchor.exact, start: citation.anchor.start, end: citation.anchor.end, line: citation.anchor.line };
    return [entry];
  });
}

/**
 * "2 documents changed (a, b), 1 added (c); 14 citations moved, 1 changed, 1 broken":
 * documents by id, up to three of each kind.
 * `unchecked`: quotes that could not be looked for (their document is unknown or refused).
 */
export function summarizeChanges(report: ChangeReport, unchecked = 0): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (!report.hadLock) return `no lock yet: a build without errors records ${plural(report.citations.length, 'quote')} in it`;
  const count = <T extends string>(values: T[], order: T[]) =>
    order.map((status) => [status, values.filter((v) => v === status).length] as const).filter(([, n]) => n > 0);
  const documents = count(report.documents.map((d) => d.status), ['changed', 'added', 'removed', 'renamed']);
  const named = (status: DocumentChange) => {
    const ids = report.documents.filter((d) => d.status === status).map((d) => (d.from === undefined ? d.id : `${d.from} → ${d.id}`));
    return ` (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? `, ${ids.length - 3} more` : ''})`;
  };
  // A quote new since the lock that is not found was never there to break.
  const statuses = report.citations.map((c) => (c.status === 'broken' && c.previous === undefined ? 'new, not found' : c.status));
  const citations = count(statuses, ['moved', 'changed', 'ambiguous', 'broken', 'new, not found']);
  const documentText =
    documents.length === 0 ? 'no document changed' : documents.map(([s, n], i) => (i === 0 ? `${plural(n, 'document')} ${s}` : `${n} ${s}`) + named(s)).join(', ');
  const citationParts = [
    ...(citations.length > 0 ? [citations.map(([s, n], i) => (i === 0 ? `${plural(n, 'citation')} ${s}` : `${n} ${s}`)).join(', ')] : []),
    ...(unchecked > 0 ? [`${plural(unchecked, 'quote')} not checked`] : []),
  ];
  return `${documentText}; ${citationParts.length > 0 ? citationParts.join('; ') : 'every quote stands where it was'}`;
}
