import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FeedbackInput, FeedbackRecord, FeedbackStore } from '../../domain/feedback.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_created ON feedback(created_at);
`;

/**
 * Feedback in its own SQLite file (e.g. `${DATA_DIR}/feedback.sqlite`), used whether the chunks
 * live in the embedded store or in Qdrant: feedback is small, and keeping it apart means
 * re-indexing or switching the chunk store never touches it.
 */
export class SqliteFeedbackStore implements FeedbackStore {
  readonly #file: string;
  #db: Database.Database | null = null;

  /** `file` is the SQLite path; `:memory:` works too. */
  constructor(file: string) {
    this.#file = file;
  }

  get #open(): Database.Database {
    if (this.#db === null) throw new Error('SqliteFeedbackStore is not open: call init() first');
    return this.#db;
  }

  async init(): Promise<void> {
    if (this.#db !== null) return;
    if (this.#file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(this.#file)), { recursive: true });
    const db = new Database(this.#file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
  }

  async record(input: FeedbackInput): Promise<{ id: string }> {
    const now = new Date().toISOString();
    // One statement, so a verdict is stored whole or not at all; a repeat keeps the first id.
    const row = this.#open
      .prepare(
        `INSERT INTO feedback (id, request_id, rating, comment, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(request_id) DO UPDATE SET
           rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .get(randomUUID(), input.requestId, input.rating, input.comment ?? null, now, now) as { id: string };
    return { id: row.id };
  }

  async list(limit: number): Promise<FeedbackRecord[]> {
    return this.#open
      .prepare(
        `SELECT id, request_id, rating, comment, created_at, updated_at FROM feedback
         ORDER BY created_at DESC, id LIMIT ?`,
      )
      .all(limit) as FeedbackRecord[];
  }

  async count(): Promise<number> {
    const row = this.#open.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number };
    return row.n;
  }

  async close(): Promise<void> {
    this.#db?.close();
    this.#db = null;
  }
}
