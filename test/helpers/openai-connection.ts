import type OpenAI from 'openai';
import {
  createOpenAIClient,
  type OpenAIConnection,
  openAIConnection,
} from '../../src/providers/openai/client.ts';

const TIMEOUT_MS = 2000;

/** An SDK client for the OpenAI test server at `baseURL`. */
export const testClient = (baseURL: string, apiKey = 'sk-test'): OpenAI =>
  createOpenAIClient({ apiKey, baseUrl: baseURL, timeoutMs: TIMEOUT_MS });

/** How a test connection is made; every field has a default. */
export interface TestConnectionOptions {
  /** Key the client sends (default 'sk-test'). */
  apiKey?: string;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Receives every backoff wait instead of sleeping it; jitter draws 0.5. */
  sleeps?: number[];
}

/** A connection to the OpenAI test server whose retries do not sleep but record their waits. */
export function testConnection(baseURL: string, options: TestConnectionOptions = {}): OpenAIConnection {
  const sleeps = options.sleeps ?? [];
  return openAIConnection(
    {
      apiKey: options.apiKey ?? 'sk-test',
      baseUrl: baseURL,
      timeoutMs: TIMEOUT_MS,
      maxRetries: options.maxRetries ?? 2,
    },
    { random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
  );
}
