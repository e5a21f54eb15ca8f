// A document's reference-list entry as Sources shows it under its heading.
import type { Reference, ReferenceRun } from './types.js';

/**
 * The entry, less the start its heading already shows: a document without an
 * author goes by its title, so Sources would read "[Title]" over "[Title]. n.d.".
 * Empty when nothing but "n.d." would be left.
 */
export function entryUnderHeading(reference: Reference): ReferenceRun[] {
  const { short, runs } = reference;
  if (!reference.text.startsWith(short)) return runs;
  let skip = short.length;
  const rest: ReferenceRun[] = [];
  for (const run of runs) {
    if (skip >= run.text.length) {
      skip -= run.text.length;
      continue;
    }
    rest.push({ ...run, text: run.text.slice(skip) });
    skip = 0;
  }
  const first = rest[0];
  if (first) first.text = first.text.replace(/^[.,;:]?\s*/, '');
  const left = rest.filter((run) => run.text !== '');
  return left.map((run) => run.text).join('').trim().replace(/\.$/, '') === 'n.d' ? [] : left;
}
