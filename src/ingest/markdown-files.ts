import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInsideRoot } from './read-docs-file.ts';

const MARKDOWN = /\.mdx?$/i;

/**
 * Relative POSIX paths of the `.md`/`.mdx` files below `dir`, sorted. Skips `node_modules`,
 * dot-files and dot-directories, and `_`-prefixed files and directories (Docusaurus partials,
 * which its default `exclude` also leaves out). Symlinks are followed only when they resolve
 * inside `dir`, so a link cannot pull in files from elsewhere, and each real directory is read once.
 */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  const root = await realpath(dir);
  const found: string[] = [];
  const visited = new Set<string>([root]);

  async function walk(absolute: string, relative: string): Promise<void> {
    const entries = await readdir(absolute, { withFileTypes: true });
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.') || name.startsWith('_') || name === 'node_modules') continue;
      const childAbsolute = path.join(absolute, name);
      const childRelative = relative ? `${relative}/${name}` : name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await realpath(childAbsolute).catch(() => null);
        if (!target || !isInsideRoot(root, target)) continue;
        const info = await stat(target);
        if (info.isDirectory() && visited.has(target)) continue;
        if (info.isDirectory()) visited.add(target);
        isDirectory = info.isDirectory();
        isFile = info.isFile();
      }
      if (isDirectory) await walk(childAbsolute, childRelative);
      else if (isFile && MARKDOWN.test(name)) found.push(childRelative);
    }
  }

  await walk(root, '');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
