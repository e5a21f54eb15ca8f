// out/brief.json against its JSON Schema, and out/timeline.json in TimelineJS's format.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';

let model: { events: Array<{ id: string; date: { start: { year: number } }; tags: string[]; titleText: string }> };
let modelText: string;
let timeline: { title: { text: { headline: string } }; events: Array<Record<string, unknown> & { start_date: { year: string }; text: { headline: string; text: string } }> };

beforeAll(async () => {
  const root = await tempRoot(repoRoot);
  const run = brief(['build', root, '--format', 'json,timeline']);
  if (run.status !== 0) throw new Error(run.stderr);
  modelText = await readFile(path.join(root, 'out', 'brief.json'), 'utf8');
  model = JSON.parse(modelText) as typeof model;
  timeline = JSON.parse(await readFile(path.join(root, 'out', 'timeline.json'), 'utf8')) as typeof timeline;
});

describe('brief.json', () => {
  it('matches the JSON Schema in schema/brief.schema.json', async () => {
    const schema = JSON.parse(await readFile(path.join(repoRoot, 'schema', 'brief.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(JSON.parse(modelText)), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema is strict enough to refuse a model with a field it does not know.
    expect(validate({ ...JSON.parse(modelText), surprise: true })).toBe(false);
  });
});

describe('timeline.json', () => {
  it('holds every event with its dates, text and group, in TimelineJS format', () => {
    expect(timeline.title.text.headline).toBe('Russia and the Taliban: from war to recognition');
    expect(timeline.events).toHaveLength(model.events.length);
    timeline.events.forEach((entry, i) => {
      const event = model.events[i]!;
      expect(entry['unique_id']).toBe(event.id);
      expect(entry.start_date.year).toBe(String(event.date.start.year));
      expect(entry['group']).toBe(event.tags[0]);
      expect(entry.text.headline).toBe(event.titleText.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      expect(entry.text.text).toMatch(/^<p>/);
      expect(entry.text.text).not.toMatch(/undefined|\[@/);
    });
  });
});
