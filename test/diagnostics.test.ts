// One fixture folder per diagnostic the brief format defines; each asserts the
// exact printed line (path, line, column, severity, rule id) of `brief check`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../src/build.js';
import { diagnostic, MAX_MESSAGE_CHARS } from '../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../src/diagnostics/report.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'diagnostics');
const cases = readdirSync(fixtures).sort();

describe('diagnostics', () => {
  it.each(cases)('%s', async (name) => {
    const root = path.join(fixtures, name);
    const result = await buildBrief(root, { formats: [] });
    const printed = formatDiagnostics(result.diagnostics);
    const expectedFile = path.join(root, 'expected.txt');
    if (process.env['UPDATE'] === '1') writeFileSync(expectedFile, printed);
    expect(printed).toBe(readFileSync(expectedFile, 'utf8'));
    // Every case names its own rule: the folder is called after it.
    expect(result.diagnostics.map((d) => d.ruleId)).toContain(name.replace(/-interval$/, ''));
  });
});

describe('a diagnostic that quotes long text', () => {
  it('stays one line of at most MAX_MESSAGE_CHARS, keeping its start and its advice', () => {
    const title = `${'A title that goes on '.repeat(500_000)}😀 end`;
    const { message } = diagnostic('warning', 'missing-citation', `event "${title}" cites no source;\nback it with [@document-id, "a verbatim quote"]`, 'sources/brief.md');
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message).toMatch(/^event "A title that goes on /);
    expect(message).toMatch(/…[^…]*cites no source; back it with \[@document-id, "a verbatim quote"\]$/);
    expect(message).not.toMatch(/[\r\n]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('a diagnostic that quotes control characters', () => {
  it('shows each as its code point, so none moves the cursor or breaks the line', () => {
    const { message } = diagnostic('error', 'quote-not-found', 'quote "a\u001b[31mred\rline\u2029next\ttab" not found', 'sources/brief.md');
    expect(message).toBe('quote "a<U+001B>[31mred<U+000D>line<U+2029>next\ttab" not found');
  });
});
