// Loads the page template, its partials and the stylesheet into an isolated
// Handlebars environment. A brief root's own templates folder, when given,
// replaces the default files one by one. Templates compile with `strict`, so a
// field missing from the view is an error, not a blank; every error names the
// template file and line.
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatExactSize, isInside, MAX_MARKDOWN_BYTES, readRootFile } from '../../documents/read.js';
import { registerHelpers } from './helpers.js';
import type { PageView } from './view.js';

type Environment = ReturnType<typeof Handlebars.create>;
type Template = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

export interface Templates {
  page: (view: PageView) => string;
  css: string;
}

export interface TemplateFolders {
  /** The default templates: `page.hbs`, `partials/*.hbs`, `brief.css`. */
  templatesDir: string;
  /** Files here replace the default file of the same relative path; new partials are added. Absent folder: no overrides. */
  overrideDir?: string | undefined;
  /**
   * The brief root `overrideDir` belongs to: its files are then read as files of
   * the root are (never through a link leading outside it, within a size limit,
   * UTF-8 only), and a file that cannot be is a `TemplateError` with the diagnostic.
   */
  root?: string | undefined;
}

/**
 * A template that failed to load, compile or render. `message` is
 * `file:line:column: reason`, on one line; the parts are there for a reporter.
 */
export class TemplateError extends Error {
  /** The template's path, as the folders were given. */
  readonly file: string;
  /** 1-based; null when Handlebars gives no place (a file that cannot be read). */
  readonly line: number | null;
  readonly column: number | null;
  /** What is wrong, without the place. */
  readonly reason: string;
  /** Set when a file of the brief root could not be read: the diagnostic that says why (e.g. `outside-root`). */
  diagnostic?: Diagnostic;

  constructor(file: string, reason: string, place: { line: number; column?: number | null } | null, cause?: unknown) {
    const where = place === null ? file : `${file}:${place.line}${place.column == null ? '' : `:${place.column}`}`;
    super(`${where}: ${reason}`, cause === undefined ? undefined : { cause });
    this.name = 'TemplateError';
    this.file = file;
    this.line = place?.line ?? null;
    this.column = place?.column ?? null;
    this.reason = reason;
  }
}

export async function loadTemplates(folders: TemplateFolders): Promise<Templates> {
  const env = Handlebars.create();
  registerHelpers(env);
  const locate = await fileLocator(folders);
  const read = await reader(folders);

  const partials = new Map<string, { file: string; ast: hbs.AST.Program }>();
  for (const name of await partialNames(folders)) {
    const file = locate(path.join('partials', `${name}.hbs`));
    partials.set(name, { file, ast: parse(env, file, await read(file)) });
  }
  const pageFile = locate('page.hbs');
  const pageAst = parse(env, pageFile, await read(pageFile));

  // Checked before rendering, where Handlebars would only say "could not be found" with no place.
  for (const [file, ast] of [[pageFile, pageAst] as const, ...[...partials.values()].map((p) => [p.file, p.ast] as const)]) {
    checkPartials(file, ast, partials);
  }
  for (const [name, { file, ast }] of partials) env.registerPartial(name, compile(env, file, ast));
  const page = compile(env, pageFile, pageAst);

  const cssFile = locate('brief.css');
  const css = await read(cssFile);
  // The stylesheet is written into a <style> element as it is; this would end it early.
  const end = /<\/style/i.exec(css);
  if (end !== null) throw new TemplateError(cssFile, 'the stylesheet must not contain "</style"', lineAt(css, end.index));
  return { page: (view) => page(view), css };
}

/** The override's file when it has one, else the default's. */
async function fileLocator(folders: TemplateFolders): Promise<(relative: string) => string> {
  const overrides = new Set(folders.overrideDir === undefined ? [] : await listFiles(folders.overrideDir));
  return (relative) => {
    const key = relative.split(path.sep).join('/');
    return overrides.has(key) ? path.join(folders.overrideDir!, relative) : path.join(folders.templatesDir, relative);
  };
}

async function partialNames(folders: TemplateFolders): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of [folders.templatesDir, folders.overrideDir]) {
    if (dir === undefined) continue;
    for (const file of await listFiles(dir)) {
      const match = /^partials\/([^/]+)\.hbs$/.exec(file);
      if (match !== null) names.add(match[1]!);
    }
  }
  return [...names].sort();
}

/** `page.hbs`, `brief.css` and `partials/*.hbs` of a folder, as `/`-separated relative paths; none when it does not exist. */
async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const [sub, pattern] of [['', /^(?:page\.hbs|brief\.css)$/], ['partials', /\.hbs$/]] as const) {
    let names: string[];
    try {
      names = await readdir(path.join(dir, sub));
    } catch (error) {
      if (isMissing(error)) continue;
      throw error;
    }
    for (const name of names) if (pattern.test(name)) files.push(sub === '' ? name : `${sub}/${name}`);
  }
  return files;
}

const isMissing = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/** Reads a template: a default one as it is, one of a brief root through the root's reader. */
async function reader(folders: TemplateFolders): Promise<(file: string) => Promise<string>> {
  const { root, overrideDir } = folders;
  const realRoot = root === undefined ? undefined : await realpath(root).catch(() => path.resolve(root));
  return async (file) => {
    if (root !== undefined && realRoot !== undefined && overrideDir !== undefined && isInside(path.resolve(overrideDir), path.resolve(file))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      const read = await readRootFile(root, realRoot, relative, {
        bytes: MAX_MARKDOWN_BYTES,
        message: (size) => `${relative} is ${formatExactSize(size)}; a template may be at most ${formatExactSize(MAX_MARKDOWN_BYTES)}`,
      });
      if (read.ok) return read.text;
      const error = new TemplateError(file, read.diagnostic?.message ?? 'cannot read the template', null);
      if (read.diagnostic) error.diagnostic = read.diagnostic;
      throw error;
    }
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new TemplateError(file, `cannot read the template: ${error instanceof Error ? error.message : String(error)}`, null, error);
    }
  };
}

function parse(env: Environment, file: string, source: string): hbs.AST.Program {
  try {
    return env.parse(source);
  } catch (error) {
    throw fromHandlebars(file, error, { source });
  }
}

function compile(env: Environment, file: string, ast: hbs.AST.Program): Template {
  let template: Template;
  try {
    template = env.compile(ast, { strict: true });
  } catch (error) {
    throw fromHandlebars(file, error);
  }
  return (context, options) => {
    try {
      return template(context, options);
    } catch (error) {
      // The innermost template that failed names itself; outer ones pass its error on.
      throw error instanceof TemplateError ? error : fromHandlebars(file, error, { ast });
    }
  };
}

/**
 * Handlebars reports a place in three ways: parse errors say "Parse error on
 * line N:" in the message; runtime exceptions (strict lookups) carry
 * `lineNumber` and `column` and end their message with " - N:C"; the helpers
 * add `loc` to theirs (see helpers.ts).
 */
function fromHandlebars(file: string, error: unknown, template: { source?: string; ast?: hbs.AST.Program } = {}): TemplateError {
  if (!(error instanceof Error)) return new TemplateError(file, String(error), null, error);
  const atEnd = template.source !== undefined && /^Parse error on line \d+:[\s\S]*got 'EOF'$/.test(error.message);
  const opened = atEnd ? unclosedBlock(template.source!) : undefined;
  if (opened !== undefined) {
    return new TemplateError(file, `the block {{#${opened.name}}} opened here is never closed; end it with {{/${opened.name}}}`, opened.place, error);
  }
  // A field looked up in text or a number: JavaScript's own words and no place; the template's path has both.
  const field = /^Cannot use 'in' operator to search for '([^']+)' in /.exec(error.message)?.[1];
  const path = field === undefined || template.ast === undefined ? undefined : pathEnding(template.ast, field);
  if (field !== undefined) {
    const reason = `{{${path?.original ?? field}}} looks up "${field}" in a value that has no fields (text or a number); look up a field the data has`;
    return new TemplateError(file, reason, path?.loc ? { line: path.loc.start.line, column: path.loc.start.column + 1 } : null, error);
  }
  const parseError = /^Parse error on line (\d+):\n([\s\S]*)$/.exec(error.message);
  if (parseError !== null) {
    // Handlebars shows the text up to the error, a pointer line, then what it expected and what came instead.
    const [excerpt = '', , expected = ''] = parseError[2]!.split('\n');
    // The list of tokens Handlebars expected is its grammar's jargon; what it found is enough.
    const got = /got '([^']+)'$/.exec(expected)?.[1];
    const reason =
      got === 'EOF'
        ? 'the file ends inside a block: a {{#…}} is not closed'
        : `syntax error near "${excerpt.replace(/^\.\.\./, '…')}"${got === undefined || got === 'INVALID' ? '' : ` (unexpected ${got})`}`;
    return new TemplateError(file, reason, { line: Number(parseError[1]) }, error);
  }
  const located = error as Error & { lineNumber?: unknown; column?: unknown; loc?: hbs.AST.SourceLocation };
  const line = typeof located.lineNumber === 'number' ? located.lineNumber : located.loc?.start.line;
  const column = typeof located.column === 'number' ? located.column : located.loc?.start.column;
  const reason = error.message
    .replace(/ - \d+:\d+$/, '')
    .replace(/ in \[object Object\]$/, '')
    .replace(/^("[^"]*" not defined)$/, '$1 in the data this template receives');
  return new TemplateError(file, reason, line === undefined ? null : { line, column: column === undefined ? null : column + 1 }, error);
}

type AstNode = Record<string, unknown> & { type: string; loc?: hbs.AST.SourceLocation };

/** The last `{{#name …}}` that no `{{/name}}` closes, and where it stands; undefined if every block is closed. */
function unclosedBlock(source: string): { name: string; place: { line: number; column: number } } | undefined {
  const open: Array<{ name: string; offset: number }> = [];
  for (const tag of source.matchAll(/\{\{~?\s*([#/])\s*[>*]?\s*([^\s}~]+)/g)) {
    if (tag[1] === '#') open.push({ name: tag[2]!, offset: tag.index });
    else {
      const at = open.findLastIndex((block) => block.name === tag[2]);
      if (at !== -1) open.length = at;
    }
  }
  const last = open.at(-1);
  return last === undefined ? undefined : { name: last.name, place: lineAt(source, last.offset) };
}

/** The first path expression of the template whose last part is `field` (`meta.title.foo` for "foo"). */
function pathEnding(ast: hbs.AST.Program, field: string): { original: string; loc?: hbs.AST.SourceLocation } | undefined {
  const found = astNodes(ast).find((node) => node.type === 'PathExpression' && (node['parts'] as unknown[] | undefined)?.at(-1) === field);
  return found === undefined ? undefined : { original: String(found['original']), ...(found.loc ? { loc: found.loc } : {}) };
}

/** Every `{{> name}}` must name a partial that exists. */
function checkPartials(file: string, ast: hbs.AST.Program, partials: ReadonlyMap<string, unknown>): void {
  const nodes = astNodes(ast);
  // `{{#*inline "name"}}` defines a partial inside the template itself.
  const inline = new Set(
    nodes
      .filter((node) => node.type === 'DecoratorBlock' && pathName(node['path']) === 'inline')
      .map((node) => (node['params'] as Array<{ value?: unknown }> | undefined)?.[0]?.value),
  );
  // Only plain `{{> name}}`: a partial block (`{{#> name}}…{{/name}}`) falls back to its content.
  for (const node of nodes) {
    const name = node.type === 'PartialStatement' ? pathName(node['name']) : undefined;
    if (name === undefined || partials.has(name) || inline.has(name)) continue;
    const place = node.loc === undefined ? null : { line: node.loc.start.line, column: node.loc.start.column + 1 };
    throw new TemplateError(file, `no partial "${name}": partials are the files of partials/ (${[...partials.keys()].join(', ')})`, place);
  }
}

function astNodes(root: unknown): AstNode[] {
  const nodes: AstNode[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(collect);
    if (typeof value !== 'object' || value === null) return;
    const record = value as AstNode;
    if (typeof record.type === 'string') nodes.push(record);
    for (const [key, child] of Object.entries(record)) if (key !== 'loc') collect(child);
  };
  collect(root);
  return nodes;
}

function pathName(node: unknown): string | undefined {
  const path = node as { type?: unknown; original?: unknown } | undefined;
  return path?.type === 'PathExpression' && typeof path.original === 'string' ? path.original : undefined;
}

function lineAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
