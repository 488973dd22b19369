import type { ChatMessage } from '../../domain/answer-events.ts';
import { estimateTokens } from '../../domain/token-estimate.ts';
import {
  type AnswerPromptInput,
  buildAnswerMessages,
  buildStandaloneQueryMessages,
  type PromptMessage,
} from './prompt.ts';

/** Per-message overhead of the chat format (role and separators), as OpenAI's cookbook counts it. */
const TOKENS_PER_MESSAGE = 4;

/** Estimated prompt tokens of chat messages. */
const messageTokens = (messages: PromptMessage[]): number =>
  messages.reduce((sum, message) => sum + TOKENS_PER_MESSAGE + estimateTokens(message.content), 0);

/** Estimated prompt tokens of the answer prompt exactly as the generator builds it. */
export const answerPromptTokens = (input: AnswerPromptInput): number =>
  messageTokens(buildAnswerMessages(input));

/** Estimated prompt tokens of the query-rewrite prompt exactly as the generator builds it. */
export const queryPromptTokens = (history: ChatMessage[], question: string): number =>
  messageTokens(buildStandaloneQueryMessages(history, question));
