// A big brief's HTML is made in a worker thread while the PDF is drawn
// (src/render/html/apart.ts). The compiled CLI takes that path; a build run here,
// from the TypeScript sources, has no compiled worker and renders in this
// thread. Both must make the same page and tell a template's error the same way.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticBrief } from '../bench/synthetic.js';
import { buildBrief } from '../src/build.js';
import { formatDiagnostic } from '../src/diagnostics/report.js';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';

const EPOCH = '1750000000';
let root: string;

beforeAll(async () => {
  root = await tempRoot();
  // 1,000 citations: the size from which the HTML is made apart.
  await writeSyntheticBrief(root, { events: 500, documents: 40, documentBytes: 2_000, quotesPerEvent: 2 });
  // And an image, which the page embeds: the worker's copy of the model must show it too.
  await copyFile(path.join(repoRoot, 'test', 'fixtures', 'images', 'sources', 'border-map.png'), path.join(root, 'sources', 'border-map.png'));
  const file = path.join(root, 'sources', 'brief.md');
  const markdown = await readFile(file, 'utf8');
  await writeFile(file, markdown.replace('\n# Chronology\n', '\n![Sketch map of the border](border-map.png)\n\n# Chronology\n'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the HTML of a big brief, made in a worker thread', () => {
  it('is the page this thread makes, and so are the JSON outputs made with it', async () => {
    expect(existsSync(path.join(repoRoot, 'dist', 'src', 'render', 'html', 'worker.js'))).toBe(true);
    const run = brief(['build', root], { env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(run.status, run.stderr).toBe(0);
    const here = await buildBrief(root, { formats: ['html', 'pdf', 'json', 'timeline'], date: new Date(Number(EPOCH) * 1000) });
    expect(here.brief?.citations.length).toBeGreaterThanOrEqual(1_000);
    expect(here.outputs.map((output) => output.name)).toEqual(['brief.html', 'brief.pdf', 'brief.json', 'timeline.json', 'changes.json']);
    const made = (name: string) => here.outputs.find((output) => output.name === name)?.data;
    const page = made('brief.html');
    expect(page).toContain('Event 500');
    expect(page).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Sketch map of the border"/);
    expect(await readFile(path.join(root, 'out', 'brief.html'), 'utf8')).toBe(page);
    expect(made('brief.json')).toContain('"value": "Event 500:');
    expect(made('timeline.json')).toContain('Event 500');
    for (const name of ['brief.json', 'timeline.json']) expect(await readFile(path.join(root, 'out', name), 'utf8'), name).toBe(made(name));
  });

  it("tells of an error in the brief's own template as this thread does, and leaves the outputs alone", async () => {
    const before = await readFile(path.join(root, 'out', 'brief.html'), 'utf8');
    const partials = path.join(root, 'templates', 'partials');
    await mkdir(partials, { recursive: true });
    await writeFile(path.join(partials, 'event.hbs'), '<article>\n  {{#if event.place}}\n  <p>{{event.place}</p>\n</article>\n');
    try {
      const run = brief(['build', root, '--format', 'html,pdf']);
      expect(run.status).toBe(1);
      const here = await buildBrief(root, { formats: ['html', 'pdf'] });
      const told = here.diagnostics.filter((d) => d.ruleId === 'bad-template');
      expect(told).toHaveLength(1);
      expect(here.outputs).toEqual([]);
      expect(run.stderr).toContain(formatDiagnostic(told[0]!));
      expect(await readFile(path.join(root, 'out', 'brief.html'), 'utf8')).toBe(before);
    } finally {
      await rm(path.join(root, 'templates'), { recursive: true, force: true });
    }
  });
});
