import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFixtureBook } from '../helpers/fixture-book.ts';
import { postJson, readSse } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { type RealService, startModelService, startRealService } from '../helpers/real-service.ts';

/** Scripted model output with valid and invalid `[n]` markers, some split across deltas. */
const PIECES = ['compose runs functions right to left [', '1', ']; see [', '7] and [2', '][', '9].'];
const KEPT = 'compose runs functions right to left [1]; see  and [2].';

const promptNumbers = (prompt: string): number[] =>
  [...prompt.matchAll(/<source n="(\d+)"/g)].map((match) => Number(match[1]));

describe('grounding of model answers over HTTP', () => {
  const book = createFixtureBook();
  let openai: OpenAITestServer;
  let service: RealService;

  before(async () => {
    openai = await startOpenAITestServer();
    service = await startModelService(book, openai);
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  const script = () => {
    openai.reset();
    openai.enqueue({ path: '/v1/chat/completions', kind: 'reply', text: PIECES.join(''), pieces: PIECES });
  };
  const lastPrompt = (): string => {
    const chat = openai.requests.findLast((request) => request.path === '/v1/chat/completions');
    return String(chat?.body.messages.at(-1)?.content ?? '');
  };
  const question = { messages: [{ role: 'user', content: 'What does compose do?' }], user_id: 'r', top_k: 3 };

  it('streams the answer without markers of unknown sources and lists the cited ones in done', async () => {
    script();
    const { events } = await readSse(await postJson(`${service.url}/chat`, question));
    const sources = events[0]?.data.sources as { n: number }[];
    assert.deepEqual(
      sources.map((source) => source.n),
      [1, 2, 3],
    );
    assert.deepEqual(
      promptNumbers(lastPrompt()),
      [1, 2, 3],
      'the prompt numbers sources as the sources event',
    );
    const tokens = events.filter((event) => event.event === 'token').map((event) => String(event.data.text));
    assert.equal(tokens.join(''), KEPT);
    assert.ok(!tokens.some((token) => token.includes('[7') || token.includes('9]')), JSON.stringify(tokens));
    const done = events.at(-1);
    assert.equal(done?.event, 'done');
    assert.equal(done?.data.answer, KEPT);
    assert.deepEqual(done?.data.citations, [1, 2]);
  });

  it('does the same in the stream:false body', async () => {
    script();
    const response = await postJson(`${service.url}/chat`, { ...question, stream: false });
    const body = (await response.json()) as { answer: string; citations: number[] };
    assert.equal(body.answer, KEPT);
    assert.deepEqual(body.citations, [1, 2]);
  });

  it('numbers the selection as source 1 in the prompt and tells the model to explain its code from the page', async () => {
    script();
    const response = await postJson(`${service.url}/chat/selection`, {
      selected_text: 'const store = createStore(rootReducer)',
      question: 'what does this do?',
      source: 'api/compose.md',
      stream: false,
    });
    const body = (await response.json()) as { sources: { n: number; source: string }[]; citations: number[] };
    assert.equal(body.sources[0]?.n, 1);
    assert.equal(body.sources[0]?.source, 'api/compose.md');
    assert.deepEqual(
      promptNumbers(lastPrompt()),
      body.sources.map((source) => source.n),
    );
    const system = String(
      openai.requests.findLast((r) => r.path === '/v1/chat/completions')?.body.messages[0].content,
    );
    assert.match(system, /selected a passage of the book; it is source \[1\]/);
    assert.match(system, /code/);
    assert.deepEqual(body.citations, [1, 2]);
  });
});

describe('grounding of extractive answers over HTTP', () => {
  const book = createFixtureBook();
  let service: RealService;

  before(async () => {
    service = await startRealService(book);
    await postJson(`${service.url}/embed`, { path: '.' });
  });
  after(async () => {
    await service.close();
    book.remove();
  });

  it('lists the sources the extractive answer cites in done', async () => {
    const response = await postJson(`${service.url}/chat`, {
      messages: [{ role: 'user', content: 'What does compose do?' }],
      user_id: 'r',
      stream: false,
    });
    const body = (await response.json()) as { answer: string; sources: { n: number }[]; citations: number[] };
    assert.equal(response.status, 200, JSON.stringify(body));
    const markers = [...new Set([...body.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))];
    assert.ok(body.citations.length > 0, body.answer);
    assert.deepEqual(
      body.citations,
      markers.sort((a, b) => a - b),
    );
    const sent = new Set(body.sources.map((source) => source.n));
    assert.ok(body.citations.every((n) => sent.has(n)));
  });
});
