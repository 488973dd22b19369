import { z } from 'zod';

/** POST /search body. */
export const SearchBodySchema = z.strictObject({
  query: z.string().trim().min(1).max(2000),
  top_k: z.number().int().min(1).max(50).default(5),
  source_prefix: z.string().min(1).max(1024).optional(),
});
