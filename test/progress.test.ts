import { describe, expect, it } from 'vitest';
import { progress } from '../src/cli/progress.js';
import { brief, repoRoot } from './helpers/cli.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) > 0 };
};

describe('progress', () => {
  it('shows the last finished stage on a terminal once the build is slow, and clears it', () => {
    const terminal = stream(true);
    const shown = progress(terminal, 0);
    shown.onStage('parse', 5);
    shown.onStage('anchor', 5);
    shown.done();
    expect(terminal.written.join('')).toMatch(/\r\x1b\[Kbrief: parse done, loading documents… \(\d+\.\d s\)/);
    expect(terminal.written.at(-1)).toBe('\r\x1b[K');
  });

  it('counts the pages of the PDF as they are laid out, a few times a second at most', () => {
    const terminal = stream(true);
    const shown = progress(terminal, 0);
    shown.onStage('model', 5);
    shown.onPage(2);
    for (let page = 3; page <= 5000; page++) shown.onPage(page);
    shown.done();
    expect(terminal.written.join('')).toContain('\r\x1b[Kbrief: laying out the PDF, page 2…');
    // Thousands of pages in well under a second: the line is not redrawn for each.
    expect(terminal.written.length).toBeLessThan(10);
  });

  it('says nothing for a fast build', () => {
    const terminal = stream(true);
    const shown = progress(terminal, 60_000);
    shown.onStage('parse', 5);
    shown.done();
    expect(terminal.written).toEqual([]);
  });

  it('stays quiet when output is not a terminal', () => {
    const pipe = stream(false);
    const shown = progress(pipe, 0);
    shown.onStage('parse', 5);
    shown.done();
    expect(pipe.written).toEqual([]);
    expect(brief(['check', repoRoot]).stderr).not.toContain('\r');
  });
});
