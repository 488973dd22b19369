import { z } from 'zod';

/** Most documents a single POST /embed may carry; bigger sets go through `{path}` or the CLI. */
export const MAX_BATCH_DOCUMENTS = 1000;

const DocumentSchema = z.strictObject({
  text: z.string(),
  source: z.string().trim().min(1).max(1024),
  title: z.string().max(500).optional(),
  url: z.string().min(1).max(2048).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const BatchSchema = z.strictObject({
  documents: z.array(DocumentSchema).min(1).max(MAX_BATCH_DOCUMENTS),
});

const PathSchema = z.strictObject({
  path: z.string().trim().min(1).max(1024),
  prune: z.boolean().default(false),
});

/** One of the three /embed body shapes, after validation. */
export type EmbedBody =
  | z.output<typeof DocumentSchema>
  | z.output<typeof BatchSchema>
  | z.output<typeof PathSchema>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The /embed body is exactly one of a document, `{documents}` or `{path}`. The shape is chosen by
 * its distinguishing key, so errors speak about that shape (e.g. `text: unknown field` next to
 * `path`) rather than the three-way noise a plain union reports.
 */
export const EmbedBodySchema = z.unknown().transform((value, context): EmbedBody => {
  const shape =
    isObject(value) && 'documents' in value
      ? BatchSchema
      : isObject(value) && 'path' in value
        ? PathSchema
        : DocumentSchema;
  const parsed = shape.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    context.issues.push({ ...issue, input: value } as (typeof context.issues)[number]);
  return z.NEVER;
});

/** DELETE /documents query. */
export const DeleteDocumentQuerySchema = z.strictObject({
  source: z.string().min(1).max(1024),
});

/** GET /documents query: an optional source prefix. */
export const ListDocumentsQuerySchema = z.strictObject({
  prefix: z.string().min(1).max(1024).optional(),
});
