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

/** Each document is normalised once per build, so plain ASCII, most of any text, takes a fast path. */
export function normalize(input: string): Normalized {
  let codes = new Uint16Array(input.length + 8);
  let origin = new Int32Array(input.length + 8);
  let length = 0;
  let pendingSpace = -1;
  let loneSurrogate = false;
  const push = (code: number, from: number) => {
    if (length === codes.length) {
      const grown = new Uint16Array(codes.length * 2);
      grown.set(codes);
      codes = grown;
      const grownOrigin = new Int32Array(origin.length * 2);
      grownOrigin.set(origin);
      origin = grownOrigin;
    }
    codes[length] = code;
    origin[length++] = from;
  };
  for (let i = 0; i < input.length; ) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (pendingSpace === -1) pendingSpace = i;
        i++;
        continue;
      }
      if (pendingSpace !== -1) {
        if (length > 0) push(0x20, pendingSpace);
        pendingSpace = -1;
      }
      push(code === 0x60 ? 0x27 : code >= 0x41 && code <= 0x5a ? code + 0x20 : code, i);
      i++;
      continue;
    }
    const codePoint = input.codePointAt(i)!;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) loneSurrogate = true;
    const char = String.fromCodePoint(codePoint);
    if (WHITESPACE.test(char)) {
      if (pendingSpace === -1) pendingSpace = i;
      i += char.length;
      continue;
    }
    if (pendingSpace !== -1) {
      if (length > 0) push(0x20, pendingSpace);
      pendingSpace = -1;
    }
    const mapped = SINGLE_QUOTES.test(char) ? "'" : DOUBLE_QUOTES.test(char) ? '"' : DASHES.test(char) ? '-' : char.toLowerCase();
    for (let k = 0; k < mapped.length; k++) push(mapped.charCodeAt(k), i);
    i += char.length;
  }
  return { text: fromCodes(codes, length, loneSurrogate), origin: origin.subarray(0, length) };
}

const utf16 = new TextDecoder('utf-16le');
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The string of the first `length` UTF-16 code units, lone surrogates kept as they are. */
function fromCodes(codes: Uint16Array, length: number, loneSurrogate: boolean): string {
  // The decoder is fast but would replace a lone surrogate, which decoded files never hold.
  if (!loneSurrogate && LITTLE_ENDIAN) return utf16.decode(codes.subarray(0, length));
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let from = 0; from < length; from += CHUNK) parts.push(String.fromCharCode(...codes.subarray(from, Math.min(length, from + CHUNK))));
  return parts.join('');
}
