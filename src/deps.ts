import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createAnswerService } from './answer/create-answer-service.ts';
import type { AppDeps } from './app-deps.ts';
import type { Config } from './config.ts';
import type { Embedder } from './domain/embedder.ts';
import type { Generator } from './domain/generator.ts';
import type { ChunkStore } from './domain/store.ts';
import { assertSameEmbeddingModel } from './ingest/embedding-index.ts';
import { createIngestService } from './ingest/ingest-pipeline.ts';
import { resolveSiteLinks, type SiteLinks } from './ingest/site-links.ts';
import { createExtractiveGenerator } from './providers/extractive/extractive-generator.ts';
import { openAIConnection } from './providers/openai/client.ts';
import { OpenAIEmbedder } from './providers/openai/embedder.ts';
import { OpenAIGenerator } from './providers/openai/generator.ts';
import { createSearchService } from './retrieval/create-search-service.ts';
import { openEmbeddedStore } from './stores/embedded/embedded-store.ts';
import { createQdrantClient } from './stores/qdrant/client.ts';
import { QdrantStore } from './stores/qdrant/qdrant-store.ts';

/** The application's parts plus a way to release them. */
export interface Deps extends AppDeps {
  /** Closes the store (file handles, connections). */
  close(): Promise<void>;
}

/** Version reported by /health, from package.json (present in every install and image). */
const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The OpenAI connection of `config`: named options, so the adapters never see environment names. */
const connectionOf = (config: Config) =>
  openAIConnection({
    apiKey: config.OPENAI_API_KEY,
    baseUrl: config.OPENAI_BASE_URL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  });

/** The configured OpenAI embedder. */
export const openAIEmbedderOf = (config: Config): OpenAIEmbedder =>
  new OpenAIEmbedder({
    ...connectionOf(config),
    model: config.EMBEDDING_MODEL,
    dimensions: config.EMBEDDING_DIMENSIONS,
    batchSize: config.EMBEDDING_BATCH_SIZE,
    concurrency: config.EMBEDDING_CONCURRENCY,
  });

/** The configured OpenAI generator. */
export const openAIGeneratorOf = (config: Config): OpenAIGenerator =>
  new OpenAIGenerator({
    ...connectionOf(config),
    model: config.CHAT_MODEL,
    maxTokens: config.MAX_TOKENS,
  });

async function openStore(config: Config, embedder: Embedder | null): Promise<ChunkStore> {
  if (config.QDRANT_URL) {
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

/** The one composition root: picks embedded or production parts from the configuration. */
export async function buildDeps(config: Config, logger: Logger): Promise<Deps> {
  const embedder: Embedder | null = config.openaiEnabled ? openAIEmbedderOf(config) : null;
  const generator: Generator = config.openaiEnabled ? openAIGeneratorOf(config) : createExtractiveGenerator();
  const store = await openStore(config, embedder);
  try {
    await checkEmbeddingModel(store, embedder);
  } catch (error) {
    await store.close();
    throw error;
  }
  const search = createSearchService({
    store,
    embedder,
    onEmbeddingFailure: (error) =>
      logger.warn({ err: error }, 'query embedding failed: searching by keywords only'),
  });
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
    generator,
    maxHistoryTurns: config.MAX_HISTORY_TURNS,
    maxHistoryChars: config.MAX_HISTORY_CHARS,
    logger,
  });
  logger.info(
    { store: store.kind, embedder: embedder ? embedder.model : 'none', generator: generator.mode },
    'dependencies ready',
  );
  return {
    config,
    logger,
    version: VERSION,
    store,
    embedder,
    generator,
    ingest,
    search,
    answers,
    links,
    close: () => store.close(),
  };
}
