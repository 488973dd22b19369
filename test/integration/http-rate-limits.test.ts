import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { memoryTokenBudget } from '../../src/spending/token-budget.ts';
import { scriptedAnswer } from '../helpers/fake-deps.ts';
import { suiteApp } from '../helpers/http.ts';

const LIMITS = {
  RATE_LIMIT_ANSWERS_PER_IP: '3',
  RATE_LIMIT_ANSWERS_PER_USER: '2',
  RATE_LIMIT_SEARCH_PER_IP: '5',
  RATE_LIMIT_HEALTH_PER_IP: '4',
};

const selection = (userId?: string) => ({
  selected_text: 'The only way to change the state is to emit an action.',
  question: 'Why?',
  stream: false,
  ...(userId ? { user_id: userId } : {}),
});

const assertRateLimited = (response: LightMyRequestResponse, detail: RegExp) => {
  assert.equal(response.statusCode, 429);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(body.code, 'rate_limited');
  assert.match(body.detail, detail);
  assert.equal(body.request_id, response.headers['x-request-id']);
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(response.headers['ratelimit-remaining'], '0');
};

describe('rate limits (in memory)', () => {
  const { inject, fakes } = suiteApp(LIMITS);
  const ask = (remoteAddress: string, userId?: string, headers: Record<string, string> = {}) =>
    inject({ method: 'POST', url: '/chat/selection', payload: selection(userId), remoteAddress, headers });

  test('an address gets its answer limit, then 429 with Retry-After and RateLimit-* headers', async () => {
    const before = fakes.answers.selectionRequests.length;
    const allowed = [];
    for (let i = 0; i < 3; i += 1) allowed.push(await ask('203.0.113.1'));
    assert.deepEqual(
      allowed.map((r) => [r.statusCode, r.headers['ratelimit-limit'], r.headers['ratelimit-remaining']]),
      [
        [200, '3', '2'],
        [200, '3', '1'],
        [200, '3', '0'],
      ],
    );
    const reset = Number(allowed[0]?.headers['ratelimit-reset']);
    assert.ok(reset > 0 && reset <= 60, `RateLimit-Reset ${reset}`);
    assertRateLimited(await ask('203.0.113.1'), /address/);
    assert.equal(fakes.answers.selectionRequests.length - before, 3, 'the refused request was not answered');
  });

  test('/chat and /chat/selection share one answer limit', async () => {
    const chat = () =>
      inject({
        method: 'POST',
        url: '/chat',
        remoteAddress: '203.0.113.2',
        payload: {
          messages: [{ role: 'user', content: 'Hi?' }],
          user_id: `u-${Math.random()}`,
          stream: false,
        },
      });
    assert.equal((await chat()).statusCode, 200);
    assert.equal((await ask('203.0.113.2')).statusCode, 200);
    assert.equal((await chat()).statusCode, 200);
    assertRateLimited(await ask('203.0.113.2'), /address/);
  });

  test('a user_id is limited across addresses', async () => {
    assert.equal((await ask('198.51.100.1', 'reader-1')).statusCode, 200);
    assert.equal((await ask('198.51.100.2', 'reader-1')).statusCode, 200);
    assertRateLimited(await ask('198.51.100.3', 'reader-1'), /user_id/);
    assert.equal((await ask('198.51.100.3', 'reader-2')).statusCode, 200, 'other users are not affected');
  });

  test('the headers show the tighter of the address and user_id limits', async () => {
    const response = await ask('198.51.100.9', 'reader-9');
    assert.equal(response.headers['ratelimit-limit'], '2');
    assert.equal(response.headers['ratelimit-remaining'], '1');
  });

  test('changing user_id does not escape the address limit', async () => {
    for (const user of ['a', 'b', 'c']) assert.equal((await ask('203.0.113.3', user)).statusCode, 200);
    assertRateLimited(await ask('203.0.113.3', 'd'), /address/);
  });

  test('without a trusted proxy, X-Forwarded-For cannot make one client look like many', async () => {
    for (let i = 0; i < 3; i += 1) {
      assert.equal(
        (await ask('203.0.113.4', undefined, { 'x-forwarded-for': `192.0.2.${i}` })).statusCode,
        200,
      );
    }
    assertRateLimited(await ask('203.0.113.4', undefined, { 'x-forwarded-for': '192.0.2.99' }), /address/);
  });

  test('search and health have their own limits, apart from answers', async () => {
    for (let i = 0; i < 4; i += 1) await ask('203.0.113.5');
    const search = () =>
      inject({ method: 'POST', url: '/search', payload: { query: 'reducer' }, remoteAddress: '203.0.113.5' });
    for (let i = 0; i < 5; i += 1) assert.equal((await search()).statusCode, 200);
    assertRateLimited(await search(), /address/);
    const health = () => inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.5' });
    for (let i = 0; i < 4; i += 1) assert.equal((await health()).statusCode, 200);
    assertRateLimited(await health(), /address/);
  });

  test('unlimited routes carry no RateLimit headers', async () => {
    const response = await inject({ method: 'GET', url: '/documents', remoteAddress: '127.0.0.1' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['ratelimit-limit'], undefined);
  });

  test('lets a browser page read Retry-After and the RateLimit headers (CORS)', async () => {
    const response = await inject({
      method: 'POST',
      url: '/chat/selection',
      payload: selection(),
      remoteAddress: '203.0.113.6',
      headers: { origin: 'http://localhost:3000' },
    });
    const exposed = String(response.headers['access-control-expose-headers']).toLowerCase();
    for (const name of ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
      assert.ok(exposed.includes(name), `${name} in ${exposed}`);
    }
  });
});

describe('rate limits behind one trusted proxy', () => {
  const { inject } = suiteApp({ ...LIMITS, TRUSTED_PROXY_HOPS: '1' });
  const ask = (forwardedFor: string) =>
    inject({
      method: 'POST',
      url: '/chat/selection',
      payload: selection(),
      remoteAddress: '10.16.3.80',
      headers: { 'x-forwarded-for': forwardedFor },
    });

  test('tells clients apart by the address the proxy appended, whatever the client wrote before it', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await ask('198.51.100.7')).statusCode, 200);
    assertRateLimited(await ask('198.51.100.7'), /address/);
    assertRateLimited(await ask('192.0.2.1, 198.51.100.7'), /address/);
    assert.equal((await ask('198.51.100.8')).statusCode, 200, 'another client behind the same proxy');
  });
});

describe('rate limits set to 0', () => {
  const { inject } = suiteApp({ RATE_LIMIT_ANSWERS_PER_IP: '0', RATE_LIMIT_ANSWERS_PER_USER: '0' });

  test('are switched off', async () => {
    for (let i = 0; i < 25; i += 1) {
      const response = await inject({ method: 'POST', url: '/chat/selection', payload: selection('u') });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['ratelimit-limit'], undefined);
    }
  });
});

describe('the daily token budget at the HTTP edge', () => {
  // With the default MAX_PROMPT_TOKENS (8000) and MAX_TOKENS (700), an answer's worst case is
  // 2 * 8000 + 700 + 2500 = 19,200 tokens.
  const WORST_CASE = 19_200;
  const { inject, fakes } = suiteApp();
  const budget = memoryTokenBudget(100_000);
  fakes.deps.budget = budget;
  const post = (payload: Record<string, unknown>) =>
    inject({ method: 'POST', url: '/chat/selection', payload });

  test('admits answers while their worst case fits beside what was spent', async () => {
    await budget.spend(100_000 - WORST_CASE);
    assert.equal((await post(selection())).statusCode, 200);
  });

  test('refuses, when another answer is still running, with 429 and a short Retry-After', async () => {
    let finish: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    fakes.answers.selectionProducer = async function* () {
      await held;
      yield* scriptedAnswer();
    };
    const asked = fakes.answers.selectionRequests.length;
    const running = post(selection());
    // Once the answer service is asked, the first answer has been admitted and holds its share.
    while (fakes.answers.selectionRequests.length === asked) await setImmediate();
    const refused = await post(selection());
    finish();
    assert.equal((await running).statusCode, 200);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, 'rate_limited');
    assert.equal(refused.headers['retry-after'], '5');
    fakes.answers.selectionProducer = () => scriptedAnswer();
    assert.equal((await post(selection())).statusCode, 200, 'the finished answer released its share');
  });

  test('once spent, answers are 503 budget_exhausted with Retry-After until midnight UTC, before any output', async () => {
    await budget.spend(1);
    const before = fakes.answers.selectionRequests.length;
    const response = await post({ ...selection(), stream: true });
    assert.equal(response.statusCode, 503);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    assert.equal(response.json().code, 'budget_exhausted');
    const retryAfter = Number(response.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 86_400, `Retry-After ${retryAfter}`);
    assert.equal(fakes.answers.selectionRequests.length, before, 'the answer service was not asked');
  });

  test('search keeps answering', async () => {
    const response = await inject({ method: 'POST', url: '/search', payload: { query: 'reducer' } });
    assert.equal(response.statusCode, 200);
  });
});
