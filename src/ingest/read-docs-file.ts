import { constants, type Stats } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError, badRequest } from '../errors.ts';

/**
 * No-follow (a last-component symlink fails with ELOOP instead of being followed) and
 * non-blocking (opening a FIFO returns at once instead of waiting for a writer).
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** True when `candidate` is `root` or below it (both absolute, real paths). */
export const isInsideRoot = (root: string, candidate: string): boolean => {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

const refused = (relative: string, why: string): AppError =>
  badRequest(`${relative}: ${why}`, [{ path: 'path', message: why }]);

/**
 * Where the opened file really is: Linux names it in /proc/self/fd, which cannot be raced.
 * Elsewhere the path is resolved again and must still be the very file opened (same device and inode).
 */
async function openedFileLocation(
  handle: FileHandle,
  opened: Stats,
  absolute: string,
): Promise<string | null> {
  const viaProc = await fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
  if (viaProc !== null) return viaProc;
  const real = await fs.realpath(absolute);
  const now = await fs.stat(real);
  return now.dev === opened.dev && now.ino === opened.ino ? real : null;
}

/**
 * Opens `absolute` and reads it as UTF-8 only if the file actually opened is a regular file inside
 * `root`. This is the check that holds even when a path component was swapped for a symlink after
 * any earlier check of the path; `label` names the file in errors.
 */
export async function readOpenedFileInside(root: string, absolute: string, label: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await fs.open(absolute, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw refused(label, 'is a symlink where a file was expected');
    if (code === 'ENOENT') throw new AppError('not_found', `no such file under DOCS_DIR: ${label}`);
    throw error;
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw refused(label, 'is not a regular file');
    const location = await openedFileLocation(handle, opened, absolute);
    if (location === null || !isInsideRoot(root, location)) throw refused(label, 'leads outside DOCS_DIR');
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Reads `relative` (a POSIX path under the real DOCS_DIR `root`). Symlinks that stay inside
 * DOCS_DIR are allowed: the path is resolved and its target opened without following again, then
 * the opened file is checked (not the path), so a symlink swapped in meanwhile cannot make ingest
 * read a file elsewhere, and a FIFO or device named `x.md` is refused instead of hanging ingest.
 */
export async function readDocsFile(root: string, relative: string): Promise<string> {
  let real: string;
  try {
    real = await fs.realpath(path.join(root, relative));
  } catch {
    throw new AppError('not_found', `no such file under DOCS_DIR: ${relative}`);
  }
  if (!isInsideRoot(root, real)) throw refused(relative, 'leads outside DOCS_DIR');
  return readOpenedFileInside(root, real, relative);
}
