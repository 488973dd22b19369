import type { FastifyBaseLogger } from 'fastify';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';

/**
 * A checker that runs one dependency call under a timeout, turning a failure into a short
 * problem line (never the upstream error text: /health is public) and logging the details.
 */
const checker =
  (log: FastifyBaseLogger, timeoutMs: number) =>
  async <T>(component: string, problems: string[], run: (signal: AbortSignal) => Promise<T>) => {
    try {
      return await run(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      problems.push(`${component}: ${timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable'}`);
      log.warn({ err: error, component }, 'health check failed');
      return undefined;
    }
  };

/** GET /health: 200 when every configured dependency answers, 503 `degraded` otherwise. Never authenticated. */
export function registerHealthRoutes(app: ZodApp, { deps, healthTimeoutMs }: RouteContext): void {
  app.get('/health', limitedAs('health'), async (request, reply) => {
    const check = checker(request.log, healthTimeoutMs);
    const { embedder, generator, store, feedback } = deps;
    const problems: string[] = [];
    const statsProblems: string[] = [];
    const [, , , stats, feedbackCount] = await Promise.all([
      check('store', problems, (signal) => store.ping(signal)),
      embedder ? check('embedder', problems, (signal) => embedder.ping(signal)) : undefined,
      check('generator', problems, (signal) => generator.ping(signal)),
      check('store', statsProblems, (signal) => store.stats(signal)),
      check('feedback', problems, () => feedback.count()),
    ]);
    // A store that is down fails both checks; report it once.
    if (!problems.some((line) => line.startsWith('store'))) problems.push(...statsProblems);
    const healthy = problems.length === 0;
    return reply.code(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'degraded',
      version: deps.version,
      store: store.kind,
      embedder: embedder ? 'openai' : 'none',
      generator: generator.mode,
      links: deps.links !== null,
      ...(stats ? { documents: stats.documents, chunks: stats.chunks } : {}),
      ...(feedbackCount === undefined ? {} : { feedback: feedbackCount }),
      ...(healthy ? {} : { problems }),
    });
  });
}
