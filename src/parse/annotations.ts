// `Key: value` lines right under an event heading: Tags, Place, Actors, Id, Disputed.
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import type { DateValue, Point, Position } from '../model/types.js';
import { findCitationGroups } from './citations.js';
import { DATE_TOKEN, parseDate } from './date.js';
import type { Line } from './lines.js';
import type { FoundGroup } from './markdown.js';

export interface ParsedDisputed {
  date?: DateValue;
  groups: FoundGroup[];
  citationIds: string[];
  position: Position;
}

export interface Annotations {
  tags: string[];
  place?: string;
  actors: string[];
  id?: { value: string; at: Point };
  disputed: ParsedDisputed[];
}

// The value is trimmed in code: `(\S.*?)\s*$` would backtrack on long runs of spaces.
const ANNOTATION = /^([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)?):[ \t]+(\S.*)$/;
const KNOWN = ['Tags', 'Place', 'Actors', 'Id', 'Disputed'];
export const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Reads annotation lines from `from` on; `bodyLine` is the first line after them. */
export function parseAnnotations(
  file: string,
  lines: readonly Line[],
  from: number,
  to: number,
  toPoint: (offset: number) => Point,
): { annotations: Annotations; bodyLine: number; diagnostics: Diagnostic[] } {
  const annotations: Annotations = { tags: [], actors: [], disputed: [] };
  const diagnostics: Diagnostic[] = [];
  let index = from;
  for (; index < to; index++) {
    const line = lines[index]!;
    const match = ANNOTATION.exec(line.text);
    if (!match) break;
    const key = match[1]!;
    const value = match[2]!.trimEnd();
    const valueColumn = line.text.indexOf(value, key.length + 1) + 1;
    const at = { line: line.number, column: valueColumn };
    switch (key.toLowerCase()) {
      case 'tags':
        annotations.tags.push(...list(value).map(normaliseTag));
        break;
      case 'place':
        annotations.place = value;
        break;
      case 'actors':
        annotations.actors.push(...list(value));
        break;
      case 'id':
        if (EVENT_ID.test(value)) annotations.id = { value, at: { ...at, offset: line.offset + valueColumn - 1 } };
        else diagnostics.push(diagnostic('error', 'bad-id', `event id "${value}" may hold only letters, digits, - and _`, file, at));
        break;
      case 'disputed':
        annotations.disputed.push(parseDisputed(file, line, value, valueColumn, toPoint, diagnostics));
        break;
      default:
        diagnostics.push(
          diagnostic('warning', 'unknown-annotation', unknownAnnotation(key), file, { line: line.number, column: 1 }),
        );
    }
  }
  return { annotations, bodyLine: index, diagnostics };
}

function parseDisputed(
  file: string,
  line: Line,
  value: string,
  valueColumn: number,
  toPoint: (offset: number) => Point,
  diagnostics: Diagnostic[],
): ParsedDisputed {
  const valueOffset = line.offset + valueColumn - 1;
  const position: Position = { file, start: toPoint(valueOffset), end: toPoint(line.offset + line.text.length) };
  const disputed: ParsedDisputed = { groups: [], citationIds: [], position };
  const token = DATE_TOKEN.exec(value)?.[0] ?? value.split(/\s/)[0] ?? '';
  const date = parseDate(token);
  if (date.ok) disputed.date = date.value;
  else diagnostics.push(diagnostic('error', 'bad-date', `Disputed: ${date.reason}`, file, { line: line.number, column: valueColumn }));

  const matches = findCitationGroups(value);
  if (matches.length === 0) {
    diagnostics.push(
      diagnostic('warning', 'missing-citation', 'a disputed date needs the citation that gives it, e.g. `Disputed: 2025-07-04 [@id, "the words giving that date"]`', file, { line: line.number, column: valueColumn }),
    );
  }
  for (const match of matches) {
    const at = (offset: number) => valueOffset + offset;
    disputed.groups.push({
      match,
      start: at(match.start),
      end: at(match.end),
      keyOffsets: match.items.map((item) => at(item.keyOffset)),
      quoteOffsets: match.items.map((item) => (item.quoteOffset === undefined ? undefined : at(item.quoteOffset))),
      problemOffsets: match.problems.map((problem) => at(problem.offset)),
      node: { type: 'citationGroup', citationIds: [], position: { start: toPoint(at(match.start)), end: toPoint(at(match.end)) } },
    });
  }
  return disputed;
}

const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

/** `Human rights`, `human-rights` and `Human-Rights` are one tag. */
export const normaliseTag = (tag: string) => tag.toLowerCase().replace(/\s+/g, '-');

function unknownAnnotation(key: string): string {
  const meant = closest(key, KNOWN, 2);
  return `unknown annotation "${key}"; ${meant ? `did you mean "${meant}"? ` : ''}known: ${KNOWN.join(', ')} (leave a blank line after the annotations if this is body text)`;
}
