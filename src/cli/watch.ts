// `brief build --watch`: rebuild when anything under sources/ or templates/ changes.
// Debounced; one build at a time; a change during a build triggers exactly one
// more. A failed build reports and keeps the last good outputs; a bug stops.
import path from 'node:path';
import { watch as watchFiles } from 'chokidar';
import { buildBrief, createCache, type BuildOptions, type BuildResult } from '../build.js';

export const DEBOUNCE_MS = 80;

export async function watch(
  root: string,
  options: BuildOptions,
  publish: (result: BuildResult) => Promise<number>,
  say: (text: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  const cache = createCache();
  const folders = ['sources', 'templates'].map((folder) => path.join(root, folder));
  const build = async () => publish(await buildBrief(root, { ...options, cache }));

  await build().catch((error: Error) => say(`brief: ${error.message}`));
  const watcher = watchFiles(folders, { ignoreInitial: true });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  say(`brief: watching ${folders.map((f) => path.resolve(f)).join(' and ')}; Ctrl+C to stop`);

  return new Promise<number>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let pending = false;
    let stopped = false;

    const run = async (): Promise<void> => {
      const started = performance.now();
      try {
        const code = await build();
        say(`brief: rebuilt in ${Math.round(performance.now() - started)} ms${code === 0 ? '' : ' with errors; the last good outputs are kept'}`);
      } catch (error) {
        if ((error as Error).name === 'OutputError' || (error as NodeJS.ErrnoException).code) {
          say(`brief: ${(error as Error).message}`);
        } else {
          say(`brief: internal error: ${(error as Error).stack ?? String(error)}`);
          void stop(2);
          return;
        }
      }
      if (pending && !stopped) {
        pending = false;
        running = run();
        return running;
      }
      running = undefined;
    };

    const schedule = () => {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (running) pending = true;
        else running = run();
      }, DEBOUNCE_MS);
    };

    const stop = async (code: number) => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await running;
      await watcher.close();
      resolve(code);
    };
    const onSignal = () => void stop(0);

    watcher.on('all', schedule);
    watcher.on('error', (error) => say(`brief: watching failed: ${(error as Error).message}`));
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    signal?.addEventListener('abort', onSignal);
  });
}
