// The places where the renderer reaches into PDFKit 0.20 beyond its public
// API: three fix what a reader or an archive would otherwise get wrong, the
// others keep a brief of thousands of pages within time and memory (text is
// written as PDFKit writes it, from words shaped and encoded once). They are
// kept here, small and typed, so a PDFKit upgrade has one file to check, and
// test/render-pdf-encode.test.ts compares the text they write with PDFKit's.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import type { Shaped } from './shaping.js';

const deflate = promisify(zlib.deflate);

/** A shaped stretch of text, as PDFKit keeps it: positions already in thousandths of the type size. */
interface ShapedRun {
  glyphs: Array<{ id: number; codePoints: number[]; advanceWidth: number }>;
  positions: unknown[];
  advanceWidth: number;
}

interface EmbeddedFont {
  /** The font's resource name on a page ("F1"). */
  id: string;
  /** The font's indirect object, for a page's resources. */
  ref(): unknown;
  layout(text: string): { glyphs: Array<{ id: number; codePoints: number[] }> };
  /** Shapes a stretch of text with fontkit and scales its positions; every shaping goes through it. */
  layoutRun(text: string, features?: unknown): ShapedRun;
  layoutCached(text: string): ShapedRun;
  /** The glyphs of `text` as 4-digit hex subset ids, with their positions. */
  encode(text: string, features?: unknown): [string[], unknown[]];
  /** Advance width of each subset glyph, written to the font's widths. */
  widths: Array<number | undefined>;
  scale: number;
  /** Shaped words by text; absent when the document was made with `fontLayoutCache: false`. */
  layoutCache?: Record<string, ShapedRun>;
  subset: { includeGlyph(id: number): number };
  /** Unicode of each subset glyph, written to the font's ToUnicode map. */
  unicode: Array<number[] | undefined>;
}

/** An indirect object; a page's content stream is one. */
interface Reference {
  /** The document it belongs to. */
  document: Internals;
  id: number;
  gen: number;
  /** Where it starts in the file, set as it is written. */
  offset: number;
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  /** Whether `finalize` deflates the stream; set from the document when the object is made. */
  compress: boolean;
  /** The stream's bytes so far. */
  buffer: Uint8Array[];
  data: Record<string, unknown>;
}

interface Internals {
  _font?: Partial<EmbeddedFont>;
  _fontSize: number;
  addContent(data: string): void;
  _id: Uint8Array;
  _addInfo(): void;
  info: PDFKit.DocumentInfo & Record<string, unknown>;
  _write(data: string | Uint8Array): void;
  _offset: number;
  page: Page;
  /** Every page, while pages are buffered. */
  _pageBuffer: Page[];
  /** A new indirect object. */
  ref(data?: Record<string, unknown>): Reference;
  /** Closes the marked content left open on a page (PDFKit does it as the document ends). */
  endPageMarkings(page: Page): void;
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
  /** Called by each object as it is written. */
  _refEnd(ref: Reference): void;
  /** Set when the document is encrypted. */
  _security?: unknown;
}

interface Page {
  content: Reference;
  /** The page's dictionary: its `Contents` names its content streams. */
  dictionary: Reference;
  /** Marked-content sequences open on the page. */
  markings: unknown[];
  height: number;
  /** The fonts of the page's resources, by resource name. */
  fonts: Record<string, unknown>;
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

const shapedHere = Symbol('shapedHere');

/**
 * Shapes the text of every embedded font with `shape` instead of fontkit,
 * everything else PDFKit does unchanged. `shape` is given the font file the
 * document selected and returns glyphs and positions in font units, as fontkit
 * would, or nothing to leave the text to fontkit (as is text with OpenType
 * features asked for). Call right after creating the document.
 */
export function replaceShaping(doc: PDFKit.PDFDocument, shape: (file: string, text: string) => Shaped | undefined): void {
  const select = doc.font.bind(doc);
  doc.font = ((src: PDFKit.Mixins.PDFFontSource, ...rest: unknown[]) => {
    (select as (...args: unknown[]) => PDFKit.PDFDocument)(src, ...rest);
    const font = internals(doc)._font as (Partial<EmbeddedFont> & { [shapedHere]?: true }) | undefined;
    if (typeof src !== 'string' || !font?.layoutRun || font[shapedHere]) return doc;
    font[shapedHere] = true;
    const fontkit = font.layoutRun.bind(font);
    const own = (text: string, features?: unknown): ShapedRun => {
      try {
        return fontkit(text, features);
      } catch (error) {
        // fontkit stops at a mark whose base glyph has an empty anchor for it (as DejaVu has for
        // Cyrillic letters and marks below), where HarfBuzz leaves the mark unattached: so does this.
        if (!(error instanceof TypeError) || features !== undefined) throw error;
        return fontkit(text, { mark: false, mkmk: false });
      }
    };
    const scale = font.scale ?? 1;
    font.layoutRun = (text, features) => {
      const shaped = features ? undefined : shape(src, text);
      if (!shaped) return own(text, features);
      const { glyphs, positions } = shaped;
      let advanceWidth = 0;
      const scaled = positions.map((position, index) => {
        advanceWidth += position.xAdvance * scale;
        return {
          xAdvance: position.xAdvance * scale,
          yAdvance: position.yAdvance * scale,
          xOffset: position.xOffset * scale,
          yOffset: position.yOffset * scale,
          advanceWidth: glyphs[index]!.advanceWidth * scale,
        };
      });
      return { glyphs, positions: scaled, advanceWidth };
    };
    return doc;
  }) as typeof doc.font;
}

/**
 * PDFKit shapes the text it draws a word at a time, each word with the space
 * that follows it ("word "), and keeps each shape per font. Lines are measured
 * a word at a time without that space, so every word was shaped twice, and
 * shaping is most of the time of laying out a brief. In a font where a space
 * neither kerns nor joins with the letters beside it (the DejaVu faces: a test
 * checks them), the shape of "word " is the shape of "word" followed by that of
 * " ", which this records. Call with the font selected, after `word` (without
 * spaces or tabs) was measured.
 */
export function recordSpacedWord(doc: PDFKit.PDFDocument, word: string): void {
  const font = internals(doc)._font;
  const cache = font?.layoutCache;
  const shaped = cache?.[word];
  if (!font?.layoutCached || !cache || !shaped || cache[`${word} `]) return;
  const space = font.layoutCached(' ');
  cache[`${word} `] = {
    glyphs: shaped.glyphs.concat(space.glyphs),
    positions: shaped.positions.concat(space.positions),
    advanceWidth: shaped.advanceWidth + space.advanceWidth,
  };
}

/** A word or a space as PDFKit shaped it, in one font. */
export type ShapedWord = ShapedRun;

/**
 * The shape PDFKit keeps for `word` (no spaces or tabs; or one space) in the
 * current font, once it was measured: the layout keeps it with the word, so
 * drawing the word needs neither shaping nor a lookup.
 */
export function shapedWord(doc: PDFKit.PDFDocument, word: string): ShapedWord | undefined {
  return internals(doc)._font?.layoutCache?.[word];
}

/** What the trailer's `/ID` holds while the file is written: 16 zero bytes, twice. */
const placeholderId = new Uint8Array(16);
const placeholderEntry = `/ID [<${'00'.repeat(16)}> <${'00'.repeat(16)}>]`;

/**
 * Makes the file identifier (the trailer's `/ID`) a digest of the file itself.
 * PDFKit derives it from the document information only, so two different
 * briefs with the same title and date would share one; the file's own digest
 * gives each its own, and the same one on every rebuild. (A digest of the
 * model did the same, but serialising the model took half a second for
 * thousands of events.) Call right after creating the document; call the
 * returned function on the finished file, which it changes in place.
 */
export function identifyByContent(doc: PDFKit.PDFDocument): (file: Uint8Array) => void {
  internals(doc)._id = placeholderId;
  return (file) => {
    // The trailer comes last: look in the file's tail only.
    const tailStart = Math.max(0, file.length - 4096);
    const at = Buffer.from(file.buffer, file.byteOffset, file.length).toString('latin1', tailStart).lastIndexOf(placeholderEntry);
    if (at < 0) throw new Error('the PDF has no file identifier to set');
    const digest = Buffer.from(createHash('sha256').update(file).digest().subarray(0, 16)).toString('hex');
    file.set(Buffer.from(`/ID [<${digest}> <${digest}>]`, 'latin1'), tailStart + at);
  };
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

/**
 * Lets the objects written while pages are drawn give up their contents.
 * PDFKit keeps every object's dictionary after it is written, though only its
 * number is used again: the links and structure elements of a brief of
 * thousands of pages were over half a million, a third of the memory,
 * which the collector copied and scanned while the rest was drawn. What is
 * written before the document ends keeps only `/P`: a structure element's
 * parent asks its children for theirs before it is itself written. The
 * objects written as the document ends (pages, fonts, catalogue) are read
 * while it ends and are left whole. Call right after creating the document.
 */
export function releaseWrittenObjects(doc: PDFKit.PDFDocument): void {
  const target = internals(doc);
  const refEnd = target._refEnd.bind(target);
  let ending = false;
  target._refEnd = (ref) => {
    refEnd(ref);
    if (!ending) ref.data = 'P' in ref.data ? { P: ref.data['P'] } : {};
  };
  const end = doc.end.bind(doc);
  doc.end = () => {
    ending = true;
    end();
  };
}

/** What PDFKit escapes in a string object, and how. */
const ESCAPED = /[\n\r\t\b\f()\\]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };
/** A value `pdfValue` leaves to PDFKit: the object is then written by PDFKit whole. */
const UNUSUAL = Symbol('unusual value');

/**
 * A value written as PDFKit's `PDFObject.convert` writes it, for the kinds
 * the objects drawn on pages hold: numbers, names, strings, other objects'
 * references, arrays and dictionaries. Anything else (bytes, dates, name
 * trees, colours) throws `UNUSUAL`.
 */
function pdfValue(value: unknown, reference: Function): string {
  switch (typeof value) {
    case 'number':
      if (!(value > -1e21 && value < 1e21)) throw UNUSUAL;
      return `${Math.round(value * 1e6) / 1e6}`;
    case 'string':
      return `/${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      break;
    default:
      throw UNUSUAL;
  }
  if (value === null) return 'null';
  if (value instanceof String) {
    const text = value.valueOf();
    // Text beyond ASCII is written as UTF-16BE with a byte order mark, a byte a character.
    let binary = text;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        const units = ['\u00fe\u00ff'];
        for (let j = 0; j < text.length; j++) {
          const code = text.charCodeAt(j);
          units.push(String.fromCharCode(code >> 8, code & 0xff));
        }
        binary = units.join('');
        break;
      }
    }
    return `(${binary.replace(ESCAPED, (c) => ESCAPES[c]!)})`;
  }
  if (value instanceof reference) return `${(value as Reference).id} ${(value as Reference).gen} R`;
  if (Array.isArray(value)) return `[${value.map((item: unknown) => pdfValue(item === undefined ? null : item, reference)).join(' ')}]`;
  if (Object.getPrototypeOf(value) !== Object.prototype) throw UNUSUAL;
  const lines = ['<<'];
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) lines.push(`/${key} ${pdfValue(item, reference)}`);
  }
  lines.push('>>');
  return lines.join('\n');
}

/**
 * Writes the document's objects without a stream as PDFKit would, byte for
 * byte, a few times faster: PDFKit's `PDFObject.convert` tries up to seven
 * kinds of value before it finds a number, and turns each string into bytes
 * and back, which on a brief of 100,000 links and 400,000 structure elements
 * took a tenth of the time of its PDF. Streams, and objects holding values of
 * other kinds, are written by PDFKit. Call right after creating the document.
 */
export function writeObjectsQuickly(doc: PDFKit.PDFDocument): void {
  const target = internals(doc);
  const ref = target.ref.bind(target);
  target.ref = (data) => {
    const made = ref(data);
    // One function for every object: objects live until the document ends, and a closure each would too.
    made.finalize = finalizeQuickly;
    return made;
  };
}

/** An object's `finalize`: PDFKit's, unless the object is written here. */
function finalizeQuickly(this: Reference): void {
  if (this.buffer.length > 0 || this.document._security || !writeQuickly(this)) (Object.getPrototypeOf(this) as Reference).finalize.call(this);
}

/** Writes `object` as PDFKit's `finalize` would; false, having written nothing, when it holds a value left to PDFKit. */
function writeQuickly(object: Reference): boolean {
  let dictionary: string;
  try {
    dictionary = pdfValue(object.data, object.constructor);
  } catch (error) {
    if (error === UNUSUAL) return false;
    throw error;
  }
  const target = object.document;
  object.offset = target._offset;
  target._write(`${object.id} ${object.gen} obj`);
  target._write(dictionary);
  target._write('endobj');
  target._refEnd(object);
  return true;
}

/** Characters of operators gathered before they are written to a page's content stream as one chunk of bytes. */
const charactersPerChunk = 16 * 1024;

/**
 * Deflates what it is sent with zlib's defaults, as PDFKit does, in a thread of
 * its own. Given as source text (a CommonJS script) so that it runs the same
 * from the compiled files and from the TypeScript sources.
 */
const DEFLATER = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, bytes }) => parentPort.postMessage({ id, bytes: deflateSync(bytes) }));
`;

export interface PageContent {
  /**
   * Deflates what is left of every page's content, in Node's thread pool,
   * both cores at once, and waits for what the deflating thread still has.
   * Call once all pages are drawn, right before `doc.end()`.
   */
  compress(): Promise<void>;
  /** Stops the deflating thread; call when the document is done with, or failed. */
  close(): Promise<void>;
}

/**
 * Gathers the drawing operators of every page into few large chunks, and
 * deflates each page's stream while later pages are drawn. PDFKit turns each
 * operator into a byte array of its own and keeps it until the page is
 * written, then deflates every page, one after another, when the document
 * ends: with every page buffered (the contents and the page furniture are
 * drawn once all pages exist) a brief of thousands of pages would hold
 * millions of arrays, and wait seconds at the end. So when a page is added,
 * the stream of the page before it is sent to a deflating thread, and what is
 * drawn on that page later (furniture, bars, the contents list) goes to a
 * second stream of the page: a page's streams read as one. The same zlib
 * settings give the bytes PDFKit would, and the file's layout does not depend
 * on which thread finishes first. Call right after creating the document.
 */
export function gatherPageContent(doc: PDFKit.PDFDocument): PageContent {
  const target = internals(doc);
  const flushes = new Map<Reference, () => void>();
  let compressed = false;
  const gather = (content: Reference): void => {
    const write = content.write.bind(content);
    const finalize = content.finalize.bind(content);
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = (): void => {
      // PDFKit ends every operator with a newline. Its operators are binary strings (one character per
      // byte), which PDFKit would turn into bytes a character at a time; Node's latin1 encoding does it at once.
      if (pending.length > 0) write(Buffer.from(`${pending.join('\n')}\n`, 'latin1'));
      pending = [];
      pendingLength = 0;
    };
    content.write = (chunk) => {
      if (compressed) throw new Error('a page was drawn on after its content was compressed');
      if (typeof chunk !== 'string') {
        flush();
        write(chunk);
        return;
      }
      pending.push(chunk);
      // Bytes, not strings, wait for the document to end: a string takes more room, and room the collector scans.
      pendingLength += chunk.length + 1;
      if (pendingLength >= charactersPerChunk) flush();
    };
    content.finalize = () => {
      flush();
      finalize();
    };
    flushes.set(content, flush);
  };

  const deflater = new Worker(DEFLATER, { eval: true });
  const waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void }>();
  let closing = false;
  const fail = (error: unknown): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  deflater.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
    waiting.get(id)?.resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    waiting.delete(id);
  });
  deflater.on('error', fail);
  deflater.on('exit', (code) => {
    if (!closing) fail(new Error(`the thread deflating the PDF's pages stopped (exit code ${code})`));
  });
  /** Streams sent to the deflating thread, in page order, with the bytes to come. */
  const sent: Array<{ content: Reference; bytes: Promise<Uint8Array> }> = [];

  /** Sends the page's stream so far to be deflated; what is drawn on the page later goes to a new stream. */
  const seal = (page: Page): void => {
    // A marked-content sequence must end in the stream it starts in.
    if (page.markings.length > 0) return;
    const content = page.content;
    flushes.get(content)?.();
    if (!content.compress || content.buffer.length === 0) return;
    const id = sent.length;
    const bytes = new Promise<Uint8Array>((resolve, reject) => waiting.set(id, { resolve, reject }));
    // Awaited in `compress`; a failure before then is not an unhandled rejection.
    bytes.catch(() => {});
    sent.push({ content, bytes });
    const whole = Buffer.concat(content.buffer);
    // Handed over, not copied, when the bytes have their memory to themselves (Node pools small buffers).
    deflater.postMessage({ id, bytes: whole }, whole.byteLength === whole.buffer.byteLength ? [whole.buffer] : []);
    content.buffer = [];
    const more = target.ref();
    gather(more);
    page.content = more;
    page.dictionary.data['Contents'] = [content, more];
  };

  gather(target.page.content);
  doc.on('pageAdded', () => {
    const pages = target._pageBuffer;
    if (pages.length > 1) seal(pages[pages.length - 2]!);
    gather(target.page.content);
  });
  return {
    async compress() {
      const pages = [...target._pageBuffer];
      // A few pages at a time: each deflate holds its own buffers and zlib state until it ends.
      const next = async (): Promise<void> => {
        for (let page = pages.shift(); page; page = pages.shift()) {
          target.endPageMarkings(page);
          const content = page.content;
          flushes.get(content)?.();
          // A stream nothing was drawn on after its page was sealed still has to be one: a line ending.
          if (content.buffer.length === 0 && Array.isArray(page.dictionary.data['Contents'])) content.buffer = [Buffer.from('\n')];
          if (!content.compress || content.buffer.length === 0) continue;
          // PDFKit marked the stream FlateDecode as it was written; its `finalize` now only writes it.
          content.buffer = [await deflate(Buffer.concat(content.buffer))];
          content.compress = false;
        }
      };
      await Promise.all(Array.from({ length: availableParallelism() }, next));
      // Written in page order, whichever was deflated first.
      for (const { content, bytes } of sent) {
        content.buffer = [await bytes];
        content.compress = false;
        content.finalize();
      }
      compressed = true;
    },
    async close() {
      closing = true;
      await deflater.terminate();
    },
  };
}

/**
 * Collects the file PDFKit writes, bypassing its readable stream: pushing
 * millions of small chunks through a stream costs seconds on a large brief.
 * Strings (dictionaries, operators) are joined before they become bytes.
 * Returns the function that gives the whole file, once the document has ended.
 */
export function collectOutput(doc: PDFKit.PDFDocument): () => Uint8Array {
  const target = internals(doc);
  // What PDFKit wrote while it was created (the header) waits in the stream.
  const head = doc.read() as Uint8Array | null;
  // Strings (PDFKit's are binary: one character per byte) and bytes, in order; written into the file once at the end,
  // rather than each string made into bytes of its own first and every chunk copied again into the file.
  const chunks: Array<string | Uint8Array> = head ? [head] : [];
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = (): void => {
    if (pending.length > 0) chunks.push(pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  target._write = (data) => {
    if (typeof data === 'string') {
      pending.push(data, '\n');
      pendingLength += data.length + 1;
      target._offset += data.length + 1;
      if (pendingLength >= 1 << 20) flush();
      return;
    }
    flush();
    chunks.push(data);
    target._offset += data.length;
  };
  return () => {
    flush();
    const file = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    const bytes = Buffer.from(file.buffer, file.byteOffset, file.length);
    let offset = 0;
    for (const chunk of chunks) {
      if (typeof chunk === 'string') bytes.write(chunk, offset, 'latin1');
      else file.set(chunk, offset);
      offset += chunk.length;
    }
    return file;
  };
}

/**
 * Draws `text`, measured by the layout as `width` wide, with its baseline at
 * `y`: what `doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' })`
 * does, without the two measurings of the text PDFKit's `text()` adds (a
 * third of the time of a long PDF). Text of shaped words without glyph offsets
 * (all but combining marks) is written by `writeText`, byte for byte as PDFKit
 * would; the rest goes through PDFKit. The cursor is left where `text()` leaves it.
 */
export function drawFragment(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  options: {
    horizontalScaling?: number | undefined;
    /** The shapes of the words and spaces of `text` in the current font, in order, when the layout kept them. */
    shapes?: readonly ShapedWord[] | undefined;
  } = {},
): void {
  const { horizontalScaling, shapes } = options;
  if (text.includes('\n')) {
    doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic', ...(horizontalScaling ? { horizontalScaling } : {}) } as PDFKit.Mixins.TextOptions);
    return;
  }
  const target = internals(doc);
  const font = target._font;
  const words = font ? encodedWords(font) : undefined;
  const operands = text === '' ? undefined : shapes ? words?.operandsOf(shapes) : words?.operands(text);
  if (operands === undefined) {
    target._fragment(text, x, y, { baseline: 'alphabetic', textWidth: width, ...(horizontalScaling ? { horizontalScaling } : {}) });
  } else {
    writeText(target, operands, x, y, horizontalScaling);
  }
  doc.x = x + width;
  doc.y = y;
}

/**
 * The operators PDFKit's `_fragment` writes for left-aligned text on the
 * alphabetic baseline, given the operands of its `TJ`: PDFKit builds them
 * from a fresh glyph list and position objects for every call, and formats
 * each number again, which took a fifth of the time of a long brief's PDF.
 */
function writeText(target: Internals, operands: string, x: number, y: number, horizontalScaling = 100): void {
  const font = target._font as EmbeddedFont;
  const page = target.page;
  page.fonts[font.id] ??= font.ref();
  const height = page.height;
  const operators = ['q', `1 0 0 -1 0 ${pdfNumber(height)} cm`, 'BT', `1 0 0 1 ${pdfNumber(x)} ${pdfNumber(height - y)} Tm`, `/${font.id} ${pdfNumber(target._fontSize)} Tf`];
  if (horizontalScaling !== 100) operators.push(`${horizontalScaling} Tz`);
  if (operands !== '') operators.push(`[${operands}] TJ`);
  operators.push('ET', 'Q');
  // One flat string: every page's content waits until the document ends, and a string built up piece by piece
  // would wait as a chain of pieces several times its size. PDFKit's save() and restore() would leave the
  // transformation matrix as it was.
  target.addContent(operators.join('\n'));
}

/** A number in a content stream, as PDFKit writes it: rounded to six decimals. */
const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/** A shaped word as it is written: its glyphs as hex, cut after each glyph whose advance the font adjusts (kerning). */
interface EncodedWord {
  /** The subset ids of its glyphs, four hex digits each. */
  hex: string;
  /** Hex of the glyphs up to and including each adjusted glyph, with the adjustment as written; then of those after the last. */
  cuts: ReadonlyArray<{ hex: string; adjustment: string }>;
  tail: string;
  /** A glyph is moved off its place (a combining mark): PDFKit sets it with a text matrix of its own. */
  offset: boolean;
}

const noCuts: EncodedWord['cuts'] = [];

interface EncodedWords {
  /** The operands of the `TJ` that sets `text`, as PDFKit writes them; undefined when a glyph has an offset. */
  operands(text: string): string | undefined;
  /** The same for text of these shapes, in order: a word's shape followed by a space's is that of the word with its space. */
  operandsOf(shapes: readonly ShapedRun[]): string | undefined;
}

const encodedWordsOf = new WeakMap<object, EncodedWords>();

/**
 * Encodes each shaped word once, per font. PDFKit encodes a string a word at a
 * time from its cache of shaped words, but joins the words' glyph lists by
 * copying them (a line of n words copies its glyphs n times) and looks every
 * glyph up in the subset again, each time it draws the word. This keeps the
 * encoding of each cached word: the same glyphs, positions, subset, widths and
 * Unicode map, in the same order. PDFKit's own `encode` gives the same through
 * it for the text `writeText` leaves to PDFKit. Fonts without the cache (a
 * document made with `fontLayoutCache: false`) are left to PDFKit.
 */
function encodedWords(font: Partial<EmbeddedFont>): EncodedWords | undefined {
  const known = encodedWordsOf.get(font);
  if (known) return known;
  if (!font.encode || !font.layoutCache || !font.layoutCached || !font.subset || !font.widths || !font.unicode) return undefined;
  const layoutCached = font.layoutCached.bind(font);
  const { subset, widths, unicode } = font;
  const scale = font.scale ?? 1;
  const encodings = new WeakMap<ShapedRun, EncodedWord>();
  const encodingOf = (run: ShapedRun): EncodedWord => {
    let word = encodings.get(run);
    if (word) return word;
    // Joined at once, so the string kept for the whole document is flat, not a chain of pieces.
    const hex = run.glyphs
      .map((glyph) => {
        const id = subset.includeGlyph(glyph.id);
        widths[id] ??= glyph.advanceWidth * scale;
        unicode[id] ??= glyph.codePoints;
        return `0000${id.toString(16)}`.slice(-4);
      })
      .join('');
    let cuts: Array<{ hex: string; adjustment: string }> | undefined;
    let offset = false;
    let from = 0;
    run.positions.forEach((position, index) => {
      const { xAdvance, advanceWidth, xOffset, yOffset } = position as { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number };
      if (xOffset || yOffset) offset = true;
      const adjustment = xAdvance - advanceWidth;
      if (adjustment !== 0) {
        (cuts ??= []).push({ hex: hex.slice(from * 4, (index + 1) * 4), adjustment: String(pdfNumber(-adjustment)) });
        from = index + 1;
      }
    });
    word = { hex, cuts: cuts ?? noCuts, tail: hex.slice(from * 4), offset };
    encodings.set(run, word);
    return word;
  };
  /** The shaped run of each word of `text`, cut as PDFKit cuts it: after a space or a tab. */
  const wordsOf = (text: string): ShapedRun[] => {
    const runs: ShapedRun[] = [];
    let last = 0;
    for (let index = 0; index <= text.length; index++) {
      if (index < text.length ? text[index] !== ' ' && text[index] !== '\t' : last === index) continue;
      runs.push(layoutCached(text.slice(last, index + 1)));
      last = index + 1;
    }
    return runs;
  };
  const own = font.encode.bind(font);
  font.encode = (text, features) => {
    if (features) return own(text, features);
    const encoded: string[] = [];
    const positions: unknown[] = [];
    for (const run of wordsOf(text)) {
      const { hex } = encodingOf(run);
      for (let glyph = 0; glyph < run.glyphs.length; glyph++) {
        encoded.push(hex.slice(glyph * 4, glyph * 4 + 4));
        positions.push(run.positions[glyph]);
      }
    }
    return [encoded, positions];
  };
  /**
   * Joins encoded words into operands: a string of glyphs runs on across words until a glyph whose advance is
   * adjusted. Joined from arrays, so what waits in a page's content is a flat string, not a chain of pieces.
   */
  const operandsOf = (runs: readonly ShapedRun[]): string | undefined => {
    const operands: string[] = [];
    const glyphs: string[] = [];
    for (const run of runs) {
      const word = encodingOf(run);
      if (word.offset) return undefined;
      for (const cut of word.cuts) {
        glyphs.push(cut.hex);
        operands.push(`<${glyphs.join('')}> ${cut.adjustment}`);
        glyphs.length = 0;
      }
      if (word.tail !== '') glyphs.push(word.tail);
    }
    if (glyphs.length > 0) operands.push(`<${glyphs.join('')}> 0`);
    return operands.join(' ');
  };
  const words: EncodedWords = { operands: (text) => operandsOf(wordsOf(text)), operandsOf };
  encodedWordsOf.set(font, words);
  return words;
}
