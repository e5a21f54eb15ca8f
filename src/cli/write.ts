// Outputs are written next to their final place and renamed over it, so a
// failed or interrupted build never leaves a truncated or missing output.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Output } from '../build.js';

export async function writeOutputs(outDir: string, outputs: readonly Output[]): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const staged: Array<{ temp: string; final: string }> = [];
  try {
    for (const output of outputs) {
      const final = path.join(outDir, output.name);
      const temp = path.join(outDir, `.${output.name}.${process.pid}.tmp`);
      await writeFile(temp, output.data);
      staged.push({ temp, final });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  try {
    for (const { temp, final } of staged) await rename(temp, final);
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw error;
  }
  return staged.map(({ final }) => final);
}
