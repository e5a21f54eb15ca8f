// The one normalisation quotes are matched under: whitespace runs and line
// breaks, straight vs curly quotes and apostrophes, hyphen vs dashes, and
// letter case. Nothing else.

export interface Normalized {
  text: string;
  /** For each character of `text`, the offset of the character of the original it came from. */
  origin: Int32Array;
}

const SINGLE_QUOTES = /['‘’‚‛′`´]/u;
const DOUBLE_QUOTES = /["“”„‟″«»]/u;
const DASHES = /[-‐‑‒–—―−]/u;
const WHITESPACE = /\s/u;

export function normalize(input: string): Normalized {
  const origin = new Int32Array(input.length + 1);
  let text = '';
  let length = 0;
  let pendingSpace = -1;
  for (let i = 0; i < input.length; ) {
    const codePoint = input.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    if (WHITESPACE.test(char)) {
      if (pendingSpace === -1) pendingSpace = i;
      i += char.length;
      continue;
    }
    if (pendingSpace !== -1) {
      if (length > 0) {
        text += ' ';
        origin[length++] = pendingSpace;
      }
      pendingSpace = -1;
    }
    const mapped = SINGLE_QUOTES.test(char) ? "'" : DOUBLE_QUOTES.test(char) ? '"' : DASHES.test(char) ? '-' : char.toLowerCase();
    for (let k = 0; k < mapped.length; k++) origin[length++] = i;
    text += mapped;
    i += char.length;
  }
  return { text, origin: origin.subarray(0, length) };
}
