export { renderPdf } from './render.js';
export type { PdfOptions } from './options.js';
