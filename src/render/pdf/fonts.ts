// The embedded fonts. Latin, Greek and Cyrillic text is set in DejaVu (the
// `dejavu-fonts-ttf` package): PDFKit's built-in Helvetica has no glyphs for
// curly quotes, em dashes, €, Türkiye or Cyrillic. Arabic-script text (Arabic,
// Dari, Pashto) is set in Vazirmatn (the `vazirmatn` package): DejaVu Serif has
// no Arabic and DejaVu Sans lacks Pashto's ۍ, and the Noto Arabic fonts build
// letters from dotless bodies plus dot marks, which text extraction cannot map
// back to the letters. Hebrew is set in DejaVu Sans, whose faces have it (the
// serif ones have not). Faces are selected by file path rather than
// `registerFont` names: PDFKit caches an opened font under the key it was asked
// for, and a face first opened under another key would be parsed again on
// every switch, which made rendering seconds slow.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type Family = 'serif' | 'sans' | 'mono';

export interface Face {
  family: Family;
  bold: boolean;
  italic: boolean;
}

/** DejaVu file names by family, in the order regular, bold, italic, bold italic. */
const dejavu: Record<Family, readonly [string, string, string, string]> = {
  serif: ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf', 'DejaVuSerif-BoldItalic.ttf'],
  sans: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'],
  mono: ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf', 'DejaVuSansMono-Oblique.ttf', 'DejaVuSansMono-BoldOblique.ttf'],
};

/** Vazirmatn has no italic; emphasis in Arabic script is upright, as is usual. */
const vazirmatn = { regular: 'Vazirmatn-Regular.ttf', bold: 'Vazirmatn-Bold.ttf' };

/** A short name of a face, e.g. `serif-bold-italic`. */
export function faceName(face: Face): string {
  return `${face.family}${face.bold ? '-bold' : ''}${face.italic ? '-italic' : ''}`;
}

/** The font files of the document, found once through Node's module resolution. */
export interface FontFiles {
  /** The DejaVu `.ttf` file of a face. */
  face(face: Face): string;
  /** The Arabic-script `.ttf` file for a face of that weight. */
  arabic(face: Face): string;
  /** DejaVu Sans of a face's weight and slant: it sets Hebrew and what DejaVu Serif lacks (./font-script.ts). */
  sans(face: Face): string;
}

function packageDirectory(name: string, sub: string, probe: string): string {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve(`${name}/package.json`)), sub);
  if (!existsSync(path.join(dir, probe))) {
    throw new Error(`could not find the ${name} fonts in ${dir}; run \`npm ci\` to install ${name}`);
  }
  return dir;
}

let found: FontFiles | undefined;

/** The font files, resolved once per process (the paths are asked for on every width measured). */
export function fontFiles(): FontFiles {
  if (found) return found;
  const latin = packageDirectory('dejavu-fonts-ttf', 'ttf', dejavu.serif[0]);
  const arabic = packageDirectory('vazirmatn', 'fonts/ttf', vazirmatn.regular);
  const faces = new Map<string, string>();
  for (const family of Object.keys(dejavu) as Family[]) {
    dejavu[family].forEach((file, index) => {
      faces.set(faceName({ family, bold: index % 2 === 1, italic: index >= 2 }), path.join(latin, file));
    });
  }
  const regular = path.join(arabic, vazirmatn.regular);
  const bold = path.join(arabic, vazirmatn.bold);
  found = {
    face: (face) => faces.get(faceName(face)) as string,
    arabic: (face) => (face.bold ? bold : regular),
    sans: (face) => faces.get(faceName({ ...face, family: 'sans' })) as string,
  };
  return found;
}
