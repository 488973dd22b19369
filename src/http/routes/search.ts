import { z } from 'zod';
import { citeHits } from '../../answer/cite-sources.ts';
import { requestSignal } from '../disconnect.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';

/** POST /search body. */
export const SearchBodySchema = z.strictObject({
  query: z.string().trim().min(1).max(2000),
  top_k: z.number().int().min(1).max(50).default(5),
  source_prefix: z.string().min(1).max(1024).optional(),
});

/** POST /search: ranked passages for a query, best first. */
export function registerSearchRoutes(app: ZodApp, { deps, shutdown }: RouteContext): void {
  const searchRoute = { ...limitedAs('search'), schema: { body: SearchBodySchema } };
  app.post('/search', searchRoute, async (request, reply) => {
    const started = performance.now();
    const { query, top_k, source_prefix } = request.body;
    const { signal } = requestSignal(reply, shutdown);
    const hits = await deps.search.search({ query, topK: top_k, sourcePrefix: source_prefix }, signal);
    return {
      // A result is a cited source without its citation number (nor its server-side position).
      results: citeHits(hits).map(({ n: _n, index: _index, ...result }) => result),
      took_ms: Math.round(performance.now() - started),
    };
  });
}
