/** Options of `renderPdf`. */
export interface PdfOptions {
  /**
   * The moment written into the PDF's `CreationDate` and `ModDate`.
   * Default: the time of the call. Pass a fixed date for byte-identical builds.
   */
  date?: Date;
}
