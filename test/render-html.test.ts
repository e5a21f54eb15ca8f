import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Brief } from '../src/model/types.js';
import { renderHtml } from '../src/render/html/index.js';
import { startTags, textOf } from './fixtures/html/markup.js';
import { DOCUMENT_TEXT, QUOTE_EXACT, sampleBrief } from './fixtures/html/sample.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));

const ids = (html: string): string[] => startTags(html).flatMap((tag) => (tag.attributes['id'] === undefined ? [] : [tag.attributes['id']]));
const hrefs = (html: string): string[] => startTags(html).flatMap((tag) => (tag.attributes['href'] === undefined ? [] : [tag.attributes['href']]));
const fragmentLinks = (html: string): string[] => hrefs(html).flatMap((href) => (href.startsWith('#') ? [href.slice(1)] : []));
/** What Handlebars does to a value in an attribute. */
const escapeAttribute = (value: string): string =>
  value.replace(/[&<>"'`=]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c]!);
const body = (html: string): string => html.slice(html.indexOf('<body>'));

/** The element whose start tag carries `id="…"`, up to its end tag (no nesting of the same tag inside). */
function elementById(html: string, id: string): string {
  const match = new RegExp(`<(\\w+)[^>]*\\sid="${id}"[^>]*>`).exec(html);
  if (match === null) throw new Error(`no element with id ${id}`);
  const end = html.indexOf(`</${match[1]}>`, match.index);
  return html.slice(match.index, end + match[1]!.length + 3);
}

describe('renderHtml', () => {
  let brief: Brief;
  let html: string;

  beforeAll(async () => {
    brief = sampleBrief();
    html = await renderHtml(brief, { templatesDir });
  });

  it('exposes renderHtml, renderHtmlApart (the same in a worker thread) and TemplateError only', async () => {
    expect(Object.keys(await import('../src/render/html/index.js')).sort()).toEqual(['TemplateError', 'renderHtml', 'renderHtmlApart']);
  });

  it('is one self-contained page whose CSP forbids scripts and any style but its own stylesheet', async () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en-GB" dir="ltr">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    const css = await readFile(new URL('../templates/brief.css', import.meta.url), 'utf8');
    const hash = createHash('sha256').update(css).digest('base64');
    const csp = `default-src 'none'; img-src data:; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">`);
    // The CSP comes before the stylesheet, which is the page's only <style> and holds the file as it is.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html.match(/<style\b/g)).toHaveLength(1);
    expect(html).toContain(`<style>${css}</style>`);
    // No request: no external resource, no font or image from the stylesheet.
    expect(html).not.toMatch(/<link\b|<script\b|<img\b|<iframe\b|<object\b|<embed\b|\ssrc=|@import|@font-face/i);
    expect(css).not.toMatch(/url\(/i);
  });

  it('renders the parts in order', () => {
    const order = [
      '<header class="title-block">',
      '<nav class="contents"',
      '<main id="main">',
      'id="summary"',
      'id="chronology"',
      'id="year-2024"',
      'id="talks-open-in-doha"',
      'id="year-2025"',
      'id="russia-recognises-the-taliban"',
      'id="journalists-detained"',
      'id="human-rights"',
      'id="hr-journalists-detained"',
      'id="outlook"',
      'id="tags"',
      'id="sources"',
      'id="doc-mishra-2025"',
      'id="doc-tass-2025"',
      'class="verification"',
      'id="notes"',
    ];
    const positions = order.map((needle) => html.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('<article id="russia-recognises-the-taliban" class="event">');
    expect(html).toMatch(/<nav class="contents" aria-label="Contents">[\s\S]*<main id="main">[\s\S]*<\/main>\s*<\/body>/);
    expect(html).toContain('<a class="skip-link" href="#main">Skip to the briefing</a>');
  });

  it('gives every event and year a visible permalink', () => {
    expect(html).toContain(
      '<section id="year-2025" class="year">\n<h3>2025 <a class="permalink" href="#year-2025" aria-label="Link to the events of 2025">#</a></h3>',
    );
    for (const event of brief.events) {
      expect(elementById(html, event.id)).toMatch(new RegExp(`<h4>.*<a class="permalink" href="#${event.id}" aria-label="Link to this event">#</a></h4>`));
    }
  });

  it('puts every date in a <time datetime>', () => {
    const times = [...html.matchAll(/<time\b([^>]*)>([^<]*)<\/time>/g)];
    expect(times.every((m) => /^ datetime="\d{4}(-\d{2}){0,2}(\/\d{4}(-\d{2}){0,2})?"$/.test(m[1]!))).toBe(true);
    // Meta date; 3 event dates, 1 disputed, 1 in Human rights; 5 in the tag index; issued and accessed.
    expect(times).toHaveLength(1 + 3 + 1 + 1 + 5 + 2);
    expect(elementById(html, 'doc-mishra-2025')).toContain('<dt>Issued</dt><dd><time datetime="2025-07-04">4 July 2025</time></dd>');
  });

  it('links tags on events to a tag index that lists each tag’s events by date', () => {
    expect(elementById(html, 'russia-recognises-the-taliban')).toMatch(
      /<ul class="tags" aria-label="Tags">\s*<li><a href="#tag-diplomacy">diplomacy<\/a><\/li>\s*<li><a href="#tag-recognition">recognition<\/a><\/li>/,
    );
    const index = html.slice(html.indexOf('<section id="tags" class="tag-index">'), html.indexOf('<section id="sources"'));
    expect([...index.matchAll(/<section id="(tag-[^"]+)" class="tag">\n<h3>([^<]+) /g)].map((m) => [m[1], m[2]])).toEqual([
      ['tag-diplomacy', 'diplomacy'],
      ['tag-human-rights', 'human-rights'],
      ['tag-media', 'media'],
      ['tag-recognition', 'recognition'],
    ]);
    expect([...elementById(index, 'tag-diplomacy').matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1])).toEqual([
      'talks-open-in-doha',
      'russia-recognises-the-taliban',
    ]);
    expect(elementById(index, 'tag-diplomacy')).toContain(
      '<li><a href="#talks-open-in-doha">Talks open in Doha</a> <span class="date"><time datetime="2024-03-15">15 March 2024</time></span></li>',
    );
    expect(html).toContain('<li><a href="#tags">Tags</a></li>');
  });

  it('leaves the tag index out when no event has a tag', async () => {
    const untagged = sampleBrief();
    for (const event of untagged.events) event.tags = [];
    const page = await renderHtml(untagged, { templatesDir });
    expect(body(page)).not.toMatch(/tag-index|href="#tags"|class="tags"/);
  });

  it('shows the title block, dates as <time datetime> and event facts', () => {
    expect(html).toContain('<h1>Russia and the Taliban</h1>');
    expect(html).toContain('<p class="subtitle">Recognition, 2024–2025</p>');
    expect(html).toContain('<span class="author">Policy Desk</span> · <time datetime="2025-08-01">1 August 2025</time>');
    expect(html).toContain('<time datetime="2025-07-03">3 July 2025</time>');
    expect(html).toContain('<time datetime="2025-08">August 2025</time>');
    expect(html).toContain('<h4>Talks open in <em>Doha</em> <a class="permalink" href="#talks-open-in-doha" aria-label="Link to this event">#</a></h4>');
    expect(html).toContain('<span class="label">Place</span> Moscow');
  });

  it('keeps hostile markdown from becoming live markup', () => {
    const main = html.slice(html.indexOf('<main'));
    const tags = startTags(main);
    expect(tags.filter((tag) => ['script', 'style', 'img', 'iframe'].includes(tag.name))).toEqual([]);
    expect(tags.flatMap((tag) => Object.keys(tag.attributes)).filter((name) => /^on|^style$|^src$/.test(name))).toEqual([]);
    expect(hrefs(main).filter((href) => !/^(#|https?:\/\/)/.test(href))).toEqual([]);
    // The script text of data.hName stays out; the document's own text shows markup as text.
    expect(textOf(main.replace(/<div class="document-text">[\s\S]*?<\/div>/g, ''))).not.toContain('alert(');
    expect(ids(html)).not.toContain('evil');
    expect(ids(html)).not.toContain('clobber');
    // The links survive as text, without their hrefs; the image becomes a link to it, not a request.
    expect(main).toContain('<a>a hostile link</a>');
    expect(main).toContain('<a>a data link</a>');
    expect(main).toContain('<a href="https://tracker.example/pixel.png" class="image-link">a remote image</a>');
    expect(main).toContain('<p>Inline  HTML is dropped.</p>');
  });

  it('gives every internal link a target and every id once', () => {
    const all = ids(html);
    expect(all.filter((id, index) => all.indexOf(id) !== index)).toEqual([]);
    const missing = fragmentLinks(html).filter((target) => !all.includes(target));
    expect(missing).toEqual([]);
    expect(html).not.toContain('user-content-');
  });

  it('links only to the documents and to links written in the markdown', () => {
    const external = hrefs(html)
      .filter((href) => !href.startsWith('#'))
      .sort();
    expect(external).toEqual([
      'https://example.org/analysis',
      'https://example.org/mishra',
      'https://tracker.example/pixel.png',
      'https://www.un.org/en/',
    ]);
  });

  it('numbers citation markers in page order and links each to its quote and back', () => {
    const markers = [...html.matchAll(/<a href="#(quote-c\d+)"[^>]*\sid="(cite-c\d+)">\[(\d+)\]<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(markers).toEqual([
      ['quote-c1', 'cite-c1', '1'], // summary
      ['quote-c2', 'cite-c2', '2'], // 2024 event
      ['quote-c3', 'cite-c3', '3'], // disputed date of the 2025 event
      ['quote-c4', 'cite-c4', '4'],
      ['quote-c5', 'cite-c5', '5'],
    ]);
    for (const citation of brief.citations) {
      const quote = elementById(html, `quote-${citation.id}`);
      expect(quote).toMatch(new RegExp(`^<li id="quote-${citation.id}" value="\\d+">`));
      expect(quote).toContain(`href="#cite-${citation.id}"`);
    }
    expect(elementById(html, 'quote-c2')).toContain('↩ Talks open in Doha</a>');
    // Markers sit against the word they back, whatever space the author left.
    expect(html).toContain('<p>Moscow moved from talks to recognition<sup class="cite">');
    expect(elementById(html, 'quote-c1')).toContain('↩ Summary</a>');
  });

  it('puts the disputed date with its own citation marker beside the date', () => {
    expect(html).toContain(
      '<span class="disputed">disputed: <time datetime="2025-07-04">4 July 2025</time><sup class="cite"><a href="#quote-c3"',
    );
  });

  it('repeats human-rights events without repeating marker ids', () => {
    const entry = elementById(html, 'hr-journalists-detained');
    expect(entry).toContain('<a href="#journalists-detained">Journalists detained in Kabul</a>');
    expect(entry).toContain('<time datetime="2025-08">August 2025</time>');
    expect(entry).toContain('<a href="#quote-c5" title="TASS wire report: “Several journalists were detained in Kabul”">[5]</a>');
    expect(entry).not.toMatch(/\sid="(cite|fnref)-/);
    expect(html.match(/href="#quote-c5"/g)).toHaveLength(2);
  });

  it('shows each quote in the sentence it stands in, with its line and Unicode intact', () => {
    const quote = elementById(html, 'quote-c2');
    expect(quote).toContain(
      `<span class="context">At the conference, held in Doha, he said </span><mark>${QUOTE_EXACT}</mark><span class="context"> added that talks would go on.</span>`,
    );
    // A line break ends the sentence (a heading, a list item, a line of a wire report).
    expect(elementById(html, 'quote-c5')).toContain(
      '<mark>Several journalists were detained in Kabul</mark><span class="context"> last month, according to reports from two agencies that asked not to be named</span>',
    );
    expect(elementById(html, 'quote-c3')).toContain(
      '<p><mark>This announcement, made on July 4, 2025</mark><span class="context">, surprised observers.</span></p>',
    );
    expect(quote).toContain('line 4');
    expect(elementById(html, 'quote-c3')).toContain('found 2 times');
    expect(elementById(html, 'quote-c1')).toContain('p. 2, cited without a quote');
  });

  it('lists document metadata and leaves absent fields out', () => {
    const mishra = elementById(html, 'doc-mishra-2025');
    expect(mishra).toContain('<dt>Author</dt><dd>Mishra, Anant</dd>');
    expect(mishra).toContain('<dt>Published in</dt><dd><cite>The Diplomat</cite></dd>');
    expect(mishra).toContain('<a href="https://example.org/mishra">https://example.org/mishra</a>');
    expect(mishra).toContain('<dt>Accessed</dt><dd><time datetime="2025-07-10">10 July 2025</time></dd>');
    expect(mishra).not.toContain('Publisher');
    const tass = elementById(html, 'doc-tass-2025');
    expect(tass).not.toMatch(/Author|URL|Issued|Accessed|Publisher/);
    expect(tass).toContain('no entry in documents.yaml');
    expect(html).not.toMatch(/undefined|\bnull\b|\[object Object\]|NaN/);
  });

  it('puts each document’s full text in a collapsed <details>, every cited passage marked and linked back', () => {
    const mishra = elementById(html, 'doc-mishra-2025');
    expect(mishra).toContain('<details id="text-mishra-2025" class="full-text">\n<summary>The full text of the document, 3 passages marked</summary>');
    const text = mishra.slice(mishra.indexOf('<div class="document-text">'), mishra.indexOf('</div>\n</details>'));
    // All of the text, as it is: removing the marks and back-links and unescaping gives the document back.
    expect(textOf(text.replace(/<sup class="passage-refs">.*?<\/sup>/g, ''))).toBe(DOCUMENT_TEXT['mishra-2025']);
    expect([...text.matchAll(/<mark id="([^"]+)">([^<]*)<\/mark>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['passage-c2', QUOTE_EXACT],
      ['passage-c4', 'accepted the credentials of Gul Hassan Hassan'],
      ['passage-c3', 'This announcement, made on July 4, 2025'],
    ]);
    // Only the first of the two occurrences of c3 is the anchored one.
    expect(text).toContain('Critics repeated: This announcement, made on July 4, 2025 was premature.');
    expect(text).toContain(
      '<mark id="passage-c4">accepted the credentials of Gul Hassan Hassan</mark><sup class="passage-refs"><a href="#cite-c4" aria-label="Back to citation 4: Russia formally recognises the Taliban government" title="Russia formally recognises the Taliban government">↩4</a></sup>',
    );
    // Each quote in Sources leads to its passage.
    expect(elementById(html, 'quote-c4')).toContain('<a href="#passage-c4">in the full text</a>');
    expect(elementById(html, 'quote-c1')).not.toContain('in the full text');
  });

  it('merges overlapping cited passages into one mark linked to every citation', async () => {
    const overlapping = sampleBrief();
    const c4 = overlapping.citations.find((c) => c.id === 'c4')!;
    const text = DOCUMENT_TEXT['mishra-2025'];
    const start = text.indexOf('Gul Hassan Hassan on Thursday');
    overlapping.citations.push({
      ...c4,
      id: 'c6',
      quote: 'Gul Hassan Hassan on Thursday',
      anchor: { ...c4.anchor!, exact: 'Gul Hassan Hassan on Thursday', start, end: start + 'Gul Hassan Hassan on Thursday'.length },
    });
    overlapping.events[1]!.body.push({ type: 'paragraph', children: [{ type: 'citationGroup', citationIds: ['c6'] }] });
    const page = await renderHtml(overlapping, { templatesDir });
    expect(page).toContain(
      '<mark id="passage-c4">accepted the credentials of Gul Hassan Hassan on Thursday</mark><sup class="passage-refs"><a href="#cite-c4"',
    );
    expect(elementById(page, 'passage-c4').length).toBeGreaterThan(0);
    // c6 is the fifth marker of the page.
    expect(page).toMatch(/↩4<\/a> <a href="#cite-c6"[^>]*>↩5<\/a><\/sup>/);
    expect(elementById(page, 'quote-c6')).toContain('<a href="#passage-c4">in the full text</a>');
  });

  it('falls back to the anchor’s context when the model carries no text for a document', async () => {
    const textless = sampleBrief();
    for (const document of textless.documents) document.text = '';
    const page = await renderHtml(textless, { templatesDir });
    expect(body(page)).not.toContain('full-text');
    expect(elementById(page, 'quote-c2')).toContain(`<span class="context">…held in Doha, he said </span><mark>${QUOTE_EXACT}</mark>`);
    expect(elementById(page, 'quote-c2')).not.toContain('in the full text');
  });

  it('renders tables, links and footnotes with back-links to every reference', () => {
    expect(html).toContain('<th align="right">Members</th>');
    expect(html).toContain('<a href="https://www.un.org/en/">UN</a>');
    expect(html).toContain('<sup class="fnref"><a href="#fn-1" id="fnref-1">1</a></sup>');
    expect(html).toContain('<sup class="fnref"><a href="#fn-1" id="fnref-1-2">1</a></sup>');
    const note = elementById(html, 'fn-1');
    expect(note).toContain('Dates follow the <em>Gregorian</em> calendar.');
    expect(note).toContain('href="#fnref-1"');
    expect(note).toContain('href="#fnref-1-2"');
    expect(html.slice(html.indexOf('id="notes"'))).toContain('<h2>Notes</h2>');
  });

  it('prints the verification line', () => {
    expect(html).toContain(
      'Checked when built: 2 documents, 5 citations; 4 of 4 quotes found verbatim in their documents; 1 warning, 0 errors.',
    );
  });

  it('renumbers its own ids when a section of the brief already uses one', async () => {
    const clash = sampleBrief();
    clash.sections.push({ ...clash.sections[0]!, id: 'sources', title: [{ type: 'text', value: 'Sources' }], titleText: 'Sources' });
    const page = await renderHtml(clash, { templatesDir });
    expect(page).toContain('<section id="sources" class="prose">');
    expect(page).toContain('<section id="sources-2" class="sources">');
    expect(page).toContain('<a href="#sources-2">Sources</a>');
    const all = ids(page);
    expect(all.filter((id, index) => all.indexOf(id) !== index)).toEqual([]);
    expect(fragmentLinks(page).filter((target) => !all.includes(target))).toEqual([]);
  });

  it('keeps event ids as permalinks when they look like the renderer’s own ids', async () => {
    const clash = sampleBrief();
    const renamed = ['main', 'tag-diplomacy', 'passage-c2'];
    clash.events.forEach((event, index) => {
      const from = event.id;
      event.id = renamed[index]!;
      for (const year of clash.chronology.years) year.eventIds = year.eventIds.map((id) => (id === from ? event.id : id));
      clash.humanRights.eventIds = clash.humanRights.eventIds.map((id) => (id === from ? event.id : id));
    });
    const page = await renderHtml(clash, { templatesDir });
    expect(page).toContain('<article id="main" class="event">');
    expect(page).toContain('<main id="main-2">');
    expect(page).toContain('<a class="skip-link" href="#main-2">');
    expect(page).toContain('<article id="tag-diplomacy" class="event">');
    expect(page).toContain('<li><a href="#tag-diplomacy-2">diplomacy</a></li>');
    expect(page).toContain('<mark id="passage-c2-2">');
    const all = ids(page);
    expect(all.filter((id, index) => all.indexOf(id) !== index)).toEqual([]);
    expect(fragmentLinks(page).filter((target) => !all.includes(target))).toEqual([]);
  });
});
