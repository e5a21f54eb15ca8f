// Model + templates → one self-contained HTML page.
import type { Brief } from '../../model/types.js';
import { loadTemplates } from './templates.js';
import { buildView } from './view.js';

export interface RenderHtmlOptions {
  /** Folder holding `page.hbs`, `partials/*.hbs` and `brief.css`. */
  templatesDir: string;
}

/**
 * Renders the briefing as one HTML file: CSS inlined, no script, no external
 * request. Reads the template files and nothing else.
 */
export async function renderHtml(brief: Brief, options: RenderHtmlOptions): Promise<string> {
  const templates = await loadTemplates(options.templatesDir);
  const view = await buildView(brief, templates.css);
  return templates.page(view);
}
