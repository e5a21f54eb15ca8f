// Dates for `<time datetime>`: from the model's dates, or from the words a
// document's metadata gives ("4 July 2025", "July 2025", "2025").
import type { DateValue } from '../../model/types.js';

export interface TimeView {
  /** The machine-readable form for `datetime`. */
  iso: string;
  label: string;
}

export function timeView(date: DateValue): TimeView {
  return { iso: date.iso, label: date.label };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The model keeps metadata dates in words only; the words the documents stage
 * writes are read back here. Anything else (a CSL `literal` such as "Spring
 * 2025") has no exact form and gets no `datetime`: null.
 */
export function timeFromWords(label: string): TimeView | null {
  const match = /^(?:(?:(\d{1,2}) )?([A-Za-z]+) )?(\d{4})$/.exec(label.trim());
  if (match === null) return null;
  const [, day, monthName, year] = match;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (monthName === undefined) return { iso: year!, label };
  const month = MONTHS.indexOf(monthName.toLowerCase()) + 1;
  if (month === 0) return null;
  if (day === undefined) return { iso: `${year}-${pad(month)}`, label };
  const d = Number(day);
  const date = new Date(Date.UTC(Number(year), month - 1, d));
  if (date.getUTCMonth() !== month - 1 || d < 1) return null;
  return { iso: `${year}-${pad(month)}-${pad(d)}`, label };
}
