// The bibliography: each cited document formatted in Chicago author-date style
// by citeproc-js, in runs (italics, links) and a short form, and how both
// outputs print it: Sources entries under the short form, the PDF's notes
// naming documents by it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBrief, createCache } from '../src/build.js';
import { cslItem, formatReferences, parseCiteprocHtml, type BibliographyEntry } from '../src/model/bibliography.js';
import type { Brief, Reference } from '../src/model/types.js';
import { renderHtml } from '../src/render/html/index.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { sampleBrief } from './fixtures/html/sample.js';
import { flat, openPdf } from './fixtures/model/pdf-reader.js';
import { sample } from './fixtures/model/sample.js';
import { repoRoot, tempRoot } from './helpers/cli.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));

const mishra: BibliographyEntry = {
  id: 'mishra-2025',
  meta: { title: 'Russia formally recognises Taliban government in Afghanistan ending isolation' },
  csl: {
    id: 'mishra-2025',
    author: [{ family: 'Mishra', given: 'K N' }],
    'container-title': 'Example Wire',
    publisher: 'Example Media',
    issued: { 'date-parts': [[2025, 7, 4]] },
    URL: 'https://example.org/article?a=1&b=2',
    accessed: { 'date-parts': [[2025, 7, 10]] },
  },
};

const one = (entry: BibliographyEntry): Reference => formatReferences([entry]).get(entry.id)!;

describe('formatReferences', () => {
  it('formats an article in Chicago author-date: name inverted, year, title in quotes, outlet in italics, date, URL', () => {
    const reference = one(mishra);
    expect(reference.text).toBe(
      'Mishra, K N. 2025. “Russia Formally Recognises Taliban Government in Afghanistan Ending Isolation.” Example Wire, 4 July 2025. https://example.org/article?a=1&b=2.',
    );
    expect(reference.runs).toContainEqual({ text: 'Example Wire', italic: true });
    expect(reference.runs).toContainEqual({ text: 'https://example.org/article?a=1&b=2', url: 'https://example.org/article?a=1&b=2' });
    expect(reference.short).toBe('Mishra 2025');
  });

  it('keeps a descriptive title in square brackets as written: no quotes, no change of case', () => {
    const reference = one({ id: 'd', meta: { title: '[Russia’s recognition of the Taliban: interests and risks]' }, csl: { URL: 'https://example.org/d', accessed: '2025-07-10' } });
    expect(reference.text).toBe('[Russia’s recognition of the Taliban: interests and risks]. n.d. Accessed 10 July 2025. https://example.org/d.');
    expect(reference.short).toBe('[Russia’s recognition of the Taliban: interests and risks]');
    expect(reference.runs[0]).toEqual({ text: '[Russia’s recognition of the Taliban: interests and risks]. n.d. Accessed 10 July 2025. ' });
  });

  it('tells works of one author and year apart, and shortens four or more authors to "et al."', () => {
    const references = formatReferences([
      mishra,
      { id: 'later', meta: { title: 'A second piece' }, csl: { author: [{ family: 'Mishra', given: 'K N' }], issued: '2025-08' } },
      {
        id: 'four',
        meta: { title: 'A study of things' },
        csl: { type: 'article-journal', author: ['Jane Smith', { family: 'Doe', given: 'John' }, { family: 'Roe' }, { family: 'Poe' }], issued: 2024, 'container-title': 'Journal of Stuff', volume: 3, page: '1-20' },
      },
    ]);
    expect(references.get('mishra-2025')!.short).toBe('Mishra 2025a');
    expect(references.get('later')!.short).toBe('Mishra 2025b');
    expect(references.get('later')!.text).toBe('Mishra, K N. 2025b. “A Second Piece.” August 2025.');
    expect(references.get('four')!.short).toBe('Jane Smith et al. 2024');
    expect(references.get('four')!.text).toBe('Jane Smith, John Doe, Roe, and Poe. 2024. “A Study of Things.” Journal of Stuff 3: 1–20.');
  });

  it('reads a date written in words as the date it is', () => {
    for (const issued of ['July 4, 2025', '4 July 2025']) {
      const reference = one({ ...mishra, csl: { ...mishra.csl, issued } });
      expect(reference.short).toBe('Mishra 2025');
      expect(reference.text).toContain('Example Wire, 4 July 2025.');
    }
    expect(one({ ...mishra, csl: { ...mishra.csl, issued: 'July 2025' } }).text).toContain('Mishra, K N. 2025.');
    // Anything else stays as written.
    expect(one({ ...mishra, csl: { ...mishra.csl, issued: 'Spring 2025' } }).short).toBe('Mishra Spring 2025');
  });

  it('leaves out what is missing or unreadable, never printing "undefined" or "NaN"', () => {
    const references = formatReferences([
      { id: 'bare', meta: { title: 'Only a title' } },
      { id: 'odd', meta: { title: 'Odd values' }, csl: { author: [null, 5, { given: 'Only' }, {}], issued: { 'date-parts': [['x']] }, publisher: '', URL: 7, type: 'no-such-type', volume: Number.NaN } },
    ]);
    expect(references.get('bare')).toEqual({ runs: [{ text: '“Only a Title.” n.d.' }], text: '“Only a Title.” n.d.', short: 'Only a title' });
    expect(references.get('odd')!.text).toBe('Only. n.d. “Odd Values.”');
    for (const reference of references.values()) expect(reference.text).not.toMatch(/undefined|NaN|null|\[object/);
  });

  it('works from the model’s metadata alone when the entry as written is not at hand', () => {
    const reference = one({
      id: 'un',
      meta: { title: 'Situation of human rights in Afghanistan', author: ['United Nations Human Rights Council'], containerTitle: 'UN Documents', issued: '4 July 2025', url: 'https://un.example/a' },
    });
    expect(reference.text).toBe('United Nations Human Rights Council. 2025. “Situation of Human Rights in Afghanistan.” UN Documents, 4 July 2025. https://un.example/a.');
    expect(reference.short).toBe('United Nations Human Rights Council 2025');
    expect(cslItem({ id: 'x', meta: { title: 'T', issued: 'Spring 2025', accessed: 'March 2025' } })).toMatchObject({
      issued: { literal: 'Spring 2025' },
      accessed: { 'date-parts': [[2025, 3]] },
    });
  });

  it('keeps titles in other languages in their own case', () => {
    const reference = one({ id: 'fr', meta: { title: 'La reconnaissance des talibans par la Russie' }, csl: { language: 'fr', author: [{ family: 'Dupont', given: 'Marie' }], issued: 2025 } });
    expect(reference.text).toContain('“La reconnaissance des talibans par la Russie.”');
  });

  it('reads markup in the data as text, and CSL rich text (<i>) as italics', () => {
    const reference = one({ id: 'x', meta: { title: 'On <script>alert(1)</script> and <i>Pravda</i>' } });
    expect(reference.text).toContain('<script>alert(1)</');
    expect(reference.runs).toContainEqual({ text: 'Pravda', italic: true });
  });
});

describe('parseCiteprocHtml', () => {
  it('turns citeproc’s HTML into runs: italics on and off, links, entities, other markup as text', () => {
    expect(
      parseCiteprocHtml('  <div class="csl-entry">A &#38; B. <i>Big <span style="font-style:normal;">Small</span> Book</i>. <a href="https://x.example/?a=1&#38;b=2">https://x.example/?a=1&#38;b=2</a>. <b>x</b>&lt;</div>\n'),
    ).toEqual([
      { text: 'A & B. ' },
      { text: 'Big ', italic: true },
      { text: 'Small' },
      { text: ' Book', italic: true },
      { text: '. ' },
      { text: 'https://x.example/?a=1&b=2', url: 'https://x.example/?a=1&b=2' },
      { text: '. x<' },
    ]);
  });
});

/** The sample model with references formatted as the model stage formats them. */
function withReferences(brief: Brief): Brief {
  const copy = structuredClone(brief);
  const references = formatReferences(copy.documents.map((document) => ({ id: document.id, meta: document.meta })));
  for (const document of copy.documents) document.reference = references.get(document.id)!;
  return copy;
}

describe('references in the HTML', () => {
  let html: string;
  let brief: Brief;

  beforeAll(async () => {
    brief = withReferences(sampleBrief());
    html = await renderHtml(brief, { templatesDir });
  });

  it('heads each document with its short form, then its reference, with italics and links; the metadata list keeps file and hash', () => {
    const document = brief.documents[0]!;
    const article = html.slice(html.indexOf(`<article id="doc-${document.id}"`));
    expect(article).toMatch(new RegExp(`^<article id="doc-${document.id}" class="document">\\n<h3>${document.reference!.short}</h3>\\n<p class="reference">`));
    const paragraph = article.slice(0, article.indexOf('</p>'));
    expect(paragraph).toContain(`<i>${document.meta.containerTitle}</i>`);
    expect(paragraph).toContain(`<a href="${document.meta.url}">${document.meta.url}</a>`);
    const list = article.slice(article.indexOf('<dl'), article.indexOf('</dl>'));
    expect(list).not.toMatch(/Author|Published in|Issued|Accessed/);
    expect(list).toMatch(/<dt>File<\/dt>[\s\S]*<dt>SHA-256<\/dt>/);
  });

  it('names the document by its short form in the citation tooltips', () => {
    expect(html).toMatch(new RegExp(`title="${brief.documents[0]!.reference!.short}: `));
  });
});

describe('references in the PDF', () => {
  it('prints each document under its short form with its reference, and names it so in the notes', async () => {
    const brief = withReferences(sample);
    const doc = await openPdf(await renderPdf(brief, { date: new Date('2025-07-15T09:00:00Z') }));
    const text = flat(doc.pages);
    const sources = text.slice(text.lastIndexOf('Sources'));
    for (const document of brief.documents) {
      expect(sources).toContain(document.reference!.short);
      expect(sources).toContain(document.reference!.text.slice(0, 40));
    }
    const mishra = brief.documents.find((d) => d.id === 'mishra-2025')!;
    expect(mishra.reference!.short).toBe('Anjali Mishra and Omar Khan 2025');
    // The notes under the events name the document by its short form, not its title.
    const body = text.slice(0, text.lastIndexOf('Sources'));
    expect(body).toContain(`${mishra.reference!.short}, line 22: “This announcement, made on July 4, 2025”`);
    expect(body).not.toContain(`${mishra.meta.title}, line`);
  });
});

describe('the default brief', () => {
  it('gives every cited document a reference without gaps', async () => {
    const { brief } = await buildBrief(repoRoot, { formats: ['json'] });
    for (const document of brief!.documents) {
      expect(document.reference, document.id).toBeDefined();
      expect(document.reference!.text).not.toMatch(/undefined|NaN|null|\[object/);
      if (/^\[/.test(document.meta.title)) expect(document.reference!.text.startsWith(document.meta.title)).toBe(true);
    }
    const mishra = brief!.documents.find((d) => d.id === 'mishra-2025')!.reference!;
    expect(mishra.text).toBe('Mishra, K N. 2025. “Russia Formally Recognises Taliban Government in Afghanistan Ending Isolation.” 4 July 2025.');
    expect(mishra.short).toBe('Mishra 2025');
  });
});

describe('rebuilds in one session (watch)', () => {
  it('reuse the references while the entries stay the same, and format them again when an entry changes', async () => {
    const root = await tempRoot(repoRoot);
    const cache = createCache();
    const short = async () => {
      const { brief } = await buildBrief(root, { formats: ['json'], cache });
      return brief!.documents.find((d) => d.id === 'mishra-2025')!.reference!;
    };
    const first = await short();
    expect(first.short).toBe('Mishra 2025');
    expect(await short()).toEqual(first);
    const yaml = path.join(root, 'sources', 'documents.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('    - family: Mishra', '    - family: Misra'));
    const edited = await short();
    expect(edited.short).toBe('Misra 2025');
    expect(edited.text).toMatch(/^Misra, K N\. 2025\./);
  });
});
