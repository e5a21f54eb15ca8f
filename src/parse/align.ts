// Maps characters of text that micromark read from a file back to where they
// stand in the file; mdast keeps positions per node, not per character. Text
// differs from its source by what markdown removes: backslash escapes (`\[` →
// `[`), character references (`&amp;` → `&`), NUL (read as U+FFFD), the
// indentation and `>` markers that continue a paragraph on the next line, and
// the markup of emphasis or code inside a citation (`*b*` → `b`).

const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/**
 * For each character of `text`, its offset in `source`, reading `source` from `start`
 * and never past `end`; characters not found before `end` take the offset of its last character.
 */
export function alignText(text: string, source: string, start: number, end: number): Int32Array {
  const offsets = new Int32Array(text.length);
  let at = start;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (at >= end) {
      offsets[i++] = Math.max(start, end - 1);
      continue;
    }
    // micromark reads NUL as U+FFFD.
    if (source[at] === c || (c === '\uFFFD' && source[at] === '\u0000')) {
      offsets[i++] = at++;
      continue;
    }
    if (source[at] === '\\' && source[at + 1] === c) {
      offsets[i++] = at + 1;
      at += 2;
      continue;
    }
    REFERENCE.lastIndex = at;
    const reference = source[at] === '&' ? REFERENCE.exec(source) : null;
    if (reference) {
      // A reference stands for one or two UTF-16 units; the next character of the text says which.
      const after = at + reference[0].length;
      const units = text.length > i + 1 && source[after] !== text[i + 1] && source[after] === text[i + 2] ? 2 : 1;
      for (let k = 0; k < units; k++) offsets[i++] = at;
      at = after;
      continue;
    }
    // Markup or line prefix the text does not hold: skip it.
    at++;
  }
  return offsets;
}
