import type { Logger } from 'pino';
import type { AnswerService } from './answer/answer-service.ts';
import type { Config } from './config.ts';
import type { IngestService } from './ingest/ingest-service.ts';
import type { Embedder } from './providers/embedder.ts';
import type { Generator } from './providers/generator.ts';
import type { SearchService } from './retrieval/search-service.ts';
import type { ChunkStore } from './stores/store.ts';

/** Everything createApp needs; built by deps.ts in production and by tests with their own parts. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Service version reported by /health. */
  version: string;
  store: ChunkStore;
  /** Null when no embedding service is configured (keyword search only). */
  embedder: Embedder | null;
  generator: Generator;
  ingest: IngestService;
  search: SearchService;
  answers: AnswerService;
}
