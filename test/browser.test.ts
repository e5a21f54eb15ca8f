/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The HTML briefing in a real browser: the repository's own brief, built by the
// compiled CLI (`npm test` compiles first), and the hostile fixture.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../src/build.js';
import { renderHtml } from '../src/render/html/index.js';
import { axeViolations, browserSupport, danglingFragments, launchChromium, watch } from './fixtures/html/browser.js';
import { hostileBrief } from './fixtures/html/hostile.js';
import { sampleBrief } from './fixtures/html/sample.js';
import { brief } from './helpers/cli.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
/** Where the screenshots go, to be looked at: `<tmp>/brief-screenshots/`. */
const SCREENSHOTS = path.join(os.tmpdir(), 'brief-screenshots');
const PAPER = 'rgb(253, 252, 249)';

const support = browserSupport();
if (!support.run && support.fail) {
  describe('the HTML in Chromium', () => {
    it('needs Chromium in CI', () => {
      throw new Error(support.reason);
    });
  });
} else if (!support.run) {
  console.warn(`Skipping the browser tests. ${support.reason}`);
}

describe.runIf(support.run)('the HTML in Chromium', () => {
  let dir: string;
  let briefUrl: string;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'brief-browser-'));
    const run = brief(['build', '.', '--out', dir, '--format', 'html']);
    if (run.status !== 0) throw new Error(`brief build failed (${run.status}):\n${run.stderr}`);
    briefUrl = pathToFileURL(path.join(dir, 'brief.html')).href;
    await writeFile(path.join(dir, 'sample.html'), await renderHtml(sampleBrief(), { templatesDir }));
    await writeFile(path.join(dir, 'hostile.html'), await renderHtml(hostileBrief(), { templatesDir }));
    const sample = sampleBrief();
    await writeFile(path.join(dir, 'sample-fa.html'), await renderHtml({ ...sample, meta: { ...sample.meta, lang: 'fa' } }, { templatesDir }));
    // A brief citing a document in Pashto and Dari (test/fixtures/scripts), built in memory.
    const scripts = await buildBrief(fileURLToPath(new URL('fixtures/scripts/', import.meta.url)), { formats: ['html'] });
    const scriptsHtml = scripts.outputs.find((output) => output.name === 'brief.html');
    if (!scriptsHtml) throw new Error(`the scripts fixture did not build:\n${scripts.diagnostics.map((d) => d.message).join('\n')}`);
    await writeFile(path.join(dir, 'scripts.html'), scriptsHtml.data);
    // A brief showing a PNG map and a JPEG photograph (test/fixtures/images).
    const images = await buildBrief(fileURLToPath(new URL('fixtures/images/', import.meta.url)), { formats: ['html'] });
    const imagesHtml = images.outputs.find((output) => output.name === 'brief.html');
    if (!imagesHtml) throw new Error(`the images fixture did not build:\n${images.diagnostics.map((d) => d.message).join('\n')}`);
    await writeFile(path.join(dir, 'images.html'), imagesHtml.data);
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    // The page's CSP forbids scripts; axe-core is one, so the tests' context bypasses it. The
    // CSP is checked on its own below, in a context that honours it.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const open = async (url: string, width = 1280): Promise<{ page: Page; seen: ReturnType<typeof watch> }> => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    const seen = watch(page);
    await page.goto(url);
    return { page, seen };
  };
  /** A page in a context of its own that honours the page's CSP. */
  const openStrict = async (url: string, viewport = { width: 1280, height: 900 }) => {
    const strict = await browser.newContext({ viewport });
    const page = await strict.newPage();
    const seen = watch(page);
    await page.goto(url);
    return { page, seen, close: () => strict.close() };
  };
  const targetId = (page: Page) => page.evaluate(() => document.querySelector(':target')?.id ?? null);

  it('opens a citation’s quote in Sources and follows the back-link to the citation', async () => {
    const { page } = await open(briefUrl);
    const marker = page.locator('main .summary sup.cite a[id]').first();
    const markerId = (await marker.getAttribute('id'))!;
    const href = (await marker.getAttribute('href'))!;
    await marker.click();
    expect(await targetId(page)).toBe(href.slice(1));
    const quote = page.locator(':target');
    expect(await quote.evaluate((el) => el.tagName + ' in ' + el.closest('section')!.className)).toBe('LI in sources');
    expect(await quote.isVisible()).toBe(true);
    // The quote is shown in its sentence, the quoted words highlighted.
    expect((await quote.locator('blockquote mark').textContent())!.length).toBeGreaterThan(10);
    expect(await quote.locator('blockquote .context').count()).toBeGreaterThan(0);

    await quote.locator('a.back').click();
    expect(await targetId(page)).toBe(markerId);
    expect(await page.locator(':target').isVisible()).toBe(true);
    await page.close();
  });

  it('keeps each document’s full text collapsed and opens it at a cited passage', async () => {
    const { page } = await open(briefUrl);
    const closed = await page.evaluate(() => [...document.querySelectorAll('details.full-text')].map((d) => (d as HTMLDetailsElement).open));
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((isOpen) => !isOpen)).toBe(true);

    const quote = page.locator('.sources .quotes > li').first();
    const quoted = await quote.locator('blockquote mark').textContent();
    await quote.locator('a', { hasText: 'in the full text' }).click();
    const mark = page.locator(':target');
    expect(await mark.evaluate((el) => [el.tagName, (el.closest('details') as HTMLDetailsElement).open])).toEqual(['MARK', true]);
    expect(await mark.textContent()).toBe(quoted);
    expect(await mark.isVisible()).toBe(true);

    // From the passage back to the event that cites it.
    const back = page.locator(':target + sup.passage-refs a').first();
    const backHref = (await back.getAttribute('href'))!;
    await back.click();
    expect(await targetId(page)).toBe(backHref.slice(1));
    expect(await page.evaluate(() => document.querySelector(':target')!.closest('main') !== null)).toBe(true);
    await page.close();
  });

  it('resolves every internal link, footnotes and the opened documents included', async () => {
    const { page } = await open(briefUrl);
    const links = await page.evaluate(() => document.querySelectorAll('a[href^="#"]').length);
    expect(links).toBeGreaterThan(300);
    expect(await danglingFragments(page)).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('.notes li[id], sup.fnref a[href]').length)).toBeGreaterThan(1);
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
      return ids.filter((id, index) => ids.indexOf(id) !== index);
    });
    expect(duplicates).toEqual([]);
    await page.close();
  });

  it('has no accessibility violations (axe-core), at 1280 and 390 px, documents closed and open', async () => {
    for (const width of [1280, 390]) {
      const { page } = await open(briefUrl, width);
      expect(await axeViolations(page), `closed, ${width} px`).toEqual([]);
      await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
      expect(await axeViolations(page), `open, ${width} px`).toEqual([]);
      await page.close();
    }
  });

  it('makes no request, runs no script and breaks no rule of its CSP', async () => {
    const { page, seen, close } = await openStrict(briefUrl);
    await page.locator('sup.cite a').first().click();
    await page.locator('details.full-text > summary').first().click();
    const state = await page.evaluate(() => ({
      scripts: document.scripts.length,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
      // The stylesheet is allowed by its hash: if the hash were wrong, the page would be unstyled.
      background: getComputedStyle(document.body).backgroundColor,
    }));
    expect(state.scripts).toBe(0);
    expect(state.csp).toMatch(/^default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(state.background).toBe(PAPER);
    expect(seen).toEqual({ requests: [], errors: [], dialogs: [] });
    await close();
  });

  it('shows the contents as a sidebar on wide screens and as a block under the title on phones', async () => {
    const wide = (await open(briefUrl, 1280)).page;
    const layout = await wide.evaluate(() => {
      const nav = document.querySelector('nav.contents')!.getBoundingClientRect();
      const main = document.querySelector('main')!.getBoundingClientRect();
      return { navRight: nav.right, mainLeft: main.left, position: getComputedStyle(document.querySelector('nav.contents')!).position };
    });
    expect(layout.navRight).toBeLessThanOrEqual(layout.mainLeft);
    expect(layout.position).toBe('sticky');
    await wide.screenshot({ path: path.join(SCREENSHOTS, 'brief-1280.png') });
    // The sidebar stays in view down the page.
    await wide.goto(`${briefUrl}#sources`);
    expect(await wide.locator('nav.contents').evaluate((nav) => nav.getBoundingClientRect().top)).toBeLessThanOrEqual(0);
    await wide.screenshot({ path: path.join(SCREENSHOTS, 'brief-1280-sources.png') });
    await wide.close();

    const phone = (await open(briefUrl, 390)).page;
    const stacked = await phone.evaluate(() => {
      const title = document.querySelector('.title-block')!.getBoundingClientRect();
      const nav = document.querySelector('nav.contents')!.getBoundingClientRect();
      const main = document.querySelector('main')!.getBoundingClientRect();
      return {
        order: title.bottom <= nav.top && nav.bottom <= main.top,
        navHeight: nav.height,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    expect(stacked.order).toBe(true);
    expect(stacked.navHeight).toBeLessThan(400);
    expect(stacked.overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'brief-390.png') });
    await phone.locator('.sources .quotes > li a', { hasText: 'in the full text' }).first().click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'brief-390-full-text.png') });
    await phone.close();
  });

  it('lays a brief in a right-to-left language out from the right: the contents on the right, rules on the start side, English paragraphs left to right', async () => {
    const { page } = await open(pathToFileURL(path.join(dir, 'sample-fa.html')).href, 1280);
    const layout = await page.evaluate(() => {
      const nav = document.querySelector('nav.contents')!.getBoundingClientRect();
      const main = document.querySelector('main')!.getBoundingClientRect();
      const event = document.querySelector('.event');
      // The sample's prose is English: each of its paragraphs reads left to right in the right-to-left page.
      const paragraph = document.querySelector('.event .body p');
      return {
        dir: document.documentElement.dir,
        navLeft: nav.left,
        mainRight: main.right,
        eventRule: event ? getComputedStyle(event).borderRightWidth : null,
        paragraph: paragraph ? { direction: getComputedStyle(paragraph).direction, align: getComputedStyle(paragraph).textAlign } : null,
      };
    });
    expect(layout.dir).toBe('rtl');
    expect(layout.paragraph).toEqual({ direction: 'ltr', align: 'start' });
    expect(layout.navLeft).toBeGreaterThanOrEqual(layout.mainRight);
    expect(layout.eventRule).toBe('3px');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sample-fa-1280.png') });
    await page.close();
    const ltr = (await open(pathToFileURL(path.join(dir, 'sample.html')).href, 1280)).page;
    expect(await ltr.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await ltr.close();
  });

  it('sets a Pashto title, and the passages and full text of a Pashto document, right to left in an English brief, and English ones left to right', async () => {
    const { page } = await open(pathToFileURL(path.join(dir, 'scripts.html')).href, 1280);
    const layout = await page.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
      const direction = (selector: string) => getComputedStyle(document.querySelector(selector)!).direction;
      const text = document.querySelector('#doc-tolo-2025 .document-text')!;
      const box = text.getBoundingClientRect();
      const padding = parseFloat(getComputedStyle(text).paddingRight);
      // The cited words that open the document's third line, a line in Pashto.
      const opening = document.querySelector('#passage-c9')!.getBoundingClientRect();
      const english = document.querySelector('#doc-tass-2025 .document-text')!;
      return {
        pashtoPassage: direction('#quote-c5 .passage'),
        englishPassage: direction('#quote-c1 .passage'),
        fromRight: box.right - padding - opening.right,
        fromLeft: opening.left - box.left,
        englishLines: getComputedStyle(english).unicodeBidi,
        // The event titled in Pashto, and one titled in English.
        pashtoTitle: getComputedStyle(document.getElementById('د-ویاند-بشپړه-بیانیه')!.querySelector('h4')!).direction,
        englishTitle: getComputedStyle(document.querySelector('.event h4')!).direction,
      };
    });
    expect(layout.pashtoPassage).toBe('rtl');
    expect(layout.englishPassage).toBe('ltr');
    // The Pashto line starts at the right edge of the text; a line that starts with Latin letters reads from the left.
    expect(Math.abs(layout.fromRight)).toBeLessThan(2);
    expect(layout.fromLeft).toBeGreaterThan(100);
    expect(layout.englishLines).toBe('plaintext');
    expect(layout.pashtoTitle).toBe('rtl');
    expect(layout.englishTitle).toBe('ltr');
    await page.locator('#doc-tolo-2025').screenshot({ path: path.join(SCREENSHOTS, 'scripts-sources-1280.png') });
    await page.close();
  });

  it('shows the brief’s images from inside the page, within the column, under its CSP', async () => {
    const { page, seen, close } = await openStrict(pathToFileURL(path.join(dir, 'images.html')).href, { width: 390, height: 844 });
    const images = await page.evaluate(() =>
      [...document.querySelectorAll('main img')].map((img) => {
        const image = img as HTMLImageElement;
        const column = image.parentElement!.getBoundingClientRect();
        return { alt: image.alt, natural: [image.naturalWidth, image.naturalHeight], fits: image.getBoundingClientRect().width <= column.width + 0.5 };
      }),
    );
    expect(images).toEqual([
      { alt: 'Sketch map of the border crossing', natural: [240, 160], fits: true },
      { alt: 'The agreement’s first page', natural: [100, 141], fits: true },
      { alt: 'The agreement’s first page', natural: [100, 141], fits: true },
    ]);
    expect(seen).toEqual({ requests: [], errors: [], dialogs: [] });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'images-390.png'), fullPage: false });
    await close();
  });

  it('prints without the sidebar, with web addresses after links, documents open and headings kept with their events', async () => {
    const { page } = await open(briefUrl);
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      const external = [...document.querySelectorAll('main a[href^="http"]')].find((a) => !a.closest('.url'))!;
      const mark = document.querySelector('details.full-text mark')!.getBoundingClientRect();
      return {
        nav: style('nav.contents').display,
        permalink: style('.permalink').display,
        after: getComputedStyle(external, '::after').content,
        href: external.getAttribute('href'),
        // Inside a closed <details>, yet laid out on paper.
        markHeight: mark.height,
        eventHeader: style('.event > header').breakInside,
        heading: style('.event h4').breakAfter,
      };
    });
    expect(print.nav).toBe('none');
    expect(print.permalink).toBe('none');
    expect(print.after).toContain(print.href);
    expect(print.markHeight).toBeGreaterThan(0);
    expect(print.eventHeader).toBe('avoid');
    expect(print.heading).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await writeFile(path.join(SCREENSHOTS, 'brief-print.pdf'), pdf);
    await page.close();
  });

  it('keeps hostile input inert: no script, handler, request, style or unsafe link', async () => {
    const { page, seen, close } = await openStrict(pathToFileURL(path.join(dir, 'hostile.html')).href);
    // Give anything that could run a chance to: follow links, open every document, hover everything.
    await page.locator('details.full-text > summary').first().click();
    await page.locator('a.permalink').nth(2).click();
    for (const element of (await page.locator('main h1, main a, main mark, main li').all()).slice(0, 40)) {
      await element.hover({ timeout: 500 }).catch(() => {});
    }
    const found = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        scripts: document.scripts.length,
        styles: document.querySelectorAll('style').length,
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        styleAttributes: all.filter((el) => el.hasAttribute('style')).map((el) => el.tagName),
        embeds: document.querySelectorAll('img, iframe, object, embed, svg, link, base, form, meta[http-equiv="refresh"]').length,
        unsafeLinks: [...document.querySelectorAll('a[href]')]
          .map((a) => a.getAttribute('href')!)
          .filter((href) => !href.startsWith('#') && !/^https?:\/\//i.test(href)),
        background: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(found).toEqual({ scripts: 0, styles: 1, handlers: [], styleAttributes: [], embeds: 0, unsafeLinks: [], background: PAPER });
    expect(await danglingFragments(page)).toEqual([]);
    expect(seen).toEqual({ requests: [], errors: [], dialogs: [] });
    await close();
  });

  it('resolves every link of the sample page, footnotes included, with no violations', async () => {
    const { page, seen } = await open(pathToFileURL(path.join(dir, 'sample.html')).href);
    expect(await danglingFragments(page)).toEqual([]);
    await page.locator('sup.fnref a').first().click();
    expect(await targetId(page)).toBe('fn-1');
    await page.locator(':target .back-links a').first().click();
    expect(await targetId(page)).toBe('fnref-1');
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.requests).toEqual([]);
    await page.close();
  });

  it('leaves the screenshots where they can be looked at', async () => {
    for (const name of ['brief-1280.png', 'brief-390.png']) {
      expect((await readFile(path.join(SCREENSHOTS, name))).subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
