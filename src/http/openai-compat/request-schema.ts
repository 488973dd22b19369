import { z } from 'zod';
import type { ChatMessage } from '../../domain/answer-events.ts';
import { MAX_CONTENT } from '../schemas/chat.ts';

/** The one model this API serves: the book's answer service. */
export const MODEL_ID = 'docs-chat';

/** A content part; only `text` parts carry meaning here, others are refused for user messages. */
const ContentPartSchema = z.looseObject({ type: z.string(), text: z.string().max(MAX_CONTENT).optional() });

const MessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z
    .union([z.string().max(MAX_CONTENT), z.array(ContentPartSchema).max(50)])
    .nullable()
    .optional(),
  name: z.string().max(256).optional(),
});

type OpenAIMessage = z.infer<typeof MessageSchema>;

const nullableNumber = (min: number, max: number) => z.number().min(min).max(max).nullable().optional();

/**
 * POST /v1/chat/completions body. Unknown fields are dropped (OpenAI clients send many); known
 * fields are type-checked so a wrong type is a 400 rather than silently ignored. Sampling
 * settings (temperature, max_tokens…) are accepted and ignored: the service's configuration
 * decides how answers are generated.
 */
export const ChatCompletionBodySchema = z
  .object({
    model: z.string().min(1).max(256),
    messages: z.array(MessageSchema).min(1).max(100),
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: nullableNumber(0, 2),
    top_p: nullableNumber(0, 1),
    presence_penalty: nullableNumber(-2, 2),
    frequency_penalty: nullableNumber(-2, 2),
    max_tokens: z.number().int().min(1).nullable().optional(),
    max_completion_tokens: z.number().int().min(1).nullable().optional(),
    n: z.literal(1, 'only n=1 is supported').nullable().optional(),
    seed: z.number().int().nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string()).max(4)])
      .nullable()
      .optional(),
    user: z.string().max(256).optional(),
  })
  .superRefine((body, context) => {
    body.messages.forEach((message, index) => {
      if (message.role !== 'user' || typeof message.content === 'string' || !message.content) return;
      if (message.content.some((part) => part.type !== 'text')) {
        context.addIssue({
          code: 'custom',
          path: ['messages', index, 'content'],
          message: 'only text content parts are supported',
        });
      }
    });
    const conversation = toChatMessages(body.messages);
    if (conversation.at(-1)?.role !== 'user') {
      context.addIssue({
        code: 'custom',
        path: ['messages'],
        message: 'the last message must be a user message with text',
      });
    }
  });

export type ChatCompletionBody = z.infer<typeof ChatCompletionBodySchema>;

const textOf = (content: OpenAIMessage['content']): string => {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('\n');
};

/**
 * The conversation as the answer service takes it: user and assistant turns with text. System
 * and developer messages are dropped on purpose — answers stay grounded in the book under the
 * service's own instructions, which a caller's prompt must not override; tool turns carry no
 * text for the reader.
 */
export function toChatMessages(messages: OpenAIMessage[]): ChatMessage[] {
  return messages.flatMap((message): ChatMessage[] => {
    if (message.role !== 'user' && message.role !== 'assistant') return [];
    const content = textOf(message.content).trim();
    return content === '' ? [] : [{ role: message.role, content }];
  });
}
