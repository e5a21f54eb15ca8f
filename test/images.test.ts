// Images of the brief's markdown: found relative to their file, read from the
// brief root only, checked, and embedded in both outputs; those that cannot be
// embedded are warnings with their place.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief, type BuildResult } from '../src/build.js';
import { describeImage } from '../src/documents/images.js';
import { localImagePath } from '../src/parse/markdown.js';
import { flat, readPdf } from './helpers/pdf.js';

const fixture = fileURLToPath(new URL('fixtures/images/', import.meta.url));
const png = () => readFile(path.join(fixture, 'sources/border-map.png'));
const jpeg = () => readFile(path.join(fixture, 'sources/photos/title-page.jpg'));

describe('an image address', () => {
  it('names a file of the brief root relative to the markdown file', () => {
    expect(localImagePath('sources/brief.md', 'map.png')).toBe('sources/map.png');
    expect(localImagePath('sources/events/2025.md', '../maps/kabul%20north.jpg')).toBe('sources/maps/kabul north.jpg');
    expect(localImagePath('sources/brief.md', './maps/a.png?v=2#top')).toBe('sources/maps/a.png');
  });

  it('is not read when it leads out of the root, and is no file when it is a URL', () => {
    expect(localImagePath('sources/brief.md', '../../outside.png')).toBeNull();
    expect(localImagePath('sources/brief.md', '/etc/passwd')).toBeNull();
    expect(localImagePath('sources/brief.md', '%2Fetc%2Fpasswd')).toBeNull();
    expect(localImagePath('sources/brief.md', 'https://example.org/a.png')).toBeUndefined();
    expect(localImagePath('sources/brief.md', '//example.org/a.png')).toBeUndefined();
    expect(localImagePath('sources/brief.md', 'data:image/png;base64,AAAA')).toBeUndefined();
  });
});

describe('an image file', () => {
  it('is a PNG or JPEG of a size in pixels', async () => {
    expect(describeImage(await png())).toEqual({ format: 'png', width: 240, height: 160 });
    expect(describeImage(await jpeg())).toEqual({ format: 'jpeg', width: 100, height: 141 });
  });

  it('is refused when it is another format, cut short or damaged', async () => {
    expect(describeImage(Buffer.from('GIF89a……'))).toMatch(/is not a PNG or JPEG image/);
    const whole = await png();
    expect(describeImage(whole.subarray(0, 60))).toMatch(/is damaged/);
    expect(describeImage(await readFile(path.join(fixture, 'sources/damaged.png')))).toMatch(/is damaged/);
    expect(describeImage((await jpeg()).subarray(0, 12))).toMatch(/is damaged/);
  });
});

describe('a brief with images (test/fixtures/images)', () => {
  let root: string;
  let result: BuildResult;
  const output = (name: string) => result.outputs.find((o) => o.name === name)!.data;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'brief-images-'));
    await cp(fixture, root, { recursive: true });
    // A link to a picture outside the root: never read.
    await writeFile(path.join(os.tmpdir(), 'brief-outside-picture.png'), await png());
    await symlink(path.join(os.tmpdir(), 'brief-outside-picture.png'), path.join(root, 'sources/linked.png'));
    const brief = path.join(root, 'sources/brief.md');
    await writeFile(brief, `${await readFile(brief, 'utf8')}\n![Linked from elsewhere](linked.png)\n`);
    result = await buildBrief(root, { formats: ['html', 'pdf', 'json'] });
  }, 60_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('warns where an image cannot be embedded, saying why, and still builds', () => {
    const warnings = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.ruleId}] ${d.message}`);
    expect(result.diagnostics.every((d) => d.severity === 'warning' && d.ruleId === 'image-not-embedded')).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(/^sources\/brief\.md:18:1: warning .*there is no file sources\/maps\/crossing\.png; put the image there/),
      expect.stringMatching(/^sources\/brief\.md:20:1: warning .*images from the web are not fetched \("https:\/\/example\.org\/satellite\.png"\)/),
      expect.stringMatching(/^sources\/brief\.md:22:1: warning .*sources\/damaged\.png is damaged/),
      expect.stringMatching(/^sources\/brief\.md:24:1: warning .*"\.\.\/\.\.\/outside\.png" leads out of the brief root, which is never read/),
      expect.stringMatching(/^sources\/brief\.md:26:1: warning .*sources\/linked\.png leads outside the brief root \(a link\); it was not read/),
    ]);
    expect(result.outputs.map((o) => o.name)).toContain('brief.pdf');
  });

  it('embeds the PNG and the JPEG in the HTML as data URLs, and links to the others', async () => {
    const html = output('brief.html') as string;
    const images = [...html.matchAll(/<img [^>]*>/g)].map(([tag]) => tag);
    // The map once (summary); the photograph in the event and again under Human rights.
    expect(images).toHaveLength(3);
    expect(images[0]).toContain(`src="data:image/png;base64,${(await png()).toString('base64')}"`);
    expect(images[0]).toContain('alt="Sketch map of the border crossing"');
    expect(images[1]).toContain(`src="data:image/jpeg;base64,${(await jpeg()).toString('base64')}"`);
    expect(html).toContain('class="image-link">A satellite view</a>');
    expect(html).toContain('class="image-link">Not drawn yet</a>');
    expect(html).toMatch(/img-src data:;/);
  });

  it('keeps brief.json to the image’s path, not its bytes', () => {
    const json = output('brief.json') as string;
    expect(json).toContain('"path": "sources/border-map.png"');
    expect(json).not.toContain('iVBORw0KGgo');
  });

  it('draws each embedded image in the PDF as a figure with its description, stored once however often it is shown', async () => {
    const data = output('brief.pdf') as Uint8Array;
    const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const drawn: string[] = [];
    const figures: string[] = [];
    const walk = (node: { role?: string; alt?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role === 'Figure') figures.push(node.alt ?? '');
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const operators = await page.getOperatorList();
      operators.fnArray.forEach((fn, i) => {
        if (fn === OPS.paintImageXObject) drawn.push(String(operators.argsArray[i]![0]));
      });
      walk((await page.getStructTree()) as never);
    }
    await pdf.destroy();
    expect(drawn).toHaveLength(3);
    expect(figures).toEqual(['Sketch map of the border crossing', 'The agreement’s first page', 'The agreement’s first page']);
    // Pixel data is stored once per image: two image objects in the file.
    expect(Buffer.from(data).toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(2);

    const text = flat((await readPdf(data)).pages.join('\n'));
    // The text around an inline image stays, before and after it; the others print their description.
    expect(text).toContain('The first page of the agreement:');
    expect(text).toContain('It opens to trade first.');
    expect(text).toContain('[Image: A satellite view]');
    expect(text).not.toContain('[Image: Sketch map');
  });
});
