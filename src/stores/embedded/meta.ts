import type { Database } from 'better-sqlite3';

/** Keys of the `meta` table (index-wide facts). */
export type MetaKey = 'schema_version' | 'embedding_model' | 'embedding_dimension' | 'vector_dimension';

/** The value recorded under `key`, or null. */
export function readMeta(db: Database, key: MetaKey): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Records `value` under `key`, replacing any previous value. */
export function writeMeta(db: Database, key: MetaKey, value: string): void {
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
}

/** Removes `key`. */
export function deleteMeta(db: Database, key: MetaKey): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(key);
}
