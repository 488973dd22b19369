import type { AnswerEvent, ChatMessage } from './answer-events.ts';

/** POST /chat input after validation. */
export interface ChatRequest {
  /** The conversation; the last message is the user's question. */
  messages: ChatMessage[];
  /** The client's anonymous id (rate-limit scope); undefined for anonymous requests. */
  userId?: string | undefined;
  topK: number;
  /** The HTTP request id, for logs. */
  requestId?: string | undefined;
}

/** POST /chat/selection input after validation. */
export interface SelectionRequest {
  selectedText: string;
  question: string;
  surroundingContext?: string | undefined;
  /** The page the selection came from (document source), preferred in retrieval. */
  source?: string | undefined;
  /** The reader's page URL; resolved to `source` through the stored URLs when `source` is absent. */
  pageUrl?: string | undefined;
  userId?: string | undefined;
  /** Earlier conversation about the selection, oldest first (no current question). */
  messages: ChatMessage[];
  strict: boolean;
  topK: number;
}

/** Produces answers as typed event streams (sources → text-delta… → finish). */
export interface AnswerService {
  /** Answers the last user message of a conversation, grounded in retrieved passages. */
  chat(request: ChatRequest, signal: AbortSignal): AsyncIterable<AnswerEvent>;
  /** Answers a question about a selected passage; the selection is source [1]. */
  selection(request: SelectionRequest, signal: AbortSignal): AsyncIterable<AnswerEvent>;
}
