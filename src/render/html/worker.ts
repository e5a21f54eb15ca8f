// The HTML page made in a worker thread of its own, so that a big brief's page
// is made while the main thread draws the PDF: the two outputs share nothing
// but the model, which the worker receives as a copy. The JSON outputs asked
// for are made here too, once the page is. See ./apart.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { markImagesOfCopy, type EmbeddedImage } from '../../documents/images.js';
import type { Brief } from '../../model/types.js';
import { renderJson } from '../json.js';
import { renderTimeline } from '../timeline.js';
import { renderHtml, type RenderHtmlOptions } from './render.js';
import { TemplateError } from './templates.js';

export interface Job {
  brief: Brief;
  options: RenderHtmlOptions;
  /** The images the page embeds, by path (see markImagesOfCopy). */
  images: ReadonlyMap<string, EmbeddedImage>;
  /** The other outputs to make of the model. */
  also: readonly AlsoApart[];
}

/** Outputs made apart with the page: text of the model alone. */
export type AlsoApart = 'json' | 'timeline';

/** The page, and the other outputs asked for: from the worker as UTF-8 bytes, handed over rather than copied. */
export type Made = { html: string | Uint8Array } & Partial<Record<AlsoApart, string | Uint8Array>>;

/** What the worker sends back: the page, a template's error as its fields (an error's own fields are not copied), or a bug. */
export type Reply =
  | { made: Made }
  | { templateError: Pick<TemplateError, 'file' | 'reason' | 'line' | 'column'> & { diagnostic: TemplateError['diagnostic'] | undefined } }
  | { error: { message: string; stack?: string | undefined } };

const { brief, options, images, also } = workerData as Job;
let reply: Reply;
try {
  markImagesOfCopy(brief, images);
  // Bytes go to the main thread without a copy: a 10,000-event brief's brief.json alone is 77 MB.
  const encoder = new TextEncoder();
  const bytes = (text: string) => encoder.encode(text);
  const made: Made = { html: bytes(await renderHtml(brief, options)) };
  if (also.includes('json')) made.json = bytes(renderJson(brief));
  if (also.includes('timeline')) made.timeline = bytes(renderTimeline(brief));
  reply = { made };
} catch (error) {
  if (error instanceof TemplateError) {
    const { file, reason, line, column, diagnostic } = error;
    reply = { templateError: { file, reason, line, column, diagnostic } };
  } else {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    reply = { error: { message, stack } };
  }
}
parentPort?.postMessage(reply, 'made' in reply ? Object.values(reply.made).map((data) => (data as Uint8Array).buffer as ArrayBuffer) : []);
