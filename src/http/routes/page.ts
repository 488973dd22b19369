import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RouteContext, ZodApp } from '../route-context.ts';

const PAGE = readFileSync(new URL('../page.html', import.meta.url), 'utf8');

/** CSP source for each inline block, so the page runs its own script and style and nothing else. */
const hashesOf = (tag: 'script' | 'style'): string =>
  [...PAGE.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map(
      (match) =>
        `'sha256-${createHash('sha256')
          .update(match[1] ?? '')
          .digest('base64')}'`,
    )
    .join(' ');

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${hashesOf('script')}`,
  `style-src ${hashesOf('style')}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** GET /: a small self-contained page to try the chat endpoints in a browser. */
export function registerPageRoutes(app: ZodApp, _context: RouteContext): void {
  app.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(PAGE),
  );
}
