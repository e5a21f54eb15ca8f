// Hostile input in every field a user or a document controls never reaches the
// page as live code. (test/browser.test.ts loads the same page in Chromium.)
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/html/index.js';
import { decode, startTags, type StartTag } from './fixtures/html/markup.js';
import { HOSTILE_ID, HOSTILE_TAG, hostileBrief } from './fixtures/html/hostile.js';

const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));

/** The elements the default templates and the markdown renderer may write, nothing else. */
const ALLOWED_ELEMENTS = new Set(
  'html head meta title style body a header h1 h2 h3 h4 h5 h6 p span nav ol ul li main section article div sup time em strong del code pre blockquote mark details summary dl dt dd cite table thead tbody tr th td hr br input small'.split(' '),
);

describe('hostile input', () => {
  let html: string;
  let tags: StartTag[];

  beforeAll(async () => {
    html = await renderHtml(hostileBrief(), { templatesDir });
    tags = startTags(html);
  });

  it('makes no element but the ones the templates write', () => {
    expect([...new Set(tags.map((tag) => tag.name))].filter((name) => !ALLOWED_ELEMENTS.has(name))).toEqual([]);
    expect(tags.filter((tag) => tag.name === 'style')).toHaveLength(1);
    expect(tags.filter((tag) => tag.name === 'meta').map((tag) => tag.attributes['http-equiv'] ?? tag.attributes['name'] ?? 'charset')).toEqual([
      'charset',
      'viewport',
      'Content-Security-Policy',
    ]);
  });

  it('makes no event handler, style attribute or source attribute', () => {
    const attributes = tags.flatMap((tag) => Object.keys(tag.attributes).map((name) => `${tag.name}[${name}]`));
    expect(attributes.filter((attribute) => /\[(on[^\]]*|style|src|srcset|formaction|action|background)\]$/i.test(attribute))).toEqual([]);
  });

  it('links only within the page or to http(s) addresses', () => {
    const hrefs = tags.flatMap((tag) => (tag.attributes['href'] === undefined ? [] : [tag.attributes['href']]));
    expect(hrefs.filter((href) => !href.startsWith('#') && !/^https?:\/\//i.test(href))).toEqual([]);
    // The unsafe ones are kept as text.
    expect(html).toContain('<dt>URL</dt><dd class="url">javascript:alert(&quot;url&quot;)</dd>');
    expect(html).toContain('<a>mixed case</a> <a>leading space</a> <a>vbscript</a> <a>svg data</a>');
    expect(html).toContain('<a class="image-link">inline image</a>');
    // A quote in an address stays inside the attribute.
    expect(hrefs).toContain('https://example.org/" onmouseover="alert(1)');
    expect(hrefs).toContain('https://example.org/%22%20onclick=%22alert(1)');
  });

  it('keeps the stylesheet the only CSS: no url( outside text, no style from markdown or documents', () => {
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).not.toMatch(/url\(|@import|evil\.example/);
    for (const tag of tags) {
      for (const [name, value] of Object.entries(tag.attributes)) {
        if (name === 'title' || name === 'aria-label') continue; // text shown as a tooltip or read aloud
        expect(`${tag.name}[${name}]=${value}`).not.toMatch(/url\(|expression\(|javascript:/i);
      }
    }
  });

  it('shows markup from every field as text', () => {
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Title</title>');
    expect(html).toContain('<h1>&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Title</h1>');
    expect(html).toContain('<html lang="en&quot; onload&#x3D;&quot;alert(1)" dir="ltr">');
    // The tag, the document's text, the quote and the metadata.
    expect(html).toContain('<li><a href="#tag-b-onmouseoveralerttagxb">&lt;b onmouseover&#x3D;alert(&quot;tag&quot;)&gt;x&lt;/b&gt;</a></li>');
    expect(html).toContain('Markup in a document is text: &#x3C;script>alert("document")&#x3C;/script>');
    expect(html).toContain(
      '<mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;style&gt;body{background:red url(https://evil.example/style.png)}&lt;/style&gt;</mark>',
    );
    expect(html).toContain('<dt>Published in</dt><dd><cite>&lt;style&gt;body{background:red url(https://evil.example/style.png)}&lt;/style&gt;</cite></dd>');
    expect(html).toContain('<dt>Issued</dt><dd>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 2025</dd>');
  });

  it('uses a hostile event id only as an attribute value, and links to it', () => {
    const withId = tags.filter((tag) => tag.attributes['id'] === HOSTILE_ID);
    expect(withId.map((tag) => tag.name)).toEqual(['article']);
    const links = tags.filter((tag) => tag.attributes['href'] === `#${HOSTILE_ID}`);
    // Its permalink and its entries in the tag index (four tags).
    expect(links.length).toBe(1 + 4);
    expect(decode('&lt;b onmouseover&#x3D;alert(&quot;tag&quot;)&gt;x&lt;/b&gt;')).toBe(HOSTILE_TAG);
  });

  it('drops raw HTML and hName/hChildren from markdown', () => {
    const main = html.slice(html.indexOf('<main'));
    // (Attribute values may hold a literal "<": markup there is text, as in a title attribute.)
    expect(startTags(main).filter((tag) => ['style', 'script', 'img'].includes(tag.name) || 'style' in tag.attributes)).toEqual([]);
    // Raw HTML is dropped whole, its text with it.
    expect(main).not.toContain('styled');
    // The paragraph that asked to become a <style> is left as its text, in no element of its own.
    expect(main).toMatch(/<\/p>\nbody\{background:red\}\n/);
  });
});
