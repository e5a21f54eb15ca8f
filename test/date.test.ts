import { describe, expect, it } from 'vitest';
import { parseDate } from '../src/parse/date.js';

const label = (text: string) => {
  const result = parseDate(text);
  if (!result.ok) throw new Error(result.reason);
  return result.value.label;
};

describe('parseDate', () => {
  it.each([
    ['2025', '2025'],
    ['2025-04', 'April 2025'],
    ['2025-07-03', '3 July 2025'],
    ['2015~', 'c. 2015'],
    ['2015?', '2015 (?)'],
    ['2015%', 'c. 2015 (?)'],
    ['1979-12/1989-02', 'December 1979 – February 1989'],
    ['2024-02-29', '29 February 2024'],
  ])('words %s as %s', (text, words) => {
    expect(label(text)).toBe(words);
  });

  it.each([
    ['2025-02-30', /February 2025 has 28 days/],
    ['2023-02-29', /February 2023 has 28 days/],
    ['2025-13', /no month 13/],
    ['1989/1979', /ends before it starts/],
    ['2025-07-03/2025-07-01', /ends before it starts/],
    ['July 2025', /not an EDTF date/],
  ])('refuses %s', (text, reason) => {
    const result = parseDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('sorts by the earliest day a date can mean', () => {
    const key = (text: string) => {
      const result = parseDate(text);
      return result.ok ? result.value.sortKey : NaN;
    };
    expect(key('2025')).toBeLessThan(key('2025-01-02'));
    expect(key('1979-12/1989-02')).toBe(key('1979-12'));
  });

  it('gives ISO text for <time datetime>', () => {
    const result = parseDate('1979-12/1989-02');
    expect(result.ok && result.value.iso).toBe('1979-12/1989-02');
  });
});
