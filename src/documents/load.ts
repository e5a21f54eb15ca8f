// Load the cited documents of a brief root: `sources/documents/<id>.txt|.md`.
import { createHash } from 'node:crypto';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { citableId, isCitableId } from '../parse/citations.js';
import { folderOutsideRoot, formatExactSize, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_BYTES, readRootFile } from './read.js';

export { isInside } from './read.js';

export interface LoadedDocument {
  id: string;
  /** Path relative to the brief root. */
  file: string;
  /** Decoded text (UTF-8, BOM removed); anchors are offsets into it. */
  text: string;
  sha256: string;
  size: number;
}

export interface LoadOptions {
  /**
   * Ids of the documents the brief cites. An empty document the brief cites is
   * an error, one it does not cite a warning. Default: none known, so a warning.
   */
  cited?: ReadonlySet<string>;
}

export interface LoadedDocuments {
  documents: Map<string, LoadedDocument>;
  /** Ids of documents that exist but were refused (too large, not text, outside the root…): their error says why. */
  refused: Set<string>;
  /** Files of other kinds (a PDF, a web page), by the id they would have: not read, named when cited. */
  others: Map<string, string>;
  /** The documents folder itself was refused (a link leading outside the root): no document could be read. */
  folderRefused?: boolean;
  diagnostics: Diagnostic[];
}

export const DOCUMENTS_DIR = 'sources/documents';
const DOCUMENT_EXTENSIONS = ['.txt', '.md'];
/** Files read at once; enough to keep the disk busy without running out of file handles. */
const CONCURRENCY = 32;

export async function loadDocuments(root: string, options: LoadOptions = {}): Promise<LoadedDocuments> {
  const loaded: LoadedDocuments = { documents: new Map(), refused: new Set(), others: new Map(), diagnostics: [] };
  const { diagnostics } = loaded;
  const realRoot = await realpath(root).catch(() => root);
  const outside = await folderOutsideRoot(root, realRoot, DOCUMENTS_DIR);
  if (outside) return { ...loaded, folderRefused: true, diagnostics: [outside] };
  let names: string[];
  try {
    names = (await readdir(path.join(root, DOCUMENTS_DIR))).sort();
  } catch {
    return loaded;
  }
  const entries: Array<{ id: string; file: string }> = [];
  const files = new Map<string, string>();
  for (const name of names) {
    const ext = DOCUMENT_EXTENSIONS.find((e) => name.endsWith(e));
    const otherExt = path.extname(name);
    // Ids are compared composed (NFC): a file named with decomposed accents, as macOS may name it, is cited as typed.
    if (!ext && !name.startsWith('.') && otherExt !== '') loaded.others.set(name.slice(0, -otherExt.length).normalize('NFC'), `${DOCUMENTS_DIR}/${name}`);
    if (!ext || name.startsWith('.') || name.length === ext.length) continue;
    const id = name.slice(0, -ext.length).normalize('NFC');
    const file = `${DOCUMENTS_DIR}/${name}`;
    const existing = files.get(id);
    if (existing) {
      diagnostics.push(diagnostic('error', 'duplicate-id', `document id "${id}" is used by both ${existing} and ${file}; rename one of them`, file));
      continue;
    }
    files.set(id, file);
    entries.push({ id, file });
    if (!isCitableId(id)) {
      const name = `${citableId(id)}${ext}`;
      diagnostics.push(
        diagnostic('warning', 'uncitable-document-name', `${file} cannot be cited: a citation key is letters, digits and _, with : . # $ % & - + ? < > ~ / only between them; rename the file ${name} and cite it as @${citableId(id)}`, file),
      );
    }
  }

  // Read in parallel, keep in name order so the total limit and diagnostics do not depend on timing.
  let total = 0;
  for (let from = 0; from < entries.length; from += CONCURRENCY) {
    const batch = entries.slice(from, from + CONCURRENCY);
    const results = await Promise.all(
      batch.map(({ file }) =>
        readRootFile(root, realRoot, file, {
          bytes: MAX_DOCUMENT_BYTES,
          message: (size) => `${file} is ${formatExactSize(size)}; a document may be at most ${formatExactSize(MAX_DOCUMENT_BYTES)}. Keep only the part of the text you cite, or split it into several documents`,
        }),
      ),
    );
    batch.forEach(({ id, file }, i) => {
      const result = results[i]!;
      if (!result.ok) {
        // A file listed a moment ago and gone now, or a link to nothing.
        diagnostics.push(result.diagnostic ?? diagnostic('error', 'unreadable-file', `${file} cannot be read (it is a link to a file that does not exist); remove it or copy the document in its place`, file));
        loaded.refused.add(id);
        return;
      }
      const size = result.bytes.length;
      if (total + size > MAX_DOCUMENTS_BYTES) {
        diagnostics.push(
          diagnostic('error', 'too-large', `${file} brings the documents to ${formatExactSize(total + size)}; all documents together may be at most ${formatExactSize(MAX_DOCUMENTS_BYTES)}. Remove the documents you do not cite, or keep only the parts you cite`, file),
        );
        loaded.refused.add(id);
        return;
      }
      total += size;
      if (result.text.trim() === '') {
        const cited = options.cited?.has(id) ?? false;
        diagnostics.push(
          diagnostic(cited ? 'error' : 'warning', 'empty-document', cited ? `${file} is empty, so nothing can be quoted from it; paste the document's text into it` : `${file} is empty; paste the document's text into it, or remove it`, file),
        );
      }
      loaded.documents.set(id, { id, file, text: result.text, sha256: createHash('sha256').update(result.bytes).digest('hex'), size });
    });
  }
  return loaded;
}
