import { describe, expect, it } from 'vitest';
import { closestPassage, findQuote, indexDocument, normalize } from '../src/anchor/index.js';
import type { LoadedDocument } from '../src/documents/load.js';

const document = (text: string): LoadedDocument => ({ id: 'doc', file: 'sources/documents/doc.txt', text, sha256: '', size: text.length });

describe('normalize', () => {
  it('folds whitespace, quotes, dashes and case, and maps back to the original', () => {
    const input = 'The  “Taliban’s”\n\tstep — NOW';
    const { text, origin } = normalize(input);
    expect(text).toBe('the "taliban\'s" step - now');
    expect(input[origin[text.indexOf('step')]!]).toBe('s');
  });
});

describe('findQuote', () => {
  const text = 'Line one.\nMuttaqi said this historic step would “set a good\nexample for other countries.” Again: Set a good example.';
  const index = indexDocument(document(text));

  it('matches across line breaks, curly quotes and case', () => {
    const anchor = findQuote(index, 'would "set a good example for other countries."');
    expect(anchor?.exact).toBe('would “set a good\nexample for other countries.”');
    expect(anchor?.line).toBe(2);
    expect(anchor?.column).toBe(text.split('\n')[1]!.indexOf('would') + 1);
    expect(text.slice(anchor!.start, anchor!.end)).toBe(anchor?.exact);
    expect(anchor?.prefix.endsWith('historic step ')).toBe(true);
    expect(anchor?.suffix.startsWith(' Again')).toBe(true);
  });

  it('matches a hyphen against an em dash', () => {
    const dashed = indexDocument(document('realpolitik—a calculated move'));
    expect(findQuote(dashed, 'realpolitik-a calculated')?.exact).toBe('realpolitik—a calculated');
  });

  it('counts occurrences and anchors the first', () => {
    const anchor = findQuote(index, 'set a good example');
    expect(anchor?.occurrences).toBe(2);
    expect(anchor?.line).toBe(2);
  });

  it('does not match changed words', () => {
    expect(findQuote(index, 'set a fine example')).toBeUndefined();
  });

  it('does not ignore punctuation other than quotes and dashes', () => {
    expect(findQuote(index, 'Line one')?.exact).toBe('Line one');
    expect(findQuote(index, 'Line one,')).toBeUndefined();
  });

  it('finds the closest passage of a quote that is not there', () => {
    const passage = closestPassage(index, 'set a fine example for other nations');
    expect(passage?.line).toBe(2);
    expect(passage?.text).toMatch(/set a good\nexample for other count/);
  });
});
