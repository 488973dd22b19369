import { z } from 'zod';

/** Most documents a single POST /embed may carry; bigger sets go through `{path}` or the CLI. */
export const MAX_BATCH_DOCUMENTS = 1000;

/** Deepest nesting and largest JSON size of a document's `metadata`: labels, not payloads. */
export const MAX_METADATA_DEPTH = 8;
export const MAX_METADATA_BYTES = 16_384;

/** Nesting depth of a JSON value (a scalar is 0), measured without recursion and stopping past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [current, depth] = item;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

const MetadataSchema = z.record(z.string(), z.unknown()).superRefine((metadata, context) => {
  if (depthOf(metadata, MAX_METADATA_DEPTH) > MAX_METADATA_DEPTH) {
    context.addIssue({ code: 'custom', message: `nested deeper than ${MAX_METADATA_DEPTH} levels` });
  } else if (Buffer.byteLength(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    context.addIssue({ code: 'custom', message: `larger than ${MAX_METADATA_BYTES} bytes as JSON` });
  }
});

const DocumentSchema = z.strictObject({
  text: z.string(),
  source: z.string().trim().min(1).max(1024),
  title: z.string().max(500).optional(),
  url: z.string().min(1).max(2048).optional(),
  metadata: MetadataSchema.optional(),
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
export const EmbedBodySchema = z
  .unknown()
  // What OpenAPI shows: the validation below is hand-routed, so its generated schema would be empty.
  .meta(openApiShapes())
  .transform((value, context): EmbedBody => {
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

/** The three shapes as one JSON Schema `anyOf`, for the OpenAPI document only. */
function openApiShapes(): Record<string, unknown> {
  const union = z.union([DocumentSchema, BatchSchema, PathSchema]);
  const { $schema: _dialect, ...shapes } = z.toJSONSchema(union, { io: 'input' });
  return { description: 'One document, a batch of documents, or a path under DOCS_DIR.', ...shapes };
}

/** DELETE /documents query. */
export const DeleteDocumentQuerySchema = z.strictObject({
  source: z.string().min(1).max(1024),
});

/** GET /documents query: an optional source prefix. */
export const ListDocumentsQuerySchema = z.strictObject({
  prefix: z.string().min(1).max(1024).optional(),
});
