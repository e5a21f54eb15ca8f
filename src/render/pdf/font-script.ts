// Which font sets a character: DejaVu has no Arabic script, so that goes to
// Vazirmatn; and its serif lacks Hebrew and some characters its sans has
// (currency signs such as ₪ and ₩, ★, ①, ✓, Cyrillic additions, some emoji),
// so those go to DejaVu Sans (./fonts.ts). The text layout (./script.ts) and
// the glyph check (./coverage.ts) both ask.
import { openSync, type Font } from 'fontkit';
import { fontFiles, type Face } from './fonts.js';

/** `latin`: the run's own DejaVu face (Latin, Greek, Cyrillic and the rest); `arabic`: Vazirmatn; `sans`: DejaVu Sans of the run's weight and slant. */
export type FontScript = 'latin' | 'arabic' | 'sans';

/** Letters and marks of the Arabic script blocks (Arabic, Supplement, Extended-A/B, presentation forms). */
export const arabicChar = /[\u0600-\u06FF\u0750-\u077F\u0870-\u089F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Letters and points of the Hebrew block and its presentation forms. */
export const hebrewChar = /[\u0590-\u05FF\uFB1D-\uFB4F]/;
/** Marks stay in the font of the letter they sit on: set apart, they would not sit on it. */
const mark = /\p{M}/u;

export function fontScriptOf(char: string): FontScript {
  if (arabicChar.test(char)) return 'arabic';
  if (hebrewChar.test(char)) return 'sans';
  return serifLacks(char) ? 'sans' : 'latin';
}

const serifFaces: Face[] = [false, true].flatMap((bold) => [false, true].map((italic) => ({ family: 'serif' as const, bold, italic })));
let fonts: { serif: Font[]; sans: Font[] } | undefined;
const lacking = new Map<string, boolean>();

/**
 * Whether some face of DejaVu Serif lacks a character that every face of DejaVu
 * Sans has. Latin-1 and Latin Extended-A, which both have, never open the fonts.
 */
function serifLacks(char: string): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x180 || mark.test(char)) return false;
  let lacks = lacking.get(char);
  if (lacks === undefined) {
    const files = fontFiles();
    fonts ??= { serif: serifFaces.map((face) => openSync(files.face(face))), sans: serifFaces.map((face) => openSync(files.sans(face))) };
    lacks = fonts.serif.some((font) => !font.hasGlyphForCodePoint(codePoint)) && fonts.sans.every((font) => font.hasGlyphForCodePoint(codePoint));
    lacking.set(char, lacks);
  }
  return lacks;
}
