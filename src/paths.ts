// Where the tool's own files are, whether it runs compiled (dist/) or from source.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('brief: cannot find its package.json');
    dir = parent;
  }
  return dir;
}

export const defaultTemplatesDir = (): string => path.join(packageRoot(), 'templates');
