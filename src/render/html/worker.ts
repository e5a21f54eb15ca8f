// The HTML page made in a worker thread of its own, so that a big brief's page
// is made while the main thread draws the PDF: the two outputs share nothing
// but the model, which the worker receives as a copy. See ./apart.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { markImagesOfCopy, type EmbeddedImage } from '../../documents/images.js';
import type { Brief } from '../../model/types.js';
import { renderHtml, type RenderHtmlOptions } from './render.js';
import { TemplateError } from './templates.js';

export interface Job {
  brief: Brief;
  options: RenderHtmlOptions;
  /** The images the page embeds, by path (see markImagesOfCopy). */
  images: ReadonlyMap<string, EmbeddedImage>;
}

/** What the worker sends back: the page, a template's error as its fields (an error's own fields are not copied), or a bug. */
export type Reply =
  | { html: string }
  | { templateError: Pick<TemplateError, 'file' | 'reason' | 'line' | 'column'> & { diagnostic: TemplateError['diagnostic'] | undefined } }
  | { error: { message: string; stack?: string | undefined } };

const { brief, options, images } = workerData as Job;
let reply: Reply;
try {
  markImagesOfCopy(brief, images);
  reply = { html: await renderHtml(brief, options) };
} catch (error) {
  if (error instanceof TemplateError) {
    const { file, reason, line, column, diagnostic } = error;
    reply = { templateError: { file, reason, line, column, diagnostic } };
  } else {
    const { message, stack } = error instanceof Error ? error : new Error(String(error));
    reply = { error: { message, stack } };
  }
}
parentPort?.postMessage(reply);
