import type { Config } from './config.ts';
import { openAIConnection } from './providers/openai/client.ts';
import { OpenAIEmbedder } from './providers/openai/embedder.ts';
import { OpenAIGenerator } from './providers/openai/generator.ts';
import { answerPromptTokens, queryPromptTokens } from './providers/openai/prompt-tokens.ts';
import type { PromptTokens } from './spending/prompt-fit.ts';

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

/** How the OpenAI generator's prompts are measured against MAX_PROMPT_TOKENS and the budget. */
export const openAIPromptTokens: PromptTokens = { answer: answerPromptTokens, query: queryPromptTokens };
