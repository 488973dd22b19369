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
  const BUDGET = 16_000;
  // Worst case of one answer with these settings: 2 * 4000 + 16 + 2500 (see app.ts).
  const WORST_CASE = 10_516;
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
        MAX_PROMPT_TOKENS: '4000',
        MAX_TOKENS: '16',
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

  it("see each other's answers in progress: one replica's hold keeps the other from overrunning", async () => {
    const hold = await replicas[0]?.deps.budget?.admit(WORST_CASE);
    assert.equal(hold?.kind, 'admitted');
    const busy = await ask(1, 'while-held');
    assert.equal(busy.status, 429);
    assert.equal(busy.headers.get('retry-after'), '5');
    if (hold?.kind === 'admitted') await hold.release();
    assert.equal((await ask(1, 'after-release')).status, 200);
  });

  it('spend one daily budget: what one replica spends, the other refuses', async () => {
    let user = 0;
    for (let status = 200; status === 200; ) {
      user += 1;
      assert.ok(user < 30, 'the budget is never reached');
      status = (await ask(0, `spender-${user}`)).status;
      assert.ok(status === 200 || status === 503, String(status));
    }
    const used = (await replicas[0]?.deps.budget?.usedToday()) ?? 0;
    assert.equal(await replicas[1]?.deps.budget?.usedToday(), used);
    assert.ok(used <= BUDGET && used + WORST_CASE > BUDGET, `${used} spent of ${BUDGET}`);
    const refused = await ask(1, 'someone-else');
    assert.equal(refused.status, 503);
    assert.equal(((await refused.json()) as { code: string }).code, 'budget_exhausted');
  });

  it('lets the day counter expire at the next UTC midnight', async () => {
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('docs-chat:budget:2*');
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

  it('admits across connections against one pool of holds, and lets a forgotten hold lapse', async () => {
    let now = new Date('2026-11-30T12:00:00.000Z');
    const [a, b] = [client(), client()].map((c) =>
      redisTokenBudget(c, 1000, { keyPrefix: 'holds:', now: () => now }),
    );
    const first = await a?.admit(600);
    assert.equal(first?.kind, 'admitted');
    assert.equal((await b?.admit(600))?.kind, 'busy');
    if (first?.kind === 'admitted') await first.release();
    assert.equal((await b?.admit(600))?.kind, 'admitted', 'released');
    assert.equal((await a?.admit(600))?.kind, 'busy', "b's hold is never released");
    now = new Date('2026-11-30T12:10:00.001Z');
    assert.equal((await a?.admit(600))?.kind, 'admitted', 'it lapsed after ten minutes');
    await b?.spend(500);
    assert.equal((await b?.admit(501))?.kind, 'exhausted');
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
