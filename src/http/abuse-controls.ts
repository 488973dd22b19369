import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';
import { budgetExhausted, nextUtcMidnight, type TokenBudget } from '../spending/token-budget.ts';
import { clientAddress } from './client-address.ts';
import type { LimitClass } from './route-limits.ts';

/** The limits, from configuration; a maximum of 0 switches that limit off. */
export interface AbuseControlOptions {
  /** Length of every rate-limit window (RATE_LIMIT_WINDOW_MS). */
  windowMs: number;
  /** Answer requests per client address per window. */
  answersPerIp: number;
  /** Answer requests per `user_id` per window (requests without one count by address only). */
  answersPerUser: number;
  searchPerIp: number;
  healthPerIp: number;
  /** Proxies in front whose `X-Forwarded-For` entries are trusted (TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
  /** Shares the counters across replicas when present (REDIS_URL). */
  redis?: Redis | undefined;
  /** The daily token budget answers are refused beyond; absent when nothing is paid for. */
  budget?: TokenBudget | undefined;
  /** The most tokens one answer request can cost; set aside while it runs (see TokenBudget.admit). */
  answerWorstCase: number;
}

/** How soon to retry when the budget is busy with answers in progress (s). */
const BUSY_RETRY_S = 5;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
type LimitResult = Awaited<ReturnType<Limiter>>;

const REMAINING = 'ratelimit-remaining';

/** `user_id` of a JSON body, when the route has one. */
const userIdOf = (request: FastifyRequest): string | undefined => {
  const body = request.body as { user_id?: unknown } | null | undefined;
  return typeof body?.user_id === 'string' && body.user_id !== '' ? body.user_id.slice(0, 128) : undefined;
};

/**
 * Reports a limiter's state in the draft IETF `RateLimit-*` headers and throws 429 when it is
 * exceeded. When two limits apply (address and user) the headers show the tighter one.
 */
function enforce(reply: FastifyReply, result: LimitResult, what: string): void {
  if (result.isAllowed) return;
  const shown = reply.getHeader(REMAINING);
  if (result.isExceeded || shown === undefined || Number(shown) > result.remaining) {
    reply.header('ratelimit-limit', result.max);
    reply.header(REMAINING, result.remaining);
    reply.header('ratelimit-reset', result.ttlInSeconds);
  }
  if (result.isExceeded) {
    reply.header('retry-after', result.ttlInSeconds);
    throw new AppError('rate_limited', `Too many requests ${what}; retry in ${result.ttlInSeconds} s.`);
  }
}

/**
 * Admits an answer against the daily budget, setting its worst case aside until the response is
 * over (finished, failed or abandoned); refuses with 503 `budget_exhausted` when the day is spent
 * and 429 when only the answers in progress stand in the way.
 */
async function admitAnswer(reply: FastifyReply, budget: TokenBudget, worstCase: number): Promise<void> {
  const admission = await budget.admit(worstCase);
  if (admission.kind === 'admitted') {
    const release = () => {
      admission.release().catch((error: unknown) => reply.log.warn({ err: error }, 'budget release failed'));
    };
    reply.raw.once('close', release);
    return;
  }
  if (admission.kind === 'busy') {
    reply.header('retry-after', BUSY_RETRY_S);
    throw new AppError(
      'rate_limited',
      "Answers in progress would use up what is left of today's token budget; retry shortly.",
    );
  }
  const now = new Date();
  reply.header('retry-after', Math.ceil((nextUtcMidnight(now) - now.getTime()) / 1000));
  throw budgetExhausted();
}

/**
 * Puts every route whose config names a `limitClass` (see route-limits.ts) under its limits:
 * per client address at onRequest (before the body is even read), and for answers per
 * `user_id` and the daily token budget at preHandler (after validation, before any output, so
 * refusals are plain problem responses). Register before the routes.
 */
export async function registerAbuseControls(
  app: FastifyInstance,
  options: AbuseControlOptions,
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    enableDraftSpec: true,
    redis: options.redis,
    nameSpace: 'docs-chat:rate:',
    // A Redis outage must not take answers down with it; the budget still fails closed.
    skipOnError: true,
  });
  const limiter = (name: string, max: number, key: (request: FastifyRequest) => string): Limiter | null =>
    max > 0
      ? app.createRateLimit({ max, timeWindow: options.windowMs, keyGenerator: (r) => `${name}:${key(r)}` })
      : null;
  const address = (request: FastifyRequest) => clientAddress(request, options.trustedProxyHops);
  const byAddress: Record<LimitClass, Limiter | null> = {
    answer: limiter('answer-ip', options.answersPerIp, address),
    search: limiter('search-ip', options.searchPerIp, address),
    health: limiter('health-ip', options.healthPerIp, address),
  };
  const byUser = limiter('answer-user', options.answersPerUser, (request) => userIdOf(request) ?? '');
  const { budget } = options;

  app.addHook('onRequest', async (request, reply) => {
    const limitClass = request.routeOptions.config?.limitClass;
    const limit = limitClass ? byAddress[limitClass] : null;
    if (!limit) return;
    const forwardedFor = request.headers['x-forwarded-for'];
    request.log.debug({ client_address: address(request), forwarded_for: forwardedFor }, 'rate limit key');
    enforce(reply, await limit(request), 'from this address');
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config?.limitClass !== 'answer') return;
    if (byUser && userIdOf(request) !== undefined) enforce(reply, await byUser(request), 'for this user_id');
    if (budget) await admitAnswer(reply, budget, options.answerWorstCase);
  });
}
