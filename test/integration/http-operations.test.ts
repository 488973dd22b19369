import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApp } from '../../src/app.ts';
import { AppError } from '../../src/errors.ts';
import { fakeDeps } from '../helpers/fake-deps.ts';
import { createFixtureBook, type FixtureBook } from '../helpers/fixture-book.ts';
import { postJson, readSse, suiteServer } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';

const TOKEN = 'metrics-secret';
const auth = { authorization: `Bearer ${TOKEN}` };

interface JsonSchema {
  required?: string[];
  properties?: Record<string, JsonSchema>;
  maxLength?: number;
  additionalProperties?: unknown;
  anyOf?: JsonSchema[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
}
const bodySchema = (document: OpenApiDocument, path: string, method: string): JsonSchema | undefined =>
  document.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;

/** The value of one sample line `name{labels} value` in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('OpenAPI document and interactive docs', () => {
  const server = suiteServer(fakeDeps().deps);

  test('/openapi.json describes every route with the request schemas that validate it', async () => {
    const response = await fetch(`${server.url()}/openapi.json`);
    assert.equal(response.status, 200);
    const document = (await response.json()) as OpenApiDocument;
    assert.match(document.openapi, /^3\./);
    for (const [path, method] of [
      ['/health', 'get'],
      ['/search', 'post'],
      ['/chat', 'post'],
      ['/chat/selection', 'post'],
      ['/embed', 'post'],
      ['/documents', 'get'],
      ['/documents', 'delete'],
      ['/metrics', 'get'],
    ] as const) {
      assert.ok(document.paths[path]?.[method], `${method.toUpperCase()} ${path} is documented`);
    }
    const search = bodySchema(document, '/search', 'post');
    assert.deepEqual(search?.required, ['query']);
    assert.equal(search?.properties?.query?.maxLength, 2000);
    assert.equal(search?.additionalProperties, false);
    assert.equal(bodySchema(document, '/embed', 'post')?.anyOf?.length, 3, 'document, batch and path shapes');
  });

  test('/docs serves Swagger UI with a CSP that allows its own files', async () => {
    const response = await fetch(`${server.url()}/docs/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'/);
    assert.doesNotMatch(policy, /upgrade-insecure-requests/);
    const html = await response.text();
    const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(html)?.[1];
    assert.ok(script, 'the page loads the UI bundle');
    const bundle = await fetch(new URL(script, `${server.url()}/docs/`));
    assert.equal(bundle.status, 200);
    assert.ok((await bundle.text()).length > 100_000);
  });
});

describe('routes registered after createApp', () => {
  test('appear in the OpenAPI document without further work', async () => {
    const app = await createApp(fakeDeps().deps);
    app
      .withTypeProvider<ZodTypeProvider>()
      .post('/later', { schema: { body: z.strictObject({ later: z.string().max(9) }) } }, async () => ({}));
    await app.ready();
    const schema = bodySchema(app.swagger() as unknown as OpenApiDocument, '/later', 'post');
    assert.equal(schema?.properties?.later?.maxLength, 9);
    await app.close();
  });
});

describe('security headers', () => {
  const server = suiteServer(fakeDeps().deps);

  test('API responses forbid loading and framing but let other origins load scripts', async () => {
    const response = await fetch(`${server.url()}/health`);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.ok(response.headers.get('strict-transport-security'));
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  test('the page at / keeps its own CSP allowing its own script', async () => {
    const response = await fetch(`${server.url()}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'/);
    assert.match(policy, /connect-src 'self'/);
  });
});

describe('GET /metrics', () => {
  let book: FixtureBook;
  let openai: OpenAITestServer;
  let service: RealService;
  before(async () => {
    book = createFixtureBook();
    openai = await startOpenAITestServer();
    service = await startRealService(book, { OPENAI_BASE_URL: openai.baseURL, ADMIN_TOKEN: TOKEN });
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  test('requires the admin token', async () => {
    const response = await fetch(`${service.url}/metrics`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('content-type') ?? '', /problem\+json/);
  });

  test('reports requests, streams, retrieval, upstream timings and tokens in Prometheus format', async () => {
    const ingest = await postJson(`${service.url}/embed`, { path: '.' }, { headers: auth });
    assert.equal(ingest.status, 200);
    const question = { messages: [{ role: 'user', content: 'What does compose do?' }], user_id: 'reader' };
    const streamed = await readSse(await postJson(`${service.url}/chat`, question));
    const usage = streamed.events.at(-1)?.data.usage as { prompt_tokens: number; completion_tokens: number };
    assert.ok(usage.prompt_tokens > 0);
    assert.equal((await postJson(`${service.url}/search`, { query: 'compose' })).status, 200);
    await fetch(`${service.url}/nowhere/${'x'.repeat(50)}`);

    const response = await fetch(`${service.url}/metrics`, { headers: auth });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.equal(sample(text, 'http_requests_total', { method: 'POST', route: '/chat', status: '200' }), 1);
    assert.equal(sample(text, 'http_requests_total', { route: 'unmatched', status: '404' }), 1);
    assert.doesNotMatch(text, /xxxxx/, 'raw URLs never become labels');
    assert.ok((sample(text, 'http_request_duration_seconds_count', { route: '/search' }) ?? 0) >= 1);
    assert.equal(sample(text, 'sse_streams_open'), 0);
    assert.ok((sample(text, 'retrieval_duration_seconds_count') ?? 0) >= 2, 'search and chat retrievals');
    const embeds = { upstream: 'openai', operation: 'embed', outcome: 'ok' };
    assert.ok((sample(text, 'upstream_request_duration_seconds_count', embeds) ?? 0) >= 2);
    const generations = { upstream: 'openai', operation: 'generate', outcome: 'ok' };
    assert.equal(sample(text, 'upstream_request_duration_seconds_count', generations), 1);
    assert.equal(sample(text, 'model_tokens_total', { kind: 'prompt' }), usage.prompt_tokens);
    assert.equal(sample(text, 'model_tokens_total', { kind: 'completion' }), usage.completion_tokens);
    assert.ok(sample(text, 'nodejs_eventloop_lag_p99_seconds') !== undefined);
  });
});

describe('rate-limited requests in /metrics', () => {
  const fakes = fakeDeps({ ADMIN_TOKEN: TOKEN });
  const server = suiteServer(fakes.deps);

  test('every 429, whoever refused it, is counted by route', async () => {
    fakes.answers.chatProducer = () => {
      throw new AppError('rate_limited', 'Too many questions; wait a minute.');
    };
    const question = { messages: [{ role: 'user', content: 'Q?' }], user_id: 'u', stream: false };
    for (let index = 0; index < 3; index += 1) {
      assert.equal((await postJson(`${server.url()}/chat`, question)).status, 429);
    }
    const text = await (await fetch(`${server.url()}/metrics`, { headers: auth })).text();
    assert.equal(sample(text, 'http_rate_limited_total', { route: '/chat' }), 3);
  });
});
