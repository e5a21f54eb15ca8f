// Pandoc citation syntax in plain text: `[@id]`, `[see @id, p. 2]`, `[@a; @b]`,
// and this format's verbatim quotes: `[@id, "quoted words"]`.
// No well-kept micromark extension reads pandoc citations into mdast, so the
// groups are found in text here and spliced into the tree by markdown.ts.

export interface CitationItem {
  key: string;
  /** Offset of the `@` in the scanned text. */
  keyOffset: number;
  prefix?: string;
  locator?: string;
  quote?: string;
  /** Offset of the first character of the quote (after the opening mark). */
  quoteOffset?: number;
}

export interface CitationProblem {
  message: string;
  offset: number;
  /** `too-large` for a group over the length read; else the problem is a `bad-citation`. */
  rule?: 'too-large';
}

export interface CitationGroupMatch {
  /** Offset of `[` and just past `]`. */
  start: number;
  end: number;
  items: CitationItem[];
  problems: CitationProblem[];
}

/** Longest citation group read, so a stray `[` cannot make scanning quadratic; a longer one is an error. */
export const MAX_GROUP_LENGTH = 4000;
const KEY_START = /[\p{L}\p{N}_]/u;
/** A citation key, as pandoc reads one: letters, digits and _, with marks after the first and punctuation only between. */
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const ITEM = new RegExp(String.raw`^(?<prefix>[\s\S]*?)(?<!\S)(?<dash>-?)@(?<key>${KEY})(?<rest>[\s\S]*)$`, 'u');
const WHOLE_KEY = new RegExp(`^${KEY}$`, 'u');

/** Whether a document id can be written as a citation key (`@id`). */
export const isCitableId = (id: string): boolean => WHOLE_KEY.test(id);

/** A name of the same words that can be cited: "UN report (2025)" → "UN-report-2025". */
export function citableId(id: string): string {
  return id.replace(/[^\p{L}\p{N}\p{M}_]+/gu, '-').replace(/^[-\p{M}]+|-+$/gu, '') || 'document';
}

/** A locator (no quotation mark in it) and the quote, which runs to the item's last closing mark. */
const SUFFIX_QUOTE = /^(?:(?<locator>[^"“]*?),?\s+)?["“](?<quote>[\s\S]*)["”]\s*$/u;

const opensQuote = (c: string) => c === '"' || c === '“';

/**
 * A quote being read: news text quotes its own speakers, so a quote holds
 * quotation marks of its own (`"a “historic step” for Kabul"`), paired or
 * not (a quote may start or stop inside the document's own quotation). Only
 * a closing mark, straight or curly, where the citation item ends ends the
 * quote: before the group's `]`, or before a `;` that another cited item
 * follows (`; @b, …`).
 */
/** Whether the character at `i`, inside a quote, closes it. */
function closesQuoteAt(text: string, i: number): boolean {
  const c = text[i];
  return (c === '"' || c === '”') && endsItem(text, i + 1);
}

/** The start of another cited item (`@b`, `see @b`, `-@b`, or `@../x`, which is then told it is no id). */
const NEXT_ITEM = /^[^\]"“;@]{0,40}?(?<![^\s;])-?@\S/u;

/** Whether only spaces stand between `from` and the group's `]` (or the text's end), or a `;` and another item. */
function endsItem(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  if (i >= text.length || text[i] === ']') return true;
  return text[i] === ';' && NEXT_ITEM.test(text.slice(i + 1, i + 64).trimStart());
}

export function findCitationGroups(text: string): CitationGroupMatch[] {
  const groups: CitationGroupMatch[] = [];
  let from = 0;
  for (let open = text.indexOf('[', from); open !== -1; open = text.indexOf('[', from)) {
    const found = closingBracket(text, open);
    const close = found === TOO_LONG ? -1 : found;
    // A quote left open can only be there when no `]` closes the group, or one stands inside it.
    const unclosed = close === -1 || text.indexOf(']', open + 1) < close ? unclosedQuote(text, open) : undefined;
    // Unclosed when nothing closes the quote, or what does belongs to a later citation.
    if (unclosed && (close === -1 || /\[[^\]]*@/.test(text.slice(unclosed.end, close)))) {
      groups.push(unclosed);
      from = unclosed.end;
      continue;
    }
    if (found === TOO_LONG && looksLikeCitation(text, open + 1, open + MAX_GROUP_LENGTH)) {
      // Too long to read: an error, never text that passes unchecked.
      const end = closingBracket(text, open, Infinity);
      groups.push({ start: open, end: end === -1 ? open + 1 : end + 1, items: [], problems: [tooLong(open)] });
      from = end === -1 ? open + 1 : end + 1;
      continue;
    }
    if (close === -1 || !looksLikeCitation(text, open + 1, close)) {
      from = open + 1;
      continue;
    }
    groups.push(readGroup(text, open, close));
    from = close + 1;
  }
  return groups;
}

function tooLong(open: number): CitationProblem {
  return {
    message: `a citation of more than ${MAX_GROUP_LENGTH.toLocaleString('en-US')} characters is not read, so its quotes cannot be checked; quote fewer words, or split the quote into several citations`,
    offset: open,
    rule: 'too-large',
  };
}

/** What `closingBracket` returns when `length` characters hold neither a `]` nor another `[`. */
const TOO_LONG = -2;

/**
 * The `]` that closes the group opened at `open`, skipping brackets inside
 * quotes; -1 if another `[` or the end of the text comes first, `TOO_LONG` if
 * `length` characters pass first.
 */
function closingBracket(text: string, open: number, length = MAX_GROUP_LENGTH): number {
  let inQuote = false;
  const limit = Math.min(text.length, open + length);
  for (let i = open + 1; i < limit; i++) {
    const c = text[i]!;
    if (inQuote) inQuote = !closesQuoteAt(text, i);
    else if (opensQuote(c)) inQuote = true;
    else if (c === '[') return -1;
    else if (c === ']') return i;
  }
  return limit < text.length ? TOO_LONG : -1;
}

/**
 * `[@id, "words]`: a citation whose quote is never closed, so its `]` reads as
 * part of the quote and the group as text. It is the group up to the first
 * `]`, read as if the quote closed there (so its quote is still checked), with
 * the problem at the opening mark; undefined for anything else.
 */
function unclosedQuote(text: string, open: number): CitationGroupMatch | undefined {
  const limit = Math.min(text.length, open + MAX_GROUP_LENGTH);
  let quote = -1;
  let close = -1;
  // Brackets inside a quote come in pairs ("[sic]"); a lone `]` there ends the group.
  let depth = 0;
  for (let i = open + 1; i < limit && close === -1; i++) {
    const c = text[i]!;
    if (quote !== -1) {
      if (c === '[') depth++;
      else if (c === ']' && depth-- === 0) close = i;
      else if (closesQuoteAt(text, i)) quote = -1;
    } else if (opensQuote(c)) {
      quote = i;
      depth = 0;
    } else if (c === '[' || c === ']') return undefined;
  }
  if (close === -1 || !looksLikeCitation(text, open + 1, quote)) return undefined;
  // The group alone, closed, read; its offsets then moved to the text's.
  const closed = `${text.slice(open, close)}${text[quote] === '“' ? '”' : '"'}]`;
  const group = readGroup(closed, 0, closed.length - 1);
  return {
    start: open,
    end: close + 1,
    items: group.items.map((item) => ({ ...item, keyOffset: item.keyOffset + open, ...(item.quoteOffset === undefined ? {} : { quoteOffset: item.quoteOffset + open }) })),
    problems: [
      { message: 'the quote is not closed; end it with a quotation mark before the `]`', offset: quote },
      ...group.problems.map((problem) => ({ ...problem, offset: problem.offset + open })),
    ],
  };
}

/** A `[…]` is a citation group when, outside quotes, an `@` starts a word. */
function looksLikeCitation(text: string, from: number, to: number): boolean {
  let inQuote = false;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (inQuote) inQuote = !closesQuoteAt(text, i);
    else if (opensQuote(c)) inQuote = true;
    else if (c === '@') {
      const before = i === from ? ' ' : text[i - 1]!;
      if (/[\s;\-]/.test(before) || i === from) return KEY_START.test(text[i + 1] ?? '') || text[i + 1] === '.' || text[i + 1] === '/';
    }
  }
  return false;
}

function readGroup(text: string, open: number, close: number): CitationGroupMatch {
  const items: CitationItem[] = [];
  const problems: CitationProblem[] = [];
  for (const [itemStart, itemEnd] of splitItems(text, open + 1, close)) {
    const raw = text.slice(itemStart, itemEnd);
    const match = ITEM.exec(raw);
    const groups = match?.groups;
    if (!groups) {
      const at = raw.indexOf('@');
      problems.push({
        message: raw.includes('@')
          ? `"${raw.trim()}" is not a document id: ids are file names in sources/documents/ without extension (letters, digits, _, and - . : / between them)`
          : `"${raw.trim()}" has no @document-id; write [@id], [@id, p. 2] or [@id, "verbatim quote"]`,
        offset: itemStart + Math.max(0, at),
      });
      continue;
    }
    const keyOffset = itemStart + (groups['prefix']?.length ?? 0) + (groups['dash']?.length ?? 0);
    const item: CitationItem = { key: groups['key']!, keyOffset };
    const prefix = groups['prefix']?.trim();
    if (prefix) item.prefix = prefix;
    const suffix = (groups['rest'] ?? '').replace(/^\s*,?\s*/, '');
    const suffixOffset = itemEnd - suffix.length;
    const quoted = SUFFIX_QUOTE.exec(suffix)?.groups;
    if (quoted) {
      const locator = quoted['locator']?.trim();
      if (locator) item.locator = locator;
      const quote = quoted['quote'] ?? '';
      // The quote ends just before the closing mark, the last non-space character of the suffix.
      const quoteOffset = suffixOffset + suffix.trimEnd().length - 1 - quote.length;
      if (quote.trim() === '') {
        problems.push({ message: 'the quote is empty; put the document’s words between the quotation marks', offset: quoteOffset });
      } else {
        item.quote = quote;
        item.quoteOffset = quoteOffset;
      }
    } else if (suffix.trim() !== '') {
      item.locator = suffix.trim();
    }
    items.push(item);
  }
  return { start: open, end: close + 1, items, problems };
}

/** Ranges of the `;`-separated items between `from` and `to`, ignoring `;` inside quotes. */
function splitItems(text: string, from: number, to: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let inQuote = false;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (inQuote) inQuote = !closesQuoteAt(text, i);
    else if (opensQuote(c)) inQuote = true;
    else if (c === ';') {
      ranges.push([start, i]);
      start = i + 1;
    }
  }
  ranges.push([start, to]);
  return ranges.filter(([a, b]) => text.slice(a, b).trim() !== '');
}
