// Progress of a long build on a terminal: after a second, one line that says which
// stage finished last, and while the PDF is laid out, which page it is on. Quiet
// when stderr is not a terminal (pipes, CI, files).
import type { Stage } from '../build.js';

const DELAY_MS = 1000;
/** The page count is redrawn at most this often. */
const PAGE_INTERVAL_MS = 100;
const NEXT: Record<Stage, string> = {
  read: 'parsing the markdown',
  parse: 'loading documents',
  documents: 'anchoring quotes',
  anchor: 'assembling the brief',
  model: 'rendering',
  html: 'rendering',
  pdf: 'rendering',
  json: 'rendering',
  timeline: 'rendering',
};

export interface Progress {
  onStage: (stage: Stage, milliseconds: number) => void;
  /** Told of each PDF page as it is started. */
  onPage: (page: number) => void;
  /** Clears the progress line before the build's own report is printed. */
  done: () => void;
}

export function progress(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>, delayMs = DELAY_MS): Progress {
  if (!stream.isTTY) return { onStage: () => {}, onPage: () => {}, done: () => {} };
  const started = performance.now();
  let shown = false;
  let pageShownAt = Number.NEGATIVE_INFINITY;
  const show = (line: string, elapsed: number): void => {
    shown = true;
    stream.write(`\r\x1b[Kbrief: ${line} (${(elapsed / 1000).toFixed(1)} s)`);
  };
  return {
    onStage(stage) {
      const elapsed = performance.now() - started;
      if (elapsed >= delayMs) show(`${stage} done, ${NEXT[stage]}…`, elapsed);
    },
    onPage(page) {
      const elapsed = performance.now() - started;
      if (elapsed < delayMs || elapsed - pageShownAt < PAGE_INTERVAL_MS) return;
      pageShownAt = elapsed;
      show(`laying out the PDF, page ${page.toLocaleString('en-US')}…`, elapsed);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
