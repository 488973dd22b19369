import type { StoredChunk } from '../../domain/store.ts';

/**
 * A page's text rebuilt from its chunks in document order: each section's heading (the last part
 * of the chunk's heading path, at the path's depth) once, then its passages. The page title
 * itself is left to the caller's header.
 */
export function pageText(chunks: StoredChunk[]): string {
  const parts: string[] = [];
  let heading: string | null = null;
  for (const chunk of chunks) {
    if (chunk.heading !== heading) {
      heading = chunk.heading;
      const path = heading.split(' > ');
      const title = path.at(-1)?.trim();
      const isPageTitle = path.length === 1 && title === chunk.title;
      if (title && !isPageTitle) parts.push(`${'#'.repeat(Math.min(path.length, 6))} ${title}`);
    }
    parts.push(chunk.text.trim());
  }
  return parts.join('\n\n');
}
