import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { fakeDeps } from '../helpers/fake-deps.ts';
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

  test('refuses loopback connections carrying any forwarding header', async () => {
    const headers: Record<string, string>[] = [
      { forwarded: 'for=203.0.113.7' },
      { 'x-real-ip': '203.0.113.7' },
      { 'x-forwarded-host': 'book.example' },
      { 'x-forwarded-proto': 'https' },
      { via: '1.1 nginx' },
      { 'true-client-ip': '203.0.113.7' },
    ];
    for (const header of headers) {
      const response = await embedFrom('127.0.0.1', header);
      assert.equal(response.statusCode, 403, JSON.stringify(header));
      assert.equal(response.json().code, 'forbidden');
    }
  });

  test('refuses a Host that is not this machine (DNS rebinding), on every admin route', async () => {
    for (const host of ['attacker.example', 'attacker.example:7860', '192.168.1.5:7860', '0.0.0.0:7860']) {
      const embed = await embedFrom('127.0.0.1', { host });
      const remove = await inject({
        method: 'DELETE',
        url: '/documents?source=docs/intro.md',
        remoteAddress: '127.0.0.1',
        headers: { host },
      });
      assert.deepEqual([embed.statusCode, remove.statusCode], [403, 403], host);
    }
  });

  test('accepts the loopback names a local client uses as Host', async () => {
    for (const host of ['localhost', 'localhost:7860', 'LOCALHOST:7860', '127.0.0.1:7860', '[::1]:7860']) {
      assert.equal((await embedFrom('127.0.0.1', { host })).statusCode, 200, host);
    }
  });

  test('refuses a page of another site (Origin), accepts one served from this machine', async () => {
    for (const origin of ['https://attacker.example', 'null']) {
      assert.equal((await embedFrom('127.0.0.1', { origin })).statusCode, 403, origin);
    }
    assert.equal((await embedFrom('127.0.0.1', { origin: 'http://localhost:3000' })).statusCode, 200);
  });
});

describe('start-up warning about admin access', () => {
  /** Starts an app on `host` and returns the warnings it logged. */
  async function warningsWhenListening(host: string, env: Record<string, string> = {}): Promise<string[]> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { deps } = fakeDeps(env);
    const app = await createApp({ ...deps, logger: pino({ level: 'warn' }, sink) });
    await app.listen({ host, port: 0 });
    await app.close();
    return lines.filter((line) => line.includes('ADMIN_TOKEN'));
  }

  test('recommends ADMIN_TOKEN when listening beyond loopback without one', async () => {
    assert.equal((await warningsWhenListening('0.0.0.0')).length, 1);
  });

  test('stays quiet on loopback or with a token', async () => {
    assert.deepEqual(await warningsWhenListening('127.0.0.1'), []);
    assert.deepEqual(await warningsWhenListening('0.0.0.0', { ADMIN_TOKEN: 'secret' }), []);
  });
});
