// Renders the HTML in a worker thread (./worker.ts), for a build that draws the
// PDF meanwhile. Run from the TypeScript sources, where there is no compiled
// worker to start, it renders in this thread: the page is the same.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbeddedImage } from '../../documents/images.js';
import type { Brief } from '../../model/types.js';
import { renderHtml, type RenderHtmlOptions } from './render.js';
import { TemplateError } from './templates.js';
import type { Job, Reply } from './worker.js';

const WORKER = new URL('./worker.js', import.meta.url);

/** As `renderHtml`, in a worker thread when there is one to start; `images` are the brief's, as `loadImages` returned them. */
export async function renderHtmlApart(brief: Brief, options: RenderHtmlOptions, images: ReadonlyMap<string, EmbeddedImage>): Promise<string> {
  if (!existsSync(fileURLToPath(WORKER))) return renderHtml(brief, options);
  const reply = await new Promise<Reply>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { brief, options, images } satisfies Job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the HTML worker stopped (exit code ${code}) before it sent the page`)));
  });
  if ('html' in reply) return reply.html;
  if ('templateError' in reply) {
    const { file, reason, line, column, diagnostic } = reply.templateError;
    const error = new TemplateError(file, reason, line === null ? null : { line, column });
    if (diagnostic) error.diagnostic = diagnostic;
    throw error;
  }
  // A bug: thrown as it was thrown in the worker.
  throw Object.assign(new Error(reply.error.message), { stack: reply.error.stack });
}
