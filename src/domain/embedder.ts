/** Turns texts into dense vectors (OpenAI or any compatible server). */
export interface Embedder {
  /** Model name recorded with the index. */
  readonly model: string;
  /** Vector length; resolved by one probe call when not configured. */
  dimension(signal?: AbortSignal): Promise<number>;
  /** One vector per input text, in input order. Batches, retries and limits concurrency itself. */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  /** Throws when the embedding service is unreachable; must not spend tokens. */
  ping(signal?: AbortSignal): Promise<void>;
}
