// Templates a brief may change: a templates folder of its own replaces the
// default files one by one, and every template error names the file and line.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHtml, TemplateError } from '../src/render/html/index.js';
import { sampleBrief } from './fixtures/html/sample.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));

describe('templates of a brief root', () => {
  let overrideDir: string;

  beforeEach(async () => {
    overrideDir = await mkdtemp(path.join(os.tmpdir(), 'brief-override-'));
    await mkdir(path.join(overrideDir, 'partials'));
  });

  afterEach(async () => {
    await rm(overrideDir, { recursive: true, force: true });
  });

  const put = (relative: string, content: string) => writeFile(path.join(overrideDir, relative), content);
  const render = () => renderHtml(sampleBrief(), { templatesDir, overrideDir });
  const failure = async (): Promise<TemplateError> => {
    const error = await render().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  };

  it('renders the defaults when the folder is empty or missing', async () => {
    const defaults = await renderHtml(sampleBrief(), { templatesDir });
    expect(await render()).toBe(defaults);
    expect(await renderHtml(sampleBrief(), { templatesDir, overrideDir: path.join(overrideDir, 'absent') })).toBe(defaults);
  });

  it('replaces a partial, the page and the stylesheet file by file, and adds new partials', async () => {
    await put('partials/event.hbs', '<article id="{{id}}" class="event mine">{{{titleHtml}}}{{> stamp}}</article>\n');
    await put('partials/stamp.hbs', '<small>checked</small>');
    await put('brief.css', 'body { color: #000; }');
    const page = await render();
    expect(page).toContain('<article id="talks-open-in-doha" class="event mine">Talks open in <em>Doha</em><small>checked</small></article>');
    expect(page).toContain('<style>body { color: #000; }</style>');
    // Untouched defaults stay: the sources partial, the page layout.
    expect(page).toContain('<section id="sources" class="sources">');
    expect(page).toContain('<nav class="contents" aria-label="Contents">');

    await put('page.hbs', '<!DOCTYPE html>\n<html lang="{{lang}}"><head><meta http-equiv="Content-Security-Policy" content="{{csp}}">{{{styleElement}}}<title>{{meta.title}}</title></head><body>{{> sources sources}}</body></html>\n');
    const custom = await render();
    expect(custom).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB"><head><meta http-equiv="Content-Security-Policy" content="default-src/);
    expect(custom).not.toContain('<nav');
  });

  it('names the file and line of a field the view does not have', async () => {
    await put('partials/event.hbs', '<article id="{{id}}">\n  <h4>{{titel}}</h4>\n</article>');
    const error = await failure();
    expect(error.file).toBe(path.join(overrideDir, 'partials', 'event.hbs'));
    expect(error.line).toBe(2);
    expect(error.column).toBe(9);
    expect(error.message).toBe(`${path.join(overrideDir, 'partials', 'event.hbs')}:2:9: "titel" not defined in the data this template receives`);
  });

  it('names the file and line of a syntax error', async () => {
    await put('partials/quote.hbs', '<li>\n{{#if found}}\n{{found.exact}\n</li>');
    const error = await failure();
    expect(error.file).toBe(path.join(overrideDir, 'partials', 'quote.hbs'));
    expect(error.line).toBe(3);
    expect(error.message).toBe(`${path.join(overrideDir, 'partials', 'quote.hbs')}:3: syntax error near "…ound}}{{found.exact}</li>"`);
    expect(error.reason).not.toContain('\n');
  });

  it('names the file and line of an unclosed block in the page', async () => {
    await put('page.hbs', '<!DOCTYPE html>\n<html>\n{{#if summary}}\n</html>\n');
    const error = await failure();
    expect(error.file).toBe(path.join(overrideDir, 'page.hbs'));
    // Handlebars finds out at the end of the file; the block is traced back to where it opens.
    expect([error.line, error.column]).toEqual([3, 1]);
    expect(error.message).toContain('page.hbs:3:1: the block {{#if}} opened here is never closed; end it with {{/if}}');
    await put('page.hbs', '{{#each events}}{{#if this}}x{{/if}}\n  {{#with meta}}{{/with}}\n{{#> missing}}fallback{{/missing}}\n');
    expect((await failure()).message).toContain('page.hbs:1:1: the block {{#each}} opened here is never closed');
  });

  it('names the file, line and path of a field looked up in text', async () => {
    await put('partials/event.hbs', '<article>\n  <h4>{{id.first}}</h4>\n</article>');
    const error = await failure();
    expect([error.line, error.column]).toEqual([2, 9]);
    expect(error.reason).toBe('{{id.first}} looks up "first" in a value that has no fields (text or a number); look up a field the data has');
  });

  it('names the file and line of a partial that does not exist', async () => {
    await put('partials/sources.hbs', '<section>\n\n  {{> sauces this}}\n</section>');
    const error = await failure();
    expect(error.file).toBe(path.join(overrideDir, 'partials', 'sources.hbs'));
    expect([error.line, error.column]).toEqual([3, 3]);
    expect(error.message).toContain('no partial "sauces"');
    // A partial defined inline, or a partial block with a fallback, is fine.
    await put('partials/sources.hbs', '{{#*inline "sauces"}}ok{{/inline}}{{> sauces}}{{#> missing}}fallback{{/missing}}');
    expect(await render()).toContain('okfallback');
  });

  it('names the file and line of a helper used wrongly', async () => {
    await put('partials/verification.hbs', '<p>\n{{plural documents "document"}}</p>');
    const error = await failure();
    expect(error.file).toBe(path.join(overrideDir, 'partials', 'verification.hbs'));
    expect(error.line).toBe(2);
    expect(error.message).toContain('plural expects a number and two words');
  });

  it('names the default template when a default file is wrong', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'brief-defaults-'));
    try {
      await mkdir(path.join(copy, 'partials'));
      await writeFile(path.join(copy, 'page.hbs'), '{{> title-block meta}}');
      await writeFile(path.join(copy, 'brief.css'), '');
      await writeFile(path.join(copy, 'partials', 'title-block.hbs'), '\n{{subtitel}}');
      const error = (await renderHtml(sampleBrief(), { templatesDir: copy }).catch((e: unknown) => e)) as TemplateError;
      expect(error).toBeInstanceOf(TemplateError);
      expect([error.file, error.line]).toEqual([path.join(copy, 'partials', 'title-block.hbs'), 2]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('refuses a stylesheet that would close its <style> element', async () => {
    await put('brief.css', 'body { color: #000; }\n</style><script>alert(1)</script>');
    const error = await failure();
    expect([error.file, error.line]).toEqual([path.join(overrideDir, 'brief.css'), 2]);
    expect(error.message).toContain('must not contain "</style"');
  });
});
