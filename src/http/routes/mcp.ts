import type { createMcpHandler } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestSignal } from '../disconnect.ts';
import type { RouteContext, ZodApp } from '../route-context.ts';
import { limitedAs } from '../route-limits.ts';

/** Headers that describe the original message framing; the web Request recomputes them. */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'host', 'keep-alive']);

/** The Fastify request as the web-standard Request the SDK's handler serves. */
function toWebRequest(request: FastifyRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const hasBody = request.method === 'POST' && request.body !== undefined;
  return new Request(new URL(request.url, 'http://localhost'), {
    method: request.method,
    headers,
    signal,
    ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
  });
}

/**
 * MCP's DNS-rebinding defence: a browser page may call only from an allowed origin. Requests
 * without `Origin` (desktop clients, IDEs, servers) pass; `*` in CORS_ORIGINS allows every origin.
 */
const originAllowed = (origin: string | undefined, allowed: string[]): boolean =>
  origin === undefined || allowed.includes('*') || allowed.includes(origin);

const forbiddenOrigin = (reply: FastifyReply): FastifyReply =>
  reply
    .code(403)
    .type('application/json; charset=utf-8')
    .send({
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Forbidden: this Origin may not use the MCP endpoint.' },
      id: null,
    });

/**
 * /mcp: the book as a Model Context Protocol server over Streamable HTTP. The SDK's handler
 * serves the stateless 2026-07-28 revision and, for older clients, the 2025-era `initialize`
 * exchange statelessly (no sessions; GET/DELETE answer 405) — see decision 0007.
 */
export function registerMcpRoutes(app: ZodApp, context: RouteContext): void {
  const { deps } = context;
  // The SDK loads on the first MCP request: it is a large module graph that start-up need not wait for.
  let handler: Promise<ReturnType<typeof createMcpHandler>> | undefined;
  const mcpHandler = () => {
    handler ??= Promise.all([
      import('@modelcontextprotocol/server'),
      import('../mcp/docs-mcp-server.ts'),
    ]).then(([sdk, docs]) =>
      sdk.createMcpHandler(() => docs.createDocsMcpServer(deps), {
        onerror: (error) => deps.logger.warn({ err: error }, 'mcp request failed'),
      }),
    );
    return handler;
  };
  app.addHook('onClose', async () => {
    if (handler) await (await handler).close();
  });

  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: '/mcp',
    // HEAD is no MCP method; without this Fastify would pass it to the SDK, which cannot answer it.
    exposeHeadRoute: false,
    // One endpoint carries every MCP message (initialize, tools/list…), so it is limited like
    // search; ask_docs still spends through the metered generator, which stops at the daily budget.
    ...limitedAs('search'),
    handler: async (request, reply) => {
      if (!originAllowed(request.headers.origin, deps.config.corsOrigins)) return forbiddenOrigin(reply);
      const { signal } = requestSignal(reply, context.shutdown);
      const response = await (await mcpHandler()).fetch(toWebRequest(request, signal), {
        parsedBody: request.body,
      });
      return reply.send(response);
    },
  });
}
