/** A document as submitted for ingestion (one Markdown/MDX page or plain text). */
export interface DocumentInput {
  /** Stable id, e.g. `tutorial/body.md`; chunks are replaced per source. */
  source: string;
  /** Raw Markdown/MDX text, front matter included. */
  text: string;
  /** Title override; otherwise front matter `title`, first `# h1`, or the file name. */
  title?: string | undefined;
  /** Page URL override; otherwise computed from SITE_URL when set. */
  url?: string | undefined;
  /** Free-form metadata kept with the document. */
  metadata?: Record<string, unknown> | undefined;
}

/** One retrievable passage of a document. */
export interface Chunk {
  /** Position of the chunk within its document, from 0. */
  index: number;
  source: string;
  /** Page title. */
  title: string;
  /** Heading path, e.g. `Body > Request body`. */
  heading: string;
  /** Docusaurus-compatible anchor of the section, or null before the first heading. */
  anchor: string | null;
  /** Page URL plus `#anchor`, or null when no URL is known. */
  url: string | null;
  /** Clean passage text (Markdown with JSX tags and imports removed; code fences kept). */
  text: string;
  /** Hex SHA-256 of `text` plus heading: identifies the chunk's content. */
  hash: string;
}

/**
 * How a document entered the index: `docs` from DOCS_DIR (start-up sync, CLI, `{"path"}` ingest),
 * `api` as text sent to `/embed`. Only `docs` documents are pruned when their file is gone.
 */
export type DocumentOrigin = 'docs' | 'api';

/** A parsed and chunked document ready for a store. */
export interface PreparedDocument {
  source: string;
  /** How the document entered the index. */
  origin: DocumentOrigin;
  title: string;
  /** Page URL without anchor, or null. */
  url: string | null;
  /** Hex SHA-256 of the raw input (text + title/url overrides): unchanged hash means no work. */
  hash: string;
  metadata: Record<string, unknown>;
  chunks: Chunk[];
}
