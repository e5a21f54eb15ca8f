// Names in Cyrillic, Arabic script (Dari, Pashto) and Hebrew, and signs DejaVu
// Serif lacks (₪, ₩, ★), in the PDF: set in a font that has them, shaped, in right-to-left order on the page, and
// extracted as the same words by pdfjs-dist and poppler. The brief is the fixture root
// test/fixtures/scripts, built through the whole pipeline.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../src/build.js';
import { scriptSegments } from '../src/render/pdf/script.js';
import { flat, openPdf, runTool, streams, type PdfDocument } from './fixtures/model/pdf-reader.js';

const root = path.join(import.meta.dirname, 'fixtures', 'scripts');
const date = new Date('2025-07-15T00:00:00Z');

const lavrov = 'Сергей Лавров';
const muttaqi = 'امیر خان متقی'; // Dari
const mujahid = 'ذبیح الله مجاهد'; // Pashto
const statement = 'د نجونو ښوونځي به پرانیستل شي'; // Pashto, with ښ and ځ
const quoted = 'د نجونو ښوونځي';
const saar = 'גדעון סער'; // Hebrew, which DejaVu Serif lacks
const signs = 'in shekels (₪) and won (₩), were marked ★ as provisional'; // signs DejaVu Serif lacks and DejaVu Sans has

/** Bidi marks poppler puts around right-to-left runs. */
const marks = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

describe('PDF: Cyrillic, Arabic-script and Hebrew names', () => {
  let bytes: Uint8Array;
  let doc: PdfDocument;
  let text: string;

  beforeAll(async () => {
    const result = await buildBrief(root, { formats: ['pdf'], date });
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors).toEqual([]);
    const pdf = result.outputs.find((output) => output.name === 'brief.pdf');
    bytes = pdf?.data as Uint8Array;
    doc = await openPdf(bytes);
    text = flat(doc.pages);
  });

  it('extracts the names and quotes as written, in sentences that read in order (pdfjs)', () => {
    expect(text).toContain(`Russia's foreign minister ${lavrov} received the Taliban's acting foreign minister ${muttaqi}[1].`);
    expect(text).toContain(`The spokesman ${mujahid} welcomed the decision[1], and the foreign minister ${muttaqi} called it a first step[2].`);
    expect(text).toContain(`The statement read "${statement}"[1], which ${lavrov} did not address[2].`);
    expect(text).toContain(`line 3: “${mujahid}”`);
    expect(text).toContain(`Actors: ${lavrov}, ${muttaqi}`);
    // Table cells and the quotes in Sources.
    expect(text).toContain(`${muttaqi} Dari acting foreign minister[3]`);
    expect(text).toContain(`– “${mujahid}”`);
    expect(text).toContain(`– “${quoted}”`);
    expect(text).toContain(`Israel's foreign minister ${saar} did not comment on the recognition[1].`);
    expect(text).toContain(`Its trade figures, ${signs}[2].`);
  });

  it('needs no glyph it lacks', async () => {
    const result = await buildBrief(root, { formats: [] });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'missing-glyph')).toEqual([]);
  });

  it('extracts the same words with poppler (pdftotext)', () => {
    const extracted = runTool('pdftotext', ['-enc', 'UTF-8'], bytes, ['-']);
    if (extracted === undefined) return;
    const plain = extracted.replace(marks, '').replace(/\s+/g, ' ');
    for (const name of [lavrov, muttaqi, mujahid, statement, saar, signs]) expect(plain).toContain(name);
  });

  it('lays the words of a right-to-left name out from right to left', () => {
    const boxes = runTool('pdftotext', ['-bbox'], bytes, ['-']);
    if (boxes === undefined) return;
    // Words as poppler finds them on the page, glyphs in visual order; a right-to-left word is reversed back.
    const words = boxes.split('<page ').flatMap((page, index) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
        page: index,
        x: Number(m[1]),
        y: Number(m[2]),
        word: m[3]!,
      })),
    );
    const sameLine = (a: { page: number; y: number }, b: { page: number; y: number }) => a.page === b.page && Math.abs(a.y - b.y) < 3;
    const between = (first: string, last: string): string => {
      const before = words.find((word) => word.word === first && words.some((other) => other.word === last && sameLine(word, other)))!;
      const after = words.find((word) => word.word === last && sameLine(word, before))!;
      const line = words.filter((word) => sameLine(word, before) && word.x > before.x && word.x < after.x);
      return [...line].sort((a, b) => b.x - a.x).map((word) => Array.from(word.word).reverse().join('')).join(' ');
    };
    expect(between('spokesman', 'welcomed')).toBe(mujahid);
    expect(between('minister', 'did')).toBe(saar);
  });

  it('sets Arabic script in an embedded Arabic font, shaped: one letter in several joining forms', () => {
    const fonts = runTool('pdffonts', [], bytes);
    if (fonts !== undefined) {
      const lines = fonts.split('\n').slice(2).filter((line) => line.trim());
      expect(lines.some((line) => /^[A-Z]{6}\+Vazirmatn-Regular /.test(line))).toBe(true);
      for (const line of lines) expect(line).toMatch(/ yes +yes +yes /);
    }
    // The Unicode map of the Arabic font (regular; the bold one sets a title) maps several glyphs to ی (U+06CC):
    // its initial, medial and final forms.
    const cmaps = streams(bytes).filter((stream) => stream.includes('begincmap') && stream.includes('<06cc>'));
    expect(cmaps.length).toBeGreaterThan(0);
    expect(cmaps.some((cmap) => cmap.match(/<06cc>/g)!.length >= 3)).toBe(true);
    // The lam-alef-lam-heh ligature of "الله" maps back to its four letters, in visual order for extraction.
    expect(cmaps.some((cmap) => cmap.includes('<0647 0644 0644 0627>'))).toBe(true);
  });

  it('sets Hebrew in DejaVu Sans, which has it', () => {
    // The Unicode map of DejaVu Sans holds the letters of the name: ג (U+05D2), ד, ע, ו, נ, ס, ר.
    const cmaps = streams(bytes).filter((stream) => stream.includes('begincmap') && stream.includes('<05d2>'));
    expect(cmaps).toHaveLength(1);
    for (const letter of ['05d3', '05e2', '05d5', '05df', '05e1', '05e8']) expect(cmaps[0]).toContain(`<${letter}>`);
    expect(cmaps[0]).not.toContain('<0627>');
  });

  it('sets the signs DejaVu Serif lacks in DejaVu Sans, beside the serif text', () => {
    const fonts = runTool('pdffonts', [], bytes);
    if (fonts !== undefined) {
      expect(fonts).toMatch(/DejaVuSerif\b/);
      expect(fonts).toMatch(/DejaVuSans\b/);
    }
    // One Unicode map has the three signs: DejaVu Sans's, the one with the Hebrew letters.
    const cmaps = streams(bytes).filter((stream) => stream.includes('begincmap') && stream.includes('<20aa>'));
    expect(cmaps).toHaveLength(1);
    for (const sign of ['20a9', '2605', '05d2']) expect(cmaps[0]).toContain(`<${sign}>`);
  });

  it('sets a paragraph and a title in a right-to-left script from the right: aligned right, the last word and full stop on the left', () => {
    const page = doc.pages.find((candidate) => candidate.text.includes('made the statement'))!;
    // The letter page's text frame ends 72 points from the right edge; a quote is indented 12 points from the side it starts at.
    const frameRight = page.width - 72;
    const lineOf = (word: string) => {
      const first = page.items.find((item) => item.str.includes(word))!;
      // Note markers stand a little above the baseline.
      return page.items.filter((item) => item.str.trim() !== '' && Math.abs(item.y - first.y) < 5).sort((a, b) => a.x - b.x);
    };
    // The event's title, in Pashto, aligns right too.
    const title = lineOf('بشپړه');
    expect(Math.max(...title.map((item) => item.x + item.width))).toBeCloseTo(frameRight, 0);
    const first = lineOf('ذبیح');
    const right = Math.max(...first.map((item) => item.x + item.width));
    expect(right).toBeGreaterThan(frameRight - 12 - 1);
    expect(right).toBeLessThan(frameRight - 12 + 1);
    // The paragraph's first words stand at the right end of its first line.
    expect(first.at(-1)!.str).toContain('د');
    const last = lineOf('تعقیب');
    expect(last[0]!.x).toBeGreaterThan(page.width / 3);
    // The sentence ends on the left: its last word, the note marker left of it, the full stop left of that.
    expect(last.map((item) => item.str).join('')).toMatch(/^\.\[1\]ټولو هیوادونو ته .* کړي$/);
    // The English sentence after it, though it opens with a Pashto name, starts at the left margin.
    const english = lineOf('made the statement');
    expect(english[0]!.x).toBeLessThan(72 + 1);
  });

  it('sets a list in a right-to-left script with its markers on the right, indented from the right', () => {
    const page = doc.pages.find((candidate) => candidate.text.includes('سپارل'))!;
    const frameRight = page.width - 72;
    // A number's full stop follows it in the right-to-left line, so it stands on its left (".1"), as browsers show it.
    for (const [marker, word] of [['.1', 'سپارل'], ['.2', 'بیرغ']] as const) {
      const item = page.items.find((candidate) => candidate.str.includes(word))!;
      const label = page.items.find((candidate) => candidate.str.trim() === marker && Math.abs(candidate.y - item.y) < 2);
      expect(label, `marker ${marker}`).toBeDefined();
      // The marker stands right of the item's text, both inside the frame; the text ends where the indent begins.
      const textRight = Math.max(...page.items.filter((candidate) => Math.abs(candidate.y - item.y) < 2 && candidate !== label && candidate.str.trim() !== '').map((candidate) => candidate.x + candidate.width));
      expect(label!.x).toBeGreaterThan(textRight);
      expect(label!.x + label!.width).toBeLessThan(frameRight + 0.5);
      expect(textRight).toBeLessThan(frameRight - 10);
    }
  });

  it('sets Arabic-script digits left to right inside right-to-left text', () => {
    const extracted = runTool('pdftotext', ['-enc', 'UTF-8'], bytes, ['-']);
    if (extracted === undefined) return;
    expect(extracted).toContain('۲۰۲۵');
    expect(extracted).not.toContain('۵۲۰۲');
  });

  it('prints Cyrillic in DejaVu, as the Latin text around it', () => {
    const line = doc.pages.flatMap((page) => page.items).find((item) => item.str.includes(lavrov));
    expect(line?.str).toMatch(/Russia's foreign minister Сергей Лавров received/);
  });
});

describe('the font of each stretch of a run', () => {
  it('sets in DejaVu Sans only what the run’s own family lacks', () => {
    expect(scriptSegments('₪5 ★', 'serif')).toEqual([
      { text: '₪', script: 'sans' },
      { text: '5 ', script: 'latin' },
      { text: '★', script: 'sans' },
    ]);
    // DejaVu Sans Mono has ₪ and ∅: code keeps its fixed-width face.
    expect(scriptSegments('₪5 ∅', 'mono')).toEqual([{ text: '₪5 ∅', script: 'latin' }]);
    expect(scriptSegments('₪5 ★', 'sans')).toEqual([{ text: '₪5 ★', script: 'latin' }]);
    expect(scriptSegments('Kabul, Кабул', 'serif')).toEqual([{ text: 'Kabul, Кабул', script: 'latin' }]);
  });
});
