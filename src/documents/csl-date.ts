// CSL dates (`date-parts`, `raw`, `literal`, or an ISO string) in words.
import { MONTHS } from '../parse/date.js';

export function formatCslDate(value: unknown): string | undefined {
  if (typeof value === 'string') return formatParts(value.split('-').map(Number)) ?? (value.trim() || undefined);
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
