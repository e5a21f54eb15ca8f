// Text and links of a PDF as a reader's tools see them, through pdfjs-dist.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfContent {
  pages: string[];
  /** URIs of link annotations, in page order. */
  links: string[];
  /** Internal link annotations (to named destinations or pages). */
  internalLinks: number;
}

export async function readPdf(data: Uint8Array): Promise<PdfContent> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const links: string[] = [];
  let internalLinks = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join(''),
    );
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== 'Link') continue;
      if (annotation.url) links.push(annotation.url as string);
      else if (annotation.dest) internalLinks++;
    }
  }
  await pdf.destroy();
  return { pages, links, internalLinks };
}

/** Folds whitespace so words split across lines or text runs compare equal. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
