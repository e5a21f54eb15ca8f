// Characters the PDF cannot print: found before rendering, each reported once
// where it is first met; the fonts are read only when a brief has characters
// beyond the common ones, which every prose face of the PDF is checked to have.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../src/build.js';
import { checkGlyphs, COMMON } from '../src/check/glyphs.js';
import { pdfCoverage } from '../src/render/pdf/coverage.js';
import { at, md, sample } from './fixtures/model/sample.js';

const fixture = path.join(import.meta.dirname, 'fixtures', 'diagnostics', 'missing-glyph');
const nowhere = () => ({ file: 'sources/documents.yaml', at: { line: 1, column: 1 } });

describe('the glyph check', () => {
  it('passes over only characters every prose and code face has', () => {
    const coverage = pdfCoverage();
    const common: string[] = [];
    for (let codePoint = 0; codePoint <= 0x2fff; codePoint++) {
      const char = String.fromCodePoint(codePoint);
      if (COMMON.test(char) && !/\s/.test(char)) common.push(char);
    }
    expect(common.length).toBeGreaterThan(300);
    expect(common.filter((char) => !coverage.has(char))).toEqual([]);
    expect(common.filter((char) => !coverage.has(char, 'code'))).toEqual([]);
  });

  it('knows what the fonts lack: Chinese and most emoji, not Cyrillic, Greek, Arabic script, Hebrew or the signs of DejaVu Sans', () => {
    const coverage = pdfCoverage();
    expect([...'中文👍'].map((char) => coverage.has(char))).toEqual([false, false, false]);
    expect([...'КабулΑθήναکابلپښتو', ...'ירושלים', ...'₪₩★✓①😀'].every((char) => coverage.has(char))).toBe(true);
  });

  it('never reads the fonts for a brief of common characters', async () => {
    let loaded = false;
    const load = async () => {
      loaded = true;
      return pdfCoverage();
    };
    const plain = {
      ...sample,
      meta: { ...sample.meta, title: 'Plain', subtitle: 'Café, naïve — “quoted” …' },
      summary: md('A summary.'),
      chronology: { ...sample.chronology, intro: [] },
      humanRights: { ...sample.humanRights, intro: [] },
      sections: [],
      events: [{ ...sample.events[0]!, title: [], body: md('Text in Łódź and Zürich, 2–3 July.') }],
      citations: [],
      documents: [],
      footnotes: {},
    };
    expect(await checkGlyphs(plain, load, 'sources/brief.md', nowhere)).toEqual([]);
    expect(loaded).toBe(false);
  });

  it('reports each missing character once, at the first text that has it', async () => {
    const [first, second] = sample.events;
    const brief = {
      ...sample,
      events: [
        { ...first!, position: at('sources/brief.md', 10), body: md('Met at 人民大会堂.') },
        { ...second!, position: at('sources/events/july.md', 18), body: md('Again at 人民大会堂, then 🚀.') },
      ],
    };
    const found = await checkGlyphs(brief, async () => pdfCoverage(), 'sources/brief.md', nowhere);
    expect(found.map((d) => [d.ruleId, d.file, d.line, (d.message.match(/U\+[0-9A-F]+/g) ?? []).length])).toEqual([
      ['missing-glyph', 'sources/brief.md', 1, 3],
      ['missing-glyph', 'sources/events/july.md', 1, 1],
    ]);
    expect(found[0]!.message).toContain('“人” (U+4EBA)');
    expect(found[1]!.message).toContain('“🚀” (U+1F680)');
  });

  it('checks code against the face of code: DejaVu Sans Mono has APL signs the prose faces lack', async () => {
    const withBody = (body: string) => ({ ...sample, events: [{ ...sample.events[0]!, body: md(body) }], citations: [], documents: [], footnotes: {} });
    const inCode = await checkGlyphs(withBody('In APL, `⌽x` reverses x.'), async () => pdfCoverage(), 'sources/brief.md', nowhere);
    expect(inCode).toEqual([]);
    const inProse = await checkGlyphs(withBody('In APL, ⌽x reverses x.'), async () => pdfCoverage(), 'sources/brief.md', nowhere);
    expect(inProse.map((d) => d.ruleId)).toEqual(['missing-glyph']);
    expect(inProse[0]!.message).toContain('“⌽” (U+233D)');
  });

  it('reports a document file name the PDF cannot print, where the document is described', async () => {
    const [first, ...rest] = sample.documents;
    const brief = { ...sample, documents: [{ ...first!, file: 'sources/documents/समाचार.txt' }, ...rest] };
    const found = await checkGlyphs(brief, async () => pdfCoverage(), 'sources/brief.md', (id) => ({ file: 'sources/documents.yaml', at: { line: id === first!.id ? 4 : 1, column: 3 } }));
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual(['sources/documents.yaml:4:3 missing-glyph']);
    expect(found[0]!.message).toContain('of the file name sources/documents/समाचार.txt');
    expect(found[0]!.message).toContain('“स” (U+0938)');
  });

  it('gives quotes and documents.yaml entries their own places', async () => {
    const { diagnostics } = await buildBrief(fixture, { formats: [] });
    const glyphs = diagnostics.filter((d) => d.ruleId === 'missing-glyph');
    expect(glyphs.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['sources/brief.md:7:74', 'sources/brief.md:11:64', 'sources/documents.yaml:1:3']);
    expect(glyphs[2]!.message).toContain('“新” (U+65B0)');
  });

  it('is not run for builds without a PDF', async () => {
    const { diagnostics } = await buildBrief(fixture, { formats: ['html'] });
    expect(diagnostics.some((d) => d.ruleId === 'missing-glyph')).toBe(false);
  });
});
