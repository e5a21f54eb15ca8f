// Loads the page template, its partials and the stylesheet from a templates
// folder into an isolated Handlebars environment. Templates compile with
// `strict`, so a field missing from the view is an error, not a blank.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers.js';
import type { PageView } from './view.js';

export interface Templates {
  page: (view: PageView) => string;
  css: string;
}

/** A template that failed to compile or to render, named by its file. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'TemplateError';
  }
}

export async function loadTemplates(dir: string): Promise<Templates> {
  const env = Handlebars.create();
  registerHelpers(env);

  const partialsDir = path.join(dir, 'partials');
  const partialFiles = (await readdir(partialsDir)).filter((name) => name.endsWith('.hbs')).sort();
  for (const name of partialFiles) {
    const file = path.join(partialsDir, name);
    env.registerPartial(path.basename(name, '.hbs'), compile(env, file, await readFile(file, 'utf8')));
  }

  const pageFile = path.join(dir, 'page.hbs');
  const page = compile(env, pageFile, await readFile(pageFile, 'utf8'));
  const css = await readFile(path.join(dir, 'brief.css'), 'utf8');
  return { page: (view) => page(view), css };
}

type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

function compile(env: ReturnType<typeof Handlebars.create>, file: string, source: string): Template {
  let template: Template;
  try {
    // Parsed now so a syntax error surfaces at load time, named by its file.
    template = env.compile(env.parse(source), { strict: true });
  } catch (error) {
    throw new TemplateError(file, error);
  }
  return (context, options) => {
    try {
      return template(context, options);
    } catch (error) {
      // The innermost template that failed names itself; outer ones pass its error on.
      throw error instanceof TemplateError ? error : new TemplateError(file, error);
    }
  };
}
