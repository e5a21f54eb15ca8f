// Lines are measured a word at a time and PDFKit draws them shaped a word and
// its following space at a time; recordSpacedWord spares the second shaping by
// joining the word's shape to the space's. That is exact only in a font where a
// space neither kerns nor joins with the letters beside it. These tests check
// every DejaVu face the PDF uses against fresh shaping, on the words of the
// default brief's sources and on every pair of the characters briefs use most.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontFiles, type Face, type Family } from '../src/render/pdf/fonts.js';
import { recordSpacedWord } from '../src/render/pdf/pdfkit-internals.js';

interface Shaped {
  glyphs: Array<{ id: number }>;
  positions: Array<Record<string, number>>;
  advanceWidth: number;
}

/** PDFKit's font object: what it caches and how it shapes afresh. */
interface LoadedFont {
  layoutCache: Record<string, Shaped>;
  layoutRun(text: string): Shaped;
}

const faces: Face[] = (['serif', 'sans', 'mono'] as Family[]).flatMap((family) =>
  [false, true].flatMap((bold) => [false, true].map((italic) => ({ family, bold, italic }))),
);

const sourcesDir = path.join(import.meta.dirname, '..', 'sources', 'documents');
const sourceWords = [
  ...new Set(
    readdirSync(sourcesDir)
      .flatMap((name) => readFileSync(path.join(sourcesDir, name), 'utf8').split(/\s+/))
      .filter((word) => word !== ''),
  ),
];
const characters = [...'AFLPTVWYafvwy.,;:!?)]}’”»-–—/01479"\'*&%€$Łł'];
const pairs = characters.flatMap((a) => characters.map((b) => a + b));

const plain = (run: Shaped) => ({
  glyphs: run.glyphs.map((glyph) => glyph.id),
  positions: run.positions.map((position) => ({ ...position })),
  advanceWidth: run.advanceWidth,
});

describe('a word shaped with its space is the word followed by the space', () => {
  const files = fontFiles();
  it.each(faces.map((face) => [`${face.family}${face.bold ? ' bold' : ''}${face.italic ? ' italic' : ''}`, face] as const))('%s', (_name, face) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(files.face(face)).fontSize(10);
    const font = (doc as unknown as { _font: LoadedFont })._font;
    const words = [...sourceWords, ...pairs];
    let recorded = 0;
    for (const word of words) {
      if (/[ \t]/.test(word)) continue;
      doc.widthOfString(word);
      recordSpacedWord(doc, word);
      const joined = font.layoutCache[`${word} `];
      expect(joined, word).toBeDefined();
      expect(plain(joined!), word).toEqual(plain(font.layoutRun(`${word} `)));
      recorded++;
    }
    expect(recorded).toBeGreaterThan(3000);
  });

  it('leaves a shape PDFKit already has alone', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(files.face(faces[0]!)).fontSize(10);
    const font = (doc as unknown as { _font: LoadedFont })._font;
    doc.widthOfString('Kabul ');
    const own = font.layoutCache['Kabul '];
    doc.widthOfString('Kabul');
    recordSpacedWord(doc, 'Kabul');
    expect(font.layoutCache['Kabul ']).toBe(own);
  });
});
