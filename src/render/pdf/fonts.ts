// The embedded fonts: DejaVu from the `dejavu-fonts-ttf` package. PDFKit's
// built-in Helvetica has no glyphs for curly quotes, em dashes, €, Türkiye or
// Cyrillic, so every face used here is a TrueType file. Faces are selected by
// file path rather than `registerFont` names: PDFKit caches an opened font
// under the key it was asked for, and a face first opened under another key
// (the default font, a table's font rollback) would be parsed again on every
// switch, which made rendering seconds slow.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Family = 'serif' | 'sans' | 'mono';

export interface Face {
  family: Family;
  bold: boolean;
  italic: boolean;
}

/** File names by family, in the order regular, bold, italic, bold italic. */
const files: Record<Family, readonly [string, string, string, string]> = {
  serif: ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSerif-BoldItalic.ttf'],
  sans: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'],
  mono: ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'],
};

/** A short name of a face, e.g. `serif-bold-italic`. */
export function faceName(face: Face): string {
  return `${face.family}${face.bold ? '-bold' : ''}${face.italic ? '-italic' : ''}`;
}

/** The `.ttf` file of a face in the font directory. */
export function fontFile(dir: string, face: Face): string {
  return path.join(dir, files[face.family][(face.bold ? 1 : 0) + (face.italic ? 2 : 0)] as string);
}

/** The folder holding the DejaVu `.ttf` files, found through Node's module resolution. */
export function fontDirectory(): string {
  const manifest = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  const dir = path.join(path.dirname(manifest), 'ttf');
  if (!existsSync(path.join(dir, files.serif[0]))) {
    throw new Error(`could not find the DejaVu fonts in ${dir}; run \`npm ci\` to install dejavu-fonts-ttf`);
  }
  return dir;
}

