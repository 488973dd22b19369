import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFixtureBook, type FixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { type RealService, startModelService } from '../helpers/real-service.ts';

/** Usage exactly as the OpenAI test server reports it: one token per 4 characters. */
const serverTokens = (text: string) => Math.ceil(text.length / 4);

/** The real service over a fixture book, on the OpenAI path (embedded store, vectors + keywords). */
async function startPaidService(openai: OpenAITestServer, env: Record<string, string>) {
  const book = createFixtureBook();
  const service = await startModelService(book, openai, { EMBEDDING_DIMENSIONS: '64', ...env });
  return { book, service };
}

const ask = (url: string, question: string, extra: Record<string, unknown> = {}) =>
  postJson(`${url}/chat`, {
    messages: [{ role: 'user', content: question }],
    user_id: 'reader',
    stream: false,
    ...extra,
  });

describe('the daily token budget on the OpenAI path', () => {
  const BUDGET = 16_000;
  // Worst case of one answer with these settings: 2 * 4000 + 16 + 2500 (see app.ts).
  const WORST_CASE = 10_516;
  let openai: OpenAITestServer;
  let book: FixtureBook;
  let service: RealService;

  before(async () => {
    openai = await startOpenAITestServer();
    ({ book, service } = await startPaidService(openai, {
      DAILY_TOKEN_BUDGET: String(BUDGET),
      MAX_PROMPT_TOKENS: '4000',
      MAX_TOKENS: '16',
    }));
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  it('does not count ingest, which is an admin action', async () => {
    assert.ok(openai.requests.some((request) => request.path === '/v1/embeddings'));
    assert.equal(await service.deps.budget?.usedToday(), 0);
  });

  it('counts what OpenAI reports and admits answers only while their worst case still fits', async (t) => {
    openai.reset();
    const questions = ['How does compose work?', 'Where should reducers live?', 'What is Redux for?'];
    const costs: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 30 && !refused; i += 1) {
      const response = await ask(service.url, questions[i % questions.length] ?? '');
      if (response.status === 503) refused = response;
      else {
        assert.equal(response.status, 200);
        const body = (await response.json()) as { usage: { total_tokens: number } };
        costs.push(body.usage.total_tokens);
      }
    }
    assert.ok(refused, 'answers stop');
    assert.equal(((await refused.json()) as { code: string }).code, 'budget_exhausted');
    assert.ok(costs.length >= 2, `${costs.length} answers before the budget ran out`);
    t.diagnostic(
      `answers admitted under a ${BUDGET}-token budget: ${costs.length}, tokens each: ${costs.join(', ')}`,
    );

    // Every token the server reported is counted: answers plus the query embeddings.
    const embedded = openai.requests
      .filter((request) => request.path === '/v1/embeddings')
      .flatMap((request) => request.body.input as string[]);
    const expected = costs.reduce((a, b) => a + b, 0) + embedded.reduce((a, t) => a + serverTokens(t), 0);
    const used = (await service.deps.budget?.usedToday()) ?? 0;
    assert.equal(used, expected);
    assert.ok(used <= BUDGET, `${used} spent, over the ${BUDGET} budget`);
    assert.ok(used + WORST_CASE > BUDGET, `refused with ${BUDGET - used} left, enough for a worst case`);
  });

  it('once the day is spent, search answers on keywords alone and nothing reaches OpenAI', async () => {
    const used = (await service.deps.budget?.usedToday()) ?? 0;
    await service.deps.budget?.spend(BUDGET - used);
    const calls = openai.requests.length;
    const search = await postJson(`${service.url}/search`, { query: 'compose functions from right to left' });
    assert.equal(search.status, 200);
    const { results } = (await search.json()) as { results: { source: string }[] };
    assert.equal(results[0]?.source, 'api/compose.md');
    const streamed = await postJson(`${service.url}/chat/selection`, {
      selected_text: 'compose',
      question: 'Why?',
    });
    assert.equal(streamed.status, 503);
    assert.match(String(streamed.headers.get('content-type')), /^application\/problem\+json/);
    assert.equal(openai.requests.length, calls, 'no request reached OpenAI');
    assert.equal(await service.deps.budget?.usedToday(), BUDGET);
  });
});

describe('the daily token budget under concurrent answers', () => {
  // Room for three worst cases (3 * 10,516) at a time, and not a fourth.
  const BUDGET = 32_000;
  let openai: OpenAITestServer;
  let book: FixtureBook;
  let service: RealService;

  before(async () => {
    // Slow streams, so that the answers of one burst are all in progress together.
    openai = await startOpenAITestServer({ chunkDelayMs: 10 });
    ({ book, service } = await startPaidService(openai, {
      DAILY_TOKEN_BUDGET: String(BUDGET),
      MAX_PROMPT_TOKENS: '4000',
      MAX_TOKENS: '16',
    }));
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  it('admits no more answers at once than the budget can pay for, and never overruns it', async (t) => {
    const statuses: number[][] = [];
    for (let burst = 0; burst < 40; burst += 1) {
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => ask(service.url, `How does compose work? (${burst}.${i})`)),
      );
      statuses.push(responses.map((response) => response.status));
      await Promise.all(responses.map((response) => response.arrayBuffer()));
      if (responses.every((response) => response.status === 503)) break;
    }
    t.diagnostic(`statuses per burst of 8: ${statuses.map((burst) => burst.join(' ')).join(' | ')}`);
    assert.ok(
      statuses.every((burst) => burst.filter((status) => status === 200).length <= 3),
      'at most three answers at a time',
    );
    assert.ok((statuses[0] ?? []).includes(429), 'the first burst is partly refused as busy');
    assert.ok(
      statuses.at(-1)?.every((status) => status === 503),
      'the day ends with 503',
    );
    const used = (await service.deps.budget?.usedToday()) ?? 0;
    t.diagnostic(`${used} of ${BUDGET} tokens spent`);
    assert.ok(used <= BUDGET);
  });
});

describe('/health on the OpenAI path', () => {
  let openai: OpenAITestServer;
  let book: FixtureBook;
  let service: RealService;

  before(async () => {
    openai = await startOpenAITestServer();
    ({ book, service } = await startPaidService(openai, {}));
  });
  after(async () => {
    await service.close();
    await openai.close();
    book.remove();
  });

  it('reaches OpenAI at most once per check interval, and never spends tokens', async () => {
    openai.reset();
    for (let i = 0; i < 10; i += 1) assert.equal((await fetch(`${service.url}/health`)).status, 200);
    const lines = openai.requests.map((request) => `${request.method} ${request.path}`);
    assert.ok(
      lines.every((line) => line === 'GET /v1/models'),
      lines.join(', '),
    );
    assert.ok(lines.length <= 2, `${lines.length} upstream checks for 10 /health calls`);
  });
});

describe('the prompt budget', () => {
  let openai: OpenAITestServer;
  const started: { book: FixtureBook; service: RealService }[] = [];

  before(async () => {
    openai = await startOpenAITestServer();
  });
  after(async () => {
    for (const { book, service } of started) {
      await service.close();
      book.remove();
    }
    await openai.close();
  });

  /** The largest requests the schemas accept, with prose so retrieval finds every page. */
  const prose = (chars: number) =>
    'Reducers compose state; actions describe what happened; the store dispatches them. '
      .repeat(chars / 80)
      .slice(0, chars);
  const history = Array.from({ length: 50 }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: prose(1000),
  }));
  const maximal = {
    selection: {
      selected_text: prose(20_000),
      surrounding_context: prose(20_000),
      question: prose(2000),
      messages: history,
      top_k: 20,
      stream: false,
    },
    chat: {
      messages: [...history.slice(0, 49), { role: 'user', content: prose(8000) }],
      user_id: 'u',
      top_k: 20,
      stream: false,
    },
  };

  /** Prompt tokens the model received for each maximal request, as the test server counts them. */
  async function maximalPromptTokens(
    env: Record<string, string>,
  ): Promise<{ selection: number; chat: number }> {
    // No daily budget here: an unchecked prompt's worst case would exceed the default one.
    const running = await startPaidService(openai, { DAILY_TOKEN_BUDGET: '0', ...env });
    started.push(running);
    const promptTokens = async (path: string, body: unknown) => {
      const response = await postJson(`${running.service.url}${path}`, body);
      assert.equal(response.status, 200);
      return ((await response.json()) as { usage: { prompt_tokens: number } }).usage.prompt_tokens;
    };
    return {
      selection: await promptTokens('/chat/selection', maximal.selection),
      chat: await promptTokens('/chat', maximal.chat),
    };
  }

  it('holds a maximal request under MAX_PROMPT_TOKENS, which it would exceed unchecked', async (t) => {
    const unchecked = await maximalPromptTokens({ MAX_PROMPT_TOKENS: '1000000' });
    const capped = await maximalPromptTokens({});
    const small = await maximalPromptTokens({ MAX_PROMPT_TOKENS: '4000' });
    t.diagnostic(
      `maximal prompt tokens: unchecked ${JSON.stringify(unchecked)}, default ${JSON.stringify(capped)}, 4000: ${JSON.stringify(small)}`,
    );
    assert.ok(unchecked.selection > 8000 && unchecked.chat > 8000, JSON.stringify(unchecked));
    assert.ok(capped.selection <= 8000 && capped.chat <= 8000, JSON.stringify(capped));
    assert.ok(small.selection <= 4000 && small.chat <= 4000, JSON.stringify(small));
  });
});
