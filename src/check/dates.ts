// The date cross-check: each quote backing an event is read for the dates it
// states, and a quote none of whose dates can fall within the event's date is
// reported. A quote cited in a `Disputed:` annotation gives that other date, so
// it is compared with the disputed date instead. Only the quote's own words are
// read: the sentence around a quote often dates something else.
import type { Brief, Citation, DatePart, DateValue, Event } from '../model/types.js';
import { dayNumber, daysInMonth, findDates, type DateMention } from './date-mentions.js';

export interface DateFinding {
  citationId: string;
  eventId: string;
  /** `event`: the quote backs the event and contradicts its date; `disputed`: it backs a Disputed date and contradicts that. */
  against: 'event' | 'disputed';
  /** The date the quote contradicts. */
  date: DateValue;
  /** Every date the quote states; none of them can fall within `date`. */
  mentions: DateMention[];
}

interface Bounds {
  from: number;
  to: number;
}

/**
 * The days a date can mean. An approximate or uncertain date (`~`, `?`, `%`)
 * may be one unit of its precision off either way: `2015~` is 2014–2016,
 * `2025-04?` March–May 2025.
 */
export function dateBounds(date: DateValue): Bounds {
  const start = partBounds(date.start);
  const end = date.end === undefined ? start : partBounds(date.end);
  return { from: start.from, to: end.to };
}

function partBounds(part: DatePart): Bounds {
  const slack = part.approximate || part.uncertain ? 1 : 0;
  if (part.month === undefined) {
    return { from: dayNumber(part.year - slack, 1, 1), to: dayNumber(part.year + slack, 12, 31) };
  }
  if (part.day === undefined) {
    // Date.UTC-style arithmetic carries month 0 and 13 into the next year.
    const last = part.month + slack;
    return { from: dayNumber(part.year, part.month - slack, 1), to: dayNumber(part.year, last + 1, 1) - 1 };
  }
  const day = dayNumber(part.year, part.month, part.day);
  return { from: day - slack, to: day + slack };
}

/** Whether what the text says can fall within the bounds. */
export function overlaps(mention: DateMention, bounds: Bounds): boolean {
  if (mention.monthDay === undefined) return mention.from <= bounds.to && bounds.from <= mention.to;
  const { month, day } = mention.monthDay;
  const first = new Date(bounds.from * 86_400_000).getUTCFullYear();
  const last = new Date(bounds.to * 86_400_000).getUTCFullYear();
  // Any span of two calendar years or more holds every day of the year but perhaps 29 February.
  for (let year = first; year <= Math.min(last, first + 4); year++) {
    if (day > daysInMonth(year, month)) continue;
    const n = dayNumber(year, month, day);
    if (n >= bounds.from && n <= bounds.to) return true;
  }
  return false;
}

/**
 * Quotes that contradict the date they back. A quote that states no date, or
 * any date that can fall within the event's date, is in agreement: a quote that
 * mentions several dates is usually about several things, and one of them is
 * the event. A quote backing the event is also in agreement when one of its
 * dates falls within a Disputed date that cites a source: the disagreement is
 * recorded.
 */
export function checkDates(brief: Brief): DateFinding[] {
  const citations = new Map(brief.citations.map((citation) => [citation.id, citation]));
  const findings: DateFinding[] = [];
  for (const event of brief.events) {
    const disputedIds = new Set(event.disputed.flatMap((disputed) => disputed.citationIds));
    const recorded = event.disputed.filter((disputed) => disputed.citationIds.length > 0).map((disputed) => dateBounds(disputed.date));
    const eventBounds = dateBounds(event.date);
    for (const id of event.citationIds) {
      if (disputedIds.has(id)) continue;
      const mentions = quoteDates(citations.get(id));
      if (mentions.length === 0) continue;
      if (mentions.some((mention) => overlaps(mention, eventBounds) || recorded.some((bounds) => overlaps(mention, bounds)))) continue;
      findings.push({ citationId: id, eventId: event.id, against: 'event', date: event.date, mentions });
    }
    for (const disputed of event.disputed) {
      const bounds = dateBounds(disputed.date);
      for (const id of disputed.citationIds) {
        const mentions = quoteDates(citations.get(id));
        if (mentions.length === 0 || mentions.some((mention) => overlaps(mention, bounds))) continue;
        findings.push({ citationId: id, eventId: event.id, against: 'disputed', date: disputed.date, mentions });
      }
    }
  }
  return findings;
}

/** The dates in the text the document holds at the quote's place; none for a quote that was not found. */
function quoteDates(citation: Citation | undefined): DateMention[] {
  const exact = citation?.anchor?.exact;
  return exact === undefined ? [] : findDates(exact);
}

/** "April 2024", "April 2024 and 2023", "2015, 2016 and 2017". */
export function listDates(mentions: readonly DateMention[]): string {
  const labels = [...new Set(mentions.map((mention) => mention.label))];
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** What is wrong and how to settle it, on one line. */
export function dateMismatchMessage(finding: DateFinding, citation: Citation, event: Event): string {
  const said = `the quote gives ${listDates(finding.mentions)}`;
  if (finding.against === 'disputed') {
    return `${said}, but the Disputed date it backs is ${finding.date.label}; write the date the source gives in the Disputed annotation, or cite a passage that gives ${finding.date.label}`;
  }
  const edtf = finding.mentions.find((mention) => mention.edtf !== undefined)?.edtf ?? yearlessEdtf(finding.mentions, event) ?? '<date>';
  const quote = citation.quote ?? citation.anchor?.exact ?? '';
  const cited = `[@${citation.documentId}, ${quote.includes('"') ? `“${quote}”` : `"${quote}"`}]`;
  return `${said}, but the event is dated ${event.date.label}; if the source disagrees, record its date under the event heading (\`Disputed: ${edtf} ${cited}\`), otherwise cite a passage that dates the event`;
}

/** The finding in a few words, for the claims review table. */
export function dateMismatchSummary(finding: DateFinding): string {
  const backs = finding.against === 'disputed' ? 'the Disputed date it backs is' : 'the event is dated';
  return `the quote gives ${listDates(finding.mentions)}; ${backs} ${finding.date.label}`;
}

/** "July 4" becomes the event's year with that day. */
function yearlessEdtf(mentions: readonly DateMention[], event: Event): string | undefined {
  const monthDay = mentions.find((mention) => mention.monthDay !== undefined)?.monthDay;
  if (monthDay === undefined) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${event.date.start.year}-${pad(monthDay.month)}-${pad(monthDay.day)}`;
}
