import type { Diagnostic } from './diagnostic.js';

/** `path:line:column: severity: message [rule-id]`, one line per diagnostic. */
export function formatDiagnostic(d: Diagnostic): string {
  const message = d.message.replace(/\s*\n\s*/g, ' ');
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${message} [${d.ruleId}]`;
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join('');
}
