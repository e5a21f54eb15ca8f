// The sentence a quote is shown in, and dates read back from words.
import { describe, expect, it } from 'vitest';
import { createSentenceFinder } from '../src/render/html/passage.js';
import { timeFromWords } from '../src/render/html/time.js';
import { anchorIn } from './fixtures/html/sample.js';

describe('the sentence around a quote', () => {
  const finder = createSentenceFinder('en');
  const around = (text: string, exact: string) => finder.around(text, anchorIn(text, exact));

  it('shows the rest of the sentence on both sides, not the sentences next to it', () => {
    const text = 'First sentence. The minister said the talks would go on. Last one!';
    expect(around(text, 'said the talks')).toEqual({ before: 'The minister ', exact: 'said the talks', after: ' would go on.' });
  });

  it('takes in every sentence a quote spans', () => {
    const text = 'Before. One ends here. Two goes on and ends. After.';
    expect(around(text, 'here. Two goes')).toEqual({ before: 'One ends ', exact: 'here. Two goes', after: ' on and ends.' });
  });

  it('ends a sentence at a line break (a heading, a list item), and joins the lines a quote spans', () => {
    const text = 'A heading without a stop\nThe body of the paragraph\nwrapped by the document. Next.';
    expect(around(text, 'body of')).toEqual({ before: 'The ', exact: 'body of', after: ' the paragraph' });
    expect(around(text, 'A heading')).toEqual({ before: '', exact: 'A heading', after: ' without a stop' });
    expect(around(text, 'paragraph\nwrapped')).toEqual({ before: 'The body of the ', exact: 'paragraph\nwrapped', after: ' by the document.' });
  });

  it('leaves out the bullet or number of a list item', () => {
    expect(around('Intro:\n  • Bans on female education.\n', 'Bans on')).toMatchObject({ before: '' });
    expect(around('Intro:\n  2. Russia lifts the designation.\n', 'lifts')).toMatchObject({ before: 'Russia ' });
  });

  it('cuts very long context at a word, with an ellipsis', () => {
    const words = Array.from({ length: 120 }, (_, n) => `word${n}`).join(' ');
    const text = `${words} QUOTE ${words}.`;
    const passage = around(text, 'QUOTE')!;
    expect(passage.before.startsWith('…word')).toBe(true);
    expect(passage.before.length).toBeLessThanOrEqual(241);
    expect(passage.after).toMatch(/^ word0 .* word\d+…$/);
    expect(passage.after.length).toBeLessThanOrEqual(241);
  });

  it('gives up when the anchor does not fit the text', () => {
    const anchor = anchorIn('Some text here.', 'text');
    expect(finder.around('Other words entirely.', anchor)).toBeNull();
    expect(finder.around('', anchor)).toBeNull();
  });

  it('accepts any language tag', () => {
    expect(createSentenceFinder('not a tag!').around('Eins. Zwei drei.', anchorIn('Eins. Zwei drei.', 'drei'))).toEqual({
      before: 'Zwei ',
      exact: 'drei',
      after: '.',
    });
  });
});

describe('dates in words', () => {
  it('reads back the words the documents stage writes', () => {
    expect(timeFromWords('4 July 2025')).toEqual({ iso: '2025-07-04', label: '4 July 2025' });
    expect(timeFromWords('July 2025')).toEqual({ iso: '2025-07', label: 'July 2025' });
    expect(timeFromWords('2025')).toEqual({ iso: '2025', label: '2025' });
  });

  it('gives no machine form to anything else', () => {
    for (const words of ['Spring 2025', '31 February 2025', '2025-07-04', 'July 4, 2025', '']) expect(timeFromWords(words)).toBeNull();
  });
});
