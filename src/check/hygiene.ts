// A quote that lands in page furniture or in a block the capture repeats is not
// evidence from the article itself.
import type { Brief } from '../model/types.js';

export interface HygieneFinding {
  citationId: string;
  kind: 'repeated' | 'furniture';
}

export function checkHygiene(brief: Brief): HygieneFinding[] {
  const documents = new Map(brief.documents.map((document) => [document.id, document]));
  const findings: HygieneFinding[] = [];
  for (const citation of brief.citations) {
    const anchor = citation.anchor;
    const ranges = documents.get(citation.documentId)?.furniture;
    if (!anchor || !ranges) continue;
    const range = ranges.find((r) => r.start < anchor.end && anchor.start < r.end);
    if (range) findings.push({ citationId: citation.id, kind: range.kind });
  }
  return findings;
}

export function hygieneMessage(finding: HygieneFinding, file: string): string {
  return finding.kind === 'furniture'
    ? `the quote lands in page furniture of ${file} (a link list, advert or promotion), not in the article; quote the article's own words`
    : `the quote lands in a block that ${file} holds twice (a capture that repeats itself); quote it from its first copy, or check the capture`;
}

export const hygieneSummary = (finding: HygieneFinding): string =>
  finding.kind === 'furniture' ? 'the quote is in page furniture, not the article' : 'the quote is in a repeated block of the capture';
