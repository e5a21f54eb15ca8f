/** Options of `renderPdf`. */
export interface PdfOptions {
  /**
   * The moment written into the PDF's `CreationDate` and `ModDate` (and the
   * dates of attached files). Default: the time of the call. Pass a fixed date
   * for byte-identical builds.
   */
  date?: Date;
  /**
   * Write an archival PDF/A-3b file with the cited documents (and `lock`)
   * attached. Default: `PDF/A-3b` when the brief's front matter says
   * `pdf: archive`, else a plain PDF 1.7.
   */
  standard?: 'PDF/A-3b';
  /** The JSON text of the brief's lock of quotes, attached as `brief.lock.json` to an archival PDF. */
  lock?: string;
  /** Told of each page as the layout starts it (the contents and furniture are added at the end). */
  onPage?: (page: number) => void;
}
