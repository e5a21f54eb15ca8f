// Document metadata from documents.yaml (CSL-YAML) or documents.json (CSL-JSON, as Zotero exports it).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'csl-json');

describe('documents.json (CSL-JSON)', () => {
  it('describes the documents as documents.yaml would', async () => {
    const root = await tempRoot(fixture);
    const run = brief(['build', root, '--format', 'json,html']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/missing-metadata/);
    const model = JSON.parse(await readFile(path.join(root, 'out', 'brief.json'), 'utf8')) as { documents: Array<{ meta: Record<string, unknown> }> };
    expect(model.documents[0]?.meta).toEqual({
      title: 'Russia recognises the Taliban government',
      author: ['Amina Hassan'],
      containerTitle: 'Example Wire',
      issued: '3 July 2025',
      url: 'https://example.org/wire/russia-taliban',
    });
    expect(await readFile(path.join(root, 'out', 'brief.html'), 'utf8')).toContain('Example Wire');
  });

  it('reports broken JSON at its line', async () => {
    const root = await tempRoot(fixture);
    await writeFile(path.join(root, 'sources', 'documents.json'), '[\n  { "id": "report",\n    "title": "x" \n');
    const run = brief(['check', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sources\/documents\.json:\d+:\d+: error: documents\.json is not valid JSON: .*\[bad-documents-yaml\]$/m);
  });

  it('refuses a document described in both files', async () => {
    const root = await tempRoot(fixture);
    await writeFile(path.join(root, 'sources', 'documents.yaml'), '- id: report\n  title: Another title\n');
    const run = brief(['check', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sources\/documents\.json:2:3: error: "report" is described in both sources\/documents\.yaml and sources\/documents\.json; keep one \[duplicate-id\]$/m);
  });
});
