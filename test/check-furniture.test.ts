// Source hygiene, the rendering side: stretches of a document that are not the
// article (`SourceDocument.furniture`: page furniture, repeated blocks) are set
// apart in the HTML's full-text view, each opened by a tag, without changing a
// character of the text and without breaking the marks of cited passages.
// Checked on a hand-made model; the detection is another stage's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Brief, FurnitureRange } from '../src/model/types.js';
import { furnitureRanges } from '../src/render/html/full-text.js';
import { renderHtml } from '../src/render/html/index.js';
import { axeViolations, browserSupport, danglingFragments, launchChromium } from './fixtures/html/browser.js';
import { DOCUMENT_TEXT, QUOTE_EXACT, sampleBrief } from './fixtures/html/sample.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
const text = DOCUMENT_TEXT['mishra-2025'];
const offsetOf = (needle: string): number => {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`not in the document: ${needle}`);
  return at;
};
const lineRange = (needle: string, kind: FurnitureRange['kind']): FurnitureRange => {
  const start = text.lastIndexOf('\n', offsetOf(needle)) + 1;
  const end = text.indexOf('\n', start);
  return { start, end: end === -1 ? text.length : end, kind };
};

/** The sample with furniture: a line of its own, one that runs into a quoted passage, and a repeated line. */
function withFurniture(): Brief {
  const brief = sampleBrief();
  const document = brief.documents.find((d) => d.id === 'mishra-2025')!;
  const quote = offsetOf(QUOTE_EXACT);
  document.furniture = [
    lineRange('Officials met at a conference', 'furniture'),
    // From the start of the quote's line into the quote itself.
    { start: text.lastIndexOf('\n', quote) + 1, end: quote + 10, kind: 'furniture' },
    lineRange('Critics repeated', 'repeated'),
  ];
  return brief;
}

function fullText(html: string): string {
  const start = html.indexOf('<div class="document-text">', html.indexOf('id="doc-mishra-2025"'));
  return html.slice(start, html.indexOf('</div>', start));
}

/** The text a reader copies: without the tags (not selectable), the back-links and markup. */
function readerText(html: string): string {
  return html
    .replace(/<span class="furniture-tag">[^<]*<\/span>/g, '')
    .replace(/<sup class="passage-refs">[\s\S]*?<\/sup>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('furnitureRanges', () => {
  it('keeps ranges inside the text, in order, not overlapping, dropping what cannot be a range', () => {
    const ranges = furnitureRanges(
      [
        { start: 50, end: 60, kind: 'repeated' },
        { start: -5, end: 10, kind: 'furniture' },
        { start: 5, end: 20, kind: 'repeated' },
        { start: 30, end: 30, kind: 'furniture' },
        { start: 40, end: 35, kind: 'furniture' },
        { start: 1.5, end: 3, kind: 'furniture' },
        { start: 90, end: 500, kind: 'furniture' },
        { start: 55, end: 58, kind: 'furniture' },
        { start: 0, end: 2, kind: 'advert' as FurnitureRange['kind'] },
      ],
      100,
    );
    expect(ranges).toEqual([
      { start: 0, end: 10, kind: 'furniture' },
      { start: 10, end: 20, kind: 'repeated' },
      { start: 50, end: 60, kind: 'repeated' },
      { start: 90, end: 100, kind: 'furniture' },
    ]);
    expect(furnitureRanges(undefined, 10)).toEqual([]);
  });
});

describe('furniture in the full-text view', () => {
  let html: string;
  let view: string;

  beforeAll(async () => {
    html = await renderHtml(withFurniture(), { templatesDir });
    view = fullText(html);
  });

  it('sets each range apart in a span of its kind, opened by one tag', () => {
    expect(view.match(/<span class="furniture furniture-furniture"/g)).toHaveLength(3);
    expect(view.match(/<span class="furniture furniture-repeated"/g)).toHaveLength(1);
    // The range that runs into a quote is split at the mark's edge; only its first piece has the tag.
    expect(view.match(/<span class="furniture-tag">not article<\/span>/g)).toHaveLength(2);
    expect(view.match(/<span class="furniture-tag">repeated<\/span>/g)).toHaveLength(1);
    expect(view).toContain('<span class="furniture furniture-furniture" title="Page furniture, not the article: links, adverts, promotions"><span class="furniture-tag">not article</span>Officials met at a conference in Moscow last spring.</span>');
    expect(view).toMatch(/<mark id="passage-[^"]+"><span class="furniture furniture-furniture" title="[^"]+">“We will p<\/span>ay €2 million/);
  });

  it('changes no character of the document and keeps every mark whole', () => {
    expect(readerText(view)).toBe(text);
    const marks = [...view.matchAll(/<mark id="([^"]+)">/g)].map((match) => match[1]);
    expect(new Set(marks).size).toBe(marks.length);
    // No mark is cut by a furniture span: each closes after the spans opened inside it.
    for (const mark of view.split('<mark').slice(1)) {
      const inside = mark.slice(0, mark.indexOf('</mark>'));
      expect(inside.match(/<span\b/g)?.length ?? 0).toBe(inside.match(/<\/span>/g)?.length ?? 0);
    }
  });

  it('says in the summary and a legend what is set apart', () => {
    const article = html.slice(html.indexOf('id="doc-mishra-2025"'));
    expect(article).toContain('<summary>The full text of the document, 3 passages marked, 3 set apart as not the article</summary>');
    expect(article).toContain(
      '<p class="furniture-legend">Set apart, each opened by a tag: 2 stretches of page furniture (links, adverts, promotions) and 1 block the document repeats. They are not the article itself.</p>',
    );
  });

  it('adds nothing to a document without furniture', async () => {
    const plain = await renderHtml(sampleBrief(), { templatesDir });
    expect(plain.slice(plain.indexOf('<body>'))).not.toMatch(/class="furniture|furniture-legend|set apart/);
  });

  it('escapes the text inside furniture like any other', async () => {
    const brief = sampleBrief();
    const document = brief.documents.find((d) => d.id === 'mishra-2025')!;
    document.furniture = [lineRange('Markup in a document is text', 'furniture'), lineRange('<a href="javascript', 'furniture')];
    const page = fullText(await renderHtml(brief, { templatesDir }));
    expect(page).not.toMatch(/<script|<style|<a href="javascript|<[^>]*\sonclick=/);
    expect(page).toContain('&#x3C;script>alert("document")&#x3C;/script>');
  });
});

describe.runIf(browserSupport().run)('furniture in Chromium', () => {
  it('has no accessibility violations, opened or closed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-furniture-'));
    const browser = await launchChromium();
    try {
      const file = path.join(dir, 'furniture.html');
      await writeFile(file, await renderHtml(withFurniture(), { templatesDir }));
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      await page.goto(pathToFileURL(file).href);
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('details')) details.open = true;
      });
      expect(await danglingFragments(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      // The tag is not copied with the text.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.furniture-tag')!).userSelect)).toBe('none');
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
