// Which characters the PDF can print. PDFKit has no font fallback: a character
// the font of its run lacks prints as an empty box. Arabic-script text is set
// in Vazirmatn; Hebrew, and what DejaVu Serif lacks but DejaVu Sans has, in
// DejaVu Sans; everything else in the run's DejaVu face. Those faces differ a
// little (the bold sans of headings lacks some currency signs the serif has),
// so a character counts as covered when every face that may set it in prose
// has it. Code, set in DejaVu Sans Mono, is not
// considered.
import type { Font } from 'fontkit';
import type { GlyphCoverage } from '../../check/glyphs.js';
import { fontScriptOf, openFont } from './font-script.js';
import { fontFiles, type Face } from './fonts.js';

/** The faces prose is set in: body, emphasis and notes in serif, headings and page furniture in sans. */
export const PROSE_FACES: readonly Face[] = [
  { family: 'serif', bold: false, italic: false },
  { family: 'serif', bold: true, italic: false },
  { family: 'serif', bold: false, italic: true },
  { family: 'serif', bold: true, italic: true },
  { family: 'sans', bold: false, italic: false },
  { family: 'sans', bold: true, italic: false },
];

let coverage: GlyphCoverage | undefined;

/** The coverage of the PDF's fonts, read from the font files once per process. */
export function pdfCoverage(): GlyphCoverage {
  if (coverage) return coverage;
  const files = fontFiles();
  const fonts = {
    latin: PROSE_FACES.map((face) => openFont(files.face(face))),
    arabic: [false, true].map((bold) => openFont(files.arabic({ family: 'serif', bold, italic: false }))),
    sans: PROSE_FACES.map((face) => openFont(files.sans(face))),
  } satisfies Record<string, Font[]>;
  const known = new Map<string, boolean>();
  coverage = {
    has(char) {
      let covered = known.get(char);
      if (covered === undefined) {
        const codePoint = char.codePointAt(0) ?? 0;
        covered = fonts[fontScriptOf(char)].every((font) => font.hasGlyphForCodePoint(codePoint));
        known.set(char, covered);
      }
      return covered;
    },
  };
  return coverage;
}
