import type { RouteContext, ZodApp } from '../route-context.ts';
import { loadAsset, notBuilt, sendAsset } from '../static-asset.ts';

/**
 * The URL is not versioned (book owners paste it once), so browsers keep the file briefly and
 * then revalidate with the ETag: a new release reaches readers within minutes at the cost of a 304.
 */
const WIDGET_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

/** GET /widget.js: the reader widget, built from src/widget by `npm run build`. */
export function registerWidgetRoutes(app: ZodApp, { assetsDir }: RouteContext): void {
  const widget = loadAsset(assetsDir, 'widget.js');
  app.get('/widget.js', async (request, reply) => {
    if (!widget) throw notBuilt('widget.js');
    reply
      .type('text/javascript; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      // Book pages on another origin load it with a plain <script>: a same-origin CORP would block that.
      .header('cross-origin-resource-policy', 'cross-origin');
    return sendAsset(request, reply, widget, WIDGET_CACHE);
  });
}
