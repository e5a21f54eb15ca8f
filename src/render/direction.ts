// Which way a paragraph reads. The brief's language gives the page its
// direction; a paragraph mostly in a script of the other direction reads the
// other way (a Pashto statement quoted in an English brief is set right to
// left and aligned right). Letters are counted rather than the first one
// taken (Unicode's rule P2): an English sentence that opens with an Arabic
// name is still English.

export type Direction = 'ltr' | 'rtl';

/** Letters of the scripts written right to left. */
const rightToLeftLetter = /(?=\p{L})[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/gu;
const letter = /\p{L}/gu;
const rightToLeftTest = new RegExp(rightToLeftLetter.source, 'u');
const anyLetter = /\p{L}/u;

/** `rtl` when the language is written right to left (CLDR, through Intl); `ltr` for others and tags Intl cannot read. */
export function languageDirection(lang: string): Direction {
  try {
    const locale = new Intl.Locale(lang) as Intl.Locale & { textInfo?: { direction?: string } };
    return locale.textInfo?.direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** The direction of text with more letters of one direction than of the other; `around` for text with as many, or none. */
export function textDirection(text: string, around: Direction): Direction {
  // Most text has no right-to-left letter at all: decided without counting.
  if (!rightToLeftTest.test(text)) return anyLetter.test(text) ? 'ltr' : around;
  const letters = text.match(letter)?.length ?? 0;
  if (letters === 0) return around;
  const rightToLeft = text.match(rightToLeftLetter)?.length ?? 0;
  const leftToRight = letters - rightToLeft;
  return rightToLeft > leftToRight ? 'rtl' : leftToRight > rightToLeft ? 'ltr' : around;
}

/** The direction of `text` when it is not the page's (`around`), for an element that needs its own `dir`; else null. */
export function otherDirection(text: string, around: Direction): Direction | null {
  const direction = textDirection(text, around);
  return direction === around ? null : direction;
}
