// Runs the compiled CLI as a user would (`npm test` compiles it first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(repoRoot, 'dist', 'src', 'cli', 'bin.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export function brief(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` (npm test does) before the tests`);
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    // A build that hangs fails its test (status -1) instead of holding up the whole run.
    timeout: 120_000,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** A fresh temporary folder, optionally holding a copy of a brief root's `sources/`. */
export async function tempRoot(copySourcesFrom?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'brief-test-'));
  if (copySourcesFrom) await cp(path.join(copySourcesFrom, 'sources'), path.join(dir, 'sources'), { recursive: true });
  return dir;
}
