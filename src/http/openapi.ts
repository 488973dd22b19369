import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** Where the interactive docs live; `/openapi.json` serves the same document. */
const DOCS_PREFIX = '/docs';

/**
 * Swagger UI's own CSP, adjusted as checked in Chromium: without `upgrade-insecure-requests`
 * (it would break the page on plain-http hosts such as localhost) and with inline styles, which
 * the UI injects at run time (styles only: scripts stay limited to its own files).
 */
const docsPolicy = (policy: string): string =>
  policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && directive !== 'upgrade-insecure-requests')
    .map((directive) => (directive.startsWith('style-src ') ? `${directive} 'unsafe-inline'` : directive))
    .join('; ');

/**
 * OpenAPI 3 from the zod schemas that validate requests. Registered before the routes: the swagger
 * plugin collects routes through an `onRoute` hook, so every route added afterwards (by any
 * module) appears in `/openapi.json` and `/docs` without further work.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Docs chat backend',
        version,
        description:
          'Grounded, cited, streamed answers about a documentation book. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    staticCSP: true,
    transformStaticCSP: docsPolicy,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
