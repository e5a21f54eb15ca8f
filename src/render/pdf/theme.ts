// Page geometry, type sizes and colours in one place, so the layout modules
// only say what a thing is ("a note", "a year heading"), not how it looks.
import type { RunStyle } from './text.js';

/** Page size, margins and where the running header and footer stand, in PDF points. */
export interface Geometry {
  size: 'A4' | 'LETTER';
  width: number;
  height: number;
  margins: Readonly<{ top: number; bottom: number; left: number; right: number }>;
  /** Baselines of the running header and the footer, from the top and the bottom edge. */
  headerBaseline: number;
  footerBaseline: number;
}

const margins = Object.freeze({ top: 70, bottom: 66, left: 72, right: 72 });

const geometries: Record<'a4' | 'letter', Geometry> = {
  a4: Object.freeze({ size: 'A4', width: 595.28, height: 841.89, margins, headerBaseline: 44, footerBaseline: 36 }),
  letter: Object.freeze({ size: 'LETTER', width: 612, height: 792, margins, headerBaseline: 44, footerBaseline: 36 }),
};

export function pageGeometry(paper: 'a4' | 'letter' | undefined): Geometry {
  return geometries[paper ?? 'a4'];
}

export const colour = Object.freeze({
  text: '#1b1b1b',
  accent: '#1f3a5f',
  muted: '#5b6168',
  link: '#1f4e8c',
  rule: '#c5cad1',
  codeBackground: '#f0f2f4',
  tableHeader: '#e9edf2',
  quoteBar: '#b7c0cc',
});

const base: RunStyle = Object.freeze({ family: 'serif', bold: false, italic: false, size: 10, color: colour.text });

/** Run styles; block modules derive variants with object spread. */
export const type = Object.freeze({
  body: base,
  title: Object.freeze({ ...base, family: 'sans', bold: true, size: 26, color: colour.accent }),
  subtitle: Object.freeze({ ...base, italic: true, size: 14, color: colour.text }),
  byline: Object.freeze({ ...base, family: 'sans', size: 11, color: colour.text }),
  provenance: Object.freeze({ ...base, family: 'sans', size: 9.5, color: colour.muted }),
  contents: Object.freeze({ ...base, size: 10.5 }),
  contentsYear: Object.freeze({ ...base, size: 9.5 }),
  contentsPage: Object.freeze({ ...base, family: 'sans', size: 9.5, color: colour.muted }),
  section: Object.freeze({ ...base, family: 'sans', bold: true, size: 14.5, color: colour.accent }),
  year: Object.freeze({ ...base, family: 'sans', bold: true, size: 12, color: colour.accent }),
  eventDate: Object.freeze({ ...base, family: 'sans', bold: true, size: 9.5, color: colour.accent }),
  eventTitle: Object.freeze({ ...base, bold: true, size: 11.5 }),
  eventMeta: Object.freeze({ ...base, family: 'sans', size: 8.5, color: colour.muted }),
  note: Object.freeze({ ...base, size: 8.5, color: '#2b2b2b' }),
  noteMeta: Object.freeze({ ...base, family: 'sans', size: 7.5, color: colour.muted }),
  sourceTitle: Object.freeze({ ...base, bold: true, size: 10.5 }),
  sourceMeta: Object.freeze({ ...base, size: 9.5 }),
  quote: Object.freeze({ ...base, size: 9.5 }),
  furniture: Object.freeze({ ...base, family: 'sans', size: 8, color: colour.muted }),
  verification: Object.freeze({ ...base, family: 'sans', size: 9, color: colour.text }),
  table: Object.freeze({ ...base, size: 9 }),
  code: Object.freeze({ ...base, family: 'mono', size: 8.5 }),
});

/** Line height as a multiple of the type size. */
export const leading = Object.freeze({ body: 1.45, tight: 1.3, heading: 1.25 });

/** Vertical space in points between kinds of blocks. */
export const gap = Object.freeze({
  paragraph: 6,
  beforeSection: 24,
  afterSection: 10,
  beforeYear: 16,
  afterYear: 8,
  betweenEvents: 16,
  beforeNotes: 5,
  note: 2,
  beforeSource: 10,
});

/** Lines of body text that must fit below a heading before it may start on this page. */
export const keepWithNext = 4;
