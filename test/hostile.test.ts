// Hostile input: markdown nested ten thousand levels deep, a 10 MB line, thousands
// of citations in one paragraph, a storm of `[`. Each runs `brief check` through
// the compiled CLI with a small heap, so a build that needed unbounded memory
// would crash, and with a time limit, so one that needed unbounded time would be
// stopped; where a limit of the format is hit, the diagnostic must say so.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../src/documents/read.js';
import { MAX_NESTING, MAX_PARAGRAPH_BRACKETS, MAX_PARAGRAPH_CHARS } from '../src/parse/limits.js';
import { parseBriefFile } from '../src/parse/file.js';
import { repoRoot } from './helpers/cli.js';

const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');
/** Heap for one `brief check`: a few times what the largest case needs, far below what unbounded growth would take. */
const HEAP_MB = 384;
/** Far above what any case takes here (0.3–2.5 s), far below what unbounded growth would take. */
const TIME_LIMIT_MS = 10_000;

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const DOCUMENT = 'Russia became the first country to recognise the Taliban government. The ministry accepted the credentials of the new ambassador.\n';

async function root(brief: string, documents: Record<string, string> = { report: DOCUMENT }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-hostile-'));
  roots.push(dir);
  await mkdir(path.join(dir, 'sources', 'documents'), { recursive: true });
  await writeFile(path.join(dir, 'sources', 'brief.md'), brief);
  for (const [id, text] of Object.entries(documents)) await writeFile(path.join(dir, 'sources', 'documents', `${id}.txt`), text);
  return dir;
}

interface Checked {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  milliseconds: number;
  diagnostics: string[];
}

function check(dir: string, command: string[] = ['check']): Checked {
  const start = performance.now();
  const run = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, ...command, dir], {
    encoding: 'utf8',
    timeout: TIME_LIMIT_MS * 3,
    maxBuffer: 64 * 1024 * 1024,
  });
  const milliseconds = performance.now() - start;
  return {
    status: run.status,
    signal: run.signal,
    stderr: run.stderr,
    milliseconds,
    diagnostics: run.stderr.split('\n').filter((line) => /^\S+:\d+:\d+: (error|warning): /.test(line)),
  };
}

/** Finished within the time limit, without running out of memory or an internal error. */
function expectBounded(run: Checked): void {
  expect(run.signal, `killed after ${run.milliseconds.toFixed(0)} ms`).toBeNull();
  expect(run.stderr).not.toMatch(/internal error|heap out of memory|Maximum call stack/);
  expect(run.milliseconds).toBeLessThan(TIME_LIMIT_MS);
  expect([0, 1]).toContain(run.status);
}

const FRONT = '---\ntitle: Hostile\n---\n\n';
const EVENT = '## 2025-07-03 — Recognition\n\nThe ministry [@report, "accepted the credentials"].\n\n';

describe('deeply nested markdown', () => {
  it.each([
    ['10,000 block quote markers', '>'.repeat(10_000) + ' deep'],
    ['10,000 list markers on one line', '- '.repeat(10_000) + 'deep'],
    ['1,500 list levels by indentation', Array.from({ length: 1_500 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')],
    ['10,000 mixed quote and list markers', '> - '.repeat(5_000) + 'deep'],
  ])('%s: refused with too-deep, at its line', async (_, nested) => {
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Nested\n\n${nested}\n\nAnd [@report, "Russia became the first country"].\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(new RegExp(`^sources/brief\\.md:\\d+:1: error: .*nested .* at most ${MAX_NESTING} levels.*\\[too-deep\\]$`)));
  });

  const nestedInline = (levels: number) => {
    let open = '';
    let close = '';
    for (let i = 0; i < levels; i++) {
      const mark = ['*', '_', '[', '~~'][i % 4]!;
      open += `${mark}a `;
      close = ` b${mark === '[' ? '](https://example.org)' : mark}${close}`;
    }
    return `${open}x${close}`;
  };

  it('2,000 nested emphasis, links and strikethrough: refused with too-deep', async () => {
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Emphasis\n\n${nestedInline(2_000)}\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(/^sources\/brief\.md:11:\d+: error: markdown nested more than 100 levels deep.*\[too-deep\]$/));
  });

  it('10,000 nested emphasis: refused with too-large before it is parsed', async () => {
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Emphasis\n\n${nestedInline(10_000)}\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(/^sources\/brief\.md:11:1: error: a paragraph (of|with) more than .*\[too-large\]$/));
  });

  it.each([
    ['>', '>'.repeat(MAX_NESTING)],
    ['> with a space after each', '> '.repeat(MAX_NESTING)],
    ['- with a space after each', '- '.repeat(MAX_NESTING)],
  ])('100 levels, the limit, are read: %s', (_, markers) => {
    const parsed = parseBriefFile('sources/brief.md', `${FRONT}## 2025-07-03 — Quoted\n\n${markers} [@report, "deep"]\n`, 'brief', { next: 0 });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.citations.map((c) => c.quote)).toEqual(['deep']);
  });

  it('101 levels are counted as such', () => {
    const parsed = parseBriefFile('sources/brief.md', `${FRONT}## 2025-07-03 — Quoted\n\n${'> '.repeat(MAX_NESTING + 1)} [@report, "deep"]\n`, 'brief', { next: 0 });
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^block quotes or lists nested 101 levels deep/)]);
  });
});

describe('a 10 MB single line', () => {
  it('in brief.md: refused with too-large at the paragraph, the rest still checked', async () => {
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Long\n\n${'word '.repeat(2_000_000)}\n\n## 2025-07-05 — After\n\n[@report, "not in the report"]\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics.filter((line) => line.includes(': error: '))).toEqual([
      `sources/brief.md:11:1: error: a paragraph of more than ${MAX_PARAGRAPH_CHARS.toLocaleString('en-US')} characters; split it with blank lines (this part is left out) [too-large]`,
      expect.stringMatching(/^sources\/brief\.md:15:12: error: quote not found .*\[quote-not-found\]$/),
    ]);
  });

  it('in a document: refused with too-large, before it is read', async () => {
    const run = check(await root(`${FRONT}${EVENT}`, { report: DOCUMENT, long: 'word '.repeat(2_000_000) }));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics.filter((line) => line.includes(': error: '))).toEqual([
      expect.stringMatching(/^sources\/documents\/long\.txt:1:1: error: sources\/documents\/long\.txt is 9\.5 MB \(10,000,000 bytes\); a document may be at most 5 MB .*\[too-large\]$/),
    ]);
  });

  it('in a document just under the limit: quotes found, and the closest passage of a wrong one, in bounded time', async () => {
    const words = Array.from({ length: Math.floor(MAX_DOCUMENT_BYTES / 6) }, (_, i) => `w${i.toString(36)}`).join(' ');
    const document = `${words.slice(0, MAX_DOCUMENT_BYTES - 200)} the envoy presented credentials on Thursday`;
    const quotes = Array.from({ length: 200 }, (_, i) => {
      const at = document.indexOf(' ', Math.floor((document.length * i) / 200)) + 1;
      return `[@long, "${document.slice(at, document.indexOf(' ', at + 40))}"]`;
    });
    const brief = `${FRONT}## 2025-07-03 — Long\n\n${quotes.join(' ')}\n\nWrong: [@long, "the envoy presented his credentials on Thursday"].\n`;
    const run = check(await root(brief, { long: document }));
    expectBounded(run);
    expect(run.diagnostics).toEqual([
      expect.stringMatching(/error: quote not found in sources\/documents\/long\.txt: .*closest passage \(line 1\): "the envoy presented credentials on Thursday".*\[quote-not-found\]$/),
      expect.stringMatching(/warning: .*\[missing-metadata\]$/),
    ]);
  });
});

describe('thousands of citations in one paragraph', () => {
  it('2,400 quoted citations (just under 100,000 characters) are all checked', async () => {
    const citations = Array.from({ length: 2_400 }, (_, i) => (i % 2 ? '[@report, "accepted the credentials"]' : '[@report, "the first country"]'));
    expect(citations.join(' ').length).toBeLessThan(MAX_PARAGRAPH_CHARS);
    const run = check(await root(`${FRONT}## 2025-07-03 — Many\n\n${citations.join(' ')}\n`));
    expectBounded(run);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/2400 of 2400 quotes verified/);
  });

  it(`${(MAX_PARAGRAPH_BRACKETS - 1).toLocaleString('en-US')} short citations are all checked`, async () => {
    const run = check(await root(`${FRONT}## 2025-07-03 — Many\n\n${'[@report] '.repeat(MAX_PARAGRAPH_BRACKETS - 1)}\n`));
    expectBounded(run);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`${MAX_PARAGRAPH_BRACKETS - 1} citations`));
  });

  it('past the limit: refused with too-large', async () => {
    const citations = Array.from({ length: 20_000 }, () => '[@report]');
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Too many\n\n${citations.join(' ')}\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(/^sources\/brief\.md:11:1: error: a paragraph (of|with) more than .*\[too-large\]$/));
  });
});

describe('a storm of [', () => {
  it.each([
    ['100,000 [', '['.repeat(100_000)],
    ['30,000 [@a', '[@a '.repeat(30_000)],
    ['30,000 [a]', '[a] '.repeat(30_000)],
    ['30,000 unclosed quotes', '[@report, "'.repeat(30_000)],
  ])('%s in one paragraph: refused with too-large', async (_, storm) => {
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Storm\n\n${storm}\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(/^sources\/brief\.md:11:1: error: a paragraph .*\[too-large\]$/));
  });

  it('99,000 ] in a paragraph of a file with a footnote: refused with too-large, not read for minutes', async () => {
    const run = check(await root(`${FRONT}## 2025-07-03 — Noted\n\nA note[^1] [@report, "accepted the credentials"].\n\n${']'.repeat(99_000)}\n\n[^1]: The note.\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics).toContainEqual(expect.stringMatching(/^sources\/brief\.md:9:1: error: a paragraph with more than 5,000 `\[` or `\]` .*\[too-large\]$/));
  });

  it('4,999 [ spread over a paragraph are read', async () => {
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Brackets\n\n${'[@a x '.repeat(MAX_PARAGRAPH_BRACKETS - 1)}\n`));
    expectBounded(run);
    expect(run.status).toBe(0);
  });

  it('the same storms spread over many paragraphs: each read, in bounded time', async () => {
    const paragraphs = Array.from({ length: 100 }, () => '[@a [b] *c* '.repeat(200)).join('\n\n');
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Storms\n\n${paragraphs}\n`));
    expectBounded(run);
    expect(run.status).toBe(0);
  });
});

describe('an event of annotations', () => {
  it('past 1,000,000 characters with its annotations: refused with too-large at its heading, the rest still checked', async () => {
    const tags = Array.from({ length: 600 }, (_, i) => `Tags: ${`tag-${i}-`.repeat(250)}`).join('\n');
    const run = check(await root(`${FRONT}${EVENT}## 2025-07-04 — Tagged\n${tags}\n\nText.\n\n## 2025-07-05 — After\n\nIt [@report, "not in the report"].\n`));
    expectBounded(run);
    expect(run.status).toBe(1);
    expect(run.diagnostics.filter((line) => line.includes(': error: '))).toEqual([
      expect.stringMatching(/^sources\/brief\.md:9:1: error: an event heading with annotations of more than 1,000,000 characters; .*\[too-large\]$/),
      expect.stringMatching(/^sources\/brief\.md:\d+:\d+: error: quote not found .*\[quote-not-found\]$/),
    ]);
  });
});

describe('a word longer than many lines', () => {
  it('of 60,000 characters, in a title and a paragraph, is cut across lines of the PDF in bounded memory', async () => {
    const word = 'Donaudampfschifffahrtsgesellschaft'.repeat(1800).slice(0, 60_000);
    const dir = await root(`${FRONT}## 2025-07-03 — ${word.slice(0, 20_000)}\n\nThe ministry ${word} [@report, "accepted the credentials"].\n`);
    const run = check(dir, ['build', '--format', 'pdf']);
    expectBounded(run);
    expect(run.status, run.stderr).toBe(0);
  });
});

describe('long runs that make regular expressions backtrack', () => {
  it.each([
    ['spaces inside a heading', `## 2025-07-04 — a${' '.repeat(200_000)}b #`],
    ['spaces inside an annotation', `## 2025-07-04 — Spaces\nPlace: a${' '.repeat(200_000)}b\n`],
  ])('%s', async (_, text) => {
    const run = check(await root(`${FRONT}${EVENT}${text}\n\nBody [@report, "accepted the credentials"].\n`));
    expectBounded(run);
  });
});
