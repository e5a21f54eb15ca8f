// The command line contract: exit codes, what is written and what is left alone.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, repoRoot, tempRoot } from './helpers/cli.js';

const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'diagnostics', name);

describe('brief check', () => {
  it('exits 1 with file:line:column diagnostics on errors and writes nothing', async () => {
    const root = await tempRoot(fixture('quote-not-found'));
    const run = brief(['check', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^sources\/brief\.md:8:12: error: quote not found .*\[quote-not-found\]$/m);
  });

  it('exits 0 on warnings', () => {
    const run = brief(['check', fixture('missing-citation')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: .*\[missing-citation\]/);
  });
});

describe('brief build', () => {
  it('leaves earlier outputs untouched when the brief has errors', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    expect(brief(['build', root]).status).toBe(0);
    const before = await Promise.all(['brief.html', 'brief.pdf', 'brief.json'].map((f) => readFile(path.join(root, 'out', f))));
    const md = path.join(root, 'sources', 'brief.md');
    await writeFile(md, (await readFile(md, 'utf8')).replace('accepted the credentials', 'accepted the papers'));
    const run = brief(['build', root]);
    expect(run.status).toBe(1);
    const after = await Promise.all(['brief.html', 'brief.pdf', 'brief.json'].map((f) => readFile(path.join(root, 'out', f))));
    after.forEach((data, i) => expect(Buffer.compare(data, before[i]!)).toBe(0));
  });

  it('writes only the formats asked for', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    const out = path.join(root, 'elsewhere');
    expect(brief(['build', root, '--out', out, '--format', 'json']).status).toBe(0);
    const model = JSON.parse(await readFile(path.join(out, 'brief.json'), 'utf8')) as { events: unknown[] };
    expect(model.events).toHaveLength(2);
    await expect(readFile(path.join(out, 'brief.html'))).rejects.toThrow();
  });

  it('writes an archival PDF with the documents and the lock attached on --pdf-standard', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    expect(brief(['build', root, '--format', 'pdf', '--pdf-standard', 'PDF/A-3b']).status).toBe(0);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await getDocument({ data: new Uint8Array(await readFile(path.join(root, 'out', 'brief.pdf'))) }).promise;
    const attachments = (await pdf.getAttachments()) as Record<string, { filename: string; content: Uint8Array }>;
    const files = Object.values(attachments).map((a) => a.filename).sort();
    expect(files).toEqual(['brief.lock.json', 'report.txt']);
    const lock = Object.values(attachments).find((a) => a.filename === 'brief.lock.json')!;
    expect(new TextDecoder().decode(lock.content)).toBe(await readFile(path.join(root, 'brief.lock.json'), 'utf8'));
    expect((await pdf.getMetadata()).metadata?.get('pdfaid:part')).toBe('3');
    await pdf.destroy();
  });

  it('adds the claims review table to both outputs with review: true', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    const md = path.join(root, 'sources', 'brief.md');
    await writeFile(md, (await readFile(md, 'utf8')).replace('title: Test brief', 'title: Test brief\nreview: true'));
    const run = brief(['build', root, '--format', 'html,pdf']);
    expect(run.status, run.stderr).toBe(0);
    const html = await readFile(path.join(root, 'out', 'brief.html'), 'utf8');
    expect(html).toMatch(/<section id="[^"]*" class="review">/);
    const { readPdf, flat } = await import('./helpers/pdf.js');
    const text = flat((await readPdf(await readFile(path.join(root, 'out', 'brief.pdf')))).pages.join(' '));
    expect(text).toMatch(/Claims review/i);
    await writeFile(md, (await readFile(md, 'utf8')).replace('review: true', 'review: maybe'));
    expect(brief(['check', root]).stderr).toMatch(/review "maybe" is not known.*\[bad-front-matter\]/);
  });

  it('exits 2 on usage errors', () => {
    expect(brief(['build', '--format', 'docx']).status).toBe(2);
    expect(brief(['frobnicate']).status).toBe(2);
    expect(brief([]).status).toBe(2);
    expect(brief(['build', '--pdf-standard', 'PDF/X']).status).toBe(2);
    const typo = brief(['biuld']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^brief: unknown command "biuld"; did you mean "build"\?$/m);
  });

  it('says how to turn a cited PDF or web page into a text document', async () => {
    const root = await tempRoot(fixture('unknown-document'));
    await writeFile(path.join(root, 'sources/documents/reprot.pdf'), '%PDF-1.7\n');
    const run = brief(['check', root]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^sources\/brief\.md:8:34: error: unknown document "reprot": there is no sources\/documents\/reprot\.txt or \.md; sources\/documents\/reprot\.pdf is not a text document, so it is not read: save its text as sources\/documents\/reprot\.txt \(e\.g\. `pdftotext sources\/documents\/reprot\.pdf sources\/documents\/reprot\.txt`\) \[unknown-document\]$/m,
    );
  });

  it('says when the brief root is not a folder', async () => {
    const root = await tempRoot(fixture('unknown-document'));
    const missing = brief(['check', path.join(root, 'nowhere')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^sources\/brief\.md:1:1: error: there is no folder .*nowhere; pass the folder that holds sources\/.*\[missing-brief\]$/m);
    const file = brief(['check', path.join(root, 'sources', 'brief.md')]);
    expect(file.status).toBe(1);
    expect(file.stderr).toMatch(/^sources\/brief\.md:1:1: error: .*brief\.md is a file, not a brief's folder; .*\[missing-brief\]$/m);
    expect(file.stderr).not.toMatch(/unreadable-file/);
  });

  it('exits 2 when the output folder cannot be written', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    await writeFile(path.join(root, 'a-file'), '');
    const run = brief(['build', root, '--out', path.join(root, 'a-file', 'out')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*a-file: it is a file, not a folder; nothing was replaced/);
  });

  it('replaces no output when the last one cannot be replaced, and names it', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    expect(brief(['build', root, '--format', 'json,timeline']).status).toBe(0);
    const out = path.join(root, 'out');
    const before = await Promise.all(['brief.json', 'changes.json', '../brief.lock.json'].map((f) => readFile(path.join(out, f), 'utf8')));
    const md = path.join(root, 'sources', 'brief.md');
    await writeFile(md, (await readFile(md, 'utf8')).replace('An uncited claim', 'An uncited and retitled claim'));
    await rm(path.join(out, 'timeline.json'));
    await mkdir(path.join(out, 'timeline.json', 'inside'), { recursive: true });
    const run = brief(['build', root, '--format', 'json,timeline']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*out\/timeline\.json: it is a folder; move or remove it; nothing was replaced/);
    expect(await Promise.all(['brief.json', 'changes.json', '../brief.lock.json'].map((f) => readFile(path.join(out, f), 'utf8')))).toEqual(before);
    expect((await readdir(out)).sort()).toEqual(['brief.json', 'changes.json', 'timeline.json']);
    expect((await readdir(root)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('replaces no output when the lock cannot be written', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    expect(brief(['build', root, '--format', 'json']).status).toBe(0);
    const outputs = () => Promise.all(['brief.json', 'changes.json'].map((f) => readFile(path.join(root, 'out', f), 'utf8')));
    const before = await outputs();
    const md = path.join(root, 'sources', 'brief.md');
    await writeFile(md, (await readFile(md, 'utf8')).replace('An uncited claim', 'An uncited and retitled claim'));
    await rm(path.join(root, 'brief.lock.json'));
    await mkdir(path.join(root, 'brief.lock.json'));
    const run = brief(['build', root, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*brief\.lock\.json: it is a folder; .*nothing was replaced.*Check that the brief folder can be written/);
    expect(await outputs()).toEqual(before);
    expect((await readdir(path.join(root, 'out'))).sort()).toEqual(['brief.json', 'changes.json']);
  });

  it('leaves earlier outputs and no temporary files behind when an output cannot be replaced', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    const out = path.join(root, 'out');
    await mkdir(path.join(out, 'brief.html'), { recursive: true }); // a folder where the page should go
    await writeFile(path.join(out, 'brief.json'), 'old');
    const run = brief(['build', root]);
    expect(run.status).toBe(2);
    expect(await readFile(path.join(out, 'brief.json'), 'utf8')).toBe('old');
    expect((await readdir(out)).sort()).toEqual(['brief.html', 'brief.json']);
  });
});

describe('templates of the brief root', () => {
  it('replace the defaults file by file', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    await mkdir(path.join(root, 'templates'));
    await writeFile(path.join(root, 'templates', 'brief.css'), 'body { color: rgb(1, 2, 3); }\n');
    expect(brief(['build', root, '--format', 'html']).status).toBe(0);
    const html = await readFile(path.join(root, 'out', 'brief.html'), 'utf8');
    expect(html).toContain('rgb(1, 2, 3)');
    expect(html).toContain('An uncited claim');
  });

  it('with a syntax error exit 1 naming the file and line, and leave outputs alone', async () => {
    const root = await tempRoot(fixture('missing-citation'));
    expect(brief(['build', root, '--format', 'html']).status).toBe(0);
    const before = await readFile(path.join(root, 'out', 'brief.html'), 'utf8');
    await mkdir(path.join(root, 'templates', 'partials'), { recursive: true });
    await writeFile(path.join(root, 'templates', 'partials', 'event.hbs'), '<article>\n  {{#if event.place}}\n  <p>{{event.place}</p>\n</article>\n');
    const run = brief(['build', root, '--format', 'html']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^templates\/partials\/event\.hbs:3:\d+: error: .*\[bad-template\]$/m);
    expect(await readFile(path.join(root, 'out', 'brief.html'), 'utf8')).toBe(before);
  });
});

describe('brief init', () => {
  it('starts a brief that builds cleanly, without warnings', async () => {
    const dir = path.join(await tempRoot(), 'new-brief');
    expect(brief(['init', dir]).status).toBe(0);
    const run = brief(['build', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/: (warning|error):/);
    expect(run.stderr).toMatch(/0 warnings/);
    expect(run.stderr).toMatch(/(\d+) of \1 quotes verified/);
  });

  it('refuses to overwrite a brief', async () => {
    const dir = await tempRoot(fixture('missing-citation'));
    const run = brief(['init', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/already exists/);
  });

  it('leaves nothing behind when a folder cannot be made, and says why', async () => {
    const dir = path.join(await tempRoot(), 'new-brief');
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    await writeFile(path.join(dir, 'sources', 'documents'), 'a file where a folder should go');
    const run = brief(['init', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^brief: cannot start a brief in .*new-brief: cannot write .*sources\/documents: it is a file, not a folder; nothing was left behind$/m);
    expect(run.stderr).not.toMatch(/internal error|    at /);
    expect((await readdir(path.join(dir, 'sources'))).sort()).toEqual(['documents']);
  });

  it.runIf(process.platform === 'linux')('stops where the system refuses a folder (no endless retry under /proc)', () => {
    const run = brief(['init', '/proc/brief-init-test']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot write \/proc\/brief-init-test: the system does not allow it there/);
  });
});
