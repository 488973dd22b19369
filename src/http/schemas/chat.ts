import { z } from 'zod';

/** Longest accepted message; longer text belongs in a selection or is an abuse of the endpoint. */
const MAX_CONTENT = 8000;
const MAX_MESSAGES = 50;

const MessageSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.string().min(1).max(MAX_CONTENT),
});

const TopKSchema = z.number().int().min(1).max(20).default(5);

/** POST /chat body: the last message is the question, earlier ones are history. */
export const ChatBodySchema = z
  .strictObject({
    messages: z.array(MessageSchema).min(1).max(MAX_MESSAGES),
    user_id: z.string().min(1).max(128).optional(),
    stream: z.boolean().default(true),
    top_k: TopKSchema,
  })
  .superRefine((body, context) => {
    const last = body.messages.length - 1;
    if (body.messages[last]?.role !== 'user') {
      context.addIssue({
        code: 'custom',
        path: ['messages', last, 'role'],
        message: 'the last message must be the user question',
      });
    }
  });

/** POST /chat/selection body. */
export const SelectionBodySchema = z.strictObject({
  selected_text: z.string().min(1).max(20_000),
  question: z.string().min(1).max(2000),
  surrounding_context: z.string().max(20_000).optional(),
  source: z.string().min(1).max(1024).optional(),
  page_url: z.string().min(1).max(2048).optional(),
  user_id: z.string().min(1).max(128).optional(),
  messages: z.array(MessageSchema).max(MAX_MESSAGES).default([]),
  stream: z.boolean().default(true),
  strict: z.boolean().default(false),
  top_k: TopKSchema,
});
