// The archival PDF (PDF/A-3b): the cited documents, and the brief's lock of
// quotes when given, travel inside the PDF as embedded files, so a reader who
// holds only the PDF can check every quote against its document offline. Their
// dates are the build's date, so rebuilds stay byte-identical.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Brief, SourceDocument } from '../../model/types.js';

/** The PDF/A flavour written for `pdf: archive`. */
export const archiveStandard = 'PDF/A-3b';

interface Attachment {
  data: Uint8Array;
  name: string;
  type: string;
  description: string;
  /** PDF/A-3's `/AFRelationship` of the file to the PDF. */
  relationship: 'Source' | 'Data';
}

function documentAttachment(document: SourceDocument): Attachment {
  const data = Buffer.from(document.text, 'utf8');
  // The model holds the decoded text; it differs from the file only by a byte order mark, which decoding drops.
  const same = createHash('sha256').update(data).digest('hex') === document.sha256;
  return {
    data,
    name: path.posix.basename(document.file),
    type: document.file.endsWith('.md') ? 'text/markdown' : 'text/plain',
    description: `${document.meta.title}. ${document.file}, SHA-256 ${document.sha256}${same ? '' : ' (of the file; attached is its text, without the byte order mark)'}`,
    relationship: 'Source',
  };
}

export function attachments(brief: Brief, lock: string | undefined): Attachment[] {
  const files = brief.documents.map(documentAttachment);
  if (lock !== undefined) {
    files.push({
      data: Buffer.from(lock, 'utf8'),
      name: 'brief.lock.json',
      type: 'application/json',
      description: 'The lock of quotes: where each quote of the brief stands in its document',
      relationship: 'Data',
    });
  }
  return files;
}

/** Embeds the files in the PDF, dated `date`. */
export function attachFiles(doc: PDFKit.PDFDocument, files: readonly Attachment[], date: Date): void {
  for (const file of files) {
    // PDFKit reads `relationship` at run time; its types do not list it.
    const options = {
      name: file.name,
      type: file.type,
      description: file.description,
      creationDate: date,
      modifiedDate: date,
      relationship: file.relationship,
    } as PDFKit.Mixins.PDFAttachmentOptions;
    doc.file(Buffer.from(file.data), options);
  }
}
