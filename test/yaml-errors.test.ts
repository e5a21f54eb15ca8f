// Where a YAML mistake is reported: where the author made it, not where the
// parser noticed it (often lines later, or past the end of the file).
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { yamlProblems } from '../src/parse/yaml-errors.js';

const problems = (text: string) =>
  yamlProblems(text, parseDocument(text, { prettyErrors: false }).errors).map(({ offset, message }) => {
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before.at(-1)!.length + 1} ${message}`;
  });

describe('YAML mistakes', () => {
  it('an unclosed quote at its opening mark, never past the end of the file', () => {
    expect(problems('- id: a\n  title: "Russia formally\n  issued: 2025\n- id: b\n')).toEqual(['2:10 the text quoted from here is never closed; end it with "']);
    expect(problems("title: 'It''s here\ndate: 2025\n")).toEqual(["1:8 the text quoted from here is never closed; end it with '"]);
  });

  it('an unclosed list or mapping at its opening bracket', () => {
    expect(problems('author: [Policy desk\ndate: 2025\n')).toEqual(['1:9 the list opened here with [ is never closed; end it with ] on the same line']);
    expect(problems('issued: {date-parts: [[2025]]\ntitle: x\n')[0]).toMatch(/^1:9 the mapping opened here with \{ is never closed/);
  });

  it('a key indented under one that has a value, once, on the indented line', () => {
    expect(problems('title: Test brief\n  date: 2025-07\n')).toEqual(['2:3 this line is indented under `title: Test brief`, which already has a value; indent it as the keys around it']);
  });

  it('anything else in the parser’s words, inside the text', () => {
    for (const text of ['a: 1\na: 2\n', 'key: value: other\n', '- a\nb: 1\n']) {
      const found = problems(text);
      expect(found.length).toBeGreaterThan(0);
      for (const problem of found) expect(Number(problem.split(':')[0])).toBeLessThanOrEqual(text.split('\n').length - 1);
    }
  });
});
