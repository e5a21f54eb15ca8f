// fontkit (the font reader inside PDFKit) ships no types; these cover the parts
// the glyph check and the test of shaping use.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Glyphs (with their own advance) and positions, in font units. */
    layout(text: string): {
      glyphs: Array<{ id: number; codePoints: number[]; advanceWidth: number }>;
      positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
    };
  }
  export function openSync(path: string): Font;
}
