import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';
import type { FixtureBook } from './fixture-book.ts';
import { listenApp } from './http.ts';
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
  book: FixtureBook,
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
