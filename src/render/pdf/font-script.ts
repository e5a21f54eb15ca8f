// Which font sets a character: DejaVu has no Arabic script and its serif no
// Hebrew, so those go to the fonts that have them (./fonts.ts). The text
// layout (./script.ts) and the glyph check (./coverage.ts) both ask.

/** `latin`: the run's own DejaVu face (Latin, Greek, Cyrillic and the rest); `arabic`: Vazirmatn; `hebrew`: DejaVu Sans. */
export type FontScript = 'latin' | 'arabic' | 'hebrew';

/** Letters and marks of the Arabic script blocks (Arabic, Supplement, Extended-A/B, presentation forms). */
export const arabicChar = /[\u0600-\u06FF\u0750-\u077F\u0870-\u089F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Letters and points of the Hebrew block and its presentation forms. */
export const hebrewChar = /[\u0590-\u05FF\uFB1D-\uFB4F]/;

export function fontScriptOf(char: string): FontScript {
  return arabicChar.test(char) ? 'arabic' : hebrewChar.test(char) ? 'hebrew' : 'latin';
}
