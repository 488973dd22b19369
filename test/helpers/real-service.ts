import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';
import type { FixtureBook } from './fixture-book.ts';
import { listenApp, postJson } from './http.ts';
import { NO_RATE_LIMITS } from './no-rate-limits.ts';

/** The real composition (buildDeps + createApp) listening on loopback over a fixture book. */
export interface RealService {
  deps: Deps;
  app: FastifyInstance;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the service as `npm start` would build it, with DATA_DIR/DOCS_DIR from `book` plus `env`. */
export async function startRealService(
  book: Pick<FixtureBook, 'dataDir' | 'docsDir'>,
  env: Record<string, string> = {},
): Promise<RealService> {
  const config = loadConfig({
    DATA_DIR: book.dataDir,
    DOCS_DIR: book.docsDir,
    LOG_LEVEL: 'silent',
    ...NO_RATE_LIMITS,
    ...env,
  });
  const deps = await buildDeps(config, createLogger('silent'));
  const { app, url } = await listenApp(deps);
  return {
    deps,
    app,
    url,
    close: async () => {
      await app.close();
      await deps.close();
    },
  };
}

/**
 * The real service on an OpenAI-compatible server (its embedder and chat model, e.g. the
 * OpenAI test server) with the book's DOCS_DIR ingested through `POST /embed`.
 */
export async function startModelService(
  book: Pick<FixtureBook, 'dataDir' | 'docsDir'>,
  openai: { baseURL: string },
  env: Record<string, string> = {},
): Promise<RealService> {
  const service = await startRealService(book, {
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: openai.baseURL,
    ...env,
  });
  const ingest = await postJson(`${service.url}/embed`, { path: '.' });
  if (ingest.status !== 200) {
    await service.close();
    throw new Error(`ingesting the book answered ${ingest.status}: ${await ingest.text()}`);
  }
  return service;
}
