import { describe, expect, it } from 'vitest';
import { citableId, findCitationGroups, isCitableId } from '../src/parse/citations.js';

describe('findCitationGroups', () => {
  it('reads a quote, a locator and a prefix', () => {
    const text = 'As reported [see @mishra-2025, p. 2, "accepted the credentials"] today.';
    const [group] = findCitationGroups(text);
    expect(group?.items).toEqual([
      { key: 'mishra-2025', keyOffset: text.indexOf('@'), prefix: 'see', locator: 'p. 2', quote: 'accepted the credentials', quoteOffset: text.indexOf('accepted') },
    ]);
    expect(text.slice(group!.start, group!.end)).toBe('[see @mishra-2025, p. 2, "accepted the credentials"]');
  });

  it('splits groups on semicolons outside quotes only', () => {
    const [group] = findCitationGroups('[@a, "one; two"; @b, “three”]');
    expect(group?.items.map((item) => [item.key, item.quote])).toEqual([
      ['a', 'one; two'],
      ['b', 'three'],
    ]);
  });

  it('keeps the quotation marks a quote holds of its own, as news text has them', () => {
    const quotes = (text: string) => findCitationGroups(text).map((group) => [group.items.map((item) => item.quote), group.problems.length]);
    expect(quotes('[@d, "a “historic step” for Kabul"]')).toEqual([[['a “historic step” for Kabul'], 0]]);
    expect(quotes('[@d, "called it a “historic step”"]')).toEqual([[['called it a “historic step”'], 0]]);
    expect(quotes('[@d, "“A good example for other countries.”"]')).toEqual([[['“A good example for other countries.”'], 0]]);
    expect(quotes('[@d, "the words “"]')).toEqual([[['the words “'], 0]]);
    expect(quotes('[@d, “a "b" c”]')).toEqual([[['a "b" c'], 0]]);
    expect(quotes('[@d, "he said “no”; then left"; @e, "x"]')).toEqual([[['he said “no”; then left', 'x'], 0]]);
    // A quote cut in the middle of the document's own quotation leaves a “ open; the item's end still ends the quote.
    expect(quotes('[@d, “praised the move as a “historic”]')).toEqual([[['praised the move as a “historic'], 0]]);
    expect(quotes('[@d, "praised it as a “historic"; @e, "x"]')).toEqual([[['praised it as a “historic', 'x'], 0]]);
    expect(quotes('[@d, “said “a b”]')).toEqual([[['said “a b'], 0]]);
    expect(quotes('[@d, ““x y”; @d, “z”]')).toEqual([[['“x y', 'z'], 0]]);
    expect(quotes('[@d, “a” b; c d”]')).toEqual([[['a” b; c d'], 0]]);
    expect(quotes('[@d, “we will go””]')).toEqual([[['we will go”'], 0]]);
    // Marks typed one of each kind still close the quote where the item ends.
    expect(quotes('[@d, "mixed marks”] and [@e, “other way"]')).toEqual([[['mixed marks'], 0], [['other way'], 0]]);
    // The quote is told from a locator by its opening mark.
    const [group] = findCitationGroups('[@d, p. 3, "a “b” c"]');
    expect(group?.items[0]).toMatchObject({ locator: 'p. 3', quote: 'a “b” c' });
  });

  it('keeps brackets inside quotes', () => {
    const [group] = findCitationGroups('[@a, "the [sic] words"]');
    expect(group?.items[0]?.quote).toBe('the [sic] words');
  });

  it('ignores brackets that are not citations', () => {
    expect(findCitationGroups('mail [me@example.org] or [a link] or [^1] or [email @ home]')).toEqual([]);
  });

  it('reports items that are not document ids', () => {
    const [group] = findCitationGroups('[@a, "x"; @../../etc/passwd]');
    expect(group?.items.map((item) => item.key)).toEqual(['a']);
    expect(group?.problems[0]?.message).toMatch(/not a document id/);
  });

  it('reports a quote that is not closed, and reads it up to the `]`', () => {
    const text = 'The envoy [@a, "accepted the credentials]. Then [@b, “more words”].';
    const [first, second] = findCitationGroups(text);
    expect(text.slice(first!.start, first!.end)).toBe('[@a, "accepted the credentials]');
    expect(first?.problems).toEqual([{ message: expect.stringMatching(/quote is not closed/), offset: text.indexOf('"') }]);
    expect(first?.items).toEqual([{ key: 'a', keyOffset: text.indexOf('@a'), quote: 'accepted the credentials', quoteOffset: text.indexOf('accepted') }]);
    expect(second?.items[0]?.quote).toBe('more words');
    expect(findCitationGroups('[@a, “one] and [two]')[0]?.items[0]?.quote).toBe('one');
    expect(findCitationGroups('a "quoted [word] here" and [@a]')).toHaveLength(1);
  });

  it('reports an empty quote', () => {
    const [group] = findCitationGroups('[@a, ""]');
    expect(group?.problems[0]?.message).toMatch(/quote is empty/);
  });

  it('stops key at trailing punctuation, as pandoc does', () => {
    const [group] = findCitationGroups('[@doe.99.]');
    expect(group?.items[0]?.key).toBe('doe.99');
  });

  it('keeps the vowel signs and accents of a key, as in Devanagari or decomposed Latin', () => {
    const [group] = findCitationGroups('[@समाचार, "words"; @cafe\u0301-report]');
    expect(group?.items.map((item) => item.key)).toEqual(['समाचार', 'cafe\u0301-report']);
  });
});

describe('document names a citation key can hold', () => {
  it('tells them apart, and gives a name of the same words for the others', () => {
    for (const id of ['mishra-2025', 'doc', 'report.v2', 'a:b', 'समाचार', 'café-report', '2025_un']) expect(isCitableId(id), id).toBe(true);
    for (const id of ['UN report (2025)', 'report.', '-draft', 'a  b', '[x]']) expect(isCitableId(id), id).toBe(false);
    expect(citableId('UN report (2025)')).toBe('UN-report-2025');
    expect(citableId('-draft')).toBe('draft');
    expect(citableId('[x]')).toBe('x');
    expect(citableId('((()))')).toBe('document');
    for (const id of ['UN report (2025)', 'report.', '-draft', 'a  b', '[x]', '((()))', 'é (1)']) expect(isCitableId(citableId(id)), id).toBe(true);
  });
});
