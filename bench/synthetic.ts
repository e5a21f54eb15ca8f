// Writes a synthetic brief root for the scale benchmark: `events` events in
// sources/brief.md citing `documents` documents of about `documentBytes` each,
// `quotesPerEvent` verbatim quotes per event cut from the cited documents.
// Seeded, so every run writes the same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SyntheticOptions {
  events: number;
  documents: number;
  documentBytes: number;
  quotesPerEvent: number;
  seed?: number;
}

/** A small linear congruential generator: the same seed gives the same brief. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'mo', 'ri', 'tal', 'ban', 'se', 'du', 'lo', 'ne', 'vi', 'stan', 'ra', 'gor', 'ul', 'mes', 'ta', 'ho', 'zin', 'pe', 'ar'];
const PLACES = ['Moscow', 'Kabul', 'Doha', 'Islamabad', 'Tehran', 'Beijing', 'Tashkent', 'Geneva', 'New York', 'Kandahar'];
const ACTORS = ['Russia', 'Taliban', 'United Nations', 'China', 'Pakistan', 'Iran', 'Uzbekistan', 'Qatar', 'United States', 'European Union'];
const TAGS = ['diplomacy', 'security', 'trade', 'energy', 'migration', 'sanctions'];

export function documentId(n: number): string {
  return `doc-${String(n).padStart(4, '0')}`;
}

export async function writeSyntheticBrief(root: string, options: SyntheticOptions): Promise<void> {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const vocabulary = Array.from({ length: 3000 }, () => {
    const length = 1 + Math.floor(next() * 3);
    return Array.from({ length }, () => pick(SYLLABLES)).join('');
  });
  const sentence = (): string => {
    const words = Array.from({ length: 8 + Math.floor(next() * 12) }, () => pick(vocabulary));
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(' ')}${pick(['.', '.', '.', ';', '?'])}`;
  };

  const documentsDir = path.join(root, 'sources', 'documents');
  await mkdir(documentsDir, { recursive: true });
  // The documents' words, one list per document, to cut quotes from.
  const documentWords: string[][] = [];
  const references: string[] = ['references:'];
  for (let n = 0; n < options.documents; n++) {
    const id = documentId(n);
    const paragraphs: string[] = [];
    let size = 0;
    while (size < options.documentBytes) {
      const paragraph = Array.from({ length: 3 + Math.floor(next() * 4) }, sentence).join(' ');
      // Wrapped at about 72 columns, as text extracted from articles often is.
      const wrapped = paragraph.replace(/(.{1,72})(?: |$)/g, '$1\n').trimEnd();
      paragraphs.push(wrapped);
      size += wrapped.length + 2;
    }
    const text = `${sentence()}\n\n${paragraphs.join('\n\n')}\n`;
    documentWords.push(text.split(/\s+/).filter(Boolean));
    await writeFile(path.join(documentsDir, `${id}.txt`), text);
    const year = 1990 + (n % 36);
    references.push(
      `  - id: ${id}`,
      `    title: Report ${n} on ${pick(ACTORS)} and ${pick(ACTORS)}`,
      '    author:',
      `      - family: ${pick(vocabulary)}`,
      `        given: ${pick(vocabulary)}`,
      `    container-title: ${pick(['Example Wire', 'Daily Record', 'Policy Review'])}`,
      '    issued:',
      `      date-parts: [[${year}, ${1 + (n % 12)}, ${1 + (n % 28)}]]`,
      `    URL: https://example.org/${id}`,
    );
  }
  await writeFile(path.join(root, 'sources', 'documents.yaml'), `${references.join('\n')}\n`);

  const quote = (document: number): string => {
    const words = documentWords[document]!;
    const length = 6 + Math.floor(next() * 7);
    const start = Math.floor(next() * (words.length - length));
    return words.slice(start, start + length).join(' ').replace(/"/g, '');
  };
  const events: string[] = [];
  for (let i = 0; i < options.events; i++) {
    const year = 1979 + Math.floor(next() * 47);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const tags = [pick(TAGS), ...(next() < 0.1 ? ['human-rights'] : [])];
    const citations = Array.from({ length: options.quotesPerEvent }, (_, k) => {
      const document = (i * 7 + k * 13) % options.documents;
      return `[@${documentId(document)}, "${quote(document)}"]`;
    });
    const body = citations.map((citation) => `${sentence()} ${citation}`).join(' ');
    events.push(
      [
        `## ${date} — Event ${i + 1}: ${pick(vocabulary)} ${pick(vocabulary)} in ${pick(PLACES)}`,
        `Tags: ${tags.join(', ')}`,
        `Place: ${pick(PLACES)}`,
        `Actors: ${pick(ACTORS)}, ${pick(ACTORS)}`,
        '',
        body,
        '',
        `*${sentence()}*`,
        '',
      ].join('\n'),
    );
  }
  const brief = [
    '---',
    `title: A synthetic brief of ${options.events} events`,
    'subtitle: For the scale benchmark',
    'author: Benchmark',
    'date: 2025-07',
    '---',
    '',
    `${sentence()} ${sentence()}`,
    '',
    '# Chronology',
    '',
    sentence(),
    '',
    ...events,
    '# Human rights',
    '',
    sentence(),
    '',
    '# Analysis',
    '',
    Array.from({ length: 5 }, sentence).join(' '),
    '',
  ].join('\n');
  await writeFile(path.join(root, 'sources', 'brief.md'), brief);
}
