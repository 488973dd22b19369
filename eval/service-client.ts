/**
 * Drives the real service in-process: config → buildDeps → createApp, every call through
 * `app.inject` (the same routes, validation and serialisation a client gets, without a port).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { buildDeps } from '../src/deps.ts';
import { createLogger } from '../src/logger.ts';
import { NO_RATE_LIMITS } from '../test/helpers/no-rate-limits.ts';
import type { RankedPassage } from './metrics.ts';

/** A cited source as /chat returns it. */
export interface WireSource {
  n: number;
  source: string;
  heading: string;
  text: string;
}

/** The non-streamed answer of /chat and /chat/selection. */
export interface WireAnswer {
  answer: string;
  sources: WireSource[];
  finish_reason: 'stop' | 'length' | 'no_context';
  mode: string;
}

/** The service under evaluation, with its corpus ingested. */
export interface ServiceClient {
  /** What POST /embed reported, plus how the store and answerer are configured. */
  ingest: { documents: number; chunks: number; took_ms: number };
  health: Record<string, unknown>;
  search(query: string, topK: number): Promise<RankedPassage[]>;
  chat(question: string): Promise<WireAnswer>;
  selection(selectedText: string, question: string, source: string): Promise<WireAnswer>;
  /** Closes the app and the store and deletes the temporary DATA_DIR. */
  close(): Promise<void>;
}

async function post<T>(app: FastifyInstance, url: string, payload: object, token?: string): Promise<T> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await app.inject({ method: 'POST', url, payload, headers });
  if (response.statusCode !== 200) {
    throw new Error(`${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  return response.json() as T;
}

/** Variables that reach paid or shared services; dropped unless the run opts in. */
const PROVIDER_VARIABLE = /^(OPENAI_|QDRANT_|EMBEDDING_|CHAT_MODEL$)/;

/**
 * The service's environment for an evaluation: the embedded default unless `useProviders`, so a
 * shell with OPENAI_API_KEY or QDRANT_URL set neither spends money nor writes to a real
 * collection by accident. With providers, Qdrant gets a fresh collection of its own. Rate
 * limits are off; the daily token budget stays as configured.
 */
export function evaluationEnv(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  docsDir: string,
  useProviders: boolean,
): Record<string, string | undefined> {
  const kept = Object.fromEntries(
    Object.entries(env).filter(([name]) => useProviders || !PROVIDER_VARIABLE.test(name)),
  );
  return {
    ...kept,
    ...(useProviders && env.QDRANT_URL ? { QDRANT_COLLECTION: `eval-${Date.now()}` } : {}),
    DATA_DIR: dataDir,
    DOCS_DIR: docsDir,
    SYNC_ON_START: 'false',
    LOG_LEVEL: env.EVAL_LOG_LEVEL ?? 'silent',
    // The evaluation is the only client and asks hundreds of questions from one address.
    ...NO_RATE_LIMITS,
  };
}

/**
 * Starts the service over a fresh temporary DATA_DIR with DOCS_DIR = `docsDir` and ingests the
 * whole folder through POST /embed.
 */
export async function startService(
  docsDir: string,
  options: { env?: NodeJS.ProcessEnv; useProviders?: boolean } = {},
): Promise<ServiceClient> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'docs-chat-eval-'));
  const config = loadConfig(
    evaluationEnv(options.env ?? process.env, dataDir, docsDir, options.useProviders ?? false),
  );
  const deps = await buildDeps(config, createLogger(config.LOG_LEVEL));
  const app = await createApp(deps);
  const token = config.ADMIN_TOKEN;
  const ingest = await post<ServiceClient['ingest']>(app, '/embed', { path: '.' }, token);
  const health = (await app.inject({ method: 'GET', url: '/health' })).json() as Record<string, unknown>;
  return {
    ingest,
    health,
    async search(query, topK) {
      const body = await post<{ results: RankedPassage[] }>(app, '/search', { query, top_k: topK });
      return body.results.map(({ source, text }) => ({ source, text }));
    },
    chat(question) {
      const messages = [{ role: 'user', content: question }];
      return post<WireAnswer>(app, '/chat', { messages, user_id: 'eval', stream: false });
    },
    selection(selectedText, question, source) {
      const body = { selected_text: selectedText, question, source, user_id: 'eval', stream: false };
      return post<WireAnswer>(app, '/chat/selection', body);
    },
    async close() {
      await app.close();
      await deps.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
