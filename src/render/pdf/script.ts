// Writing systems within a line. Text is measured and broken into lines in
// logical (typed) order; two things then depend on the script:
// - which font sets it: Arabic-script stretches go to the Arabic font, so a
//   word like "(امیر" is two pieces, each shaped by fontkit in its own font
//   (Hebrew, and what DejaVu Serif lacks but DejaVu Sans has, goes to DejaVu Sans);
// - the order on the page: PDFKit has no bidi, so each line's pieces are put
//   in visual order here with the Unicode Bidirectional Algorithm (bidi-js).
//   fontkit already lays the glyphs of one Arabic or Hebrew piece out right to left; the
//   order of the pieces, and mirrored brackets, are ours to do.
import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import type { Direction } from '../direction.js';
import { COMMON } from '../../check/glyphs.js';
import { fontScriptOf, type FontScript } from './font-script.js';
import type { Family } from './fonts.js';

// bidi-js is a CommonJS module whose types describe an ES default export; required, it is the factory itself.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

/** Zero-width joiners belong to the letters around them: they steer how those join. */
const joiner = /[\u200C\u200D]/;
/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, …, presentation forms). */
const rightToLeft = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export interface Segment {
  text: string;
  script: FontScript;
}

/** Splits text into stretches set in one font (./font-script.ts). Most text needs only its own face and comes back whole. */
export function scriptSegments(value: string, family: Family = 'serif'): Segment[] {
  if (COMMON.test(value)) return [{ text: value, script: 'latin' }];
  const segments: Segment[] = [];
  for (const char of value) {
    const last = segments[segments.length - 1];
    let script = fontScriptOf(char, family);
    if (script === 'latin' && joiner.test(char) && last) script = last.script;
    if (last && last.script === script) last.text += char;
    else segments.push({ text: char, script });
  }
  return segments;
}

export function hasRightToLeft(value: string): boolean {
  return rightToLeft.test(value);
}

/**
 * Puts the pieces of one line in visual order. Each piece is split where its
 * embedding level changes; `split(piece, text)` makes a piece of part of
 * another (re-measured). Pieces for which `leftToRight` holds count as
 * left-to-right letters (note markers: "[1]" after an Arabic name stays after
 * it, as the English sentence around it reads). `direction` is the
 * paragraph's. Returns the pieces left to right, each with `rtl` set when it
 * runs right to left (brackets mirrored).
 */
export function visualOrder<T extends { text: string }>(
  pieces: readonly T[],
  split: (piece: T, text: string) => T,
  leftToRight: (piece: T) => boolean = () => false,
  direction: Direction = 'ltr',
): Array<{ piece: T; rtl: boolean }> {
  const line = pieces.map((piece) => (leftToRight(piece) ? 'a'.repeat(piece.text.length) : piece.text)).join('');
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const runs: Array<{ piece: T; level: number }> = [];
  let offset = 0;
  for (const piece of pieces) {
    let start = 0;
    for (let index = 1; index <= piece.text.length; index++) {
      if (index < piece.text.length && levels[offset + index] === levels[offset + start]) continue;
      const level = levels[offset + start] ?? 0;
      const whole = start === 0 && index === piece.text.length;
      let text = piece.text.slice(start, index);
      if (level % 2 === 1) text = mirror(text);
      runs.push({ piece: whole && text === piece.text ? piece : split(piece, text), level });
      start = index;
    }
    offset += piece.text.length;
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every
  // stretch of pieces at that level or above.
  const highest = Math.max(0, ...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => (run.level % 2 === 1 ? run.level : Infinity)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let index = 0; index < runs.length; index++) {
      if ((runs[index]?.level ?? 0) < level) continue;
      let end = index;
      while (end + 1 < runs.length && (runs[end + 1]?.level ?? 0) >= level) end++;
      runs.splice(index, end - index + 1, ...runs.slice(index, end + 1).reverse());
      index = end;
    }
  }
  return runs.map(({ piece, level }) => ({ piece, rtl: level % 2 === 1 }));
}

/** Brackets and the like turned round, as right-to-left text shows them. */
function mirror(value: string): string {
  let result = '';
  for (const char of value) result += bidi.getMirroredCharacter(char) ?? char;
  return result;
}
