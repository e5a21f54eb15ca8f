// `npm run bench`: how long each stage of a build takes on the default brief, a watch
// rebuild after a one-line edit, and peak memory.
// Targets live here, never in timed tests.
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildBrief, createCache, type Format, type Stage } from '../src/build.js';
import { packageRoot } from '../src/paths.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const root = packageRoot();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function measure(label: string, formats: readonly Format[] | undefined) {
  const stages = new Map<Stage, number[]>();
  const totals: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const seen = new Map<Stage, number>();
    const start = performance.now();
    const result = await buildBrief(root, { ...(formats ? { formats } : {}), onStage: (stage, ms) => seen.set(stage, ms) });
    const total = performance.now() - start;
    if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${label}: the default brief has errors`);
    if (run === 0) continue; // warm-up: module loading and JIT
    totals.push(total);
    for (const [stage, ms] of seen) stages.set(stage, [...(stages.get(stage) ?? []), ms]);
  }
  return { label, total: median(totals), stages: new Map([...stages].map(([stage, values]) => [stage, median(values)])) };
}

/** A watch session's rebuild after a one-line edit to one document, on a copy of the default brief. */
async function watchRebuild(label: string, formats: readonly Format[]) {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'brief-bench-'));
  await cp(path.join(root, 'sources'), path.join(copy, 'sources'), { recursive: true });
  const document = path.join(copy, 'sources', 'documents', 'mishra-2025.txt');
  const cache = createCache();
  await buildBrief(copy, { formats, cache });
  const stages = new Map<Stage, number[]>();
  const totals: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    await appendFile(document, `\nA line added by the benchmark, run ${run}.`);
    const seen = new Map<Stage, number>();
    const start = performance.now();
    const result = await buildBrief(copy, { formats, cache, onStage: (stage, ms) => seen.set(stage, ms) });
    const total = performance.now() - start;
    if (result.diagnostics.some((d) => d.severity === 'error')) throw new Error(`${label}: errors after the edit`);
    if (run === 0) continue;
    totals.push(total);
    for (const [stage, ms] of seen) stages.set(stage, [...(stages.get(stage) ?? []), ms]);
  }
  await rm(copy, { recursive: true, force: true });
  return { label, total: median(totals), stages: new Map([...stages].map(([stage, values]) => [stage, median(values)])) };
}

const rows = [await measure('check (no outputs)', []), await measure('html', ['html']), await measure('pdf', ['pdf']), await measure('html + pdf + json', undefined),
  await watchRebuild('watch rebuild, html (target < 150)', ['html']),
  await watchRebuild('watch rebuild, html + pdf (target < 500)', ['html', 'pdf']),
];
const stageNames: Stage[] = ['read', 'parse', 'documents', 'anchor', 'model', 'html', 'pdf', 'json'];
const cell = (ms: number | undefined) => (ms === undefined ? '' : ms.toFixed(1));

console.log(`Default brief (${path.relative(process.cwd(), root) || '.'}), median of ${RUNS} warm runs, milliseconds\n`);
console.log(`| build | total | ${stageNames.join(' | ')} |`);
console.log(`| --- | ---: | ${stageNames.map(() => '---:').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.label} | ${cell(row.total)} | ${stageNames.map((s) => cell(row.stages.get(s))).join(' | ')} |`);
console.log(`\nPeak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
