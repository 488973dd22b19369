import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { AnswerService } from './domain/answer-service.ts';
import type { Embedder } from './domain/embedder.ts';
import type { FeedbackStore } from './domain/feedback.ts';
import type { Generator } from './domain/generator.ts';
import type { IngestService } from './domain/ingest-service.ts';
import type { SearchService } from './domain/search-service.ts';
import type { ChunkStore } from './domain/store.ts';
import type { SiteLinks } from './ingest/site-links.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { TokenBudget } from './spending/token-budget.ts';

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
  /** Readers' verdicts on answers (SQLite in DATA_DIR, whichever chunk store is used). */
  feedback: FeedbackStore;
  /** How documents from DOCS_DIR link to the public site; null when they get no links. */
  links: SiteLinks | null;
  /** Metrics the parts record into (built by deps.ts); createApp makes its own when absent. */
  metrics?: Metrics;
  /** Today's OpenAI token budget (DAILY_TOKEN_BUDGET); absent when nothing is paid for. */
  budget?: TokenBudget | undefined;
  /** Shares rate limits (and the budget) across replicas when REDIS_URL is set. */
  redis?: Redis | undefined;
}
