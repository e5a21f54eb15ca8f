// The YAML parser's errors (front matter, documents.yaml) as places and words an
// author can act on: where the parser notices a mistake is often a line or more
// past it (an unclosed quote is noticed at the end of the file), so the
// commonest mistakes are traced back to where they were made.
import type { YAMLError } from 'yaml';

export interface YamlProblem {
  /** Offset in the YAML text. */
  offset: number;
  message: string;
}

export function yamlProblems(text: string, errors: readonly YAMLError[]): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const problem = explain(text, error);
    problem.offset = withinText(text, problem.offset);
    const key = `${problem.offset}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function explain(text: string, error: YAMLError): YamlProblem {
  const [start] = error.pos;
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (error.code === 'MISSING_CHAR' && quote) {
    const opening = openingQuote(text, start, quote);
    if (opening !== -1) return { offset: opening, message: `the text quoted from here is never closed; end it with ${quote}` };
  }
  const bracket = /end with an? ([\]}])/.exec(message)?.[1];
  if (bracket) {
    const opening = openingBracket(text, start, bracket === ']' ? '[' : '{', bracket);
    if (opening !== -1) {
      return { offset: opening, message: `the ${bracket === ']' ? 'list' : 'mapping'} opened here with ${bracket === ']' ? '[' : '{'} is never closed; end it with ${bracket} on the same line` };
    }
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    // `title: Test` then `  date: 2025`: the second line is read as part of the first's value.
    const next = text.indexOf('\n', start);
    if (next !== -1) {
      const line = /^[ \t]*/.exec(text.slice(next + 1))![0].length + next + 1;
      const keyLine = text.slice(text.lastIndexOf('\n', start - 1) + 1, next).trim();
      return { offset: line, message: `this line is indented under \`${shorten(keyLine)}\`, which already has a value; indent it as the keys around it` };
    }
  }
  return { offset: start, message };
}

/** The unescaped quote mark that opens the scalar still open at `at`, or -1. */
function openingQuote(text: string, at: number, quote: string): number {
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === '\\') continue;
    // '' inside single quotes is one quote mark.
    if (quote === "'" && text[i - 1] === "'") {
      i--;
      continue;
    }
    return i;
  }
  return -1;
}

/** The last `[` (or `{`) before `at` that no bracket of its kind closes; -1 if none. */
function openingBracket(text: string, at: number, open: string, close: string): number {
  let depth = 0;
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === close) depth++;
    else if (c === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Never past the text's last character: a mistake noticed at the end is shown on the last line written. */
function withinText(text: string, offset: number): number {
  let at = Math.min(Math.max(0, offset), text.length);
  if (at < text.length) return at;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}

function shorten(line: string): string {
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
