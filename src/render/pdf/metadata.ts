// What the PDF says about itself: the document information (title, author,
// subject, keywords, dates) and the same again as XMP metadata (which PDF/A
// requires to agree with it). The file identifier is a digest of the file
// (./pdfkit-internals.ts).
import type { Brief } from '../../model/types.js';

/** The keywords of the PDF: every tag of the brief's events, once each, sorted. */
export function keywords(brief: Brief): string[] {
  return [...new Set(brief.events.flatMap((event) => event.tags))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function documentInfo(brief: Brief, date: Date): PDFKit.DocumentInfo {
  const { meta } = brief;
  const tags = keywords(brief);
  return {
    Title: meta.title,
    ...(meta.author ? { Author: meta.author } : {}),
    ...(meta.subtitle ? { Subject: meta.subtitle } : {}),
    ...(tags.length > 0 ? { Keywords: tags.join(', ') } : {}),
    Creator: 'brief',
    Producer: 'brief (PDFKit)',
    CreationDate: date,
    ModDate: date,
  };
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (value: unknown): string => String(value).replace(/[&<>"']/g, (char) => escapes[char] ?? char);
const xmpDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP descriptions of the document information (dates, Dublin Core, PDF properties), escaped. */
export function infoXmp(info: PDFKit.DocumentInfo & Record<string, unknown>, brief: Brief): string {
  const created = info.CreationDate instanceof Date ? info.CreationDate : new Date(0);
  const modified = info.ModDate instanceof Date ? info.ModDate : created;
  const alt = (value: unknown): string => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(value)}</rdf:li></rdf:Alt>`;
  const tags = keywords(brief);
  const dublinCore = [
    '<dc:format>application/pdf</dc:format>',
    info.Title ? `<dc:title>${alt(info.Title)}</dc:title>` : '',
    info.Author ? `<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    info.Subject ? `<dc:description>${alt(info.Subject)}</dc:description>` : '',
    tags.length > 0 ? `<dc:subject><rdf:Bag>${tags.map((tag) => `<rdf:li>${xml(tag)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>` : '',
    `<dc:language><rdf:Bag><rdf:li>${xml(brief.meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
  ];
  return [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(info.Creator ?? '')}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...dublinCore.filter((line) => line !== ''),
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${xml(info.Producer ?? '')}</pdf:Producer>`,
    info.Keywords ? `<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>` : '',
    '</rdf:Description>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
