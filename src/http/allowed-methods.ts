import type { FastifyInstance } from 'fastify';

/** One registered route path split into segments; `:name` and a trailing `*` are patterns. */
interface RoutePattern {
  segments: string[];
  methods: Set<string>;
}

/** `/a/b/` → `['', 'a', 'b', '']`: a trailing slash is a different route in Fastify. */
const segmentsOf = (path: string): string[] => path.split('/');

/** Whether a concrete path matches a route path, segment by segment (no regular expressions). */
function matches(pattern: string[], path: string[]): boolean {
  for (let index = 0; index < pattern.length; index += 1) {
    const segment = pattern[index] ?? '';
    if (segment === '*' && index === pattern.length - 1) return true;
    const actual = path[index];
    if (actual === undefined) return false;
    if (!segment.startsWith(':') && segment !== actual) return false;
  }
  return pattern.length === path.length;
}

/**
 * Records the methods of every route registered after this call (an `onRoute` hook), so that a
 * request with a wrong method on a known path can be answered 405 with `Allow` instead of 404.
 * Returns the lookup: the methods a concrete path answers, sorted; empty when the path is unknown.
 */
export function trackAllowedMethods(app: FastifyInstance): (url: string) => string[] {
  const patterns = new Map<string, RoutePattern>();
  app.addHook('onRoute', (route) => {
    // The CORS plugin's catch-all OPTIONS route only serves preflights.
    if (route.url === '*' || route.path === '*') return;
    const entry = patterns.get(route.url) ?? { segments: segmentsOf(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
    patterns.set(route.url, entry);
  });
  return (url) => {
    const path = segmentsOf(url.split('?')[0] ?? '');
    const allowed = new Set<string>();
    for (const pattern of patterns.values()) {
      if (matches(pattern.segments, path)) for (const method of pattern.methods) allowed.add(method);
    }
    return [...allowed].sort();
  };
}
