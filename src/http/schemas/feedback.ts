import { z } from 'zod';
import { SAFE_ID } from '../request-id.ts';

/** Longest comment a reader may attach (the contract's limit). */
export const MAX_FEEDBACK_COMMENT = 2000;

/** Most records one GET /feedback returns. */
export const MAX_FEEDBACK_LIST = 10_000;

/** POST /feedback body: a verdict on the answer whose `done` event carried `request_id`. */
export const FeedbackBodySchema = z.strictObject({
  request_id: z.string().regex(SAFE_ID, 'must be the request_id of an answer (1-128 of A-Z a-z 0-9 . _ : -)'),
  rating: z.enum(['up', 'down']),
  comment: z.string().trim().max(MAX_FEEDBACK_COMMENT).optional(),
});

/** GET /feedback query. */
export const FeedbackListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_FEEDBACK_LIST).default(1000),
});
