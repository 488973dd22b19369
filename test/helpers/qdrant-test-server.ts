import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCollection } from './qdrant/collection.ts';
import { QdrantHttpError } from './qdrant/errors.ts';
import { routes } from './qdrant/routes.ts';
import { describeErrors, QdrantOpenApi } from './qdrant-openapi.ts';

/** One request as the server saw it, for assertions. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown;
  /** Spec operation id (`query_points`), or undefined for paths the spec does not know. */
  operationId: string | undefined;
  status: number;
}

/** A scripted failure for the next requests. */
interface ScriptedFailure {
  remaining: number;
  status: number;
  retryAfter: string | undefined;
}

/** Options of the test server. */
export interface QdrantTestServerOptions {
  /** When set, every request must carry it in `api-key` (or `Authorization: Bearer`). */
  apiKey?: string;
}

/** What a route handler gets. */
export interface RouteContext {
  name: string;
  body: Record<string, unknown>;
  query: Record<string, string>;
  collections: Map<string, TestCollection>;
}

// Shared: compiling the 500 kB spec once per process keeps test start-up fast.
let openApi: QdrantOpenApi | undefined;

/**
 * A Qdrant stand-in speaking the real REST protocol on 127.0.0.1: the endpoints our store and
 * the JS client use, with real semantics, and every request and response checked against
 * Qdrant's OpenAPI 1.19 schema (a request Qdrant would refuse is refused here too, with 400).
 */
export class QdrantTestServer {
  readonly requests: LoggedRequest[] = [];
  /** Responses this server produced that do not match the spec (should stay empty). */
  readonly responseViolations: string[] = [];
  readonly collections = new Map<string, TestCollection>();
  readonly #server: Server;
  readonly #apiKey: string | undefined;
  readonly #api: QdrantOpenApi;
  #failure: ScriptedFailure | undefined;

  private constructor(options: QdrantTestServerOptions) {
    this.#apiKey = options.apiKey;
    openApi ??= new QdrantOpenApi();
    this.#api = openApi;
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
  }

  /** Starts a server on a free port. */
  static async start(options: QdrantTestServerOptions = {}): Promise<QdrantTestServer> {
    const server = new QdrantTestServer(options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Answers the next `count` requests with `status` (e.g. 503, or 429 with Retry-After). */
  failNext(count: number, status: number, retryAfter?: string): void {
    this.#failure = { remaining: count, status, retryAfter };
  }

  /**
   * Forgets collections, logged requests and any scripted failure left over, so each test starts
   * empty. Response violations are kept: a test at the end of a file can assert none occurred.
   */
  reset(): void {
    this.collections.clear();
    this.requests.length = 0;
    this.#failure = undefined;
  }

  /** Stops listening and drops keep-alive connections. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const entry: LoggedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: undefined,
      operationId: undefined,
      status: 0,
    };
    this.requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    const time = () => (performance.now() - started) / 1000;
    try {
      const text = await readBody(request);
      entry.body = text === '' ? undefined : parseJson(text);
      this.#checkApiKey(request);
      const failure = this.#failure;
      if (failure && failure.remaining > 0) {
        failure.remaining -= 1;
        const headers: Record<string, string> = failure.retryAfter
          ? { 'retry-after': failure.retryAfter }
          : {};
        send(
          failure.status,
          { status: { error: `Scripted failure ${failure.status}` }, time: time() },
          headers,
        );
        return;
      }
      const operation = this.#api.find(entry.method, url.pathname);
      if (!operation) throw new QdrantHttpError(404, `Not found: ${entry.method} ${url.pathname}`);
      entry.operationId = operation.operationId;
      const body = (entry.body ?? {}) as Record<string, unknown>;
      if (operation.request && !operation.request(body)) {
        throw new QdrantHttpError(
          400,
          `Format error in JSON body: ${describeErrors(operation.request.errors)}`,
        );
      }
      const handler = routes[operation.operationId];
      if (!handler)
        throw new QdrantHttpError(501, `Qdrant test server does not implement ${operation.operationId}`);
      const name = decodeURIComponent(operation.pattern.exec(url.pathname)?.[1] ?? '');
      const result = handler({ name, body, query: entry.query, collections: this.collections });
      const payload = operation.operationId === 'root' ? result : { result, status: 'ok', time: time() };
      if (!operation.response(payload)) {
        const problem = `${operation.operationId}: ${describeErrors(operation.response.errors)}`;
        this.responseViolations.push(problem);
        throw new QdrantHttpError(500, `Test server produced an invalid response: ${problem}`);
      }
      send(200, payload);
    } catch (error) {
      const status = error instanceof QdrantHttpError ? error.status : 500;
      send(status, {
        status: { error: error instanceof Error ? error.message : String(error) },
        time: time(),
      });
    }
  }

  #checkApiKey(request: IncomingMessage): void {
    if (this.#apiKey === undefined) return;
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (request.headers['api-key'] !== this.#apiKey && bearer !== this.#apiKey) {
      throw new QdrantHttpError(401, 'Must provide an API key or an Authorization bearer token');
    }
  }
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new QdrantHttpError(400, `Format error in JSON body: ${(error as Error).message}`);
  }
}
