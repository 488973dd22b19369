import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CitedSource } from '../../src/domain/answer-events.ts';
import type { GenerationPart, GenerationRequest } from '../../src/domain/generator.ts';
import type { AppError } from '../../src/errors.ts';
import { OpenAIGenerator, type OpenAIGeneratorOptions } from '../../src/providers/openai/generator.ts';
import { testClient, testConnection } from '../helpers/openai-connection.ts';
import { type OpenAITestServer, requestLines, startOpenAITestServer } from '../helpers/openai-test-server.ts';

let server: OpenAITestServer;
let sleeps: number[];

const generator = (options: Partial<OpenAIGeneratorOptions> = {}) =>
  new OpenAIGenerator({
    ...testConnection(server.baseURL, { sleeps }),
    model: 'gpt-4o-mini',
    maxTokens: 300,
    ...options,
  });

const sources: CitedSource[] = [
  {
    n: 1,
    id: 'a',
    source: 'setup.md',
    title: 'Setup',
    heading: 'Setup',
    url: null,
    text: 'Run npm install first.',
    score: 1,
  },
];

const request = (signal = new AbortController().signal): GenerationRequest => ({
  question: 'How do I start?',
  history: [],
  sources,
  signal,
});

const collect = async (parts: AsyncIterable<GenerationPart>) => {
  const collected: GenerationPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
};

const textOf = (parts: GenerationPart[]) =>
  parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
const chatCalls = () => server.requests.filter((entry) => entry.path === '/v1/chat/completions');

describe('OpenAIGenerator against an OpenAI-compatible server', () => {
  before(async () => {
    server = await startOpenAITestServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    sleeps = [];
  });

  it('streams text deltas then one finish with usage', async () => {
    const parts = await collect(generator().generate(request()));
    assert.equal(textOf(parts), 'According to the book, Run npm install first. [1].');
    assert.ok(parts.filter((part) => part.type === 'text-delta').length > 1);
    const finish = parts.at(-1);
    assert.equal(finish?.type, 'finish');
    assert.ok(
      finish?.type === 'finish' && finish.finishReason === 'stop' && (finish.usage?.total_tokens ?? 0) > 0,
    );
  });

  it('sends model, max_tokens, streaming with usage and the numbered sources', async () => {
    await collect(generator().generate(request()));
    const body = chatCalls()[0]?.body;
    assert.equal(body.model, 'gpt-4o-mini');
    assert.equal(body.max_tokens, 300);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.match(body.messages.at(-1).content, /<source n="1"/);
  });

  it('reports finish reason length when the model hits max_tokens', async () => {
    server.enqueue({ kind: 'reply', text: 'cut short', finishReason: 'length' });
    const parts = await collect(generator().generate(request()));
    const finish = parts.at(-1);
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'length');
  });

  it('reports no_context when the model says, as instructed, that the book does not cover it', async () => {
    server.enqueue({
      kind: 'reply',
      text: 'The book does not cover this. It covers installing with npm [1].',
    });
    const parts = await collect(generator().generate(request()));
    const finish = parts.at(-1);
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'no_context');
    assert.match(chatCalls()[0]?.body.messages[0].content, /The book does not cover this\./);
  });

  it('retries a 500 before the stream starts', async () => {
    server.enqueue({ kind: 'status', status: 500 });
    const parts = await collect(generator().generate(request()));
    assert.equal(parts.at(-1)?.type, 'finish');
    assert.equal(chatCalls().length, 2);
    assert.equal(sleeps.length, 1);
  });

  it('aborts the upstream request when the caller aborts mid-stream', async () => {
    const slow = await startOpenAITestServer({ chunkDelayMs: 30 });
    try {
      const controller = new AbortController();
      const streaming = generator(testConnection(slow.baseURL, { apiKey: 'k', maxRetries: 0 }));
      const consume = async () => {
        for await (const part of streaming.generate(request(controller.signal))) {
          if (part.type === 'text-delta') controller.abort();
        }
      };
      await assert.rejects(consume(), { name: 'AbortError' });
      await slow.requests[0]?.settled;
      assert.equal(slow.requests[0]?.aborted, true);
    } finally {
      await slow.close();
    }
  });

  it('times out a stream that stops sending as upstream_timeout', async () => {
    server.enqueue({ kind: 'stall' });
    const parts = generator({ timeoutMs: 150 }).generate(request());
    await assert.rejects(collect(parts), (error: AppError) => error.code === 'upstream_timeout');
    await chatCalls()[0]?.settled;
    assert.equal(chatCalls()[0]?.aborted, true);
  });

  it('does not call the model for a standalone query without history', async () => {
    const query = await generator().standaloneQuery([], 'What is RRF?', new AbortController().signal);
    assert.equal(query, 'What is RRF?');
    assert.equal(server.requests.length, 0);
  });

  it('rewrites a follow-up into a standalone query with one small completion', async () => {
    server.enqueue({ kind: 'reply', text: '"Qdrant default port"' });
    const history = [
      { role: 'user' as const, content: 'Tell me about Qdrant' },
      { role: 'assistant' as const, content: 'Qdrant is a vector database.' },
    ];
    const query = await generator().standaloneQuery(history, 'and its port?', new AbortController().signal);
    assert.equal(query, 'Qdrant default port');
    assert.equal(chatCalls()[0]?.body.stream, undefined);
    assert.equal(chatCalls()[0]?.body.max_tokens, 60);
  });

  it('falls back to the heuristic rewrite when the rewrite fails', async () => {
    server.enqueue({ kind: 'status', status: 503 });
    const history = [{ role: 'user' as const, content: 'Tell me about Qdrant' }];
    assert.equal(
      await generator().standaloneQuery(history, 'and its port?', new AbortController().signal),
      'and its port? qdrant',
    );
  });

  it('pings with GET /v1/models only, spending no tokens', async () => {
    await generator().ping();
    assert.deepEqual(requestLines(server), ['GET /v1/models']);
  });

  it('reports an unreachable server as upstream_unavailable', async () => {
    const closed = await startOpenAITestServer();
    await closed.close();
    const offline = generator({
      client: testClient(closed.baseURL, 'k'),
    });
    await assert.rejects(offline.ping(), (error: AppError) => error.code === 'upstream_unavailable');
  });
});
