/** A retrieved passage as numbered for citation (`[n]`). */
export interface CitedSource {
  /** Citation number, from 1. */
  n: number;
  id: string;
  source: string;
  title: string;
  heading: string;
  url: string | null;
  /** Full passage text (the HTTP edge shortens it to a snippet). */
  text: string;
  score: number;
  /** Position of the passage in its page, from 0 (absent for a selection); not sent to clients. */
  index?: number | undefined;
}

/** Token counts reported by a model; null for the extractive answerer. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'length' | 'no_context';

/** One message of a conversation. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * The typed stream an answer is made of, independent of transport: `sources` first, then
 * `text-delta` parts, then exactly one `finish`. The HTTP edge frames these as SSE.
 */
export type AnswerEvent =
  | { type: 'sources'; sources: CitedSource[] }
  | { type: 'text-delta'; text: string }
  | {
      type: 'finish';
      answer: string;
      finishReason: FinishReason;
      mode: 'openai' | 'extractive';
      usage: Usage | null;
      /** Source numbers the answer cites with `[n]`, ascending (markers of no source are removed). */
      citations: number[];
    };
