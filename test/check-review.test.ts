// The claims review table (front matter `review: true`): for every event its
// date, its citations, each quote's state and any cross-check warning, after
// Sources in both outputs. Checked on hand-made models, and on the default brief
// built with its recognition date's Disputed line turned into body text.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../src/build.js';
import type { Brief } from '../src/model/types.js';
import { renderHtml } from '../src/render/html/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { quoteState, reviewTable, reviewTotals } from '../src/render/review.js';
import { axeViolations, browserSupport, danglingFragments, launchChromium } from './fixtures/html/browser.js';
import { sampleBrief } from './fixtures/html/sample.js';
import { flat, openPdf, type PdfDocument } from './fixtures/model/pdf-reader.js';
import { sample } from './fixtures/model/sample.js';
import { repoRoot, tempRoot } from './helpers/cli.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
const date = new Date('2025-07-15T09:00:00Z');

/** The sample model asking for the table, with a cross-check warning on the quote giving the disputed date. */
function withReview(brief: Brief): Brief {
  const copy = structuredClone(brief);
  copy.meta.review = true;
  const disputed = copy.events.flatMap((event) => event.disputed.flatMap((d) => d.citationIds))[0];
  const citation = copy.citations.find((c) => c.id === disputed);
  if (citation) citation.warnings = [{ ruleId: 'date-mismatch', text: 'the quote gives 4 July 2025; the Disputed date it backs is 5 July 2025' }];
  return copy;
}

const section = (html: string): string => {
  const start = html.indexOf('<section id="review"');
  if (start === -1) throw new Error('no review section');
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
};

describe('reviewTable', () => {
  it('lists every event in order with one row per citation, and a row for an event that cites nothing', () => {
    const brief = structuredClone(sample);
    brief.events[0]!.citationIds = [];
    const table = reviewTable(brief);
    expect(table.map((entry) => entry.event.id)).toEqual(brief.events.map((event) => event.id));
    expect(table.map((entry) => entry.rows.map((row) => row.citation?.id ?? null))).toEqual(
      brief.events.map((event) => (event.citationIds.length === 0 ? [null] : event.citationIds)),
    );
    expect(table[0]!.rows[0]!.status).toEqual({ label: 'cites no source', level: 'problem' });
    const recognition = table.find((entry) => entry.event.id === 'russia-recognises-taliban')!;
    expect(recognition.rows[0]!.disputed?.label).toBe('4 July 2025');
    expect(recognition.rows[1]!.disputed).toBeUndefined();
  });

  it('says where each quote stands', () => {
    const [c1] = sample.citations;
    expect(quoteState(c1!)).toEqual({ label: 'verified', level: 'ok' });
    expect(quoteState({ ...c1!, status: 'moved' }).label).toBe('verified, moved since the last build');
    expect(quoteState({ ...c1!, status: 'changed' })).toMatchObject({ level: 'problem' });
    expect(quoteState({ ...c1!, anchor: { ...c1!.anchor!, occurrences: 3 } })).toEqual({ label: 'verified; occurs 3 times', level: 'attention' });
    const { anchor: _found, ...unfound } = c1!;
    expect(quoteState(unfound)).toEqual({ label: 'not found', level: 'problem' });
    expect(quoteState(sample.citations.find((c) => c.quote === undefined)!)).toEqual({ label: 'cited without a quote', level: 'none' });
  });

  it('counts what needs a look', () => {
    const totals = reviewTotals(reviewTable(withReview(sample)));
    // c6 occurs twice in its document; c5 carries a warning.
    expect(totals).toEqual({ events: 3, citations: 6, verified: 6, flagged: 2 });
  });
});

describe('the claims review in HTML', () => {
  it('is absent unless the brief asks for it', async () => {
    const html = await renderHtml(sampleBrief(), { templatesDir });
    const body = html.slice(html.indexOf('<body>'));
    expect(body).not.toContain('id="review"');
    expect(body).not.toContain('Claims review');
  });

  it('follows Sources, is in the contents, and has a row per citation linking to its quote', async () => {
    const brief = withReview(sampleBrief());
    const html = await renderHtml(brief, { templatesDir });
    expect(html.indexOf('id="sources"')).toBeLessThan(html.indexOf('id="review"'));
    expect(html).toContain('<li><a href="#review">Claims review</a></li>');
    const table = section(html);
    const rows = brief.events.reduce((sum, event) => sum + Math.max(1, event.citationIds.length), 0);
    expect(table.match(/<tr class=/g)).toHaveLength(rows);
    expect(table.match(/<tbody>/g)).toHaveLength(brief.events.length);
    for (const event of brief.events) expect(table).toContain(`<a href="#${event.id}">`);
    // Every quote link leads to a quote in Sources.
    for (const [, id] of table.matchAll(/<a href="#(quote-[^"]+)"/g)) expect(html).toContain(`id="${id}"`);
    expect(table).toContain('<td class="checks"><p>the quote gives 4 July 2025; the Disputed date it backs is 5 July 2025</p></td>');
    expect(table).toMatch(/\(gives the disputed date <time datetime="2025-07-04">4 July 2025<\/time>\)/);
  });

  it('sets an event title in a script of the other direction in its direction, as on the event', async () => {
    const brief = withReview(sampleBrief());
    const event = brief.events[0]!;
    event.titleText = 'د ویاند بشپړه بیانیه';
    const table = section(await renderHtml(brief, { templatesDir }));
    expect(table).toContain(`<th scope="rowgroup" rowspan="${Math.max(1, event.citationIds.length)}" dir="rtl"><a href="#${event.id}">د ویاند بشپړه بیانیه</a></th>`);
    expect(table.match(/ dir="/g)).toHaveLength(1);
  });
});

describe('the claims review in the PDF', () => {
  let doc: PdfDocument;
  let without: PdfDocument;
  let text: string;

  beforeAll(async () => {
    doc = await openPdf(await renderPdf(withReview(sample), { date }));
    without = await openPdf(await renderPdf(sample, { date }));
    text = flat(doc.pages);
  });

  it('follows Sources, with a contents entry and a bookmark', () => {
    expect(text.lastIndexOf('Sources')).toBeLessThan(text.lastIndexOf('Claims review'));
    expect(doc.outline.map((item) => item.title).slice(-2)).toEqual(['Sources', 'Claims review']);
    expect(flat(doc.pages.slice(1, 2))).toContain('Claims review');
  });

  it('prints the table with every event, its quotes’ states and the warnings, linked both ways', () => {
    const review = text.slice(text.lastIndexOf('Claims review'));
    expect(review).toContain('3 events, 6 citations; 6 of 6 quotes verified; 2 rows need a look.');
    for (const header of ['Date', 'Event', 'Citation', 'Quote', 'Cross-check']) expect(review).toContain(header);
    for (const event of sample.events) expect(review).toContain(event.date.label);
    expect(review).toContain('verified; occurs 2 times');
    expect(review).toMatch(/the quote gives 4 July 2025; the Disputed date it backs is 5 July 2025/);
    // The table's links are those the same PDF without it lacks (a title wrapped on three lines is three links).
    const key = (link: { dest?: string; contents?: string }) => `${link.dest} ${link.contents}`;
    const before = new Map<string, number>();
    for (const link of without.pages.flatMap((page) => page.links)) before.set(key(link), (before.get(key(link)) ?? 0) + 1);
    const added = doc.pages.flatMap((page) => page.links).filter((link) => {
      const left = before.get(key(link)) ?? 0;
      before.set(key(link), left - 1);
      return left <= 0;
    });
    expect(new Set(added.flatMap((link) => (link.dest?.startsWith('event:') ? [link.dest] : [])))).toEqual(
      new Set(sample.events.map((event) => `event:${event.id}`)),
    );
    const quotes = added.filter((link) => link.dest?.startsWith('citation:'));
    expect(quotes.map((link) => link.dest).sort()).toEqual(['c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((id) => `citation:${id}`));
    expect(quotes.every((link) => /^Quote \d in Sources$/.test(link.contents ?? ''))).toBe(true);
    expect(doc.roles).toContain('Table');
  });
});

describe('the claims review of a built brief', () => {
  it('shows the date cross-check’s warning on its row', async () => {
    const root = await tempRoot(repoRoot);
    const file = path.join(root, 'sources', 'brief.md');
    const text = (await readFile(file, 'utf8')).replace(/^Disputed: 2024-04 (.*)$/m, '\nOne source differs $1.');
    await writeFile(file, text);
    const result = await buildBrief(root, { formats: [] });
    const brief = result.brief!;
    brief.meta.review = true;
    const table = section(await renderHtml(brief, { templatesDir }));
    const row = /<tr class="ok flagged">[\s\S]*?<\/tr>/.exec(table)?.[0] ?? '';
    expect(row).toContain('the quote gives April 2024; the event is dated 17 April 2025');
    expect(table.match(/flagged/g)).toHaveLength(1);
  });
});

describe.runIf(browserSupport().run)('the claims review in Chromium', () => {
  it('has no accessibility violations and no link that leads nowhere', async () => {
    const result = await buildBrief(repoRoot, { formats: [] });
    const brief = result.brief!;
    brief.meta.review = true;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-review-'));
    const browser = await launchChromium();
    try {
      const file = path.join(dir, 'review.html');
      await writeFile(file, await renderHtml(brief, { templatesDir }));
      const page = await (await browser.newContext({ bypassCSP: true })).newPage();
      await page.goto(pathToFileURL(file).href);
      expect(await danglingFragments(page)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
