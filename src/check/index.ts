// Cross-checks of the assembled brief: what a careful editor would catch that
// the citation check cannot (a quote that is verbatim but says something else).
// Each check returns its findings as data; here they are recorded on the
// citations they concern (for the claims review table) and become diagnostics.
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Brief, CheckWarning } from '../model/types.js';
import { checkDates, dateMismatchMessage, dateMismatchSummary, type DateFinding } from './dates.js';
import { checkHygiene, hygieneMessage, hygieneSummary } from './hygiene.js';

export type { DateFinding } from './dates.js';

export interface CrossCheckResult {
  dates: DateFinding[];
  diagnostics: Diagnostic[];
}

/** Runs every cross-check; sets `warnings` on the citations concerned. */
export function crossCheck(brief: Brief): CrossCheckResult {
  const citations = new Map(brief.citations.map((citation) => [citation.id, citation]));
  const events = new Map(brief.events.map((event) => [event.id, event]));
  const documents = new Map(brief.documents.map((document) => [document.id, document]));
  const dates = checkDates(brief);
  const diagnostics: Diagnostic[] = [];
  for (const finding of dates) {
    const citation = citations.get(finding.citationId);
    const event = events.get(finding.eventId);
    if (!citation || !event) continue;
    const warning: CheckWarning = { ruleId: 'date-mismatch', text: dateMismatchSummary(finding) };
    citation.warnings = [...(citation.warnings ?? []), warning];
    const at = citation.quotePosition ?? citation.position.start;
    diagnostics.push(diagnostic('warning', 'date-mismatch', dateMismatchMessage(finding, citation, event), citation.position.file, at));
  }
  for (const finding of checkHygiene(brief)) {
    const citation = citations.get(finding.citationId);
    const document = citation && documents.get(citation.documentId);
    if (!citation || !document) continue;
    citation.warnings = [...(citation.warnings ?? []), { ruleId: 'quote-in-furniture', text: hygieneSummary(finding) }];
    const at = citation.quotePosition ?? citation.position.start;
    diagnostics.push(diagnostic('warning', 'quote-in-furniture', hygieneMessage(finding, document.file), citation.position.file, at));
  }
  return { dates, diagnostics };
}
