// The three places where the renderer reaches into PDFKit 0.20 beyond its
// public API, each to fix what a reader or an archive would otherwise get
// wrong. They are kept here, small and typed, so a PDFKit upgrade has one file
// to check.

interface EmbeddedFont {
  layout(text: string): { glyphs: Array<{ id: number; codePoints: number[] }> };
  subset: { includeGlyph(id: number): number };
  /** Unicode of each subset glyph, written to the font's ToUnicode map. */
  unicode: Array<number[] | undefined>;
}

interface Internals {
  _font?: Partial<EmbeddedFont>;
  _id: Uint8Array;
  _addInfo(): void;
  info: PDFKit.DocumentInfo & Record<string, unknown>;
}

const internals = (doc: PDFKit.PDFDocument): Internals => doc as unknown as Internals;

/**
 * Text extraction reads a right-to-left run in visual order and reverses it.
 * A ligature (lam-alef, "الله") maps to several characters, which PDFKit
 * records in logical order, so they come out reversed ("ال" for "لا"). Before
 * PDFKit first draws such a glyph of the current font, record its characters
 * in visual order instead. Call with the font selected, before drawing `text`.
 */
export function recordRightToLeftLigatures(doc: PDFKit.PDFDocument, text: string): void {
  const font = internals(doc)._font;
  if (!font?.layout || !font.subset || !font.unicode) return;
  for (const glyph of font.layout(text).glyphs) {
    if (glyph.codePoints.length < 2) continue;
    const id = font.subset.includeGlyph(glyph.id);
    font.unicode[id] ??= [...glyph.codePoints].reverse();
  }
}

/**
 * Sets the file identifier (the trailer's `/ID`). PDFKit derives it from the
 * document information only, so two different briefs with the same title and
 * date would share one; a digest of the content gives each its own, and the
 * same one on every rebuild.
 */
export function setFileIdentifier(doc: PDFKit.PDFDocument, digest: Uint8Array): void {
  internals(doc)._id = digest.slice(0, 16);
}

/**
 * Replaces PDFKit's XMP description of the document information. PDFKit writes
 * the values into the XML unescaped (a title with "&" breaks the packet) and
 * leaves out the modification date; PDF/A validators reject both. `xml` is
 * given the information dictionary as it will be written.
 */
export function replaceInfoMetadata(doc: PDFKit.PDFDocument, xml: (info: Internals['info']) => string): void {
  const target = internals(doc);
  target._addInfo = () => doc.appendXML(xml(target.info));
}
