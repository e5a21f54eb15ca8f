// `brief init DIR`: a small brief root that builds cleanly, to start from.
import { lstat, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeFolder, reasonOf, WriteError } from './write.js';

const BRIEF = `---
title: A new brief
subtitle: What it is about, in one line
author: Your name
date: 2025-07
lang: en
---

One or two paragraphs that sum up the brief. Every claim cites a verbatim quote
from a document in \`sources/documents/\` [@example-report, "the council approved the plan"].

# Chronology

Events are headings that start with a date (EDTF: 2025, 2025-07, 2025-07-03,
1979-12/1989-02, 2015~ for "about").

## 2025-06-12 — The plan is published
Tags: planning
Place: Springfield

The council published its plan for the river district
[@example-report, "published its plan for the river district on 12 June 2025"].

## 2025-07-01 — The council approves the plan
Tags: planning, human-rights
Place: Springfield

The council approved the plan, with a promise to rehouse every family
[@example-report, "every family will be offered a new home"].

# Human rights

Events tagged \`human-rights\` are listed here as well as in the chronology.
`;

const DOCUMENT = `Springfield council approves river district plan

The city council of Springfield published its plan for the river district on 12 June 2025.
After two weeks of hearings, the council approved the plan on 1 July 2025. Officials said
that every family will be offered a new home before work begins.
`;

const METADATA = `# CSL-YAML: one entry per file in documents/, id = file name without extension.
# Write only what the document itself states; leave unknown fields out.
- id: example-report
  title: Springfield council approves river district plan
  container-title: Springfield Gazette
  issued:
    date-parts: [[2025, 7, 1]]
`;

/** Writes the starting files, or none: on a refusal (a `WriteError`), what it made is taken away again. */
export async function initBrief(dir: string): Promise<string[]> {
  const files: Array<[string, string]> = [
    ['sources/brief.md', BRIEF],
    ['sources/documents/example-report.txt', DOCUMENT],
    ['sources/documents.yaml', METADATA],
  ];
  for (const [file] of files) {
    const target = path.join(dir, file);
    const exists = await lstat(target).then(() => true, () => false);
    if (exists) throw new InitError(`${target} already exists; brief init only starts new briefs`);
  }
  const folders: string[] = [];
  const written: string[] = [];
  try {
    for (const [file, text] of files) {
      const target = path.join(dir, file);
      folders.push(...(await makeFolder(path.dirname(target))));
      await writeFile(target, text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw new WriteError(target, reasonOf(error), { cause: error });
      });
      written.push(target);
    }
  } catch (error) {
    for (const file of written) await rm(file, { force: true });
    for (const folder of folders.reverse()) await rmdir(folder).catch(() => undefined);
    throw error;
  }
  return written;
}

export class InitError extends Error {}
