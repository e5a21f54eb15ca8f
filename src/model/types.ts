// The brief as plain typed data. Every stage after anchoring reads and writes
// these shapes only; the renderers never re-parse markdown or re-read files.
import type { Nodes as MdastNodes, RootContent, PhrasingContent } from 'mdast';

/** A place in a file of the brief root: 1-based line and column, 0-based offset. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Position {
  /** Path relative to the brief root, with `/` separators. */
  file: string;
  start: Point;
  end: Point;
}

/** One calendar date as EDTF gives it: year, month and day as far as known. */
export interface DatePart {
  year: number;
  month?: number;
  day?: number;
  approximate: boolean;
  uncertain: boolean;
}

/** A parsed EDTF date or interval with its wording for readers. */
export interface DateValue {
  /** The EDTF text as written, e.g. `2025-07-03` or `1979-12/1989-02`. */
  edtf: string;
  kind: 'date' | 'interval';
  start: DatePart;
  /** Only for intervals. */
  end?: DatePart;
  /** In words: "3 July 2025", "April 2025", "c. 2015", "December 1979 – February 1989". */
  label: string;
  /** ISO 8601 for `<time datetime>`: `2025-07-03`, `2025-04`, `1979-12/1989-02`. */
  iso: string;
  /** Milliseconds since the epoch of the earliest day the date can mean; sorts the chronology. */
  sortKey: number;
}

/** Where a verified quote stands in its document (character offsets into the decoded text). */
export interface Anchor {
  /** The document's text exactly as found, which may differ from the quote in case, quotes, dashes or spacing. */
  exact: string;
  /** The quote's words as a markdown document reads them, when markup stands between them in the file (`*historic*`). */
  reads?: string;
  start: number;
  end: number;
  /** 1-based line and column of the start of the quote in the document. */
  line: number;
  column: number;
  /** Up to 32 characters of document text before and after the quote. */
  prefix: string;
  suffix: string;
  /** How many times the quote occurs in the document (anchored to the first). */
  occurrences: number;
}

/**
 * `exact`: where it was; `moved`: same words elsewhere; `changed`: the source's
 * wording now differs from the quote (found by fuzzy matching); `ambiguous`: no
 * single place stands out; `broken`: not found.
 */
export type CitationStatus = 'exact' | 'moved' | 'changed' | 'ambiguous' | 'broken';

/** One cited item of a pandoc citation: `@id`, `@id, p. 2` or `@id, "a verbatim quote"`. */
export interface Citation {
  /** Stable id within the brief: `c1`, `c2`, … in source order. */
  id: string;
  documentId: string;
  /** Text before the key inside the brackets, e.g. `see` in `[see @id]`. */
  prefix?: string;
  /** A locator or other non-quote suffix, e.g. `p. 2`. */
  locator?: string;
  /** The verbatim quote the brief claims the document contains. */
  quote?: string;
  /** Set when the quote was found in the document. */
  anchor?: Anchor;
  /** How the quote was found, against the lock of the last build. */
  status?: CitationStatus;
  /** Where the citation is written: from its `@id` to the end of its group. */
  position: Position;
  /** Where the quote starts, when there is one. */
  quotePosition?: Point;
  /** The event the citation backs, when it is written in an event (body or annotations). */
  eventId?: string;
  /** The prose section it is written in, when it is not in an event: `summary` or a section id. */
  sectionId?: string;
  /** What the cross-checks found wrong with it (each also reported as a warning); absent when nothing. */
  warnings?: CheckWarning[];
}

/** A cross-check's finding about one citation, kept for the claims review table. */
export interface CheckWarning {
  /** The rule id of the warning it was reported as, e.g. `date-mismatch`. */
  ruleId: string;
  /** What is wrong, short enough for a table cell: "the quote gives April 2024; the event is dated 17 April 2025". */
  text: string;
}

/**
 * An mdast node that stands for one bracketed citation group `[@a; @b]` in the
 * markdown. It holds the ids of its citations; their data lives in `Brief.citations`.
 */
export interface CitationGroup {
  type: 'citationGroup';
  citationIds: string[];
  position?: { start: Point; end: Point };
}

declare module 'mdast' {
  interface ImageData {
    /** The image's file as a path of the brief root, when its address names one (`sources/map.png`). */
    path?: string;
  }
  interface PhrasingContentMap {
    citationGroup: CitationGroup;
  }
  interface RootContentMap {
    citationGroup: CitationGroup;
  }
}

/** Markdown content as mdast, with citation groups in place of the citation text. */
export type Markdown = RootContent[];
export type { MdastNodes, PhrasingContent };

export interface DisputedDate {
  date: DateValue;
  /** Citations (ids) that give the other date. */
  citationIds: string[];
  position: Position;
}

export interface Event {
  type: 'event';
  /** Unique in the brief; from the `Id:` annotation or a slug of the title. */
  id: string;
  date: DateValue;
  /** The heading text after the date and its separator, as mdast phrasing content. */
  title: PhrasingContent[];
  /** The title as plain text. */
  titleText: string;
  tags: string[];
  place?: string;
  actors: string[];
  disputed: DisputedDate[];
  body: Markdown;
  /** Ids of every citation in the body and annotations, in source order. */
  citationIds: string[];
  /** The heading's position. */
  position: Position;
}

/** A prose section of brief.md (a `#` heading and what follows it, events taken out). */
export interface Section {
  type: 'section';
  /** Slug of the heading, unique in the brief. */
  id: string;
  title: PhrasingContent[];
  titleText: string;
  content: Markdown;
  position: Position;
}

export interface YearGroup {
  /** The start year of the events in it. */
  year: number;
  /** Event ids, in chronological order. */
  eventIds: string[];
}

/** Metadata of a cited document, from documents.yaml (CSL-YAML). Absent fields stay absent. */
export interface DocumentMeta {
  title: string;
  author?: string[];
  containerTitle?: string;
  publisher?: string;
  /** Publication date in words. */
  issued?: string;
  url?: string;
  /** Date of access in words. */
  accessed?: string;
}

/** A piece of a formatted reference: italic for the title of a whole work, a link for a web address. */
export interface ReferenceRun {
  text: string;
  italic?: true;
  /** The address the text links to (the document's URL or DOI). */
  url?: string;
}

/** A document's entry in the bibliography, in Chicago author-date style. */
export interface Reference {
  /** The reference-list entry, in runs. */
  runs: ReferenceRun[];
  /** The entry as plain text. */
  text: string;
  /**
   * The in-text form: author and year ("Mishra 2025", "Smith and Doe 2024", with a, b, … for
   * works of one author and year) when both are known, else the title as written.
   */
  short: string;
}

export interface SourceDocument {
  id: string;
  /** Path relative to the brief root. */
  file: string;
  meta: DocumentMeta;
  /** The formatted reference; absent from models made without one, whose renderers fall back to `meta`. */
  reference?: Reference;
  /** False when documents.yaml has no entry and the title came from the first line. */
  hasEntry: boolean;
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** Citations of this document, in source order. */
  citationIds: string[];
  /** The document's full text as decoded (anchors are offsets into it). */
  text: string;
  /**
   * Stretches of `text` that are not the article: page furniture (link lists, adverts, "You may also like",
   * promotions) or a block the document repeats. Character offsets, in order; absent when none were found.
   */
  furniture?: FurnitureRange[];
}

/** A stretch of a document's text that is not the article itself. */
export interface FurnitureRange {
  /** Character offsets into the document's text, `end` exclusive. */
  start: number;
  end: number;
  /** `repeated`: a block the document holds more than once; `furniture`: links, adverts, promotions. */
  kind: 'repeated' | 'furniture';
}

export interface BriefMeta {
  title: string;
  subtitle?: string;
  author?: string;
  date?: DateValue;
  /** BCP 47 language tag; `en` when not given. */
  lang: string;
  /** Paper size of the PDF; `a4` when not given. */
  paper: 'a4' | 'letter';
  /** `archive` asks for a PDF/A file with the cited documents attached. */
  pdf?: 'archive';
  /** Print the claims review table after Sources (front matter `review: true`); default: not printed. */
  review?: boolean;
}

export interface Verification {
  documents: number;
  citations: number;
  quotes: number;
  /** Quotes found verbatim in their document (as typed, or as a person accepted); a changed quote is not, until accepted. */
  quotesVerified: number;
  warnings: number;
  errors: number;
}

export interface Brief {
  meta: BriefMeta;
  /** The prose before the first `#` section. */
  summary: Markdown;
  chronology: {
    /** The prose of a `# Chronology` section written in brief.md, if any. */
    intro: Markdown;
    years: YearGroup[];
  };
  humanRights: {
    /** The prose of the `# Human rights` section, if any. */
    intro: Markdown;
    /** Events tagged `human-rights`, in chronological order. */
    eventIds: string[];
  };
  /** Other `#` sections of brief.md, in file order. */
  sections: Section[];
  /** All events in chronological order (start date, ties in file order). */
  events: Event[];
  /** All citations in source order. */
  citations: Citation[];
  /** Cited documents, in order of first citation. */
  documents: SourceDocument[];
  /** Footnote definitions by label, shared across the brief (GFM footnotes). */
  footnotes: Record<string, Markdown>;
  verification: Verification;
}
