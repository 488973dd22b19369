import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DefaultChatTransport, readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { type ProtocolService, SITE_URL, startProtocolService } from '../helpers/protocol-service.ts';

const userMessage = (id: string, text: string): UIMessage => ({
  id,
  role: 'user',
  parts: [{ type: 'text', text }],
});

/** The keys each chunk type may carry that we send (the SDK's chunk schemas define no others for them). */
const ALLOWED_KEYS: Record<string, string[]> = {
  start: ['type', 'messageId'],
  'source-url': ['type', 'sourceId', 'url', 'title'],
  'source-document': ['type', 'sourceId', 'mediaType', 'title', 'filename'],
  'text-start': ['type', 'id'],
  'text-delta': ['type', 'id', 'delta'],
  'text-end': ['type', 'id', 'citations'],
  finish: ['type', 'finishReason'],
  error: ['type', 'errorText'],
};

/** The real `ai` package's client (DefaultChatTransport + readUIMessageStream) against a running service. */
describe('AI SDK UI message stream with the ai package', () => {
  let bed: ProtocolService;
  let transport: DefaultChatTransport<UIMessage>;

  before(async () => {
    bed = await startProtocolService({ OPENAI_TIMEOUT_MS: '2000' }, { chunkDelayMs: 5 });
    transport = new DefaultChatTransport({ api: `${bed.url}/ai-sdk/chat` });
  });
  after(() => bed.close());

  const send = (messages: UIMessage[], abortSignal?: AbortSignal) =>
    transport.sendMessages({
      trigger: 'submit-message',
      chatId: 'chat-1',
      messageId: undefined,
      messages,
      abortSignal,
    });

  /** Tees the chunk stream: one branch into UIMessage snapshots, the other kept as raw chunks. */
  async function readBoth(stream: ReadableStream<UIMessageChunk>) {
    const [forMessages, forChunks] = stream.tee();
    const chunks: UIMessageChunk[] = [];
    const collecting = (async () => {
      for await (const chunk of forChunks) chunks.push(chunk);
    })();
    let message: UIMessage | undefined;
    const errors: unknown[] = [];
    for await (const snapshot of readUIMessageStream({
      stream: forMessages,
      onError: (e) => errors.push(e),
    })) {
      message = snapshot;
    }
    await collecting;
    return { message, chunks, errors };
  }

  it('streams an answer useChat can read: sources, text with citations, finish', async () => {
    const stream = await send([userMessage('u1', 'How do I compose functions from right to left?')]);
    const { message, chunks, errors } = await readBoth(stream);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      [...new Set(chunks.map((chunk) => chunk.type))],
      ['start', 'source-url', 'text-start', 'text-delta', 'text-end', 'finish'],
    );
    for (const chunk of chunks) {
      const extra = Object.keys(chunk).filter((key) => !ALLOWED_KEYS[chunk.type]?.includes(key));
      assert.deepEqual(extra, [], `${chunk.type} carries only its schema's keys`);
    }
    assert.equal(message?.role, 'assistant');
    const sources = message?.parts.filter((part) => part.type === 'source-url') ?? [];
    assert.ok(sources.length > 0);
    assert.ok(sources.every((part) => part.url.startsWith(`${SITE_URL}docs/`)));
    const text = message?.parts.find((part) => part.type === 'text');
    assert.ok(text && text.type === 'text');
    assert.match(text.text, /According to the book, .*\[1\]/);
    assert.equal(text.state, 'done');
    const citation = text.citations?.[0];
    assert.ok(citation, 'the [1] marker arrives as a text-part citation');
    assert.equal(text.text.slice(citation.startIndex, citation.endIndex), '[1]');
    assert.equal(citation.source.id, 'source-1');
  });

  it('answers a follow-up sent with the earlier assistant message and its parts', async () => {
    const first = await readBoth(await send([userMessage('u1', 'What does compose do?')]));
    assert.ok(first.message);
    const before = bed.upstream.requests.length;
    const second = await readBoth(
      await send([
        userMessage('u1', 'What does compose do?'),
        first.message,
        userMessage('u2', 'Give an example.'),
      ]),
    );
    assert.ok(second.message?.parts.some((part) => part.type === 'text'));
    const upstream = bed.upstream.requests.slice(before).find((r) => r.path === '/v1/chat/completions');
    assert.match(
      JSON.stringify(upstream?.body.messages),
      /What does compose do\?/,
      'history reaches the model',
    );
  });

  it('ends with an error chunk the client reports when generation fails mid-stream', async () => {
    bed.upstream.enqueue({ kind: 'stall', path: '/v1/chat/completions' });
    const { chunks, errors } = await readBoth(await send([userMessage('u1', 'What is Redux?')]));
    assert.equal(chunks.at(-1)?.type, 'error');
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as Error).message), /did not answer in time/);
  });

  it('aborts the upstream generation when the client stops (useChat stop())', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    bed.upstream.enqueue({ kind: 'reply', text: `${words} [1].`, path: '/v1/chat/completions' });
    const before = bed.upstream.requests.length;
    const controller = new AbortController();
    const stream = await send([userMessage('u1', 'What is Redux?')], controller.signal);
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) {
        if (chunk.type === 'text-delta') text += chunk.delta;
        if (text.includes('word3')) controller.abort();
      }
    });
    const upstream = bed.upstream.requests.slice(before).find((r) => r.path === '/v1/chat/completions');
    await upstream?.settled;
    assert.equal(upstream?.aborted, true, 'the upstream completion was cut');
  });

  it('rejects a body that is not a useChat request before streaming', async () => {
    await assert.rejects(
      send([{ id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Hi' }] }]),
      /last message/,
    );
  });

  it('answers with the UI message stream header and [DONE] on the wire', async () => {
    const response = await fetch(`${bed.url}/ai-sdk/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'c',
        trigger: 'submit-message',
        messages: [userMessage('u', 'What is Redux?')],
      }),
    });
    assert.equal(response.headers.get('x-vercel-ai-ui-message-stream'), 'v1');
    const lines = (await response.text()).split('\n').filter((line) => line.startsWith('data: '));
    assert.equal(lines.at(-1), 'data: [DONE]');
  });
});

describe('AI SDK endpoint under the answer rate limit', () => {
  let bed: ProtocolService;
  before(async () => {
    bed = await startProtocolService({ RATE_LIMIT_ANSWERS_PER_IP: '1' });
  });
  after(() => bed.close());

  it('refuses the second answer in the window before streaming', async () => {
    const transport = new DefaultChatTransport({ api: `${bed.url}/ai-sdk/chat` });
    const send = () =>
      transport.sendMessages({
        trigger: 'submit-message',
        chatId: 'chat-2',
        messageId: undefined,
        messages: [userMessage('u1', 'What is Redux?')],
        abortSignal: undefined,
      });
    await readUIMessageStream({ stream: await send() }).pipeTo(new WritableStream());
    await assert.rejects(send(), /rate_limited|Too many requests/);
  });
});
