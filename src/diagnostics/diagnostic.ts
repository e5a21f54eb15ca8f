// Diagnostics are values: every stage returns them, nothing below the CLI prints.
import type { Point } from '../model/types.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `quote-not-found`; printed in brackets and documented in the README. */
  ruleId: string;
  /** What is wrong and what to do about it, on one line. */
  message: string;
  /** Path relative to the brief root, with `/` separators. */
  file: string;
  line: number;
  column: number;
}

export function diagnostic(
  severity: Severity,
  ruleId: string,
  message: string,
  file: string,
  at: Pick<Point, 'line' | 'column'> = { line: 1, column: 1 },
): Diagnostic {
  return { severity, ruleId, message: bounded(message), file, line: at.line, column: at.column };
}

/** Longest message: one that quotes the brief's own text (a title, a quote) stays one readable line. */
export const MAX_MESSAGE_CHARS = 1_000;

/**
 * Control characters a message quotes from the brief or a document (ESC, a
 * lone CR, the line and paragraph separators) would move the terminal's
 * cursor or break the line: each is shown as its code point instead.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const shown = (message: string): string =>
  message.replace(/\r?\n/g, ' ').replace(CONTROL, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);

/** Long text a message quotes is cut in its middle, so both the start and the advice at its end stay. */
function bounded(raw: string): string {
  const message = shown(raw);
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  let head = Math.floor(MAX_MESSAGE_CHARS * 0.6);
  let tail = message.length - (MAX_MESSAGE_CHARS - head - 1);
  // Never half a surrogate pair at either cut.
  if (/[\uD800-\uDBFF]/.test(message[head - 1]!)) head--;
  if (/[\uDC00-\uDFFF]/.test(message[tail]!)) tail++;
  return `${message.slice(0, head)}…${message.slice(tail)}`;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorts by file, line and column so output is stable whatever order stages ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}
