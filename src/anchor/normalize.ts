// The one normalisation quotes are matched under: whitespace runs and line
// breaks, straight vs curly quotes and apostrophes, hyphen vs dashes, an
// ellipsis character vs three dots, letter case, composed vs decomposed accents (Unicode canonical equivalence), the
// typographic ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, and invisible formatting characters.
// Nothing else.

export interface Normalized {
  text: string;
  /** For each character of `text`, the offset of the character of the original it came from. */
  origin: Int32Array;
}

const SINGLE_QUOTES = /^['‘’‚‛′`´ʼ]$/u;
const DOUBLE_QUOTES = /^["“”„‟″«»]$/u;
const DASHES = /^[-‐‑‒–—―−]$/u;
const WHITESPACE = /\s/u;
/**
 * Characters that format text and show nothing, as captured web pages and
 * right-to-left text hold them: soft hyphen, zero-width space, word joiner,
 * zero-width no-break space, and the bidirectional marks and controls.
 * Zero-width joiner and non-joiner are kept: they change how a word is spelt.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const ALL_INVISIBLE = new RegExp(INVISIBLE.source, 'gu');
const MARK = /\p{M}/u;
/** Typographic ligatures, as text extracted from PDFs holds them. */
const LIGATURES: Readonly<Record<string, string>> = { '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st' };

/** The text as it reads: invisible formatting characters taken out, ligatures spelt out, accents composed. */
export function visible(text: string): string {
  return text.replace(ALL_INVISIBLE, '').replace(/[\ufb00-\ufb06]/gu, (ligature) => LIGATURES[ligature] ?? ligature).normalize('NFC');
}

const enum Kind {
  Unknown,
  Invisible,
  Space,
  Mark,
  Other,
}
/** The kind of each character of the Basic Multilingual Plane met so far; others are looked up each time (rare). */
const kinds = new Uint8Array(0x10000);

function kindOf(code: number): Kind {
  const known = code < 0x10000 ? kinds[code]! : Kind.Unknown;
  if (known !== Kind.Unknown) return known;
  const char = String.fromCodePoint(code);
  const kind = INVISIBLE.test(char) ? Kind.Invisible : WHITESPACE.test(char) ? Kind.Space : MARK.test(char) ? Kind.Mark : Kind.Other;
  if (code < 0x10000) kinds[code] = kind;
  return kind;
}

/** Whether the code point at `offset` of `text` is a combining mark (accents, vowel signs). */
export function isMarkAt(text: string, offset: number): boolean {
  const code = text.codePointAt(offset);
  return code !== undefined && code >= 0x300 && kindOf(code) === Kind.Mark;
}

/** A character with its combining marks, composed, as it is compared. */
function fold(cluster: string): string {
  return SINGLE_QUOTES.test(cluster) ? "'" : DOUBLE_QUOTES.test(cluster) ? '"' : DASHES.test(cluster) ? '-' : (LIGATURES[cluster] ?? cluster.toLowerCase());
}

/** The folded form of each character without marks met so far. */
const folded = new Map<number, string>();

function foldChar(code: number): string {
  let form = folded.get(code);
  if (form === undefined) {
    form = fold(String.fromCodePoint(code).normalize('NFC'));
    folded.set(code, form);
  }
  return form;
}

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
    if (code < 0x80 && !(input.charCodeAt(i + 1) >= 0x300 && isMarkAt(input, i + 1))) {
      if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
        if (pendingSpace === -1) pendingSpace = i;
        i++;
        continue;
      }
      if (pendingSpace !== -1) {
        if (length > 0) push(0x20, pendingSpace);
        pendingSpace = -1;
      }
      // Three dots are an ellipsis, one character, so that one or two dots never match part of one.
      if (code === 0x2e && input.charCodeAt(i + 1) === 0x2e && input.charCodeAt(i + 2) === 0x2e) {
        push(0x2026, i);
        i += 3;
        continue;
      }
      push(code === 0x60 ? 0x27 : code >= 0x41 && code <= 0x5a ? code + 0x20 : code, i);
      i++;
      continue;
    }
    const codePoint = input.codePointAt(i)!;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) loneSurrogate = true;
    const size = codePoint > 0xffff ? 2 : 1;
    const kind = kindOf(codePoint);
    if (kind === Kind.Invisible) {
      i += size;
      continue;
    }
    if (kind === Kind.Space) {
      if (pendingSpace === -1) pendingSpace = i;
      i += size;
      continue;
    }
    if (pendingSpace !== -1) {
      if (length > 0) push(0x20, pendingSpace);
      pendingSpace = -1;
    }
    // The character with the combining marks after it, composed: "e" + U+0301 and "é" are one text.
    let end = i + size;
    while (end < input.length && isMarkAt(input, end)) end += input.codePointAt(end)! > 0xffff ? 2 : 1;
    const mapped = end === i + size ? foldChar(codePoint) : fold(input.slice(i, end).normalize('NFC'));
    for (let k = 0; k < mapped.length; k++) push(mapped.charCodeAt(k), i);
    i = end;
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
