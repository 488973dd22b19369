import type {
  FastifyBaseLogger,
  FastifyInstance,
  onRequestAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.ts';
import type { Metrics } from '../metrics/metrics.ts';

/** The Fastify instance routes are declared on: zod schemas type the handlers. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route group receives besides the app. */
export interface RouteContext {
  deps: AppDeps;
  /** Guards admin-only routes (bearer token, or loopback when no token is set). */
  requireAdmin: onRequestAsyncHookHandler;
  /** Longest silence on an answer stream before a `: ping` comment. */
  pingIntervalMs: number;
  /** How long /health waits for each dependency. */
  healthTimeoutMs: number;
  /** Prometheus metrics (open streams, tokens, timings). */
  metrics: Metrics;
  /** Folder of the built reader assets (widget.js, index.html); `<repo>/dist` by default. */
  assetsDir: string;
  /** Aborted when the server starts shutting down, so open streams end promptly. */
  shutdown: AbortSignal;
}
