// model → PDF bytes: open a PDFKit document with the embedded fonts, lay the
// briefing out, add page furniture, and collect the output in memory.
import PDFDocument from 'pdfkit';
import type { Brief } from '../../model/types.js';
import { renderBriefing } from './briefing.js';
import { createContext } from './context.js';
import { Flow } from './flow.js';
import { fontDirectory, fontFile } from './fonts.js';
import { renderFurniture } from './furniture.js';
import type { PdfOptions } from './options.js';
import { Typesetter } from './text.js';
import { page, type } from './theme.js';

function documentInfo(brief: Brief, date: Date): PDFKit.DocumentInfo {
  const { meta } = brief;
  return {
    Title: meta.title,
    ...(meta.author ? { Author: meta.author } : {}),
    ...(meta.subtitle ? { Subject: meta.subtitle } : {}),
    Creator: 'brief',
    Producer: 'brief (PDFKit)',
    CreationDate: date,
    ModDate: date,
  };
}

/** Renders the briefing as a PDF. A pure function of the model (and `options.date`). */
export async function renderPdf(brief: Brief, options: PdfOptions = {}): Promise<Uint8Array> {
  const date = options.date ?? new Date();
  const fonts = fontDirectory();
  const doc = new PDFDocument({
    size: page.size,
    margins: { ...page.margins },
    bufferPages: true,
    font: fontFile(fonts, type.body),
    lang: brief.meta.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: documentInfo(brief, date),
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  try {
    const flow = new Flow(new Typesetter(doc, fonts));
    const context = createContext(brief, flow);
    renderBriefing(context);
    renderFurniture(context);
    doc.end();
    await finished;
  } catch (error) {
    throw new Error(`could not render the PDF of “${brief.meta.title}”`, { cause: error });
  }
  return new Uint8Array(Buffer.concat(chunks));
}
