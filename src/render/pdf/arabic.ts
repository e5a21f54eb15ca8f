// Which characters are set in the Arabic-script font (./fonts.ts): the text
// layout (./script.ts) and the glyph check (./coverage.ts) both ask.

/** Letters and marks of the Arabic script blocks (Arabic, Supplement, Extended-A/B, presentation forms). */
export const arabicChar = /[\u0600-\u06FF\u0750-\u077F\u0870-\u089F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export const isArabicScript = (char: string): boolean => arabicChar.test(char);
