// Which font sets a character: DejaVu has no Arabic script, so that goes to
// Vazirmatn; and its serif and mono lack Hebrew and some characters its sans
// has (in the serif: currency signs such as ₪ and ₩, ★, ①, ✓, Cyrillic
// additions, some emoji), so those go to DejaVu Sans (./fonts.ts). The text
// layout (./script.ts) and the glyph check (./coverage.ts) both ask.
import { openSync, type Font } from 'fontkit';
import { fontFiles, type Family } from './fonts.js';

/** `latin`: the run's own DejaVu face (Latin, Greek, Cyrillic and the rest); `arabic`: Vazirmatn; `sans`: DejaVu Sans of the run's weight and slant. */
export type FontScript = 'latin' | 'arabic' | 'sans';

/** Letters and marks of the Arabic script blocks (Arabic, Supplement, Extended-A/B, presentation forms). */
export const arabicChar = /[\u0600-\u06FF\u0750-\u077F\u0870-\u089F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Letters and points of the Hebrew block and its presentation forms. */
export const hebrewChar = /[\u0590-\u05FF\uFB1D-\uFB4F]/;
/** Marks stay in the font of the letter they sit on: set apart, they would not sit on it. */
const mark = /\p{M}/u;

/** The font that sets `char` in a run of `family` (the glyph check asks about prose: serif). */
export function fontScriptOf(char: string, family: Family = 'serif'): FontScript {
  if (arabicChar.test(char)) return 'arabic';
  if (hebrewChar.test(char)) return 'sans';
  return family !== 'sans' && onlySansHas(char, family) ? 'sans' : 'latin';
}

const opened = new Map<string, Font>();

/** A font file read by fontkit, once per process: the layout and the glyph check (./coverage.ts) share it. */
export function openFont(file: string): Font {
  let font = opened.get(file);
  if (!font) opened.set(file, (font = openSync(file)));
  return font;
}

const facesOf = (family: Family): Font[] => [false, true].flatMap((bold) => [false, true].map((italic) => openFont(fontFiles().face({ family, bold, italic }))));
const lacking = new Map<string, boolean>();

/**
 * Whether some face of the family lacks a character that every face of DejaVu
 * Sans has. Latin-1 and Latin Extended-A, which all have, never open the fonts.
 */
function onlySansHas(char: string, family: Family): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x180 || mark.test(char)) return false;
  const key = `${family}${char}`;
  let lacks = lacking.get(key);
  if (lacks === undefined) {
    lacks = facesOf(family).some((font) => !font.hasGlyphForCodePoint(codePoint)) && facesOf('sans').every((font) => font.hasGlyphForCodePoint(codePoint));
    lacking.set(key, lacks);
  }
  return lacks;
}
