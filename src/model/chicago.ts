// Chicago author-date references for the plain entries most briefs cite: a
// newspaper article or a web page with personal or corporate authors, a title,
// a newspaper or site, a date, an access date and a web address. They are
// written here, rule for rule as citeproc-js writes them with the same style
// and locale, because citeproc interprets the whole CSL style again for every
// entry: about 2 ms an entry on a 2-core machine, most of a 1,000-document
// brief's build; these rules take microseconds. Titles are cased by citeproc's
// own title-case function. Everything else goes to citeproc: other types and
// fields, values with markup, quotation marks or closing punctuation (which
// citeproc moves or merges), and every entry whose in-text citation could be
// confused with another's (where citeproc adds given names, more names or
// 2025a/2025b across entries). test/bibliography-plain.test.ts formats
// generated entries both ways and compares them.
import type { CslNode } from 'citeproc';
import type { ReferenceRun } from './types.js';

type Item = Readonly<Record<string, unknown>>;

/** The words of the locale the rules need: month names, "n.d.", "accessed", "and", "et al.". */
export interface LocaleTerms {
  months: readonly string[];
  noDate: string;
  accessed: string;
  and: string;
  etAl: string;
}

export function localeTerms(locale: CslNode): LocaleTerms {
  const terms = locale.children.find((child): child is CslNode => typeof child !== 'string' && child.name === 'terms');
  const term = (name: string, form?: string): string => {
    const found = terms?.children.find(
      (child): child is CslNode => typeof child !== 'string' && child.attrs['name'] === name && child.attrs['form'] === form,
    );
    const text = found?.children.find((child): child is string => typeof child === 'string');
    if (text === undefined) throw new Error(`the locale has no term ${name}${form ? ` (${form})` : ''}`);
    return text;
  };
  return {
    months: Array.from({ length: 12 }, (_, index) => term(`month-${String(index + 1).padStart(2, '0')}`)),
    noDate: term('no date', 'short'),
    accessed: term('accessed'),
    and: term('and'),
    etAl: term('et-al'),
  };
}

/** Fields a plain entry may have; any other sends it to citeproc. */
const PLAIN_FIELDS = new Set(['id', 'type', 'title', 'container-title', 'author', 'issued', 'accessed', 'URL']);
const PLAIN_TYPES = new Set(['article-newspaper', 'webpage']);
/** Titles: words of letters and digits, with inner commas, colons, semicolons, hyphens and apostrophes (’). */
const PLAIN_TEXT = /^[\p{L}\p{N}](?:[\p{L}\p{N} ,:;’-]*[\p{L}\p{N}])?$/u;
/**
 * A family name of one word, in a script with capitals: citeproc reads a
 * lowercase word before another, or before an apostrophe or hyphen ("de la",
 * "d’", "al-"), as a particle, and writes names of other scripts (王) in their
 * own order.
 */
const PLAIN_FAMILY = /^(?:\p{Lu}[\p{Lu}\p{Ll}’-]*|\p{Ll}+)$/u;
/** Given names: one word, or words that each begin with a capital (a trailing lowercase word is a particle, "van"). */
const PLAIN_GIVEN = /^(?:[\p{Lu}\p{Ll}][\p{Lu}\p{Ll}’-]*|\p{Lu}[\p{Lu}\p{Ll}’-]*\.?(?: \p{Lu}[\p{Lu}\p{Ll}’-]*\.?)+|\p{Lu}\.)$/u;
/** Web addresses without characters HTML escapes or that read as closing punctuation. */
const PLAIN_URL = /^https?:\/\/[A-Za-z0-9._~/?#@!$*+,;=:%-]*[A-Za-z0-9_~/#=%-]$/;
/** Up to the number of names the bibliography lists before "et al.". */
const MAX_NAMES = 10;

interface Name {
  family?: string;
  given?: string;
  literal?: string;
}

/** The date parts [year, month?, day?] of a plain date: one day, month or year of 1000–2999. */
function plainDate(value: unknown): number[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  const parts = (value as Record<string, unknown>)['date-parts'];
  if (keys.length !== 1 || !Array.isArray(parts) || parts.length !== 1 || !Array.isArray(parts[0])) return undefined;
  const [year, month, day, ...rest] = parts[0] as unknown[];
  if (rest.length > 0 || !Number.isInteger(year) || (year as number) < 1000 || (year as number) > 2999) return undefined;
  if (month === undefined) return [year as number];
  if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12) return undefined;
  if (day === undefined) return [year as number, month as number];
  const days = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > days) return undefined;
  return [year as number, month as number, day as number];
}

function plainNames(value: unknown): Name[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_NAMES) return undefined;
  const names: Name[] = [];
  // A corporate author only on its own: citeproc joins corporate and personal names by rules of its own.
  const alone = value.length === 1;
  for (const name of value as unknown[]) {
    if (typeof name !== 'object' || name === null) return undefined;
    const { family, given, literal, ...rest } = name as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return undefined;
    if (alone && typeof literal === 'string' && family === undefined && given === undefined && PLAIN_TEXT.test(literal)) names.push({ literal });
    else if (typeof family === 'string' && typeof given === 'string' && PLAIN_FAMILY.test(family) && PLAIN_GIVEN.test(given)) names.push({ family, given });
    else return undefined;
  }
  return names;
}

/** An entry as the rules read it; undefined when it is not plain. */
export interface PlainEntry {
  type: 'article-newspaper' | 'webpage';
  title: string;
  container?: string | undefined;
  authors: Name[];
  issued?: number[] | undefined;
  accessed?: number[] | undefined;
  url?: string | undefined;
  /** The first author's given name as citations show it ("R.", "Rahul") when another person has the family name. */
  shownGiven?: string;
}

/** Reads a CSL item (as `cslItem` makes it) as a plain entry; `descriptive` is the stand-in title set as written. */
export function plainEntry(item: Item, descriptive: string): PlainEntry | undefined {
  for (const key of Object.keys(item)) if (!PLAIN_FIELDS.has(key)) return undefined;
  const { type, title, URL: url } = item;
  const container = item['container-title'];
  if (typeof type !== 'string' || !PLAIN_TYPES.has(type)) return undefined;
  if (typeof title !== 'string' || (title !== descriptive && !PLAIN_TEXT.test(title))) return undefined;
  if (container !== undefined && (typeof container !== 'string' || !PLAIN_TEXT.test(container))) return undefined;
  if (url !== undefined && (typeof url !== 'string' || !PLAIN_URL.test(url))) return undefined;
  const authors = plainNames(item['author']);
  const issued = item['issued'] === undefined ? undefined : plainDate(item['issued']);
  const accessed = item['accessed'] === undefined ? undefined : plainDate(item['accessed']);
  if (!authors || (item['issued'] !== undefined && !issued) || (item['accessed'] !== undefined && !accessed)) return undefined;
  return { type: type as PlainEntry['type'], title, container, authors, issued, accessed, url };
}

/**
 * The plain entries of a bibliography whose references the rules can write,
 * with the given names their citations show. citeproc tells citations apart
 * across entries: when people of one family name are first authors, each
 * citation shows its first author's initials, or given names where initials
 * are shared too ("R. Mishra", "Rahul Mishra"; the style's `primary-name`
 * rule); one author's works of one year get 2025a, 2025b. The rules write the
 * first; every other entry that shares a name, or without authors a title,
 * with another goes to citeproc, unless they are one person's works of
 * different years. An entry that is not plain shares every name and title it
 * has.
 */
export function plainEntries(items: Iterable<readonly [string, Item]>, descriptive: string): Map<string, PlainEntry> {
  interface Claim {
    id: string;
    /** The name as written, when the entry is plain. */
    name?: Name;
    /** Whether the name is its entry's first author's. */
    first: boolean;
    year: number | undefined;
  }
  const plain = new Map<string, PlainEntry>();
  const claims = new Map<string, Claim[]>();
  const claim = (key: unknown, value: Claim): void => {
    if (typeof key !== 'string' || key.trim() === '') return;
    const folded = key.trim().toLowerCase();
    const list = claims.get(folded);
    if (list) list.push(value);
    else claims.set(folded, [value]);
  };
  for (const [id, item] of items) {
    const entry = plainEntry(item, descriptive);
    if (!entry) {
      for (const [field, value] of Object.entries(item)) {
        if (Array.isArray(value)) {
          for (const name of value) if (typeof name === 'object' && name !== null) for (const part of Object.values(name)) claim(part, { id, first: false, year: undefined });
        } else if (field !== 'id' && field !== 'type') claim(value, { id, first: false, year: undefined });
      }
      continue;
    }
    plain.set(id, entry);
    const year = entry.issued?.[0];
    entry.authors.forEach((name, index) => claim(name.literal ?? name.family, { id, name, first: index === 0, year }));
    if (entry.authors.length === 0) for (const title of [entry.title, entry.container]) claim(title, { id, name: { literal: '' }, first: true, year });
  }
  // Until nothing changes: an entry sent to citeproc takes along those whose citations it could change.
  const groups = [...claims.values()].filter((list) => list.length > 1);
  for (let changed = true; changed; ) {
    changed = false;
    for (const list of groups) {
      const people = new Set(list.map((one) => JSON.stringify(one.name)));
      const works = new Set(list.map((one) => `${JSON.stringify(one.name)} ${one.year}`));
      // One person's works of one year, or of no year, may come out alike: citeproc adds a, b.
      const apart = works.size === list.length && list.every((one) => one.name !== undefined && one.year !== undefined);
      if (apart && people.size === 1) continue;
      const shown = apart && list.every((one) => plain.has(one.id)) ? shownGivenNames(list) : undefined;
      for (const one of list) {
        const given = shown?.get(JSON.stringify(one.name));
        if (given !== undefined) plain.get(one.id)!.shownGiven = given;
        else if (plain.delete(one.id)) changed = true;
      }
    }
  }
  return plain;
}

/** A given name whose initials the rules know: capitalised words ("John A.", "K N") or hyphenated ones ("Jean-Luc"). */
const INITIALISED = /^\p{Lu}\p{Ll}*\.?(?:-\p{Lu}\p{Ll}*)*(?: \p{Lu}\p{Ll}*\.?(?:-\p{Lu}\p{Ll}*)*)*$/u;
/** A lowercase given name, which citeproc never shortens to initials. */
const LOWERCASE = /^\p{Ll}+$/u;

/**
 * For first authors of one family name, each person's given name as their
 * citations show it: initials ("J.-L.", "J. A.") where no other person of the
 * family has the same ones, else the given name in full. Undefined when the
 * names are not all first authors' with family and given names the rules know.
 */
function shownGivenNames(list: ReadonlyArray<{ name?: Name; first: boolean }>): Map<string, string> | undefined {
  const family = list[0]?.name?.family;
  const known = (given: string | undefined): given is string => given !== undefined && (INITIALISED.test(given) || LOWERCASE.test(given));
  if (family === undefined || !list.every((one) => one.first && one.name?.family === family && known(one.name.given))) return undefined;
  const initials = (given: string): string | undefined =>
    LOWERCASE.test(given) ? undefined : given.split(' ').map((word) => word.split('-').map((part) => `${part.charAt(0)}.`).join('-')).join(' ');
  const people = [...new Map(list.map((one) => [JSON.stringify(one.name), one.name!.given!])).entries()];
  const uses = new Map<string | undefined, number>();
  for (const [, given] of people) uses.set(initials(given), (uses.get(initials(given)) ?? 0) + 1);
  return new Map(people.map(([key, given]) => {
    const short = initials(given);
    return [key, short !== undefined && uses.get(short) === 1 ? short : given];
  }));
}

/** One stretch of an entry between its commas; the title's is in quotation marks. */
interface Piece extends ReferenceRun {
  quoted?: true;
}

/** The entry and its in-text form ("Mishra 2025"; undefined when the title stands in), as citeproc writes them. */
export function plainReference(plain: PlainEntry, terms: LocaleTerms, titleCase: (text: string) => string): { runs: ReferenceRun[]; citation: string | undefined } {
  const title: Piece = { text: titleCase(plain.title), quoted: true };
  const year: Piece = { text: plain.issued ? String(plain.issued[0]) : terms.noDate };
  const date: Piece | undefined = plain.issued ? { text: dateWords(plain.issued, terms) } : undefined;
  const container = plain.container === undefined ? undefined : titleCase(plain.container);
  const names: Piece | undefined = plain.authors.length > 0 ? { text: bibliographyNames(plain.authors, terms) } : undefined;

  // Sentences of pieces: pieces are joined by commas, sentences by full stops.
  let sentences: Array<Array<Piece | undefined>>;
  if (plain.type === 'article-newspaper') {
    // The newspaper, in italics, stands first when no one signed the article.
    const paper: Piece | undefined = container === undefined ? undefined : { text: container, italic: true };
    if (names && paper) sentences = [[names], [year], [title], [paper, date]];
    else if (names ?? paper) sentences = [[names ?? paper], [year], [title, date]];
    else sentences = [[title], [year, date]];
  } else {
    sentences = [[names ?? title], [year], names ? [title] : [], [container === undefined ? undefined : { text: container }], [date]];
  }
  if (!plain.issued && plain.accessed) sentences.push([{ text: `${capitalised(terms.accessed)} ${dateWords(plain.accessed, terms)}` }]);
  if (plain.url !== undefined) sentences.push([{ text: plain.url, url: plain.url }]);

  const citation = names && plain.issued ? `${citationNames(plain.authors, terms, plain.shownGiven)} ${plain.issued[0]}` : undefined;
  return { runs: joinSentences(sentences.map((pieces) => pieces.filter((piece) => piece !== undefined)).filter((pieces) => pieces.length > 0)), citation };
}

/** Pieces joined by ", ", sentences by ". ", with the punctuation after a title inside its quotation marks (American style). */
function joinSentences(sentences: readonly Piece[][]): ReferenceRun[] {
  const runs: ReferenceRun[] = [];
  const append = (text: string, style: Omit<ReferenceRun, 'text'> = {}): void => {
    const last = runs.at(-1);
    if (last && last.italic === style.italic && last.url === style.url) last.text += text;
    else runs.push({ text, ...style });
  };
  sentences.forEach((pieces, index) => {
    if (index > 0) append(' ');
    pieces.forEach(({ text, quoted, ...style }, at) => {
      const mark = at < pieces.length - 1 ? ',' : '.';
      if (at > 0) append(' ');
      if (quoted) append(`“${text}${mark}”`);
      else {
        append(text, style);
        // A full stop after one that ends a name ("K. N.") is not doubled.
        if (!(mark === '.' && text.endsWith('.'))) append(mark);
      }
    });
  });
  return runs;
}

/** "Mishra, Rahul", "Smith, John, and Jane Doe", "Alpha, A, B Beta, and C Gamma": the first inverted, a comma before "and". */
function bibliographyNames(names: readonly Name[], terms: LocaleTerms): string {
  const written = names.map((name, index) =>
    name.literal ?? (index === 0 ? `${name.family}, ${name.given}` : `${name.given} ${name.family}`),
  );
  if (written.length === 1) return written[0]!;
  return `${written.slice(0, -1).join(', ')}, ${terms.and} ${written.at(-1)!}`;
}

/** "Mishra", "Smith and Doe", "Alpha, Beta, and Gamma", "R. Smith et al.": family names, three at most. */
function citationNames(names: readonly Name[], terms: LocaleTerms, shownGiven: string | undefined): string {
  const families = names.map((name, index) => (index === 0 && shownGiven !== undefined ? `${shownGiven} ${name.family!}` : (name.literal ?? name.family!)));
  if (families.length >= 4) return `${families[0]!} ${terms.etAl}`;
  if (families.length === 1) return families[0]!;
  if (families.length === 2) return `${families[0]!} ${terms.and} ${families[1]!}`;
  return `${families.slice(0, -1).join(', ')}, ${terms.and} ${families.at(-1)!}`;
}

/** "4 July 2025", "July 2025", "2025": day first, as the brief's locale writes dates. */
function dateWords([year, month, day]: readonly number[], terms: LocaleTerms): string {
  return [day, month === undefined ? undefined : terms.months[month - 1], year].filter((part) => part !== undefined).join(' ');
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
