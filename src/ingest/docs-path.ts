import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, badRequest } from '../errors.ts';
import { isInsideRoot } from './read-docs-file.ts';

/** A path under DOCS_DIR after the traversal checks. */
export interface ResolvedDocsPath {
  /** Absolute real path of the file or directory. */
  absolute: string;
  /** POSIX path relative to DOCS_DIR ('' for DOCS_DIR itself). */
  relative: string;
  isDirectory: boolean;
}

const MARKDOWN = /\.mdx?$/i;

/** True for `.md` / `.mdx` file names. */
export const isMarkdownFile = (name: string): boolean => MARKDOWN.test(name);

/**
 * Resolves a client-supplied path against DOCS_DIR, refusing absolute paths, `..` escapes and
 * symlinks whose target lies outside DOCS_DIR (all 400), and missing paths (404).
 */
export async function resolveDocsPath(docsDir: string, requested: string): Promise<ResolvedDocsPath> {
  const cleaned = requested.trim().replaceAll('\\', '/');
  if (cleaned.includes('\0'))
    throw badRequest('path must not contain NUL bytes', [{ path: 'path', message: 'invalid character' }]);
  if (path.posix.isAbsolute(cleaned) || /^[A-Za-z]:/.test(cleaned)) {
    throw badRequest('path must be relative to DOCS_DIR', [
      { path: 'path', message: 'absolute paths are not allowed' },
    ]);
  }
  const normalized = path.posix.normalize(cleaned === '' ? '.' : cleaned);
  if (normalized === '..' || normalized.startsWith('../')) {
    throw badRequest('path escapes DOCS_DIR', [{ path: 'path', message: '".." may not leave DOCS_DIR' }]);
  }
  let root: string;
  try {
    root = await fs.realpath(docsDir);
  } catch {
    throw new AppError('not_found', 'DOCS_DIR does not exist on the server');
  }
  let real: string;
  try {
    real = await fs.realpath(path.join(root, normalized));
  } catch {
    throw new AppError('not_found', `no such file or directory under DOCS_DIR: ${normalized}`);
  }
  if (!isInsideRoot(root, real)) {
    throw badRequest('path leads outside DOCS_DIR', [
      { path: 'path', message: 'symlinks may not leave DOCS_DIR' },
    ]);
  }
  const stat = await fs.stat(real);
  if (!stat.isDirectory() && !isMarkdownFile(real)) {
    throw badRequest('only .md and .mdx files can be ingested', [
      { path: 'path', message: 'not a .md/.mdx file' },
    ]);
  }
  const relative = path.relative(root, real).split(path.sep).join('/');
  return { absolute: real, relative, isDirectory: stat.isDirectory() };
}
