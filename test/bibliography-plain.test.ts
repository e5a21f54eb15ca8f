// Plain entries (newspaper articles and web pages with names, titles, dates
// and addresses) are written by the rules in src/model/chicago.ts, not by
// citeproc. These tests format generated lists of entries both ways and
// require the same references, entry for entry: the rules must write what
// citeproc writes, and send to citeproc what they cannot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReferences, plainIds, type BibliographyEntry } from '../src/model/bibliography.js';

const TITLES = [
  'Russia recognises the Taliban government',
  'on the UN and the USA in 2025',
  'a view of Kabul: the world and its neighbours',
  'Russia’s new friends',
  'Kabul-Moscow ties, revisited',
  'of the people; by the people',
  'élan vital in Kabul',
  'e-mail from an iPhone',
  'a',
  'AND or NOT',
  '2025 in review',
  'Россия признала правительство талибов',
  'روسيا تعترف بحكومة طالبان',
  'Moscow and 喀布尔: a note',
  'why now?',
  'the “deal” and after',
  'peace & war',
  'the <i>Pravda</i> view',
  'ends with a full stop.',
  '[A descriptive title, set as written]',
];
const CONTAINERS = ['BBC News', 'the daily news', 'Al Jazeera', 'Reuters', 'news.com', 'O’Neill Times', 'Mishra'];
const NAMES = [
  { family: 'Mishra', given: 'Rahul' },
  { family: 'mishra', given: 'K N' },
  { family: 'Smith', given: 'John A.' },
  { family: 'Smith', given: 'J.' },
  { family: 'Doe', given: 'Jane' },
  { family: 'de la Fuente', given: 'Ana' },
  { family: 'Beethoven', given: 'Ludwig van' },
  { family: 'O’Brien', given: 'Seán' },
  { family: 'Smith-Jones', given: 'Jean-Luc' },
  { family: 'Lee' },
  { family: 'Иванов', given: 'Пётр' },
  { family: 'd’Alembert', given: 'Jean' },
  { family: 'al-Rashid', given: 'van' },
  { family: 'Al-Rashid', given: 'Omar' },
  { family: '王', given: '明' },
  { family: 'Smith', given: '明' },
  { family: 'van', given: 'de' },
  { literal: 'Reuters' },
  { literal: 'Human Rights Watch' },
  { literal: 'U.N.' },
  { family: 'Jr', given: 'Sammy', suffix: 'Jr.' },
];
const DATES = [
  { 'date-parts': [[2025]] },
  { 'date-parts': [[2025, 7]] },
  { 'date-parts': [[2025, 7, 4]] },
  { 'date-parts': [[2024, 1, 2]] },
  { 'date-parts': [[2025, 2, 30]] },
  { 'date-parts': [[999]] },
  { 'date-parts': [[2025, 13]] },
  { 'date-parts': [[2024, 1, 2], [2024, 1, 5]] },
  { literal: 'Summer 2025' },
];
const URLS = ['https://example.org/a', 'https://example.org/a?b=1&c=2', 'https://example.org/a.', 'http://example.com/path_(1)', 'https://example.org/'];
const TYPES = ['article-newspaper', 'webpage', 'report'];

/** A unique name, as most entries have: family names that no other entry shares. */
const uniqueName = fc
  .tuple(fc.stringMatching(/^[A-Z][a-z]{2,8}$/), fc.stringMatching(/^[A-Z][a-z]{1,6}(?: [A-Z]\.?)?$/), fc.boolean())
  .map(([family, given, lowercase]) => ({ family: lowercase ? family.toLowerCase() : family, given }));
const name = fc.oneof(fc.constantFrom(...NAMES), uniqueName, uniqueName.map(({ family }) => ({ literal: `${family} Institute` })));

/** Any field of any shape, most of which citeproc must write. */
const anyFields = fc.record(
  {
    type: fc.constantFrom(...TYPES),
    title: fc.oneof(fc.constantFrom(...TITLES), fc.stringMatching(/^[a-zA-Z][a-z]{0,6}(?: [a-z]{1,6}){0,5}$/)),
    'container-title': fc.constantFrom(...CONTAINERS),
    author: fc.array(name, { minLength: 1, maxLength: 12 }),
    issued: fc.constantFrom(...DATES),
    accessed: fc.constantFrom(...DATES.slice(0, 3)),
    URL: fc.constantFrom(...URLS),
    publisher: fc.constant('Example Media'),
  },
  { requiredKeys: ['title'] },
);

/** Reporters who wrote several of the articles, in one year or in several; some share a family name. */
const REPORTERS = [
  { family: 'Mishra', given: 'Rahul' },
  { family: 'Mishra', given: 'Rajesh' },
  { family: 'Mishra', given: 'K N' },
  { family: 'Mishra', given: 'ka' },
  { family: 'Smith', given: 'Jean-Luc' },
  { family: 'Smith', given: 'John A.' },
  { family: 'Smith', given: 'J. A.' },
  { family: 'Smith', given: 'Seán' },
  { family: 'mes', given: 'ka' },
  { family: 'mes', given: 'Kobo' },
  { family: 'mes', given: 'sepelo' },
  { family: 'Mes', given: 'Ka' },
  { family: 'Khan', given: 'Ali' },
  { literal: 'Reuters' },
];
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({ 'date-parts': [[year, 5, 1]] }));

/** Fields as most briefs write them: the rules write most of these. */
const usualFields = fc.record(
  {
    type: fc.constantFrom('article-newspaper', 'webpage'),
    title: fc.oneof(fc.constantFrom(...TITLES.slice(0, 14)), fc.constantFrom(...TITLES.slice(-1)), fc.stringMatching(/^[a-zA-Z][a-z]{0,6}(?: [a-z]{1,6}){0,5}$/)),
    'container-title': fc.constantFrom(...CONTAINERS.slice(0, 3)),
    author: fc.oneof(
      fc.array(uniqueName, { minLength: 1, maxLength: 11 }),
      uniqueName.map(({ family }) => [{ literal: `${family} Institute` }]),
      fc.constantFrom(...REPORTERS).map((reporter) => [reporter]),
      fc.tuple(fc.constantFrom(...REPORTERS.slice(0, -1)), uniqueName),
    ),
    issued: fc.constantFrom(...DATES.slice(0, 4), ...YEARS),
    accessed: fc.constantFrom(...DATES.slice(0, 3)),
    URL: fc.constantFrom(URLS[0]!, URLS[4]!),
  },
  { requiredKeys: ['title'] },
);

/** Articles by the reporters who share family names: the citations citeproc tells apart. */
const reporterFields = usualFields.filter((fields) => fields.author !== undefined && fields.author.length <= 2 && REPORTERS.slice(0, -1).includes(fields.author[0] as (typeof REPORTERS)[number]));

const entries = fc.array(fc.oneof(usualFields, usualFields, reporterFields, anyFields), { minLength: 1, maxLength: 8 }).map((list) =>
  list.map(({ title, ...csl }, index): BibliographyEntry => ({ id: `doc-${index}`, meta: { title }, csl: { id: `doc-${index}`, title, ...csl } })),
);

const byCiteproc = (list: readonly BibliographyEntry[]) => formatReferences(list, { plain: false });

describe('plain references', () => {
  it('are written as citeproc writes them, for every entry of generated lists', () => {
    let plain = 0;
    let all = 0;
    fc.assert(
      fc.property(entries, (list) => {
        expect(Object.fromEntries(formatReferences(list))).toEqual(Object.fromEntries(byCiteproc(list)));
        plain += plainIds(list).size;
        all += list.length;
      }),
      { numRuns: 300 },
    );
    // The lists hold plain entries enough for the comparison to mean something.
    expect(plain / all).toBeGreaterThan(0.3);
  });

  it('cover the entries most briefs have: a unique author, a title, a newspaper, a date and an address', () => {
    const list: BibliographyEntry[] = Array.from({ length: 40 }, (_, index) => {
      const id = `doc-${index}`;
      const title = `Report ${index} on Kabul and Moscow`;
      return { id, meta: { title }, csl: { id, title, author: [{ family: `Author${String.fromCharCode(97 + (index % 26), 97 + Math.floor(index / 26))}`, given: 'Ana' }], 'container-title': 'Daily Record', issued: { 'date-parts': [[2025, 7, (index % 28) + 1]] }, URL: `https://example.org/${index}` } };
    });
    expect(plainIds(list).size).toBe(list.length);
    const written = formatReferences(list);
    expect(Object.fromEntries(written)).toEqual(Object.fromEntries(byCiteproc(list)));
    expect(written.get('doc-3')?.text).toBe('Authorda, Ana. 2025. “Report 3 on Kabul and Moscow.” Daily Record, 4 July 2025. https://example.org/3.');
  });

  it('show initials, or given names, where first authors share a family name, as citeproc does', () => {
    const entry = (id: string, family: string, given: string, year: number): BibliographyEntry => ({
      id,
      meta: { title: `Story ${id}` },
      csl: { id, title: `Story ${id}`, author: [{ family, given }], 'container-title': 'BBC News', issued: { 'date-parts': [[year, 7, 4]] } },
    });
    const list = [
      entry('a', 'Mishra', 'Rahul', 2025),
      entry('b', 'Mishra', 'Rajesh', 2024),
      entry('c', 'Mishra', 'Rahul', 2023),
      entry('d', 'Smith', 'Jean-Luc', 2025),
      entry('e', 'Smith', 'John A.', 2025),
      entry('f', 'Smith', 'J. A.', 2024),
      entry('g', 'Khan', 'Ali', 2025),
      entry('h', 'Khan', 'Ali', 2024),
    ];
    expect(plainIds(list).size).toBe(list.length);
    const written = formatReferences(list);
    expect(Object.fromEntries(written)).toEqual(Object.fromEntries(byCiteproc(list)));
    expect([...written.values()].map((reference) => reference.short)).toEqual([
      'Rahul Mishra 2025', 'Rajesh Mishra 2024', 'Rahul Mishra 2023', 'J.-L. Smith 2025', 'John A. Smith 2025', 'J. A. Smith 2024', 'Khan 2025', 'Khan 2024',
    ]);
  });

  it('write names as citeproc does, particles and scripts without capitals included', () => {
    const families = ['Smith', 'van', 'al', 'd’Alembert', 'D’Alembert', 'al-Rashid', 'Al-Rashid', 'ben-Gurion', 'l’Oréal', 'O’Neil', 'DeVries', 'Иванов', 'محمد', '王', 'Jr.', 'III'];
    const givens = ['Ann', 'J.', 'K N', 'Jean-Luc', 'van', 'de', 'ka', 'Иван', 'أحمد', '明'];
    for (const family of families) {
      for (const given of givens) {
        const list: BibliographyEntry[] = [
          { id: 'a', meta: { title: 'A title' }, csl: { id: 'a', title: 'A title', author: [{ family, given }], 'container-title': 'Wire', issued: { 'date-parts': [[2025, 1, 2]] } } },
          { id: 'b', meta: { title: 'B title' }, csl: { id: 'b', title: 'B title', author: [{ family: 'Other', given: 'Ann' }, { family, given }], issued: { 'date-parts': [[2024]] } } },
        ];
        expect(Object.fromEntries(formatReferences(list)), `${given} ${family}`).toEqual(Object.fromEntries(byCiteproc(list)));
      }
    }
  });

  it('leave entries whose citations could be confused to citeproc, which tells them apart', () => {
    const entry = (id: string, title: string): BibliographyEntry => ({
      id,
      meta: { title },
      csl: { id, title, author: [{ family: 'Mishra', given: 'Rahul' }], 'container-title': 'BBC News', issued: { 'date-parts': [[2025, 7, 4]] } },
    });
    const list = [entry('a', 'First story'), entry('b', 'Second story')];
    expect(plainIds(list).size).toBe(0);
    const written = formatReferences(list);
    expect([written.get('a')?.short, written.get('b')?.short]).toEqual(['Mishra 2025a', 'Mishra 2025b']);
  });
});
