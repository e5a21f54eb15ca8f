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
  return { severity, ruleId, message, file, line: at.line, column: at.column };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorts by file, line and column so output is stable whatever order stages ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}
