// Renders the HTML, and the JSON outputs asked for, in a worker thread
// (./worker.ts), for a build that draws the PDF meanwhile. Run from the
// TypeScript sources, where there is no compiled worker to start, it renders in
// this thread: the outputs are the same.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbeddedImage } from '../../documents/images.js';
import type { Brief } from '../../model/types.js';
import { renderHtml, type RenderHtmlOptions } from './render.js';
import { TemplateError } from './templates.js';
import type { AlsoApart, Job, Made, Reply } from './worker.js';

const WORKER = new URL('./worker.js', import.meta.url);

export type { AlsoApart, Made } from './worker.js';

/**
 * As `renderHtml`, and `also` the JSON outputs (../json.ts, ../timeline.ts),
 * in a worker thread when there is one to start; `images` are the brief's, as
 * `loadImages` returned them.
 */
export async function renderHtmlApart(brief: Brief, options: RenderHtmlOptions, images: ReadonlyMap<string, EmbeddedImage>, also: readonly AlsoApart[] = []): Promise<Made> {
  if (!existsSync(fileURLToPath(WORKER))) {
    const made: Made = { html: await renderHtml(brief, options) };
    if (also.includes('json')) made.json = (await import('../json.js')).renderJson(brief);
    if (also.includes('timeline')) made.timeline = (await import('../timeline.js')).renderTimeline(brief);
    return made;
  }
  const reply = await new Promise<Reply>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { brief, options, images, also } satisfies Job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the HTML worker stopped (exit code ${code}) before it sent the page`)));
  });
  if ('made' in reply) return reply.made;
  if ('templateError' in reply) {
    const { file, reason, line, column, diagnostic } = reply.templateError;
    const error = new TemplateError(file, reason, line === null ? null : { line, column });
    if (diagnostic) error.diagnostic = diagnostic;
    throw error;
  }
  // A bug: thrown as it was thrown in the worker.
  throw Object.assign(new Error(reply.error.message), { stack: reply.error.stack });
}
