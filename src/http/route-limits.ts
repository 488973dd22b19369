/**
 * Which limits a route is under: `answer` (rate limits per client address and per `user_id`,
 * plus the daily token budget), `search` and `health` (per client address, looser).
 */
export type LimitClass = 'answer' | 'search' | 'health';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Puts the route under the limits of its class (see src/http/abuse-controls.ts). */
    limitClass?: LimitClass;
  }
}

/**
 * Route options that opt a route into the limits of `limitClass`, in one line:
 * `app.post('/v1/chat/completions', { ...limitedAs('answer'), schema }, handler)`.
 * A route with its own `config` sets `config: { limitClass: 'answer', ... }` instead.
 */
export const limitedAs = (limitClass: LimitClass): { config: { limitClass: LimitClass } } => ({
  config: { limitClass },
});
