import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../src/model/types.js';
import { renderHtml, TemplateError } from '../src/render/html/index.js';
import { QUOTE_EXACT, sampleBrief } from './fixtures/html/sample.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

const ids = (html: string): string[] => [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
const fragmentLinks = (html: string): string[] => [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => m[1]!);

/** The element whose start tag carries `id="…"`, up to its end tag (no nesting of the same tag inside). */
function elementById(html: string, id: string): string {
  const match = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>`).exec(html);
  if (match === null) throw new Error(`no element with id ${id}`);
  const end = html.indexOf(`</${match[1]}>`, match.index);
  return html.slice(match.index, end + match[1]!.length + 3);
}

describe('renderHtml', () => {
  let brief: Brief;
  let html: string;

  beforeAll(async () => {
    brief = sampleBrief();
    html = await renderHtml(brief, { templatesDir });
  });

  it('exposes renderHtml and TemplateError only', async () => {
    expect(Object.keys(await import('../src/render/html/index.js')).sort()).toEqual(['TemplateError', 'renderHtml']);
  });

  it('is one self-contained page with a CSP that forbids scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).toMatch(/<style>\s*\/\* A briefing/);
    expect(html).not.toMatch(/<link\b|<script\b|<img\b|<iframe\b|\ssrc=|@import|url\(/i);
  });

  it('renders the parts in order', () => {
    const order = [
      '<header class="title-block">',
      '<nav class="contents"',
      '<main>',
      'id="summary"',
      'id="chronology"',
      'id="year-2024"',
      'id="talks-open-in-doha"',
      'id="year-2025"',
      'id="russia-recognises-the-taliban"',
      'id="journalists-detained"',
      'id="human-rights"',
      'id="hr-journalists-detained"',
      'id="outlook"',
      'id="sources"',
      'id="doc-mishra-2025"',
      'id="doc-tass-2025"',
      'class="verification"',
      'id="notes"',
    ];
    const positions = order.map((needle) => html.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('<section id="year-2025" class="year">\n<h3>2025</h3>');
    expect(html).toContain('<article id="russia-recognises-the-taliban" class="event">');
  });

  it('shows the title block, dates as <time datetime> and event facts', () => {
    expect(html).toContain('<h1>Russia and the Taliban</h1>');
    expect(html).toContain('<p class="subtitle">Recognition, 2024–2025</p>');
    expect(html).toContain('<span class="author">Policy Desk</span> · <time datetime="2025-08-01">1 August 2025</time>');
    expect(html).toContain('<time datetime="2025-07-03">3 July 2025</time>');
    expect(html).toContain('<time datetime="2025-08">August 2025</time>');
    expect(html).toContain('<h4>Talks open in <em>Doha</em></h4>');
    expect(html).toContain('<span class="label">Place</span> Moscow');
    expect(html).toMatch(/<ul class="tags" aria-label="Tags">\s*<li>diplomacy<\/li>\s*<li>recognition<\/li>/);
  });

  it('keeps hostile markdown from becoming live markup', () => {
    const main = html.slice(html.indexOf('<main>'));
    expect(main).not.toMatch(/<script/i);
    expect(main).not.toMatch(/\son\w+=/i);
    expect(main).not.toMatch(/javascript:/i);
    expect(main).not.toMatch(/data:text/i);
    expect(main).not.toContain('alert(');
    expect(main).not.toMatch(/\sstyle=/i);
    expect(ids(html)).not.toContain('evil');
    expect(ids(html)).not.toContain('clobber');
    // The links survive as text, without their hrefs; the image becomes a link to it, not a request.
    expect(main).toContain('<a>a hostile link</a>');
    expect(main).toContain('<a>a data link</a>');
    expect(main).toContain('<a href="https://tracker.example/pixel.png" class="image-link">a remote image</a>');
    expect(main).toContain('<p>Inline  HTML is dropped.</p>');
  });

  it('gives every internal link a target and every id once', () => {
    const all = ids(html);
    expect(all.filter((id, index) => all.indexOf(id) !== index)).toEqual([]);
    const missing = fragmentLinks(html).filter((target) => !all.includes(target));
    expect(missing).toEqual([]);
    expect(html).not.toContain('user-content-');
  });

  it('links only to the documents and to links written in the markdown', () => {
    const external = [...html.matchAll(/\shref="([^"#][^"]*)"/g)].map((m) => m[1]!).sort();
    expect(external).toEqual([
      'https://example.org/analysis',
      'https://example.org/mishra',
      'https://tracker.example/pixel.png',
      'https://www.un.org/en/',
    ]);
  });

  it('numbers citation markers in page order and links each to its quote and back', () => {
    const markers = [...html.matchAll(/<a href="#(quote-c\d+)"[^>]*\sid="(cite-c\d+)">\[(\d+)\]<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(markers).toEqual([
      ['quote-c1', 'cite-c1', '1'], // summary
      ['quote-c2', 'cite-c2', '2'], // 2024 event
      ['quote-c3', 'cite-c3', '3'], // disputed date of the 2025 event
      ['quote-c4', 'cite-c4', '4'],
      ['quote-c5', 'cite-c5', '5'],
    ]);
    for (const citation of brief.citations) {
      const quote = elementById(html, `quote-${citation.id}`);
      expect(quote).toMatch(new RegExp(`^<li id="quote-${citation.id}" value="\\d+">`));
      expect(quote).toContain(`href="#cite-${citation.id}"`);
    }
    expect(elementById(html, 'quote-c2')).toContain('↩ Talks open in Doha</a>');
    // Markers sit against the word they back, whatever space the author left.
    expect(html).toContain('<p>Moscow moved from talks to recognition<sup class="cite">');
    expect(elementById(html, 'quote-c1')).toContain('↩ Summary</a>');
  });

  it('puts the disputed date with its own citation marker beside the date', () => {
    expect(html).toContain(
      '<span class="disputed">disputed: <time datetime="2025-07-04">4 July 2025</time><sup class="cite"><a href="#quote-c3"',
    );
  });

  it('repeats human-rights events without repeating marker ids', () => {
    const entry = elementById(html, 'hr-journalists-detained');
    expect(entry).toContain('<a href="#journalists-detained">Journalists detained in Kabul</a>');
    expect(entry).toContain('<time datetime="2025-08">August 2025</time>');
    expect(entry).toContain('<a href="#quote-c5" title="TASS wire report: “Several journalists were detained in Kabul”">[5]</a>');
    expect(entry).not.toMatch(/\sid="(cite|fnref)-/);
    expect(html.match(/href="#quote-c5"/g)).toHaveLength(2);
  });

  it('shows each quote as found, with its context, line and Unicode intact', () => {
    const quote = elementById(html, 'quote-c2');
    expect(quote).toContain(
      `<span class="context">…held in Doha, he said </span><mark>${QUOTE_EXACT}</mark><span class="context"> added that talks would go on.</span>`,
    );
    // Context cut from running text is trimmed to whole words; context that reached the document's edge is not.
    expect(elementById(html, 'quote-c5')).toContain(
      '<mark>Several journalists were detained in Kabul</mark><span class="context"> last month, according to…</span>',
    );
    expect(quote).toContain('line 4');
    expect(elementById(html, 'quote-c3')).toContain('found 2 times');
    expect(elementById(html, 'quote-c1')).toContain('p. 2, cited without a quote');
  });

  it('lists document metadata and leaves absent fields out', () => {
    const mishra = elementById(html, 'doc-mishra-2025');
    expect(mishra).toContain('<dt>Author</dt><dd>Mishra, Anant</dd>');
    expect(mishra).toContain('<dt>Published in</dt><dd><cite>The Diplomat</cite></dd>');
    expect(mishra).toContain('<a href="https://example.org/mishra">https://example.org/mishra</a>');
    expect(mishra).toContain('<dt>Accessed</dt><dd>10 July 2025</dd>');
    expect(mishra).not.toContain('Publisher');
    const tass = elementById(html, 'doc-tass-2025');
    expect(tass).not.toMatch(/Author|URL|Issued|Accessed|Publisher/);
    expect(tass).toContain('no entry in documents.yaml');
    expect(html).not.toMatch(/undefined|\bnull\b|\[object Object\]|NaN/);
  });

  it('renders tables, links and footnotes with back-links to every reference', () => {
    expect(html).toContain('<th align="right">Members</th>');
    expect(html).toContain('<a href="https://www.un.org/en/">UN</a>');
    expect(html).toContain('<sup class="fnref"><a href="#fn-1" id="fnref-1">1</a></sup>');
    expect(html).toContain('<sup class="fnref"><a href="#fn-1" id="fnref-1-2">1</a></sup>');
    const note = elementById(html, 'fn-1');
    expect(note).toContain('Dates follow the <em>Gregorian</em> calendar.');
    expect(note).toContain('href="#fnref-1"');
    expect(note).toContain('href="#fnref-1-2"');
    expect(html.slice(html.indexOf('id="notes"'))).toContain('<h2>Notes</h2>');
  });

  it('prints the verification line', () => {
    expect(html).toContain(
      'Checked when built: 2 documents, 5 citations; 4 of 4 quotes found verbatim in their documents; 1 warning, 0 errors.',
    );
  });

  it('renumbers its own ids when a section of the brief already uses one', async () => {
    const clash = sampleBrief();
    clash.sections.push({ ...clash.sections[0]!, id: 'sources', title: [{ type: 'text', value: 'Sources' }], titleText: 'Sources' });
    const page = await renderHtml(clash, { templatesDir });
    expect(page).toContain('<section id="sources" class="prose">');
    expect(page).toContain('<section id="sources-2" class="sources">');
    expect(page).toContain('<a href="#sources-2">Sources</a>');
    const all = ids(page);
    expect(all.filter((id, index) => all.indexOf(id) !== index)).toEqual([]);
    expect(fragmentLinks(page).filter((target) => !all.includes(target))).toEqual([]);
  });

  it('names the template file when a template is wrong', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-templates-'));
    try {
      await cp(templatesDir, dir, { recursive: true });
      await writeFile(path.join(dir, 'partials', 'event.hbs'), '<article id="{{id}}">{{titel}}</article>');
      const error = await renderHtml(sampleBrief(), { templatesDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).file).toBe(path.join(dir, 'partials', 'event.hbs'));
      expect((error as Error).message).toContain('"titel" not defined');

      await writeFile(path.join(dir, 'partials', 'event.hbs'), '{{#if id}}unclosed');
      const syntax = await renderHtml(sampleBrief(), { templatesDir: dir }).catch((e: unknown) => e);
      expect(syntax).toBeInstanceOf(TemplateError);
      expect((syntax as TemplateError).file).toBe(path.join(dir, 'partials', 'event.hbs'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!existsSync(CHROMIUM))('the page in Chromium', () => {
  let dir: string;
  let file: string;
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = await mkdtemp(path.join(os.tmpdir(), 'brief-html-'));
    file = path.join(dir, 'brief.html');
    await writeFile(file, await renderHtml(sampleBrief(), { templatesDir }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('follows a citation to its quote and back, makes no request and runs no script', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    page.on('console', (message) => errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    const marker = page.locator('sup.cite a[id]').first();
    const href = await marker.getAttribute('href');
    expect(href).toMatch(/^#quote-c\d+$/);
    await marker.click();
    expect(await page.evaluate(() => location.hash)).toBe(href);
    const target = page.locator(`li${href}`);
    await expect.poll(() => target.count()).toBe(1);
    expect(await target.locator('a.back').getAttribute('href')).toBe(`#${await marker.getAttribute('id')}`);

    await target.locator('a.back').click();
    expect(await page.evaluate(() => location.hash)).toBe(`#${await marker.getAttribute('id')}`);

    // Every internal link resolves in the DOM as the browser built it.
    const dangling = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)))
        .filter((id) => document.getElementById(id) === null),
    );
    expect(dangling).toEqual([]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);

    await page.screenshot({ path: path.join(os.tmpdir(), 'html-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(os.tmpdir(), 'html-390.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
