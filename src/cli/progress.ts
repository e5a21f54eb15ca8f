// Progress of a long build on a terminal: after a second, one line that says which
// stage finished last. Quiet when stderr is not a terminal (pipes, CI, files).
import type { Stage } from '../build.js';

const DELAY_MS = 1000;
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
  /** Clears the progress line before the build's own report is printed. */
  done: () => void;
}

export function progress(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'>, delayMs = DELAY_MS): Progress {
  if (!stream.isTTY) return { onStage: () => {}, done: () => {} };
  const started = performance.now();
  let shown = false;
  return {
    onStage(stage) {
      const elapsed = performance.now() - started;
      if (elapsed < delayMs) return;
      shown = true;
      stream.write(`\r\x1b[Kbrief: ${stage} done, ${NEXT[stage]}… (${(elapsed / 1000).toFixed(1)} s)`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
