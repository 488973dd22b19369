/** The real service (buildDeps + createApp) over a temporary DATA_DIR, in-process or listening. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { createLogger } from '../../src/logger.ts';
import { NO_RATE_LIMITS } from '../../test/helpers/no-rate-limits.ts';

export interface BenchService {
  deps: Deps;
  app: FastifyInstance;
  /** Base URL of the listening app. */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the composition `npm start` builds, listening on loopback, with `env` on top. */
export async function startBenchService(
  docsDir: string,
  env: Record<string, string> = {},
): Promise<BenchService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DOCS_DIR: docsDir,
    LOG_LEVEL: 'silent',
    SYNC_ON_START: 'false',
    ...NO_RATE_LIMITS,
    ...env,
  });
  const deps = await buildDeps(config, createLogger('silent'));
  const app = await createApp(deps);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    deps,
    app,
    url,
    dataDir,
    close: async () => {
      await app.close();
      await deps.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns the parsed body; throws on a non-2xx status. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as T;
}
