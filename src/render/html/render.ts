// Model + templates → one self-contained HTML page.
import { createHash } from 'node:crypto';
import type { Brief } from '../../model/types.js';
import { loadTemplates } from './templates.js';
import { buildView, type Head } from './view.js';

export interface RenderHtmlOptions {
  /** Folder holding the default `page.hbs`, `partials/*.hbs` and `brief.css`. */
  templatesDir: string;
  /**
   * A brief root's own `templates/` folder: each file in it replaces the default
   * file of the same relative path, and new `partials/*.hbs` are added. Default:
   * none. A folder that does not exist counts as empty.
   */
  overrideDir?: string | undefined;
  /** The brief root `overrideDir` belongs to: its templates are then read as the root's files are (see `TemplateFolders`). */
  root?: string | undefined;
}

/**
 * Renders the briefing as one HTML file: CSS inlined, no script, no external
 * request. Reads the template files and nothing else. Throws a `TemplateError`
 * naming the file and line when a template is wrong.
 */
export async function renderHtml(brief: Brief, options: RenderHtmlOptions): Promise<string> {
  const templates = await loadTemplates({ templatesDir: options.templatesDir, overrideDir: options.overrideDir, root: options.root });
  const view = await buildView(brief, head(templates.css));
  return templates.page(view);
}

/**
 * The stylesheet is allowed by its hash, not by `'unsafe-inline'`: a `<style>`
 * element or `style` attribute that got into the page some other way is not
 * applied, and with `default-src 'none'` nothing runs and nothing loads. Images
 * are shown from `data:` URLs only: the brief's own, embedded in the page.
 */
function head(css: string): Head {
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  return {
    csp: `default-src 'none'; img-src data:; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`,
    styleElement: `<style>${css}</style>`,
  };
}
