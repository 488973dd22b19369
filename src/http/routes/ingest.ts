import { notFound } from '../../errors.ts';
import { requestSignal } from '../disconnect.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { DeleteDocumentQuerySchema, EmbedBodySchema, ListDocumentsQuerySchema } from '../schemas/ingest.ts';

/** POST /embed, GET /documents and DELETE /documents: the admin-only ingest surface. */
export function registerIngestRoutes(app: ZodApp, { deps, requireAdmin, shutdown }: RouteContext): void {
  app.post(
    '/embed',
    { schema: { body: EmbedBodySchema }, onRequest: requireAdmin },
    async (request, reply) => {
      const { signal } = requestSignal(reply, shutdown);
      const body = request.body;
      if ('path' in body) return deps.ingest.ingestPath(body.path, { prune: body.prune }, signal);
      const documents = 'documents' in body ? body.documents : [body];
      return deps.ingest.ingestDocuments(documents, signal);
    },
  );

  app.get(
    '/documents',
    { schema: { querystring: ListDocumentsQuerySchema }, onRequest: requireAdmin },
    async (request) => ({ documents: await deps.store.listDocuments(request.query.prefix) }),
  );

  app.delete(
    '/documents',
    { schema: { querystring: DeleteDocumentQuerySchema }, onRequest: requireAdmin },
    async (request) => {
      const { source } = request.query;
      if (!(await deps.store.deleteDocument(source))) throw notFound(`No document with source "${source}".`);
      return { deleted: 1, source };
    },
  );
}
