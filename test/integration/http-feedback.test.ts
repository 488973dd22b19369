import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suiteApp } from '../helpers/http.ts';

describe('POST /feedback and GET /feedback', () => {
  const { inject } = suiteApp({}, { healthTimeoutMs: 1000 });
  const post = (payload: unknown) => inject({ method: 'POST', url: '/feedback', payload: payload as object });

  test('stores a verdict, answers 201 with its id, and /health counts it', async () => {
    const response = await post({ request_id: 'req-1', rating: 'up' });
    assert.equal(response.statusCode, 201);
    assert.match(response.json().id, /^[0-9a-f-]{36}$/);
    const health = await inject({ method: 'GET', url: '/health' });
    assert.equal(health.json().feedback, 1);
  });

  test('a second verdict on the same answer replaces the first and keeps its id', async () => {
    const first = await post({ request_id: 'req-2', rating: 'up' });
    const second = await post({ request_id: 'req-2', rating: 'down', comment: '  Wrong page cited.  ' });
    assert.equal(second.json().id, first.json().id);
    const list = await inject({ method: 'GET', url: '/feedback' });
    const stored = list
      .json()
      .feedback.filter((record: { request_id: string }) => record.request_id === 'req-2');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].rating, 'down');
    assert.equal(stored[0].comment, 'Wrong page cited.');
  });

  test('rejects a bad rating, an unknown field, an unsafe request id and a too long comment with 422', async () => {
    const bodies = [
      { request_id: 'r', rating: 'meh' },
      { request_id: 'r', rating: 'up', stars: 5 },
      { request_id: 'a b<script>', rating: 'up' },
      { request_id: 'r', rating: 'up', comment: 'x'.repeat(2001) },
      { rating: 'up' },
    ];
    for (const body of bodies) {
      const response = await post(body);
      assert.equal(response.statusCode, 422, JSON.stringify(body));
      assert.match(response.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.equal(response.json().code, 'validation_failed');
    }
  });

  test('lists as CSV when asked, with quoting and formula cells defused', async () => {
    await post({ request_id: 'req-csv', rating: 'down', comment: '=HYPERLINK("x"), and\nmore' });
    const response = await inject({ method: 'GET', url: '/feedback', headers: { accept: 'text/csv' } });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/csv/);
    const [header, ...rows] = response.body.split('\r\n');
    assert.equal(header, 'id,request_id,rating,comment,created_at,updated_at');
    const row = rows.find((line) => line.includes('req-csv'));
    assert.ok(row);
    assert.match(row, /,down,"'=HYPERLINK\(""x""\), and\nmore",/);
  });

  test('GET /feedback is admin-only: a forwarded (non-local) client is refused', async () => {
    const response = await inject({
      method: 'GET',
      url: '/feedback',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, 'forbidden');
  });
});
