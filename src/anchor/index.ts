// Anchoring stage: every citation's document must exist, every quote must be found in it.
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedDocument } from '../documents/load.js';
import type { Citation } from '../model/types.js';
import { closestPassage, findQuote, indexDocument, type IndexedDocument } from './anchor.js';

export { findQuote, closestPassage, indexDocument } from './anchor.js';
export { normalize } from './normalize.js';

/** Sets `anchor` on each citation whose quote is found; returns what went wrong. */
export function anchorCitations(citations: readonly Citation[], documents: ReadonlyMap<string, LoadedDocument>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const indexes = new Map<string, IndexedDocument>();
  for (const citation of citations) {
    const { file } = citation.position;
    const document = documents.get(citation.documentId);
    if (!document) {
      diagnostics.push(diagnostic('error', 'unknown-document', unknownDocument(citation.documentId, documents), file, citation.position.start));
      continue;
    }
    if (citation.quote === undefined) continue;
    let index = indexes.get(document.id);
    if (!index) {
      index = indexDocument(document);
      indexes.set(document.id, index);
    }
    const at = citation.quotePosition ?? citation.position.start;
    const anchor = findQuote(index, citation.quote);
    if (!anchor) {
      diagnostics.push(diagnostic('error', 'quote-not-found', quoteNotFound(citation.quote, index), file, at));
      continue;
    }
    citation.anchor = anchor;
    if (anchor.occurrences > 1) {
      diagnostics.push(
        diagnostic('warning', 'ambiguous-quote', `the quote occurs ${anchor.occurrences} times in ${document.file}; anchored to the first (line ${anchor.line}); quote more words to point at one place`, file, at),
      );
    }
  }
  return diagnostics;
}

function quoteNotFound(quote: string, index: IndexedDocument): string {
  const passage = closestPassage(index, quote);
  const closest = passage ? `; closest passage (line ${passage.line}): "${clip(passage.text)}"` : '';
  return `quote not found in ${index.document.file}: "${clip(quote)}"${closest}. Copy the document's exact words (case, spacing, quote marks and dashes may differ; nothing else)`;
}

function unknownDocument(id: string, documents: ReadonlyMap<string, LoadedDocument>): string {
  const suggestion = closestId(id, [...documents.keys()]);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : documents.size === 0 ? '; sources/documents/ has no documents' : '';
  return `unknown document "${id}": there is no sources/documents/${id}.txt or .md${hint}`;
}

const clip = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function closestId(id: string, ids: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(id.length / 3)) + 1;
  for (const candidate of ids) {
    const distance = editDistance(id.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
