// Scale benchmark: synthetic briefs of 100, 1,000 and 10,000 events citing 1,000
// documents of about 5 KB, two quotes per event. Each size is checked and built
// (HTML + PDF) in a child process of its own, so peak memory is that build's;
// each build runs three times and the run of median time is reported (one run
// of a build varies by up to a second here).
// Prints a markdown table of the time of each stage, the peak memory, and how
// time grows per 10× events; then, when pandoc is installed, the same 1,000-event
// brief through `pandoc --citeproc` and Chromium's print to PDF, for comparison.
// Targets live here, never in timed tests.
//
//   node dist/bench/scale.js                 all sizes
//   BENCH_SIZES=100,1000 node dist/bench/scale.js
//   BENCH_RUNS=1 node dist/bench/scale.js    one run per build
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBrief, type Format } from '../src/build.js';
import { writeSyntheticBrief } from './synthetic.js';

const DOCUMENTS = 1_000;
const DOCUMENT_BYTES = 5_000;
const QUOTES_PER_EVENT = 2;
const SIZES = (process.env['BENCH_SIZES'] ?? '100,1000,10000').split(',').map(Number);
const PEER_SIZE = 1_000;
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3) || 3);
/** Headless Chromium at its quickest: no first-run setup, no background fetches, updates or sync while it prints. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const MODES = { check: [], 'html + pdf': ['html', 'pdf'] } as const satisfies Record<string, readonly Format[]>;
type Mode = keyof typeof MODES;

/** Targets on the reference machine (2 cores). */
const TARGETS = { buildSeconds: 20, buildMegabytes: 1536, checkSeconds: 3, growthPer10x: 12 };

interface Measured {
  /** Milliseconds of the build, and of the whole process (start-up and module loading included). */
  total: number;
  wall?: number;
  stages: Record<string, number>;
  maxRssMegabytes: number;
  /** Milliseconds of CPU the whole child used, every thread (the collector's and compiler's helpers too). */
  cpu: number;
  errors: string[];
}

const self = fileURLToPath(import.meta.url);
/** The Node flags of the CLI's first line (`#!/usr/bin/env -S node …`), so each build runs as `brief build` does. */
const cliFlags = (readFileSync(fileURLToPath(new URL('../src/cli/bin.js', import.meta.url)), 'utf8').split('\n')[0] ?? '').split(/\s+/).filter((word) => word.startsWith('--'));

if (process.argv[2] === '--child') {
  // One build, measured in a process of its own.
  const [root, mode] = [process.argv[3]!, process.argv[4] as Mode];
  const stages: Record<string, number> = {};
  const start = performance.now();
  const result = await buildBrief(root, { formats: MODES[mode], onStage: (stage, ms) => (stages[stage] = (stages[stage] ?? 0) + ms) });
  const total = performance.now() - start;
  const cpu = process.cpuUsage();
  const measured: Measured = {
    total,
    stages,
    maxRssMegabytes: process.resourceUsage().maxRSS / 1024,
    cpu: (cpu.user + cpu.system) / 1000,
    errors: result.diagnostics.filter((d) => d.severity === 'error').slice(0, 5).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
  };
  process.stdout.write(JSON.stringify(measured));
} else {
  await main();
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'brief-scale-'));
  try {
    const rows: Array<{ events: number; mode: Mode; measured: Measured }> = [];
    const roots = new Map<number, string>();
    for (const events of SIZES) {
      const root = path.join(work, `events-${events}`);
      await writeSyntheticBrief(root, { events, documents: DOCUMENTS, documentBytes: DOCUMENT_BYTES, quotesPerEvent: QUOTES_PER_EVENT });
      roots.set(events, root);
      for (const mode of Object.keys(MODES) as Mode[]) {
        const runs: Measured[] = [];
        for (let index = 0; index < RUNS; index++) {
          const start = performance.now();
          const run = spawnSync(process.execPath, [...cliFlags, self, '--child', root, mode], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
          const wall = performance.now() - start;
          if (run.status !== 0) throw new Error(`${events} events, ${mode}: exit ${run.status}\n${run.stderr}`);
          const measured = { ...(JSON.parse(run.stdout) as Measured), wall };
          if (measured.errors.length > 0) throw new Error(`${events} events, ${mode}: the synthetic brief has errors:\n${measured.errors.join('\n')}`);
          runs.push(measured);
        }
        rows.push({ events, mode, measured: median(runs, (run) => run.wall ?? run.total) });
      }
    }
    printTable(rows);
    printTargets(rows);
    const peerRoot = roots.get(PEER_SIZE);
    const ours = rows.find((row) => row.events === PEER_SIZE && row.mode === 'html + pdf');
    if (peerRoot && ours) comparePeer(peerRoot, work, ours.measured.wall ?? ours.measured.total);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function printTable(rows: Array<{ events: number; mode: Mode; measured: Measured }>): void {
  const stageNames = [...new Set(rows.flatMap((row) => Object.keys(row.measured.stages)))];
  const seconds = (ms: number | undefined) => (ms === undefined ? '' : (ms / 1000).toFixed(2));
  console.log(
    `Synthetic briefs: ${DOCUMENTS.toLocaleString('en-US')} documents of ~${DOCUMENT_BYTES / 1000} KB, ${QUOTES_PER_EVENT} quotes per event; one child process per build; the run of median process time of ${RUNS}; seconds (process: the whole child, start-up included; total: buildBrief; CPU: the child's, all threads; from 1,000 citations the HTML is made in a worker thread while the PDF is drawn, and its column is then the time the build waited for it after the PDF)\n`,
  );
  console.log(`| events | build | process | total | ${stageNames.join(' | ')} | CPU | peak RSS (MB) | time ×, per 10× events |`);
  console.log(`| ---: | --- | ---: | ---: | ${stageNames.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
  for (const row of rows) {
    const previous = rows.find((other) => other.mode === row.mode && other.events * 10 === row.events);
    const growth = previous ? `${(row.measured.total / previous.measured.total).toFixed(1)}×` : '';
    const stages = stageNames.map((stage) => seconds(row.measured.stages[stage]));
    console.log(
      `| ${row.events.toLocaleString('en-US')} | ${row.mode} | ${seconds(row.measured.wall)} | ${seconds(row.measured.total)} | ${stages.join(' | ')} | ${seconds(row.measured.cpu)} | ${row.measured.maxRssMegabytes.toFixed(0)} | ${growth} |`,
    );
  }
}

function printTargets(rows: Array<{ events: number; mode: Mode; measured: Measured }>): void {
  const largest = Math.max(...rows.map((row) => row.events));
  const at = (mode: Mode, events = largest) => rows.find((row) => row.mode === mode && row.events === events)?.measured;
  const lines: string[] = [];
  const build = at('html + pdf');
  const check = at('check');
  if (largest >= 10_000 && build && check) {
    // The whole process, as a user waits for `brief build` and `brief check`.
    const buildSeconds = (build.wall ?? build.total) / 1000;
    const checkSeconds = (check.wall ?? check.total) / 1000;
    lines.push(verdict(`${largest.toLocaleString('en-US')} events, HTML + PDF under ${TARGETS.buildSeconds} s`, buildSeconds < TARGETS.buildSeconds, `${buildSeconds.toFixed(1)} s`));
    lines.push(verdict(`${largest.toLocaleString('en-US')} events, HTML + PDF under ${TARGETS.buildMegabytes} MB`, build.maxRssMegabytes < TARGETS.buildMegabytes, `${build.maxRssMegabytes.toFixed(0)} MB`));
    lines.push(verdict(`${largest.toLocaleString('en-US')} events, check under ${TARGETS.checkSeconds} s`, checkSeconds < TARGETS.checkSeconds, `${checkSeconds.toFixed(1)} s`));
  }
  for (const row of rows) {
    const previous = at(row.mode, row.events / 10);
    if (!previous) continue;
    const growth = row.measured.total / previous.total;
    lines.push(verdict(`${row.mode}: ${(row.events / 10).toLocaleString('en-US')} → ${row.events.toLocaleString('en-US')} events at most ${TARGETS.growthPer10x}× the time`, growth <= TARGETS.growthPer10x, `${growth.toFixed(1)}×`));
  }
  if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
}

function verdict(target: string, passed: boolean, actual: string): string {
  return `${passed ? 'passed' : 'FAILED'}: ${target} (${actual})`;
}

/** pandoc --citeproc to HTML, then Chromium's print to PDF: what users would otherwise use. Only when both are installed. */
function comparePeer(root: string, work: string, oursMilliseconds: number): void {
  const pandoc = which('pandoc');
  const chromium = which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
  if (!pandoc || !chromium) {
    console.log(`\nPeer comparison skipped: ${!pandoc ? 'pandoc' : 'Chromium'} is not installed.`);
    return;
  }
  const html = path.join(work, 'peer.html');
  const pdf = path.join(work, 'peer.pdf');
  const time = (command: string, args: string[]) => {
    const start = performance.now();
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root });
    return performance.now() - start;
  };
  const runs = Array.from({ length: RUNS }, () => {
    const toHtml = time(pandoc, ['sources/brief.md', '--citeproc', '--bibliography', 'sources/documents.yaml', '--standalone', '-o', html]);
    const toPdf = time(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(work, 'chromium-profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`]);
    return { toHtml, toPdf };
  });
  const { toHtml, toPdf } = median(runs, (run) => run.toHtml + run.toPdf);
  const peer = toHtml + toPdf;
  console.log(`\nPeer, ${PEER_SIZE.toLocaleString('en-US')} events: pandoc --citeproc to HTML ${(toHtml / 1000).toFixed(2)} s + Chromium print to PDF ${(toPdf / 1000).toFixed(2)} s = ${(peer / 1000).toFixed(2)} s; brief (HTML + PDF, quotes verified, whole process) ${(oursMilliseconds / 1000).toFixed(2)} s; the peer takes ${(peer / oursMilliseconds).toFixed(2)}× our time`);
}

/** The run of median `time` (the lower middle one of an even number). */
function median<T>(runs: readonly T[], time: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => time(a) - time(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
