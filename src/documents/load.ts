// Load the cited documents of a brief root: `sources/documents/<id>.txt|.md`.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeUtf8 } from './decode.js';

export interface LoadedDocument {
  id: string;
  /** Path relative to the brief root. */
  file: string;
  /** Decoded text (UTF-8, BOM removed); anchors are offsets into it. */
  text: string;
  sha256: string;
  size: number;
}

export const DOCUMENTS_DIR = 'sources/documents';
const DOCUMENT_EXTENSIONS = new Set(['.txt', '.md']);

export async function loadDocuments(
  root: string,
): Promise<{ documents: Map<string, LoadedDocument>; diagnostics: Diagnostic[] }> {
  const documents = new Map<string, LoadedDocument>();
  const diagnostics: Diagnostic[] = [];
  const dir = path.join(root, DOCUMENTS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return { documents, diagnostics };
  }
  const realRoot = await realpath(root);
  for (const name of names) {
    const ext = path.extname(name);
    if (!DOCUMENT_EXTENSIONS.has(ext) || name.startsWith('.')) continue;
    const id = name.slice(0, -ext.length);
    const file = `${DOCUMENTS_DIR}/${name}`;
    const full = path.join(dir, name);
    const real = await realpath(full).catch(() => full);
    if (!isInside(realRoot, real)) {
      diagnostics.push(
        diagnostic('error', 'outside-root', `${file} leads outside the brief root; copy the document into ${DOCUMENTS_DIR}/ instead of linking to it`, file),
      );
      continue;
    }
    const existing = documents.get(id);
    if (existing) {
      diagnostics.push(
        diagnostic('error', 'duplicate-id', `document id "${id}" is used by both ${existing.file} and ${file}; rename one of them`, file),
      );
      continue;
    }
    const bytes = await readFile(full);
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      diagnostics.push(
        diagnostic('error', 'bad-encoding', `${file} is not UTF-8: byte 0x${decoded.byte.toString(16).padStart(2, '0')} at offset ${decoded.offset} cannot be decoded; convert the file, e.g. \`iconv -f windows-1252 -t utf-8\``, file, decoded.at),
      );
      continue;
    }
    documents.set(id, {
      id,
      file,
      text: decoded.text,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
  }
  return { documents, diagnostics };
}

export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
