// CSL dates (`date-parts`, `raw`, `literal`, or an ISO string) in words.
import { isoDateOfWords, MONTHS } from '../parse/date.js';

export function formatCslDate(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // "July 4, 2025" and the like, as people write dates, read as the ISO date they stand for.
    const iso = isoDateOfWords(value) ?? value;
    return formatParts(iso.split('-').map(Number)) ?? (value.trim() || undefined);
  }
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const parts = record['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const formatted = formatParts((parts[0] as unknown[]).map(Number));
    if (formatted) return formatted;
  }
  for (const key of ['literal', 'raw']) {
    const text = record[key];
    if (typeof text === 'string' && text.trim() !== '') return formatCslDate(text.trim());
  }
  return undefined;
}

function formatParts(parts: number[]): string | undefined {
  const [year, month, day] = parts;
  if (year === undefined || !Number.isInteger(year)) return undefined;
  if (month === undefined || !Number.isInteger(month) || month < 1 || month > 12) return String(year);
  const monthName = MONTHS[month - 1]!;
  if (day === undefined || !Number.isInteger(day) || day < 1 || day > 31) return `${monthName} ${year}`;
  return `${day} ${monthName} ${year}`;
}

/**
 * The date-parts of the words `formatCslDate` writes ("4 July 2025", "July 2025",
 * "2025"), for readers of the model that need the date back; undefined for
 * anything else (a CSL `literal` such as "Spring 2025"). The day is not checked.
 */
export function partsFromWords(words: string): number[] | undefined {
  const match = /^(?:(?:(\d{1,2}) )?([A-Za-z]+) )?(\d{4})$/.exec(words.trim());
  if (!match) return undefined;
  const [, day, monthName, year] = match;
  if (monthName === undefined) return [Number(year)];
  const month = MONTHS.findIndex((name) => name.toLowerCase() === monthName.toLowerCase()) + 1;
  if (month === 0) return undefined;
  return day === undefined ? [Number(year), month] : [Number(year), month, Number(day)];
}
