export { renderHtml, type RenderHtmlOptions } from './render.js';
export { TemplateError } from './templates.js';
export { renderHtmlApart } from './apart.js';
export type { AlsoApart, Made } from './apart.js';
