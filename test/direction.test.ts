// Which way a paragraph reads: the letters it holds decide, the page's direction
// settles a tie or text with no letters; and how the HTML marks a block that
// reads the other way than its page.
import { describe, expect, it } from 'vitest';
import { languageDirection, textDirection } from '../src/render/direction.js';
import { markdownToHtml, phrasingToHtml, type MarkdownContext } from '../src/render/html/markdown.js';
import { createReferences } from '../src/render/html/references.js';
import { createIdAllocator } from '../src/render/html/ids.js';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Markdown } from '../src/model/types.js';
import { sampleBrief } from './fixtures/html/sample.js';

describe('textDirection', () => {
  it('reads a paragraph mostly in Arabic script or Hebrew right to left', () => {
    expect(textDirection('د اسلامي امارت ویاند وویل چې دا پریکړه یو مهم ګام دی.', 'ltr')).toBe('rtl');
    expect(textDirection('سرپرست وزیر خارجه گفت که ۲۰۲۵ سال مهم است (UN).', 'ltr')).toBe('rtl');
    expect(textDirection('ישראל לא הגיבה', 'ltr')).toBe('rtl');
  });

  it('reads an English sentence that opens with an Arabic name left to right, as its letters are mostly Latin', () => {
    expect(textDirection('امیر خان متقی said the recognition was a first step.', 'ltr')).toBe('ltr');
    expect(textDirection('امیر خان متقی said the recognition was a first step.', 'rtl')).toBe('ltr');
  });

  it('leaves text with no letters, or as many of each direction, to the page', () => {
    expect(textDirection('2025 — 12 %', 'rtl')).toBe('rtl');
    expect(textDirection('۲۰۲۵', 'ltr')).toBe('ltr');
    expect(textDirection('ab سس', 'rtl')).toBe('rtl');
    expect(textDirection('ab سس', 'ltr')).toBe('ltr');
  });
});

describe('languageDirection', () => {
  it('gives the direction a language is written in', () => {
    for (const lang of ['fa', 'ps', 'ar', 'he', 'ur', 'fa-AF']) expect(languageDirection(lang)).toBe('rtl');
    for (const lang of ['en', 'ru', 'en-GB', 'not a tag']) expect(languageDirection(lang)).toBe('ltr');
  });
});

describe('the direction of HTML blocks', () => {
  const render = async (markdown: string, direction: 'ltr' | 'rtl', inline = false): Promise<string> => {
    const brief = sampleBrief();
    const references = createReferences(brief, createIdAllocator([]));
    const context: MarkdownContext = { mode: 'primary', backLinkText: 'Test', headingLevel: 2, direction };
    const content = unified().use(remarkParse).use(remarkGfm).parse(markdown).children as Markdown;
    if (!inline) return markdownToHtml(content, references, context);
    const first = content[0];
    return phrasingToHtml(first && 'children' in first ? (first.children as never) : [], references, context);
  };

  it('marks a block in a script of the other direction with its dir, and nothing else', async () => {
    const html = await render(
      '> د اسلامي امارت ویاند وویل چې دا پریکړه یو مهم ګام دی.\n\nامیر خان متقی said it was a first step.\n\n| Name | Role |\n| --- | --- |\n| ذبیح الله مجاهد | spokesman |',
      'ltr',
    );
    expect(html).toContain('<blockquote dir="rtl">');
    // The paragraph inside the quote reads as the quote does: no dir of its own.
    expect(html).toMatch(/<blockquote dir="rtl">\s*<p>/);
    expect(html).toContain('<p>امیر خان متقی said');
    expect(html).toContain('<td dir="rtl">ذبیح الله مجاهد</td>');
    expect(html).toContain('<td>spokesman</td>');
  });

  it('marks a list in a script of the other direction as a whole, so its markers stand on its side', async () => {
    // A list in Pashto reads right to left as a whole, its markers on the right: the items need no dir of their own.
    const list = await render('- د سفارت سپارل\n- د بیرغ پورته کول', 'ltr');
    expect(list).toMatch(/^<ul dir="rtl">\s*<li>/);
    expect(list).not.toContain('<li dir');
  });

  it('marks an English block in a right-to-left page left to right', async () => {
    const html = await render('The recognition was a first step.\n\nگام نخست است.', 'rtl');
    expect(html).toContain('<p dir="ltr">The recognition');
    expect(html).toContain('<p>گام نخست است.</p>');
  });

  it('wraps inline content (a title) of the other direction in a span with its dir', async () => {
    expect(await render('واکنشها در کابل', 'ltr', true)).toBe('<span dir="rtl">واکنشها در کابل</span>');
    expect(await render('Reactions in Kabul', 'ltr', true)).toBe('Reactions in Kabul');
  });
});
