/**
 * A document's content hash: what decides whether a page must be parsed again. Kept apart from
 * the parser so that the start-up sync of an unchanged book hashes without loading it.
 */
import { createHash } from 'node:crypto';
import type { DocumentInput } from '../domain/document.ts';

/** How documents are turned into chunks and linked to the public site. */
export interface PrepareOptions {
  /** Public base URL of the book; without it (and without `input.url`) chunk URLs are null. */
  siteUrl?: string | undefined;
  /** Docusaurus `routeBasePath`; default `docs`, '' or '/' for docs at the site root. */
  docsRouteBase?: string | undefined;
  /** Docusaurus `trailingSlash` of the site, when set. */
  trailingSlash?: boolean | undefined;
  /** Hard maximum chunk length in characters (default 2,500; packing target is 60 % of it). */
  maxChunkChars?: number | undefined;
}

/** Bump when parsing or chunking changes, so stored documents are re-chunked on the next sync. */
export const CHUNKER_VERSION = 2;

/**
 * Everything the prepared output depends on: raw text, overrides, metadata, and the options and
 * chunker version, so a changed SITE_URL or chunk size re-ingests instead of being skipped.
 */
export function documentHash(input: DocumentInput, options: PrepareOptions): string {
  const settings = stableJson({
    title: input.title ?? null,
    url: input.url ?? null,
    metadata: input.metadata ?? {},
    siteUrl: options.siteUrl ?? null,
    docsRouteBase: options.docsRouteBase ?? 'docs',
    trailingSlash: options.trailingSlash ?? null,
    maxChunkChars: options.maxChunkChars ?? null,
    chunker: CHUNKER_VERSION,
  });
  // The raw text is hashed as is rather than JSON-escaped: it is most of the bytes.
  return sha256Hex(`${settings}\n${input.text}`);
}

/** Hex SHA-256 of UTF-8 text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal data always hashes equally. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}
