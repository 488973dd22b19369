import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suiteApp } from '../helpers/http.ts';

const document = { text: '# Hi', source: 'docs/hi.md' };

describe('admin auth with ADMIN_TOKEN set', () => {
  const { inject } = suiteApp({ ADMIN_TOKEN: 'token-123' });

  const embed = (headers: Record<string, string>) =>
    inject({ method: 'POST', url: '/embed', payload: document, headers });

  test('accepts the right bearer token, also from a remote client', async () => {
    const response = await inject({
      method: 'POST',
      url: '/embed',
      payload: document,
      headers: { authorization: 'Bearer token-123' },
      remoteAddress: '203.0.113.7',
    });
    assert.equal(response.statusCode, 200);
  });

  test('rejects a missing token with 401 and a Bearer challenge', async () => {
    const response = await embed({});
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().code, 'unauthorized');
    assert.equal(response.headers['www-authenticate'], 'Bearer realm="admin"');
  });

  test('rejects a wrong token with 401 invalid_token, even from loopback', async () => {
    for (const authorization of ['Bearer token-124', 'Bearer token-1234', 'Basic token-123']) {
      const response = await embed({ authorization });
      assert.equal(response.statusCode, 401, authorization);
      assert.match(String(response.headers['www-authenticate']), /error="invalid_token"/);
    }
  });

  test('checks the token before the body, so an invalid body without a token is 401', async () => {
    const response = await inject({ method: 'POST', url: '/embed', payload: { bogus: true } });
    assert.equal(response.statusCode, 401);
  });

  test('guards GET and DELETE /documents too', async () => {
    const list = await inject({ method: 'GET', url: '/documents' });
    const remove = await inject({ method: 'DELETE', url: '/documents?source=docs/intro.md' });
    assert.deepEqual([list.statusCode, remove.statusCode], [401, 401]);
  });

  test('never guards /health', async () => {
    const response = await inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.7' });
    assert.equal(response.statusCode, 200);
  });
});

describe('admin auth without ADMIN_TOKEN', () => {
  const { inject } = suiteApp();

  const embedFrom = (remoteAddress: string, headers: Record<string, string> = {}) =>
    inject({ method: 'POST', url: '/embed', payload: document, remoteAddress, headers });

  test('lets loopback clients in', async () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      assert.equal((await embedFrom(address)).statusCode, 200, address);
    }
  });

  test('refuses other clients with 403 forbidden', async () => {
    for (const address of ['203.0.113.7', '10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1']) {
      const response = await embedFrom(address);
      assert.equal(response.statusCode, 403, address);
      assert.equal(response.json().code, 'forbidden');
    }
  });

  test('refuses loopback connections forwarded by a proxy', async () => {
    const response = await embedFrom('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
    assert.equal(response.statusCode, 403);
  });
});
