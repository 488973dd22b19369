import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Helmet's headers with a policy for a JSON API: responses load nothing and may not be framed.
 * HTML surfaces (`/`, `/docs`) set their own Content-Security-Policy on their routes.
 * - Cross-Origin-Resource-Policy is `cross-origin`: the book's site (another origin) loads
 *   `/widget.js` with a plain `<script>`; CORS still guards what scripts may read.
 * - X-Frame-Options is off: it cannot name another origin, and a Hugging Face Space shows `/` in
 *   an iframe on huggingface.co; `frame-ancestors` in each CSP decides instead.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    xFrameOptions: false,
  });
}
