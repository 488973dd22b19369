import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { redisTokenBudget } from '../../src/spending/redis-token-budget.ts';
import { nextUtcMidnight } from '../../src/spending/token-budget.ts';
import { createFixtureBook, type FixtureBook } from '../helpers/fixture-book.ts';
import { postJson } from '../helpers/http.ts';
import { type OpenAITestServer, startOpenAITestServer } from '../helpers/openai-test-server.ts';
import { type RealService, startRealService } from '../helpers/real-service.ts';
import { type RedisTestServer, redisUnavailable, startRedisServer } from '../helpers/redis-server.ts';

const skip = redisUnavailable();

describe('two replicas sharing one Redis', { skip }, () => {
  const BUDGET = 3000;
  let redis: RedisTestServer;
  let openai: OpenAITestServer;
  const books: FixtureBook[] = [];
  const replicas: RealService[] = [];

  before(async () => {
    redis = await startRedisServer();
    openai = await startOpenAITestServer();
    for (let i = 0; i < 2; i += 1) {
      const book = createFixtureBook();
      books.push(book);
      const replica = await startRealService(book, {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: openai.baseURL,
        EMBEDDING_DIMENSIONS: '64',
        REDIS_URL: redis.url,
        DAILY_TOKEN_BUDGET: String(BUDGET),
        RATE_LIMIT_SEARCH_PER_IP: '3',
        RATE_LIMIT_ANSWERS_PER_USER: '2',
        RATE_LIMIT_ANSWERS_PER_IP: '50',
      });
      replicas.push(replica);
      assert.equal((await postJson(`${replica.url}/embed`, { path: '.' })).status, 200);
    }
  });
  after(async () => {
    for (const replica of replicas) await replica.close();
    await openai?.close();
    await redis?.stop();
    for (const book of books) book.remove();
  });

  const url = (replica: number) => replicas[replica]?.url ?? '';
  const search = (replica: number) => postJson(`${url(replica)}/search`, { query: 'compose' });
  const ask = (replica: number, userId: string) =>
    postJson(`${url(replica)}/chat`, {
      messages: [{ role: 'user', content: 'How does compose work?' }],
      user_id: userId,
      stream: false,
    });

  it('count an address once across replicas', async () => {
    assert.deepEqual(
      [(await search(0)).status, (await search(1)).status, (await search(0)).status],
      [200, 200, 200],
    );
    const refused = await search(1);
    assert.equal(refused.status, 429);
    assert.equal(((await refused.json()) as { code: string }).code, 'rate_limited');
  });

  it('count a user_id once across replicas', async () => {
    assert.equal((await ask(0, 'shared-reader')).status, 200);
    assert.equal((await ask(1, 'shared-reader')).status, 200);
    assert.equal((await ask(0, 'shared-reader')).status, 429);
  });

  it('spend one daily budget: what one replica spends, the other refuses', async () => {
    let user = 0;
    while (((await replicas[0]?.deps.budget?.usedToday()) ?? 0) < BUDGET) {
      user += 1;
      assert.ok(user < 30, 'the budget is never reached');
      assert.equal((await ask(0, `spender-${user}`)).status, 200);
    }
    assert.equal(await replicas[1]?.deps.budget?.usedToday(), await replicas[0]?.deps.budget?.usedToday());
    const refused = await ask(1, 'someone-else');
    assert.equal(refused.status, 503);
    assert.equal(((await refused.json()) as { code: string }).code, 'budget_exhausted');
  });

  it('lets the day counter expire at the next UTC midnight', async () => {
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('docs-chat:budget:*');
      assert.equal(keys.length, 1);
      const ttl = await client.pttl(keys[0] ?? '');
      const untilMidnight = nextUtcMidnight(new Date()) - Date.now();
      assert.ok(
        ttl > 0 && Math.abs(ttl - untilMidnight) < 60_000,
        `PTTL ${ttl}, midnight in ${untilMidnight}`,
      );
    } finally {
      client.disconnect();
    }
  });

  it('keep search up but refuse answers (fail closed) when Redis goes away', async () => {
    await redis.stop();
    assert.equal((await search(0)).status, 200, 'rate limits are skipped, not failed');
    const answer = await ask(1, 'after-redis');
    assert.equal(answer.status, 503);
    assert.equal(((await answer.json()) as { code: string }).code, 'upstream_unavailable');
  });
});

describe('redisTokenBudget', { skip }, () => {
  let redis: RedisTestServer;
  const clients: Redis[] = [];
  const client = () => {
    const created = new Redis(redis.url);
    clients.push(created);
    return created;
  };

  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    for (const created of clients) created.disconnect();
    await redis?.stop();
  });

  it('adds concurrent spends from several connections without losing any', async () => {
    const budgets = [client(), client()].map((c) => redisTokenBudget(c, 0, { keyPrefix: 'concurrent:' }));
    await Promise.all(Array.from({ length: 100 }, (_, i) => budgets[i % 2]?.spend(7)));
    assert.equal(await budgets[0]?.usedToday(), 700);
  });

  it('starts a new counter at midnight UTC', async () => {
    let now = new Date('2026-11-30T23:59:59.500Z');
    const budget = redisTokenBudget(client(), 100, { keyPrefix: 'midnight:', now: () => now });
    await budget.spend(150);
    now = new Date('2026-12-01T00:00:00.100Z');
    assert.equal(await budget.usedToday(), 0);
  });

  it('fails closed with a 503 error when Redis is gone', async () => {
    // Port 1 on loopback: nothing listens there, so every connection attempt is refused.
    const gone = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
    gone.on('error', () => {});
    clients.push(gone);
    const budget = redisTokenBudget(gone, 100, { keyPrefix: 'gone:' });
    await assert.rejects(budget.usedToday(), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'upstream_unavailable');
      return true;
    });
  });
});
