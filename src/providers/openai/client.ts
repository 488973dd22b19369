import OpenAI from 'openai';
import type { Config } from '../../config.ts';
import { toAppError } from './errors.ts';

/** The configuration the OpenAI client is built from. */
export type OpenAIClientConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_TIMEOUT_MS'>;

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * Builds the SDK client. SDK retries are off (`maxRetries: 0`) because retries live in one
 * place (retry.ts) where they are bounded, jittered and mapped to AppError. Every value is
 * passed explicitly so the SDK does not read process.env behind config.ts's back.
 */
export function createOpenAIClient(config: OpenAIClientConfig): OpenAI {
  if (!config.OPENAI_API_KEY) {
    throw new Error('createOpenAIClient: OPENAI_API_KEY is not configured');
  }
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: 0,
  });
}

/**
 * Checks that the service answers by listing models: no tokens are spent. Not retried, so a
 * health check answers quickly; failures are thrown as AppError.
 */
export async function pingOpenAI(client: OpenAI, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  try {
    await client.models.list({ signal, timeout: timeoutMs });
  } catch (error) {
    throw toAppError(error);
  }
}
