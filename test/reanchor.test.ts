// Re-anchoring quotes after realistic edits of their document, against the lock of the earlier build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexDocument, reanchor } from '../src/anchor/index.js';
import type { LoadedDocument } from '../src/documents/load.js';
import type { LockedQuote } from '../src/lock/lock.js';
import type { CitationStatus } from '../src/model/types.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'reanchor');
const load = (name: string): LoadedDocument => {
  const text = readFileSync(path.join(fixtures, name), 'utf8');
  return { id: 'doc', file: `sources/documents/${name}`, text, sha256: name, size: text.length };
};

const QUOTES = {
  lead: 'the first country to formally recognise the Taliban government',
  ministry: 'opens the door to productive bilateral cooperation',
  education: 'the bans on female education beyond the sixth grade',
  employment: "the restrictions on women's employment",
};

/** The lock entries of the first build, on the document as it was. */
function lockBefore(): Record<string, LockedQuote> {
  const before = indexDocument(load('before.txt'));
  return Object.fromEntries(
    Object.entries(QUOTES).map(([name, quote]) => {
      const { anchor, status } = reanchor(before, quote, undefined);
      expect(status).toBe('exact');
      const { exact, prefix, suffix, start, end, line } = anchor!;
      return [name, { exact, prefix, suffix, start, end, line }];
    }),
  );
}

const cases: Array<[string, Partial<Record<keyof typeof QUOTES, CitationStatus>>]> = [
  ['before.txt', { lead: 'exact', ministry: 'exact', education: 'exact' }],
  ['after-rewrapped.txt', { lead: 'moved', ministry: 'moved', education: 'moved' }],
  // Curly marks around a quote leave it where it was; inside it, the normalised match finds it.
  ['after-typographic.txt', { lead: 'exact', ministry: 'exact', education: 'exact', employment: 'moved' }],
  ['after-inserted.txt', { lead: 'moved', ministry: 'moved', education: 'moved' }],
  ['after-reworded.txt', { lead: 'exact', ministry: 'exact', education: 'changed' }],
  ['after-deleted.txt', { lead: 'exact', ministry: 'exact', education: 'broken' }],
  ['after-duplicated.txt', { ministry: 'ambiguous' }],
];

describe('reanchor', () => {
  const locked = lockBefore();

  it.each(cases)('%s', (name, expected) => {
    const after = indexDocument(load(name));
    for (const [quote, status] of Object.entries(expected)) {
      const result = reanchor(after, QUOTES[quote as keyof typeof QUOTES], locked[quote]);
      expect({ quote, status: result.status }).toEqual({ quote, status });
      if (status !== 'broken') {
        // The anchor points at text that is really there.
        expect(after.document.text.slice(result.anchor!.start, result.anchor!.end)).toBe(result.anchor!.exact);
      }
    }
  });

  it('shows the source’s new wording for a changed quote', () => {
    const after = indexDocument(load('after-reworded.txt'));
    const result = reanchor(after, QUOTES.education, locked['education']);
    expect(result.anchor?.exact).toBe('the bans on girls’ education beyond the\nsixth grade');
  });

  it('shows whole words of the new wording, without spaces at its edges', () => {
    const before = 'Officials said that every family will be offered a new home before work begins.';
    const after = 'Officials said that most families will be offered a new home before work begins.';
    const quote = 'every family will be offered a new home';
    const first = reanchor(indexDocument({ id: 'doc', file: 'doc.txt', text: before, sha256: 'a', size: before.length }), quote, undefined);
    const { exact, prefix, suffix, start, end, line } = first.anchor!;
    const result = reanchor(indexDocument({ id: 'doc', file: 'doc.txt', text: after, sha256: 'b', size: after.length }), quote, { exact, prefix, suffix, start, end, line });
    expect(result.status).toBe('changed');
    expect(result.anchor?.exact).toBe('most families will be offered a new home');
  });

  it('keeps a duplicated passage at the copy nearest its old place', () => {
    const after = indexDocument(load('after-duplicated.txt'));
    const result = reanchor(after, QUOTES.ministry, locked['ministry']);
    const text = after.document.text;
    expect(text.indexOf(QUOTES.ministry)).toBeLessThan(result.anchor!.start);
  });

  it('does not let a quote land on a look-alike passage', () => {
    const text = 'Officials said the talks were productive. Officials said the talks were constructive.';
    const index = indexDocument({ id: 'doc', file: 'doc.txt', text, sha256: '', size: text.length });
    const locked: LockedQuote = { exact: 'the talks were fruitful', prefix: 'Officials said ', suffix: '.', start: 15, end: 38, line: 1 };
    const result = reanchor(index, 'the talks were fruitful', locked);
    expect(['ambiguous', 'broken']).toContain(result.status);
  });

  it('uses a wording accepted earlier', () => {
    const after = indexDocument(load('after-reworded.txt'));
    const changed = reanchor(after, QUOTES.education, locked['education']);
    const { exact, prefix, suffix, start, end, line } = changed.anchor!;
    const accepted: LockedQuote = { exact, prefix, suffix, start, end, line, accepted: true };
    expect(reanchor(after, QUOTES.education, accepted).status).toBe('exact');
  });
});
