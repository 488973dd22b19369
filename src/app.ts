import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.ts';
import { badRequest } from './errors.ts';
import { registerAbuseControls } from './http/abuse-controls.ts';
import { trackAllowedMethods } from './http/allowed-methods.ts';
import { adminGuard, warnWhenAdminIsOpen } from './http/auth.ts';
import { handleClientError } from './http/client-error.ts';
import { answerFrameworkError, registerErrorHandling } from './http/error-handler.ts';
import { registerOpenApi } from './http/openapi.ts';
import { REQUEST_ID_HEADER, requestIdFor } from './http/request-id.ts';
import { recordRequestMetrics } from './http/request-metrics.ts';
import type { RouteContext } from './http/route-context.ts';
import { registerChatRoutes } from './http/routes/chat.ts';
import { registerFeedbackRoutes } from './http/routes/feedback.ts';
import { registerHealthRoutes } from './http/routes/health.ts';
import { registerIngestRoutes } from './http/routes/ingest.ts';
import { registerMetricsRoutes } from './http/routes/metrics.ts';
import { registerPageRoutes } from './http/routes/page.ts';
import { registerSearchRoutes } from './http/routes/search.ts';
import { registerWidgetRoutes } from './http/routes/widget.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { liftIdleTimeoutForHandlers, timeoutOptions } from './http/timeouts.ts';
import { countAnswerTokens } from './metrics/instrument.ts';
import { createMetrics } from './metrics/metrics.ts';

/** Knobs of the HTTP layer that are not configuration (tests shorten them). */
export interface AppOptions {
  /** Longest silence on an answer stream before a `: ping` comment; default 15 s (contract maximum). */
  pingIntervalMs?: number;
  /** How long /health waits for each dependency before reporting it; default 3 s. */
  healthTimeoutMs?: number;
  /** Where the built widget and page are read from; default `<repo>/dist` (tests build their own). */
  assetsDir?: string;
}

const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** Builds the HTTP app from explicit dependencies; it does not listen (server.ts or a test does). */
export async function createApp(deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT,
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    // Closing sockets that are idle at shutdown; open streams are ended via `shutdown` below.
    forceCloseConnections: 'idle',
    ...timeoutOptions(config.REQUEST_TIMEOUT_MS),
    clientErrorHandler: handleClientError,
    frameworkErrors: answerFrameworkError,
  });
  const routes = app.withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies are accepted; without this, text/plain would reach validation as a string.
  app.removeContentTypeParser('text/plain');
  // Before any route (CORS and swagger add some), so every path's methods are known for 405.
  const allowedMethods = trackAllowedMethods(app);
  registerErrorHandling(app, allowedMethods);
  liftIdleTimeoutForHandlers(app);

  // First hook, so even CORS preflights and early rejections carry the id.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    // Node's own check (requireHostHeader) would answer a bare 400; this one answers a problem.
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      throw badRequest('An HTTP/1.1 request must carry a Host header.');
    }
    // OPTIONS serves CORS preflights only; anything else gets the 404/405 problem, not CORS's text/plain 400.
    if (
      request.method === 'OPTIONS' &&
      !(request.headers.origin && request.headers['access-control-request-method'])
    ) {
      return reply.callNotFound();
    }
  });
  await registerSecurityHeaders(app);

  await app.register(cors, {
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: [
      'X-Request-Id',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
    maxAge: 600,
  });

  const metrics = deps.metrics ?? createMetrics();
  recordRequestMetrics(app, metrics);
  await registerOpenApi(app, deps.version);

  await registerAbuseControls(app, {
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    answersPerIp: config.RATE_LIMIT_ANSWERS_PER_IP,
    answersPerUser: config.RATE_LIMIT_ANSWERS_PER_USER,
    searchPerIp: config.RATE_LIMIT_SEARCH_PER_IP,
    healthPerIp: config.RATE_LIMIT_HEALTH_PER_IP,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    redis: deps.redis,
    budget: deps.budget,
    // The answer prompt and the query-rewrite prompt (each fitted to MAX_PROMPT_TOKENS), the
    // answer itself, and a margin for the rewritten query and the query embeddings.
    answerWorstCase: 2 * config.MAX_PROMPT_TOKENS + config.MAX_TOKENS + 2500,
  });
  warnWhenAdminIsOpen(app, config.ADMIN_TOKEN);

  const shutdown = new AbortController();
  app.addHook('preClose', async () => shutdown.abort(new DOMException('server shutting down', 'AbortError')));

  const context: RouteContext = {
    deps: { ...deps, answers: countAnswerTokens(deps.answers, metrics) },
    metrics,
    requireAdmin: adminGuard(config.ADMIN_TOKEN),
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    healthTimeoutMs: options.healthTimeoutMs ?? 3000,
    assetsDir: options.assetsDir ?? DEFAULT_ASSETS_DIR,
    shutdown: shutdown.signal,
  };
  registerHealthRoutes(routes, context);
  registerIngestRoutes(routes, context);
  registerSearchRoutes(routes, context);
  registerChatRoutes(routes, context);
  registerFeedbackRoutes(routes, context);
  registerPageRoutes(routes, context);
  registerWidgetRoutes(routes, context);
  registerMetricsRoutes(routes, context);
  return app;
}
