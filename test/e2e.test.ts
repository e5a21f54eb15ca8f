// Builds the default brief with the compiled CLI and opens the real outputs.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';
import { flat, readPdf, type PdfContent } from './helpers/pdf.js';

interface Model {
  meta: { title: string };
  events: Array<{ id: string; titleText: string; date: { label: string }; tags: string[] }>;
  citations: Array<{ id: string; quote?: string; anchor?: { exact: string; line: number } }>;
  documents: Array<{ id: string; meta: { title: string }; reference: { text: string; short: string } }>;
  verification: { documents: number; citations: number; quotes: number; quotesVerified: number };
}

let out: string;
let run: ReturnType<typeof brief>;
let html: string;
let pdf: PdfContent;
let pdfBytes: Buffer;
let model: Model;

beforeAll(async () => {
  // A copy of the default brief root, so the build's brief.lock.json lands there.
  const root = await tempRoot(repoRoot);
  out = path.join(root, 'out');
  run = brief(['build', root]);
  html = await readFile(path.join(out, 'brief.html'), 'utf8');
  pdfBytes = await readFile(path.join(out, 'brief.pdf'));
  pdf = await readPdf(pdfBytes);
  model = JSON.parse(await readFile(path.join(out, 'brief.json'), 'utf8')) as Model;
});

describe('the default brief', () => {
  it('builds with exit 0 and a verification summary', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/5 documents, \d+ citations, (\d+) of \1 quotes verified/);
    expect(run.stderr).not.toMatch(/: error:/);
  });

  it('has at least 20 events from 1979 to July 2025, each cited, and a human-rights section', () => {
    expect(model.events.length).toBeGreaterThanOrEqual(20);
    expect(model.events[0]?.date.label).toMatch(/1979/);
    expect(model.events.at(-1)?.date.label).toMatch(/July 2025/);
    expect(model.events.filter((e) => e.tags.includes('human-rights')).length).toBeGreaterThan(0);
    expect(model.verification.quotesVerified).toBe(model.verification.quotes);
    for (const citation of model.citations) if (citation.quote) expect(citation.anchor, citation.id).toBeDefined();
  });

  it('anchors every quote to text that is really in its document', () => {
    const documents = new Map(model.documents.map((d) => [d.id, readFileSync(path.join(repoRoot, 'sources/documents', `${d.id}.txt`), 'utf8')]));
    const all = [...documents.values()].join('\n');
    for (const citation of model.citations) {
      if (citation.anchor) expect(all).toContain(citation.anchor.exact);
    }
  });

  it('prints the briefing in the PDF in order, with the quotes and the special characters', () => {
    const text = flat(pdf.pages.join('\n'));
    const order = [model.meta.title, 'Chronology', 'Human rights', 'Sources'].map((heading) => text.indexOf(flat(heading)));
    for (const index of order) expect(index).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    let from = text.indexOf('Chronology');
    for (const event of model.events) {
      const at = text.indexOf(flat(event.titleText), from);
      expect(at, event.titleText).toBeGreaterThan(from);
      from = at;
    }
    // Curly apostrophes, Türkiye and € come from the sources and must survive extraction.
    for (const needle of ['’', '€', 'Türkiye']) expect(text).toContain(needle);
    const exact = model.citations.find((c) => c.anchor?.exact.includes('’'))!.anchor!.exact;
    expect(text).toContain(flat(exact).slice(0, 40));
    expect(text).toMatch(/Page 1 of \d+/);
    // Each document under its short form, with its reference (Chicago author-date).
    expect(text).toContain(model.documents[0]!.reference.short);
    expect(text).toContain(flat(model.documents[0]!.reference.text).slice(0, 60));
  });

  it('links every internal anchor of the HTML to an element that exists', () => {
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(targets.length).toBeGreaterThan(model.citations.length);
    const dangling = targets.filter((target) => !ids.has(target));
    expect(dangling).toEqual([]);
  });

  it('links each citation to its quote in Sources and each quote back', () => {
    for (const citation of model.citations) {
      expect(html).toMatch(new RegExp(`href="#quote-${citation.id}"`));
      expect(html).toMatch(new RegExp(`id="quote-${citation.id}"`));
      expect(html).toMatch(new RegExp(`id="cite-${citation.id}"`));
      expect(html).toMatch(new RegExp(`href="#cite-${citation.id}"`));
    }
  });

  it('makes no external request from the HTML', () => {
    expect(html).not.toMatch(/<(script|link|iframe|img)\b[^>]*\s(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
  });

  it('rebuilds to a byte-identical PDF', async () => {
    const again = await tempRoot(repoRoot);
    expect(brief(['build', again, '--out', again, '--format', 'pdf']).status).toBe(0);
    expect(Buffer.compare(await readFile(path.join(again, 'brief.pdf')), pdfBytes)).toBe(0);
  });
});
