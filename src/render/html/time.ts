// Dates for `<time datetime>`: from the model's dates, or from the words a
// document's metadata gives ("4 July 2025", "July 2025", "2025").
import { partsFromWords } from '../../documents/csl-date.js';
import type { DateValue } from '../../model/types.js';

export interface TimeView {
  /** The machine-readable form for `datetime`. */
  iso: string;
  label: string;
}

export function timeView(date: DateValue): TimeView {
  return { iso: date.iso, label: date.label };
}

/**
 * The model keeps metadata dates in words only; the words the documents stage
 * writes are read back here. Anything else (a CSL `literal` such as "Spring
 * 2025") has no exact form and gets no `datetime`: null.
 */
export function timeFromWords(label: string): TimeView | null {
  const parts = partsFromWords(label);
  if (parts === undefined) return null;
  const [year, month, day] = parts;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (month === undefined) return { iso: String(year), label };
  if (day === undefined) return { iso: `${year}-${pad(month)}`, label };
  const date = new Date(Date.UTC(year!, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || day < 1) return null;
  return { iso: `${year}-${pad(month)}-${pad(day)}`, label };
}
