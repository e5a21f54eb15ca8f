// brief.lock.json through the CLI: first build, unchanged rebuild, reworded,
// deleted and renamed sources, --strict, --accept, and watch mode.
import { spawn } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDocuments, summarizeChanges } from '../src/lock/changes.js';
import type { Lock } from '../src/lock/lock.js';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'diagnostics', 'missing-citation');
const read = (root: string, file: string) => readFile(path.join(root, file), 'utf8');
const edit = async (root: string, file: string, from: string, to: string) => {
  const text = await read(root, file);
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  await writeFile(path.join(root, file), text.replace(from, to));
};
const DOCUMENT = 'sources/documents/report.txt';

describe('brief.lock.json', () => {
  it('is written on the first build, with sorted keys, and read on the next', async () => {
    const root = await tempRoot(fixture);
    const first = brief(['build', root]);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/no lock yet: a build without errors records 1 quote in it/);
    const text = await read(root, 'brief.lock.json');
    const lock = JSON.parse(text) as Lock;
    expect(lock.documents['report']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(lock.quotes['report']?.['accepted the credentials']).toMatchObject({ exact: 'accepted the credentials', line: 1 });
    expect(Object.keys(lock.quotes['report']!['accepted the credentials']!)).toEqual(['end', 'exact', 'line', 'prefix', 'start', 'suffix']);
    const second = brief(['build', root]);
    expect(second.stderr).toMatch(/no document changed; every quote stands where it was/);
    expect(await read(root, 'brief.lock.json')).toBe(text);
  });

  it('reports a reworded source as a changed quote, an error under --strict, taken in by --accept', async () => {
    const root = await tempRoot(fixture);
    const first = brief(['build', root]);
    expect(first.status).toBe(0);
    const quotes = Number(/(\d+) of \1 quotes? verified/.exec(first.stderr)?.[1]);
    expect(quotes).toBeGreaterThan(0);
    const verified = (found: number) => new RegExp(`${found} of ${quotes} quotes? verified`);
    const html = await read(root, 'out/brief.html');
    await edit(root, DOCUMENT, 'accepted the credentials', 'received the credentials');

    const strict = brief(['build', root, '--strict']);
    expect(strict.status).toBe(1);
    expect(await read(root, 'out/brief.html')).toBe(html);

    const run = brief(['build', root]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^sources\/brief\.md:7:44: warning: the source's wording changed: the brief quotes "accepted the credentials" but sources\/documents\/report\.txt line 1 now reads "received the credentials".*\[quote-changed\]$/m,
    );
    expect(run.stderr).toMatch(/1 document changed \(report\); 1 citation changed/);
    // The brief's words are no longer in the source: not verified, in the outputs either, until a person accepts them.
    expect(run.stderr).toMatch(verified(quotes - 1));
    expect(await read(root, 'out/brief.html')).toMatch(new RegExp(`${quotes - 1} of ${quotes} quotes? found verbatim`));
    const changes = JSON.parse(await read(root, 'out/changes.json')) as { citations: Array<{ status: string; previous: { exact: string }; current: { exact: string } }> };
    expect(changes.citations[0]).toMatchObject({ status: 'changed', previous: { exact: 'accepted the credentials' } });
    // Until a person accepts it, the lock keeps the wording that was verified.
    expect((JSON.parse(await read(root, 'brief.lock.json')) as Lock).quotes['report']?.['accepted the credentials']?.exact).toBe('accepted the credentials');

    // Under --strict too: a person has checked the quote.
    const accepting = brief(['build', root, '--accept', '--strict']);
    expect(accepting.status).toBe(0);
    expect(accepting.stderr).toMatch(/now reads "received the credentials"; accepted \(--accept\): brief\.lock\.json now records the source's wording, which the outputs show \[quote-changed\]$/m);
    expect(accepting.stderr).toMatch(verified(quotes));
    const accepted = (JSON.parse(await read(root, 'brief.lock.json')) as Lock).quotes['report']?.['accepted the credentials'];
    expect(accepted).toMatchObject({ accepted: true });
    expect(accepted?.exact).toBe('received the credentials');
    const after = brief(['build', root, '--strict']);
    expect(after.status).toBe(0);
    expect(after.stderr).not.toMatch(/quote-changed/);
    expect(after.stderr).toMatch(verified(quotes));
  });

  it('fails the build when a quote was deleted from its source, leaving outputs as they were', async () => {
    const root = await tempRoot(fixture);
    expect(brief(['build', root]).status).toBe(0);
    const pdf = await readFile(path.join(root, 'out/brief.pdf'));
    const lock = await read(root, 'brief.lock.json');
    await edit(root, DOCUMENT, 'The foreign ministry accepted the credentials of Gul Hassan Hassan,\nthe new ambassador.', 'The ambassador arrived.');
    const run = brief(['build', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sources\/brief\.md:7:44: error: the quote no longer stands in sources\/documents\/report\.txt.*it read "accepted the credentials" at line 1.*\[quote-broken\]$/m);
    expect(run.stderr).toMatch(/1 document changed \(report\); 1 citation broken/);
    expect(Buffer.compare(await readFile(path.join(root, 'out/brief.pdf')), pdf)).toBe(0);
    expect(await read(root, 'brief.lock.json')).toBe(lock);
  });

  it('says where a renamed document went when the brief still cites its old name', async () => {
    const root = await tempRoot(fixture);
    expect(brief(['build', root]).status).toBe(0);
    await rename(path.join(root, DOCUMENT), path.join(root, 'sources/documents/credentials-2025.txt'));
    const run = brief(['build', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^sources\/brief\.md:7:\d+: error: unknown document "report": there is no sources\/documents\/report\.txt or \.md; the same text is now sources\/documents\/credentials-2025\.txt: cite it as @credentials-2025, or give the file its old name back \[unknown-document\]$/m,
    );
    // Its quote could not be looked for: the summary does not say it stands where it was.
    expect(run.stderr).toMatch(/since the lock: 1 document renamed \(report → credentials-2025\); 1 quote not checked$/m);
  });

  it('that is JSON of another layout is a bad-lock warning, never an internal error', async () => {
    const root = await tempRoot(fixture);
    for (const lock of [
      '{"version":1,"documents":null,"quotes":{}}',
      '{"version":1,"documents":{},"quotes":null}',
      '{"version":1,"documents":{"report":null},"quotes":{}}',
      '{"version":1,"documents":{},"quotes":{"report":{"accepted the credentials":{}}}}',
      '{"version":1,"documents":{},"quotes":{"report":[]}}',
      '{"version":1,"documents":{},"quotes":{"report":{"q":{"exact":"q","prefix":"","suffix":"","start":0,"end":1e308,"line":1}}}}',
      '{"version":1,"documents":{},"quotes":{"report":{"q":{"exact":"q","prefix":"","suffix":"","start":0,"end":1,"line":0}}}}',
      '{"version":1,"documents":{},"quotes":{"report":{"q":{"exact":"","prefix":"","suffix":"","start":0,"end":1,"line":1}}}}',
      '[]',
    ]) {
      await writeFile(path.join(root, 'brief.lock.json'), lock);
      const run = brief(['check', root]);
      expect(run.status, `${lock}: ${run.stderr}`).toBe(0);
      expect(run.stderr).toMatch(/^brief\.lock\.json:1:1: warning: brief\.lock\.json cannot be read \(it does not have the layout of a lock\);.*\[bad-lock\]$/m);
    }
  });

  it('keeps documents and quotes whose names every JavaScript object has (constructor, __proto__)', async () => {
    const root = await tempRoot(fixture);
    await rename(path.join(root, DOCUMENT), path.join(root, 'sources/documents/constructor.txt'));
    await writeFile(path.join(root, 'sources/documents/constructor.txt'), 'The constructor said hello; toString was called; __proto__ was set.\n');
    await writeFile(
      path.join(root, 'sources/brief.md'),
      '---\ntitle: T\n---\n\n## 2025-07-03 — A\n\nA [@constructor, "constructor"] and [@constructor, "toString"] and [@constructor, "\\_\\_proto\\_\\_"].\n',
    );
    const first = brief(['build', root, '--format', 'json']);
    expect(first.status, first.stderr).toBe(0);
    const lock = JSON.parse(await read(root, 'brief.lock.json')) as Lock;
    expect(Object.keys(lock.documents)).toEqual(['constructor']);
    expect(Object.keys(lock.quotes['constructor']!)).toEqual(['__proto__', 'constructor', 'toString']);
    await edit(root, 'sources/documents/constructor.txt', 'The constructor', 'A constructor');
    const run = brief(['check', root]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/since the lock: 1 document changed \(constructor\)/);
    expect(run.stderr).not.toMatch(/internal error|broken/);
  });

  it('names the documents that changed, up to three of each kind', () => {
    const documents = [
      ...['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, status: 'changed' as const })),
      { id: 'new', status: 'added' as const },
      { id: 'same', status: 'unchanged' as const },
      { id: 'now', status: 'renamed' as const, from: 'before' },
    ];
    expect(summarizeChanges({ hadLock: true, documents, citations: [] })).toBe(
      '5 documents changed (a, b, c, 2 more), 1 added (new), 1 renamed (before → now); every quote stands where it was',
    );
    expect(summarizeChanges({ hadLock: true, documents: [], citations: [] }, 2)).toBe('no document changed; 2 quotes not checked');
    // A quote the lock never held that is not found is new, not broken.
    const citation = { id: 'c1', document: 'a', quote: 'q', file: 'sources/brief.md', line: 1, column: 1 };
    const previous = { exact: 'q', start: 0, end: 1, line: 1 };
    expect(summarizeChanges({ hadLock: true, documents: [], citations: [{ ...citation, status: 'broken', previous }, { ...citation, status: 'broken' }] })).toBe(
      'no document changed; 1 citation broken, 1 new, not found',
    );
  });

  it('tells added, changed, removed and renamed documents apart by content', () => {
    const doc = (id: string, sha256: string) => [id, { id, file: `${id}.txt`, text: '', sha256, size: 0 }] as const;
    const lock: Lock = {
      version: 1,
      documents: { same: { file: '', sha256: 'a', size: 0 }, edited: { file: '', sha256: 'b', size: 0 }, gone: { file: '', sha256: 'c', size: 0 }, old: { file: '', sha256: 'd', size: 0 } },
      quotes: {},
    };
    const now = new Map([doc('same', 'a'), doc('edited', 'B'), doc('new', 'e'), doc('renamed', 'd')]);
    expect(compareDocuments(lock, now).map((d) => [d.id, d.status, d.from])).toEqual([
      ['edited', 'changed', undefined],
      ['gone', 'removed', undefined],
      ['new', 'added', undefined],
      ['renamed', 'renamed', 'old'],
      ['same', 'unchanged', undefined],
    ]);
  });
});

describe('brief build --watch', () => {
  it('rebuilds after an edit, keeps the last good outputs after a bad one, and stops on SIGINT', async () => {
    const root = await tempRoot(fixture);
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/src/cli/bin.js'), 'build', root, '--watch', '--format', 'html,json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    // `touch`, when given, saves the file again once if no rebuild came: on a loaded machine a
    // file-system event is now and then lost, as an editor's second save shows a user.
    const waitFor = async (pattern: RegExp, after: number, touch?: string) => {
      let touched = false;
      for (const started = Date.now(); !pattern.test(stderr.slice(after)); ) {
        if (touch && !touched && Date.now() - started > 10_000) {
          touched = true;
          await writeFile(path.join(root, touch), await read(root, touch));
        }
        if (Date.now() - started > 45_000) throw new Error(`timed out waiting for ${pattern}; stderr:\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    try {
      await waitFor(/watching/, 0);
      await edit(root, 'sources/brief.md', 'Nothing backs this.', 'Nothing backs this, still.');
      let mark = stderr.length;
      await waitFor(/rebuilt in \d+ ms\n/, mark, 'sources/brief.md');
      expect(await read(root, 'out/brief.html')).toContain('Nothing backs this, still.');

      mark = stderr.length;
      await edit(root, DOCUMENT, 'accepted the credentials', 'took the papers');
      await waitFor(/rebuilt in \d+ ms with errors/, mark, DOCUMENT);
      expect(stderr.slice(mark)).toMatch(/\[quote-broken\]/);
      expect(await read(root, 'out/brief.html')).toContain('Nothing backs this, still.');

      mark = stderr.length;
      await edit(root, DOCUMENT, 'took the papers', 'accepted the credentials');
      await waitFor(/rebuilt in \d+ ms\n/, mark, DOCUMENT);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 150_000);
});
