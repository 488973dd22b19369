import { z } from 'zod';
import type { ChatMessage } from '../../domain/answer-events.ts';
import { MAX_CONTENT } from '../schemas/chat.ts';

/** A UIMessage part; only `text` parts are read, others (sources, files, steps) are ignored. */
const PartSchema = z.looseObject({ type: z.string().max(100), text: z.string().max(MAX_CONTENT).optional() });

const UIMessageSchema = z.looseObject({
  id: z.string().max(256),
  role: z.enum(['system', 'user', 'assistant']),
  parts: z.array(PartSchema).max(200),
});

type UIMessage = z.infer<typeof UIMessageSchema>;

const textOf = (message: UIMessage): string =>
  message.parts
    .map((part) => (part.type === 'text' ? (part.text ?? '') : ''))
    .join('')
    .trim();

/**
 * The conversation as the answer service takes it. System messages are dropped, as on /v1:
 * the service's own grounding instructions govern answers.
 */
export const toChatMessages = (messages: UIMessage[]): ChatMessage[] =>
  messages.flatMap((message): ChatMessage[] => {
    const content = textOf(message);
    return message.role === 'system' || content === '' ? [] : [{ role: message.role, content }];
  });

/**
 * What `DefaultChatTransport` POSTs: `id` (the chat), `messages` (UIMessages with parts),
 * `trigger` and `messageId`. Loose: `useChat`'s `body` option adds the app's own fields.
 */
export const UIChatBodySchema = z
  .looseObject({
    id: z.string().max(256).optional(),
    messages: z.array(UIMessageSchema).min(1).max(100),
    trigger: z.enum(['submit-message', 'regenerate-message']).optional(),
    messageId: z.string().max(256).optional(),
  })
  .superRefine((body, context) => {
    if (toChatMessages(body.messages).at(-1)?.role !== 'user') {
      context.addIssue({
        code: 'custom',
        path: ['messages'],
        message: 'the last message must be a user message with text',
      });
    }
  });
