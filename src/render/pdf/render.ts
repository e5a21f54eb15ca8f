// model → PDF bytes: open a tagged PDFKit document with the embedded fonts,
// lay the briefing out, add page furniture and (for an archive) the cited
// documents, and collect the output in memory. Everything that varies between
// runs in PDFKit (dates, the file identifier) is fixed from the inputs, so the
// same model and date give the same bytes.
import PDFDocument from 'pdfkit';
import type { Brief } from '../../model/types.js';
import { languageDirection } from '../direction.js';
import { archiveStandard, attachFiles, attachments } from './archive.js';
import { renderBriefing } from './briefing.js';
import { createContext } from './context.js';
import { Flow } from './flow.js';
import { fontFiles } from './fonts.js';
import { renderFurniture } from './furniture.js';
import { documentInfo, infoXmp } from './metadata.js';
import type { PdfOptions } from './options.js';
import { collectOutput, gatherPageContent, identifyByContent, releaseWrittenObjects, replaceInfoMetadata, replaceShaping, writeObjectsQuickly } from './pdfkit-internals.js';
import { shaperFor } from './shaping.js';
import { Tags } from './tags.js';
import { Typesetter } from './text.js';
import { pageGeometry, type } from './theme.js';

/** Renders the briefing as a PDF. A pure function of the model and the options. */
export async function renderPdf(brief: Brief, options: PdfOptions = {}): Promise<Uint8Array> {
  const date = options.date ?? new Date();
  const standard = options.standard ?? (brief.meta.pdf === 'archive' ? archiveStandard : undefined);
  const geometry = pageGeometry(brief.meta.paper);
  const fonts = fontFiles();
  const doc = new PDFDocument({
    size: geometry.size,
    margins: { ...geometry.margins },
    bufferPages: true,
    font: fonts.face(type.body),
    lang: brief.meta.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    tagged: true,
    ...(standard ? { subset: standard } : {}),
    info: documentInfo(brief, date),
  });
  const identify = identifyByContent(doc);
  replaceInfoMetadata(doc, (info) => infoXmp(info, brief));
  replaceShaping(doc, (file, text) => shaperFor(file).shape(text));
  const content = gatherPageContent(doc);
  releaseWrittenObjects(doc);
  writeObjectsQuickly(doc);
  const { onPage } = options;
  if (onPage) doc.on('pageAdded', () => onPage(doc.bufferedPageRange().count));
  const output = collectOutput(doc);
  // The file is collected by `output`; reading the stream lets it end.
  doc.resume();
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  try {
    const tags = new Tags(doc);
    const flow = new Flow(new Typesetter(doc, fonts, tags), geometry, languageDirection(brief.meta.lang));
    const context = createContext(brief, flow);
    renderBriefing(context);
    renderFurniture(context);
    tags.finish();
    if (standard) attachFiles(doc, attachments(brief, options.lock), date);
    await content.compress();
    doc.end();
    await finished;
  } catch (error) {
    throw new Error(`could not render the PDF of “${brief.meta.title}”`, { cause: error });
  } finally {
    await content.close();
  }
  const file = output();
  identify(file);
  return file;
}
