import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseBriefFile, type ParsedFile } from '../src/parse/file.js';
import { findHeadings, splitLines } from '../src/parse/lines.js';

const parse = (source: string, kind: 'brief' | 'events' = 'brief'): ParsedFile => parseBriefFile('sources/brief.md', source, kind, { next: 0 });

const BRIEF = `---
title: T
---

Summary with a quote [@doc, "alpha"].

# Chronology

Intro.

## 2025-07-03 — First *event*
Tags: Human rights, diplomacy
Place: Moscow
Actors: Russia, Taliban
Disputed: 2025-07-04 [@doc, "July 4"]

Body with a citation [@doc, "beta *gamma* delta"] and a footnote[^n].

### A sub-heading inside the event

| a | b |
| - | - |
| cell [@doc, "in a table"] | x |

## Background

Prose after an event stays in its section.

# Analysis

### 2024~ — An event deep in another section

Text [@a; @b, p. 2].

[^n]: The footnote, defined at the end.
`;

describe('parseBriefFile', () => {
  const file = parse(BRIEF);

  it('reads front matter, the summary and sections', () => {
    expect(file.meta?.title).toBe('T');
    expect(file.sections.map((s) => s.heading?.text)).toEqual([undefined, 'Chronology', 'Analysis']);
    expect(file.sections[0]?.content[0]?.type).toBe('paragraph');
    // The chronology section keeps its intro and the prose after the event, not the event.
    const chronology = JSON.stringify(file.sections[1]?.content);
    expect(chronology).toContain('Intro.');
    expect(chronology).toContain('Prose after an event');
    expect(chronology).not.toContain('Body with a citation');
  });

  it('finds events at any depth in any section, with their annotations', () => {
    expect(file.events.map((e) => [e.titleText, e.date?.label])).toEqual([
      ['First *event*', '3 July 2025'],
      ['An event deep in another section', 'c. 2024'],
    ]);
    const [first] = file.events;
    expect(first?.title.map((n) => n.type)).toEqual(['text', 'emphasis']);
    expect(first?.annotations.tags).toEqual(['human-rights', 'diplomacy']);
    expect(first?.annotations.place).toBe('Moscow');
    expect(first?.annotations.actors).toEqual(['Russia', 'Taliban']);
    expect(first?.annotations.disputed[0]?.date?.label).toBe('4 July 2025');
    expect(first?.position.start).toMatchObject({ line: 11, column: 1 });
    // The body holds the sub-heading and the table, not the next `##` heading.
    expect(first?.body.map((n) => n.type)).toEqual(['paragraph', 'heading', 'table']);
  });

  it('turns citations into citationGroup nodes, also across emphasis and in table cells', () => {
    const quotes = file.citations.map((c) => [c.documentId, c.quote ?? c.locator ?? null]);
    expect(quotes).toEqual([
      ['doc', 'alpha'],
      ['doc', 'July 4'],
      ['doc', 'beta gamma delta'],
      ['doc', 'in a table'],
      ['a', null],
      ['b', 'p. 2'],
    ]);
    const body = JSON.stringify(file.events[0]?.body);
    expect(body).not.toContain('[@doc');
    expect(body).toContain('"citationGroup"');
    expect(file.events[0]?.citationIds).toEqual(['c2', 'c3', 'c4']);
  });

  it('records where each citation and quote stands in the file', () => {
    const beta = file.citations[2]!;
    const line = BRIEF.split('\n')[16]!;
    expect(beta.position.start).toMatchObject({ line: 17, column: line.indexOf('@doc') + 1 });
    expect(beta.quotePosition).toMatchObject({ line: 17, column: line.indexOf('beta') + 1 });
    const cell = file.citations[3]!;
    expect(cell.quotePosition?.line).toBe(23);
  });

  it('resolves a footnote defined in another part of the file', () => {
    expect(JSON.stringify(file.events[0]?.body)).toContain('"footnoteReference"');
    expect(file.footnotes.map((f) => f.identifier)).toEqual(['n']);
  });

  it('keeps offsets right with CRLF line endings', () => {
    const crlf = parse(BRIEF.replace(/\n/g, '\r\n'));
    expect(crlf.citations.map((c) => c.quotePosition?.line)).toEqual(file.citations.map((c) => c.quotePosition?.line));
    expect(crlf.citations.map((c) => c.quotePosition?.column)).toEqual(file.citations.map((c) => c.quotePosition?.column));
  });

  it('does not take headings inside fenced code for events', () => {
    const fenced = parse('---\ntitle: T\n---\n\n```\n## 2025 — not an event\n```\n');
    expect(fenced.events).toEqual([]);
  });

  it('warns about text outside events in an events file', () => {
    const events = parse('Stray text.\n\n## 2025 — Event\n\nBody [@doc].\n', 'events');
    expect(events.events).toHaveLength(1);
    expect(events.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['text-outside-event', 1]]);
  });

  it('suggests the front matter key a mistyped one meant', () => {
    const [key] = parse('---\ntitle: T\nsubtitel: S\n---\n\n## 2025 — Event\n\nBody [@doc].\n').diagnostics;
    expect(key).toMatchObject({ ruleId: 'unknown-front-matter-key', line: 3, column: 1 });
    expect(key?.message).toMatch(/^unknown front matter key "subtitel"; did you mean "subtitle"\? known keys:/);
  });

  it('reads no event in an HTML comment or in code inside a list or block quote, and loses none after them', () => {
    const titles = (body: string) => parse(`---\ntitle: T\n---\n\n${body}`).events.map((event) => event.titleText);
    expect(titles('## 2025-07-03 — Kept\nA.\n\n<!--\n## 2025-07-04 — Commented out draft\n-->\n\n## 2025-07-05 — After\nB.\n')).toEqual(['Kept', 'After']);
    expect(titles('## 2025-07-03 — First\n\n- ```\n  x\n  ```\n\n## 2025-07-04 — Second\nB.\n')).toEqual(['First', 'Second']);
    expect(titles('## 2025-07-03 — First\n\n- ```\n  ## 2025-07-04 — Example\n  ```\n\n## 2025-07-05 — Third\n')).toEqual(['First', 'Third']);
    expect(titles('## 2025-07-03 — First\n\n> ```\n> ## 2025-07-04 — Quoted code\n> ```\n\n## 2025-07-05 — Third\n')).toEqual(['First', 'Third']);
    // A fence left open in a list item or block quote ends with its container.
    expect(titles('## 2025-07-03 — First\n\n> ```\n## 2025-07-04 — After a quote\nText.\n')).toEqual(['First', 'After a quote']);
    expect(titles('## 2025-07-03 — First\n\n1. ~~~~\n## 2025-07-04 — After a list\nText.\n')).toEqual(['First', 'After a list']);
    expect(titles('## 2025-07-03 — First\n\n- ```\n\n  ## 2025-07-04 — Still code\n  ```\n\n## 2025-07-05 — Third\n')).toEqual(['First', 'Third']);
  });

  it('finds the headings CommonMark finds in a whole file, around and inside HTML blocks', () => {
    const snippets = [
      '<div>\n```\n</div>\n\n## After a div\n',
      '<div>\n## Inside a div\n\n## After the blank line\n',
      '<pre>\n## Inside pre\n\n## Still inside pre\n</pre>\n## After pre\n',
      '<pre>one line</pre>\n## After one-line pre\n',
      '<!-- a comment -->\n## After a comment\n',
      '<!--\n```\n-->\n## After a comment holding a fence\n',
      '<?php\n## Inside\n?>\n## After an instruction\n',
      '<!DOCTYPE html>\n## After a declaration\n',
      '<custom-tag>\n```\n\n## After a custom tag\n',
      'A paragraph\n<custom-tag>\n```\nfence\n```\n## After a fence in a paragraph\n',
      '<span>inline</span> text\n```\ncode\n```\n## After inline HTML and code\n',
      '# Title\n<custom-tag>\n## Inside a custom tag after a heading\n\n## After\n',
      '   <DIV class="x">\n```\n\n## After an indented DIV\n',
    ];
    const mine = (text: string) => findHeadings(splitLines(text)).map((heading) => heading.text);
    const commonMark = (text: string) =>
      unified()
        .use(remarkParse)
        .parse(text)
        .children.filter((node) => node.type === 'heading')
        .map((node) => text.slice(node.position!.start.offset!, node.position!.end.offset!).replace(/^#+\s*/, ''));
    for (const snippet of snippets) expect(mine(snippet), snippet).toEqual(commonMark(snippet));
  });

  it('checks the quote of a Disputed line whose date cannot be read, but does not hold it to the event', () => {
    const parsed = parse('---\ntitle: T\n---\n\n## 2025-07-04 — Event\nDisputed: 2025-02-30 [@doc, "made on July 4, 2025"]\n\nBody [@doc, "the body"].\n');
    expect(parsed.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['bad-date', 6]]);
    expect(parsed.citations.map((c) => c.quote)).toEqual(['made on July 4, 2025', 'the body']);
    const [event] = parsed.events;
    expect(event?.citationIds).toEqual([parsed.citations[1]!.id]);
    expect(event?.hasErrors).toBe(true);
  });

  it('says how to write in EDTF a date written as people write it', () => {
    const advice = (heading: string) => parse(`---\ntitle: T\n---\n\n## ${heading}\n\nBody [@doc].\n`).diagnostics.map((d) => [d.ruleId, d.message.replace(/.*; write /, '')]);
    expect(advice('~2025 — Talks')).toEqual([['not-an-event', '`## 2025~ — Talks`']]);
    expect(advice('c. 2025 — Talks')).toEqual([['not-an-event', '`## 2025~ — Talks`']]);
    expect(advice('1990s — Civil war')).toEqual([['not-an-event', '`## 1990/1999 — Civil war`']]);
    expect(advice('2025-Q3 — Trade')).toEqual([['not-an-event', '`## 2025-07/2025-09 — Trade`']]);
    expect(advice('1990s in review')).toEqual([]);
    expect(advice('2025-07-03T10:00 — Talks')).toEqual([['not-an-event', 'a time of day ("T10:00") is not read in an event\'s date, so this heading is not an event; give the time in the text: `## 2025-07-03 — Talks`']]);
  });

  it('takes a number as a title, and names a field that is not text', () => {
    expect(parse('---\ntitle: 1984\nauthor: [Policy desk, Kabul desk]\n---\n').meta).toMatchObject({ title: '1984', author: 'Policy desk, Kabul desk' });
    const list = parse('---\ntitle: [a, b]\n---\n').diagnostics;
    expect(list).toMatchObject([{ ruleId: 'bad-front-matter', line: 2, column: 8, message: expect.stringMatching(/^title is a list; write it as one line of text/) }]);
    const mapping = parse('---\ntitle: T\nauthor: {name: X}\nsubtitle: [[a]]\n---\n').diagnostics;
    expect(mapping.map((d) => [d.ruleId, d.line, d.column, d.message.split(';')[0]])).toEqual([
      ['bad-front-matter', 3, 9, 'author is not text'],
      ['bad-front-matter', 4, 11, 'subtitle is not text'],
    ]);
  });

  it('suggests the annotation a mistyped key meant', () => {
    const [tag, source] = parse('---\ntitle: T\n---\n\n## 2025 — Event\nTag: planning\nSource: x\n\nBody [@doc].\n').diagnostics;
    expect(tag).toMatchObject({ ruleId: 'unknown-annotation', line: 6, column: 1 });
    expect(tag?.message).toMatch(/^unknown annotation "Tag"; did you mean "Tags"\? known:/);
    expect(source?.message).toMatch(/^unknown annotation "Source"; known:/);
  });
});
