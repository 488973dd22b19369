import type { RouteContext, ZodApp } from '../route-context.ts';

/** GET /metrics (admin): Prometheus text format. */
export function registerMetricsRoutes(app: ZodApp, { requireAdmin, metrics }: RouteContext): void {
  app.get('/metrics', { onRequest: requireAdmin }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
