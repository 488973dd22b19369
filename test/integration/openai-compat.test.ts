import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import { type ProtocolService, SITE_URL, startProtocolService } from '../helpers/protocol-service.ts';

const KEY = 'docs-key-2';

interface UrlCitation {
  type: string;
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

/** The official `openai` client as the caller of /v1 on a running service. */
describe('OpenAI-compatible API with the official openai client', () => {
  let bed: ProtocolService;
  let client: OpenAI;
  const question = { role: 'user' as const, content: 'How do I compose functions from right to left?' };

  before(async () => {
    bed = await startProtocolService(
      { API_KEYS: `docs-key-1, ${KEY}`, OPENAI_TIMEOUT_MS: '2000' },
      { chunkDelayMs: 5 },
    );
    client = new OpenAI({ apiKey: KEY, baseURL: `${bed.url}/v1`, maxRetries: 0, timeout: 20_000 });
  });
  after(() => bed.close());

  const upstreamChats = () => bed.upstream.requests.filter((r) => r.path === '/v1/chat/completions');

  it('appears, with the other protocol endpoints, in the OpenAPI document', async () => {
    const document = (await (await fetch(`${bed.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
    assert.deepEqual(methods('/v1/chat/completions'), ['post']);
    assert.ok(methods('/v1/models').includes('get'));
    assert.deepEqual(methods('/ai-sdk/chat'), ['post']);
    assert.ok(methods('/mcp').includes('post'));
  });

  it('lists docs-chat as the one model', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    assert.deepEqual(
      models.map(({ id, object, owned_by }) => ({ id, object, owned_by })),
      [{ id: 'docs-chat', object: 'model', owned_by: 'docs-chat-backend' }],
    );
    assert.equal(typeof models[0]?.created, 'number');
    assert.equal((await client.models.retrieve('docs-chat')).id, 'docs-chat');
  });

  it('answers without streaming, with url_citation annotations spanning the [n] markers', async () => {
    const completion = await client.chat.completions.create({
      model: 'docs-chat',
      messages: [{ role: 'system', content: 'Answer in French.' }, question],
      temperature: 0.2,
      max_tokens: 200,
    });
    assert.equal(completion.object, 'chat.completion');
    const choice = completion.choices[0];
    const content = choice?.message.content ?? '';
    assert.match(content, /\[1\]/);
    assert.equal(choice?.finish_reason, 'stop');
    const annotations = (choice?.message.annotations ?? []) as UrlCitation[];
    assert.ok(annotations.length > 0);
    for (const { type, url_citation } of annotations) {
      assert.equal(type, 'url_citation');
      assert.ok(url_citation.url.startsWith(`${SITE_URL}docs/`), url_citation.url);
      assert.match(content.slice(url_citation.start_index, url_citation.end_index), /^\[\d+\]$/);
    }
    assert.ok((completion.usage?.total_tokens ?? 0) > 0, 'the model usage is passed on');
    const upstream = upstreamChats().at(-1);
    assert.doesNotMatch(
      JSON.stringify(upstream?.body.messages),
      /Answer in French/,
      'system messages are ignored',
    );
  });

  it('streams chunks: role first, finish_reason and citations last, then a usage-only chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'docs-chat',
      messages: [question],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((chunk) => chunk.object === 'chat.completion.chunk'));
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const withChoices = chunks.filter((chunk) => chunk.choices.length > 0);
    const finishes = withChoices.map((chunk) => chunk.choices[0]?.finish_reason ?? null);
    assert.deepEqual(
      finishes.filter((reason) => reason !== null),
      ['stop'],
    );
    assert.equal(finishes.at(-1), 'stop', 'finish_reason is on the last choice chunk');
    const text = withChoices.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.match(text, /According to the book, .*\[1\]/);
    const last = withChoices.at(-1)?.choices[0]?.delta as { annotations?: UrlCitation[] } | undefined;
    const annotation = last?.annotations?.[0]?.url_citation;
    assert.ok(annotation, 'the final chunk carries the citations');
    assert.equal(text.slice(annotation.start_index, annotation.end_index), '[1]');
    const usageChunk = chunks.at(-1);
    assert.deepEqual(usageChunk?.choices, []);
    assert.ok((usageChunk?.usage?.total_tokens ?? 0) > 0);
  });

  it('ends the event stream with data: [DONE] on the wire', async () => {
    const response = await fetch(`${bed.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ model: 'docs-chat', messages: [question], stream: true }),
    });
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const lines = (await response.text()).split('\n').filter((line) => line.startsWith('data: '));
    assert.equal(lines.at(-1), 'data: [DONE]');
    assert.deepEqual(JSON.parse(lines[0]?.slice(6) ?? '{}').choices[0].delta, {
      role: 'assistant',
      content: '',
    });
  });

  it('sends no usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'docs-chat',
      messages: [question],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined));
  });

  it('aborts the upstream generation when the caller stops reading mid-stream', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    bed.upstream.enqueue({ kind: 'reply', text: `${words} [1].`, path: '/v1/chat/completions' });
    const before = upstreamChats().length;
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'docs-chat', messages: [question], stream: true },
      { signal: controller.signal },
    );
    let received = '';
    for await (const chunk of stream) {
      received += chunk.choices[0]?.delta.content ?? '';
      if (received.includes('word3')) controller.abort();
    }
    assert.equal(controller.signal.aborted, true);
    const upstream = upstreamChats()[before];
    await upstream?.settled;
    assert.equal(upstream?.aborted, true, 'the upstream completion was cut, not read to the end');
  });

  it('maps errors to the client error classes with OpenAI error bodies', async () => {
    const stranger = new OpenAI({ apiKey: 'wrong', baseURL: `${bed.url}/v1`, maxRetries: 0 });
    await assert.rejects(stranger.models.list(), AuthenticationError);

    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o', messages: [question] }),
      (error: unknown) =>
        error instanceof NotFoundError && error.code === 'model_not_found' && error.param === 'model',
    );
    await assert.rejects(
      // biome-ignore lint/suspicious/noExplicitAny: a wrong type on purpose.
      client.chat.completions.create({ model: 'docs-chat', messages: [question], temperature: 'hot' as any }),
      (error: unknown) =>
        error instanceof BadRequestError &&
        error.param === 'temperature' &&
        error.type === 'invalid_request_error',
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'docs-chat',
        messages: [{ role: 'assistant', content: 'Hi' }],
      }),
      (error: unknown) => error instanceof BadRequestError && error.param === 'messages',
    );

    bed.upstream.enqueue({ kind: 'status', status: 429, path: '/v1/chat/completions' });
    await assert.rejects(
      client.chat.completions.create({ model: 'docs-chat', messages: [question], stream: true }),
      (error: unknown) => error instanceof RateLimitError && error.type === 'rate_limit_error',
    );
    bed.upstream.enqueue({ kind: 'status', status: 500, path: '/v1/chat/completions' });
    await assert.rejects(
      client.chat.completions.create({ model: 'docs-chat', messages: [question] }),
      (error: unknown) =>
        error instanceof InternalServerError &&
        error.type === 'server_error' &&
        !/scripted/.test(error.message),
    );
  });

  it('answers a wrong method with 405 and Allow, an unknown path with 404, in OpenAI shape', async () => {
    const headers = { authorization: `Bearer ${KEY}` };
    const wrong = await fetch(`${bed.url}/v1/chat/completions`, { headers });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'method_not_allowed');
    const deleteModel = await fetch(`${bed.url}/v1/models/docs-chat`, { method: 'DELETE', headers });
    assert.equal(deleteModel.status, 405);
    const unknown = await fetch(`${bed.url}/v1/embeddings`, { method: 'POST', headers });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
  });

  it('ends a stream that fails after text was sent with an error the client raises', async () => {
    bed.upstream.enqueue({ kind: 'stall', path: '/v1/chat/completions' });
    const stream = await client.chat.completions.create(
      { model: 'docs-chat', messages: [question], stream: true },
      { timeout: 20_000 },
    );
    // The service's own upstream timeout (OPENAI_TIMEOUT_MS) ends the stalled generation.
    await assert.rejects(async () => {
      for await (const _ of stream);
    }, APIError);
  });
});

describe('OpenAI-compatible API under the answer rate limit', () => {
  let bed: ProtocolService;
  before(async () => {
    bed = await startProtocolService({ RATE_LIMIT_ANSWERS_PER_IP: '1' });
  });
  after(() => bed.close());

  it('raises RateLimitError with the Retry-After the limiter set', async () => {
    const client = new OpenAI({ apiKey: 'unused', baseURL: `${bed.url}/v1`, maxRetries: 0 });
    const ask = () =>
      client.chat.completions.create({
        model: 'docs-chat',
        messages: [{ role: 'user', content: 'What is Redux?' }],
      });
    await ask();
    await assert.rejects(
      ask(),
      (error: unknown) =>
        error instanceof RateLimitError &&
        error.code === 'rate_limited' &&
        Number(error.headers.get('retry-after')) > 0,
    );
  });
});
