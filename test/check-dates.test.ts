// The date cross-check: dates found in running text, compared with EDTF dates
// at the precision the text gives, and the `date-mismatch` warnings of a
// fixture brief (`UPDATE=1 npx vitest run test/check-dates.test.ts` rewrites
// test/fixtures/check/dates/expected.txt; review the diff).
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../src/build.js';
import { findDates } from '../src/check/date-mentions.js';
import { dateBounds, overlaps } from '../src/check/dates.js';
import { formatDiagnostics } from '../src/diagnostics/report.js';
import type { DateValue } from '../src/model/types.js';
import { parseDate } from '../src/parse/date.js';
import { repoRoot, tempRoot } from './helpers/cli.js';

const labels = (text: string) => findDates(text).map((mention) => mention.label);
const edtf = (text: string): DateValue => {
  const result = parseDate(text);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
};
/** Whether the only date written in `text` can fall within the EDTF date. */
const agrees = (text: string, date: string): boolean => {
  const [mention, ...rest] = findDates(text);
  if (!mention || rest.length > 0) throw new Error(`"${text}" holds ${rest.length + (mention ? 1 : 0)} dates`);
  return overlaps(mention, dateBounds(edtf(date)));
};

describe('findDates', () => {
  it('reads the ways English writes a date, at the precision written', () => {
    expect(labels('on 17 April 2025')).toEqual(['17 April 2025']);
    expect(labels('made on July 4, 2025, was')).toEqual(['4 July 2025']);
    expect(labels('in April 2024, Russia')).toEqual(['April 2024']);
    expect(labels('In 2015, the emergence')).toEqual(['2015']);
    expect(labels('In March 2024, the ISKP')).toEqual(['March 2024']);
    expect(labels('after the 2021 collapse')).toEqual(['after 2021']);
    expect(labels('the 17th of April, 2025; Sept. 2024; 3–4 July 2025; July 3–4, 2025; 2025-07-03; 2025-07')).toEqual([
      '17 April 2025',
      'September 2024',
      '3–4 July 2025',
      '3–4 July 2025',
      '3 July 2025',
      'July 2025',
    ]);
    expect(labels('On July 3, Russia; on 4 July the envoy')).toEqual(['3 July', '4 July']);
    expect(labels('during the 1990s and from 2015 to 2021, and 1979–1989')).toEqual(['the 1990s', '2015 – 2021', '1979–1989']);
  });

  it('opens "since" and "until" dates', () => {
    const [since] = findDates('Since 2021, bans');
    expect(since).toMatchObject({ label: 'since 2021', text: 'Since 2021', to: Infinity });
    expect(since!.edtf).toBeUndefined();
    expect(findDates('lasted until 1989')[0]).toMatchObject({ label: 'until 1989', from: -Infinity });
  });

  it('does not take amounts, quantities, ordinals or the verb "may" for dates', () => {
    expect(labels('rose from 246,000 tons in 2022 to 710,000 tons')).toEqual(['2022']);
    expect(labels('worth USD 2000 million, $1990 or €2015; 1500 people; 17 countries; the 16th Forum; 2.0 regime')).toEqual([]);
    expect(labels('China may now accelerate; in 2000 troops; 2021 was a year')).toEqual([]);
    expect(labels('Section 2021-13 and 2025-02-30')).toEqual([]);
  });
});

describe('dates compared at the precision the text gives', () => {
  it('a year backs any day of that year; a month of another year contradicts it', () => {
    expect(agrees('in 2024', '2024-04-17')).toBe(true);
    expect(agrees('in April 2024', '2025-04-17')).toBe(false);
    expect(agrees('in April 2025', '2025-04-17')).toBe(true);
    expect(agrees('on 17 April 2025', '2025')).toBe(true);
    expect(agrees('on 18 April 2025', '2025-04-17')).toBe(false);
  });

  it('an interval backs any date inside it, an open date anything on its side', () => {
    expect(agrees('in August 2021', '2021-08/2025-07')).toBe(true);
    expect(agrees('in 2026', '2021-08/2025-07')).toBe(false);
    expect(agrees('since 2021', '2023')).toBe(true);
    expect(agrees('since 2021', '2019')).toBe(false);
    expect(agrees('until 1989', '1979')).toBe(true);
  });

  it('an approximate or uncertain date may be one unit off either way', () => {
    expect(agrees('in 2021', '2022~')).toBe(true);
    expect(agrees('in 2024', '2022~')).toBe(false);
    expect(agrees('in May 2025', '2025-04?')).toBe(true);
    expect(agrees('in January 2026', '2025-12~')).toBe(true);
    expect(agrees('on 19 April 2025', '2025-04-17%')).toBe(false);
  });

  it('a date without a year matches that day in any year the date covers', () => {
    expect(agrees('On July 3', '2025-07-03')).toBe(true);
    expect(agrees('On July 4', '2025-07-03')).toBe(false);
    expect(agrees('on 29 February', '2024')).toBe(true);
    expect(agrees('on 29 February', '2025-02')).toBe(false);
  });
});

describe('date-mismatch', () => {
  const root = path.join(import.meta.dirname, 'fixtures', 'check', 'dates');

  it('warns at the quote, naming both dates and the Disputed line that would record the other', async () => {
    const result = await buildBrief(root, { formats: [] });
    const printed = formatDiagnostics(result.diagnostics);
    const expectedFile = path.join(root, 'expected.txt');
    if (process.env['UPDATE'] === '1') writeFileSync(expectedFile, printed);
    expect(printed).toBe(readFileSync(expectedFile, 'utf8'));
    expect(result.diagnostics.every((d) => d.ruleId === 'date-mismatch' && d.severity === 'warning')).toBe(true);
  });

  it('finds nothing in the default brief, whose disagreements on dates are recorded', async () => {
    const result = await buildBrief(repoRoot, { formats: [] });
    expect(result.diagnostics.filter((d) => d.ruleId === 'date-mismatch')).toEqual([]);
  });

  it('finds the default brief’s disagreements once the Disputed lines are taken out', async () => {
    const root = await tempRoot(repoRoot);
    const file = path.join(root, 'sources', 'brief.md');
    // The disputed quotes stay cited, in the event's body.
    const text = (await readFile(file, 'utf8')).replace(/^Disputed: \S+ (.*)$/gm, '\nOne source differs $1.');
    await writeFile(file, text);
    const result = await buildBrief(root, { formats: [] });
    const found = result.diagnostics.filter((d) => d.ruleId === 'date-mismatch').map((d) => d.message.replace(/;.*/, ''));
    expect(found).toEqual([
      'the quote gives April 2024, but the event is dated 17 April 2025',
      'the quote gives 4 July 2025, but the event is dated 3 July 2025',
      'the quote gives 4 July 2025, but the event is dated 3 July 2025',
    ]);
  });
});
