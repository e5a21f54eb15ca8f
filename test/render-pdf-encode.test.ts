// drawFragment writes the text operators PDFKit's own `_fragment` would write,
// from each shaped word encoded once instead of on every draw, and given the
// shapes the layout measured it leaves out even the lookup of each word; text
// with a glyph moved off its place (combining marks) still goes through PDFKit.
// These tests draw the same lines both ways, into two documents made alike, and
// compare the files byte for byte: glyph ids, kerning, the text operators, the
// font subsets, their widths and Unicode maps.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontFiles, type Face } from '../src/render/pdf/fonts.js';
import { drawFragment, recordSpacedWord, releaseWrittenObjects, shapedWord, writeObjectsQuickly } from '../src/render/pdf/pdfkit-internals.js';

const sourcesDir = path.join(import.meta.dirname, '..', 'sources', 'documents');
const sourceLines = readdirSync(sourcesDir)
  .flatMap((name) => readFileSync(path.join(sourcesDir, name), 'utf8').split('\n'))
  .map((line) => line.trim().slice(0, 160))
  .filter((line) => line !== '');
/** Words repeat across lines, and lines end in spaces or tabs, as drawn lines do. */
const lines = [...sourceLines, 'Kabul Kabul  Kabul\tKabul ', ' leading space', 'trailing tab\t', 'a', ' ', 'Cafe\u0301 re\u0301sume\u0301 AVA To'];
const arabicLines = ['طالبان در کابل', 'امارت اسلامی افغانستان', 'الله', 'بِسْمِ اللَّهِ'];

type Draw = (doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, horizontalScaling?: number) => void;

/** PDFKit's own drawing, as drawFragment calls it, without the encoding it adds. */
const drawOwn: Draw = (doc, text, x, y, width, horizontalScaling) => {
  const options = { baseline: 'alphabetic', textWidth: width, ...(horizontalScaling ? { horizontalScaling } : {}) };
  (doc as unknown as { _fragment(text: string, x: number, y: number, options: object): void })._fragment(text, x, y, options);
};

/** drawFragment from the text alone, as for text of another script. */
const drawText: Draw = (doc, text, x, y, width, horizontalScaling) => drawFragment(doc, text, x, y, width, { horizontalScaling });

/**
 * drawFragment given the shape of each word and space, measured as the layout
 * measures them (./src/render/pdf/text.ts), when the text has no tab.
 */
const drawShaped: Draw = (doc, text, x, y, width, horizontalScaling) => {
  const tokens = text.split(/( )/).filter((token) => token !== '');
  if (tokens.some((token) => token.includes('\t'))) return drawText(doc, text, x, y, width, horizontalScaling);
  const shapes = tokens.map((token) => {
    doc.widthOfString(token);
    if (token !== ' ') recordSpacedWord(doc, token);
    const shape = shapedWord(doc, token);
    if (!shape) throw new Error(`no shape kept for "${token}"`);
    return shape;
  });
  drawFragment(doc, text, x, y, width, { horizontalScaling, shapes });
};

async function render(draw: Draw, fonts: Array<{ file: string; lines: string[] }>): Promise<Buffer> {
  const date = new Date('2025-07-04T00:00:00Z');
  const doc = new PDFDocument({ info: { CreationDate: date, ModDate: date }, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (const { file, lines } of fonts) {
    doc.font(file).fontSize(9);
    let y = 40;
    for (const line of lines) {
      if (y > 780) {
        doc.addPage();
        y = 40;
      }
      draw(doc, line, 40, y, doc.widthOfString(line));
      y += 12;
    }
    // The space a line was broken at, squeezed.
    draw(doc, ' ', 40, y, 0.03, 1);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('drawFragment encodes as PDFKit does', () => {
  const files = fontFiles();
  const faces: Face[] = [
    { family: 'serif', bold: false, italic: false },
    { family: 'sans', bold: true, italic: false },
    { family: 'mono', bold: false, italic: true },
  ];
  const fonts = [
    ...faces.map((face) => ({ file: files.face(face), lines })),
    { file: files.arabic(faces[0]!), lines: arabicLines },
    { file: files.sans(faces[0]!), lines: ['שלום עולם', 'Kabul שלום'] },
  ];

  it('gives the same file as PDFKit drawing the same lines', async () => {
    const ours = await render(drawText, fonts);
    const own = await render(drawOwn, fonts);
    expect(sourceLines.length).toBeGreaterThan(100);
    expect(ours.length).toBeGreaterThan(100_000);
    expect(ours.equals(own)).toBe(true);
  });

  it('gives the same file drawing Latin lines from the shapes the layout measured', async () => {
    const latin = fonts.slice(0, faces.length);
    const ours = await render(drawShaped, latin);
    const own = await render(drawOwn, latin);
    // Kerning cuts the glyphs of a TJ; combining marks set their own text matrix.
    expect(own.toString('latin1')).toMatch(/> -?\d+(\.\d+)? </);
    expect(ours.equals(own)).toBe(true);
  });
});

/**
 * A tagged document of what a brief holds, on several pages: nested structure
 * elements, links with their Link elements, named destinations, an outline, an
 * image drawn twice, an attached file; strings beyond ASCII and with
 * characters to escape, numbers with fractions. `release` lets written objects
 * go; `quick` writes them with writeObjectsQuickly.
 */
async function renderTagged({ release = false, quick = false } = {}): Promise<Buffer> {
  const date = new Date('2025-07-04T00:00:00Z');
  const doc = new PDFDocument({ info: { CreationDate: date, ModDate: date }, compress: false, tagged: true, bufferPages: true, lang: 'en', pdfVersion: '1.7' });
  if (release) releaseWrittenObjects(doc);
  if (quick) writeObjectsQuickly(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  const image = readFileSync(path.join(import.meta.dirname, 'fixtures', 'images', 'sources', 'border-map.png'));
  const root = doc.struct('Document');
  doc.addStructure(root);
  for (let page = 0; page < 3; page++) {
    if (page > 0) doc.addPage();
    doc.addNamedDestination(`page:${page}`);
    doc.outline.addItem(`Page ${page + 1}`).addItem('Part');
    const section = doc.struct('Sect');
    root.add(section);
    for (let item = 0; item < 4; item++) {
      const paragraph = doc.struct('P');
      section.add(paragraph);
      paragraph.add(doc.struct('Span', {}, () => doc.text(`Paragraph ${page}.${item}`, 40, 60 + item * 60)));
      const link = doc.struct('Link');
      paragraph.add(link);
      link.add(doc.markStructureContent('Link'));
      doc.text('a link', 40, 80 + item * 60);
      doc.endMarkedContent();
      const contents = ['to page (1)', 'Записка “q” — 2025', 'back\\slash\ttab\nline', 'Kabul 😀'][item]!;
      const options = { structParent: link, Contents: new String(`${contents} ${item % 3}`) } as unknown as PDFKit.Mixins.AnnotationOption;
      const y = 80.123456789 + item * 60.5 - page / 3;
      if (item % 2 === 0) doc.goTo(40.5, y, 40.25, 12, `page:${item % 3}`, options);
      else doc.link(-0.000001, y, 1e-7, 12, `https://example.org/${page}/${item}?q=(a)`, options);
      link.end();
      paragraph.end();
    }
    const figure = doc.struct('Figure', { alt: 'A map' }, () => doc.image(image, 300, 60, { width: 100 }));
    section.add(figure);
    figure.end();
    section.end();
  }
  doc.file(Buffer.from('the cited text'), { name: 'cited.txt', type: 'text/plain', creationDate: date, modifiedDate: date });
  root.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('releaseWrittenObjects and writeObjectsQuickly', () => {
  it('give the same file as PDFKit keeping and writing every object itself', async () => {
    const own = await renderTagged();
    for (const part of ['/S /Link', '/Type /OBJR', '/S /GoTo', '/S /URI', '/Subtype /Image', '/Dests', '/Outlines', '/EmbeddedFiles', '/ParentTree', '(\u00fe\u00ff', '\\\\slash\\t']) {
      expect(own.toString('latin1')).toContain(part);
    }
    expect((await renderTagged({ release: true })).equals(own)).toBe(true);
    expect((await renderTagged({ quick: true })).equals(own)).toBe(true);
    expect((await renderTagged({ release: true, quick: true })).equals(own)).toBe(true);
  });
});
