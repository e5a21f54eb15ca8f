// The images the brief's markdown shows (`![Map of the border](map.png)`): read
// from the brief root like the documents, for both outputs to embed. PNG and
// JPEG only, the formats PDFKit embeds; each is checked here (its header, and a
// PNG's compressed pixels), so a damaged file is a warning with its place, not
// a failed PDF. An image that cannot be embedded is left as before: the HTML
// links to it and the PDF prints its description.
import { realpath } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import type { Image } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ImageNote } from '../parse/markdown.js';
import { formatExactSize, readRootBytes } from './read.js';

const MB = 1024 * 1024;
/** Largest image. */
export const MAX_IMAGE_BYTES = 5 * MB;
/** Largest total of all images of a brief. */
export const MAX_IMAGES_BYTES = 20 * MB;

export interface EmbeddedImage {
  /** The file, as a path of the brief root. */
  path: string;
  format: 'png' | 'jpeg';
  bytes: Buffer;
  /** Size in pixels. */
  width: number;
  height: number;
}

export type ImageUse = ImageNote & { file: string };

/** The image each embedded `image` node of the model shows; the model itself (and brief.json) keeps only its path. */
const embedded = new WeakMap<Image, EmbeddedImage>();

/** The image an `image` node shows, when the outputs embed it. */
export const embeddedImage = (node: Image): EmbeddedImage | undefined => embedded.get(node);

/**
 * Marks the image nodes of a copy of the model (the one a worker thread was
 * sent) as the original's are marked: the copy keeps no marks, and an image's
 * bytes arrive as a plain Uint8Array. An `image` node whose path is one of
 * `images` (as `loadImages` returned them) is embedded, as `loadImages` does.
 */
export function markImagesOfCopy(model: object, images: ReadonlyMap<string, EmbeddedImage>): void {
  if (images.size === 0) return;
  const own = new Map<string, EmbeddedImage>();
  for (const [path, image] of images) own.set(path, { ...image, bytes: Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength) });
  const stack: object[] = [model];
  for (let value = stack.pop(); value; value = stack.pop()) {
    const node = value as Partial<Image>;
    const path = node.type === 'image' ? node.data?.path : undefined;
    const image = path === undefined ? undefined : own.get(path);
    if (image) embedded.set(node as Image, image);
    for (const child of Array.isArray(value) ? value : Object.values(value)) if (child !== null && typeof child === 'object') stack.push(child as object);
  }
}

/** Reads each image file once; warns (`image-not-embedded`) at every place that shows an image the outputs cannot embed. */
export async function loadImages(root: string, uses: readonly ImageUse[]): Promise<{ images: Map<string, EmbeddedImage>; diagnostics: Diagnostic[] }> {
  const images = new Map<string, EmbeddedImage>();
  const diagnostics: Diagnostic[] = [];
  if (uses.length === 0) return { images, diagnostics };
  const realRoot = await realpath(root).catch(() => root);
  const failures = new Map<string, string>();
  let total = 0;
  for (const path of [...new Set(uses.flatMap((use) => (use.path === undefined ? [] : [use.path])))].sort()) {
    const read = await readRootBytes(root, realRoot, path, {
      bytes: MAX_IMAGE_BYTES,
      message: (size) => `${path} is ${formatExactSize(size)}; an image may be at most ${formatExactSize(MAX_IMAGE_BYTES)}`,
    });
    if (!read.ok) {
      failures.set(path, read.missing ? `there is no file ${path}; put the image there, or correct its path (read from the folder of the markdown file)` : (read.diagnostic?.message ?? `${path} cannot be read`));
      continue;
    }
    const described = describeImage(read.bytes);
    if (typeof described === 'string') {
      failures.set(path, `${path} ${described}`);
      continue;
    }
    if (total + read.bytes.length > MAX_IMAGES_BYTES) {
      failures.set(path, `${path} brings the images to ${formatExactSize(total + read.bytes.length)}; all images together may be at most ${formatExactSize(MAX_IMAGES_BYTES)}`);
      continue;
    }
    total += read.bytes.length;
    images.set(path, { path, bytes: read.bytes, ...described });
  }
  for (const use of uses) {
    const image = use.path === undefined ? undefined : images.get(use.path);
    if (image && use.node) embedded.set(use.node, image);
    if (image) continue;
    const why =
      use.url === undefined
        ? 'an image written as a reference (`![…][label]`) is not embedded; write its file inline, `![description](map.png)`'
        : use.outside
          ? `"${use.url}" leads out of the brief root, which is never read; copy the image into sources/ and give its path from ${use.file}`
          : use.path === undefined
            ? `images from the web are not fetched ("${use.url}"); save it into sources/ and give its path from ${use.file}`
            : failures.get(use.path);
    const shown = use.alt === '' ? 'nothing in its place (it has no description)' : `“[Image: ${use.alt}]”`;
    diagnostics.push(diagnostic('warning', 'image-not-embedded', `${why}. Until then the HTML links to it and the PDF prints ${shown}`, use.file, use.at));
  }
  return { images, diagnostics };
}

/** A PNG's or JPEG's format and size in pixels, or what is wrong with the file. */
export function describeImage(bytes: Buffer): Omit<EmbeddedImage, 'path' | 'bytes'> | string {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return describePng(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return describeJpeg(bytes);
  return 'is not a PNG or JPEG image, the formats both outputs embed; save it as PNG (drawings, maps) or JPEG (photographs)';
}

const DAMAGED = 'is damaged (it does not read as the image its header announces); export it again';

function describePng(bytes: Buffer): Omit<EmbeddedImage, 'path' | 'bytes'> | string {
  const data: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = at + 8;
    if (body + length + 4 > bytes.length) return DAMAGED;
    if (type === 'IHDR' && length >= 13) {
      width = bytes.readUInt32BE(body);
      height = bytes.readUInt32BE(body + 4);
    } else if (type === 'IDAT') {
      data.push(bytes.subarray(body, body + length));
    } else if (type === 'IEND') {
      break;
    }
    at = body + length + 4;
  }
  if (width === 0 || height === 0 || data.length === 0) return DAMAGED;
  try {
    inflateSync(Buffer.concat(data));
  } catch {
    return DAMAGED;
  }
  return { format: 'png', width, height };
}

/** Start-of-frame markers (SOF0–SOF15 but DHT, JPG and DAC), which hold the size. */
const START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function describeJpeg(bytes: Buffer): Omit<EmbeddedImage, 'path' | 'bytes'> | string {
  for (let at = 2; at + 4 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return DAMAGED;
    const marker = bytes[at + 1]!;
    // Fill bytes, and markers with no length.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break;
    const length = bytes.readUInt16BE(at + 2);
    if (START_OF_FRAME.has(marker)) {
      if (at + 9 > bytes.length) return DAMAGED;
      const height = bytes.readUInt16BE(at + 5);
      const width = bytes.readUInt16BE(at + 7);
      return width === 0 || height === 0 ? DAMAGED : { format: 'jpeg', width, height };
    }
    at += 2 + length;
  }
  return DAMAGED;
}
