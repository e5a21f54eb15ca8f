// `brief build|check|init`: arguments in, exit code out. Only this layer prints.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBrief, FORMATS, type BuildOptions, type BuildResult, type Format } from '../build.js';
import { summarizeChanges } from '../lock/changes.js';
import { LOCK_FILE } from '../lock/lock.js';
import { watch } from './watch.js';
import { formatDiagnostics } from '../diagnostics/report.js';
import { closest } from '../diagnostics/suggest.js';
import { initBrief, InitError } from './init.js';
import { progress } from './progress.js';
import { type Target, WriteError, writeTargets } from './write.js';

export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

const USAGE = `Usage:
  brief build [root] [--out DIR] [--format html,pdf,json,timeline] [--strict] [--accept] [--watch]
                                                             build the brief (default root: .)
  brief check [root] [--strict]                              validate sources, write nothing

  --strict   a quote whose source wording changed is an error, not a warning
  --accept   take the sources' current wording of changed quotes into brief.lock.json
  --watch    rebuild when sources/ or templates/ change; Ctrl+C to stop
  --pdf-standard PDF/A-3b   an archival PDF with the cited documents and the lock attached
  brief init DIR                                             start a new brief in DIR

Diagnostics are printed as path:line:column: severity: message [rule-id].
Exit codes: 0 built (warnings allowed), 1 errors in the brief (nothing written), 2 usage or internal error.`;

class UsageError extends Error {}
class OutputError extends Error {
  override name = 'OutputError';
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const say = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        format: { type: 'string' },
        strict: { type: 'boolean' },
        accept: { type: 'boolean' },
        watch: { type: 'boolean' },
        'pdf-standard': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (rest.length > 1) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
    switch (command) {
      case 'build': {
        const root = rest[0] ?? '.';
        const formats = parseFormats(values.format);
        const outDir = values.out ?? path.join(root, 'out');
        const options: BuildOptions = { formats, strict: values.strict ?? false, accept: values.accept ?? false };
        const standard = values['pdf-standard'];
        if (standard !== undefined) {
          if (standard.toUpperCase() !== 'PDF/A-3B') throw new UsageError(`--pdf-standard takes PDF/A-3b; got "${standard}"`);
          options.pdfStandard = 'PDF/A-3b';
        }
        if (values.watch) return await watch(root, options, (build) => publish(root, outDir, build, say), say);
        const shown = progress(io.stderr);
        const result = await buildBrief(root, { ...options, onStage: shown.onStage, onPage: shown.onPage });
        shown.done();
        return await publish(root, outDir, result, say);
      }
      case 'check': {
        if (values.out || values.format || values.accept || values.watch || values['pdf-standard']) throw new UsageError('check writes nothing: --out, --format, --accept and --watch belong to build');
        const shown = progress(io.stderr);
        const result = await buildBrief(rest[0] ?? '.', { formats: [], strict: values.strict ?? false, onStage: shown.onStage });
        shown.done();
        report(result, say);
        return result.diagnostics.some((d) => d.severity === 'error') ? EXIT.content : EXIT.ok;
      }
      case 'init': {
        const dir = rest[0];
        if (!dir) throw new UsageError('init needs the folder to create the brief in: brief init DIR');
        const files = await initBrief(dir).catch((error: unknown) => {
          if (error instanceof WriteError) throw new OutputError(`cannot start a brief in ${dir}: ${error.message}; nothing was left behind`, { cause: error });
          throw error;
        });
        say(`brief: started a brief in ${dir}: ${files.map((f) => path.relative(dir, f)).join(', ')}\nbuild it with: brief build ${dir}`);
        return EXIT.ok;
      }
      case undefined:
        throw new UsageError('a command is needed');
      default: {
        const meant = closest(command, ['build', 'check', 'init'], 2);
        throw new UsageError(`unknown command "${command}"${meant ? `; did you mean "${meant}"?` : ''}`);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InitError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`brief: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof OutputError) {
      say(`brief: ${error.message}`);
      return EXIT.usage;
    }
    say(`brief: internal error: ${(error as Error).stack ?? String(error)}`);
    return EXIT.usage;
  }
}

/** Reports a build and, when it succeeded, writes its outputs and the lock. Returns the exit code. */
async function publish(root: string, outDir: string, result: BuildResult, say: (text: string) => void): Promise<number> {
  report(result, say);
  if (result.lock === undefined) return EXIT.content;
  const targets: Target[] = [...result.outputs.map((output) => ({ dir: outDir, ...output })), { dir: root, name: LOCK_FILE, data: result.lock }];
  const written = await writeTargets(targets).catch((error: unknown) => {
    if (!(error instanceof WriteError)) throw error;
    const advice = error.file === path.join(root, LOCK_FILE) ? 'Check that the brief folder can be written' : 'Check the folder, or choose another with --out';
    throw new OutputError(`cannot write ${displayPath(error.file)}: ${error.reason}; nothing was replaced: the outputs and ${LOCK_FILE} are as they were. ${advice}`, { cause: error });
  });
  // The outputs, then the lock: only the outputs are named.
  say(`brief: wrote ${written.slice(0, result.outputs.length).map(displayPath).join(', ')}`);
  return EXIT.ok;
}

/** Relative to the working folder when inside it, else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}

function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return [...FORMATS];
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) throw new UsageError(`--format takes a list of ${FORMATS.join(', ')}; got "${value}"`);
  return formats as Format[];
}

function report(result: BuildResult, say: (text: string) => void): void {
  if (result.diagnostics.length > 0) say(formatDiagnostics(result.diagnostics));
  const v = result.brief?.verification;
  if (!v) return;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const problems = v.errors > 0 ? `${plural(v.errors, 'error')}, ${plural(v.warnings, 'warning')}` : plural(v.warnings, 'warning');
  if (result.changes) say(`brief: since the lock: ${summarizeChanges(result.changes, v.quotes - result.changes.citations.length)}`);
  say(`brief: ${plural(v.documents, 'document')}, ${plural(v.citations, 'citation')}, ${v.quotesVerified} of ${plural(v.quotes, 'quote')} verified; ${problems}`);
}
