// The PDF renderer, checked on the PDF itself: text extracted with pdfjs-dist,
// the title page and contents, links and where they lead, the outline,
// metadata, the structure tree, embedded fonts (pdffonts, when installed).
// `PDF_OUT=/tmp/sample.pdf npx vitest run test/render-pdf.test.ts` also writes
// the sample's PDF, to look at.
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Brief, Citation, Event } from '../src/model/types.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { keywords } from '../src/render/pdf/metadata.js';
import { footnoteLetter, noteScope } from '../src/render/pdf/numbering.js';
import { joinNames, verificationLine } from '../src/render/pdf/sources.js';
import { provenanceLine } from '../src/render/pdf/title.js';
import { flat, openPdf, outsideMargins, runTool, streams, type PdfDocument } from './fixtures/model/pdf-reader.js';
import { md, sample } from './fixtures/model/sample.js';

const date = new Date('2025-07-15T09:00:00Z');

const minimal: Brief = {
  meta: { title: 'Empty brief', lang: 'de', paper: 'a4' },
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

describe('renderPdf', () => {
  let bytes: Uint8Array;
  let doc: PdfDocument;
  /** All text. */
  let text: string;
  /** The text after the title page and the contents. */
  let body: string;

  beforeAll(async () => {
    bytes = await renderPdf(sample, { date });
    if (process.env.PDF_OUT) writeFileSync(process.env.PDF_OUT, bytes);
    doc = await openPdf(bytes);
    text = flat(doc.pages);
    body = flat(doc.pages.slice(2));
  });

  it('exports only renderPdf', async () => {
    expect(Object.keys(await import('../src/render/pdf/index.js'))).toEqual(['renderPdf']);
  });

  it('writes a PDF with the brief as metadata: title, author, subject, keywords, dates, language', () => {
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(doc.info.Title).toBe(sample.meta.title);
    expect(doc.info.Author).toBe('Policy Unit');
    expect(doc.info.Subject).toBe('A chronology with verified quotes');
    expect(doc.info.Keywords).toBe('diplomacy, human-rights, recognition, security, terrorism');
    expect(doc.info.CreationDate).toBe('D:20250715090000Z');
    expect(doc.info.ModDate).toBe('D:20250715090000Z');
    expect(doc.info.Language).toBe('en');
  });

  it('writes the same metadata as XMP, escaped', async () => {
    const ampersand = await renderPdf({ ...minimal, meta: { ...minimal.meta, title: 'Kabul & Moscow <2025>' } }, { date });
    const xmp = new TextDecoder().decode(ampersand);
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Kabul &amp; Moscow &lt;2025&gt;</rdf:li>');
    expect(xmp).toContain('<xmp:ModifyDate>2025-07-15T09:00:00Z</xmp:ModifyDate>');
    expect(xmp).not.toContain('Kabul & Moscow <2025></rdf:li>');
    const own = new TextDecoder().decode(bytes);
    expect(own).toContain('<pdf:Keywords>diplomacy, human-rights, recognition, security, terrorism</pdf:Keywords>');
    expect(own).toContain('<dc:subject><rdf:Bag><rdf:li>diplomacy</rdf:li>');
  });

  it('is deterministic for a given date, with a file identifier of its own', async () => {
    const again = await renderPdf(sample, { date });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const id = (pdf: Uint8Array) => /\/ID \[(<[0-9a-f]+>) \1\]/.exec(new TextDecoder('latin1').decode(pdf))?.[1];
    expect(id(bytes)).toMatch(/^<[0-9a-f]{32}>$/);
    expect(id(bytes)).not.toBe(`<${'0'.repeat(32)}>`);
    const other = await renderPdf({ ...sample, summary: md('Another summary.') }, { date });
    expect(id(other)).not.toBe(id(bytes));
  });

  it('gives every page but the last a second content stream, for what is drawn on it once later pages exist', () => {
    const file = new TextDecoder('latin1').decode(bytes);
    const contents = [...file.matchAll(/\/Contents (\[\d+ 0 R \d+ 0 R\]|\d+ 0 R)/g)].map((match) => match[1]!);
    expect(contents).toHaveLength(doc.pages.length);
    expect(contents.filter((entry) => entry.startsWith('['))).toHaveLength(doc.pages.length - 1);
    // The running footer is drawn once all pages exist, into the second stream, and reads as part of the page.
    expect(flat([doc.pages[1]!])).toContain(`Page 2 of ${doc.pages.length}`);
  });

  it('tells of each page as the layout starts it, up to the last', async () => {
    const told: number[] = [];
    const pdf = await renderPdf(sample, { date, onPage: (page) => told.push(page) });
    expect(Buffer.from(pdf).equals(Buffer.from(bytes))).toBe(true);
    expect(told).toEqual(Array.from({ length: doc.pages.length - 1 }, (_, index) => index + 2));
  });

  it('starts with a title page: title, subtitle, author, date and what it is built from', () => {
    const first = flat([doc.pages[0]!]);
    expect(first).toBe(
      `${sample.meta.title} A chronology with verified quotes Policy Unit 15 July 2025 Built from 3 documents; 7 quotes verified Page 1 of ${doc.pages.length}`,
    );
    expect(provenanceLine({ documents: 1, citations: 3, quotes: 2, quotesVerified: 1, warnings: 0, errors: 0 })).toBe(
      'Built from 1 document; 1 of 2 quotes verified',
    );
  });

  it('lists the contents with the page each part starts on, each entry a link to it', () => {
    const contents = flat([doc.pages[1]!]);
    const entries = [...contents.matchAll(/(Summary|Chronology|2024|2025|Human rights|Outlook|Sources) (\d+)/g)].map((m) => [m[1], Number(m[2])]);
    expect(entries.map(([title]) => title)).toEqual(['Summary', 'Chronology', '2024', '2025', 'Human rights', 'Outlook', 'Sources']);
    for (const [title, page] of entries) {
      // The part's heading is on the page the contents name, and the entry's link leads there.
      const headings = doc.pages[(page as number) - 1]!.items.map((item) => item.str);
      expect(headings, `${title} on page ${page}`).toContain(title);
      const links = doc.pages[1]!.links.filter((link) => link.contents?.startsWith(`${title}, page`));
      expect(links.length, String(title)).toBe(2);
      for (const link of links) expect(link.targetPage).toBe((page as number) - 1);
    }
    // The page count the footer gives matches the pages the contents point into.
    expect(Math.max(...entries.map(([, page]) => page as number))).toBeLessThanOrEqual(doc.pages.length);
    expect(text).toContain(`Page ${doc.pages.length} of ${doc.pages.length}`);
  });

  it('prints the sections in order after the contents', () => {
    const order = ['Summary', 'Chronology', 'Events are listed by their start date', 'Human rights', 'The Taliban’s treatment of women', 'Outlook', 'Sources', 'Verification:'];
    const positions = order.map((needle) => body.indexOf(needle));
    expect(positions.every((position) => position >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints the chronology grouped by year, events in date order', () => {
    const chronology = body.slice(body.indexOf('Chronology'), body.indexOf('Human rights'));
    const order = ['2024', 'Gunmen attack Crocus City Hall', 'UN rapporteur reports', '2025', 'Russia formally recognises'];
    const positions = order.map((needle) => chronology.indexOf(needle));
    expect(positions.every((position) => position >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(chronology).toContain('22 March 2024');
    expect(chronology).toContain('Place: Krasnogorsk · Tags: security, terrorism · Actors: ISIS-K');
  });

  it('shows a disputed date beside the date, naming its source', () => {
    expect(body).toContain(
      '3 July 2025 · Disputed: 4 July 2025 (source: Russia’s Recognition of the Taliban: A Win-Win for the Kremlin and Kabul?)',
    );
  });

  it('repeats human-rights events in their section with body and notes', () => {
    const humanRights = body.slice(body.indexOf('Human rights'), body.indexOf('Outlook'));
    expect(humanRights).toContain('UN rapporteur reports on restrictions on women and girls');
    expect(humanRights).toContain('ban on girls’ secondary education');
    expect(humanRights).not.toContain('Russia formally recognises');
    expect(humanRights).not.toContain('Tags: human-rights');
  });

  it('prints quotes with their special characters as notes naming the document', () => {
    expect(body).toContain('1. Situation of human rights in Afghanistan, line 14: “killed at least 145 people — the deadliest attack in Russia in two decades”');
    expect(body).toContain('Сергей Лавров said the decision “opens a new page”');
    expect(body).toContain('2. Lavrov on relations with Afghanistan, line 7: “aid of €12 million was suspended”');
    expect(body).toContain('Türkiye, Qatar and others');
    expect(body).toContain('1. Situation of human rights in Afghanistan, p. 4');
  });

  it('keeps the spaces at line breaks in the tagged text, so words do not run together', () => {
    // The text of the structure tree, as a screen reader gets it (poppler; pdfjs drops spaces at line ends).
    const tagged = runTool('pdfinfo', ['-struct-text'], bytes);
    if (tagged === undefined) return;
    expect(tagged).toContain('"Russia and the Taliban: the road to recognition"');
    expect(tagged).toContain('the deadliest attack in Russia in two decades');
    expect(tagged).not.toMatch(/attackin Russia|theroad/);
  });

  it('numbers note markers per event, disputed dates first', () => {
    // The 2025 event: c5 (disputed) is 1, c6 is 2, c7 is 3; a group prints its numbers sorted.
    const event = body.slice(body.indexOf('3 July 2025 · Disputed'), body.indexOf('Human rights'));
    expect(event).toContain('Kabul?)[1]');
    expect(event).toContain('in relations[2]');
    expect(event).toContain('to follow[2, 3]');
    expect(event).toContain('1. Russia’s Recognition of the Taliban');
    expect(event).toContain('3. Russia’s Recognition of the Taliban: A Win-Win for the Kremlin and Kabul?, line 40: “Türkiye, Qatar and others”');
    // The summary numbers from 1 again.
    const summary = body.slice(body.indexOf('Summary'), body.indexOf('Chronology'));
    expect(summary).toContain('government[1]');
  });

  it('prints footnotes as lettered notes', () => {
    expect(body).toContain('was suspended[2].[a]');
    expect(body).toContain('a. The figure covers bilateral aid only');
  });

  it('renders markdown: tables, lists, links, code, images; drops raw HTML', () => {
    for (const needle of ['Country', 'Position', 'Aid (€m)', 'Recognised[2]', 'Uzbekistan']) expect(body).toContain(needle);
    expect(body).toContain('1. tighter border controls with Tajikistan;');
    expect(body).toContain('◦ with Central Asian states,');
    expect(body).toContain('ministry statement');
    expect(body).toContain('Unconfirmed reports spoke of credentials being accepted.');
    expect(body).toContain('status: recognised');
    expect(body).toContain('[Image: Map of Afghanistan]');
    expect(body).toContain('☑ Brief the minister ☐ Review in October');
    expect(body).toContain('Reactions');
    expect(text).not.toContain('raw html');
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('{{');
  });

  it('prints Sources with metadata, leaving absent fields out, and every quote with its line and event', () => {
    const sources = body.slice(body.lastIndexOf('Sources'));
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
    doc.pages.forEach((page, index) => expect(page.text).toContain(`Page ${index + 1} of ${count}`));
    const [first, second, third] = doc.pages.map((page) => flat([page]));
    expect(first?.split(sample.meta.title)).toHaveLength(2);
    expect(second).toContain(`${sample.meta.title} 15 July 2025`);
    expect(third).toContain(`${sample.meta.title} 15 July 2025`);
  });

  it('links each citation marker to its quote in Sources, and each quote there back to its event', () => {
    const links = doc.pages.flatMap((page, index) => page.links.map((link) => ({ ...link, page: index })));
    const sourcesPage = doc.pages.findIndex((page, index) => index > 1 && page.items.some((item) => item.str === 'Sources'));
    for (const citation of sample.citations) {
      const markers = links.filter((link) => link.dest === `citation:${citation.id}`);
      expect(markers.length, citation.id).toBeGreaterThan(0);
      // The quote's entry is in Sources, on a page at or after the heading.
      expect(markers[0]!.targetPage, citation.id).toBeGreaterThanOrEqual(sourcesPage);
    }
    // The marker of c4 (2 in the UN report event) is the number "2" after "was suspended".
    const c4 = links.find((link) => link.dest === 'citation:c4' && link.contents === 'Note 2: the quote in Sources');
    expect(c4).toBeDefined();
    // In Sources, the quote of c4 links back to its event, on the page where the event stands.
    const back = links.filter((link) => link.page >= sourcesPage && link.dest === 'event:un-report-on-women');
    expect(back.length).toBeGreaterThanOrEqual(2);
    const eventPage = doc.pages.findIndex((page, index) => index > 1 && flat([page]).includes('10 September 2024 UN rapporteur'));
    expect(back[0]!.targetPage).toBe(eventPage);
    // Prose citations link back to their section.
    expect(links.some((link) => link.page >= sourcesPage && link.dest === 'section:outlook')).toBe(true);
    expect(links.some((link) => link.page >= sourcesPage && link.dest === 'part:summary')).toBe(true);
  });

  it('makes URLs clickable, and every internal link leads to a destination that exists', () => {
    const links = doc.pages.flatMap((page) => page.links);
    const urls = links.flatMap((link) => (link.url ? [link.url] : []));
    expect(urls).toContain('https://mid.ru/en/foreign_policy/news/');
    expect(urls).toContain(sample.documents[0]?.meta.url);
    expect(urls.some((url) => url.includes('that/does/not/fit'))).toBe(true);
    const internal = links.filter((link) => link.dest !== undefined);
    expect(internal.length).toBeGreaterThan(20);
    for (const link of internal) expect(link.targetPage, link.dest).toBeGreaterThanOrEqual(0);
    // The human-rights repeat links its title back to the chronology entry.
    expect(internal.filter((link) => link.dest === 'event:un-report-on-women').length).toBeGreaterThanOrEqual(3);
    // Note titles link to their document in Sources.
    expect(internal.some((link) => link.dest === 'document:tass-2025')).toBe(true);
  });

  it('keeps all text inside the margins (72 pt at the sides; header and footer in the top and bottom ones)', async () => {
    expect(outsideMargins(doc.pages)).toEqual([]);
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
    const { pages } = await openPdf(await renderPdf(crowded, { date }));
    expect(flat(pages)).toContain('12. Situation of human rights');
    expect(outsideMargins(pages)).toEqual([]);
  });

  it('adds bookmarks for the contents, every part, every year and every event, pointing at their pages', () => {
    expect(doc.outline.map((item) => item.title)).toEqual(['Contents', 'Summary', 'Chronology', 'Human rights', 'Outlook', 'Sources']);
    const chronology = doc.outline[2]!;
    expect(chronology.items.map((item) => item.title)).toEqual(['2024', '2025']);
    expect(chronology.items[1]?.items.map((item) => item.title)).toEqual(['3 July 2025 — Russia formally recognises the Taliban government']);
    expect(doc.outline[0]?.page).toBe(1);
    for (const item of [...doc.outline, ...chronology.items, ...chronology.items.flatMap((year) => year.items)]) {
      const page = doc.pages[item.page!]!;
      const title = item.title.includes(' — ') ? item.title.split(' — ')[1]! : item.title;
      expect(flat([page]), item.title).toContain(title);
    }
  });

  it('is a tagged PDF: headings, paragraphs, lists, tables, notes and links in the structure tree', () => {
    const roles = new Set(doc.roles);
    for (const role of ['Document', 'H1', 'TOC', 'TOCI', 'Sect', 'H2', 'H3', 'H4', 'H5', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD', 'Note', 'BlockQuote', 'Code', 'Quote', 'Link']) {
      expect(roles.has(role), role).toBe(true);
    }
    // Reading order: the title comes first, then the contents, then the parts.
    expect(doc.roles.indexOf('H1')).toBeLessThan(doc.roles.indexOf('TOC'));
    expect(doc.roles.indexOf('TOC')).toBeLessThan(doc.roles.indexOf('Sect'));
    const info = runTool('pdfinfo', [], bytes);
    if (info !== undefined) expect(info).toMatch(/^Tagged: +yes$/m);
  });

  it('marks everything it draws as content of an element or as an artifact, never nested', () => {
    const pages = streams(bytes).filter((stream) => /\nBT\n/.test(stream) && !stream.includes('begincmap'));
    expect(pages.length).toBeGreaterThanOrEqual(doc.pages.length);
    for (const content of pages) {
      let depth = 0;
      for (const line of content.split('\n')) {
        if (/ B[DM]C$/.test(line)) {
          depth++;
          expect(depth).toBe(1);
        } else if (line === 'EMC') depth--;
        else if (/T[Jj]$|^(f|S)$/.test(line)) expect(depth, line).toBe(1);
      }
      expect(depth).toBe(0);
    }
  });

  it('renders a brief with nothing optional', async () => {
    const { pages, info } = await openPdf(await renderPdf(minimal, { date }));
    const all = flat(pages);
    expect(pages).toHaveLength(3);
    expect(info.Title).toBe('Empty brief');
    expect(info.Author).toBeUndefined();
    expect(info.Keywords).toBeUndefined();
    expect(all).toContain('Built from 0 documents; 0 quotes verified');
    expect(all).toContain('Contents Chronology 3 Sources 3');
    expect(all).toContain('Chronology');
    expect(all).toContain('0 documents · 0 citations · 0 quotes verified · 0 warnings');
    expect(all).toContain('Page 3 of 3');
    expect(all).not.toContain('undefined');
    expect(all).not.toContain('Human rights');
  });

  it('embeds DejaVu and no other font, each one subset and with a Unicode map', () => {
    const listing = runTool('pdffonts', [], bytes);
    if (listing === undefined) return;
    const fonts = listing.split('\n').slice(2).filter((line) => line.trim());
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const line of fonts) {
      expect(line).toMatch(/^[A-Z]{6}\+DejaVu/);
      expect(line).toMatch(/ yes +yes +yes /);
    }
  });

  it('passes qpdf --check', () => {
    const check = runTool('qpdf', ['--check'], bytes);
    if (check !== undefined) expect(check).toContain('No syntax or stream encoding errors found');
  });

  it('runs a chronology of 25 events onto more pages, each with its footer', async () => {
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
    // How long it takes is measured by `npm run bench`, not here.
    const long = await openPdf(await renderPdf(big, { date }));
    expect(long.pages.length).toBeGreaterThan(doc.pages.length);
    long.pages.forEach((page, index) => {
      if (index > 0) expect(flat([page])).toContain(`Page ${index + 1} of ${long.pages.length}`);
    });
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

  it('formats names, the verification line and the keywords', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
    expect(verificationLine({ documents: 5, citations: 48, quotes: 45, quotesVerified: 45, warnings: 2, errors: 0 })).toBe(
      '5 documents · 48 citations · 45 quotes verified · 2 warnings',
    );
    expect(verificationLine({ documents: 1, citations: 1, quotes: 2, quotesVerified: 1, warnings: 1, errors: 1 })).toBe(
      '1 document · 1 citation · 1 of 2 quotes verified · 1 warning · 1 error',
    );
    expect(keywords(sample)).toEqual(['diplomacy', 'human-rights', 'recognition', 'security', 'terrorism']);
  });
});
