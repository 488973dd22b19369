import type { ChunkStore, StoredChunk } from '../../domain/store.ts';

const withoutTrailingSlashes = (path: string): string => {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  return path.slice(0, end);
};

/** A URL reduced to what identifies a page: no query, no fragment, no trailing slash. */
function pageKey(url: string): string | null {
  const absolute = URL.canParse(url);
  if (!absolute && !url.startsWith('/')) return null;
  const parsed = new URL(url, 'http://relative.invalid');
  const path = withoutTrailingSlashes(parsed.pathname);
  return absolute ? `${parsed.origin}${path}` : path;
}

/**
 * The source of the stored page `url` points at (a page URL, or a section URL with `#anchor`),
 * through the URLs stored with the documents; a site-relative path matches on the path alone.
 */
export async function sourceForUrl(
  store: ChunkStore,
  url: string,
  signal?: AbortSignal,
): Promise<string | null> {
  const wanted = pageKey(url);
  if (wanted === null) return null;
  const relative = wanted.startsWith('/');
  for (const document of await store.listDocuments(undefined, signal)) {
    if (!document.url) continue;
    const key = pageKey(document.url);
    const comparable = relative && key ? pageKey(new URL(key).pathname) : key;
    if (comparable === wanted) return document.source;
  }
  return null;
}

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
