// The PDF renderer, checked on the PDF itself: text extracted with pdfjs-dist,
// link annotations, metadata, embedded fonts (pdffonts, when installed).
// `PDF_OUT=/tmp/sample.pdf npx vitest run test/render-pdf.test.ts` also writes
// the sample's PDF, to look at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Brief, Citation, Event } from '../src/model/types.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { footnoteLetter, noteScope } from '../src/render/pdf/numbering.js';
import { joinNames, verificationLine } from '../src/render/pdf/sources.js';
import { md, sample } from './fixtures/model/sample.js';

const date = new Date('2025-07-15T09:00:00Z');

interface Item {
  str: string;
  hasEOL: boolean;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  width: number;
}

interface Page {
  text: string;
  items: Item[];
  annotations: { subtype: string; url?: string; dest?: unknown }[];
  width: number;
  height: number;
}

async function open(data: Uint8Array) {
  // pdfjs takes ownership of the buffer it is given; hand it a copy.
  const pdf = await getDocument({ data: data.slice(), verbosity: 0 }).promise;
  const pages: Page[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item
        ? [{ str: item.str, hasEOL: item.hasEOL, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }]
        : [],
    );
    pages.push({
      text: items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''),
      items,
      annotations: await page.getAnnotations(),
      width: page.view[2] as number,
      height: page.view[3] as number,
    });
  }
  const metadata = await pdf.getMetadata();
  const outline = ((await pdf.getOutline()) ?? []) as Outline[];
  await pdf.destroy();
  return { pages, outline, info: metadata.info as Record<string, unknown> };
}

interface Outline {
  title: string;
  items: Outline[];
}

/** Text of all pages with whitespace (line ends included) collapsed to single spaces. */
const flat = (pages: readonly Page[]): string =>
  pages
    .map((page) => page.text)
    .join('\n')
    .replace(/\s+/g, ' ');

function expectInsideMargins(pages: readonly Page[]): void {
  for (const page of pages) {
    const furniture = page.items.filter((item) => /^Page \d+ of \d+$/.test(item.str) || item.y > page.height - 60);
    expect(furniture.length).toBeGreaterThan(0);
    for (const item of page.items) {
      if (!item.str.trim()) continue;
      expect(item.x, item.str).toBeGreaterThanOrEqual(71.9);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(page.width - 71.9);
      if (furniture.includes(item)) continue;
      expect(item.y, item.str).toBeGreaterThanOrEqual(66);
      expect(item.y, item.str).toBeLessThanOrEqual(page.height - 70);
    }
  }
}

describe('renderPdf', () => {
  let bytes: Uint8Array;
  let doc: Awaited<ReturnType<typeof open>>;
  let text: string;

  beforeAll(async () => {
    bytes = await renderPdf(sample, { date });
    if (process.env.PDF_OUT) writeFileSync(process.env.PDF_OUT, bytes);
    doc = await open(bytes);
    text = flat(doc.pages);
  });

  it('exports only renderPdf', async () => {
    expect(Object.keys(await import('../src/render/pdf/index.js'))).toEqual(['renderPdf']);
  });

  it('writes a PDF with the brief as metadata', () => {
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(doc.info.Title).toBe(sample.meta.title);
    expect(doc.info.Author).toBe('Policy Unit');
    expect(doc.info.Subject).toBe('A chronology with verified quotes');
    expect(doc.info.CreationDate).toBe('D:20250715090000Z');
    expect(new TextDecoder('latin1').decode(bytes)).toContain('/Lang (en)');
  });

  it('is deterministic for a given date', async () => {
    expect(Buffer.from(await renderPdf(sample, { date })).equals(Buffer.from(bytes))).toBe(true);
  });

  it('prints the title block and the sections in order', () => {
    const order = [
      sample.meta.title,
      'A chronology with verified quotes',
      'Policy Unit · 15 July 2025',
      'Summary',
      'Chronology',
      'Events are listed by their start date',
      'Human rights',
      'The Taliban’s treatment of women',
      'Outlook',
      'Sources',
      'Verification:',
    ];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((position) => position >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints the chronology grouped by year, events in date order', () => {
    const chronology = text.slice(text.indexOf('Chronology'), text.indexOf('Human rights'));
    const order = ['2024', 'Gunmen attack Crocus City Hall', 'UN rapporteur reports', '2025', 'Russia formally recognises'];
    const positions = order.map((needle) => chronology.indexOf(needle));
    expect(positions.every((position) => position >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(chronology).toContain('22 March 2024');
    expect(chronology).toContain('Place: Krasnogorsk · Tags: security, terrorism · Actors: ISIS-K');
  });

  it('shows a disputed date beside the date, naming its source', () => {
    expect(text).toContain(
      '3 July 2025 · Disputed: 4 July 2025 (source: Russia’s Recognition of the Taliban: A Win-Win for the Kremlin and Kabul?)',
    );
  });

  it('repeats human-rights events in their section with body and notes', () => {
    const humanRights = text.slice(text.indexOf('Human rights'), text.indexOf('Outlook'));
    expect(humanRights).toContain('UN rapporteur reports on restrictions on women and girls');
    expect(humanRights).toContain('ban on girls’ secondary education');
    expect(humanRights).not.toContain('Russia formally recognises');
    expect(humanRights).not.toContain('Tags: human-rights');
  });

  it('prints quotes with their special characters as notes naming the document', () => {
    expect(text).toContain('1. Situation of human rights in Afghanistan, line 14: “killed at least 145 people — the deadliest attack in Russia in two decades”');
    expect(text).toContain('Сергей Лавров said the decision “opens a new page”');
    expect(text).toContain('2. Lavrov on relations with Afghanistan, line 7: “aid of €12 million was suspended”');
    expect(text).toContain('Türkiye, Qatar and others');
    expect(text).toContain('1. Situation of human rights in Afghanistan, p. 4');
  });

  it('numbers note markers per event, disputed dates first', () => {
    // The 2025 event: c5 (disputed) is 1, c6 is 2, c7 is 3; a group prints its numbers sorted.
    const event = text.slice(text.indexOf('3 July 2025 · Disputed'), text.indexOf('Human rights'));
    expect(event).toContain('Kabul?)[1]');
    expect(event).toContain('in relations[2]');
    expect(event).toContain('to follow[2, 3]');
    expect(event).toContain('1. Russia’s Recognition of the Taliban');
    expect(event).toContain('3. Russia’s Recognition of the Taliban: A Win-Win for the Kremlin and Kabul?, line 40: “Türkiye, Qatar and others”');
    // The summary numbers from 1 again.
    const summary = text.slice(text.indexOf('Summary'), text.indexOf('Chronology'));
    expect(summary).toContain('government[1]');
  });

  it('prints footnotes as lettered notes', () => {
    expect(text).toContain('was suspended[2].[a]');
    expect(text).toContain('a. The figure covers bilateral aid only');
  });

  it('renders markdown: tables, lists, links, code, images; drops raw HTML', () => {
    for (const needle of ['Country', 'Position', 'Aid (€m)', 'Recognised[2]', 'Uzbekistan']) expect(text).toContain(needle);
    expect(text).toContain('1. tighter border controls with Tajikistan;');
    expect(text).toContain('◦ with Central Asian states,');
    expect(text).toContain('ministry statement');
    expect(text).toContain('Unconfirmed reports spoke of credentials being accepted.');
    expect(text).toContain('status: recognised');
    expect(text).toContain('[Image: Map of Afghanistan]');
    expect(text).toContain('☑ Brief the minister ☐ Review in October');
    expect(text).toContain('Reactions');
    expect(text).not.toContain('raw html');
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('{{');
  });

  it('prints Sources with metadata, leaving absent fields out, and every quote with its line and event', () => {
    const sources = text.slice(text.lastIndexOf('Sources'));
    expect(sources).toContain('Anjali Mishra and Omar Khan · Eurasia Review · Eurasia Review News & Analysis · 5 July 2025');
    expect(sources).toContain('Accessed 10 July 2025');
    expect(sources).toContain('Situation of human rights in Afghanistan United Nations Human Rights Council File');
    expect(sources).toContain('no entry in documents.yaml');
    expect(sources).toContain(`File sources/documents/un-2024.txt · SHA-256 ${'1'.repeat(64)}`);
    expect(sources).toContain('“aid of €12 million was suspended” Line 7 · 10 September 2024: UN rapporteur reports');
    expect(sources).toContain('Line 3 · found 2 times; anchored to the first');
    expect(sources).toContain('Cited without a quote (p. 4) · Outlook');
    expect(sources).toContain('3 documents · 8 citations · 7 quotes verified · 1 warning');
  });

  it('numbers pages and repeats the title in a running header from page 2', () => {
    const count = doc.pages.length;
    expect(count).toBeGreaterThan(1);
    doc.pages.forEach((page, index) => expect(page.text).toContain(`Page ${index + 1} of ${count}`));
    const [first, second] = doc.pages.map((page) => flat([page]));
    expect(first?.split(sample.meta.title)).toHaveLength(2);
    expect(second).toContain(`${sample.meta.title} 15 July 2025 Page 2 of`);
  });

  it('links URLs, and note markers and event titles to their targets', () => {
    const annotations = doc.pages.flatMap((page) => page.annotations);
    const urls = annotations.flatMap((annotation) => (annotation.url ? [annotation.url] : []));
    expect(urls).toContain('https://mid.ru/en/foreign_policy/news/');
    expect(urls).toContain(sample.documents[0]?.meta.url);
    expect(urls.some((url) => url.includes('that/does/not/fit'))).toBe(true);
    const destinations = annotations.flatMap((annotation) => (typeof annotation.dest === 'string' ? [annotation.dest] : []));
    expect(destinations).toContain('document:tass-2025');
    expect(destinations).toContain('event:un-report-on-women');
    // The human-rights repeat links its title back to the chronology entry.
    const repeatLinks = destinations.filter((name) => name === 'event:un-report-on-women');
    expect(repeatLinks.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps all text inside the margins (72 pt at the sides; header and footer in the top and bottom ones)', async () => {
    expectInsideMargins(doc.pages);
    // Two-digit note numbers still stand inside the margin.
    const many = Array.from({ length: 12 }, (_, index) => ({ ...(sample.citations[1] as Citation), id: `m${index}` }));
    const event: Event = {
      ...(sample.events[0] as Event),
      body: md(`Many notes ${many.map((citation) => `{{${citation.id}}}`).join(' ')}.`),
      citationIds: many.map((citation) => citation.id),
    };
    const crowded: Brief = {
      ...sample,
      events: [event],
      citations: [...sample.citations, ...many],
      chronology: { intro: [], years: [{ year: 2024, eventIds: [event.id] }] },
      humanRights: { intro: [], eventIds: [] },
    };
    const { pages } = await open(await renderPdf(crowded, { date }));
    expect(flat(pages)).toContain('12. Situation of human rights');
    expectInsideMargins(pages);
  });

  it('adds bookmarks for the parts, years and events', () => {
    expect(doc.outline.map((item) => item.title)).toEqual(['Summary', 'Chronology', 'Human rights', 'Outlook', 'Sources']);
    const years = doc.outline[1]?.items ?? [];
    expect(years.map((item) => item.title)).toEqual(['2024', '2025']);
    expect(years[1]?.items.map((item) => item.title)).toEqual(['3 July 2025 — Russia formally recognises the Taliban government']);
  });

  it('renders a brief with nothing optional', async () => {
    const minimal: Brief = {
      meta: { title: 'Empty brief', lang: 'de' },
      summary: [],
      chronology: { intro: [], years: [] },
      humanRights: { intro: [], eventIds: [] },
      sections: [],
      events: [],
      citations: [],
      documents: [],
      footnotes: {},
      verification: { documents: 0, citations: 0, quotes: 0, quotesVerified: 0, warnings: 0, errors: 0 },
    };
    const { pages, info } = await open(await renderPdf(minimal, { date }));
    const all = flat(pages);
    expect(pages).toHaveLength(1);
    expect(info.Title).toBe('Empty brief');
    expect(info.Author).toBeUndefined();
    expect(all).toContain('Chronology');
    expect(all).toContain('0 documents · 0 citations · 0 quotes verified · 0 warnings');
    expect(all).toContain('Page 1 of 1');
    expect(all).not.toContain('undefined');
    expect(all).not.toContain('Human rights');
  });

  it('embeds DejaVu and no other font', () => {
    let listing: string;
    const dir = mkdtempSync(path.join(tmpdir(), 'render-pdf-'));
    try {
      const file = path.join(dir, 'sample.pdf');
      writeFileSync(file, bytes);
      listing = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        console.warn('pdffonts is not installed; skipping the embedded-font check');
        return;
      }
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const fonts = listing.split('\n').slice(2).filter((line) => line.trim());
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const line of fonts) {
      expect(line).toMatch(/^[A-Z]{6}\+DejaVu/);
      expect(line).toMatch(/ yes +yes +yes /);
    }
  });

  it('renders a brief of 25 events well under a second', async () => {
    const template = sample.events[2] as Event;
    const events = Array.from({ length: 25 }, (_, index): Event => ({
      ...template,
      id: `event-${index}`,
      date: { ...template.date, sortKey: template.date.sortKey + index },
    }));
    const big: Brief = {
      ...sample,
      events,
      chronology: { ...sample.chronology, years: [{ year: 2025, eventIds: events.map((event) => event.id) }] },
    };
    await renderPdf(big, { date }); // warm up: fonts and modules
    const started = performance.now();
    const pdf = await renderPdf(big, { date });
    const elapsed = performance.now() - started;
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('pdf layout helpers', () => {
  it('numbers notes in reading order: disputed dates, body, footnotes, then the rest', () => {
    const event = sample.events[2] as Event;
    const scope = noteScope(sample, event.body, ['c5'], [...event.citationIds, 'c1']);
    expect([...scope.citations]).toEqual([
      ['c5', 1],
      ['c6', 2],
      ['c7', 3],
      ['c1', 4],
    ]);
    const withFootnote = noteScope(sample, (sample.events[1] as Event).body);
    expect([...withFootnote.footnotes]).toEqual([['aid', 'a']]);
  });

  it('letters footnotes a … z, aa …', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(footnoteLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']);
  });

  it('formats names and the verification line', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
    expect(verificationLine({ documents: 5, citations: 48, quotes: 45, quotesVerified: 45, warnings: 2, errors: 0 })).toBe(
      '5 documents · 48 citations · 45 quotes verified · 2 warnings',
    );
    expect(verificationLine({ documents: 1, citations: 1, quotes: 2, quotesVerified: 1, warnings: 1, errors: 1 })).toBe(
      '1 document · 1 citation · 1 of 2 quotes verified · 1 warning · 1 error',
    );
  });
});
