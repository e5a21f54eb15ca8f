// fontkit (the font reader inside PDFKit) ships no types; these cover the part
// the glyph check uses.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function openSync(path: string): Font;
}
