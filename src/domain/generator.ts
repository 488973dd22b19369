import type { ChatMessage, CitedSource, FinishReason, Usage } from './answer-events.ts';

/** What a generator is asked to answer from. */
export interface GenerationRequest {
  /** The user's current question. */
  question: string;
  /** Earlier turns (already capped by the caller), oldest first. */
  history: ChatMessage[];
  /** Numbered passages to ground the answer in; for selections, [1] is the selection. */
  sources: CitedSource[];
  /** Present for /chat/selection: the selected text and its surrounding context. */
  selection?: { text: string; context?: string | undefined } | undefined;
  /** Aborts generation (client disconnect); the upstream request must be cancelled. */
  signal: AbortSignal;
}

/** The parts a generator streams: text deltas, then one finish. */
export type GenerationPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage | null };

/** Writes the answer text (OpenAI chat model or the local extractive answerer). */
export interface Generator {
  /** `openai` or `extractive`, reported in `done` and /health. */
  readonly mode: 'openai' | 'extractive';
  /** Streams the grounded answer citing sources as `[n]`. */
  generate(request: GenerationRequest): AsyncIterable<GenerationPart>;
  /** Rewrites a follow-up question into a standalone search query using the history. */
  standaloneQuery(history: ChatMessage[], question: string, signal: AbortSignal): Promise<string>;
  /** Throws when the model service is unreachable; must not spend tokens. */
  ping(signal?: AbortSignal): Promise<void>;
}
