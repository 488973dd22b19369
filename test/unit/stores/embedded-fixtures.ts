import type { DocumentOrigin, PreparedDocument } from '../../../src/domain/document.ts';

/** One chunk of a test document. */
export interface Section {
  heading?: string;
  text: string;
}

/** A prepared document with one chunk per section (what the ingest pipeline would hand a store). */
export function makeDoc(
  source: string,
  sections: Section[],
  options: { title?: string; hash?: string; origin?: DocumentOrigin; url?: string | null } = {},
): PreparedDocument {
  const title = options.title ?? `Page ${source}`;
  return {
    source,
    origin: options.origin ?? 'docs',
    title,
    url: options.url === undefined ? `https://example.com/${source}` : options.url,
    hash: options.hash ?? `hash-of-${source}`,
    metadata: {},
    chunks: sections.map((section, index) => ({
      index,
      source,
      title,
      heading: section.heading ?? title,
      anchor: null,
      url: null,
      text: section.text,
      hash: `chunk-${index}`,
    })),
  };
}
