// Text shaping by HarfBuzz (the `harfbuzzjs` package: HarfBuzz compiled to
// WebAssembly) for the fonts PDFKit embeds. PDFKit shapes with fontkit, whose
// OpenType layout in JavaScript took a third of the time of a long brief's
// PDF; HarfBuzz gives the same glyphs, positions and characters for Latin,
// Greek and Cyrillic text in the DejaVu faces (a test compares them word by
// word) in a sixth of the time. Text with combining marks or in a
// right-to-left script stays with fontkit: HarfBuzz shapes it as well, but
// merges a ligature's or a reordered mark's characters into one cluster, so
// the glyph would be extracted (copied, searched, read aloud) with characters
// that are not its own.
import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';

export interface ShapedGlyph {
  /** Glyph index in the font. */
  id: number;
  /** The characters the glyph stands for (several for a ligature, none for the second glyph of one character). */
  codePoints: number[];
  /** The glyph's own advance (without kerning), in font units. */
  advanceWidth: number;
}

/** Where a glyph goes, in font units, as fontkit gives it. */
export interface ShapedPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface Shaped {
  glyphs: ShapedGlyph[];
  positions: ShapedPosition[];
}

/** Combining marks, and the Hebrew and Arabic blocks with their presentation forms. */
const leftToFontkit = /[\p{M}\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/** Shapes text in one font file. */
export class Shaper {
  private readonly font: hb.Font;
  private readonly buffer = new hb.Buffer();
  private readonly advances = new Map<number, number>();

  constructor(file: string) {
    this.font = new hb.Font(new hb.Face(new hb.Blob(readFileSync(file))));
  }

  /** The glyphs of `text` with the font's default features, script and direction guessed from the text; none for text left to fontkit. */
  shape(text: string): Shaped | undefined {
    if (leftToFontkit.test(text)) return undefined;
    const buffer = this.buffer;
    buffer.clearContents();
    // Each character its own cluster unless a glyph stands for several (a ligature).
    buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(this.font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions: ShapedPosition[] = buffer.getGlyphPositions();
    const glyphs = infos.map((info): ShapedGlyph => ({ id: info.codepoint, codePoints: [], advanceWidth: this.advance(info.codepoint) }));
    assignCharacters(text, infos, glyphs);
    return { glyphs, positions };
  }

  private advance(id: number): number {
    let advance = this.advances.get(id);
    if (advance === undefined) this.advances.set(id, (advance = this.font.glyphHAdvance(id)));
    return advance;
  }
}

/**
 * Gives each cluster's characters to its first glyph. Clusters are string
 * offsets, rising along the glyphs of left-to-right text; a cluster's
 * characters run to the next cluster's offset.
 */
function assignCharacters(text: string, infos: readonly hb.GlyphInfo[], glyphs: ShapedGlyph[]): void {
  for (let index = 0; index < infos.length; ) {
    const cluster = infos[index]!.cluster;
    let next = index + 1;
    while (next < infos.length && infos[next]!.cluster === cluster) next++;
    const end = next < infos.length ? infos[next]!.cluster : text.length;
    glyphs[index]!.codePoints = [...text.slice(cluster, end)].map((char) => char.codePointAt(0)!);
    index = next;
  }
}

const shapers = new Map<string, Shaper>();

/** The shaper of a font file, made once per process. */
export function shaperFor(file: string): Shaper {
  let shaper = shapers.get(file);
  if (!shaper) shapers.set(file, (shaper = new Shaper(file)));
  return shaper;
}
