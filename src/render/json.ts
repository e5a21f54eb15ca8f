// out/brief.json: the validated model, for other tools.
import type { Brief } from '../model/types.js';

export function renderJson(brief: Brief): string {
  return `${JSON.stringify({ format: 'brief', version: 1, ...brief }, null, 2)}\n`;
}
