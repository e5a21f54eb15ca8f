// Lines are measured a word at a time and PDFKit draws them shaped a word and
// its following space at a time; recordSpacedWord spares the second shaping by
// joining the word's shape to the space's. That is exact only in a font where a
// space neither kerns nor joins with the letters beside it. These tests check
// every DejaVu face the PDF uses against fresh shaping, on the words of the
// default brief's sources and on every pair of the characters briefs use most,
// shaped by fontkit (PDFKit's own) and by HarfBuzz (./shaping.ts), and that
// HarfBuzz gives what fontkit gives for the text it shapes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { openFont } from '../src/render/pdf/font-script.js';
import { fontFiles, type Face, type Family } from '../src/render/pdf/fonts.js';
import { recordSpacedWord, replaceShaping } from '../src/render/pdf/pdfkit-internals.js';
import { shaperFor } from '../src/render/pdf/shaping.js';

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
/** Other scripts and signs the DejaVu faces set, and letters that may form ligatures. */
const otherWords = [
  'Афганистан', 'Талибан', 'признание', 'Ἀθῆναι', 'Ελλάδα', 'Türkiye', 'Đorđe', 'Ångström', 'œuvre', 'ﬁnal', 'ﬂow', 'office',
  'affluent', 'ffl', '№12', '½', '€1,200', '£', '¥', '§4', '¶', '†', '‡', '•', '…', '‰', '′″', '«»', '‹›', '„“', '‚‘', 'ʼ', '×÷',
  '→', '⇒', '∞', '≈', '≠', '≤', '≥', '±', '°C', 'µg', 'Ω', 'ß', 'ẞ', 'ŋ', 'ı', 'İ', 'ǅ', 'Ǆ', 'ǆ', '₪12', '₩', '★', '✓', '①②', '\u00a0', 'a\u00adb',
];

const faceName = (face: Face) => `${face.family}${face.bold ? ' bold' : ''}${face.italic ? ' italic' : ''}`;

const plain = (run: Shaped) => ({
  glyphs: run.glyphs.map((glyph) => glyph.id),
  positions: run.positions.map((position) => ({ ...position })),
  advanceWidth: run.advanceWidth,
});

describe('a word shaped with its space is the word followed by the space', () => {
  const files = fontFiles();
  const cases = (['fontkit', 'HarfBuzz'] as const).flatMap((shaper) => faces.map((face) => [shaper, faceName(face), face] as const));
  it.each(cases)('%s, %s', (shaper, _name, face) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    if (shaper === 'HarfBuzz') replaceShaping(doc, (file, text) => shaperFor(file).shape(text));
    doc.font(files.face(face)).fontSize(10);
    const font = (doc as unknown as { _font: LoadedFont })._font;
    const words = [...sourceWords, ...pairs, ...otherWords];
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

describe('HarfBuzz shapes as fontkit does', () => {
  const files = fontFiles();
  // fontkit keeps one glyph object per glyph id, with the characters it was first shaped from (a ligature
  // "ﬁ" shaped from "fi" stays "fi"): its characters are compared with the word's instead.
  const metrics = (shaped: { glyphs: Array<{ id: number; advanceWidth: number }>; positions: ArrayLike<object> }) => ({
    glyphs: shaped.glyphs.map(({ id, advanceWidth }) => ({ id, advanceWidth })),
    positions: Array.from(shaped.positions, (position) => {
      const { xAdvance, yAdvance, xOffset, yOffset } = position as Record<string, number>;
      return { xAdvance, yAdvance, xOffset, yOffset };
    }),
  });
  const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0));

  it.each(faces.map((face) => [faceName(face), face] as const))('%s: glyphs, positions and characters of every word', (_name, face) => {
    const file = files.face(face);
    const fontkit = openFont(file);
    const harfbuzz = shaperFor(file);
    let compared = 0;
    for (const word of [...sourceWords, ...pairs, ...otherWords, 'two words', 'tab\there']) {
      const shaped = harfbuzz.shape(word);
      if (!shaped) continue;
      expect(metrics(shaped), word).toEqual(metrics(fontkit.layout(word)));
      expect(shaped.glyphs.flatMap((glyph) => glyph.codePoints), word).toEqual(codePoints(word));
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
  });

  it('gives a ligature the characters it stands for', () => {
    const shaped = shaperFor(files.face(faces[0]!)).shape('office')!;
    expect(shaped.glyphs.map((glyph) => String.fromCodePoint(...glyph.codePoints))).toEqual(['o', 'ff', 'i', 'c', 'e']);
  });

  it('leaves text with combining marks or in a right-to-left script to fontkit', () => {
    const shaper = shaperFor(files.face(faces[0]!));
    expect(shaper.shape('cafe\u0301')).toBeUndefined();
    expect(shaper.shape('Кабул')).toBeDefined();
    const sans = shaperFor(files.sans(faces[0]!));
    expect(sans.shape('שָׁלוֹם')).toBeUndefined();
    expect(sans.shape('ירושלים')).toBeUndefined();
    const arabic = shaperFor(files.arabic(faces[0]!));
    expect(arabic.shape('طالبان')).toBeUndefined();
    expect(arabic.shape('۱۴۰۴')).toBeUndefined();
  });
});
