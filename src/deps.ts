import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createAnswerService } from './answer/create-answer-service.ts';
import type { AppDeps } from './app-deps.ts';
import type { Config } from './config.ts';
import type { Embedder } from './domain/embedder.ts';
import type { Generator } from './domain/generator.ts';
import type { ChunkStore } from './domain/store.ts';
import { AppError } from './errors.ts';
import { assertSameEmbeddingModel } from './ingest/embedding-index.ts';
import { createIngestService } from './ingest/ingest-pipeline.ts';
import { resolveSiteLinks, type SiteLinks } from './ingest/site-links.ts';
import {
  instrumentEmbedder,
  instrumentGenerator,
  instrumentSearch,
  instrumentStore,
} from './metrics/instrument.ts';
import { createMetrics } from './metrics/metrics.ts';
import { createSearchService } from './retrieval/create-search-service.ts';
import type { PromptTokens } from './spending/prompt-fit.ts';
import { connectRedis, guardSpending } from './spending-deps.ts';
import { openEmbeddedStore } from './stores/embedded/embedded-store.ts';
import { SqliteFeedbackStore } from './stores/feedback/sqlite-feedback-store.ts';

/** The application's parts plus a way to release them. */
export interface Deps extends AppDeps {
  /** Closes the store (file handles, connections). */
  close(): Promise<void>;
}

/** Version reported by /health, from package.json (present in every install and image). */
const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

async function openStore(config: Config, embedder: Embedder | null): Promise<ChunkStore> {
  if (config.QDRANT_URL) {
    // Loaded only when configured: the SDKs are most of the start-up time of the embedded default.
    const [{ createQdrantClient }, { QdrantStore }] = await Promise.all([
      import('./stores/qdrant/client.ts'),
      import('./stores/qdrant/qdrant-store.ts'),
    ]);
    const store = new QdrantStore({
      client: createQdrantClient({
        url: config.QDRANT_URL,
        apiKey: config.QDRANT_API_KEY,
        timeoutMs: config.QDRANT_TIMEOUT_MS,
      }),
      collection: config.QDRANT_COLLECTION,
      dimension: embedder ? (signal?: AbortSignal) => embedder.dimension(signal) : undefined,
    });
    await store.init();
    return store;
  }
  return openEmbeddedStore({ file: path.join(config.dataDir, 'index.sqlite') });
}

/**
 * Refuses to start when the index holds vectors of another embedding model: mixing them would
 * silently ruin retrieval. Only the model is compared here (the dimension may need a network
 * probe); ingest compares both.
 */
async function checkEmbeddingModel(store: ChunkStore, embedder: Embedder | null): Promise<void> {
  const recorded = await store.indexInfo();
  if (embedder && recorded) assertSameEmbeddingModel(recorded, { model: embedder.model }, store.kind);
}

/** Says once at start-up where links come from, or how to turn them on. */
function logLinks(logger: Logger, links: SiteLinks | null, docsDir: string): void {
  if (links) {
    logger.info({ siteUrl: links.siteUrl, routeBase: links.routeBase, from: links.from }, 'deep links on');
    return;
  }
  logger.warn(
    { docsDir },
    "deep links off: sources will have no URL. Set SITE_URL to the book's public URL " +
      '(e.g. SITE_URL=https://my-org.github.io/my-book/), or keep its docusaurus.config.{js,mjs,ts} ' +
      'with a literal `url` next to DOCS_DIR',
  );
}

/** The extractive answerer's module; server.ts preloads it once it listens. */
export const loadExtractiveGenerator = () => import('./providers/extractive/extractive-generator.ts');

/**
 * The extractive answerer, loaded on first use: it reads passages through the Markdown parser,
 * the largest module graph of the process, which start-up need not wait for.
 */
function lazyExtractiveGenerator(): Generator {
  let loaded: Promise<Generator> | undefined;
  const load = (): Promise<Generator> => {
    loaded ??= loadExtractiveGenerator().then((module) => module.createExtractiveGenerator());
    return loaded;
  };
  return {
    mode: 'extractive',
    async *generate(request) {
      yield* (await load()).generate(request);
    },
    standaloneQuery: async (history, question, signal) =>
      (await load()).standaloneQuery(history, question, signal),
    // Nothing remote to reach: /health need not load the answerer to ask.
    ping: async () => {},
  };
}

/** The one composition root: picks embedded or production parts from the configuration. */
export async function buildDeps(config: Config, logger: Logger): Promise<Deps> {
  const metrics = createMetrics();
  let embedder: Embedder | null = null;
  let generator: Generator = lazyExtractiveGenerator();
  let promptTokens: PromptTokens | undefined;
  if (config.openaiEnabled) {
    // Loaded only when configured: the SDK is a large part of the embedded default's start-up.
    const { openAIEmbedderOf, openAIGeneratorOf, openAIPromptTokens } = await import('./deps-openai.ts');
    embedder = instrumentEmbedder(openAIEmbedderOf(config), metrics);
    generator = instrumentGenerator(openAIGeneratorOf(config), metrics);
    promptTokens = openAIPromptTokens;
  }
  const store = instrumentStore(await openStore(config, embedder), metrics);
  let redis: Redis | undefined;
  try {
    await checkEmbeddingModel(store, embedder);
    redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : undefined;
  } catch (error) {
    await store.close();
    throw error;
  }
  // Readers reach the paid parts only through these guards; ingest uses `embedder` directly.
  const spending = guardSpending({ config, generator, embedder, promptTokens, redis, logger });
  const search = instrumentSearch(
    createSearchService({
      store,
      embedder: spending.queryEmbedder,
      onEmbeddingFailure: (error) =>
        // An exhausted budget is expected for the rest of the day: not worth a warning per search.
        logger[error instanceof AppError && error.code === 'budget_exhausted' ? 'debug' : 'warn'](
          { err: error },
          'query embedding failed: searching by keywords only',
        ),
      fusion: { k: config.HYBRID_RRF_K, vectorWeight: config.HYBRID_VECTOR_WEIGHT },
    }),
    metrics,
  );
  const links = await resolveSiteLinks({
    docsDir: config.docsDir,
    siteUrl: config.SITE_URL,
    docsRouteBase: config.DOCS_ROUTE_BASE,
  });
  logLinks(logger, links, config.docsDir);
  const ingest = createIngestService({ store, embedder, docsDir: config.docsDir, links });
  const answers = createAnswerService({
    search,
    store,
    generator: spending.generator,
    maxHistoryTurns: config.MAX_HISTORY_TURNS,
    maxHistoryChars: config.MAX_HISTORY_CHARS,
    logger,
  });
  // Beside the embedded index, or alone in DATA_DIR when the chunks live in Qdrant.
  const feedback = new SqliteFeedbackStore(path.join(config.dataDir, 'feedback.sqlite'));
  try {
    await feedback.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  logger.info(
    { store: store.kind, embedder: embedder ? embedder.model : 'none', generator: generator.mode },
    'dependencies ready',
  );
  return {
    config,
    logger,
    version: VERSION,
    store,
    embedder: spending.queryEmbedder,
    generator: spending.generator,
    ingest,
    search,
    answers,
    feedback,
    links,
    metrics,
    budget: spending.budget,
    redis,
    close: async () => {
      await feedback.close();
      await store.close();
      // quit() refuses while Redis is unreachable; disconnect() then stops the reconnect loop.
      await redis?.quit().catch(() => redis?.disconnect());
    },
  };
}
