import { formatReferences } from '/work/main/dist/src/model/bibliography.js';
import { readFileSync } from 'node:fs';
import { parse } from '/work/main/node_modules/yaml/dist/index.js';
const refs = parse(readFileSync('/tmp/syn-1000/sources/documents.yaml','utf8')).references;
const entries = refs.map(r => ({ id: r.id, meta: { title: r.title }, csl: r }));
for (let i = 0; i < 3; i++) { const t = performance.now(); formatReferences(entries); console.log(Math.round(performance.now()-t)); }
