// A document's entry in Sources, under a heading that may already show its start.
import { describe, expect, it } from 'vitest';
import { entryUnderHeading } from '../src/model/reference.js';
import type { Reference } from '../src/model/types.js';

const reference = (runs: Reference['runs'], short: string): Reference => ({ runs, text: runs.map((run) => run.text).join(''), short });

describe('the entry under its heading', () => {
  it('is whole when the heading is the author and year', () => {
    const mishra = reference([{ text: 'Mishra, K N. 2025. “Russia Formally Recognises Taliban.” ' }, { text: 'Example Wire', italic: true }, { text: ', 4 July 2025.' }], 'Mishra 2025');
    expect(entryUnderHeading(mishra)).toEqual(mishra.runs);
  });

  it('leaves out the title the heading shows, keeping what follows in its style', () => {
    const untitled = reference(
      [{ text: '[Russia’s recognition of the Taliban]. ' }, { text: 'Example Wire', italic: true }, { text: '. n.d. ' }, { text: 'https://example.org/a', url: 'https://example.org/a' }, { text: '.' }],
      '[Russia’s recognition of the Taliban]',
    );
    expect(entryUnderHeading(untitled)).toEqual([{ text: 'Example Wire', italic: true }, { text: '. n.d. ' }, { text: 'https://example.org/a', url: 'https://example.org/a' }, { text: '.' }]);
  });

  it('is empty when only "n.d." would be left', () => {
    expect(entryUnderHeading(reference([{ text: '[Russia’s recognition of the Taliban]. n.d.' }], '[Russia’s recognition of the Taliban]'))).toEqual([]);
  });
});
