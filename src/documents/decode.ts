// Strict UTF-8 decoding that says where a file stops being UTF-8, and why:
// a binary file (NUL bytes), UTF-16 text, or another 8-bit encoding.
export type Decoded =
  | { ok: true; text: string }
  | {
      ok: false;
      /** `binary`: a NUL byte; `utf-16`: a UTF-16 byte order mark; `not-utf-8`: a byte that UTF-8 cannot decode. */
      problem: 'binary' | 'utf-16' | 'not-utf-8';
      offset: number;
      byte: number;
      at: { line: number; column: number };
    };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return failure(bytes, 'utf-16', 0);
  // NUL is valid UTF-8, but no text document holds one: it is a PDF, a Word file, an image…
  const nul = bytes.indexOf(0);
  if (nul !== -1) return failure(bytes, 'binary', nul);
  try {
    // TextDecoder drops a leading BOM, so offsets count from the first character of text.
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return failure(bytes, 'not-utf-8', firstInvalidByte(bytes));
  }
}

/** One line saying what is wrong with the file's bytes and how to fix it. */
export function encodingMessage(file: string, decoded: Extract<Decoded, { ok: false }>): string {
  const name = file.replace(/^.*\//, '');
  const byte = `0x${decoded.byte.toString(16).padStart(2, '0')}`;
  switch (decoded.problem) {
    case 'binary':
      return `${file} is a binary file, not text (NUL byte at offset ${decoded.offset}); save the document as UTF-8 plain text, e.g. \`pdftotext file.pdf ${name}\` for a PDF, or \`iconv -f utf-16 -t utf-8\` if it is UTF-16 text`;
    case 'utf-16':
      return `${file} is UTF-16 text, not UTF-8; convert it, e.g. \`iconv -f utf-16 -t utf-8 ${name} > ${name}.utf8\` and replace the file with the result`;
    case 'not-utf-8':
      return `${file} is not UTF-8: byte ${byte} at offset ${decoded.offset} cannot be decoded (the file is probably Windows-1252 or Latin-1); convert it, e.g. \`iconv -f windows-1252 -t utf-8 ${name} > ${name}.utf8\` and replace the file with the result`;
  }
}

function failure(bytes: Uint8Array, problem: 'binary' | 'utf-16' | 'not-utf-8', offset: number): Decoded {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && before.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  // The replacement decoder keeps a leading BOM out of the text, as the strict one does.
  return { ok: false, problem, offset, byte: bytes[offset] ?? 0, at: { line, column: before.length - lineStart + 1 } };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong, surrogate and out-of-range sequences: TextDecoder refuses them too.
    const c1 = bytes[i + 1]!;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += length;
  }
  return bytes.length;
}
