import { feedbackToCsv } from '../feedback-csv.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';
import { FeedbackBodySchema, FeedbackListQuerySchema } from '../schemas/feedback.ts';

/** True when the client ranks text/csv above JSON (a plain `Accept: text/csv` does). */
const wantsCsv = (accept: string | undefined): boolean =>
  accept?.includes('text/csv') === true && !accept.includes('application/json');

/** POST /feedback (readers) and GET /feedback (admin, JSON or CSV). */
export function registerFeedbackRoutes(app: ZodApp, { deps, requireAdmin }: RouteContext): void {
  // Anonymous writes: limited per client address like /search.
  app.post(
    '/feedback',
    { ...limitedAs('search'), schema: { body: FeedbackBodySchema } },
    async (request, reply) => {
      const { request_id, rating, comment } = request.body;
      const stored = await deps.feedback.record({
        requestId: request_id,
        rating,
        comment: comment || undefined,
      });
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/feedback',
    { schema: { querystring: FeedbackListQuerySchema }, onRequest: requireAdmin },
    async (request, reply) => {
      const records = await deps.feedback.list(request.query.limit);
      if (!wantsCsv(request.headers.accept)) return { feedback: records };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="feedback.csv"')
        .send(feedbackToCsv(records));
    },
  );
}
