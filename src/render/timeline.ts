// out/timeline.json: the chronology in TimelineJS's JSON format, for its viewer.
import { toString } from 'mdast-util-to-string';
import type { Brief, DatePart, Event, Markdown } from '../model/types.js';

interface TimelineDate {
  year: string;
  month?: string;
  day?: string;
  display_date?: string;
}

interface TimelineEvent {
  unique_id: string;
  start_date: TimelineDate;
  end_date?: TimelineDate;
  display_date: string;
  text: { headline: string; text: string };
  group?: string;
}

export function renderTimeline(brief: Brief): string {
  const cite = citationText(brief);
  const timeline = {
    title: { text: { headline: escape(brief.meta.title), text: brief.meta.subtitle ? `<p>${escape(brief.meta.subtitle)}</p>` : '' } },
    events: brief.events.map((event) => timelineEvent(event, cite)),
  };
  return `${JSON.stringify(timeline, null, 2)}\n`;
}

function timelineEvent(event: Event, cite: CitationText): TimelineEvent {
  const entry: TimelineEvent = {
    unique_id: event.id,
    start_date: timelineDate(event.date.start),
    display_date: event.date.label,
    text: { headline: escape(event.titleText), text: paragraphs(event.body, cite) },
  };
  if (event.date.end) entry.end_date = timelineDate(event.date.end);
  const group = event.tags[0];
  if (group) entry.group = group;
  return entry;
}

function timelineDate(part: DatePart): TimelineDate {
  const date: TimelineDate = { year: String(part.year) };
  if (part.month !== undefined) date.month = String(part.month);
  if (part.day !== undefined) date.day = String(part.day);
  return date;
}

type CitationText = (ids: string[]) => string;

/** A citation group as text: the cited documents' short forms ("Mishra 2025") or titles, in parentheses. */
function citationText(brief: Brief): CitationText {
  const titles = new Map(brief.documents.map((d) => [d.id, shortTitle(d.reference?.short ?? d.meta.title)]));
  const documentOf = new Map(brief.citations.map((c) => [c.id, c.documentId]));
  return (ids) => ` (${ids.map((id) => titles.get(documentOf.get(id) ?? '') ?? '').filter(Boolean).join('; ')})`;
}

/** The body as plain paragraphs, each citation group replaced by its text. */
function paragraphs(body: Markdown, cite: CitationText): string {
  return body
    .map((block) => {
      const text = toString(replaceCitations(block, cite));
      return `<p>${escape(text.replace(/\s+\(/g, ' (').replace(/\s+/g, ' ').trim())}</p>`;
    })
    .join('');
}

function replaceCitations<T>(node: T, cite: (ids: string[]) => string): T {
  if (Array.isArray(node)) return node.map((child) => replaceCitations(child, cite)) as T;
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record['type'] === 'citationGroup') return { type: 'text', value: cite(record['citationIds'] as string[]) } as T;
  if (record['type'] === 'footnoteReference') return { type: 'text', value: '' } as T;
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, key === 'children' ? replaceCitations(value, cite) : value])) as T;
}

/** Square brackets mark a descriptive title (Chicago); inside parentheses they are noise. */
function shortTitle(title: string): string {
  const plain = title.replace(/^\[(.*)\]$/, '$1');
  return plain.length > 60 ? `${plain.slice(0, 59).trimEnd()}…` : plain;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
