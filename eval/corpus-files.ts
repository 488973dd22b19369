import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Markdown/MDX files under `docsDir`, as sorted paths relative to it with `/` separators. */
export async function listFiles(docsDir: string): Promise<string[]> {
  const entries = await readdir(docsDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => path.relative(docsDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
