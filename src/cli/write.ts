// Outputs and the lock are written as one: each next to its final place first,
// then renamed over it, the files they replace kept until every rename has
// worked. A failed or interrupted build never leaves a truncated, missing or
// mixed set of outputs (new pages beside an old lock).
import { copyFile, link, lstat, mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Target {
  /** The folder the file goes in; made when missing. */
  dir: string;
  name: string;
  data: string | Uint8Array;
}

/** A file or folder that could not be written, and why, in words. */
export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot write ${file}: ${reason}`, options);
  }
}

/**
 * Writes every target or none: when one cannot be written, the files already
 * replaced are put back and the error names the file at fault. Returns the
 * paths written.
 */
export async function writeTargets(targets: readonly Target[]): Promise<string[]> {
  for (const dir of new Set(targets.map((target) => target.dir))) await makeFolder(dir);
  const staged = targets.map((target, index) => ({
    final: path.join(target.dir, target.name),
    temp: path.join(target.dir, `.${target.name}.${process.pid}.tmp`),
    backup: path.join(target.dir, `.${target.name}.${process.pid}.${index}.old`),
    data: target.data,
    kept: false,
    replaced: false,
  }));
  try {
    for (const file of staged) {
      await writeFile(file.temp, file.data).catch(failed(file.final));
      const existing = await lstat(file.final).catch(() => undefined);
      if (existing?.isDirectory()) throw new WriteError(file.final, 'it is a folder; move or remove it');
      if (existing) {
        await keep(file.final, file.backup).catch(failed(file.final));
        file.kept = true;
      }
    }
    for (const file of staged) {
      await rename(file.temp, file.final).catch(failed(file.final));
      file.replaced = true;
    }
  } catch (error) {
    for (const file of staged.filter((f) => f.replaced).reverse()) {
      await (file.kept ? rename(file.backup, file.final) : rm(file.final, { force: true })).catch(() => undefined);
      file.kept = false;
    }
    await Promise.all(staged.flatMap((file) => [rm(file.temp, { force: true }), file.kept ? rm(file.backup, { force: true }) : undefined]));
    throw error;
  }
  await Promise.all(staged.filter((file) => file.kept).map((file) => rm(file.backup, { force: true })));
  return staged.map((file) => file.final);
}

/**
 * Makes a folder and the missing ones above it, one level at a time:
 * `mkdir -p` in Node retries for ever where the system refuses a folder with
 * "no such file" (`/proc/x`), so the levels are walked here and any refusal
 * ends it. Returns the folders it made, outermost first.
 */
export async function makeFolder(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      // Not there, or a file above it: the walk up finds which.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw new WriteError(current, reasonOf(error), { cause: error });
    });
    if (found) {
      if (!found.isDirectory()) throw new WriteError(current, 'it is a file, not a folder');
      break;
    }
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  const made: string[] = [];
  try {
    for (const folder of missing) {
      await mkdir(folder).catch(failed(folder));
      made.push(folder);
    }
  } catch (error) {
    for (const folder of made.reverse()) await rmdir(folder).catch(() => undefined);
    throw error;
  }
  return missing;
}

/** A second name for the file it replaces (a copy where the file system has no hard links). */
async function keep(file: string, backup: string): Promise<void> {
  await link(file, backup).catch(() => copyFile(file, backup));
}

function failed(file: string): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    throw error instanceof WriteError ? error : new WriteError(file, reasonOf(error), { cause: error });
  };
}

/** The system's refusal in words. */
export function reasonOf(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of its path is a file, not a folder';
    case 'EEXIST':
      return 'it exists and is not a folder';
    case 'ENOENT':
      return 'the system does not allow it there';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return error.code ?? error.message;
  }
}
