import { unsupported, wrongInput } from './errors.ts';
import { matchesFilter } from './filter.ts';
import {
  DEFAULT_RRF_K,
  denseScore,
  idf,
  normalized,
  reciprocalRankFusion,
  type Sparse,
  sparseScore,
} from './scoring.ts';

type Json = Record<string, unknown>;
type PointId = string | number;

/** A point as the test server keeps it. */
export interface StoredPoint {
  id: PointId;
  dense: Map<string, number[]>;
  sparse: Map<string, Sparse>;
  payload: Json;
}

/** A scored candidate inside query evaluation. */
interface Scored {
  key: string;
  point: StoredPoint;
  score: number;
}

/** Qdrant treats UUIDs case-insensitively and orders numeric ids before UUIDs. */
const keyOf = (id: PointId): string => (typeof id === 'number' ? `n:${id}` : `u:${id.toLowerCase()}`);
const compareIds = (a: PointId, b: PointId): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
};

const isSparse = (value: unknown): value is Sparse =>
  typeof value === 'object' && value !== null && Array.isArray((value as Sparse).indices);

/** One in-memory collection with Qdrant's point, filter and query semantics. */
export class TestCollection {
  readonly config: Json;
  readonly payloadIndexes = new Map<string, unknown>();
  readonly points = new Map<string, StoredPoint>();

  constructor(config: Json) {
    const vectors = (config.vectors ?? {}) as Json;
    if ('size' in vectors) throw unsupported('an unnamed default vector (use named vectors)');
    this.config = config;
  }

  #dense(): Json {
    return (this.config.vectors ?? {}) as Json;
  }

  #sparseConfig(): Json {
    return (this.config.sparse_vectors ?? {}) as Json;
  }

  /** Inserts or overwrites points (validating names, sizes and sparse shape first: all or nothing). */
  upsert(points: Json[]): void {
    const parsed = points.map((point) => this.#parsePoint(point));
    for (const point of parsed) this.points.set(keyOf(point.id), point);
  }

  #parsePoint(point: Json): StoredPoint {
    const vector = point.vector;
    if (Array.isArray(vector)) throw wrongInput('Not existing vector name error: ');
    const stored: StoredPoint = {
      id: point.id as PointId,
      dense: new Map(),
      sparse: new Map(),
      payload: (point.payload ?? {}) as Json,
    };
    for (const [name, value] of Object.entries((vector ?? {}) as Json)) {
      const denseParams = this.#dense()[name] as Json | undefined;
      if (denseParams && Array.isArray(value)) {
        if (value.length !== denseParams.size) {
          throw wrongInput(`Vector dimension error: expected dim: ${denseParams.size}, got ${value.length}`);
        }
        stored.dense.set(
          name,
          denseParams.distance === 'Cosine' ? normalized(value as number[]) : (value as number[]),
        );
      } else if (name in this.#sparseConfig() && isSparse(value)) {
        if (value.indices.length !== value.values.length)
          throw wrongInput('Sparse vector indices and values must have the same length');
        if (new Set(value.indices).size !== value.indices.length)
          throw wrongInput('Sparse vector indices must be unique');
        stored.sparse.set(name, value);
      } else {
        throw wrongInput(`Not existing vector name error: ${name}`);
      }
    }
    return stored;
  }

  /** Points matching `filter`, ordered by id. */
  select(filter: Json | null | undefined): StoredPoint[] {
    return [...this.points.values()]
      .filter((point) => matchesFilter(filter, point.id, point.payload))
      .sort((a, b) => compareIds(a.id, b.id));
  }

  /** Deletes by id list or filter. */
  delete(selector: Json): void {
    const doomed = Array.isArray(selector.points)
      ? (selector.points as PointId[]).map(keyOf)
      : this.select(selector.filter as Json).map((point) => keyOf(point.id));
    for (const key of doomed) this.points.delete(key);
  }

  /** Points by id, in request order, missing ones skipped. */
  retrieve(ids: PointId[]): StoredPoint[] {
    return ids.flatMap((id) => this.points.get(keyOf(id)) ?? []);
  }

  /** The scroll page starting at `offset` and the id of the next page's first point. */
  scroll(filter: Json | null | undefined, limit: number, offset: PointId | null | undefined) {
    const all = this.select(filter).filter(
      (point) => offset === undefined || offset === null || compareIds(point.id, offset) >= 0,
    );
    return { points: all.slice(0, limit), next: all[limit]?.id ?? null };
  }

  /** Evaluates a Query API request (or one prefetch) into scored points, best first. */
  query(request: Json): Scored[] {
    const limit = (request.limit as number | null | undefined) ?? 10;
    const offset = (request.offset as number | null | undefined) ?? 0;
    const filter = request.filter as Json | undefined;
    const prefetches =
      request.prefetch === undefined || request.prefetch === null
        ? []
        : ([request.prefetch].flat() as Json[]);
    let scored: Scored[];
    if (prefetches.length > 0) {
      const lists = prefetches.map((prefetch) => this.query(prefetch));
      scored = this.#combine(request, lists, filter);
    } else {
      scored = this.#search(request, this.select(filter));
    }
    const threshold = request.score_threshold as number | null | undefined;
    if (typeof threshold === 'number') scored = scored.filter((entry) => entry.score >= threshold);
    return scored.slice(offset, offset + limit);
  }

  /** The main query over prefetch results: fusion, or rescoring of the union of candidates. */
  #combine(request: Json, lists: Scored[][], filter: Json | undefined): Scored[] {
    const query = request.query as Json | undefined;
    if (query && (query.fusion === 'rrf' || 'rrf' in query)) {
      const params = (query.rrf ?? {}) as Json;
      const weights = (params.weights as number[] | null | undefined) ?? undefined;
      if (weights && weights.length !== lists.length) {
        throw wrongInput(`RRF weights length (${weights.length}) must match prefetches (${lists.length})`);
      }
      const fused = reciprocalRankFusion(lists, (params.k as number | null) ?? DEFAULT_RRF_K, weights);
      return fused
        .filter(({ item }) => matchesFilter(filter, item.point.id, item.point.payload))
        .map(({ item, score }) => ({ ...item, score }));
    }
    if (query && 'fusion' in query) throw unsupported(`fusion ${String(query.fusion)}`);
    const union = new Map(lists.flat().map((entry) => [entry.key, entry.point]));
    return this.#search(
      request,
      [...union.values()].filter((point) => matchesFilter(filter, point.id, point.payload)),
    );
  }

  /** Scores `candidates` against a nearest-neighbour query (dense or sparse), best first. */
  #search(request: Json, candidates: StoredPoint[]): Scored[] {
    let query = request.query as unknown;
    if (query === undefined || query === null) {
      return candidates.map((point) => ({ key: keyOf(point.id), point, score: 0 }));
    }
    if (typeof query === 'object' && !Array.isArray(query) && 'nearest' in (query as Json)) {
      if ((query as Json).mmr) throw unsupported('mmr');
      query = (query as Json).nearest;
    }
    const using = (request.using as string | null | undefined) ?? '';
    if (Array.isArray(query) && typeof query[0] !== 'object')
      return this.#denseSearch(using, query as number[], candidates);
    if (isSparse(query)) return this.#sparseSearch(using, query, candidates);
    throw unsupported(`query ${JSON.stringify(query).slice(0, 60)}`);
  }

  #denseSearch(using: string, query: number[], candidates: StoredPoint[]): Scored[] {
    const params = this.#dense()[using] as Json | undefined;
    if (!params) throw wrongInput(`Not existing vector name error: ${using}`);
    if (query.length !== params.size)
      throw wrongInput(`Vector dimension error: expected dim: ${params.size}, got ${query.length}`);
    const distance = String(params.distance);
    const scored = candidates.flatMap((point) => {
      const stored = point.dense.get(using);
      return stored ? [{ key: keyOf(point.id), point, score: denseScore(distance, stored, query) }] : [];
    });
    const ascending = distance === 'Euclid';
    return scored.sort((a, b) => (ascending ? a.score - b.score : b.score - a.score));
  }

  #sparseSearch(using: string, query: Sparse, candidates: StoredPoint[]): Scored[] {
    const params = this.#sparseConfig()[using] as Json | undefined;
    if (!params) throw wrongInput(`Not existing vector name error: ${using}`);
    const weight = params.modifier === 'idf' ? this.#idfWeights(using) : () => 1;
    return candidates
      .flatMap((point) => {
        const stored = point.sparse.get(using);
        const score = stored ? sparseScore(stored, query, weight) : null;
        return score === null ? [] : [{ key: keyOf(point.id), point, score }];
      })
      .sort((a, b) => b.score - a.score);
  }

  /** IDF of each index over every point of the collection holding this sparse vector. */
  #idfWeights(using: string): (index: number) => number {
    const holders = [...this.points.values()].flatMap((point) => point.sparse.get(using) ?? []);
    const frequency = new Map<number, number>();
    for (const vector of holders) {
      vector.indices.forEach((index, i) => {
        if ((vector.values[i] ?? 0) !== 0) frequency.set(index, (frequency.get(index) ?? 0) + 1);
      });
    }
    return (index) => idf(holders.length, frequency.get(index) ?? 0);
  }
}
