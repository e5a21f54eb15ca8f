// Page layout of the PDF: both paper sizes, text inside the margins however
// long its words, tables across pages with their header repeated, and headings
// that never end a page. Positions come from pdfjs-dist's text items.
import { describe, expect, it } from 'vitest';
import type { Brief, Citation, Event } from '../src/model/types.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { bodyItems, flat, openPdf, outsideMargins, type PdfDocument } from './fixtures/model/pdf-reader.js';
import { at, day, md, phrasing, sample } from './fixtures/model/sample.js';

const date = new Date('2025-07-15T09:00:00Z');

function event(id: string, dayOfMonth: number, title: string, body: string, citationIds: string[] = [], year = 2025): Event {
  return {
    type: 'event',
    id,
    date: day(year, 1, dayOfMonth),
    title: phrasing(title),
    titleText: title,
    tags: [],
    actors: [],
    disputed: [],
    body: md(body),
    citationIds,
    position: at('sources/brief.md', dayOfMonth),
  };
}

function briefOf(events: Event[], extra: Partial<Brief> = {}): Brief {
  return {
    ...sample,
    summary: [],
    sections: [],
    events,
    chronology: { intro: [], years: [{ year: 2025, eventIds: events.map((item) => item.id) }] },
    humanRights: { intro: [], eventIds: [] },
    ...extra,
  };
}

const longUrl = `https://www.example.org/${'a-very-long-path-segment/'.repeat(6)}statement.html?query=${'x'.repeat(60)}`;
const longWord = 'Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft'.repeat(2);

/** Everything that could run off the page: long URLs and words in text, headings, tables, notes and code. */
const stress = briefOf([
  event(
    'long-words',
    1,
    `A title with a word too long for any line: ${longWord}`,
    [
      `A paragraph with a bare URL ${longUrl} and a [linked one](${longUrl}) and a word ${longWord} inside.`,
      '',
      `### A heading with ${longWord}`,
      '',
      `- a list item with ${longUrl}`,
      `  - nested, with ${longWord}`,
      '',
      `> a quote with ${longUrl}`,
      '',
      '```',
      `a code line longer than the page: ${'0123456789'.repeat(14)}`,
      '```',
      '',
      '| One | Two | Three | Four | Five | Six |',
      '| --- | --- | --- | --- | --- | --- |',
      `| ${longUrl} | ${longWord} | short | ${longWord} | ${longUrl} | x {{c2}} |`,
      '| a | b | c | d | e | f |',
    ].join('\n'),
    ['c2'],
  ),
]);

function tableOf(rows: number): string {
  const lines = ['| Date | Place | What happened |', '| :--- | :---: | ---: |'];
  for (let row = 1; row <= rows; row++) {
    lines.push(`| ${row} January 2025 | Kabul | Row ${row}: ${row % 7 === 0 ? 'a longer cell that has to wrap onto a second line inside its column to test row heights' : 'a meeting'} |`);
  }
  return lines.join('\n');
}

/** Pages holding text items that match `pattern`, by index. */
const pagesWith = (doc: PdfDocument, pattern: RegExp): number[] =>
  doc.pages.flatMap((page, index) => (page.items.some((item) => pattern.test(item.str)) ? [index] : []));

describe('PDF layout', () => {
  it('prints on A4 by default and on US Letter for `paper: letter`', async () => {
    const a4 = await openPdf(await renderPdf(sample, { date }));
    const letter = await openPdf(await renderPdf({ ...sample, meta: { ...sample.meta, paper: 'letter' } }, { date }));
    for (const page of a4.pages) expect([page.width, page.height]).toEqual([595.28, 841.89]);
    for (const page of letter.pages) expect([page.width, page.height]).toEqual([612, 792]);
    expect(outsideMargins(letter.pages)).toEqual([]);
    expect(flat(letter.pages.slice(2))).toContain('Russia formally recognises the Taliban government');
  });

  for (const paper of ['a4', 'letter'] as const) {
    it(`keeps long words, URLs, wide tables and code inside the margins on ${paper}`, async () => {
      const bytes = await renderPdf({ ...stress, meta: { ...stress.meta, paper } }, { date });
      const doc = await openPdf(bytes);
      expect(outsideMargins(doc.pages)).toEqual([]);
      // Nothing is lost by wrapping: the pieces of the long word and URL are all there.
      const raw = doc.pages.map((page) => page.items.map((item) => item.str).join('')).join('');
      expect(raw.replace(/\s+/g, '')).toContain(longWord.repeat(1));
      expect(raw.replace(/\s+/g, '')).toContain(longUrl);
      // Both pieces of a wrapped link are clickable.
      const links = doc.pages.flatMap((page) => page.links).filter((link) => link.url === longUrl);
      expect(links.length).toBeGreaterThanOrEqual(2);
    });
  }

  it('sets Cyrillic letters with marks below, whose anchors fontkit cannot read, with the marks kept', async () => {
    const marked = 'а\u0323 я\u0331 О\u0324 ѣ\u0316';
    const doc = await openPdf(await renderPdf(briefOf([event('marks', 1, `Marks ${marked}`, `Letters ${marked} in the body.`)]), { date }));
    expect(flat(doc.pages).normalize('NFC')).toContain(`Letters ${marked} in the body.`.normalize('NFC'));
  });

  it('keeps the space under an event heading that a page break moved to the top of a page', async () => {
    const events = Array.from({ length: 40 }, (_, i) => ({
      ...event(`e${i}`, (i % 28) + 1, `Event number ${i}`, `Body of event ${i}: ${'words that fill the line '.repeat(3 + ((i * 7) % 11))}end.`),
      place: 'Kabul',
    }));
    const doc = await openPdf(await renderPdf(briefOf(events), { date }));
    const gaps: number[] = [];
    let atTop = 0;
    for (const page of doc.pages) {
      const items = bodyItems(page);
      items.forEach((item, index) => {
        if (!item.str.startsWith('Place: Kabul')) return;
        const body = items.slice(index + 1).find((next) => next.str.trim() !== '');
        if (!body?.str.startsWith('Body of event')) return;
        gaps.push(item.y - body.y);
        // The event's date line is the page's first line of text.
        if (items.findIndex((other) => /^\d+ January \d{4}$/.test(other.str.trim())) === 0 && index <= 3) atTop++;
      });
    }
    expect(gaps.length).toBe(40);
    expect(atTop, 'some event heads a page').toBeGreaterThan(0);
    for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0]!, 1);
  });

  it('splits a long table across pages and repeats its header row on each', async () => {
    const bytes = await renderPdf(briefOf([event('table', 1, 'A long table', tableOf(90))]), { date });
    const doc = await openPdf(bytes);
    const rowPages = pagesWith(doc, /^Row \d+:/);
    const pages = [...new Set(rowPages)];
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const index of pages) {
      const items = doc.pages[index]!.items;
      const header = items.findIndex((item) => item.str === 'What happened');
      const firstRow = items.findIndex((item) => /^Row \d+:/.test(item.str));
      expect(header, `header on page ${index + 1}`).toBeGreaterThanOrEqual(0);
      expect(header).toBeLessThan(firstRow);
      // The header stands above the rows.
      expect(items[header]!.y).toBeGreaterThan(items[firstRow]!.y);
    }
    // Every row is printed once, in order, none split across pages.
    const rows = doc.pages.flatMap((page) => page.items.filter((item) => /^Row \d+:/.test(item.str)).map((item) => Number(/\d+/.exec(item.str)![0])));
    expect(rows).toEqual(Array.from({ length: 90 }, (_, index) => index + 1));
    // The repeated headers are artifacts: the structure has one header row (structure elements are plain objects in the file).
    const file = new TextDecoder('latin1').decode(bytes);
    expect(file.match(/\/S \/TH\n/g)).toHaveLength(3);
    expect(file.match(/\/S \/TR\n/g)).toHaveLength(91);
    expect(outsideMargins(doc.pages)).toEqual([]);
  });

  it('cuts a row taller than a page between its lines, header repeated', async () => {
    const tall = Array.from({ length: 80 }, (_, index) => `line ${index + 1} of a very tall cell`).join('<br>');
    const table = ['| Name | Text |', '| --- | --- |', `| tall | ${tall} |`, '| after | the tall row |'].join('\n');
    const doc = await openPdf(await renderPdf(briefOf([event('tall', 1, 'A tall row', table)]), { date }));
    const text = flat(doc.pages);
    for (const number of [1, 40, 80]) expect(text).toContain(`line ${number} of a very tall cell`);
    expect(text).toContain('after the tall row');
    expect(outsideMargins(doc.pages)).toEqual([]);
  });

  it('runs the contents over several pages when they are long, with true page numbers', async () => {
    const sections = Array.from({ length: 70 }, (_, index) => ({
      type: 'section' as const,
      id: `section-${index + 1}`,
      title: phrasing(`Section number ${index + 1}`),
      titleText: `Section number ${index + 1}`,
      content: md(`The text of section ${index + 1}. `.repeat(index % 5 === 0 ? 40 : 4)),
      position: at('sources/brief.md', index + 1),
    }));
    const doc = await openPdf(await renderPdf({ ...sample, sections }, { date }));
    // The contents: from page 2 to the page before the summary.
    const summary = doc.pages.findIndex((page) => flat([page]).includes('In July 2025 Russia'));
    const contents = doc.pages.slice(1, summary);
    expect(contents.length).toBeGreaterThanOrEqual(2);
    const entries = [...flat(contents).matchAll(/Section number (\d+) (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(entries.map(([number]) => number)).toEqual(sections.map((_, index) => index + 1));
    for (const [number, page] of entries) {
      const items = doc.pages[page - 1]!.items.map((item) => item.str);
      expect(items, `section ${number} on page ${page}`).toContain(`Section number ${number}`);
    }
    expect(outsideMargins(doc.pages)).toEqual([]);
  });

  it('never leaves an event heading, a year or a section heading alone at the foot of a page', async () => {
    const quote = sample.citations[1] as Citation;
    // Events whose bodies start with each kind of block; one has notes only.
    const kinds: Array<[string, string, RegExp, string[]]> = [
      ['Starts with a paragraph', 'First words of a paragraph. '.repeat(12), /^First words of a paragraph/, []],
      ['Starts with a table', `${tableOf(4)}\n\nAfter the table.`, /^Date$/, []],
      ['Starts with a list', '- first item of a list\n- second item\n- third item', /^first item of a list/, []],
      ['Starts with a heading', '### First heading inside\n\nFirst words under the heading.', /^First heading inside/, []],
      // pdfjs splits monospaced text into words.
      ['Starts with code', '```\nfirst line of code\nsecond line\n```', /^first( line of code)?$/, []],
      ['Starts with a quote', '> first words of a quote\n> and more of it', /^first words of a quote/, []],
      ['Only notes', '', /line 14/, [quote.id]],
    ];
    const yearOf = (year: number): Event[] =>
      kinds.map(([title, body, , citations], index) => event(`${year}-${index}`, index + 1, title, body, citations, year));
    const events = [...yearOf(2025), ...yearOf(2026)];
    /** Whether a text item matching `below` stands below the item matching `heading` on the same page, for each such heading. */
    const problemsIn = (doc: PdfDocument, heading: RegExp, below: RegExp, label: string): string[] =>
      doc.pages.flatMap((page, index) => {
        if (index < 2) return [];
        return page.items.flatMap((item, position) => {
          if (!heading.test(item.str)) return [];
          const follows = page.items.slice(position + 1).some((next) => below.test(next.str) && next.y < item.y);
          return follows ? [] : [`${label}: “${item.str}” ends page ${index + 1}`];
        });
      });
    const problems: string[] = [];
    // Push the events down the page a few lines at a time, so each heading meets the foot of a page somewhere.
    for (let lines = 0; lines < 48; lines += 3) {
      const filler = Array.from({ length: lines + 1 }, (_, index) => `Filler line ${index + 1}.`).join('\\\n');
      const brief = briefOf(events, {
        chronology: {
          intro: md(filler),
          years: [2025, 2026].map((year) => ({ year, eventIds: events.filter((item) => item.date.start.year === year).map((item) => item.id) })),
        },
      });
      const doc = await openPdf(await renderPdf(brief, { date }));
      for (const [title, , first] of kinds) problems.push(...problemsIn(doc, new RegExp(`^${title}$`), first, `${lines} lines`));
      problems.push(...problemsIn(doc, /^202[56]$/, /^Starts with a paragraph$/, `${lines} lines`));
      problems.push(...problemsIn(doc, /^Chronology$/, /^Filler line 1\.|^2025$/, `${lines} lines`));
      expect(outsideMargins(doc.pages)).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
