// YAML front matter of brief.md: `title` required; `subtitle`, `author`, `date`, `lang` optional.
import { location } from 'vfile-location';
import { isMap, parseDocument, type Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from '../diagnostics/suggest.js';
import type { BriefMeta } from '../model/types.js';
import { parseDate } from './date.js';
import type { Line } from './lines.js';
import { yamlProblems } from './yaml-errors.js';

export interface FrontMatter {
  meta?: BriefMeta;
  /** Index of the first line after the front matter. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

const KNOWN_KEYS = new Set(['title', 'subtitle', 'author', 'date', 'lang', 'paper', 'pdf', 'review']);

export function parseFrontMatter(file: string, lines: readonly Line[]): FrontMatter {
  const diagnostics: Diagnostic[] = [];
  const missingTitle = (at = { line: 1, column: 1 }) =>
    diagnostic('error', 'missing-title', 'the brief needs a title: start brief.md with front matter `---` / `title: …` / `---`', file, at);
  // A BOM reaches here only when the caller kept it; it is not part of the first line.
  if (lines[0]?.text.replace(/^\uFEFF/, '').trimEnd() !== '---') return { bodyLine: 0, diagnostics: [missingTitle()] };
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line.text));
  if (close === -1) {
    return {
      bodyLine: 0,
      diagnostics: [diagnostic('error', 'bad-front-matter', 'the front matter is not closed: add a line `---` after its last field', file)],
    };
  }
  const yamlText = lines.slice(1, close).map((line) => line.text).join('\n');
  const doc = parseDocument(yamlText, { prettyErrors: false });
  // yaml's LineCounter misses line breaks inside quoted scalars, so places are counted here.
  // Front matter starts on line 2 of the file.
  const place = location(yamlText);
  const at = (offset: number) => {
    const point = place.toPoint(Math.min(Math.max(0, offset), yamlText.length)) ?? { line: 1, column: 1 };
    return { line: point.line + 1, column: point.column };
  };
  const nodeAt = (node: unknown) => at((node as YamlNode | null)?.range?.[0] ?? 0);
  if (doc.errors.length > 0) {
    for (const problem of yamlProblems(yamlText, doc.errors)) {
      diagnostics.push(diagnostic('error', 'bad-front-matter', `front matter is not valid YAML: ${problem.message}`, file, at(problem.offset)));
    }
    return { bodyLine: close + 1, diagnostics };
  }
  const contents = doc.contents;
  if (!isMap(contents)) {
    diagnostics.push(missingTitle({ line: 2, column: 1 }));
    return { bodyLine: close + 1, diagnostics };
  }
  const fields = contents.toJSON() as Record<string, unknown>;
  const title = fields['title'];
  if (title !== null && typeof title === 'object') {
    diagnostics.push(diagnostic('error', 'bad-front-matter', `title is ${Array.isArray(title) ? 'a list' : 'a mapping'}; write it as one line of text: \`title: …\``, file, nodeAt(contents.get('title', true))));
    return { bodyLine: close + 1, diagnostics };
  }
  // `title: 1984` is a title too.
  if (!['string', 'number'].includes(typeof title) || String(title).trim() === '') {
    diagnostics.push(missingTitle(contents.has('title') ? nodeAt(contents.get('title', true)) : { line: 2, column: 1 }));
    return { bodyLine: close + 1, diagnostics };
  }
  const meta: BriefMeta = { title: String(title).trim(), lang: 'en', paper: 'a4' };
  for (const pair of contents.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
    const value = fields[key];
    const position = nodeAt(pair.key);
    if (!KNOWN_KEYS.has(key)) {
      const meant = closest(key, KNOWN_KEYS, 2);
      const suggestion = meant ? `did you mean "${meant}"? ` : '';
      diagnostics.push(diagnostic('warning', 'unknown-front-matter-key', `unknown front matter key "${key}"; ${suggestion}known keys: ${[...KNOWN_KEYS].join(', ')}`, file, position));
      continue;
    }
    if (key === 'title') continue;
    const text = textOf(value);
    if (text === undefined) {
      diagnostics.push(diagnostic('error', 'bad-front-matter', `${key} is not text; write it as one line of text (author may be a list of names: [A, B])`, file, nodeAt(pair.value)));
      continue;
    }
    if (text === '') continue;
    if (key === 'date') {
      const date = parseDate(text);
      if (date.ok) meta.date = date.value;
      else diagnostics.push(diagnostic('error', 'bad-date', `front matter date: ${date.reason}`, file, nodeAt(pair.value)));
    } else if (key === 'lang') {
      if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text)) meta.lang = text;
      else diagnostics.push(diagnostic('warning', 'bad-lang', `lang "${text}" is not a language tag such as en, fr or en-GB; using en`, file, nodeAt(pair.value)));
    } else if (key === 'paper') {
      const paper = text.toLowerCase();
      if (paper === 'a4' || paper === 'letter') meta.paper = paper;
      else diagnostics.push(diagnostic('error', 'bad-front-matter', `paper "${text}" is not known; write a4 or letter`, file, nodeAt(pair.value)));
    } else if (key === 'pdf') {
      if (text.toLowerCase() === 'archive') meta.pdf = 'archive';
      else diagnostics.push(diagnostic('error', 'bad-front-matter', `pdf "${text}" is not known; write archive (for PDF/A) or leave it out`, file, nodeAt(pair.value)));
    } else if (key === 'review') {
      if (typeof value === 'boolean') meta.review = value;
      else diagnostics.push(diagnostic('error', 'bad-front-matter', `review "${text}" is not known; write true (for the claims review table) or false`, file, nodeAt(pair.value)));
    } else {
      meta[key as 'subtitle' | 'author'] = text;
    }
  }
  return { meta, bodyLine: close + 1, diagnostics };
}

/** A field's value as text: a scalar as written, a list of scalars joined with commas; undefined for a mapping or a list of them. */
function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.some((item) => item !== null && typeof item === 'object')) return undefined;
    return value.map(textOf).filter((part) => part !== '').join(', ');
  }
  return typeof value === 'object' ? undefined : String(value).trim();
}
