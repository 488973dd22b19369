import type { Database } from 'better-sqlite3';
import { pageUrlKey } from '../../domain/page-url.ts';
import { readMeta, writeMeta } from './meta.ts';

/** Bumped when the tables below change shape; recorded in `meta`. */
export const SCHEMA_VERSION = 2;

/** Name of the sqlite-vec table; created lazily because its dimension is only known later. */
export const VECTOR_TABLE = 'chunk_vectors';

/**
 * `chunks_fts` is an external-content FTS5 table: it indexes `chunks` without storing a second
 * copy of the text, and the triggers keep it in step inside the same transaction as the write.
 * Column order (title, heading, text) is the order of the bm25 weights.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  source TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  url TEXT,
  hash TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  chunk_count INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'api' CHECK (origin IN ('docs', 'api')),
  url_key TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  idx INTEGER NOT NULL,
  title TEXT NOT NULL,
  heading TEXT NOT NULL,
  anchor TEXT,
  url TEXT,
  text TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (source, idx)
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
  title, heading, text,
  content='chunks', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
  INSERT INTO chunks_fts(rowid, title, heading, text) VALUES (new.id, new.title, new.heading, new.text);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
  INSERT INTO chunks_fts(chunks_fts, rowid, title, heading, text)
  VALUES ('delete', old.id, old.title, old.heading, old.text);
END;
CREATE TRIGGER IF NOT EXISTS chunks_au AFTER UPDATE ON chunks BEGIN
  INSERT INTO chunks_fts(chunks_fts, rowid, title, heading, text)
  VALUES ('delete', old.id, old.title, old.heading, old.text);
  INSERT INTO chunks_fts(rowid, title, heading, text) VALUES (new.id, new.title, new.heading, new.text);
END;
`;

/**
 * Version 1 → 2: documents learn their origin and a comparable URL key. Documents indexed before
 * origins were recorded become `api`, which is never pruned: nothing is lost, and the next sync
 * re-records every page still in DOCS_DIR as `docs` (the origin is part of the content hash).
 */
function addOriginAndUrlKey(db: Database): void {
  db.exec(`ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'api' CHECK (origin IN ('docs', 'api'));
           ALTER TABLE documents ADD COLUMN url_key TEXT;`);
  const rows = db.prepare('SELECT source, url FROM documents WHERE url IS NOT NULL').all() as Array<{
    source: string;
    url: string;
  }>;
  const update = db.prepare('UPDATE documents SET url_key = ? WHERE source = ?');
  for (const row of rows) update.run(pageUrlKey(row.url), row.source);
}

/** Creates the tables if absent, upgrades older schemas and checks the recorded schema version. */
export function migrate(db: Database): void {
  db.transaction(() => {
    db.exec(DDL);
    const recorded = readMeta(db, 'schema_version');
    if (Number(recorded) > SCHEMA_VERSION) {
      throw new Error(
        `Index schema version ${recorded} is newer than this build supports (${SCHEMA_VERSION}); upgrade the service`,
      );
    }
    if (recorded === '1') addOriginAndUrlKey(db);
    db.exec('CREATE INDEX IF NOT EXISTS documents_url_key ON documents(url_key)');
    writeMeta(db, 'schema_version', String(SCHEMA_VERSION));
  })();
}

/**
 * DDL of the vector table for `dimension`-long embeddings. Source filters are applied as
 * `chunk_id IN (SELECT id FROM chunks …)` rather than through a vec0 TEXT metadata column:
 * sqlite-vec 0.1.9 fails range filters with "Could not filter metadata fields" when a stored
 * text value is exactly 12 bytes long (e.g. `_llm-test.md`).
 */
export const vectorTableDdl = (dimension: number): string =>
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${VECTOR_TABLE} USING vec0(
     chunk_id INTEGER PRIMARY KEY,
     embedding float[${dimension}] distance_metric=cosine
   )`;
