import { describe, expect, it } from 'vitest';
import { anchorCitations, closestPassage, findQuote, indexDocument, normalize } from '../src/anchor/index.js';
import type { LoadedDocument } from '../src/documents/load.js';
import type { Citation } from '../src/model/types.js';
import { buildBrief } from '../src/build.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

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

  it('matches three dots against an ellipsis character, both ways, and maps back to the original', () => {
    const ellipsis = indexDocument(document('He said: wait… then we will see. Or wait... then not.'));
    expect(findQuote(ellipsis, 'wait... then we')?.exact).toBe('wait… then we');
    expect(findQuote(ellipsis, 'wait… then not')?.exact).toBe('wait... then not');
    expect(findQuote(ellipsis, 'wait.. then')).toBeUndefined();
    // One or two dots are no part of an ellipsis; a quote ending in one takes all three dots.
    for (const part of ['He said: wait.', '. then we', '.. then we']) expect(findQuote(ellipsis, part), part).toBeUndefined();
    expect(findQuote(ellipsis, 'Or wait…')?.exact).toBe('Or wait...');
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

describe('text as captured web pages and PDF extractions hold it', () => {
  const text = 'The Tali\u00adban govern\u00adment met at the cafe\u0301 in Pre\u0301sidence Square.\nThe envoy\u200b said \u200f\u0637\u0627\u0644\u0628\u0627\u0646\u200f; the \ufb01nal text cited Shari\u02bca law.';
  const index = indexDocument(document(text));

  it('ignores soft hyphens, zero-width spaces and bidirectional marks, and keeps them in the exact text', () => {
    expect(findQuote(index, 'The Taliban government met')?.exact).toBe('The Tali\u00adban govern\u00adment met');
    expect(findQuote(index, 'The envoy said طالبان;')?.exact).toBe('The envoy\u200b said \u200f\u0637\u0627\u0644\u0628\u0627\u0646\u200f;');
  });

  it('reads composed and decomposed accents as one text, and an accent as part of its letter', () => {
    // The quote composed (é), the document decomposed (e + U+0301), and the other way round.
    expect(findQuote(index, 'at the café in Présidence')?.exact).toBe('at the cafe\u0301 in Pre\u0301sidence');
    expect(findQuote(indexDocument(document('the café')), 'the cafe\u0301')?.exact).toBe('the café');
    // A quote ending where an accent follows is another word.
    expect(findQuote(index, 'at the cafe')).toBeUndefined();
    expect(findQuote(index, 'at the caf')).toBeDefined();
  });

  it('spells out ligatures and reads a modifier-letter apostrophe as an apostrophe', () => {
    expect(findQuote(index, 'the final text cited Shari’a law')?.exact).toBe('the \ufb01nal text cited Shari\u02bca law');
  });

  it('still tells letters of other scripts apart', () => {
    // A Cyrillic а (U+0430) is not a Latin a.
    expect(findQuote(index, 'The T\u0430liban')).toBeUndefined();
  });
});

describe('a markdown document', () => {
  const text = [
    '# Russia recognises the *Taliban*',
    '',
    'Muttaqi called it a *historic* step, and said it would [set an example](https://example.org) for **other countries**.',
    'The text used `code`, an escaped \\*star\\* and &amp; a reference.',
    '',
    '```',
    'fenced line one',
    '',
    'fenced line two',
    '```',
  ].join('\n');
  const markdown = indexDocument({ ...document(text), file: 'sources/documents/doc.md' });

  it('is read without its markup, as quotes in the brief are, and anchored in the file as written', () => {
    const anchor = findQuote(markdown, 'called it a historic step, and said it would set an example for other countries');
    expect(anchor?.exact).toBe('called it a *historic* step, and said it would [set an example](https://example.org) for **other countries');
    expect(anchor?.reads).toBe('called it a historic step, and said it would set an example for other countries');
    expect(text.slice(anchor!.start, anchor!.end)).toBe(anchor!.exact);
    expect([anchor?.line, anchor?.column]).toEqual([3, 9]);
    expect(findQuote(markdown, 'Russia recognises the Taliban')?.exact).toBe('Russia recognises the *Taliban');
    expect(findQuote(markdown, 'The text used code, an escaped *star* and & a reference')?.exact).toBe('The text used `code`, an escaped \\*star\\* and &amp; a reference');
    expect(findQuote(markdown, 'fenced line one fenced line two')?.exact).toBe('fenced line one\n\nfenced line two');
    // A quote whose words stand as written in the file needs no second form.
    expect(findQuote(markdown, 'Muttaqi called it')?.reads).toBeUndefined();
  });

  it('keeps its markup as words when it is a text document', () => {
    const plain = indexDocument(document(text));
    expect(findQuote(plain, 'called it a historic step')).toBeUndefined();
    expect(findQuote(plain, 'called it a *historic* step')?.exact).toBe('called it a *historic* step');
  });

  it('is read as markdown when a text document of the same text is renamed .md between builds of a watch session', () => {
    const indexes = new Map();
    const citation = (): Citation => ({ id: 'c1', documentId: 'doc', quote: 'called it a historic step', position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } });
    const asText = document(text);
    expect(anchorCitations([citation()], new Map([['doc', { ...asText, sha256: 'same' }]]), {}, indexes)[0]?.ruleId).toBe('quote-not-found');
    const found = citation();
    expect(anchorCitations([found], new Map([['doc', { ...asText, file: 'sources/documents/doc.md', sha256: 'same' }]]), {}, indexes)).toEqual([]);
    expect(found.anchor?.reads).toBe('called it a historic step');
  });

  it('reads a run too long to parse in bounded time as written', () => {
    const long = `${'word *emph* '.repeat(10_000)}end`;
    const index = indexDocument({ ...document(long), file: 'sources/documents/long.md' });
    expect(findQuote(index, 'word *emph* end')?.exact).toBe('word *emph* end');
  });

  it('gives its first line as its title when documents.yaml has none, as the heading reads', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'brief-md-'));
    try {
      await mkdir(path.join(root, 'sources', 'documents'), { recursive: true });
      await writeFile(path.join(root, 'sources', 'documents', 'doc.md'), text);
      await writeFile(path.join(root, 'sources', 'brief.md'), '---\ntitle: T\n---\n\n## 2025-07-03 — Met\n\nMet [@doc, "called it a historic step"].\n');
      const result = await buildBrief(root, { formats: ['json'] });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(result.brief?.documents[0]?.meta.title).toBe('Russia recognises the Taliban');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('a quote that is not found', () => {
  const text = 'After two weeks of hearings, the council approved the plan on 1 July 2025.';
  const documents = new Map([['doc', document(text)]]);
  const problem = (quote: string) => {
    const citation = { id: 'c1', documentId: 'doc', quote, position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } };
    const [diagnostic] = anchorCitations([citation], documents);
    expect(diagnostic?.ruleId).toBe('quote-not-found');
    return diagnostic!.message;
  };

  it('says a quote cannot leave words out when it has an ellipsis', () => {
    for (const quote of ['the council … approved the plan', 'After two weeks of hearings ... the plan']) {
      expect(problem(quote)).toMatch(/cannot leave words out: cite each part as a quote of its own \(\[@doc, "first part"; @doc, "second part"\]\)$/);
    }
    expect(problem('the council approved a plan')).not.toMatch(/leave words out/);
  });

  it('shows a long quote and its closest passage where they first differ, not at their common start', () => {
    const long =
      'The council heard the residents of the river district for two weeks, read four hundred letters, walked the embankment ' +
      'with the engineers, asked the water board for its flood maps, weighed three rival designs for the new quay, and then approved the plan on 1 July 2025.';
    const citation = { id: 'c1', documentId: 'doc', quote: long.replace('approved the plan', 'approved a plan'), position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } };
    const [diagnostic] = anchorCitations([citation], new Map([['doc', document(long)]]));
    const [, quoted, passage] = /: "([^"]*)"; closest passage \(line 1\): "([^"]*)"/.exec(diagnostic!.message)!;
    expect(quoted).toMatch(/^….*approved a plan on 1 July 2025\.$/);
    expect(passage).toMatch(/^….*approved the plan on 1 July/);
    expect(quoted!.length).toBeLessThanOrEqual(160);
  });

  it('says when it differs from the closest passage only in single against double quotation marks', () => {
    const quoted = new Map([['doc', document('Officials called the move a “historic step” for the region.')]]);
    const citation = { id: 'c1', documentId: 'doc', quote: "called the move a 'historic step' for the region", position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } };
    const [diagnostic] = anchorCitations([citation], quoted);
    expect(diagnostic?.message).toMatch(/“historic step” for the region"; the two differ only in their quotation marks: single marks \(' ‘ ’\) and double ones \(" “ ”\) are not the same\. Copy/);
  });

  it('says when the document holds markdown marks that the quote lost to formatting', () => {
    const marked = new Map([['doc', document('The minister called it *historic* and __final__ today.')]]);
    const citation = { id: 'c1', documentId: 'doc', quote: 'called it historic and final today', position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } };
    const [diagnostic] = anchorCitations([citation], marked);
    expect(diagnostic?.message).toMatch(/; the document has `\*`, `_`, `` ` `` or `~` that the brief's markdown reads as formatting in the quote: put a backslash before each \(`\\\*`\) to quote it as written\. Copy/);
    expect(problem('the council approved a plan')).not.toMatch(/backslash/);
  });

  it('says when the document holds character references that the quote lost to markdown', () => {
    const referenced = new Map([['doc', document('Shares of AT&amp;T fell 3&#37; on the news from Kabul.')]]);
    const citation = { id: 'c1', documentId: 'doc', quote: 'Shares of AT&T fell 3% on the news', position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } };
    const [diagnostic] = anchorCitations([citation], referenced);
    expect(diagnostic?.message).toMatch(/; the document has character references \(`&amp;`\) that the brief's markdown reads as the characters they stand for: put a backslash before each `&` \(`\\&amp;`\) to quote it as written\. Copy/);
    expect(problem('the council approved a plan')).not.toMatch(/character references/);
  });

  it('names the characters by which it differs from the closest passage when they may not show', () => {
    expect(problem('the c\u043euncil approved the plan')).toMatch(/; the document has "o" \(U\+006F\) where the quote has "о" \(U\+043E\)\./);
    expect(problem('the council approved the plan on 1 July 2025\u00b7')).toMatch(/the document has nothing where the quote has "·" \(U\+00B7\)/);
    expect(problem('After twó weeks')).toMatch(/the document has "o" \(U\+006F\) where the quote has "ó" \(U\+00F3\)/);
    // Differences in plain ASCII show on screen; differences of many characters are not listed.
    expect(problem('the council approved the plans')).not.toMatch(/the document has/);
    expect(problem('the cоuncil аpprоved the plаn')).not.toMatch(/the document has/);
  });

  it('says when it differs from the closest passage only in Arabic vowel marks, tatweel or Hebrew points', () => {
    const marked = new Map([['doc', document('د اسلامي امارت ویاند ذَبیحُ اللّه مـجاهد وویل چې دا پریکړه یو مهم ګام دی. הַמֶּלֶךְ דִּבֵּר')]]);
    const message = (quote: string) => {
      const citation = { id: 'c1', documentId: 'doc', quote, position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } };
      const [diagnostic] = anchorCitations([citation], marked);
      expect(diagnostic?.ruleId).toBe('quote-not-found');
      return diagnostic!.message;
    };
    expect(message('ذبیح الله مجاهد وویل')).toMatch(/closest passage \(line 1\): "ذَبیحُ اللّه مـجاهد وویل"; the two differ only in vowel marks or tatweel \(ـ\): the document has them where the quote has none, and they are part of the document's exact words\. Copy/);
    expect(message('ذبیح اللّه مجاهد وویل')).toMatch(/the two differ only in vowel marks or tatweel \(ـ\): they stand differently in each/);
    expect(message('המלך דבר')).toMatch(/the document has them where the quote has none/);
    const plain = new Map([['doc', document('سرپرست وزیر خارجه امیر خان متقی گفت که این تصمیم گام نخست است.')]]);
    const [unmarked] = anchorCitations([{ id: 'c1', documentId: 'doc', quote: 'امیر خانْ مُتّقی', position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } }], plain);
    expect(unmarked?.message).toMatch(/closest passage \(line 1\): "امیر خان متقی"; the two differ only in vowel marks or tatweel \(ـ\): the quote has them where the document has none/);
    // Another word is another word, marks or not.
    expect(message('ذبیح الله مجاهد وویلی')).not.toMatch(/vowel marks/);
    // Anchored as written: the quote with the document's marks is found.
    expect(anchorCitations([{ id: 'c1', documentId: 'doc', quote: 'ذَبیحُ اللّه مـجاهد', position: { file: 'sources/brief.md', start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 40, offset: 55 } } }], marked)).toEqual([]);
  });
});

describe('a cited document that is not a text document', () => {
  it('says how to save the text of a web page or a Word file, and what to do with other kinds', () => {
    const documents = new Map([['doc', document('Some text.')]]);
    const message = (file: string) => {
      const id = file.replace(/\.[^.]+$/, '');
      const citation = { id: 'c1', documentId: id, position: { file: 'sources/brief.md', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 9, offset: 8 } } };
      const [diagnostic] = anchorCitations([citation], documents, { others: new Map([[id, `sources/documents/${file}`]]) });
      expect(diagnostic?.ruleId).toBe('unknown-document');
      return diagnostic!.message;
    };
    expect(message('capture.html')).toMatch(/capture\.html is not a text document, so it is not read: save its text as sources\/documents\/capture\.txt \(e\.g\. `pandoc sources\/documents\/capture\.html -t plain -o sources\/documents\/capture\.txt`\)$/);
    expect(message('memo.docx')).toMatch(/`pandoc sources\/documents\/memo\.docx -t plain -o sources\/documents\/memo\.txt`/);
    expect(message('scan.tiff')).toMatch(/scan\.tiff is not a text document, so it is not read: save its text as sources\/documents\/scan\.txt$/);
  });
});
