// The bad-input corpus: one folder per mistake a brief's author can make (or
// per odd file a source can arrive as), each run through the compiled CLI on a
// copy whose out/ already holds an earlier build. A case folder holds
// `sources/`, `expected.txt` (the exact diagnostic lines), `expected-exit`, and
// optionally `expected-anchors.json` (where quotes must be anchored in
// out/brief.json). `UPDATE=1 npx vitest run test/bad-input.test.ts` rewrites
// expected.txt; review the diff.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_BYTES, MAX_METADATA_BYTES } from '../src/documents/read.js';
import { brief, tempRoot } from './helpers/cli.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'bad-input');
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** What an earlier, good build left in out/; a build with errors must leave it byte for byte. */
const EARLIER: Record<string, string> = {
  'brief.html': '<!doctype html><title>earlier build</title>\n',
  'brief.pdf': '%PDF-1.7\n% earlier build\n',
  'brief.json': '{"earlier":true}\n',
};

/** Text of the file outside the brief root that links point at; it must never show up anywhere. */
const SECRET = 'SECRET-OUTSIDE-THE-ROOT';

/** A folder outside every brief root, for links to lead to. */
const outside = await mkdtemp(path.join(os.tmpdir(), 'brief-outside-'));
await writeFile(path.join(outside, 'secret.txt'), `${SECRET}\n`);
await writeFile(path.join(outside, 'brief.md'), `---\ntitle: ${SECRET}\n---\n`);
await mkdir(path.join(outside, 'documents'));
await writeFile(path.join(outside, 'documents', 'secret.txt'), `${SECRET}\n`);
// A named pipe with a writer waiting: a build that opened it would read the secret.
execFileSync('mkfifo', [path.join(outside, 'pipe.txt')]);
const pipeWriter = spawn('sh', ['-c', `printf '%s\\n' ${SECRET} > "$0"`, path.join(outside, 'pipe.txt')], { stdio: 'ignore' });
afterAll(async () => {
  pipeWriter.kill();
  await rm(outside, { recursive: true, force: true });
});

const words = (bytes: number) => 'lorem ipsum dolor sit amet '.repeat(Math.ceil(bytes / 27)).slice(0, bytes);

/** What a fixture folder cannot hold (links, folders, large files) is made here, per case. */
const setups: Record<string, (root: string) => Promise<void>> = {
  'document-too-large': (root) => writeFile(path.join(root, 'sources/documents/huge.txt'), words(MAX_DOCUMENT_BYTES + 1)),
  'documents-yaml-too-large': (root) => writeFile(path.join(root, 'sources/documents.yaml'), `# ${words(MAX_METADATA_BYTES)}\n- id: report\n  title: Report\n`),
  'documents-too-large-in-all': async (root) => {
    const size = Math.floor(MAX_DOCUMENT_BYTES * 0.9);
    for (let n = 1; n * size <= MAX_DOCUMENTS_BYTES + size; n++) await writeFile(path.join(root, `sources/documents/part-${n}.txt`), words(size));
  },
  'document-is-a-folder': (root) => mkdir(path.join(root, 'sources/documents/folder.txt')),
  // A file named on macOS keeps its accents decomposed (e + U+0301); the brief cites it as typed, composed.
  'document-named-with-decomposed-accents': (root) => writeFile(path.join(root, 'sources/documents/cafe\u0301-report.txt'), 'The envoy met the minister at the café.\n'),
  // Opening a named pipe for reading waits for a writer: the build must refuse it, not hang.
  'document-is-a-pipe': async (root) => {
    execFileSync('mkfifo', [path.join(root, 'sources/documents/pipe.txt')]);
  },
  'document-link-to-nothing': (root) => symlink(path.join(root, 'nowhere.txt'), path.join(root, 'sources/documents/gone.txt')),
  'document-link-outside-root': (root) => symlink(path.join(outside, 'secret.txt'), path.join(root, 'sources/documents/secret.txt')),
  'document-link-to-pipe-outside-root': (root) => symlink(path.join(outside, 'pipe.txt'), path.join(root, 'sources/documents/pipe.txt')),
  'documents-folder-link-outside-root': (root) => symlink(path.join(outside, 'documents'), path.join(root, 'sources/documents')),
  'documents-yaml-link-outside-root': (root) => symlink(path.join(outside, 'secret.txt'), path.join(root, 'sources/documents.yaml')),
  'brief-link-outside-root': (root) => symlink(path.join(outside, 'brief.md'), path.join(root, 'sources/brief.md')),
  'events-file-link-outside-root': (root) => symlink(path.join(outside, 'brief.md'), path.join(root, 'sources/events/secret.md')),
  'template-link-outside-root': async (root) => {
    await mkdir(path.join(root, 'templates'));
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'templates/page.hbs'));
  },
  'templates-folder-link-outside-root': (root) => symlink(path.join(outside, 'documents'), path.join(root, 'templates')),
  'lock-link-outside-root': (root) => symlink(path.join(outside, 'secret.txt'), path.join(root, 'brief.lock.json')),
  // Before the lock was read like the other files, this put the secret into the JSON error of a bad-lock warning.
  'lock-link-to-pipe-outside-root': (root) => symlink(path.join(outside, 'pipe.txt'), path.join(root, 'brief.lock.json')),
};

/** Cases waiting for a change in src/build.ts, which reads brief.md and sources/events/*.md without the root check. */
const PENDING = new Set<string>();

const DIAGNOSTIC_LINE = /^.+?:\d+:\d+: (error|warning): /;

interface ExpectedAnchor {
  documentId: string;
  quote: string;
  line: number;
  column: number;
  exact: string;
}

describe('bad input', () => {
  it('every setup belongs to a case', () => {
    for (const name of Object.keys(setups)) expect(cases).toContain(name);
  });

  for (const name of cases) {
    const test = PENDING.has(name) ? it.fails : it;
    test(name, async () => {
      const folder = path.join(fixtures, name);
      const root = await tempRoot(folder);
      await setups[name]?.(root);
      const out = path.join(root, 'out');
      await mkdir(out);
      for (const [file, data] of Object.entries(EARLIER)) await writeFile(path.join(out, file), data);

      const run = brief(['build', root]);
      const printed = run.stderr
        .split('\n')
        .filter((line) => DIAGNOSTIC_LINE.test(line))
        .map((line) => `${line}\n`)
        .join('');
      const expectedFile = path.join(folder, 'expected.txt');
      if (process.env['UPDATE'] === '1' && !PENDING.has(name)) writeFileSync(expectedFile, printed);
      expect(printed).toBe(readFileSync(expectedFile, 'utf8'));
      const exit = Number(readFileSync(path.join(folder, 'expected-exit'), 'utf8').trim());
      expect(run.status, run.stderr).toBe(exit);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.stderr).not.toContain(SECRET);
      // Nothing outside the root is written either (a lock that was a link is replaced, not written through).
      expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);

      if (exit !== 0) {
        for (const [file, data] of Object.entries(EARLIER)) expect(await readFile(path.join(out, file), 'utf8')).toBe(data);
        expect(readdirSync(out).sort()).toEqual(Object.keys(EARLIER).sort());
        return;
      }
      const json = await readFile(path.join(out, 'brief.json'), 'utf8');
      expect(json).not.toBe(EARLIER['brief.json']);
      expect(json).not.toContain(SECRET);
      const anchorsFile = path.join(folder, 'expected-anchors.json');
      let expectedAnchors: ExpectedAnchor[] | undefined;
      try {
        expectedAnchors = JSON.parse(readFileSync(anchorsFile, 'utf8')) as ExpectedAnchor[];
      } catch {
        return;
      }
      const model = JSON.parse(json) as { citations: Array<{ documentId: string; quote?: string; anchor?: ExpectedAnchor }> };
      const anchors = model.citations
        .filter((citation) => citation.quote !== undefined)
        .map((citation) => ({
          documentId: citation.documentId,
          quote: citation.quote,
          line: citation.anchor?.line,
          column: citation.anchor?.column,
          exact: citation.anchor?.exact,
        }));
      expect(anchors).toEqual(expectedAnchors);
    });
  }
});
