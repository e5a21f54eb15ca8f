// Which characters the PDF can print. PDFKit has no font fallback: a character
// the font of its run lacks prints as an empty box. Arabic-script text is set
// in Vazirmatn; Hebrew, and what DejaVu Serif lacks but DejaVu Sans has, in
// DejaVu Sans; everything else in the run's DejaVu face. Those faces differ a
// little (the bold sans of headings lacks some currency signs the serif has),
// so a character counts as covered when every face that may set it in prose
// has it. Code and file names are set in DejaVu Sans Mono, and what it lacks
// but DejaVu Sans has in DejaVu Sans.
import type { Font } from 'fontkit';
import type { GlyphCoverage, Setting } from '../../check/glyphs.js';
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

/** The face of code, inline or in blocks, and of document file names. */
export const CODE_FACES: readonly Face[] = [{ family: 'mono', bold: false, italic: false }];

let coverage: GlyphCoverage | undefined;

/** The coverage of the PDF's fonts, read from the font files once per process. */
export function pdfCoverage(): GlyphCoverage {
  if (coverage) return coverage;
  const files = fontFiles();
  const fontsOf = (faces: readonly Face[]) =>
    ({
      latin: faces.map((face) => openFont(files.face(face))),
      arabic: [...new Set(faces.map((face) => face.bold))].map((bold) => openFont(files.arabic({ family: 'serif', bold, italic: false }))),
      sans: faces.map((face) => openFont(files.sans(face))),
    }) satisfies Record<string, Font[]>;
  const fonts: Record<Setting, ReturnType<typeof fontsOf>> = { prose: fontsOf(PROSE_FACES), code: fontsOf(CODE_FACES) };
  const known: Record<Setting, Map<string, boolean>> = { prose: new Map(), code: new Map() };
  coverage = {
    has(char, setting = 'prose') {
      let covered = known[setting].get(char);
      if (covered === undefined) {
        const codePoint = char.codePointAt(0) ?? 0;
        covered = fonts[setting][fontScriptOf(char, setting === 'code' ? 'mono' : 'serif')].every((font) => font.hasGlyphForCodePoint(codePoint));
        known[setting].set(char, covered);
      }
      return covered;
    },
  };
  return coverage;
}
