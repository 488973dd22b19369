import { createHash } from 'node:crypto';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { loadAsset, notBuilt, sendAsset } from '../static-asset.ts';

/** CSP sources for each inline block of `html`, so the page runs its own style and nothing else. */
const hashesOf = (html: string, tag: 'script' | 'style'): string =>
  [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))]
    .map(
      (match) =>
        `'sha256-${createHash('sha256')
          .update(match[1] ?? '')
          .digest('base64')}'`,
    )
    .join(' ');

/**
 * The page's only script is /widget.js; the widget's styles are a constructed stylesheet, which
 * style-src does not govern, and it talks to this origin only.
 */
const contentSecurityPolicy = (html: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${hashesOf(html, 'style') || "'none'"}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    // A Hugging Face Space shows its app page inside an iframe on huggingface.co.
    "frame-ancestors 'self' https://huggingface.co",
  ].join('; ');

/** GET /: a page of the sample book (rendered by `npm run build`) carrying the widget. */
export function registerPageRoutes(app: ZodApp, { assetsDir }: RouteContext): void {
  const page = loadAsset(assetsDir, 'index.html');
  const policy = page ? contentSecurityPolicy(page.body.toString('utf8')) : '';
  app.get('/', async (request, reply) => {
    if (!page) throw notBuilt('index.html');
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', policy)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    return sendAsset(request, reply, page, 'no-cache');
  });
}
