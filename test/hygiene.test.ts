// Source hygiene: repeated blocks and page furniture in captured articles, found but never removed.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFurniture } from '../src/documents/hygiene.js';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';

const seed = (id: string) => readFileSync(path.join(repoRoot, 'sources', 'documents', `${id}.txt`), 'utf8');

describe('findFurniture', () => {
  it('marks the second copy of a block the capture holds twice, not the first', () => {
    const text = seed('enemies-to-allies-2025');
    const repeated = findFurniture(text).filter((r) => r.kind === 'repeated');
    const sentence = 'Russia’s recognition of the Taliban government represents a dramatic historical U-turn.';
    const first = text.indexOf(sentence);
    const second = text.indexOf(sentence, first + 1);
    expect(second).toBeGreaterThan(first);
    expect(repeated.some((r) => r.start <= second && second < r.end)).toBe(true);
    expect(repeated.some((r) => r.start <= first && first < r.end)).toBe(false);
  });

  it('marks a "You may also like" link list and promotions as furniture', () => {
    const allies = seed('enemies-to-allies-2025');
    const furniture = findFurniture(allies).filter((r) => r.kind === 'furniture');
    const list = allies.indexOf('You may also like');
    expect(furniture.some((r) => r.start === list && allies.slice(r.start, r.end).includes('Axiom-4'))).toBe(true);
    const mishra = seed('mishra-2025');
    const marked = findFurniture(mishra).map((r) => mishra.slice(r.start, r.end)).join('\n');
    expect(marked).toContain('Opening Free Demat Account');
    expect(marked).toContain('Telegram Channel');
    expect(marked).not.toContain('Taliban');
  });

  it('leaves an ordinary article alone', () => {
    expect(findFurniture(seed('taliban-diplomatic-win-2025'))).toEqual([]);
  });
});

describe('a quote in furniture', () => {
  it('is a warning at the quote, and the stored text is unchanged', async () => {
    const root = await tempRoot(repoRoot);
    const md = path.join(root, 'sources', 'brief.md');
    const text = await readFile(md, 'utf8');
    await writeFile(md, text.replace('# Human rights', 'Markets were busy [@mishra-2025, "Apply in IPO by Opening Free Demat Account"].\n\n# Human rights'));
    const run = brief(['build', root, '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^sources\/brief\.md:\d+:\d+: warning: the quote lands in page furniture of sources\/documents\/mishra-2025\.txt.*\[quote-in-furniture\]$/m);
    expect(run.stderr.match(/quote-in-furniture/g)).toHaveLength(1);
    const model = JSON.parse(await readFile(path.join(root, 'out', 'brief.json'), 'utf8')) as { documents: Array<{ id: string; text: string }> };
    expect(model.documents.find((d) => d.id === 'mishra-2025')?.text).toBe(seed('mishra-2025'));
  });
});

describe('a quote found twice because its document repeats itself', () => {
  it('is explained as the repeat, not as words to add', () => {
    // The seed enemies-to-allies-2025 holds its article twice; the default brief quotes it 17 times.
    const run = brief(['check', repoRoot]);
    expect(run.status, run.stderr).toBe(0);
    const ambiguous = run.stderr.split('\n').filter((line) => line.endsWith('[ambiguous-quote]'));
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const line of ambiguous) {
      expect(line).toContain('in sources/documents/enemies-to-allies-2025.txt because the document repeats the block it stands in');
      expect(line).not.toContain('quote more words');
    }
  });

  it('still asks for more words when the words recur in the article itself', async () => {
    const root = await tempRoot(repoRoot);
    const md = path.join(root, 'sources', 'brief.md');
    const text = await readFile(md, 'utf8');
    await writeFile(md, text.replace('# Human rights', 'Kabul said so [@mishra-2025, "Taliban"].\n\n# Human rights'));
    const run = brief(['check', root]);
    expect(run.stderr).toMatch(/warning: the quote occurs \d+ times in sources\/documents\/mishra-2025\.txt; anchored to the first \(line \d+\); quote more words to point at one place \[ambiguous-quote\]/);
  });
});
