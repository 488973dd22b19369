import type { StoredChunk } from '../../domain/store.ts';

/**
 * A page's text rebuilt from its chunks in document order: each section's heading (the last part
 * of the chunk's heading path, at the path's depth) once, then its passages.
 */
export function pageText(chunks: StoredChunk[]): string {
  const parts: string[] = [];
  let heading: string | null = null;
  for (const chunk of chunks) {
    if (chunk.heading !== heading) {
      heading = chunk.heading;
      const path = heading.split(' > ');
      const title = path.at(-1)?.trim();
      if (title) parts.push(`${'#'.repeat(Math.min(path.length, 6))} ${title}`);
    }
    parts.push(chunk.text.trim());
  }
  return parts.join('\n\n');
}
