import CSL from 'citeproc';
import { formatReferences } from '/work/main/dist/src/model/bibliography.js';
import { readFileSync } from 'node:fs';
import { parse } from '/work/main/node_modules/yaml/dist/index.js';
const refs = parse(readFileSync('/tmp/syn-1000/sources/documents.yaml','utf8')).references;
const entries = refs.map(r => ({ id: r.id, meta: { title: r.title }, csl: r }));
const base = JSON.stringify([...formatReferences(entries)]);
if (process.argv[2]) { const c = new Intl.Collator('en-US', { sensitivity: 'base', ignorePunctuation: true, numeric: true }); CSL.stringCompare = c.compare; }
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = formatReferences(entries); console.log(Math.round(performance.now()-t), JSON.stringify([...r]) === base); }
