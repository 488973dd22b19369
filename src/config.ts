import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_HYBRID_FUSION } from './domain/fusion.ts';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^/]/.test(value) && URL.canParse(value), 'must be an http(s) URL');

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), httpUrl.optional());

const optionalRedisUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z
    .string()
    .trim()
    .refine(
      (value) => /^rediss?:\/\/./.test(value) && URL.canParse(value),
      'must be a redis:// or rediss:// URL',
    )
    .optional(),
);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The environment variables the service reads, validated in one place. */
const EnvSchema = z.object({
  PORT: integer(7860, 0, 65535),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DOCS_DIR: z.string().trim().min(1).default('./examples/docusaurus/docs'),
  SITE_URL: optionalUrl,
  DOCS_ROUTE_BASE: z.string().trim().default('docs'),
  CORS_ORIGINS: optionalString,
  ADMIN_TOKEN: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  EMBEDDING_DIMENSIONS: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(1).max(8192).optional(),
  ),
  CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: integer(30_000, 100, 600_000),
  OPENAI_MAX_RETRIES: integer(3, 0, 10),
  EMBEDDING_BATCH_SIZE: integer(96, 1, 2048),
  EMBEDDING_CONCURRENCY: integer(2, 1, 16),
  MAX_TOKENS: integer(700, 16, 16_384),
  MAX_HISTORY_TURNS: integer(6, 0, 50),
  MAX_HISTORY_CHARS: integer(6000, 0, 200_000),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: optionalString,
  QDRANT_COLLECTION: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, _ and - only')
    .default('textbook'),
  QDRANT_TIMEOUT_MS: integer(10_000, 100, 600_000),
  // Hybrid fusion of keyword and vector rankings (design/decisions/0005-hybrid-fusion-revisited.md).
  HYBRID_RRF_K: integer(DEFAULT_HYBRID_FUSION.k, 0, 1000),
  HYBRID_VECTOR_WEIGHT: z.coerce.number().gt(0).max(100).default(DEFAULT_HYBRID_FUSION.vectorWeight),
  BODY_LIMIT: integer(1_048_576, 1024, 100 * 1_048_576),
  REQUEST_TIMEOUT_MS: integer(30_000, 100, 600_000),
  SYNC_ON_START: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Abuse controls: client address, rate limits per window (0 = no limit), prompt and daily token budgets.
  TRUSTED_PROXY_HOPS: integer(0, 0, 10),
  RATE_LIMIT_WINDOW_MS: integer(60_000, 1000, 86_400_000),
  RATE_LIMIT_ANSWERS_PER_IP: integer(10, 0, 1_000_000),
  RATE_LIMIT_ANSWERS_PER_USER: integer(5, 0, 1_000_000),
  RATE_LIMIT_SEARCH_PER_IP: integer(60, 0, 1_000_000),
  RATE_LIMIT_HEALTH_PER_IP: integer(60, 0, 1_000_000),
  MAX_PROMPT_TOKENS: integer(8000, 4000, 1_000_000),
  DAILY_TOKEN_BUDGET: integer(1_000_000, 0, 1_000_000_000_000),
  REDIS_URL: optionalRedisUrl,
});

export type Env = z.infer<typeof EnvSchema>;

/** Application configuration derived from the environment. */
export interface Config extends Env {
  /** Absolute DATA_DIR. */
  dataDir: string;
  /** Absolute DOCS_DIR. */
  docsDir: string;
  /** Allowed CORS origins. */
  corsOrigins: string[];
  /** Whether OpenAI (or a compatible server) is configured. */
  openaiEnabled: boolean;
  /** Whether Qdrant replaces the embedded store. */
  qdrantEnabled: boolean;
}

/** Thrown when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const originOf = (url: string): string => new URL(url).origin;

/** Validates `env` (defaults to process.env) into a Config, or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? null)})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const values = parsed.data;
  const corsOrigins = values.CORS_ORIGINS
    ? values.CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean)
    : [...(values.SITE_URL ? [originOf(values.SITE_URL)] : []), 'http://localhost:3000'];
  for (const origin of corsOrigins) {
    if (origin !== '*' && !URL.canParse(origin)) {
      throw new ConfigError(`Invalid configuration:\n  CORS_ORIGINS: "${origin}" is not an origin URL`);
    }
  }
  if (values.QDRANT_API_KEY && !values.QDRANT_URL) {
    throw new ConfigError('Invalid configuration:\n  QDRANT_URL: required when QDRANT_API_KEY is set');
  }
  if (values.OPENAI_BASE_URL && !values.OPENAI_API_KEY) {
    // Compatible servers (Ollama, vLLM) ignore the key but the SDK requires one.
    values.OPENAI_API_KEY = 'not-needed';
  }
  return {
    ...values,
    dataDir: path.resolve(values.DATA_DIR),
    docsDir: path.resolve(values.DOCS_DIR),
    corsOrigins,
    openaiEnabled: values.OPENAI_API_KEY !== undefined,
    qdrantEnabled: values.QDRANT_URL !== undefined,
  };
}
