// Dates written in running English text: "17 April 2025", "July 4, 2025",
// "April 2024", "in 2015", "the 1990s", "2015–2021", "since 2021", "July 3".
// Each becomes the range of days it can mean, so it can be compared with an
// EDTF date at the precision the text gives. Recall is traded for precision: a
// bare four-digit number counts as a year only after a word that introduces
// one ("in", "since", "the", …), so "1500 people" or "USD 2000" are not dates.
import { MONTHS } from '../parse/date.js';

export interface DateMention {
  /** The words as written, e.g. "17 April 2025", "since 2021". */
  text: string;
  /** Offsets of `text` in the scanned string. */
  start: number;
  end: number;
  /** First and last day it can mean (day numbers, see `dayNumber`); open ends are ±Infinity. */
  from: number;
  to: number;
  /** Set for a date written without a year ("July 3"): it may fall in any year. */
  monthDay?: { month: number; day: number };
  /** In words, as the model words dates: "17 April 2025", "April 2024", "2015", "since 2021". */
  label: string;
  /** The EDTF for what the text says, when it is one date or a closed interval with a year. */
  edtf?: string;
}

/** Full names and the usual abbreviations; the first letter must be a capital ("may" is a verb). */
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\\d)';
const YEAR = '[12]\\d{3}(?!\\d)';
const DASH = '\\s*[-–—]\\s*';

/** Alternatives in order of preference at one position: the longest reading first. */
const PATTERN = new RegExp(
  [
    `(?<iso>\\b${YEAR}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?\\b(?![-:]\\d))`,
    `(?<dayRangeMonthYear>\\b${DAY}${DASH}${DAY} ${MONTH},? ${YEAR})`,
    `(?<dayMonthYear>\\b${DAY}(?: of)? ${MONTH},? ${YEAR})`,
    `(?<monthDayRangeYear>\\b${MONTH} ${DAY}${DASH}${DAY},? ${YEAR})`,
    `(?<monthDayYear>\\b${MONTH} ${DAY},? ${YEAR})`,
    `(?<monthYear>\\b${MONTH},? ${YEAR})`,
    `(?<dayMonth>\\b${DAY}(?: of)? ${MONTH}(?![\\w]))`,
    `(?<monthDay>\\b${MONTH} ${DAY}(?![\\w]|[.,]\\d))`,
    `(?<yearRange>\\b${YEAR}${DASH}${YEAR})`,
    `(?<decade>\\b[12]\\d{2}0['’]?s\\b)`,
    `(?<year>\\b${YEAR})`,
  ].join('|'),
  'g',
);

/** Words after which a bare four-digit number is a year. */
const YEAR_CUE =
  /\b(?:in|since|from|of|by|until|till|to|before|after|during|around|circa|c\.|ca\.|early|late|mid-?|the|and|or|between|through|throughout|spring|summer|autumn|fall|winter|year|end|start|beginning)\s*$/i;
/** Words after a number that make it a quantity, not a year. */
const QUANTITY =
  /^\s*(?:people|persons|tons|tonnes|troops|soldiers|fighters|militants|civilians|lives|deaths|dead|casualties|refugees|km|kilometres|kilometers|miles|metres|meters|dollars|euros|roubles|rubles|afghanis|units|cases|members|men|women|children|families|households|vehicles|times|hours|days|weeks|months|years|%|percent|per cent)\b/i;
/** Just before a number: a currency or a thousands separator makes it an amount. */
const AMOUNT_BEFORE = /(?:[$€£¥₽]|\b(?:USD|EUR|GBP|RUB|AFN|Rs)\.?\s*|\d[.,])$/;
const AMOUNT_AFTER = /^(?:[.,]\d)/;

const OPEN_AFTER = /\b(since|after|from)\s+(?:the\s+|early\s+|late\s+|mid-?)?$/i;
const OPEN_BEFORE = /\b(until|till|before|by|up to)\s+(?:the\s+|early\s+|late\s+|mid-?)?$/i;
const RANGE_START = /\b(?:from|between)\s+$/i;
const RANGE_JOIN = /^\s*(?:to|and|until|till|through|[-–—])\s*$/i;

export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(new Date(0).setUTCFullYear(year, month - 1, day) / 86_400_000);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(new Date(0).setUTCFullYear(year, month, 0)).getUTCDate();
}

function monthNumber(name: string): number {
  const prefix = name.replace(/\.$/, '').slice(0, 3).toLowerCase();
  return MONTHS.findIndex((month) => month.slice(0, 3).toLowerCase() === prefix) + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

interface Bounds {
  from: number;
  to: number;
  label: string;
  edtf: string;
}

function yearBounds(year: number): Bounds {
  return { from: dayNumber(year, 1, 1), to: dayNumber(year, 12, 31), label: String(year), edtf: String(year) };
}

function monthBounds(year: number, month: number): Bounds {
  return {
    from: dayNumber(year, month, 1),
    to: dayNumber(year, month, daysInMonth(year, month)),
    label: `${MONTHS[month - 1]} ${year}`,
    edtf: `${year}-${pad(month)}`,
  };
}

function dayBounds(year: number, month: number, day: number): Bounds | undefined {
  if (day > daysInMonth(year, month)) return undefined;
  const n = dayNumber(year, month, day);
  return { from: n, to: n, label: `${day} ${MONTHS[month - 1]} ${year}`, edtf: `${year}-${pad(month)}-${pad(day)}` };
}

function dayRange(year: number, month: number, first: number, last: number): Bounds | undefined {
  const a = dayBounds(year, month, first);
  const b = dayBounds(year, month, last);
  if (!a || !b || b.from < a.from) return undefined;
  return { from: a.from, to: b.to, label: `${first}–${last} ${MONTHS[month - 1]} ${year}`, edtf: `${a.edtf}/${b.edtf}` };
}

const numbers = (text: string): number[] => [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
const monthIn = (text: string): number => monthNumber(/[A-Z][a-z]+\.?/.exec(text)?.[0] ?? '');

/** What one match of PATTERN means; undefined when it is not a date after all. */
function read(groups: Record<string, string | undefined>, text: string, index: number): Omit<DateMention, 'text' | 'start' | 'end'> | undefined {
  const value = (name: string): string | undefined => groups[name];
  let bounds: Bounds | undefined;
  let written: string | undefined;
  if (value('iso') !== undefined) {
    const [year, month, day] = numbers(value('iso')!);
    bounds = day === undefined ? monthBounds(year!, month!) : dayBounds(year!, month!, day);
  } else if ((written = value('dayRangeMonthYear') ?? value('monthDayRangeYear')) !== undefined) {
    // "3–5 July 2025" or "July 3–5, 2025": the numbers come in the same order.
    const [first, last, year] = numbers(written);
    bounds = dayRange(year!, monthIn(written), first!, last!);
  } else if ((written = value('dayMonthYear') ?? value('monthDayYear')) !== undefined) {
    const [day, year] = numbers(written);
    bounds = dayBounds(year!, monthIn(written), day!);
  } else if (value('monthYear') !== undefined) {
    const [year] = numbers(value('monthYear')!);
    bounds = monthBounds(year!, monthIn(value('monthYear')!));
  } else if ((written = value('dayMonth') ?? value('monthDay')) !== undefined) {
    const [day] = numbers(written);
    const month = monthIn(written);
    // 29 February is the longest a month can be in any year.
    if (day! > daysInMonth(2000, month)) return undefined;
    return { from: -Infinity, to: Infinity, monthDay: { month, day: day! }, label: `${day} ${MONTHS[month - 1]}` };
  } else if (value('yearRange') !== undefined) {
    const [first, last] = numbers(value('yearRange')!);
    if (last! <= first! || last! - first! > 100) return undefined;
    bounds = { from: yearBounds(first!).from, to: yearBounds(last!).to, label: `${first}–${last}`, edtf: `${first}/${last}` };
  } else if (value('decade') !== undefined) {
    const [first] = numbers(value('decade')!);
    bounds = { from: yearBounds(first!).from, to: yearBounds(first! + 9).to, label: `the ${first}s`, edtf: `${first}/${first! + 9}` };
  } else if (value('year') !== undefined) {
    const before = text.slice(Math.max(0, index - 24), index);
    const after = text.slice(index + 4, index + 24);
    if (!YEAR_CUE.test(before) || AMOUNT_BEFORE.test(before) || AMOUNT_AFTER.test(after) || QUANTITY.test(after)) return undefined;
    bounds = yearBounds(Number(value('year')));
  }
  return bounds;
}

/** Every date written in `text`, in order. "since X" and "until X" are open-ended; "from X to Y" is one interval. */
export function findDates(text: string): DateMention[] {
  const found: DateMention[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const meaning = read(match.groups ?? {}, text, match.index);
    if (!meaning) continue;
    found.push({ text: match[0], start: match.index, end: match.index + match[0].length, ...meaning });
  }
  return qualify(text, found);
}

/** Joins "from X to Y", opens "since X" and "until X". */
function qualify(text: string, mentions: DateMention[]): DateMention[] {
  const result: DateMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i]!;
    const before = text.slice(Math.max(0, mention.start - 24), mention.start);
    const next = mentions[i + 1];
    if (mention.monthDay === undefined) {
      if (next && next.monthDay === undefined && RANGE_START.test(before) && RANGE_JOIN.test(text.slice(mention.end, next.start)) && next.to >= mention.from) {
        const withEdtf = mention.edtf !== undefined && next.edtf !== undefined ? { edtf: `${mention.edtf}/${next.edtf}` } : {};
        result.push({
          text: text.slice(mention.start, next.end),
          start: mention.start,
          end: next.end,
          from: mention.from,
          to: next.to,
          label: `${mention.label} – ${next.label}`,
          ...withEdtf,
        });
        i++;
        continue;
      }
      const opening = OPEN_AFTER.exec(before) ?? OPEN_BEFORE.exec(before);
      if (opening) {
        const forward = OPEN_AFTER.test(before);
        const { edtf: _closed, ...rest } = mention;
        result.push({
          ...rest,
          text: text.slice(mention.start - opening[0].length, mention.end),
          start: mention.start - opening[0].length,
          from: forward ? mention.from : -Infinity,
          to: forward ? Infinity : mention.to,
          label: `${opening[1]!.toLowerCase()} ${mention.label}`,
        });
        continue;
      }
    }
    result.push(mention);
  }
  return result;
}
