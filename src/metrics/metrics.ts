import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics, in a registry of their own (tests build many apps per process). */
export interface Metrics {
  registry: Registry;
  /** Finished HTTP requests by method, route pattern and status. */
  httpRequests: Counter<'method' | 'route' | 'status'>;
  /** Time from request to finished response, by method and route pattern. */
  httpDuration: Histogram<'method' | 'route'>;
  /** Requests refused with 429, by route pattern. */
  rateLimited: Counter<'route'>;
  /** Answer streams (SSE) currently open. */
  openStreams: Gauge;
  /** Time of one retrieval (query embedding, store search, fusion). */
  retrievalDuration: Histogram;
  /** Time of calls to paid or remote services (OpenAI, Qdrant), by operation and outcome. */
  upstreamDuration: Histogram<'upstream' | 'operation' | 'outcome'>;
  /** Model tokens spent on answers, from each answer's usage (`prompt` / `completion`). */
  tokens: Counter<'kind'>;
}

/** Latency buckets (seconds) from a cache hit to a slow model answer. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** Creates the metrics and the process defaults (CPU, memory, event-loop lag) in a fresh registry. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method and route (streams: until the stream ends).',
      labelNames: ['method', 'route'],
      buckets: BUCKETS,
      registers,
    }),
    rateLimited: new Counter({
      name: 'http_rate_limited_total',
      help: 'Requests refused with 429 by route.',
      labelNames: ['route'],
      registers,
    }),
    openStreams: new Gauge({ name: 'sse_streams_open', help: 'Answer streams currently open.', registers }),
    retrievalDuration: new Histogram({
      name: 'retrieval_duration_seconds',
      help: 'Time of one retrieval (embedding the query, searching, fusing).',
      buckets: BUCKETS,
      registers,
    }),
    upstreamDuration: new Histogram({
      name: 'upstream_request_duration_seconds',
      help: 'Calls to OpenAI and Qdrant by operation and outcome (ok, error).',
      labelNames: ['upstream', 'operation', 'outcome'],
      buckets: BUCKETS,
      registers,
    }),
    tokens: new Counter({
      name: 'model_tokens_total',
      help: 'Model tokens spent on answers, by kind (prompt, completion).',
      labelNames: ['kind'],
      registers,
    }),
  };
}
