import type { Embedder } from '../../domain/embedder.ts';
import { AppError } from '../../errors.ts';
import { type Batch, type BatchLimits, OPENAI_BATCH_LIMITS, planBatches } from './batching.ts';
import { callOpenAI, type OpenAIConnection, pingOpenAI } from './client.ts';
import { mapConcurrent } from './concurrency.ts';

/** Everything an OpenAIEmbedder needs; deps.ts fills it from the configuration. */
export interface OpenAIEmbedderOptions extends OpenAIConnection {
  /** Embedding model name. */
  model: string;
  /** Requested vector length (`dimensions`); when unset one probe call discovers it. */
  dimensions?: number | undefined;
  /** Most inputs per request (EMBEDDING_BATCH_SIZE, capped at 2048). */
  batchSize: number;
  /** Most requests in flight (EMBEDDING_CONCURRENCY). */
  concurrency: number;
  /** Wire format; `float` by default because compatible servers (Ollama) may not speak base64. */
  encodingFormat?: 'float' | 'base64' | undefined;
  /** Token limits per request and per input; defaults to OpenAI's. */
  limits?: Partial<Omit<BatchLimits, 'maxInputs'>> | undefined;
}

/** Decodes a base64 little-endian float32 vector; copies so the byte offset is aligned. */
const decodeBase64 = (encoded: string): number[] =>
  Array.from(new Float32Array(Uint8Array.from(Buffer.from(encoded, 'base64')).buffer));

const malformed = (detail: string): AppError =>
  new AppError('upstream_unavailable', `OpenAI sent a malformed embeddings response (${detail})`);

/** Embeds texts with the OpenAI embeddings API (or any compatible server). */
export class OpenAIEmbedder implements Embedder {
  readonly model: string;
  readonly #options: OpenAIEmbedderOptions;
  readonly #limits: BatchLimits;
  #dimension: Promise<number> | undefined;

  constructor(options: OpenAIEmbedderOptions) {
    this.model = options.model;
    this.#options = options;
    this.#limits = {
      ...OPENAI_BATCH_LIMITS,
      ...options.limits,
      maxInputs: Math.min(options.batchSize, OPENAI_BATCH_LIMITS.maxInputs),
    };
    if (options.dimensions !== undefined) this.#dimension = Promise.resolve(options.dimensions);
  }

  dimension(signal?: AbortSignal): Promise<number> {
    this.#dimension ??= this.embed(['dimension probe'], signal).then(
      ([vector]) => vector?.length ?? 0,
      (error: unknown) => {
        this.#dimension = undefined; // a failed probe must not be cached
        throw error;
      },
    );
    return this.#dimension;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    if (texts.length === 0) return [];
    const batches = planBatches(texts, this.#limits);
    const results = await mapConcurrent(
      batches,
      this.#options.concurrency,
      (batch, _index, batchSignal) => this.#embedBatch(batch, batchSignal),
      signal,
    );
    return results.flat();
  }

  async ping(signal?: AbortSignal): Promise<void> {
    await pingOpenAI(this.#options, signal);
  }

  async #embedBatch(batch: Batch, signal: AbortSignal): Promise<number[][]> {
    const { client, model, dimensions, timeoutMs, retry } = this.#options;
    const encoding = this.#options.encodingFormat ?? 'float';
    const response = await callOpenAI(
      () =>
        client.embeddings.create(
          { model, input: batch.texts, encoding_format: encoding, ...(dimensions ? { dimensions } : {}) },
          { signal, timeout: timeoutMs },
        ),
      retry,
      signal,
    );
    const data = Array.isArray(response.data) ? response.data : [];
    if (data.length !== batch.texts.length)
      throw malformed(`${data.length} vectors for ${batch.texts.length} inputs`);
    const vectors = new Array<number[]>(data.length);
    for (const item of data) {
      // The SDK types say number[], but with an explicit encoding_format it passes the wire value through.
      const embedding: unknown = item.embedding;
      const vector = typeof embedding === 'string' ? decodeBase64(embedding) : embedding;
      const valid = Number.isInteger(item.index) && item.index >= 0 && item.index < data.length;
      if (!valid || !Array.isArray(vector) || vectors[item.index] !== undefined) {
        throw malformed(`bad item at index ${item.index}`);
      }
      vectors[item.index] = vector as number[];
    }
    return vectors;
  }
}
