import type { Database, Statement } from 'better-sqlite3';
import { type ChunkRow, chunkColumns } from './chunk-rows.ts';
import { sourceCondition } from './source-filter.ts';

/** bm25 column weights; higher makes a match in that column count more. */
export interface Bm25Weights {
  /** Weight of the page title. */
  title: number;
  /** Weight of the heading path. */
  heading: number;
  /** Weight of the passage text. */
  text: number;
}

/** Title and heading matches say more about a chunk's topic than a mention in passing. */
export const DEFAULT_BM25_WEIGHTS: Bm25Weights = { title: 4, heading: 3, text: 1 };

/** A chunk row with its bm25 rank (negative; lower is better, as FTS5 reports it). */
export interface KeywordHit {
  row: ChunkRow;
  rank: number;
}

/** The filters of a keyword search. */
export interface KeywordFilter {
  sourcePrefix?: string | undefined;
  sources?: string[] | undefined;
}

/** FTS5 full-text search over `chunks_fts`, ranked with weighted bm25. */
export class KeywordSearch {
  readonly #db: Database;
  readonly #weights: Bm25Weights;
  // One statement per filter shape (none / prefix / sources / both), prepared on first use.
  readonly #statements = new Map<string, Statement>();

  constructor(db: Database, weights: Bm25Weights) {
    this.#db = db;
    this.#weights = weights;
  }

  /** Up to `limit` chunks matching the FTS5 expression `match`, best first. */
  search(match: string, limit: number, filter: KeywordFilter): KeywordHit[] {
    const condition = sourceCondition('c.source', filter);
    let statement = this.#statements.get(condition.sql);
    if (statement === undefined) {
      // Unfiltered, FTS5 ranks and cuts to `limit` before the join, so only the winners' rows
      // (with their long text) are read; a filter must apply before the cut, so it joins first.
      statement = this.#db.prepare(
        condition.sql === '1'
          ? `SELECT ${chunkColumns('c')}, f.rank FROM
               (SELECT rowid, bm25(chunks_fts, ?, ?, ?) AS rank FROM chunks_fts
                WHERE chunks_fts MATCH ? ORDER BY rank, rowid LIMIT ?) f
             JOIN chunks c ON c.id = f.rowid ORDER BY f.rank, c.id`
          : `SELECT ${chunkColumns('c')}, bm25(chunks_fts, ?, ?, ?) AS rank
             FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid
             WHERE chunks_fts MATCH ? AND ${condition.sql}
             ORDER BY rank, c.id LIMIT ?`,
      );
      this.#statements.set(condition.sql, statement);
    }
    const { title, heading, text } = this.#weights;
    const rows = statement.all(title, heading, text, match, ...condition.params, limit) as (ChunkRow & {
      rank: number;
    })[];
    return rows.map(({ rank, ...row }) => ({ row, rank }));
  }
}
