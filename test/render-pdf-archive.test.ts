// The archival PDF (PDF/A-3b) and identical rebuilds: the cited documents and
// the lock of quotes travel inside the PDF, every font is embedded, and two
// renders with one date are the same bytes, with and without archiving.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../src/model/types.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { openPdf, runTool, type PdfDocument } from './fixtures/model/pdf-reader.js';
import { sample } from './fixtures/model/sample.js';

const date = new Date('2025-07-15T09:00:00Z');
const lock = JSON.stringify({ version: 1, quotes: { c1: { document: 'mishra-2025', exact: 'Russia became the first country' } } }, null, 2);
const latin1 = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);
const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('PDF/A archive', () => {
  let bytes: Uint8Array;
  let doc: PdfDocument;

  beforeAll(async () => {
    bytes = await renderPdf(sample, { date, standard: 'PDF/A-3b', lock });
    doc = await openPdf(bytes);
  });

  it('declares PDF/A-3b in its XMP metadata, with an sRGB output intent', () => {
    const file = utf8(bytes);
    expect(file).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(file).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(file).toMatch(/\/S \/GTS_PDFA1/);
    expect(file).toContain('<xmp:CreateDate>2025-07-15T09:00:00Z</xmp:CreateDate>');
  });

  it('attaches every cited document and the lock, with their type, relationship and the build date', () => {
    const names = Object.keys(doc.attachments).sort();
    expect(names).toEqual(['brief.lock.json', 'mishra-2025.txt', 'tass-2025.txt', 'un-2024.txt']);
    for (const document of sample.documents) {
      const attachment = doc.attachments[`${document.id}.txt`]!;
      expect(utf8(attachment.content)).toBe(document.text);
      expect(attachment.description).toContain(document.meta.title);
      expect(attachment.description).toContain(document.sha256);
    }
    expect(utf8(doc.attachments['brief.lock.json']!.content)).toBe(lock);
    const file = latin1(bytes);
    expect(file.match(/\/AFRelationship \/Source/g)).toHaveLength(3);
    expect(file.match(/\/AFRelationship \/Data/g)).toHaveLength(1);
    expect(file.match(/\/Subtype \/text#2Fplain/g)).toHaveLength(3);
    expect(file).toContain('/Subtype /application#2Fjson');
    expect(file).toMatch(/\/AF \[\d+ 0 R \d+ 0 R \d+ 0 R \d+ 0 R\]/);
    expect(file.match(/\/ModDate \(D:20250715090000Z\)/g)).toHaveLength(4);
  });

  it('says in the description when the attached text differs from the file (a byte order mark)', async () => {
    const withBom: Brief = {
      ...sample,
      documents: sample.documents.map((document, index) =>
        index === 0 ? document : { ...document, sha256: createHash('sha256').update(Buffer.from(document.text, 'utf8')).digest('hex') },
      ),
    };
    const { attachments } = await openPdf(await renderPdf(withBom, { date, standard: 'PDF/A-3b' }));
    expect(attachments['mishra-2025.txt']?.description).toContain('without the byte order mark');
    expect(attachments['un-2024.txt']?.description).not.toContain('byte order mark');
    expect(attachments['brief.lock.json']).toBeUndefined();
  });

  it('is written for `pdf: archive` in the front matter as for the option', async () => {
    const fromFrontMatter = await renderPdf({ ...sample, meta: { ...sample.meta, pdf: 'archive' } }, { date, lock });
    // The same file, identifier included: the identifier is a digest of the file.
    expect(Buffer.from(fromFrontMatter).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is a plain, tagged PDF without attachments when not archiving', async () => {
    const plain = await renderPdf(sample, { date, lock });
    expect(utf8(plain)).not.toContain('pdfaid');
    expect(Object.keys((await openPdf(plain)).attachments)).toEqual([]);
  });

  it('embeds every font (pdffonts), is tagged (pdfinfo) and passes qpdf --check', () => {
    const fonts = runTool('pdffonts', [], bytes);
    if (fonts !== undefined) {
      const lines = fonts.split('\n').slice(2).filter((line) => line.trim());
      expect(lines.length).toBeGreaterThanOrEqual(4);
      for (const line of lines) expect(line).toMatch(/^[A-Z]{6}\+\S+ +CID TrueType +Identity-H +yes +yes +yes /);
    }
    const info = runTool('pdfinfo', [], bytes);
    if (info !== undefined) {
      expect(info).toMatch(/^Tagged: +yes$/m);
      expect(info).toMatch(/^Keywords: +diplomacy, human-rights, recognition, security, terrorism$/m);
    }
    const check = runTool('qpdf', ['--check'], bytes);
    if (check !== undefined) expect(check).toContain('No syntax or stream encoding errors found');
  });
});

describe('identical rebuilds', () => {
  it('gives byte-identical PDFs for one date, with and without archiving', async () => {
    for (const options of [{ date }, { date, standard: 'PDF/A-3b' as const, lock }]) {
      const [first, second] = await Promise.all([renderPdf(sample, options), renderPdf(sample, options)]);
      expect(Buffer.from(first).equals(Buffer.from(second)), JSON.stringify(Object.keys(options))).toBe(true);
    }
  });

  it('changes only with the inputs: another date gives other dates and another file identifier', async () => {
    const one = latin1(await renderPdf(sample, { date }));
    const other = latin1(await renderPdf(sample, { date: new Date('2026-01-01T00:00:00Z') }));
    const id = (file: string) => /\/ID \[(<[0-9a-f]{32}>) \1\]/.exec(file)?.[1];
    expect(id(one)).toBeDefined();
    expect(id(other)).not.toBe(id(one));
    expect(other).toContain('(D:20260101000000Z)');
    // Nothing else in the file depends on the clock or on chance.
    const normalise = (file: string) => file.replace(/D:\d{14}Z|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|<[0-9a-f]{32}>/g, '');
    expect(normalise(other)).toBe(normalise(one));
  });
});
